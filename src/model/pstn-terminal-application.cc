#include "pstn-terminal-application.h"

#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"
#include "protocol/rtp/probe-stream.h"
#include "protocol/rtp/rtp-header.h"
#include "pstn-control-message.h"
#include "udp-endpoint.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsPstnTerminalApplication");
NS_OBJECT_ENSURE_REGISTERED(PstnTerminalApplication);

namespace
{
constexpr uint8_t kPcmuPayloadType = 0;          //!< G.711 mu-law (RFC 3551)
constexpr uint32_t kPcmuSamplesPerSecond = 8000; //!< RTP clock of G.711
} // namespace

TypeId
PstnTerminalApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::PstnTerminalApplication")
            .SetParent<Application>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<PstnTerminalApplication>()
            .AddAttribute("PacketInterval", "Time between RTP packets", TimeValue(MilliSeconds(20)),
                          MakeTimeAccessor(&PstnTerminalApplication::m_interval), MakeTimeChecker())
            .AddAttribute("PayloadSize", "RTP payload bytes (160 = 20 ms of G.711)",
                          UintegerValue(160),
                          MakeUintegerAccessor(&PstnTerminalApplication::m_payloadSize),
                          MakeUintegerChecker<uint32_t>(8, 1400))
            .AddAttribute("Ssrc", "RTP SSRC of the terminal's stream", UintegerValue(0x50535431),
                          MakeUintegerAccessor(&PstnTerminalApplication::m_ssrc),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

PstnTerminalApplication::PstnTerminalApplication() = default;
PstnTerminalApplication::~PstnTerminalApplication() = default;

const PstnTerminalApplication::Counters&
PstnTerminalApplication::GetCounters() const
{
    return m_counters;
}

void
PstnTerminalApplication::DoDispose()
{
    m_signallingSocket = nullptr;
    m_mediaSocket = nullptr;
    Application::DoDispose();
}

void
PstnTerminalApplication::StartApplication()
{
    m_signallingSocket =
        OpenUdpSocket(GetNode(), kPstnSignallingPort,
                      MakeCallback(&PstnTerminalApplication::HandleSignallingRead, this));
    m_mediaSocket = OpenUdpSocket(GetNode(), kPstnMediaPort,
                                  MakeCallback(&PstnTerminalApplication::HandleMediaRead, this));
}

void
PstnTerminalApplication::StopApplication()
{
    Simulator::Cancel(m_sendEvent);
    CloseSocket(m_signallingSocket);
    CloseSocket(m_mediaSocket);
}

void
PstnTerminalApplication::HandleSignallingRead(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        auto control = ParsePstnControl(packet);
        if (!control)
        {
            NS_LOG_WARN("PSTN terminal: " << control.GetError().ToString());
            continue;
        }
        const auto& message = control.Value();
        if (message.command == PstnCommand::Setup && m_callId.empty())
        {
            ++m_counters.calls;
            m_callId = message.callId;
            m_mgw = InetSocketAddress(Ipv4Address(message.firstAddress.c_str()), message.firstPort);
            SendPacket();
        }
        else if (message.command == PstnCommand::Clear && message.callId == m_callId)
        {
            m_callId.clear();
            Simulator::Cancel(m_sendEvent);
        }
    }
}

void
PstnTerminalApplication::SendPacket()
{
    mediasec::RtpHeader header;
    header.payloadType = kPcmuPayloadType;
    header.sequence = m_sequence++;
    header.timestamp = static_cast<uint32_t>(Simulator::Now().GetNanoSeconds() *
                                             kPcmuSamplesPerSecond / 1000000000LL);
    header.ssrc = m_ssrc;
    const mediasec::Bytes rtp =
        mediasec::BuildProbePacket(header, m_payloadSize, Simulator::Now().GetNanoSeconds());
    m_mediaSocket->SendTo(Create<Packet>(rtp.data(), rtp.size()), 0, m_mgw);
    ++m_counters.sent;
    m_sendEvent = Simulator::Schedule(m_interval, &PstnTerminalApplication::SendPacket, this);
}

void
PstnTerminalApplication::HandleMediaRead(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        ++m_counters.received;
        mediasec::Bytes bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        const auto probe = mediasec::ReadProbePacket(bytes.data(), bytes.size());
        if (!probe)
        {
            continue;
        }
        ++m_counters.intact;
        const Time delay =
            NanoSeconds(Simulator::Now().GetNanoSeconds() - probe.Value().sendTimeNs);
        m_counters.totalDelay += delay;
        m_counters.maxDelay = Max(m_counters.maxDelay, delay);
    }
}

} // namespace ims
} // namespace ns3
