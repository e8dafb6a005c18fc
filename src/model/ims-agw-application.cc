#include "ims-agw-application.h"

#include "queued-media-reader.h"
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

#include <algorithm>

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
    return static_cast<uint32_t>(m_sessions.size());
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
    CloseSocket(m_mediaSocket);
    CloseSocket(m_iqSocket);
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
        reply.command = request.Value().command;
        const auto& terms = request.Value().terminations;
        std::string error;
        if (request.Value().command == mediasec::iq::IqCommand::Subtract)
        {
            reply.contextId = request.Value().contextId;
            error = SubtractContext(request.Value().contextId);
        }
        else if (terms.size() != 2)
        {
            error = "Add needs an access and a core termination";
        }
        else
        {
            reply.contextId = m_nextContext;
            error = AddContext(reply.contextId, terms[0].localSdp, terms[0].remoteSdp,
                               terms[1].remoteSdp);
        }
        if (error.empty())
        {
            for (const auto& term : terms)
            {
                reply.terminationIds.push_back(term.terminationId);
            }
            m_nextContext += request.Value().command == mediasec::iq::IqCommand::Add;
        }
        else
        {
            reply.errorCode = 500;
            reply.errorText = error;
        }
        const std::string out = mediasec::iq::FormatIqReply(reply);
        socket->SendTo(TextPacket(out), 0, from);
    }
}

std::string
ImsAgwApplication::SubtractContext(uint32_t context)
{
    if (m_sessions.erase(context) == 0)
    {
        return "no context " + std::to_string(context);
    }
    for (auto it = m_routes.begin(); it != m_routes.end();)
    {
        auto& routes = it->second;
        routes.erase(std::remove_if(routes.begin(), routes.end(),
                                    [context](const Route& r) { return r.context == context; }),
                     routes.end());
        it = routes.empty() ? m_routes.erase(it) : std::next(it);
    }
    return "";
}

std::string
ImsAgwApplication::AddContext(uint32_t context, const std::string& accessLocal,
                              const std::string& accessRemote, const std::string& coreRemote)
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
    auto session = [this, context](mediasec::SrtpDirection direction,
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
        m_sessions[context].push_back(std::move(created).Value());
        return m_sessions[context].back().get();
    };
    auto inbound = session(mediasec::SrtpDirection::Inbound, receiveKeys.front());
    auto outbound = session(mediasec::SrtpDirection::Outbound, sendKeys.front());
    if (!inbound || !outbound)
    {
        m_sessions.erase(context);
        return "SRTP context: " + (!inbound ? inbound : outbound).GetError().ToString();
    }
    const Ipv4Address ueAddress(ueEndpoint.Value().address.c_str());
    const Ipv4Address coreAddress(coreEndpoint.Value().address.c_str());
    Route fromUe;
    fromUe.context = context;
    fromUe.unprotect = inbound.Value();
    fromUe.to = InetSocketAddress(coreAddress, coreEndpoint.Value().port);
    m_routes[{ueAddress.Get(), mims::ReadSsrc(*ueAudio).value_or(0)}].push_back(fromUe);
    Route fromCore;
    fromCore.context = context;
    fromCore.protect = outbound.Value();
    fromCore.to = InetSocketAddress(ueAddress, ueEndpoint.Value().port);
    m_routes[{coreAddress.Get(), mims::ReadSsrc(*coreAudio).value_or(0)}].push_back(fromCore);
    return "";
}

void
ImsAgwApplication::HandleMediaRead(Ptr<Socket> socket)
{
    // With a per-packet cost, media waits in the gateway's FIFO like any other job.
    ReadMediaThroughQueue(
        socket, m_queue, m_packetServiceTime, m_buffer,
        [this](mediasec::Bytes& packet, Ipv4Address source) { Relay(packet, source); });
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
    // Several contexts can share a stream key (a forked call reaching several UEs behind this
    // gateway): the newest one serves until it is subtracted.
    const Route& r = route->second.back();
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
