#include "http-server.h"

#include "udp-endpoint.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsHttpServer");

void
HttpServer::Start(Ptr<Node> node, uint16_t port, Handler handler)
{
    m_handler = std::move(handler);
    m_listener = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
    // Accepted connections inherit it: a whole response (a mailbox) fits the send buffer.
    m_listener->SetAttribute("SndBufSize", UintegerValue(kSendBufferBytes));
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&HttpServer::HandleAccept, this));
}

void
HttpServer::Stop()
{
    for (auto& [socket, parser] : m_connections)
    {
        CloseSocket(socket); // same orderly close for a TCP connection
    }
    m_connections.clear();
    if (m_listener)
    {
        m_listener->Close();
        m_listener = nullptr;
    }
}

uint64_t
HttpServer::GetMalformedStreams() const
{
    return m_malformed;
}

void
HttpServer::HandleAccept(Ptr<Socket> socket, const Address&)
{
    socket->SetRecvCallback(MakeCallback(&HttpServer::HandleRead, this));
    m_connections[socket] = std::make_unique<mediasec::http::HttpStreamParser>();
}

void
HttpServer::HandleRead(Ptr<Socket> socket)
{
    auto connection = m_connections.find(socket);
    if (connection == m_connections.end())
    {
        return;
    }
    while (Ptr<Packet> packet = socket->Recv())
    {
        const std::string bytes = PacketText(packet);
        auto requests = connection->second->FeedRequests(
            reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        if (!requests)
        {
            ++m_malformed;
            NS_LOG_WARN("closing an HTTP connection: " << requests.GetError().ToString());
            CloseSocket(socket);
            m_connections.erase(connection);
            return;
        }
        for (auto& request : requests.Value())
        {
            m_handler(request, [socket](const mediasec::http::HttpResponse& response) {
                const std::string text = mediasec::http::Format(response);
                if (socket->Send(TextPacket(text)) < 0)
                {
                    NS_LOG_WARN("an HTTP response of " << text.size() << " bytes was not sent");
                }
            });
        }
    }
}

} // namespace ims
} // namespace ns3
