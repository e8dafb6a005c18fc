#include "transcoder-application.h"

#include "kms-application.h"
#include "queued-media-reader.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"
#include "protocol/crypto/digest.h"
#include "protocol/crypto/drbg.h"
#include "protocol/ims/proxy-routing.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/kms/ticket-messages.h"
#include "protocol/mikey/key-mgmt-attribute.h"
#include "protocol/mikey/mikey-message.h"
#include "protocol/rtp/rtp-header.h"
#include "protocol/sip/sdp.h"
#include "protocol/sip/sip-header-values.h"
#include "udp-endpoint.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsTranscoderApplication");
NS_OBJECT_ENSURE_REGISTERED(TranscoderApplication);

using mediasec::sip::SipMessage;
namespace mims = mediasec::ims;

TypeId
TranscoderApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::TranscoderApplication")
            .SetParent<SipNodeApplication>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<TranscoderApplication>()
            .AddAttribute(
                "MediaPort", "UDP port where the transcoder receives the media it anchors",
                UintegerValue(30000), MakeUintegerAccessor(&TranscoderApplication::m_mediaPort),
                MakeUintegerChecker<uint16_t>())
            .AddAttribute(
                "KmsAddress", "Address of the KMS (none: the transcoder never asks for keys)",
                Ipv4AddressValue(), MakeIpv4AddressAccessor(&TranscoderApplication::m_kmsAddress),
                MakeIpv4AddressChecker())
            .AddAttribute("KmsPort", "TCP port of the KMS (Ua, HTTP)", UintegerValue(80),
                          MakeUintegerAccessor(&TranscoderApplication::m_kmsPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("PacketServiceTime", "Processing time per media packet (0: not modelled)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&TranscoderApplication::m_packetServiceTime),
                          MakeTimeChecker())
            .AddAttribute("FromPayloadType", "RTP payload type the transcoder converts (0 = PCMU)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TranscoderApplication::m_fromPayloadType),
                          MakeUintegerChecker<uint8_t>(0, 127))
            .AddAttribute("ToPayloadType", "RTP payload type it converts to (8 = PCMA)",
                          UintegerValue(8),
                          MakeUintegerAccessor(&TranscoderApplication::m_toPayloadType),
                          MakeUintegerChecker<uint8_t>(0, 127))
            .AddAttribute("Seed", "Run seed of the resolvers' key generators (label = node label)",
                          UintegerValue(1), MakeUintegerAccessor(&TranscoderApplication::m_seed),
                          MakeUintegerChecker<uint64_t>());
    return tid;
}

TranscoderApplication::TranscoderApplication() = default;
TranscoderApplication::~TranscoderApplication() = default;

void
TranscoderApplication::SetKmsCredentials(const mediasec::kms::UeCredentials& credentials)
{
    m_credentials = credentials;
}

const TranscoderApplication::Counters&
TranscoderApplication::GetCounters() const
{
    return m_counters;
}

size_t
TranscoderApplication::GetSessionCount() const
{
    return m_sessions.size();
}

void
TranscoderApplication::DoDispose()
{
    m_mediaSocket = nullptr;
    m_sessions.clear();
    m_streams.clear();
    SipNodeApplication::DoDispose();
}

void
TranscoderApplication::StartApplication()
{
    SipNodeApplication::StartApplication();
    m_mediaSocket = OpenUdpSocket(GetNode(), m_mediaPort,
                                  MakeCallback(&TranscoderApplication::HandleMediaRead, this));
    if (m_kmsAddress != Ipv4Address())
    {
        m_ua.Start(GetNode(), InetSocketAddress(m_kmsAddress, m_kmsPort));
    }
}

void
TranscoderApplication::StopApplication()
{
    m_ua.Stop();
    CloseSocket(m_mediaSocket);
    SipNodeApplication::StopApplication();
}

void
TranscoderApplication::HandleSip(const SipMessage& message, const InetSocketAddress& from)
{
    if (message.IsRequest())
    {
        HandleRequest(message, from);
    }
    else
    {
        HandleResponse(message);
    }
}

std::optional<TranscoderApplication::Anchored>
TranscoderApplication::Anchor(SipMessage& message) const
{
    if (message.Body().empty())
    {
        return std::nullopt;
    }
    auto sdp = mediasec::sip::ParseSdp(message.Body());
    if (!sdp)
    {
        return std::nullopt;
    }
    const auto endpoint = mims::ReadAudioEndpoint(sdp.Value());
    const auto* audio = mims::FindAudio(sdp.Value());
    if (!endpoint || audio == nullptr)
    {
        return std::nullopt;
    }
    Anchored found;
    found.media =
        InetSocketAddress(Ipv4Address(endpoint.Value().address.c_str()), endpoint.Value().port);
    found.ssrc = mims::ReadSsrc(*audio).value_or(0);
    const auto keyMgmt = sdp.Value().AttributeValues("key-mgmt");
    if (!keyMgmt.empty())
    {
        if (auto mikey = mediasec::mikey::ParseKeyMgmtMikey(keyMgmt.front()))
        {
            found.mikey = std::move(mikey).Value();
        }
    }
    mims::SetAudioEndpoint(sdp.Value(), {AddressString(GetLocalAddress()), m_mediaPort});
    message.SetBody(mediasec::sip::FormatSdp(sdp.Value()), "application/sdp");
    return found;
}

void
TranscoderApplication::HandleRequest(SipMessage request, const InetSocketAddress& from)
{
    if (!mims::DecrementMaxForwards(request))
    {
        if (request.Method() != "ACK")
        {
            SendSip(mims::MakeResponseTo(request, 483, "Too Many Hops"), from);
        }
        return;
    }
    const std::string callId = request.GetHeader("Call-ID").value_or("");
    if (request.Method() == "INVITE")
    {
        // A retransmission is anchored again the same way; the call keeps its first offer.
        auto offer = Anchor(request);
        if (offer && m_sessions.count(callId) == 0)
        {
            Session session;
            session.callerMedia = offer->media;
            session.callerSsrc = offer->ssrc;
            session.transferInit = offer->mikey.value_or(mediasec::Bytes{});
            m_streams[{offer->media.GetIpv4().Get(), offer->ssrc}] = StreamRef{callId, ""};
            m_sessions.emplace(callId, std::move(session));
            ++m_counters.calls;
        }
    }
    mims::PushProxyVia(request, AddressString(GetLocalAddress()), m_sipPort, GetLabel());
    SendSip(request, from);
}

void
TranscoderApplication::HandleResponse(SipMessage response)
{
    auto hop = mims::PopViaForResponse(response);
    if (!hop)
    {
        NS_LOG_WARN(GetLabel() << " cannot route response: " << hop.GetError().ToString());
        return;
    }
    const InetSocketAddress to(Ipv4Address(hop.Value().host.c_str()), hop.Value().port);
    const auto cseq = mediasec::sip::ParseCSeq(response.GetHeader("CSeq").value_or(""));
    const std::string method = cseq ? cseq.Value().method : "";
    const std::string callId = response.GetHeader("Call-ID").value_or("");
    const int code = response.StatusCode();
    auto session = m_sessions.find(callId);
    if (method == "INVITE" && session != m_sessions.end() && code / 100 == 2)
    {
        HandleAnswer(callId, session->second, std::move(response), to);
        return;
    }
    SendSip(response, to);
    if (method == "INVITE" && session != m_sessions.end() && code >= 300 &&
        session->second.legs.empty())
    {
        Forget(callId, ""); // the call failed: nobody answered
    }
    if (method == "BYE" && code >= 200)
    {
        EndDialog(response);
    }
}

void
TranscoderApplication::HandleAnswer(const std::string& callId, Session& session,
                                    SipMessage response, const InetSocketAddress& hop)
{
    const std::string tag = mims::TagOf(response, "To");
    auto answer = Anchor(response);
    auto existing = session.legs.find(tag);
    if (existing != session.legs.end())
    {
        // A retransmitted 2xx: held while its keys are resolved, else forwarded anchored.
        if (existing->second.resolving)
        {
            existing->second.held = std::move(response);
            existing->second.heldHop = hop;
            return;
        }
        ForwardAnswer(session, tag, response, hop);
        return;
    }
    if (!answer)
    {
        SendSip(response, hop); // a 2xx without an audio answer: nothing to anchor
        return;
    }
    Leg& leg = session.legs[tag];
    leg.media = answer->media;
    leg.ssrc = answer->ssrc;
    m_streams[{answer->media.GetIpv4().Get(), answer->ssrc}] = StreamRef{callId, tag};
    // Held until the keys are known (the caller's media starts with it), if the KMS is asked;
    // held first, since the reply may come at once (a Ua client that cannot send).
    leg.held = response;
    leg.heldHop = hop;
    if (answer->mikey && StartResolve(callId, tag, session, leg, *answer->mikey))
    {
        return;
    }
    leg.held.reset();
    ForwardAnswer(session, tag, response, hop);
}

bool
TranscoderApplication::StartResolve(const std::string& callId, const std::string& tag,
                                    const Session& session, Leg& leg,
                                    const mediasec::Bytes& transferResp)
{
    if (session.transferInit.empty() || m_kmsAddress == Ipv4Address())
    {
        return false;
    }
    // One resolver per answer: forked answers of one call share its CSB ID and resolve apart.
    leg.resolver = std::make_unique<mediasec::kms::NetworkFunctionResolver>(
        m_credentials, mediasec::Drbg::FromSeed(m_seed, GetLabel() + "/" + callId + "/" + tag));
    auto resolve = leg.resolver->BuildResolveInit(session.transferInit, transferResp,
                                                  KmsClockNs(Simulator::Now()));
    if (!resolve)
    {
        NS_LOG_WARN(GetLabel() << ": no RESOLVE_INIT for " << callId << ": "
                               << resolve.GetError().ToString());
        ++m_counters.resolveFailures;
        leg.resolver.reset();
        return false;
    }
    leg.resolving = true;
    const uint32_t sent = m_ua.Post("/resolve", resolve.Value(), [this, callId, tag](auto reply) {
        if (reply)
        {
            TraceMessage(false, callId, "Ua", "reply", static_cast<uint32_t>(reply.Value().size()));
        }
        FinishResolve(callId, tag, reply);
    });
    TraceMessage(true, callId, "Ua", "POST", sent);
    return true;
}

void
TranscoderApplication::FinishResolve(const std::string& callId, const std::string& tag,
                                     const mediasec::Result<mediasec::Bytes>& reply)
{
    auto session = m_sessions.find(callId);
    if (session == m_sessions.end() || session->second.legs.count(tag) == 0)
    {
        return;
    }
    Leg& leg = session->second.legs.at(tag);
    leg.resolving = false;
    auto keys = reply ? leg.resolver->ProcessResolveResp(reply.Value())
                      : mediasec::Result<mediasec::kms::NetworkFunctionKeys>(reply.GetError());
    leg.resolver.reset();
    if (keys)
    {
        const std::string failure = InstallKeys(callId, leg, keys.Value().srtp);
        ++(failure.empty() ? m_counters.keys : m_counters.resolveFailures);
    }
    else
    {
        // The KMS answers a refusal with its MIKEY Error message (HTTP 403).
        auto message = reply ? mediasec::mikey::ParseMikeyMessage(reply.Value())
                             : mediasec::Result<mediasec::mikey::MikeyMessage>(reply.GetError());
        const bool refused =
            message && mediasec::kms::ReceivedMikeyError(message.Value(), "RESOLVE_RESP");
        ++(refused ? m_counters.refusals : m_counters.resolveFailures);
        NS_LOG_INFO(GetLabel() << ": no keys for " << callId
                               << " (relaying untouched): " << keys.GetError().ToString());
    }
    if (leg.held)
    {
        SipMessage held = std::move(*leg.held);
        leg.held.reset();
        ForwardAnswer(session->second, tag, held, leg.heldHop);
    }
}

std::string
TranscoderApplication::InstallKeys(const std::string& callId, Leg& leg,
                                   const mediasec::kms::SrtpSessionKeys& keys)
{
    using mediasec::SrtpDirection;
    const auto& forward = keys.initiatorToResponder;
    const auto& backward = keys.responderToInitiator;
    auto fromCaller = mediasec::SrtpSession::Create(SrtpDirection::Inbound,
                                                    {keys.suite, forward.key, forward.salt});
    auto toCallee = mediasec::SrtpSession::Create(SrtpDirection::Outbound,
                                                  {keys.suite, forward.key, forward.salt});
    auto fromCallee = mediasec::SrtpSession::Create(SrtpDirection::Inbound,
                                                    {keys.suite, backward.key, backward.salt});
    auto toCaller = mediasec::SrtpSession::Create(SrtpDirection::Outbound,
                                                  {keys.suite, backward.key, backward.salt});
    if (!fromCaller || !toCallee || !fromCallee || !toCaller)
    {
        NS_LOG_WARN(GetLabel() << ": SRTP contexts for " << callId << " failed");
        return "srtp-context-failed";
    }
    leg.fromCaller = std::move(fromCaller).Value();
    leg.toCallee = std::move(toCallee).Value();
    leg.fromCallee = std::move(fromCallee).Value();
    leg.toCaller = std::move(toCaller).Value();
    ReportKeyHeld(callId, mediasec::KeyFingerprint(forward.key, forward.salt));
    ReportKeyHeld(callId, mediasec::KeyFingerprint(backward.key, backward.salt));
    return "";
}

void
TranscoderApplication::ForwardAnswer(Session& session, const std::string& tag,
                                     const SipMessage& response, const InetSocketAddress& hop)
{
    if (session.keptTag.empty())
    {
        // The caller keeps the first 2xx it receives (RFC 3261 13.2.2.4), and 2xx responses
        // reach it in the order they leave here: its stream goes to this answerer.
        session.keptTag = tag;
    }
    SendSip(response, hop);
}

void
TranscoderApplication::EndDialog(const SipMessage& response)
{
    const std::string callId = response.GetHeader("Call-ID").value_or("");
    auto session = m_sessions.find(callId);
    if (session == m_sessions.end())
    {
        return;
    }
    // The BYE came from either side: the answerer's tag is the To or the From tag.
    for (const char* header : {"To", "From"})
    {
        const std::string tag = mims::TagOf(response, header);
        if (session->second.legs.count(tag) > 0)
        {
            Forget(callId, tag == session->second.keptTag ? "" : tag);
            return;
        }
    }
    Forget(callId, "");
}

void
TranscoderApplication::Forget(const std::string& callId, const std::string& tag)
{
    auto session = m_sessions.find(callId);
    if (session == m_sessions.end())
    {
        return;
    }
    auto dropStream = [this, &callId](const InetSocketAddress& media, uint32_t ssrc,
                                      const std::string& streamTag) {
        auto stream = m_streams.find({media.GetIpv4().Get(), ssrc});
        if (stream != m_streams.end() && stream->second.callId == callId &&
            stream->second.tag == streamTag)
        {
            m_streams.erase(stream);
        }
    };
    Session& s = session->second;
    if (!tag.empty())
    {
        auto leg = s.legs.find(tag);
        if (leg != s.legs.end())
        {
            dropStream(leg->second.media, leg->second.ssrc, tag);
            s.legs.erase(leg);
        }
        return;
    }
    dropStream(s.callerMedia, s.callerSsrc, "");
    for (const auto& [legTag, leg] : s.legs)
    {
        dropStream(leg.media, leg.ssrc, legTag);
    }
    m_sessions.erase(session);
}

void
TranscoderApplication::HandleMediaRead(Ptr<Socket> socket)
{
    // Each media packet waits in the node's FIFO with the SIP messages.
    ReadMediaThroughQueue(
        socket, Queue(), m_packetServiceTime, m_buffer,
        [this](mediasec::Bytes& packet, Ipv4Address source) { Relay(packet, source); });
}

void
TranscoderApplication::Relay(mediasec::Bytes& packet, Ipv4Address source)
{
    const auto ssrc = mediasec::PeekRtpSsrc(packet.data(), packet.size());
    auto stream = ssrc ? m_streams.find({source.Get(), ssrc.Value()}) : m_streams.end();
    if (stream == m_streams.end())
    {
        ++m_counters.unknownStream;
        return;
    }
    auto call = m_sessions.find(stream->second.callId);
    const bool fromCaller = stream->second.tag.empty();
    if (call == m_sessions.end() ||
        call->second.legs.count(fromCaller ? call->second.keptTag : stream->second.tag) == 0)
    {
        ++m_counters.unknownStream; // e.g. the caller's media before any answer was forwarded
        return;
    }
    Session& session = call->second;
    auto leg = session.legs.find(fromCaller ? session.keptTag : stream->second.tag);
    Leg& l = leg->second;
    mediasec::SrtpSession* in = fromCaller ? l.fromCaller.get() : l.fromCallee.get();
    mediasec::SrtpSession* out = fromCaller ? l.toCallee.get() : l.toCaller.get();
    if (in != nullptr)
    {
        if (auto s = in->Unprotect(packet); !s)
        {
            NS_LOG_INFO(GetLabel() << ": SRTP rejected: " << s.GetError().ToString());
            ++m_counters.rejected;
            return;
        }
        // The conversion: PT is in the authenticated header, so only a key holder can change
        // it without the receiver's SRTP check failing. The payload (the probe) is kept.
        const auto header = mediasec::ParseRtpHeader(packet.data(), packet.size());
        const bool convert = header && header.Value().payloadType == m_fromPayloadType;
        auto converted = convert ? mediasec::SetRtpPayloadType(packet, m_toPayloadType)
                                 : mediasec::Status(mediasec::Ok{});
        auto protect = converted ? out->Protect(packet) : converted;
        if (!protect)
        {
            NS_LOG_WARN(GetLabel() << ": not re-encrypted: " << protect.GetError().ToString());
            ++m_counters.rejected;
            return;
        }
        ++m_counters.transcoded;
    }
    else
    {
        ++m_counters.relayed;
    }
    const InetSocketAddress to = fromCaller ? l.media : session.callerMedia;
    m_mediaSocket->SendTo(Create<Packet>(packet.data(), packet.size()), 0, to);
}

} // namespace ims
} // namespace ns3
