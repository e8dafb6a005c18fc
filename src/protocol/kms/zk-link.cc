#include "zk-link.h"

#include "protocol/crypto/aes-gcm.h"

#include <utility>

namespace mediasec
{
namespace kms
{

ZkLink::ZkLink(std::string selfUri, Drbg drbg, int64_t skewNs, size_t maxEntries)
    : m_self(std::move(selfUri))
    , m_drbg(std::move(drbg))
    , m_replay(skewNs, maxEntries)
{
}

Status
ZkLink::AddPeer(const std::string& peerUri, const Bytes& key)
{
    if (key.size() != kKeyLength)
    {
        return MakeError(Errc::BadLength, "Zk link key of " + peerUri + ": " +
                                              std::to_string(key.size()) + " bytes (32)");
    }
    m_keys[peerUri] = key;
    return Ok();
}

bool
ZkLink::HasPeer(const std::string& peerUri) const
{
    return m_keys.count(peerUri) > 0;
}

Result<Bytes>
ZkLink::Seal(ZkEnvelope envelope, const Bytes& body, int64_t nowNs)
{
    auto key = m_keys.find(envelope.receiver);
    if (key == m_keys.end())
    {
        return MakeError(Errc::InvalidState, "Zk: no link with " + envelope.receiver);
    }
    envelope.sender = m_self;
    envelope.timestampNtp = mikey::NtpFromNs(nowNs);
    auto gcm = AesGcm::Create(key->second);
    if (!gcm)
    {
        return gcm.GetError();
    }
    auto sealed = gcm.Value().Seal(envelope.nonce, FormatZkEnvelopeHeader(envelope), body);
    if (!sealed)
    {
        return sealed.GetError();
    }
    envelope.sealed = std::move(sealed).Value();
    return FormatZkEnvelope(envelope);
}

Result<std::pair<ZkEnvelope, Bytes>>
ZkLink::Open(const Bytes& message, ZkKind kind)
{
    auto parsed = ParseZkEnvelope(message);
    if (!parsed)
    {
        return parsed.GetError();
    }
    ZkEnvelope e = std::move(parsed).Value();
    if (e.kind != kind || e.receiver != m_self)
    {
        return MakeError(Errc::Unsupported,
                         "Zk: a " +
                             std::string(kind == ZkKind::ResolveRequest ? "request" : "answer") +
                             " for " + m_self + " expected");
    }
    auto key = m_keys.find(e.sender);
    if (key == m_keys.end())
    {
        return MakeError(Errc::AuthFailed, "Zk: no link with sender " + e.sender);
    }
    auto gcm = AesGcm::Create(key->second);
    if (!gcm)
    {
        return gcm.GetError();
    }
    auto body = gcm.Value().Open(e.nonce, FormatZkEnvelopeHeader(e), e.sealed);
    if (!body)
    {
        return MakeError(body.GetError().code, "Zk: message of " + e.sender +
                                                   " does not verify under the link key (" +
                                                   body.GetError().detail + ")");
    }
    Bytes plain = std::move(body).Value();
    return std::make_pair(std::move(e), std::move(plain));
}

Result<ZkSealedRequest>
ZkLink::SealRequest(const std::string& peerUri, const ZkResolveRequest& request, int64_t nowNs)
{
    ZkEnvelope e;
    e.kind = ZkKind::ResolveRequest;
    e.receiver = peerUri;
    e.nonce = m_drbg.Generate(kZkNonceLength);
    Bytes nonce = e.nonce;
    auto sealed = Seal(std::move(e), FormatZkResolveRequest(request), nowNs);
    if (!sealed)
    {
        return sealed.GetError();
    }
    return ZkSealedRequest{std::move(sealed).Value(), std::move(nonce)};
}

Result<ZkOpenedRequest>
ZkLink::OpenRequest(const Bytes& message, int64_t nowNs)
{
    auto opened = Open(message, ZkKind::ResolveRequest);
    if (!opened)
    {
        return opened.GetError();
    }
    auto& [e, body] = opened.Value();
    if (auto s = m_replay.Check(e.timestampNtp, e.nonce, e.sender, nowNs); !s)
    {
        return MakeError(s.GetError().code,
                         "Zk request of " + e.sender + ": " + s.GetError().detail);
    }
    auto request = ParseZkResolveRequest(body);
    if (!request)
    {
        return request.GetError();
    }
    return ZkOpenedRequest{e.sender, e.nonce, std::move(request).Value()};
}

Result<Bytes>
ZkLink::SealAnswer(const std::string& peerUri, const Bytes& requestNonce,
                   const ZkResolveAnswer& answer, int64_t nowNs)
{
    ZkEnvelope e;
    e.kind = ZkKind::ResolveAnswer;
    e.receiver = peerUri;
    e.nonce = m_drbg.Generate(kZkNonceLength);
    e.requestNonce = requestNonce;
    return Seal(std::move(e), FormatZkResolveAnswer(answer), nowNs);
}

Result<ZkResolveAnswer>
ZkLink::OpenAnswer(const Bytes& message, const std::string& peerUri, const Bytes& requestNonce)
{
    auto opened = Open(message, ZkKind::ResolveAnswer);
    if (!opened)
    {
        return opened.GetError();
    }
    const auto& [e, body] = opened.Value();
    if (e.sender != peerUri)
    {
        return MakeError(Errc::Unsupported,
                         "Zk: answer of " + e.sender + " where " + peerUri + " was asked");
    }
    if (e.requestNonce != requestNonce)
    {
        return MakeError(Errc::AuthFailed, "Zk: answer to another request (replayed answer)");
    }
    return ParseZkResolveAnswer(body);
}

} // namespace kms
} // namespace mediasec
