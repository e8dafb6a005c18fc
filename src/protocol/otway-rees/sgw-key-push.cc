#include "sgw-key-push.h"

#include "otway-rees-aead.h"
#include "otway-rees-schema.h"
#include "otway-rees-srtp-keys.h"

#include <utility>

namespace mediasec
{
namespace otway
{

namespace
{

/** \brief The plain KeyPush message. */
struct KeyPushMessage
{
    Bytes sessionId;       //!< M
    std::string gatewayId; //!< ID-SGW
    Bytes sealed;          //!< Esm
};

/** \return the fields of the key push part */
const Schema<KeyPushPart>&
KeyPushPartSchema()
{
    static const Schema<KeyPushPart> schema{
        FixedField(FieldType::Nonce, &KeyPushPart::nonce, kNonceLength, "nonce"),
        FixedField(FieldType::SessionId, &KeyPushPart::sessionId, kSessionIdLength, "M"),
        FixedField(FieldType::SessionKey, &KeyPushPart::sessionKey, kSessionKeyLength, "K"),
        IdentityField(FieldType::GatewayId, &KeyPushPart::gatewayId, "ID-SGW"),
        TimestampField(FieldType::Timestamp, &KeyPushPart::timestampNs, "T"),
    };
    return schema;
}

/** \return the fields of the KeyPush message */
const Schema<KeyPushMessage>&
KeyPushMessageSchema()
{
    static const Schema<KeyPushMessage> schema{
        FixedField(FieldType::SessionId, &KeyPushMessage::sessionId, kSessionIdLength, "M"),
        IdentityField(FieldType::GatewayId, &KeyPushMessage::gatewayId, "ID-SGW"),
        SealedField(FieldType::SealedKeyPush, &KeyPushMessage::sealed, "Esm"),
    };
    return schema;
}

} // namespace

Bytes
EncodeKeyPushPart(const KeyPushPart& part)
{
    return EncodeFields(part, KeyPushPartSchema());
}

Result<KeyPushPart>
DecodeKeyPushPart(const Bytes& plaintext)
{
    return DecodeFields(plaintext, KeyPushPartSchema(), "key push part");
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
    return FormatMessage(MessageType::KeyPush,
                         KeyPushMessage{sessionId, gatewayId, std::move(sealed).Value()},
                         KeyPushMessageSchema());
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
    auto plain = ParseMessage(message, MessageType::KeyPush, KeyPushMessageSchema(), "KeyPush");
    if (!plain)
    {
        return plain.GetError();
    }
    const std::string& gatewayId = plain.Value().gatewayId;
    auto part = OpenFields(m_ksm, FieldType::SealedKeyPush, plain.Value().sealed, "Esm",
                           KeyPushPartSchema(), "key push part", m_ops);
    if (!part)
    {
        return part.GetError();
    }
    const KeyPushPart& p = part.Value();
    if (p.sessionId != plain.Value().sessionId || p.gatewayId != gatewayId)
    {
        return MakeError(Errc::AuthFailed, "Esm: sealed M or ID-SGW differs from the plain one");
    }
    if (!IsWithinSkew(p.timestampNs, nowNs, m_skewNs))
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
