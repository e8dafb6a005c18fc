#include "hss-application.h"

#include "ns3/log.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "protocol/gba/aka.h"
#include "protocol/gba/zx-http.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsHssApplication");
NS_OBJECT_ENSURE_REGISTERED(HssApplication);

namespace
{

/** \return \p sqn6 + 1 as a 48-bit big-endian counter (wrapping at 2^48) */
mediasec::Bytes
NextSqn(mediasec::Bytes sqn6)
{
    for (size_t i = sqn6.size(); i-- > 0;)
    {
        if (++sqn6[i] != 0)
        {
            break;
        }
    }
    return sqn6;
}

} // namespace

TypeId
HssApplication::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ims::HssApplication")
            .SetParent<Application>()
            .SetGroupName("ImsMediasec")
            .AddConstructor<HssApplication>()
            .AddAttribute("Port", "TCP port of the Zh interface (HTTP in place of Diameter)",
                          UintegerValue(3868), MakeUintegerAccessor(&HssApplication::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("AvServiceTime",
                          "Processing time per Zh request (subscriber lookup and one vector)",
                          TimeValue(MicroSeconds(200)),
                          MakeTimeAccessor(&HssApplication::m_serviceTime), MakeTimeChecker())
            .AddAttribute("Seed", "Run seed of the deterministic RAND generator", UintegerValue(1),
                          MakeUintegerAccessor(&HssApplication::m_seed),
                          MakeUintegerChecker<uint64_t>())
            .AddAttribute("Label", "Node label (names the RAND generator stream)",
                          StringValue("hss"), MakeStringAccessor(&HssApplication::m_label),
                          MakeStringChecker())
            .AddTraceSource("Zh", "A Zh request was answered (true) or refused (false)",
                            MakeTraceSourceAccessor(&HssApplication::m_zhTrace),
                            "ns3::ims::HssApplication::ZhTracedCallback");
    return tid;
}

HssApplication::HssApplication() = default;
HssApplication::~HssApplication() = default;

mediasec::Status
HssApplication::AddSubscriber(const std::string& impi, const HssSubscriber& subscriber)
{
    auto milenage =
        mediasec::gba::Milenage::Create(subscriber.k, subscriber.opOrOpc, subscriber.isOpc);
    if (!milenage)
    {
        return milenage.GetError();
    }
    if (subscriber.sqn.size() != mediasec::gba::Milenage::kSqnLength ||
        subscriber.amf.size() != mediasec::gba::Milenage::kAmfLength)
    {
        return mediasec::MakeError(mediasec::Errc::BadLength, "SQN or AMF: wrong length");
    }
    if (subscriber.impus.empty() || subscriber.impus.size() > mediasec::gba::kMaxPublicIdentities)
    {
        return mediasec::MakeError(mediasec::Errc::OutOfRange, "IMPUs: not 1..64");
    }
    m_records.erase(impi);
    m_records.emplace(impi, Record{std::move(milenage).Value(), subscriber});
    return mediasec::Ok{};
}

std::optional<mediasec::Bytes>
HssApplication::GetSqn(const std::string& impi) const
{
    auto it = m_records.find(impi);
    if (it == m_records.end())
    {
        return std::nullopt;
    }
    return it->second.data.sqn;
}

uint64_t
HssApplication::GetVectorsIssued() const
{
    return m_vectors;
}

uint64_t
HssApplication::GetResyncs() const
{
    return m_resyncs;
}

uint64_t
HssApplication::GetRefusals() const
{
    return m_refusals;
}

const ProcessingQueue&
HssApplication::GetProcessingQueue() const
{
    return m_queue;
}

void
HssApplication::DoDispose()
{
    m_server.Stop();
    Application::DoDispose();
}

void
HssApplication::StartApplication()
{
    m_drbg = std::make_unique<mediasec::Drbg>(mediasec::Drbg::FromSeed(m_seed, m_label));
    m_server.Start(GetNode(), m_port,
                   [this](const mediasec::http::HttpRequest& request, HttpServer::Respond respond) {
                       m_queue.Submit(m_serviceTime,
                                      [this, request, respond]() { respond(Serve(request)); });
                   });
}

void
HssApplication::StopApplication()
{
    m_server.Stop();
}

mediasec::http::HttpResponse
HssApplication::Serve(const mediasec::http::HttpRequest& request)
{
    auto body = mediasec::gba::ZxRequestBody(request, mediasec::gba::kZhTarget);
    auto avRequest = body ? mediasec::gba::ParseZhRequest(body.Value())
                          : mediasec::Result<mediasec::gba::AvRequest>(body.GetError());
    auto answer = avRequest ? Answer(avRequest.Value())
                            : mediasec::Result<mediasec::gba::ZhAnswer>(avRequest.GetError());
    auto formatted = answer ? mediasec::gba::FormatZhAnswer(answer.Value())
                            : mediasec::Result<std::string>(answer.GetError());
    const std::string impi = avRequest ? avRequest.Value().impi : std::string();
    m_zhTrace(impi, formatted.IsOk());
    if (formatted)
    {
        ++m_vectors;
        return mediasec::gba::ZxAnswerResponse(std::move(formatted).Value());
    }
    ++m_refusals;
    NS_LOG_INFO(m_label << " refused Zh for '" << impi << "': " << formatted.GetError().ToString());
    const bool unknown = avRequest && m_records.count(impi) == 0;
    return mediasec::gba::ZxFailureResponse(unknown ? mediasec::gba::ZxResultCode::ImpiUnknown
                                                    : mediasec::gba::ZxResultCode::UnableToComply,
                                            formatted.GetError().ToString());
}

mediasec::Result<mediasec::gba::ZhAnswer>
HssApplication::Answer(const mediasec::gba::AvRequest& request)
{
    auto it = m_records.find(request.impi);
    if (it == m_records.end())
    {
        return mediasec::MakeError(mediasec::Errc::MissingField, "IMPI: unknown");
    }
    Record& record = it->second;
    if (!request.auts.empty())
    {
        auto sqnMs = mediasec::gba::VerifyAuts(record.milenage, request.resyncRand, request.auts);
        if (!sqnMs)
        {
            return sqnMs.GetError();
        }
        record.data.sqn = std::move(sqnMs).Value();
        ++m_resyncs;
    }
    const mediasec::Bytes sqn = NextSqn(record.data.sqn);
    auto vector =
        mediasec::gba::MakeAuthVector(record.milenage, m_drbg->Generate(16), sqn, record.data.amf);
    if (!vector)
    {
        return vector.GetError();
    }
    record.data.sqn = sqn;
    return mediasec::gba::ZhAnswer{std::move(vector).Value(), record.data.impus};
}

} // namespace ims
} // namespace ns3
