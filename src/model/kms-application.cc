#include "kms-application.h"

#include "protocol/crypto/digest.h"
#include "protocol/crypto/drbg.h"
#include "protocol/gba/gba-keys.h"
#include "protocol/kms/request-btids.h"
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
                          "Processing time per MIKEY REQUEST_INIT",
                          TimeValue(MicroSeconds(100)),
                          MakeTimeAccessor(&KmsApplication::m_serviceTime),
                          MakeTimeChecker())
            .AddAttribute("ResolveServiceTime",
                          "Processing time per MIKEY RESOLVE_INIT (negative: RequestServiceTime)",
                          TimeValue(Seconds(-1)),
                          MakeTimeAccessor(&KmsApplication::m_resolveServiceTime),
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
                            "The KMS holds a media key: the SRTP keys of each Otway-Rees grant, the "
                            "MPKi and TGK' of each MIKEY-TICKET grant",
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
KmsApplication::UseBsf(const InetSocketAddress& zn, const std::string& nafFqdn)
{
    m_zn = std::make_unique<ZnClient>(nafFqdn, mediasec::gba::kUaProtocolIdImsMediaPlane);
    m_bsfZn = zn;
}

const ZnClient*
KmsApplication::GetZnClient() const
{
    return m_zn.get();
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

void
KmsApplication::AddNetworkFunction(const std::string& identity)
{
    m_networkFunctions.push_back(identity);
}

void
KmsApplication::AddZkPeer(const std::string& uri, const InetSocketAddress& address,
                          const mediasec::Bytes& key, const std::vector<std::string>& assertable)
{
    m_zk.AddPeer(uri, address, key, assertable);
}

const ZkKmsService&
KmsApplication::GetZk() const
{
    return m_zk;
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
    if (m_zn)
    {
        m_zn->Stop();
    }
    m_zk.Stop();
    Application::DoDispose();
}

void
KmsApplication::StartApplication()
{
    mediasec::kms::KmsPolicy policy;
    policy.ticketLifetimeNs = m_ticketLifetime.GetNanoSeconds();
    policy.allowReuse = m_allowReuse;
    policy.allowInitiatorTickets = m_allowInitiatorTickets;
    policy.networkFunctions = m_networkFunctions;
    policy.zkPeers = m_zk.PeerUris();
    auto lookup = [this](const std::string& btid) -> mediasec::Result<mediasec::kms::KmsUser> {
        // Provisioned users (AddUser: time-0 bootstraps, the operator's own servers) first.
        if (auto user = m_users.find(btid); user != m_users.end())
        {
            return user->second;
        }
        if (m_zn)
        {
            // AfterZnLookups asked the BSF before the request was queued.
            auto answer = m_zn->Cached(btid);
            if (!answer)
            {
                return mediasec::MakeError(mediasec::Errc::AuthFailed,
                                           "B-TID " + btid + " not known to the BSF (Zn)");
            }
            return mediasec::kms::KmsUser{answer->ksNaf, answer->impus};
        }
        return mediasec::MakeError(mediasec::Errc::AuthFailed, "unknown B-TID " + btid);
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
    m_zk.Start(GetNode(), m_uri, m_core.get(), mediasec::Drbg::FromSeed(m_seed, m_label + "/zk"),
               [this](const std::string& fingerprint) {
                   m_keyHeldTrace("", fingerprint, m_label);
               });
    m_server.Start(GetNode(), m_port, [this](const mediasec::http::HttpRequest& request,
                                             HttpServer::Respond respond) {
        if (OtwayReesKmsService::IsOtwayReesTarget(request))
        {
            m_queue.Submit(CostOf(m_otwayReesServiceTime), [this, respond, request]() {
                respond(m_otwayRees.Serve(request, KmsClockNs(Simulator::Now())));
            });
            return;
        }
        if (ZkKmsService::IsZkTarget(request))
        {
            m_queue.Submit(CostOf(m_resolveServiceTime), [this, respond, request]() {
                respond(m_zk.Serve(request, KmsClockNs(Simulator::Now())));
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
        const Time cost = request.target == "/resolve" ? CostOf(m_resolveServiceTime) : m_serviceTime;
        AfterZnLookups(request.body, [this, respond, cost, target = request.target,
                                      body = request.body]() {
            m_queue.Submit(cost, [this, respond, target, body]() { Serve(respond, target, body); });
        });
    });
    if (m_zn)
    {
        m_zn->Start(GetNode(), m_bsfZn);
    }
}

void
KmsApplication::AfterZnLookups(const std::string& body, std::function<void()> next)
{
    if (!m_zn)
    {
        next(); // time-0 users (AddUser)
        return;
    }
    const auto btids = mediasec::kms::RequestBtids(mediasec::Bytes(body.begin(), body.end()));
    if (!btids)
    {
        next(); // the core refuses it as malformed
        return;
    }
    std::vector<std::string> unknown;
    for (const auto& btid : btids.Value())
    {
        if (m_users.count(btid) == 0)
        {
            unknown.push_back(btid);
        }
    }
    if (unknown.empty())
    {
        next();
        return;
    }
    // Answered or refused, each lookup ends: a refused B-TID is an unknown user to the core.
    auto pending = std::make_shared<size_t>(unknown.size());
    for (const auto& btid : unknown)
    {
        m_zn->Lookup(btid, [pending, next](const auto&) {
            if (--*pending == 0)
            {
                next();
            }
        });
    }
}

void
KmsApplication::StopApplication()
{
    m_server.Stop();
    if (m_zn)
    {
        m_zn->Stop();
    }
    m_zk.Stop();
}

Time
KmsApplication::CostOf(Time serviceTime) const
{
    return serviceTime.IsNegative() ? m_serviceTime : serviceTime;
}

void
KmsApplication::Serve(const HttpServer::Respond& respond, const std::string& target,
                      const std::string& body)
{
    const mediasec::Bytes message(body.begin(), body.end());
    const int64_t now = KmsClockNs(Simulator::Now());
    if (target != "/resolve")
    {
        Reply(respond, target, m_core->HandleRequestInit(message, now));
        return;
    }
    auto step = m_core->BeginResolve(message, now);
    if (step.relay)
    {
        m_zk.Relay(*step.relay, now,
                   [this, respond, target](const mediasec::kms::KmsReply& reply) {
                       Reply(respond, target, reply);
                   });
        return;
    }
    Reply(respond, target, *step.reply);
}

void
KmsApplication::Reply(const HttpServer::Respond& respond, const std::string& target,
                      const mediasec::kms::KmsReply& reply)
{
    if (!reply.IsOk())
    {
        NS_LOG_INFO(m_label << " refused " << target << ": " << reply.error->ToString());
    }
    for (const auto& root : reply.mediaRootKeys)
    {
        m_keyHeldTrace("", mediasec::KeyFingerprint(root, {}), m_label);
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
