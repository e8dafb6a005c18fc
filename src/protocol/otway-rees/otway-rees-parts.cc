#include "otway-rees-parts.h"

#include "otway-rees-aead.h"
#include "otway-rees-schema.h"

namespace mediasec
{
namespace otway
{

FieldType
RequestTag(Party party)
{
    return party == Party::Initiator ? FieldType::SealedInitiatorRequest
                                     : FieldType::SealedRequesterRequest;
}

FieldType
GrantTag(Party party)
{
    return party == Party::Initiator ? FieldType::SealedInitiatorGrant
                                     : FieldType::SealedRequesterGrant;
}

namespace
{

/** \return the fields of a request part */
const Schema<RequestPart>&
RequestPartSchema()
{
    static const Schema<RequestPart> schema{
        FixedField(FieldType::Nonce, &RequestPart::nonce, kNonceLength, "nonce"),
        FixedField(FieldType::SessionId, &RequestPart::sessionId, kSessionIdLength, "M"),
        IdentityField(FieldType::InitiatorId, &RequestPart::initiatorId, "ID-A"),
        IdentityField(FieldType::ResponderId, &RequestPart::responderId, "ID-B"),
        TimestampField(FieldType::Timestamp, &RequestPart::timestampNs, "T"),
    };
    return schema;
}

/** \return the fields of a key grant */
const Schema<KeyGrant>&
KeyGrantSchema()
{
    static const Schema<KeyGrant> schema{
        FixedField(FieldType::Nonce, &KeyGrant::nonce, kNonceLength, "nonce"),
        FixedField(FieldType::SessionId, &KeyGrant::sessionId, kSessionIdLength, "M"),
        FixedField(FieldType::SessionKey, &KeyGrant::sessionKey, kSessionKeyLength, "K"),
        IdentityField(FieldType::InitiatorId, &KeyGrant::initiatorId, "ID-A"),
        IdentityField(FieldType::ResponderId, &KeyGrant::responderId, "ID-B"),
        IdentityField(FieldType::RequesterId, &KeyGrant::requesterId, "requester"),
    };
    return schema;
}

} // namespace

Bytes
EncodeRequestPart(const RequestPart& part)
{
    return EncodeFields(part, RequestPartSchema());
}

Result<RequestPart>
DecodeRequestPart(const Bytes& plaintext)
{
    return DecodeFields(plaintext, RequestPartSchema(), "request part");
}

Bytes
EncodeKeyGrant(const KeyGrant& grant)
{
    return EncodeFields(grant, KeyGrantSchema());
}

Result<KeyGrant>
DecodeKeyGrant(const Bytes& plaintext)
{
    return DecodeFields(plaintext, KeyGrantSchema(), "key grant");
}

Result<Bytes>
SealRequestPart(Party party, const Bytes& key, const RequestPart& part, Drbg& drbg,
                kms::CryptoOps& ops)
{
    return SealPart(key, RequestTag(party), EncodeRequestPart(part), drbg, ops);
}

Result<RequestPart>
OpenRequestPart(Party party, const Bytes& key, const Bytes& sealed, kms::CryptoOps& ops)
{
    return OpenFields(key, RequestTag(party), sealed, party == Party::Initiator ? "Ea" : "Eb",
                      RequestPartSchema(), "request part", ops);
}

Result<Bytes>
SealKeyGrant(Party party, const Bytes& key, const KeyGrant& grant, Drbg& drbg, kms::CryptoOps& ops)
{
    return SealPart(key, GrantTag(party), EncodeKeyGrant(grant), drbg, ops);
}

Result<KeyGrant>
OpenKeyGrant(Party party, const Bytes& key, const Bytes& sealed, kms::CryptoOps& ops)
{
    return OpenFields(key, GrantTag(party), sealed, party == Party::Initiator ? "Ea'" : "Eb'",
                      KeyGrantSchema(), "key grant", ops);
}

} // namespace otway
} // namespace mediasec
