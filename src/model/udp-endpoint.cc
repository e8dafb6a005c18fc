#include "udp-endpoint.h"

#include "ns3/inet-socket-address.h"
#include "ns3/udp-socket-factory.h"

namespace ns3
{
namespace ims
{

Ptr<Socket>
OpenUdpSocket(Ptr<Node> node, uint16_t port, Callback<void, Ptr<Socket>> onRead)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    socket->SetRecvCallback(onRead);
    return socket;
}

void
CloseSocket(Ptr<Socket> socket)
{
    if (socket)
    {
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }
}

std::string
PacketText(Ptr<const Packet> packet)
{
    std::string text(packet->GetSize(), '\0');
    packet->CopyData(reinterpret_cast<uint8_t*>(text.data()), text.size());
    return text;
}

Ptr<Packet>
TextPacket(const std::string& text)
{
    return Create<Packet>(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

} // namespace ims
} // namespace ns3
