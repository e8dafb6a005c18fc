#include "voice-mail-application.h"

#include "kms-application.h"
#include "udp-endpoint.h"

#include "protocol/ims/proxy-routing.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/kms/kms-identity.h"
#include "protocol/mikey/key-mgmt-attribute.h"
#include "protocol/rtp/rtp-header.h"
#include "protocol/sip/sdp.h"
#include "protocol/sip/sip-header-values.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsVoiceMailApplication");
NS_OBJECT_ENSURE_REGISTERED(VoiceMailApplication);

namespace mims = mediasec::ims;
using mediasec::sip::SipMessage;

TypeId
VoiceMailApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::VoiceMailApplication")
            .SetParent<SipNodeApplication>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<VoiceMailApplication>()
            .AddAttribute("MediaPort",
                          "UDP port where the media of answered calls is recorded",
                          UintegerValue(49170),
                          MakeUintegerAccessor(&VoiceMailApplication::m_mediaPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("HttpPort",
                          "TCP port of the mailbox (HTTP GET /mailbox/<user>)",
                          UintegerValue(80),
                          MakeUintegerAccessor(&VoiceMailApplication::m_httpPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Uri",
                          "SIP URI of the server (Contact of its answers)",
                          StringValue("sip:voicemail@ims.test"),
                          MakeStringAccessor(&VoiceMailApplication::m_uri),
                          MakeStringChecker());
    return tid;
}

VoiceMailApplication::VoiceMailApplication() = default;
VoiceMailApplication::~VoiceMailApplication() = default;

const std::map<std::string, std::vector<mediasec::voicemail::StoredMessage>>&
VoiceMailApplication::GetMailboxes() const
{
    return m_mailboxes;
}

uint64_t
VoiceMailApplication::GetMailboxRequests() const
{
    return m_mailboxRequests;
}

void
VoiceMailApplication::DoDispose()
{
    m_http.Stop();
    m_media = nullptr;
    SipNodeApplication::DoDispose();
}

void
VoiceMailApplication::StartApplication()
{
    SipNodeApplication::StartApplication();
    m_media = OpenUdpSocket(GetNode(), m_mediaPort,
                            MakeCallback(&VoiceMailApplication::HandleMediaRead, this));
    m_http.Start(GetNode(), m_httpPort,
                 [this](const mediasec::http::HttpRequest& request, HttpServer::Respond respond) {
                     ServeMailbox(request, std::move(respond));
                 });
}

void
VoiceMailApplication::StopApplication()
{
    CloseSocket(m_media);
    m_http.Stop();
    SipNodeApplication::StopApplication();
}

void
VoiceMailApplication::HandleSip(const SipMessage& message, const InetSocketAddress& from)
{
    if (!message.IsRequest() || message.Method() == "ACK")
    {
        return;
    }
    const std::string callId = message.GetHeader("Call-ID").value_or("");
    auto recording = m_recordings.find(callId);
    if (message.Method() == "INVITE")
    {
        if (recording == m_recordings.end())
        {
            Answer(message, from);
        }
        else
        {
            SendSipText(recording->second.okText, callId, "200", from);
        }
        return;
    }
    if (message.Method() == "BYE" && recording != m_recordings.end())
    {
        recording->second.closed = true;
        SendSip(mims::MakeResponseTo(message, 200, "OK"), from);
        return;
    }
    const bool bye = message.Method() == "BYE";
    SendSip(mims::MakeResponseTo(message, bye ? 481 : 405,
                                 bye ? "Call/Transaction Does Not Exist" : "Method Not Allowed"),
            from);
}

void
VoiceMailApplication::Answer(const SipMessage& invite, const InetSocketAddress& from)
{
    const std::string callId = invite.GetHeader("Call-ID").value_or("");
    auto offer = mediasec::sip::ParseSdp(invite.Body());
    const auto* audio = offer ? mims::FindAudio(offer.Value()) : nullptr;
    const auto to = mediasec::sip::ParseNameAddr(invite.GetHeader("To").value_or(""));
    const auto caller = mediasec::sip::ParseNameAddr(invite.GetHeader("From").value_or(""));
    if (audio == nullptr || !to || !caller)
    {
        SendSip(mims::MakeResponseTo(invite, 488, "Not Acceptable Here"), from);
        return;
    }
    mediasec::voicemail::StoredMessage message;
    message.caller = caller.Value().uri;
    message.callId = callId;
    message.depositedNs = KmsClockNs(Simulator::Now());
    const auto keyMgmt = offer.Value().AttributeValues("key-mgmt");
    if (!keyMgmt.empty())
    {
        // Kept as received: only the recipient can check it, after resolving the ticket.
        auto transfer = mediasec::mikey::ParseKeyMgmtMikey(keyMgmt.front());
        message.keyManagement = transfer ? transfer.Value() : mediasec::Bytes{};
    }
    const std::string mailbox = mediasec::kms::KmsUserIdentity(to.Value().uri);
    auto& box = m_mailboxes[mailbox];
    box.push_back(std::move(message));
    if (const auto ssrc = mims::ReadSsrc(*audio))
    {
        m_callBySsrc[*ssrc] = callId;
    }
    SipMessage ok = mims::MakeResponseTo(invite, 200, "OK");
    ok.SetHeader("To", invite.GetHeader("To").value_or("") + ";tag=vm" + std::to_string(box.size()));
    ok.AddHeader("Contact", "<" + m_uri + ">");
    ok.SetBody(MakeAnswerSdp(offer.Value()), "application/sdp");
    Recording& r = m_recordings[callId];
    r.mailbox = mailbox;
    r.index = box.size() - 1;
    r.okText = ok.Format();
    SendSipText(r.okText, callId, "200", from);
}

std::string
VoiceMailApplication::MakeAnswerSdp(const mediasec::sip::SdpSession& offer) const
{
    const auto* offered = mims::FindAudio(offer);
    const std::string address = AddressString(GetLocalAddress());
    mediasec::sip::SdpSession sdp;
    sdp.origin = {"-", m_recordings.size() + 1, 1, "IN", "IP4", address};
    sdp.connection = mediasec::sip::SdpConnection{"IN", "IP4", address};
    mediasec::sip::SdpMedia audio;
    audio.media = "audio";
    audio.port = m_mediaPort;
    audio.proto = offered->proto;
    audio.formats = {offered->formats.front()};
    for (const auto& rtpmap : offered->AttributeValues("rtpmap"))
    {
        audio.AddAttribute("rtpmap", rtpmap);
    }
    audio.AddAttribute("recvonly", "");
    audio.attributes.back().hasValue = false;
    sdp.media.push_back(audio);
    return mediasec::sip::FormatSdp(sdp);
}

void
VoiceMailApplication::HandleMediaRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        mediasec::Bytes bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        const auto ssrc = mediasec::PeekRtpSsrc(bytes.data(), bytes.size());
        auto callId = ssrc ? m_callBySsrc.find(ssrc.Value()) : m_callBySsrc.end();
        auto recording =
            callId == m_callBySsrc.end() ? m_recordings.end() : m_recordings.find(callId->second);
        if (recording == m_recordings.end() || recording->second.closed)
        {
            continue; // not a recorded call
        }
        const Recording& r = recording->second;
        m_mailboxes[r.mailbox][r.index].mediaPackets.push_back(std::move(bytes));
    }
}

void
VoiceMailApplication::ServeMailbox(const mediasec::http::HttpRequest& request,
                                   HttpServer::Respond respond)
{
    ++m_mailboxRequests;
    const std::string prefix = "/mailbox/";
    if (request.method != "GET" || request.target.rfind(prefix, 0) != 0)
    {
        respond(mediasec::http::HttpResponse{400, "Bad Request", {}, ""});
        return;
    }
    auto box = m_mailboxes.find(request.target.substr(prefix.size()));
    auto bytes = mediasec::voicemail::FormatMailbox(
        box == m_mailboxes.end() ? std::vector<mediasec::voicemail::StoredMessage>{} : box->second);
    if (!bytes)
    {
        respond(mediasec::http::HttpResponse{500, "Server Error", {}, ""});
        return;
    }
    mediasec::http::HttpResponse ok{200, "OK", {}, {}};
    ok.headers.emplace_back("Content-Type", "application/octet-stream");
    ok.body.assign(bytes.Value().begin(), bytes.Value().end());
    respond(ok);
}

} // namespace ims
} // namespace ns3
