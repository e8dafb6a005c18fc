#include "ua-client.h"

#include "udp-endpoint.h"

#include "ns3/tcp-socket-factory.h"

namespace ns3
{
namespace ims
{

UaClient::UaClient(size_t maxBodyLength)
    : m_parser(maxBodyLength)
{
}

void
UaClient::Start(Ptr<Node> node, const InetSocketAddress& kms, const std::string& host,
                bool connectNow)
{
    m_host = host;
    m_node = node;
    m_server = kms;
    if (connectNow)
    {
        Connect();
    }
}

void
UaClient::Connect()
{
    m_socket = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->SetConnectCallback(MakeCallback(&UaClient::HandleConnected, this),
                                 MakeCallback(&UaClient::HandleFailed, this));
    m_socket->SetRecvCallback(MakeCallback(&UaClient::HandleRead, this));
    m_socket->Connect(m_server);
}

void
UaClient::Stop()
{
    CloseSocket(m_socket);
    m_socket = nullptr;
    m_node = nullptr;
    m_pending.clear();
}

uint32_t
UaClient::Post(const std::string& target, const mediasec::Bytes& message, Reply reply,
               const std::string& contentType)
{
    mediasec::http::HttpRequest request;
    request.method = "POST";
    request.target = target;
    request.headers.emplace_back("Content-Type", contentType);
    request.body.assign(message.begin(), message.end());
    return Send(request, std::move(reply));
}

uint32_t
UaClient::Get(const std::string& target, Reply reply)
{
    mediasec::http::HttpRequest request;
    request.method = "GET";
    request.target = target;
    return Send(request, std::move(reply));
}

uint32_t
UaClient::Send(const mediasec::http::HttpRequest& request, Reply reply)
{
    mediasec::http::HttpRequest withHost = request;
    withHost.headers.insert(withHost.headers.begin(), {"Host", m_host});
    const std::string text = mediasec::http::Format(withHost);
    m_pending.push_back(std::move(reply));
    if (m_connected)
    {
        m_socket->Send(TextPacket(text));
        return static_cast<uint32_t>(text.size());
    }
    m_unsent += text;
    if (!m_socket && m_node)
    {
        Connect(); // on demand: the first request opens the connection
    }
    return static_cast<uint32_t>(text.size());
}

void
UaClient::HandleConnected(Ptr<Socket> socket)
{
    m_connected = true;
    if (!m_unsent.empty())
    {
        socket->Send(TextPacket(m_unsent));
        m_unsent.clear();
    }
}

void
UaClient::HandleFailed(Ptr<Socket>)
{
    FailAll(mediasec::MakeError(mediasec::Errc::InvalidState, "Ua: TCP connection failed"));
}

void
UaClient::HandleRead(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        const std::string bytes = PacketText(packet);
        auto replies =
            m_parser.FeedResponses(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        if (!replies)
        {
            FailAll(replies.GetError());
            return;
        }
        for (const auto& response : replies.Value())
        {
            if (m_pending.empty())
            {
                continue; // a reply nobody asked for
            }
            Reply reply = std::move(m_pending.front());
            m_pending.pop_front();
            if (response.status == 200 || response.status == 403)
            {
                reply(mediasec::Bytes(response.body.begin(), response.body.end()));
            }
            else
            {
                reply(mediasec::MakeError(mediasec::Errc::Unsupported,
                                          "Ua: HTTP " + std::to_string(response.status)));
            }
        }
    }
}

void
UaClient::FailAll(const mediasec::Error& error)
{
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& reply : pending)
    {
        reply(error);
    }
}

} // namespace ims
} // namespace ns3
