#include "kms-application.h"

#include "protocol/crypto/drbg.h"
#include "protocol/http/http-message.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
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
            .AddAttribute("OtwayReesServiceTime",
                          "Processing time per Otway-Rees request (negative: RequestServiceTime)",
                          TimeValue(Seconds(-1)),
                          MakeTimeAccessor(&KmsApplication::m_otwayReesServiceTime),
                          MakeTimeChecker())
            .AddAttribute("OtwayReesSkew",
                          "Largest accepted |now - T| of Otway-Rees request timestamps",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&KmsApplication::m_otwayReesSkew),
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
            .AddAttribute("AllowInitiatorTickets",
                          "Resolve tickets the initiator made itself (RFC 6043 D=0)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&KmsApplication::m_allowInitiatorTickets),
                          MakeBooleanChecker())
            .AddAttribute("Seed",
                          "Run seed of the deterministic key generator (label = node label)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&KmsApplication::m_seed),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("SecretLabel",
                          "A replica: the Label of the KMS whose ticket protection key it shares "
                          "(drawn from that KMS's key stream; its own keys come from its Label); "
                          "empty: a KMS of its own",
                          StringValue(""),
                          MakeStringAccessor(&KmsApplication::m_secretLabel),
                          MakeStringChecker())
            .AddTraceSource("KeyHeld",
                            "The KMS holds a media key (the SRTP keys of each Otway-Rees grant)",
                            MakeTraceSourceAccessor(&KmsApplication::m_keyHeldTrace),
                            "ns3::ims::SipNodeApplication::KeyHeldTracedCallback");
    return tid;
}

KmsApplication::KmsApplication() = default;
KmsApplication::~KmsApplication() = default;

void
KmsApplication::AddUser(const std::string& btid, const mediasec::kms::KmsUser& user)
{
    m_users[btid] = user;
}

void
KmsApplication::AddOtwayReesKey(const std::string& identity, const mediasec::Bytes& key)
{
    m_otwayRees.AddKey(identity, key);
}

void
KmsApplication::AddAuthorizedGateway(const std::string& identity)
{
    m_otwayRees.AddAuthorizedGateway(identity);
}

const mediasec::otway::OtwayReesKmsStats&
KmsApplication::GetOtwayReesStats() const
{
    return m_otwayRees.Stats();
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
    return m_badRequests + m_otwayRees.BadRequests() + m_server.GetMalformedStreams();
}

void
KmsApplication::DoDispose()
{
    m_server.Stop();
    Application::DoDispose();
}

void
KmsApplication::StartApplication()
{
    mediasec::kms::KmsPolicy policy;
    policy.ticketLifetimeNs = m_ticketLifetime.GetNanoSeconds();
    policy.allowReuse = m_allowReuse;
    policy.allowInitiatorTickets = m_allowInitiatorTickets;
    auto lookup = [this](const std::string& btid) -> mediasec::Result<mediasec::kms::KmsUser> {
        auto user = m_users.find(btid);
        if (user == m_users.end())
        {
            return mediasec::MakeError(mediasec::Errc::AuthFailed, "unknown B-TID " + btid);
        }
        return user->second;
    };
    m_core = m_secretLabel.empty()
                 ? std::make_unique<mediasec::kms::KmsCore>(
                       m_uri, lookup, mediasec::Drbg::FromSeed(m_seed, m_label), policy)
                 : std::make_unique<mediasec::kms::KmsCore>(
                       m_uri, lookup, mediasec::Drbg::FromSeed(m_seed, m_secretLabel),
                       mediasec::Drbg::FromSeed(m_seed, m_label), policy);
    m_otwayRees.Start(mediasec::Drbg::FromSeed(m_seed, m_label + "/otway-rees"),
                      m_otwayReesSkew.GetNanoSeconds(),
                      [this](const std::string& fingerprint) {
                          m_keyHeldTrace("", fingerprint, m_label);
                      });
    m_server.Start(GetNode(), m_port, [this](const mediasec::http::HttpRequest& request,
                                             HttpServer::Respond respond) {
        if (OtwayReesKmsService::IsOtwayReesTarget(request))
        {
            const Time cost =
                m_otwayReesServiceTime.IsNegative() ? m_serviceTime : m_otwayReesServiceTime;
            m_queue.Submit(cost, [this, respond, request]() {
                respond(m_otwayRees.Serve(request, KmsClockNs(Simulator::Now())));
            });
            return;
        }
        const std::string* type = mediasec::http::FindHeader(request.headers, "Content-Type");
        if (request.method != "POST" || type == nullptr || *type != "application/mikey")
        {
            ++m_badRequests;
            respond(mediasec::http::HttpResponse{400, "Bad Request", {}, ""});
            return;
        }
        m_queue.Submit(m_serviceTime, [this, respond, target = request.target,
                                       body = request.body]() { Serve(respond, target, body); });
    });
}

void
KmsApplication::StopApplication()
{
    m_server.Stop();
}

void
KmsApplication::Serve(const HttpServer::Respond& respond, const std::string& target,
                      const std::string& body)
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
    respond(response);
}

} // namespace ims
} // namespace ns3
