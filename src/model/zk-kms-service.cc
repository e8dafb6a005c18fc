#include "zk-kms-service.h"

#include "kms-application.h"
#include "protocol/crypto/digest.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <stdexcept>

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsZkKmsService");

using mediasec::kms::kZkContentType;
using mediasec::kms::kZkResolveTarget;

namespace
{

/** \return a response with \p status and a body of Content-Type \p type */
mediasec::http::HttpResponse
Response(int status, const std::string& reason, const std::string& type, std::string body)
{
    mediasec::http::HttpResponse r;
    r.status = status;
    r.reason = reason;
    r.headers.emplace_back("Content-Type", type);
    r.body = std::move(body);
    return r;
}

} // namespace

ZkKmsService::ZkKmsService() = default;
ZkKmsService::~ZkKmsService() = default;

void
ZkKmsService::AddPeer(const std::string& uri, const InetSocketAddress& address,
                      const mediasec::Bytes& key, const std::vector<std::string>& assertable)
{
    m_peers.erase(uri);
    m_peers.emplace(uri, Peer{address, key, assertable, std::make_unique<HttpClient>()});
}

std::vector<std::string>
ZkKmsService::PeerUris() const
{
    std::vector<std::string> uris;
    for (const auto& [uri, peer] : m_peers)
    {
        uris.push_back(uri);
    }
    return uris;
}

void
ZkKmsService::Start(Ptr<Node> node, const std::string& selfUri, mediasec::kms::KmsCore* core,
                    mediasec::Drbg drbg, KeyHeld keyHeld)
{
    m_self = selfUri;
    m_core = core;
    m_keyHeld = std::move(keyHeld);
    m_link = std::make_unique<mediasec::kms::ZkLink>(selfUri, std::move(drbg));
    for (auto& [uri, peer] : m_peers)
    {
        if (auto s = m_link->AddPeer(uri, peer.key); !s)
        {
            // A configuration error of the scenario, not wire input.
            throw std::invalid_argument(s.GetError().ToString());
        }
        peer.client->Start(node, peer.address, true); // a standing inter-KMS link
    }
}

void
ZkKmsService::Stop()
{
    for (auto& [uri, peer] : m_peers)
    {
        peer.client->Stop();
    }
}

bool
ZkKmsService::IsZkTarget(const mediasec::http::HttpRequest& request)
{
    return request.method == "POST" && request.target == kZkResolveTarget;
}

mediasec::http::HttpResponse
ZkKmsService::Serve(const mediasec::http::HttpRequest& request, int64_t nowNs)
{
    const std::string* type = mediasec::http::FindHeader(request.headers, "Content-Type");
    if (!IsZkTarget(request) || type == nullptr || *type != kZkContentType || !m_link)
    {
        return Response(400, "Bad Request", "text/plain", "not a Zk Resolve");
    }
    auto opened =
        m_link->OpenRequest(mediasec::Bytes(request.body.begin(), request.body.end()), nowNs);
    if (!opened)
    {
        ++m_refusals;
        NS_LOG_INFO(m_self << " refused a Zk request: " << opened.GetError().ToString());
        return Response(403, "Forbidden", "text/plain",
                        "Zk link refused: " + opened.GetError().ToString());
    }
    const mediasec::kms::ZkOpenedRequest& r = opened.Value();
    // The link opened it, so the sender is a configured peer; none asserts nothing.
    auto peer = m_peers.find(r.peer);
    const auto answer = m_core->HandleZkResolve(
        r.peer, peer != m_peers.end() ? peer->second.assertable : std::vector<std::string>{},
        r.request, nowNs);
    if (answer.refusal)
    {
        ++m_refusals;
    }
    if (answer.keys && m_keyHeld)
    {
        m_keyHeld(mediasec::KeyFingerprint(answer.keys->mpki, {}));
        m_keyHeld(mediasec::KeyFingerprint(answer.keys->forkedTgk, {}));
    }
    auto sealed = m_link->SealAnswer(r.peer, r.nonce, answer, nowNs);
    if (!sealed)
    {
        return Response(500, "Internal Server Error", "text/plain", sealed.GetError().ToString());
    }
    return Response(200, "OK", kZkContentType,
                    std::string(sealed.Value().begin(), sealed.Value().end()));
}

void
ZkKmsService::Finish(uint64_t id, const mediasec::Result<mediasec::kms::ZkResolveAnswer>& answer,
                     const Done& done)
{
    done(m_core->FinishRelayedResolve(id, answer, KmsClockNs(Simulator::Now())));
}

void
ZkKmsService::Relay(const mediasec::kms::ZkRelay& relay, int64_t nowNs, Done done)
{
    auto peer = m_peers.find(relay.issuer);
    auto sealed = peer == m_peers.end()
                      ? mediasec::Result<mediasec::kms::ZkSealedRequest>(mediasec::MakeError(
                            mediasec::Errc::InvalidState, "no Zk peer " + relay.issuer))
                      : m_link->SealRequest(relay.issuer, relay.request, nowNs);
    if (!sealed)
    {
        Finish(relay.id, sealed.GetError(), done);
        return;
    }
    ++m_requests;
    mediasec::http::HttpRequest post;
    post.method = "POST";
    post.target = kZkResolveTarget;
    post.headers = {{"Host", relay.issuer.substr(relay.issuer.find('@') + 1)},
                    {"Content-Type", kZkContentType}};
    post.body.assign(sealed.Value().message.begin(), sealed.Value().message.end());
    peer->second.client->Send(post, [this, id = relay.id, issuer = relay.issuer,
                                     nonce = sealed.Value().nonce, done](
                                        mediasec::Result<mediasec::http::HttpResponse> response) {
        if (!response)
        {
            Finish(id, response.GetError(), done);
            return;
        }
        const mediasec::http::HttpResponse& r = response.Value();
        if (r.status != 200)
        {
            Finish(
                id,
                mediasec::MakeError(mediasec::Errc::AuthFailed,
                                    "issuer answered " + std::to_string(r.status) + ": " + r.body),
                done);
            return;
        }
        Finish(id, m_link->OpenAnswer(mediasec::Bytes(r.body.begin(), r.body.end()), issuer, nonce),
               done);
    });
}

uint64_t
ZkKmsService::Requests() const
{
    return m_requests;
}

uint64_t
ZkKmsService::Refusals() const
{
    return m_refusals;
}

} // namespace ims
} // namespace ns3
