#include "sip-node-application.h"

#include "udp-endpoint.h"

#include "protocol/crypto/digest.h"
#include "protocol/ims/sdp-media-security.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsSipNodeApplication");
NS_OBJECT_ENSURE_REGISTERED(SipNodeApplication);

TypeId
SipNodeApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::SipNodeApplication")
            .SetParent<Application>()
            .SetGroupName("ImsMediasec")
            .AddAttribute("SipPort",
                          "UDP port for SIP",
                          UintegerValue(5060),
                          MakeUintegerAccessor(&SipNodeApplication::m_sipPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("SipServiceTime",
                          "Processing time charged per received SIP message",
                          TimeValue(MicroSeconds(50)),
                          MakeTimeAccessor(&SipNodeApplication::m_sipServiceTime),
                          MakeTimeChecker())
            .AddAttribute("Label",
                          "Node label used in results and key custody",
                          StringValue("node"),
                          MakeStringAccessor(&SipNodeApplication::m_label),
                          MakeStringChecker())
            .AddAttribute("DefaultInterface",
                          "Interface label of peers not set with SetPeerInterface",
                          StringValue("Gm"),
                          MakeStringAccessor(&SipNodeApplication::m_defaultInterface),
                          MakeStringChecker())
            .AddTraceSource("SipSent",
                            "A SIP message was sent",
                            MakeTraceSourceAccessor(&SipNodeApplication::m_sipSentTrace),
                            "ns3::ims::SipNodeApplication::SipTracedCallback")
            .AddTraceSource("SipReceived",
                            "A SIP message was received and parsed",
                            MakeTraceSourceAccessor(&SipNodeApplication::m_sipReceivedTrace),
                            "ns3::ims::SipNodeApplication::SipTracedCallback")
            .AddTraceSource("SipParseError",
                            "A datagram on the SIP port did not parse (typed error text)",
                            MakeTraceSourceAccessor(&SipNodeApplication::m_parseErrorTrace),
                            "ns3::TracedValueCallback::String")
            .AddTraceSource("KeyHeld",
                            "This node holds a media key",
                            MakeTraceSourceAccessor(&SipNodeApplication::m_keyHeldTrace),
                            "ns3::ims::SipNodeApplication::KeyHeldTracedCallback");
    return tid;
}

void
SipNodeApplication::SetPeerInterface(Ipv4Address peer, const std::string& interfaceName)
{
    m_interfaces[peer] = interfaceName;
}

const std::string&
SipNodeApplication::GetLabel() const
{
    return m_label;
}

const ProcessingQueue&
SipNodeApplication::GetProcessingQueue() const
{
    return m_queue;
}

uint64_t
SipNodeApplication::GetParseErrors() const
{
    return m_parseErrors;
}

ProcessingQueue&
SipNodeApplication::Queue()
{
    return m_queue;
}

void
SipNodeApplication::DoDispose()
{
    m_socket = nullptr;
    Application::DoDispose();
}

void
SipNodeApplication::StartApplication()
{
    m_socket =
        OpenUdpSocket(GetNode(), m_sipPort, MakeCallback(&SipNodeApplication::HandleRead, this));
}

void
SipNodeApplication::StopApplication()
{
    CloseSocket(m_socket);
}

void
SipNodeApplication::HandleRead(Ptr<Socket> socket)
{
    Address fromAddress;
    while (Ptr<Packet> packet = socket->RecvFrom(fromAddress))
    {
        std::string text = PacketText(packet);
        const InetSocketAddress from = InetSocketAddress::ConvertFrom(fromAddress);
        m_queue.Submit(m_sipServiceTime, [this, text = std::move(text), from]() {
            auto parsed = mediasec::sip::ParseSipMessage(text);
            if (!parsed)
            {
                ++m_parseErrors;
                NS_LOG_WARN(m_label << " dropped SIP datagram: " << parsed.GetError().ToString());
                m_parseErrorTrace(parsed.GetError().ToString());
                return;
            }
            const auto& message = parsed.Value();
            m_sipReceivedTrace(message.GetHeader("Call-ID").value_or(""),
                               InterfaceOf(from.GetIpv4()),
                               SummaryOf(message),
                               static_cast<uint32_t>(text.size()));
            ReportSdpKeys(message);
            HandleSip(message, from);
        });
    }
}

void
SipNodeApplication::SendSip(const mediasec::sip::SipMessage& message, const InetSocketAddress& to)
{
    SendSipText(message.Format(),
                message.GetHeader("Call-ID").value_or(""),
                SummaryOf(message),
                to);
}

void
SipNodeApplication::SendSipText(const std::string& text,
                                const std::string& callId,
                                const std::string& summary,
                                const InetSocketAddress& to)
{
    m_socket->SendTo(TextPacket(text), 0, to);
    m_sipSentTrace(callId, InterfaceOf(to.GetIpv4()), summary, static_cast<uint32_t>(text.size()));
}

void
SipNodeApplication::TraceMessage(bool sent, const std::string& callId,
                                 const std::string& interfaceName, const std::string& summary,
                                 uint32_t bytes)
{
    (sent ? m_sipSentTrace : m_sipReceivedTrace)(callId, interfaceName, summary, bytes);
}

void
SipNodeApplication::ReportKeyHeld(const std::string& callId, const std::string& fingerprint)
{
    m_keyHeldTrace(callId, fingerprint, m_label);
}

void
SipNodeApplication::ReportSdpKeys(const mediasec::sip::SipMessage& message)
{
    if (message.Body().empty())
    {
        return;
    }
    auto sdp = mediasec::sip::ParseSdp(message.Body());
    if (!sdp)
    {
        return;
    }
    const std::string callId = message.GetHeader("Call-ID").value_or("");
    for (const auto& media : sdp.Value().media)
    {
        for (const auto& crypto : mediasec::ims::ReadValidCryptoAttributes(media))
        {
            for (const auto& key : crypto.keys)
            {
                ReportKeyHeld(callId, mediasec::KeyFingerprint(key.masterKey, key.masterSalt));
            }
        }
    }
}

std::string
SipNodeApplication::InterfaceOf(Ipv4Address peer) const
{
    auto it = m_interfaces.find(peer);
    return it == m_interfaces.end() ? m_defaultInterface : it->second;
}

Ipv4Address
SipNodeApplication::GetLocalAddress() const
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    return ipv4->GetAddress(1, 0).GetLocal();
}

std::string
AddressString(Ipv4Address address)
{
    std::ostringstream out;
    address.Print(out);
    return out.str();
}

std::string
SummaryOf(const mediasec::sip::SipMessage& message)
{
    return message.IsRequest() ? message.Method() : std::to_string(message.StatusCode());
}

} // namespace ims
} // namespace ns3
