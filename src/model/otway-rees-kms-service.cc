#include "otway-rees-kms-service.h"

#include "protocol/crypto/digest.h"
#include "protocol/otway-rees/otway-rees-session-keys.h"

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
OtwayReesKmsService::Start(mediasec::Drbg drbg, int64_t skewNs, KeyHeld keyHeld)
{
    m_keyHeld = std::move(keyHeld);
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
    const mediasec::Bytes body(request.body.begin(), request.body.end());
    const auto outcome = m_kms->Handle(body, nowNs);
    if (outcome.IsOk())
    {
        ReportKeys(body, outcome.message);
    }
    mediasec::http::HttpResponse response;
    response.status = outcome.IsOk() ? 200 : 403;
    response.reason = outcome.IsOk() ? "OK" : "Forbidden";
    response.headers.emplace_back("Content-Type", kOtwayReesContentType);
    response.body.assign(outcome.message.begin(), outcome.message.end());
    return response;
}

void
OtwayReesKmsService::ReportKeys(const mediasec::Bytes& request, const mediasec::Bytes& reply)
{
    // Custody only: the core does not hand K out, so the grant it just sealed is reopened.
    auto parsedRequest = otway::ParseKmsRequest(request);
    auto parsedReply = otway::ParseKmsReply(reply);
    if (!m_keyHeld || !parsedRequest || !parsedReply)
    {
        return;
    }
    mediasec::kms::CryptoOps ops;
    auto grant =
        otway::OpenKeyGrant(otway::Party::Requester, m_keys.at(parsedRequest.Value().requesterId),
                            parsedReply.Value().sealedRequesterGrant, ops);
    auto keys = grant ? otway::KeysFromGrant(grant.Value(), ops)
                      : mediasec::Result<otway::OtwayReesKeys>(grant.GetError());
    if (!keys)
    {
        return;
    }
    for (const auto* key :
         {&keys.Value().srtp.initiatorToResponder, &keys.Value().srtp.responderToInitiator})
    {
        m_keyHeld(mediasec::KeyFingerprint(key->key, key->salt));
    }
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
