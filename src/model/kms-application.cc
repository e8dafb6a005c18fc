#include "kms-application.h"

#include "udp-endpoint.h"

#include "protocol/crypto/drbg.h"
#include "protocol/http/http-message.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsKmsApplication");
NS_OBJECT_ENSURE_REGISTERED(KmsApplication);

int64_t
KmsClockNs(Time simulationTime)
{
    constexpr int64_t kRunStartUnixNs = 1767225600LL * 1000000000LL; // 2026-01-01T00:00:00Z
    return kRunStartUnixNs + simulationTime.GetNanoSeconds();
}

TypeId
KmsApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::KmsApplication")
            .SetParent<Application>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<KmsApplication>()
            .AddAttribute("Port",
                          "TCP port of the Ua interface (HTTP)",
                          UintegerValue(80),
                          MakeUintegerAccessor(&KmsApplication::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Uri",
                          "KMS identity (IDRkms)",
                          StringValue("sip:kms@ims.test"),
                          MakeStringAccessor(&KmsApplication::m_uri),
                          MakeStringChecker())
            .AddAttribute("Label",
                          "Node label used in results",
                          StringValue("kms"),
                          MakeStringAccessor(&KmsApplication::m_label),
                          MakeStringChecker())
            .AddAttribute("RequestServiceTime",
                          "Processing time per MIKEY request",
                          TimeValue(MicroSeconds(100)),
                          MakeTimeAccessor(&KmsApplication::m_serviceTime),
                          MakeTimeChecker())
            .AddAttribute("TicketLifetime",
                          "Validity of issued tickets (TRe - TRs)",
                          TimeValue(Seconds(3600)),
                          MakeTimeAccessor(&KmsApplication::m_ticketLifetime),
                          MakeTimeChecker())
            .AddAttribute("AllowReuse",
                          "Grant reusable tickets when requested",
                          BooleanValue(true),
                          MakeBooleanAccessor(&KmsApplication::m_allowReuse),
                          MakeBooleanChecker())
            .AddAttribute("Seed",
                          "Run seed of the deterministic key generator (label = node label)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&KmsApplication::m_seed),
                          MakeUintegerChecker<uint64_t>());
    return tid;
}

KmsApplication::KmsApplication() = default;
KmsApplication::~KmsApplication() = default;

void
KmsApplication::AddUser(const std::string& btid, const mediasec::kms::KmsUser& user)
{
    m_users[btid] = user;
}

const mediasec::kms::KmsStats&
KmsApplication::GetStats() const
{
    static const mediasec::kms::KmsStats none;
    return m_core ? m_core->Stats() : none;
}

const ProcessingQueue&
KmsApplication::GetProcessingQueue() const
{
    return m_queue;
}

uint64_t
KmsApplication::GetBadRequests() const
{
    return m_badRequests;
}

void
KmsApplication::DoDispose()
{
    m_listener = nullptr;
    m_connections.clear();
    Application::DoDispose();
}

void
KmsApplication::StartApplication()
{
    mediasec::kms::KmsPolicy policy;
    policy.ticketLifetimeNs = m_ticketLifetime.GetNanoSeconds();
    policy.allowReuse = m_allowReuse;
    auto lookup = [this](const std::string& btid) -> mediasec::Result<mediasec::kms::KmsUser> {
        auto user = m_users.find(btid);
        if (user == m_users.end())
        {
            return mediasec::MakeError(mediasec::Errc::AuthFailed, "unknown B-TID " + btid);
        }
        return user->second;
    };
    m_core = std::make_unique<mediasec::kms::KmsCore>(
        m_uri, lookup, mediasec::Drbg::FromSeed(m_seed, m_label), policy);
    m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port));
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&KmsApplication::HandleAccept, this));
}

void
KmsApplication::StopApplication()
{
    for (auto& [socket, parser] : m_connections)
    {
        CloseSocket(socket); // same orderly close for a TCP connection
    }
    m_connections.clear();
    if (m_listener)
    {
        m_listener->Close();
    }
}

void
KmsApplication::HandleAccept(Ptr<Socket> socket, const Address&)
{
    socket->SetRecvCallback(MakeCallback(&KmsApplication::HandleRead, this));
    m_connections[socket] = std::make_unique<mediasec::http::HttpStreamParser>();
}

void
KmsApplication::HandleRead(Ptr<Socket> socket)
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
            ++m_badRequests;
            NS_LOG_WARN(m_label << ": closing a Ua connection: "
                                << requests.GetError().ToString());
            CloseSocket(socket);
            m_connections.erase(connection);
            return;
        }
        for (auto& request : requests.Value())
        {
            const std::string* type = mediasec::http::FindHeader(request.headers, "Content-Type");
            if (request.method != "POST" || type == nullptr || *type != "application/mikey")
            {
                ++m_badRequests;
                mediasec::http::HttpResponse bad{400, "Bad Request", {}, ""};
                socket->Send(TextPacket(mediasec::http::Format(bad)));
                continue;
            }
            m_queue.Submit(m_serviceTime,
                           [this, socket, target = request.target, body = request.body]() {
                               Serve(socket, target, body);
                           });
        }
    }
}

void
KmsApplication::Serve(Ptr<Socket> socket, const std::string& target, const std::string& body)
{
    const mediasec::Bytes message(body.begin(), body.end());
    const int64_t now = KmsClockNs(Simulator::Now());
    const auto reply = target == "/resolve" ? m_core->HandleResolveInit(message, now)
                                            : m_core->HandleRequestInit(message, now);
    if (!reply.IsOk())
    {
        NS_LOG_INFO(m_label << " refused " << target << ": " << reply.error->ToString());
    }
    mediasec::http::HttpResponse response;
    response.status = reply.IsOk() ? 200 : 403;
    response.reason = reply.IsOk() ? "OK" : "Forbidden";
    response.headers.emplace_back("Content-Type", "application/mikey");
    response.body.assign(reply.message.begin(), reply.message.end());
    socket->Send(TextPacket(mediasec::http::Format(response)));
}

} // namespace ims
} // namespace ns3
