#include "ims-agw-application.h"

#include "sip-node-application.h"

#include "udp-endpoint.h"

#include "protocol/crypto/digest.h"
#include "protocol/iq/iq-message.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/rtp/rtp-header.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsAgwApplication");
NS_OBJECT_ENSURE_REGISTERED(ImsAgwApplication);

namespace mims = mediasec::ims;

TypeId
ImsAgwApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::ImsAgwApplication")
            .SetParent<Application>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<ImsAgwApplication>()
            .AddAttribute("MediaPort",
                          "UDP port for RTP/SRTP on both terminations",
                          UintegerValue(20000),
                          MakeUintegerAccessor(&ImsAgwApplication::m_mediaPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("IqPort",
                          "UDP port of the Iq interface (H.248 text)",
                          UintegerValue(2944),
                          MakeUintegerAccessor(&ImsAgwApplication::m_iqPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Label",
                          "Node label used in results and key custody",
                          StringValue("agw"),
                          MakeStringAccessor(&ImsAgwApplication::m_label),
                          MakeStringChecker())
            .AddAttribute("PacketServiceTime",
                          "Processing time per relayed media packet (0: not modelled)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&ImsAgwApplication::m_packetServiceTime),
                          MakeTimeChecker())
            .AddTraceSource("KeyHeld",
                            "This node holds a media key",
                            MakeTraceSourceAccessor(&ImsAgwApplication::m_keyHeldTrace),
                            "ns3::ims::SipNodeApplication::KeyHeldTracedCallback")
            .AddTraceSource("MediaRejected",
                            "A media packet was dropped (reason)",
                            MakeTraceSourceAccessor(&ImsAgwApplication::m_rejectedTrace),
                            "ns3::TracedValueCallback::String");
    return tid;
}

ImsAgwApplication::ImsAgwApplication() = default;
ImsAgwApplication::~ImsAgwApplication() = default;

const ImsAgwApplication::Counters&
ImsAgwApplication::GetCounters() const
{
    return m_counters;
}

uint32_t
ImsAgwApplication::GetContextCount() const
{
    return m_contexts;
}

const ProcessingQueue&
ImsAgwApplication::GetProcessingQueue() const
{
    return m_queue;
}

void
ImsAgwApplication::DoDispose()
{
    m_mediaSocket = nullptr;
    m_iqSocket = nullptr;
    m_routes.clear();
    m_sessions.clear();
    Application::DoDispose();
}

void
ImsAgwApplication::StartApplication()
{
    m_localAddress = GetNode()->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    m_mediaSocket = OpenUdpSocket(GetNode(), m_mediaPort,
                                  MakeCallback(&ImsAgwApplication::HandleMediaRead, this));
    m_iqSocket =
        OpenUdpSocket(GetNode(), m_iqPort, MakeCallback(&ImsAgwApplication::HandleIqRead, this));
}

void
ImsAgwApplication::StopApplication()
{
    CloseUdpSocket(m_mediaSocket);
    CloseUdpSocket(m_iqSocket);
}

void
ImsAgwApplication::HandleIqRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        auto request = mediasec::iq::ParseIqRequest(PacketText(packet));
        if (!request)
        {
            NS_LOG_WARN(m_label << ": bad Iq request: " << request.GetError().ToString());
            continue;
        }
        mediasec::iq::IqReply reply;
        reply.transactionId = request.Value().transactionId;
        reply.mid = "[" + AddressString(m_localAddress) + "]:" + std::to_string(m_iqPort);
        const auto& terms = request.Value().terminations;
        std::string error;
        if (request.Value().command != mediasec::iq::IqCommand::Add || terms.size() != 2)
        {
            error = "only Add with an access and a core termination is supported";
        }
        else
        {
            error = AddContext(terms[0].localSdp, terms[0].remoteSdp, terms[1].remoteSdp);
        }
        if (error.empty())
        {
            reply.contextId = ++m_contexts;
            reply.terminationIds = {terms[0].terminationId, terms[1].terminationId};
        }
        else
        {
            reply.errorCode = 501;
            reply.errorText = error;
        }
        const std::string out = mediasec::iq::FormatIqReply(reply);
        socket->SendTo(TextPacket(out), 0, from);
    }
}

std::string
ImsAgwApplication::AddContext(const std::string& accessLocal, const std::string& accessRemote,
                              const std::string& coreRemote)
{
    auto local = mediasec::sip::ParseSdp(accessLocal);
    auto ue = mediasec::sip::ParseSdp(accessRemote);
    auto core = mediasec::sip::ParseSdp(coreRemote);
    if (!local || !ue || !core)
    {
        return "descriptor SDP does not parse";
    }
    const auto* localAudio = mims::FindAudio(local.Value());
    const auto* ueAudio = mims::FindAudio(ue.Value());
    const auto* coreAudio = mims::FindAudio(core.Value());
    auto ueEndpoint = mims::ReadAudioEndpoint(ue.Value());
    auto coreEndpoint = mims::ReadAudioEndpoint(core.Value());
    if (!localAudio || !ueAudio || !coreAudio || !ueEndpoint || !coreEndpoint)
    {
        return "descriptor without audio endpoint";
    }
    const auto sendKeys = mims::ReadValidCryptoAttributes(*localAudio);
    const auto receiveKeys = mims::ReadValidCryptoAttributes(*ueAudio);
    if (sendKeys.empty() || receiveKeys.empty())
    {
        return "access termination without SDES keys";
    }
    auto session = [this](mediasec::SrtpDirection direction,
                          const mediasec::sdes::CryptoAttribute& crypto)
        -> mediasec::Result<mediasec::SrtpSession*> {
        const auto& key = crypto.keys.front();
        auto created = mediasec::SrtpSession::Create(
            direction, {crypto.suite, key.masterKey, key.masterSalt});
        if (!created)
        {
            return created.GetError();
        }
        m_keyHeldTrace("", mediasec::KeyFingerprint(key.masterKey, key.masterSalt), m_label);
        m_sessions.push_back(std::move(created).Value());
        return m_sessions.back().get();
    };
    auto inbound = session(mediasec::SrtpDirection::Inbound, receiveKeys.front());
    auto outbound = session(mediasec::SrtpDirection::Outbound, sendKeys.front());
    if (!inbound || !outbound)
    {
        return "SRTP context: " + (!inbound ? inbound : outbound).GetError().ToString();
    }
    const Ipv4Address ueAddress(ueEndpoint.Value().address.c_str());
    const Ipv4Address coreAddress(coreEndpoint.Value().address.c_str());
    Route fromUe;
    fromUe.unprotect = inbound.Value();
    fromUe.to = InetSocketAddress(coreAddress, coreEndpoint.Value().port);
    m_routes[{ueAddress.Get(), mims::ReadSsrc(*ueAudio).value_or(0)}] = fromUe;
    Route fromCore;
    fromCore.protect = outbound.Value();
    fromCore.to = InetSocketAddress(ueAddress, ueEndpoint.Value().port);
    m_routes[{coreAddress.Get(), mims::ReadSsrc(*coreAudio).value_or(0)}] = fromCore;
    return "";
}

void
ImsAgwApplication::HandleMediaRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const Ipv4Address source = InetSocketAddress::ConvertFrom(from).GetIpv4();
        if (m_packetServiceTime.IsZero())
        {
            m_buffer.resize(packet->GetSize());
            packet->CopyData(m_buffer.data(), m_buffer.size());
            Relay(m_buffer, source);
            continue;
        }
        // With a per-packet cost, media waits in the gateway's FIFO like any other job.
        m_queue.Submit(m_packetServiceTime, [this, packet, source]() {
            m_buffer.resize(packet->GetSize());
            packet->CopyData(m_buffer.data(), m_buffer.size());
            Relay(m_buffer, source);
        });
    }
}

void
ImsAgwApplication::Relay(std::vector<uint8_t>& packet, Ipv4Address source)
{
    auto ssrc = mediasec::PeekRtpSsrc(packet.data(), packet.size());
    if (!ssrc)
    {
        ++m_counters.malformed;
        m_rejectedTrace("malformed");
        return;
    }
    auto route = m_routes.find({source.Get(), ssrc.Value()});
    if (route == m_routes.end())
    {
        route = m_routes.find({source.Get(), 0});
    }
    if (route == m_routes.end())
    {
        ++m_counters.unknownStream;
        m_rejectedTrace("unknown-stream");
        return;
    }
    const Route& r = route->second;
    if (r.unprotect != nullptr)
    {
        if (auto status = r.unprotect->Unprotect(packet); !status)
        {
            const bool replay = status.GetError().code == mediasec::Errc::Replay;
            ++(replay ? m_counters.rejectedReplay : m_counters.rejectedAuth);
            m_rejectedTrace(status.GetError().ToString());
            return;
        }
    }
    if (r.protect != nullptr && !r.protect->Protect(packet))
    {
        ++m_counters.malformed;
        m_rejectedTrace("protect failed");
        return;
    }
    ++m_counters.relayed;
    if (r.to.GetIpv4() == m_localAddress)
    {
        // Both parties behind this gateway: the core leg is internal.
        Relay(packet, m_localAddress);
        return;
    }
    m_mediaSocket->SendTo(Create<Packet>(packet.data(), packet.size()), 0, r.to);
}

} // namespace ims
} // namespace ns3
