#include "sgw-application.h"

#include "kms-application.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "otway-rees-kms-service.h"
#include "protocol/crypto/digest.h"
#include "protocol/ims/proxy-routing.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/otway-rees/otway-rees-sdp.h"
#include "protocol/otway-rees/sgw-key-push.h"
#include "protocol/sip/sdp.h"
#include "pstn-control-message.h"
#include "udp-endpoint.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsSgwApplication");
NS_OBJECT_ENSURE_REGISTERED(SgwApplication);

namespace otway = mediasec::otway;
namespace mims = mediasec::ims;

TypeId
SgwApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::SgwApplication")
            .SetParent<SipNodeApplication>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<SgwApplication>()
            .AddAttribute("Identity",
                          "ID-SGW: the requester identity towards the KMS and in key pushes",
                          StringValue("sip:sgw@pstn.ims.test"),
                          MakeStringAccessor(&SgwApplication::m_identity), MakeStringChecker())
            .AddAttribute("KmsAddress", "Address of the KMS (HTTP)", Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&SgwApplication::m_kmsAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("KmsPort", "TCP port of the KMS", UintegerValue(80),
                          MakeUintegerAccessor(&SgwApplication::m_kmsPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MgwAddress", "Address of the PSTN media gateway", Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&SgwApplication::m_mgwAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("TerminalAddress", "Address of the PSTN terminal reached through the MGW",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&SgwApplication::m_terminalAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("TerminalSsrc", "RTP SSRC of the PSTN terminal's stream (SDP a=ssrc)",
                          UintegerValue(0x50535431),
                          MakeUintegerAccessor(&SgwApplication::m_terminalSsrc),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("OfferServiceTime",
                          "Processing time of reading an offer and building the KMS request",
                          TimeValue(MicroSeconds(50)),
                          MakeTimeAccessor(&SgwApplication::m_offerServiceTime), MakeTimeChecker())
            .AddAttribute("ReplyServiceTime",
                          "Processing time of opening the KMS reply and building push and answer",
                          TimeValue(MicroSeconds(50)),
                          MakeTimeAccessor(&SgwApplication::m_replyServiceTime), MakeTimeChecker())
            .AddAttribute("Seed", "Run seed of the random source (label = node label)",
                          UintegerValue(1), MakeUintegerAccessor(&SgwApplication::m_seed),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("KeyPush", "A key push was sent to the MGW",
                            MakeTraceSourceAccessor(&SgwApplication::m_keyPushTrace),
                            "ns3::ims::SgwApplication::KeyPushTracedCallback");
    return tid;
}

SgwApplication::SgwApplication() = default;
SgwApplication::~SgwApplication() = default;

void
SgwApplication::SetKeys(const mediasec::Bytes& ksg, const mediasec::Bytes& ksm)
{
    m_ksg = ksg;
    m_ksm = ksm;
}

const SgwApplication::Counters&
SgwApplication::GetCounters() const
{
    return m_counters;
}

void
SgwApplication::DoDispose()
{
    m_controlSocket = nullptr;
    m_calls.clear();
    SipNodeApplication::DoDispose();
}

void
SgwApplication::StartApplication()
{
    SipNodeApplication::StartApplication();
    m_drbg.emplace(mediasec::Drbg::FromSeed(m_seed, GetLabel()));
    m_controlSocket = OpenUdpSocket(GetNode(), 0, MakeNullCallback<void, Ptr<Socket>>());
    m_kms.Start(GetNode(), InetSocketAddress(m_kmsAddress, m_kmsPort));
}

void
SgwApplication::StopApplication()
{
    m_kms.Stop();
    CloseSocket(m_controlSocket);
    SipNodeApplication::StopApplication();
}

void
SgwApplication::HandleSip(const mediasec::sip::SipMessage& message, const InetSocketAddress& from)
{
    if (!message.IsRequest() || message.Method() == "ACK")
    {
        return;
    }
    if (message.Method() == "INVITE")
    {
        const std::string callId = message.GetHeader("Call-ID").value_or("");
        auto known = m_calls.find(callId);
        if (known != m_calls.end())
        {
            // A retransmission: repeat the 200 OK once sent, otherwise the KMS is being asked.
            if (!known->second.answer.empty())
            {
                SendSipText(known->second.answer, callId, "200", from);
            }
            return;
        }
        ++m_counters.invites;
        SendSip(mims::MakeResponseTo(message, 100, "Trying"), from);
        Call call(message);
        call.from = from;
        m_calls.emplace(callId, std::move(call));
        Queue().Submit(m_offerServiceTime, [this, callId]() { StartCall(callId); });
    }
    else if (message.Method() == "BYE")
    {
        EndCall(message, from);
    }
    else
    {
        SendSip(mims::MakeResponseTo(message, 501, "Not Implemented"), from);
    }
}

void
SgwApplication::StartCall(const std::string& callId)
{
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
    {
        return; // ended before its turn
    }
    Call& call = it->second;
    const mediasec::sip::SipMessage& invite = call.invite;
    const InetSocketAddress from = call.from;
    auto sdp = mediasec::sip::ParseSdp(invite.Body());
    if (!sdp)
    {
        Refuse(invite, from, 488, "Not Acceptable Here", "SDP: " + sdp.GetError().ToString());
        return;
    }
    auto ue = mims::ReadAudioEndpoint(sdp.Value());
    const auto* audio = mims::FindAudio(sdp.Value());
    if (ue && audio != nullptr)
    {
        call.ueAddress = ue.Value().address;
        call.uePort = ue.Value().port;
        if (audio->proto == "RTP/AVP" && audio->AttributeValues("key-mgmt").empty() &&
            sdp.Value().AttributeValues("key-mgmt").empty())
        {
            // Plain RTP mode: no KMS, a keyless relay at the MGW.
            Connect(callId, call, FormatPstnControl(MgwControl(PstnCommand::Relay, callId, call)),
                    "");
            ++m_counters.relays;
            return;
        }
    }
    // RFC 4567: a=key-mgmt at media level, or at session level for every media.
    std::vector<std::string> keyMgmt =
        audio ? audio->AttributeValues("key-mgmt") : std::vector<std::string>{};
    for (const auto& value : sdp.Value().AttributeValues("key-mgmt"))
    {
        keyMgmt.push_back(value);
    }
    std::optional<mediasec::Bytes> offer;
    for (const auto& value : keyMgmt)
    {
        if (auto parsed = otway::ParseKeyMgmtOtwayRees(value))
        {
            offer = parsed.Value();
            break;
        }
    }
    if (!ue || !offer)
    {
        Refuse(invite, from, 488, "Not Acceptable Here",
               ue ? "no a=key-mgmt:otway-rees offer" : ue.GetError().ToString());
        return;
    }
    call.responder = std::make_unique<otway::OtwayReesResponder>(m_identity, m_ksg,
                                                                 otway::ResponderRole::Gateway);
    auto request = call.responder->BuildKmsRequest(*offer, *m_drbg, KmsClockNs(Simulator::Now()));
    if (!request)
    {
        Refuse(invite, from, 488, "Not Acceptable Here", "offer: " + request.GetError().ToString());
        return;
    }
    mediasec::http::HttpRequest post;
    post.method = "POST";
    post.target = kOtwayReesTarget;
    post.headers = {{"Host", "kms.ims.test"}, {"Content-Type", kOtwayReesContentType}};
    post.body.assign(request.Value().begin(), request.Value().end());
    const uint32_t bytes =
        m_kms.Send(post, [this, callId](mediasec::Result<mediasec::http::HttpResponse> reply) {
            Queue().Submit(m_replyServiceTime, [this, callId, reply = std::move(reply)]() {
                FinishCall(callId, reply);
            });
        });
    TraceMessage(true, callId, InterfaceOf(m_kmsAddress), "otway-rees", bytes);
}

void
SgwApplication::FinishCall(const std::string& callId,
                           const mediasec::Result<mediasec::http::HttpResponse>& reply)
{
    auto it = m_calls.find(callId);
    if (it == m_calls.end())
    {
        return; // ended while the KMS was asked
    }
    Call& call = it->second;
    if (!reply || (reply.Value().status != 200 && reply.Value().status != 403))
    {
        ++m_counters.kmsUnreachable;
        Refuse(call.invite, call.from, 503, "Service Unavailable",
               "KMS: " + (reply ? "HTTP " + std::to_string(reply.Value().status)
                                : reply.GetError().ToString()));
        return;
    }
    const mediasec::Bytes body(reply.Value().body.begin(), reply.Value().body.end());
    TraceMessage(false, callId, InterfaceOf(m_kmsAddress), "otway-rees",
                 static_cast<uint32_t>(body.size()));
    auto outcome = call.responder->ProcessKmsReply(body);
    if (!outcome)
    {
        ++m_counters.refusedKms;
        Refuse(call.invite, call.from, 403, "Forbidden", outcome.GetError().detail);
        return;
    }
    const auto& keys = outcome.Value().keys;
    const int64_t now = KmsClockNs(Simulator::Now());
    auto push =
        otway::BuildSgwKeyPush(m_ksm, m_identity, keys.sessionId, keys.sessionKey, *m_drbg, now);
    if (!push)
    {
        Refuse(call.invite, call.from, 500, "Server Internal Error",
               "key push: " + push.GetError().ToString());
        return;
    }
    for (const auto* key : {&keys.srtp.initiatorToResponder, &keys.srtp.responderToInitiator})
    {
        ReportKeyHeld(callId, mediasec::KeyFingerprint(key->key, key->salt));
    }
    PstnControlMessage control = MgwControl(PstnCommand::Push, callId, call);
    control.keyPush = push.Value();
    const mediasec::Bytes datagram = FormatPstnControl(control);
    Connect(callId, call, datagram, otway::FormatKeyMgmtOtwayRees(outcome.Value().answer));
    ++m_counters.keyPushes;
    m_keyPushTrace(callId, datagram);
}

PstnControlMessage
SgwApplication::MgwControl(PstnCommand command, const std::string& callId, const Call& call) const
{
    PstnControlMessage control;
    control.command = command;
    control.callId = callId;
    control.firstAddress = call.ueAddress;
    control.firstPort = call.uePort;
    control.secondAddress = AddressString(m_terminalAddress);
    control.secondPort = kPstnMediaPort;
    return control;
}

void
SgwApplication::Connect(const std::string& callId, Call& call, const mediasec::Bytes& control,
                        const std::string& keyMgmt)
{
    const std::string mgw = AddressString(m_mgwAddress);
    SendControl(control, InetSocketAddress(m_mgwAddress, kMgwControlPort));
    PstnControlMessage setup;
    setup.command = PstnCommand::Setup;
    setup.callId = callId;
    setup.firstAddress = mgw;
    setup.firstPort = kMgwMediaPort;
    SendControl(FormatPstnControl(setup),
                InetSocketAddress(m_terminalAddress, kPstnSignallingPort));

    auto sdp = mediasec::sip::ParseSdp(call.invite.Body()).Value(); // parsed in StartCall
    sdp.origin.address = AddressString(GetLocalAddress());
    mims::SetAudioEndpoint(sdp, {mgw, kMgwMediaPort});
    auto* audio = mims::FindAudio(sdp);
    audio->proto = keyMgmt.empty() ? "RTP/AVP" : "RTP/SAVP";
    audio->RemoveAttributes("ssrc");
    // RFC 5576: the UE demultiplexes by SSRC; the terminal's stream reaches it through the MGW.
    audio->AddAttribute("ssrc", std::to_string(m_terminalSsrc) + " cname:pstn");
    audio->RemoveAttributes("key-mgmt");
    sdp.RemoveAttributes("key-mgmt");
    if (!keyMgmt.empty())
    {
        audio->AddAttribute("key-mgmt", keyMgmt);
    }
    auto ok = mims::MakeResponseTo(call.invite, 200, "OK");
    ok.SetHeader("To", ok.GetHeader("To").value_or("") + ";tag=sgw-" +
                           std::to_string(m_counters.answered + 1));
    ok.AddHeader("Contact", "<sip:sgw@" + AddressString(GetLocalAddress()) + ":" +
                                std::to_string(m_sipPort) + ">");
    ok.SetBody(mediasec::sip::FormatSdp(sdp), "application/sdp");
    call.answer = ok.Format();
    SendSipText(call.answer, callId, "200", call.from);
    ++m_counters.answered;
}

void
SgwApplication::EndCall(const mediasec::sip::SipMessage& bye, const InetSocketAddress& from)
{
    ++m_counters.byes;
    const std::string callId = bye.GetHeader("Call-ID").value_or("");
    SendSip(mims::MakeResponseTo(bye, 200, "OK"), from);
    if (m_calls.erase(callId) == 0)
    {
        return;
    }
    PstnControlMessage release;
    release.command = PstnCommand::Release;
    release.callId = callId;
    SendControl(FormatPstnControl(release), InetSocketAddress(m_mgwAddress, kMgwControlPort));
    release.command = PstnCommand::Clear;
    SendControl(FormatPstnControl(release),
                InetSocketAddress(m_terminalAddress, kPstnSignallingPort));
}

void
SgwApplication::Refuse(const mediasec::sip::SipMessage& request, const InetSocketAddress& to,
                       int code, const std::string& reason, const std::string& cause)
{
    NS_LOG_INFO(GetLabel() << " refuses " << request.GetHeader("Call-ID").value_or("") << ": "
                           << code << " " << cause);
    if (code == 488)
    {
        ++m_counters.refusedOffer;
    }
    auto response = mims::MakeResponseTo(request, code, reason);
    std::string text = cause;
    for (char& c : text)
    {
        c = c == '"' || c == '\\' ? '\'' : c;
    }
    response.AddHeader("Reason", "SIP;cause=" + std::to_string(code) + ";text=\"" + text + "\"");
    SendSip(response, to);
    m_calls.erase(request.GetHeader("Call-ID").value_or(""));
}

void
SgwApplication::SendControl(const mediasec::Bytes& datagram, const InetSocketAddress& to)
{
    m_controlSocket->SendTo(Create<Packet>(datagram.data(), datagram.size()), 0, to);
}

} // namespace ims
} // namespace ns3
