#include "bsf-application.h"

#include "kms-application.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "protocol/common/base64.h"
#include "protocol/gba/ub-bootstrapping-info.h"
#include "protocol/gba/zx-http.h"
#include "protocol/http/aka-nonce.h"
#include "protocol/http/digest-auth.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsBsfApplication");
NS_OBJECT_ENSURE_REGISTERED(BsfApplication);

namespace
{

/**
 * \return the Zh request a Ub request will need before the UbServer core runs: the first
 * request (empty nonce) needs a vector for its IMPI, an answer with AUTS a re-synchronised one
 * for the RAND of its nonce; nothing for the other requests
 */
std::optional<mediasec::gba::AvRequest>
VectorNeeded(const mediasec::http::HttpRequest& request)
{
    const std::string* header = mediasec::http::FindHeader(request.headers, "Authorization");
    if (request.method != "GET" || header == nullptr)
    {
        return std::nullopt; // refused by the core without a vector
    }
    auto credentials = mediasec::http::ParseDigestCredentials(*header);
    if (!credentials)
    {
        return std::nullopt;
    }
    const auto& answer = credentials.Value();
    if (answer.nonce.empty())
    {
        return mediasec::gba::AvRequest{answer.username, {}, {}};
    }
    auto nonce = mediasec::http::ParseAkaNonce(answer.nonce);
    auto auts = mediasec::Base64Decode(answer.auts);
    if (answer.auts.empty() || !nonce || !auts)
    {
        return std::nullopt;
    }
    return mediasec::gba::AvRequest{answer.username, nonce.Value().rand, auts.Value()};
}

/** \return true when both vector requests ask for the same thing */
bool
SameRequest(const mediasec::gba::AvRequest& a, const mediasec::gba::AvRequest& b)
{
    return a.impi == b.impi && a.resyncRand == b.resyncRand && a.auts == b.auts;
}

} // namespace

TypeId
BsfApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::BsfApplication")
            .SetParent<Application>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<BsfApplication>()
            .AddAttribute("UbPort", "TCP port of the Ub interface (HTTP Digest AKA)",
                          UintegerValue(80), MakeUintegerAccessor(&BsfApplication::m_ubPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("ZnPort", "TCP port of the Zn interface (HTTP in place of Diameter)",
                          UintegerValue(3869), MakeUintegerAccessor(&BsfApplication::m_znPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Domain", "BSF domain name: B-TID suffix and Digest realm",
                          StringValue("bsf.ims.test"),
                          MakeStringAccessor(&BsfApplication::m_domain), MakeStringChecker())
            .AddAttribute(
                "HssAddress", "Address of the HSS (Zh)", Ipv4AddressValue(Ipv4Address("127.0.0.1")),
                MakeIpv4AddressAccessor(&BsfApplication::m_hssAddress), MakeIpv4AddressChecker())
            .AddAttribute("HssPort", "TCP port of the HSS (Zh)", UintegerValue(3868),
                          MakeUintegerAccessor(&BsfApplication::m_hssPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("KeyLifetime", "Lifetime of a bootstrapped Ks (and of the B-TID)",
                          TimeValue(Seconds(86400)), MakeTimeAccessor(&BsfApplication::m_lifetime),
                          MakeTimeChecker())
            .AddAttribute("UbServiceTime",
                          "Processing time per Ub request (Digest check, Ks, B-TID)",
                          TimeValue(MicroSeconds(100)),
                          MakeTimeAccessor(&BsfApplication::m_ubServiceTime), MakeTimeChecker())
            .AddAttribute("ZnServiceTime", "Processing time per Zn request (lookup and Ks_NAF KDF)",
                          TimeValue(MicroSeconds(50)),
                          MakeTimeAccessor(&BsfApplication::m_znServiceTime), MakeTimeChecker())
            .AddTraceSource("Bootstrap", "A UE bootstrapped: IMPI and B-TID",
                            MakeTraceSourceAccessor(&BsfApplication::m_bootstrapTrace),
                            "ns3::ims::BsfApplication::BootstrapTracedCallback")
            .AddTraceSource("Zn", "A Zn request was answered (true) or refused (false)",
                            MakeTraceSourceAccessor(&BsfApplication::m_znTrace),
                            "ns3::ims::BsfApplication::ZnTracedCallback");
    return tid;
}

BsfApplication::BsfApplication() = default;
BsfApplication::~BsfApplication() = default;

void
BsfApplication::AuthorizeNaf(const std::string& nafFqdn)
{
    m_authorizedNafs.insert(nafFqdn);
}

uint64_t
BsfApplication::GetUbRequests() const
{
    return m_ubRequests;
}

uint64_t
BsfApplication::GetBootstraps() const
{
    return m_bootstraps;
}

uint64_t
BsfApplication::GetUbRefusals() const
{
    return m_ubRefusals;
}

uint64_t
BsfApplication::GetZhRequests() const
{
    return m_zhRequests;
}

uint64_t
BsfApplication::GetZnAnswers() const
{
    return m_znAnswers;
}

uint64_t
BsfApplication::GetZnRefusals() const
{
    return m_znRefusals;
}

const ProcessingQueue&
BsfApplication::GetProcessingQueue() const
{
    return m_queue;
}

void
BsfApplication::DoDispose()
{
    StopApplication();
    Application::DoDispose();
}

void
BsfApplication::StartApplication()
{
    mediasec::gba::UbServerConfig config;
    config.bsfDomain = m_domain;
    config.lifetimeSeconds = static_cast<int64_t>(m_lifetime.GetSeconds());
    config.unixEpochSeconds = KmsClockNs(Seconds(0)) / 1000000000;
    m_ub = std::make_unique<mediasec::gba::UbServer>(
        config, [this](const mediasec::gba::AvRequest& request) { return ProvideVector(request); });
    m_zh.Start(GetNode(), InetSocketAddress(m_hssAddress, m_hssPort));
    m_ubServer.Start(
        GetNode(), m_ubPort,
        [this](const mediasec::http::HttpRequest& request, HttpServer::Respond respond) {
            ++m_ubRequests;
            m_queue.Submit(m_ubServiceTime,
                           [this, request, respond]() { StartUb(request, respond); });
        });
    m_znServer.Start(
        GetNode(), m_znPort,
        [this](const mediasec::http::HttpRequest& request, HttpServer::Respond respond) {
            m_queue.Submit(m_znServiceTime,
                           [this, request, respond]() { respond(ServeZn(request)); });
        });
}

void
BsfApplication::StopApplication()
{
    m_ubServer.Stop();
    m_znServer.Stop();
    m_zh.Stop();
}

void
BsfApplication::StartUb(const mediasec::http::HttpRequest& request,
                        const HttpServer::Respond& respond)
{
    const auto needed = VectorNeeded(request);
    if (!needed)
    {
        FinishUb(request, respond, std::nullopt);
        return;
    }
    FetchVector(*needed, [this, request, respond, asked = *needed](auto answer) {
        FinishUb(request, respond, Fetched{asked, std::move(answer)});
    });
}

void
BsfApplication::FinishUb(const mediasec::http::HttpRequest& request,
                         const HttpServer::Respond& respond, std::optional<Fetched> fetched)
{
    const bool refetchAllowed = !fetched.has_value();
    m_fetched = std::move(fetched);
    m_missed.reset();
    const mediasec::gba::UbServerReply reply =
        m_ub->Handle(request, Simulator::Now().GetNanoSeconds());
    m_fetched.reset();
    if (m_missed && refetchAllowed)
    {
        // A stale or unknown nonce: the core re-challenges, with a vector fetched now.
        const mediasec::gba::AvRequest asked = *m_missed;
        m_missed.reset();
        FetchVector(asked, [this, request, respond, asked](auto answer) {
            FinishUb(request, respond, Fetched{asked, std::move(answer)});
        });
        return;
    }
    if (!reply.result.IsOk() || reply.response.status >= 400)
    {
        ++m_ubRefusals;
        NS_LOG_INFO("BSF Ub: " << reply.response.status << " "
                               << (reply.result ? "" : reply.result.GetError().ToString()));
    }
    else if (reply.response.status == 200)
    {
        ++m_bootstraps;
        auto info = mediasec::gba::ParseBootstrappingInfo(reply.response.body);
        const std::string* header = mediasec::http::FindHeader(request.headers, "Authorization");
        auto credentials = mediasec::http::ParseDigestCredentials(header ? *header : "");
        m_bootstrapTrace(credentials ? credentials.Value().username : "",
                         info ? info.Value().btid : "");
    }
    respond(reply.response);
}

mediasec::Result<mediasec::gba::AuthVector>
BsfApplication::ProvideVector(const mediasec::gba::AvRequest& request)
{
    if (!m_fetched)
    {
        m_missed = request;
        return mediasec::MakeError(mediasec::Errc::InvalidState, "Zh: no vector fetched yet");
    }
    if (!SameRequest(m_fetched->request, request))
    {
        return mediasec::MakeError(mediasec::Errc::AuthFailed,
                                   "Zh: the vector was fetched for another request");
    }
    if (!m_fetched->answer)
    {
        return m_fetched->answer.GetError();
    }
    return m_fetched->answer.Value().vector;
}

void
BsfApplication::FetchVector(const mediasec::gba::AvRequest& request, ZhReply reply)
{
    auto body = mediasec::gba::FormatZhRequest(request);
    if (!body)
    {
        reply(body.GetError());
        return;
    }
    ++m_zhRequests;
    m_zh.Send(mediasec::gba::ZxRequest(mediasec::gba::kZhTarget, "hss", std::move(body).Value()),
              [this, impi = request.impi, reply](auto response) {
                  auto answer = mediasec::gba::ZxAnswerBody(response);
                  auto parsed = answer
                                    ? mediasec::gba::ParseZhAnswer(answer.Value())
                                    : mediasec::Result<mediasec::gba::ZhAnswer>(answer.GetError());
                  if (parsed)
                  {
                      m_uss[impi] = parsed.Value().impus;
                  }
                  reply(std::move(parsed));
              });
}

mediasec::http::HttpResponse
BsfApplication::ServeZn(const mediasec::http::HttpRequest& request)
{
    auto body = mediasec::gba::ZxRequestBody(request, mediasec::gba::kZnTarget);
    auto parsed = body ? mediasec::gba::ParseZnRequest(body.Value())
                       : mediasec::Result<mediasec::gba::ZnRequest>(body.GetError());
    mediasec::gba::ZxResultCode refusal = mediasec::gba::ZxResultCode::UnableToComply;
    auto answer = parsed ? AnswerZn(parsed.Value(), refusal)
                         : mediasec::Result<mediasec::gba::ZnAnswer>(parsed.GetError());
    auto formatted = answer ? mediasec::gba::FormatZnAnswer(answer.Value())
                            : mediasec::Result<std::string>(answer.GetError());
    m_znTrace(parsed ? parsed.Value().btid : "", formatted.IsOk());
    if (formatted)
    {
        ++m_znAnswers;
        return mediasec::gba::ZxAnswerResponse(std::move(formatted).Value());
    }
    ++m_znRefusals;
    NS_LOG_INFO("BSF Zn refused: " << formatted.GetError().ToString());
    return mediasec::gba::ZxFailureResponse(refusal, formatted.GetError().ToString());
}

mediasec::Result<mediasec::gba::ZnAnswer>
BsfApplication::AnswerZn(const mediasec::gba::ZnRequest& request,
                         mediasec::gba::ZxResultCode& refusal)
{
    if (!m_authorizedNafs.empty() && m_authorizedNafs.count(request.nafFqdn) == 0)
    {
        refusal = mediasec::gba::ZxResultCode::NotAuthorized;
        return mediasec::MakeError(mediasec::Errc::AuthFailed, "NAF: not authorized for Zn");
    }
    auto record = m_ub->Lookup(request.btid, Simulator::Now().GetNanoSeconds());
    if (!record)
    {
        refusal = mediasec::gba::ZxResultCode::TransactionIdInvalid;
        return record.GetError();
    }
    auto ksNaf =
        mediasec::gba::DeriveKsNafFor(record.Value(), request.nafFqdn, request.uaProtocolId);
    if (!ksNaf)
    {
        return ksNaf.GetError();
    }
    auto uss = m_uss.find(record.Value().impi);
    if (uss == m_uss.end())
    {
        return mediasec::MakeError(mediasec::Errc::MissingField, "USS: none for the IMPI");
    }
    return mediasec::gba::ZnAnswer{record.Value().impi, std::move(ksNaf).Value(),
                                   record.Value().expiryUnixSeconds, uss->second};
}

} // namespace ims
} // namespace ns3
