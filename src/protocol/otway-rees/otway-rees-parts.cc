#include "otway-rees-parts.h"

#include "otway-rees-aead.h"
#include "otway-rees-fields.h"

#include <utility>

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

Bytes
EncodeRequestPart(const RequestPart& part)
{
    FieldWriter w;
    w.Add(FieldType::Nonce, part.nonce);
    w.Add(FieldType::SessionId, part.sessionId);
    w.AddText(FieldType::InitiatorId, part.initiatorId);
    w.AddText(FieldType::ResponderId, part.responderId);
    w.AddU64(FieldType::Timestamp, static_cast<uint64_t>(part.timestampNs));
    return w.Take();
}

Result<RequestPart>
DecodeRequestPart(const Bytes& plaintext)
{
    FieldReader r(plaintext, "request part");
    RequestPart part;
    part.nonce = r.Fixed(FieldType::Nonce, kNonceLength, "nonce");
    part.sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    part.initiatorId = r.Identity(FieldType::InitiatorId, "ID-A");
    part.responderId = r.Identity(FieldType::ResponderId, "ID-B");
    part.timestampNs = static_cast<int64_t>(r.U64(FieldType::Timestamp, "T"));
    return FinishWith(r, std::move(part));
}

Bytes
EncodeKeyGrant(const KeyGrant& grant)
{
    FieldWriter w;
    w.Add(FieldType::Nonce, grant.nonce);
    w.Add(FieldType::SessionId, grant.sessionId);
    w.Add(FieldType::SessionKey, grant.sessionKey);
    w.AddText(FieldType::InitiatorId, grant.initiatorId);
    w.AddText(FieldType::ResponderId, grant.responderId);
    w.AddText(FieldType::RequesterId, grant.requesterId);
    return w.Take();
}

Result<KeyGrant>
DecodeKeyGrant(const Bytes& plaintext)
{
    FieldReader r(plaintext, "key grant");
    KeyGrant grant;
    grant.nonce = r.Fixed(FieldType::Nonce, kNonceLength, "nonce");
    grant.sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    grant.sessionKey = r.Fixed(FieldType::SessionKey, kSessionKeyLength, "K");
    grant.initiatorId = r.Identity(FieldType::InitiatorId, "ID-A");
    grant.responderId = r.Identity(FieldType::ResponderId, "ID-B");
    grant.requesterId = r.Identity(FieldType::RequesterId, "requester");
    return FinishWith(r, std::move(grant));
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
    auto plaintext =
        OpenPart(key, RequestTag(party), sealed, party == Party::Initiator ? "Ea" : "Eb", ops);
    if (!plaintext)
    {
        return plaintext.GetError();
    }
    return DecodeRequestPart(plaintext.Value());
}

Result<Bytes>
SealKeyGrant(Party party, const Bytes& key, const KeyGrant& grant, Drbg& drbg, kms::CryptoOps& ops)
{
    return SealPart(key, GrantTag(party), EncodeKeyGrant(grant), drbg, ops);
}

Result<KeyGrant>
OpenKeyGrant(Party party, const Bytes& key, const Bytes& sealed, kms::CryptoOps& ops)
{
    auto plaintext =
        OpenPart(key, GrantTag(party), sealed, party == Party::Initiator ? "Ea'" : "Eb'", ops);
    if (!plaintext)
    {
        return plaintext.GetError();
    }
    return DecodeKeyGrant(plaintext.Value());
}

} // namespace otway
} // namespace mediasec
