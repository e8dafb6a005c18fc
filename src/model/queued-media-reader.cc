#include "queued-media-reader.h"

#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"

namespace ns3
{
namespace ims
{

void
ReadMediaThroughQueue(Ptr<Socket> socket, ProcessingQueue& queue, Time serviceTime,
                      mediasec::Bytes& buffer, const MediaPacketHandler& handle)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const Ipv4Address source = InetSocketAddress::ConvertFrom(from).GetIpv4();
        auto deliver = [packet, source, &buffer, handle]() {
            buffer.resize(packet->GetSize());
            packet->CopyData(buffer.data(), buffer.size());
            handle(buffer, source);
        };
        if (serviceTime.IsZero())
        {
            deliver();
            continue;
        }
        queue.Submit(serviceTime, deliver);
    }
}

} // namespace ims
} // namespace ns3
