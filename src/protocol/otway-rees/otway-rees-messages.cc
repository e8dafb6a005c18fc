#include "otway-rees-messages.h"

#include "otway-rees-aead.h"
#include "otway-rees-fields.h"

#include <utility>

namespace mediasec
{
namespace otway
{

namespace
{

/** \return a sealed field of \p type (kMinSealedLength..kMaxMessageSize bytes) */
Bytes
ReadSealed(FieldReader& r, FieldType type, const char* name)
{
    return r.Ranged(type, kMinSealedLength, kMaxMessageSize, name);
}

} // namespace

Result<MessageType>
PeekMessageType(const Bytes& message)
{
    if (message.size() < 2)
    {
        return MakeError(Errc::Truncated, "message: header shorter than 2 bytes");
    }
    if (message.size() > kMaxMessageSize)
    {
        return MakeError(Errc::TooLarge, "message: longer than " + std::to_string(kMaxMessageSize));
    }
    if (message[0] != kVersion)
    {
        return MakeError(Errc::Unsupported, "message: version " + std::to_string(message[0]));
    }
    if (message[1] < static_cast<uint8_t>(MessageType::Offer) ||
        message[1] > static_cast<uint8_t>(MessageType::KeyPush))
    {
        return MakeError(Errc::Unsupported, "message: type " + std::to_string(message[1]));
    }
    return static_cast<MessageType>(message[1]);
}

Bytes
FormatOffer(const Offer& offer)
{
    FieldWriter w(MessageType::Offer);
    w.Add(FieldType::SessionId, offer.sessionId);
    w.AddText(FieldType::InitiatorId, offer.initiatorId);
    w.AddText(FieldType::ResponderId, offer.responderId);
    w.Add(FieldType::SealedInitiatorRequest, offer.sealedInitiator);
    return w.Take();
}

Result<Offer>
ParseOffer(const Bytes& message)
{
    FieldReader r(message, "Offer");
    r.ReadHeader(MessageType::Offer);
    Offer offer;
    offer.sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    offer.initiatorId = r.Identity(FieldType::InitiatorId, "ID-A");
    offer.responderId = r.Identity(FieldType::ResponderId, "ID-B");
    offer.sealedInitiator = ReadSealed(r, FieldType::SealedInitiatorRequest, "Ea");
    return FinishWith(r, std::move(offer));
}

Bytes
FormatKmsRequest(const KmsRequest& request)
{
    FieldWriter w(MessageType::KmsRequest);
    w.Add(FieldType::SessionId, request.sessionId);
    w.AddText(FieldType::InitiatorId, request.initiatorId);
    w.AddText(FieldType::ResponderId, request.responderId);
    w.AddText(FieldType::RequesterId, request.requesterId);
    w.Add(FieldType::SealedInitiatorRequest, request.sealedInitiator);
    w.Add(FieldType::SealedRequesterRequest, request.sealedRequester);
    return w.Take();
}

Result<KmsRequest>
ParseKmsRequest(const Bytes& message)
{
    FieldReader r(message, "KmsRequest");
    r.ReadHeader(MessageType::KmsRequest);
    KmsRequest request;
    request.sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    request.initiatorId = r.Identity(FieldType::InitiatorId, "ID-A");
    request.responderId = r.Identity(FieldType::ResponderId, "ID-B");
    request.requesterId = r.Identity(FieldType::RequesterId, "requester");
    request.sealedInitiator = ReadSealed(r, FieldType::SealedInitiatorRequest, "Ea");
    request.sealedRequester = ReadSealed(r, FieldType::SealedRequesterRequest, "Eb");
    return FinishWith(r, std::move(request));
}

Bytes
FormatKmsReply(const KmsReply& reply)
{
    FieldWriter w(MessageType::KmsReply);
    w.Add(FieldType::SessionId, reply.sessionId);
    w.Add(FieldType::SealedInitiatorGrant, reply.sealedInitiatorGrant);
    w.Add(FieldType::SealedRequesterGrant, reply.sealedRequesterGrant);
    return w.Take();
}

Result<KmsReply>
ParseKmsReply(const Bytes& message)
{
    FieldReader r(message, "KmsReply");
    r.ReadHeader(MessageType::KmsReply);
    KmsReply reply;
    reply.sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    reply.sealedInitiatorGrant = ReadSealed(r, FieldType::SealedInitiatorGrant, "Ea'");
    reply.sealedRequesterGrant = ReadSealed(r, FieldType::SealedRequesterGrant, "Eb'");
    return FinishWith(r, std::move(reply));
}

Bytes
FormatAnswer(const Answer& answer)
{
    FieldWriter w(MessageType::Answer);
    w.Add(FieldType::SessionId, answer.sessionId);
    w.Add(FieldType::SealedInitiatorGrant, answer.sealedInitiatorGrant);
    return w.Take();
}

Result<Answer>
ParseAnswer(const Bytes& message)
{
    FieldReader r(message, "Answer");
    r.ReadHeader(MessageType::Answer);
    Answer answer;
    answer.sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    answer.sealedInitiatorGrant = ReadSealed(r, FieldType::SealedInitiatorGrant, "Ea'");
    return FinishWith(r, std::move(answer));
}

Bytes
FormatErrorMessage(const ErrorMessage& error)
{
    FieldWriter w(MessageType::Error);
    w.Add(FieldType::SessionId, error.sessionId);
    w.AddU8(FieldType::RefusalCode, static_cast<uint8_t>(error.refusal));
    return w.Take();
}

Result<ErrorMessage>
ParseErrorMessage(const Bytes& message)
{
    FieldReader r(message, "Error");
    r.ReadHeader(MessageType::Error);
    Bytes sessionId = r.Fixed(FieldType::SessionId, kSessionIdLength, "M");
    uint8_t code = r.U8(FieldType::RefusalCode, "refusal code");
    auto status = r.Finish();
    if (!status)
    {
        return status.GetError();
    }
    auto refusal = RefusalFromCode(code);
    if (!refusal)
    {
        return refusal.GetError();
    }
    return ErrorMessage{sessionId, refusal.Value()};
}

} // namespace otway
} // namespace mediasec
