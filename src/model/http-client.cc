#include "http-client.h"

#include "ns3/tcp-socket-factory.h"
#include "udp-endpoint.h"

namespace ns3
{
namespace ims
{

HttpClient::HttpClient(size_t maxBodyLength)
    : m_maxBody(maxBodyLength),
      m_parser(maxBodyLength)
{
}

HttpClient::~HttpClient()
{
    Disconnect(false);
}

void
HttpClient::Start(Ptr<Node> node, const InetSocketAddress& server, bool connectNow)
{
    m_node = node;
    m_server = server;
    if (connectNow)
    {
        Connect();
    }
}

void
HttpClient::Connect()
{
    m_socket = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    m_socket->Bind();
    m_socket->SetConnectCallback(MakeCallback(&HttpClient::HandleConnected, this),
                                 MakeCallback(&HttpClient::HandleFailed, this));
    m_socket->SetRecvCallback(MakeCallback(&HttpClient::HandleRead, this));
    m_socket->SetCloseCallbacks(MakeCallback(&HttpClient::HandleClosed, this),
                                MakeCallback(&HttpClient::HandleClosed, this));
    m_socket->Connect(m_server);
}

void
HttpClient::Stop()
{
    Disconnect(true);
    m_node = nullptr;
    m_pending.clear();
}

uint32_t
HttpClient::Send(const mediasec::http::HttpRequest& request, Reply reply)
{
    const std::string text = mediasec::http::Format(request);
    if (!m_node)
    {
        reply(mediasec::MakeError(mediasec::Errc::InvalidState, "HTTP client: not started"));
        return 0;
    }
    m_pending.push_back(std::move(reply));
    if (m_connected)
    {
        m_socket->Send(TextPacket(text));
        return static_cast<uint32_t>(text.size());
    }
    m_unsent += text;
    if (!m_socket)
    {
        Connect(); // on demand: the first request opens the connection
    }
    return static_cast<uint32_t>(text.size());
}

void
HttpClient::HandleConnected(Ptr<Socket> socket)
{
    m_connected = true;
    if (!m_unsent.empty())
    {
        socket->Send(TextPacket(m_unsent));
        m_unsent.clear();
    }
}

void
HttpClient::HandleFailed(Ptr<Socket> socket)
{
    DropConnection(socket, "HTTP: TCP connection failed");
}

void
HttpClient::HandleClosed(Ptr<Socket> socket)
{
    DropConnection(socket, "HTTP: TCP connection closed by the server");
}

void
HttpClient::DropConnection(Ptr<Socket> socket, const std::string& why)
{
    if (socket != m_socket)
    {
        return; // a connection this client already dropped
    }
    // TCP is tearing the socket down (refused, reset, peer closed, retries exhausted): closing
    // it again from its own callback is not allowed, so it is only forgotten.
    Disconnect(false);
    FailAll(mediasec::MakeError(mediasec::Errc::Unreachable, why));
}

void
HttpClient::Disconnect(bool close)
{
    if (m_socket)
    {
        // No callback of the old connection reaches this client again.
        m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                    MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                     MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        if (close)
        {
            m_socket->Close();
        }
    }
    m_socket = nullptr;
    m_connected = false;
}

void
HttpClient::HandleRead(Ptr<Socket> socket)
{
    while (Ptr<Packet> packet = socket->Recv())
    {
        const std::string bytes = PacketText(packet);
        auto responses =
            m_parser.FeedResponses(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
        if (!responses)
        {
            FailAll(responses.GetError());
            return;
        }
        for (auto& response : responses.Value())
        {
            if (m_pending.empty())
            {
                continue; // a response nobody asked for
            }
            Reply reply = std::move(m_pending.front());
            m_pending.pop_front();
            reply(std::move(response));
        }
    }
}

void
HttpClient::FailAll(const mediasec::Error& error)
{
    Disconnect(true);
    m_unsent.clear();
    m_parser = mediasec::http::HttpStreamParser(m_maxBody);
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& reply : pending)
    {
        reply(error);
    }
}

} // namespace ims
} // namespace ns3
