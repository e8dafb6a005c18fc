#include "otway-rees-kms-service.h"

namespace ns3
{
namespace ims
{

namespace otway = mediasec::otway;

void
OtwayReesKmsService::AddKey(const std::string& identity, const mediasec::Bytes& key)
{
    m_keys[identity] = key;
}

void
OtwayReesKmsService::AddAuthorizedGateway(const std::string& identity)
{
    m_gateways.insert(identity);
}

void
OtwayReesKmsService::Start(mediasec::Drbg drbg, int64_t skewNs)
{
    auto lookup = [this](const std::string& identity) -> mediasec::Result<mediasec::Bytes> {
        auto key = m_keys.find(identity);
        if (key == m_keys.end())
        {
            return mediasec::MakeError(mediasec::Errc::AuthFailed, "no key for " + identity);
        }
        return key->second;
    };
    otway::OtwayReesKmsConfig config;
    config.skewNs = skewNs;
    m_kms = std::make_unique<otway::OtwayReesKms>(lookup, otway::CalleeOrGateway(m_gateways),
                                                  std::move(drbg), config);
}

bool
OtwayReesKmsService::IsOtwayReesTarget(const mediasec::http::HttpRequest& request)
{
    return request.method == "POST" && request.target == kOtwayReesTarget;
}

mediasec::http::HttpResponse
OtwayReesKmsService::Serve(const mediasec::http::HttpRequest& request, int64_t nowNs)
{
    const std::string* type = mediasec::http::FindHeader(request.headers, "Content-Type");
    if (!m_kms || !IsOtwayReesTarget(request) || type == nullptr || *type != kOtwayReesContentType)
    {
        ++m_badRequests;
        return mediasec::http::HttpResponse{400, "Bad Request", {}, ""};
    }
    const auto outcome =
        m_kms->Handle(mediasec::Bytes(request.body.begin(), request.body.end()), nowNs);
    mediasec::http::HttpResponse response;
    response.status = outcome.IsOk() ? 200 : 403;
    response.reason = outcome.IsOk() ? "OK" : "Forbidden";
    response.headers.emplace_back("Content-Type", kOtwayReesContentType);
    response.body.assign(outcome.message.begin(), outcome.message.end());
    return response;
}

const otway::OtwayReesKmsStats&
OtwayReesKmsService::Stats() const
{
    static const otway::OtwayReesKmsStats none;
    return m_kms ? m_kms->Stats() : none;
}

uint64_t
OtwayReesKmsService::BadRequests() const
{
    return m_badRequests;
}

} // namespace ims
} // namespace ns3
