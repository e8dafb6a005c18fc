#include "media-attacker-application.h"

#include "ns3/enum.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/packet.h"
#include "ns3/ppp-header.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-header.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ims
{

NS_OBJECT_ENSURE_REGISTERED(MediaAttackerApplication);

TypeId
MediaAttackerApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::MediaAttackerApplication")
            .SetParent<Application>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<MediaAttackerApplication>()
            .AddAttribute("VictimAddress",
                          "Address of the attacked receiver",
                          Ipv4AddressValue(),
                          MakeIpv4AddressAccessor(&MediaAttackerApplication::m_victim),
                          MakeIpv4AddressChecker())
            .AddAttribute("VictimPort",
                          "Media port of the attacked receiver",
                          UintegerValue(49170),
                          MakeUintegerAccessor(&MediaAttackerApplication::m_victimPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Attack",
                          "replay or tamper",
                          EnumValue(MEDIA_ATTACK_REPLAY),
                          MakeEnumAccessor(&MediaAttackerApplication::m_attack),
                          MakeEnumChecker(MEDIA_ATTACK_REPLAY,
                                          "replay",
                                          MEDIA_ATTACK_TAMPER,
                                          "tamper"))
            .AddAttribute("Skip",
                          "Media packets to let pass before attacking",
                          UintegerValue(10),
                          MakeUintegerAccessor(&MediaAttackerApplication::m_skip),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Count",
                          "Copies to inject",
                          UintegerValue(5),
                          MakeUintegerAccessor(&MediaAttackerApplication::m_count),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

void
MediaAttackerApplication::SetDevice(Ptr<NetDevice> device)
{
    m_device = device;
}

uint32_t
MediaAttackerApplication::GetInjected() const
{
    return m_injected;
}

void
MediaAttackerApplication::DoDispose()
{
    m_device = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
MediaAttackerApplication::StartApplication()
{
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_device->TraceConnectWithoutContext("MacTx",
                                         MakeCallback(&MediaAttackerApplication::Sniff, this));
}

void
MediaAttackerApplication::StopApplication()
{
    m_device->TraceDisconnectWithoutContext("MacTx",
                                            MakeCallback(&MediaAttackerApplication::Sniff, this));
    m_socket->Close();
}

void
MediaAttackerApplication::Sniff(Ptr<const Packet> packet)
{
    // Our own simulated frames: the attacker decodes them with ns-3's headers.
    Ptr<Packet> copy = packet->Copy();
    PppHeader ppp;
    Ipv4Header ip;
    UdpHeader udp;
    if (copy->RemoveHeader(ppp) == 0 || ppp.GetProtocol() != 0x0021 ||
        copy->RemoveHeader(ip) == 0 || ip.GetProtocol() != 17 ||
        ip.GetDestination() != m_victim || copy->RemoveHeader(udp) == 0 ||
        udp.GetDestinationPort() != m_victimPort ||
        GetNode()->GetObject<Ipv4>()->GetInterfaceForAddress(ip.GetSource()) >= 0)
    {
        return; // not media to the victim, or one of our own injected copies
    }
    if (m_seen++ < m_skip || m_injected >= m_count)
    {
        return;
    }
    std::vector<uint8_t> payload(copy->GetSize());
    copy->CopyData(payload.data(), payload.size());
    if (m_attack == MEDIA_ATTACK_TAMPER && payload.size() > 20)
    {
        // A forgery built from a captured packet: the sequence number is moved ahead, so the
        // copy is new to the receiver's replay window, and one payload bit is flipped. Only
        // the authentication tag can reject it.
        const uint16_t ahead = static_cast<uint16_t>((payload[2] << 8 | payload[3]) + 1000);
        payload[2] = static_cast<uint8_t>(ahead >> 8);
        payload[3] = static_cast<uint8_t>(ahead);
        payload[20] ^= 0x01;
    }
    ++m_injected;
    // Injected after the original has left (replays must arrive later than it).
    Simulator::Schedule(MicroSeconds(100), &MediaAttackerApplication::Inject, this, payload);
}

void
MediaAttackerApplication::Inject(std::vector<uint8_t> payload)
{
    m_socket->SendTo(Create<Packet>(payload.data(), payload.size()),
                     0,
                     InetSocketAddress(m_victim, m_victimPort));
}

} // namespace ims
} // namespace ns3
