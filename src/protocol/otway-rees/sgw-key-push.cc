#include "sgw-key-push.h"

#include "otway-rees-aead.h"
#include "otway-rees-fields.h"
#include "otway-rees-srtp-keys.h"

#include <utility>

namespace mediasec
{
namespace otway
{

Bytes
EncodeKeyPushPart(const KeyPushPart& part)
{
    FieldWriter w;
    w.Add(FieldType::Nonce, part.nonce);
    w.Add(FieldType::SessionId, part.sessionId);
    w.Add(FieldType::SessionKey, part.sessionKey);
    w.AddText(FieldType::GatewayId, part.gatewayId);
    w.AddU64(FieldType::Timestamp, static_cast<uint64_t>(part.timestampNs));
    return w.Take();
}

Result<KeyPushPart>
DecodeKeyPushPart(const Bytes& plaintext)
{
    FieldReader r(plaintext, "key push part");
    KeyPushPart part;
    part.nonce = r.Fixed(FieldType::Nonce, kNonceLength, "nonce");
    part.sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    part.sessionKey = r.Fixed(FieldType::SessionKey, kSessionKeyLength, "K");
    part.gatewayId = r.Identity(FieldType::GatewayId, "ID-SGW");
    part.timestampNs = static_cast<int64_t>(r.U64(FieldType::Timestamp, "T"));
    return FinishWith(r, std::move(part));
}

Result<Bytes>
BuildSgwKeyPush(const Bytes& ksm, const std::string& gatewayId, const Bytes& sessionId,
                const Bytes& sessionKey, Drbg& drbg, int64_t nowNs)
{
    if (sessionId.size() != kSessionIdLength || sessionKey.size() != kSessionKeyLength ||
        !IsValidIdentityLength(gatewayId.size()))
    {
        return MakeError(Errc::BadLength, "KeyPush: M, K or ID-SGW has a wrong length");
    }
    kms::CryptoOps ops;
    KeyPushPart part{drbg.Generate(kNonceLength), sessionId, sessionKey, gatewayId, nowNs};
    auto sealed = SealPart(ksm, FieldType::SealedKeyPush, EncodeKeyPushPart(part), drbg, ops);
    if (!sealed)
    {
        return sealed.GetError();
    }
    FieldWriter w(MessageType::KeyPush);
    w.Add(FieldType::SessionId, sessionId);
    w.AddText(FieldType::GatewayId, gatewayId);
    w.Add(FieldType::SealedKeyPush, sealed.Value());
    return w.Take();
}

SgwKeyPushReceiver::SgwKeyPushReceiver(Bytes ksm, int64_t skewNs, size_t maxEntries)
    : m_ksm(std::move(ksm))
    , m_skewNs(skewNs)
    , m_replay(skewNs, maxEntries)
{
}

Result<PushedKeys>
SgwKeyPushReceiver::Open(const Bytes& message, int64_t nowNs)
{
    FieldReader r(message, "KeyPush");
    r.ReadHeader(MessageType::KeyPush);
    Bytes sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    std::string gatewayId = r.Identity(FieldType::GatewayId, "ID-SGW");
    Bytes sealed = r.Ranged(FieldType::SealedKeyPush, kMinSealedLength, kMaxMessageSize, "Esm");
    auto status = r.Finish();
    if (!status)
    {
        return status.GetError();
    }
    auto plaintext = OpenPart(m_ksm, FieldType::SealedKeyPush, sealed, "Esm", m_ops);
    if (!plaintext)
    {
        return plaintext.GetError();
    }
    auto part = DecodeKeyPushPart(plaintext.Value());
    if (!part)
    {
        return part.GetError();
    }
    const KeyPushPart& p = part.Value();
    if (p.sessionId != sessionId || p.gatewayId != gatewayId)
    {
        return MakeError(Errc::AuthFailed, "Esm: sealed M or ID-SGW differs from the plain one");
    }
    if (p.timestampNs < nowNs - m_skewNs || p.timestampNs > nowNs + m_skewNs)
    {
        return MakeError(Errc::OutOfRange, "Esm: T is outside the allowed clock skew");
    }
    auto fresh = m_replay.Check(mikey::NtpFromNs(p.timestampNs), p.nonce, p.gatewayId, nowNs);
    if (!fresh)
    {
        return MakeError(fresh.GetError().code, "Esm: " + fresh.GetError().detail);
    }
    m_ops.mac += kSrtpKeyDerivationMacs;
    auto srtp = DeriveOtwayReesSrtpKeys(p.sessionKey, p.sessionId);
    if (!srtp)
    {
        return srtp.GetError();
    }
    return PushedKeys{p.sessionId, p.sessionKey, p.gatewayId, srtp.Value()};
}

const kms::CryptoOps&
SgwKeyPushReceiver::Ops() const
{
    return m_ops;
}

} // namespace otway
} // namespace mediasec
