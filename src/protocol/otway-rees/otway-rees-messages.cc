#include "otway-rees-messages.h"

#include "otway-rees-schema.h"

namespace mediasec
{
namespace otway
{

namespace
{

/** \return the fields of an Offer */
const Schema<Offer>&
OfferSchema()
{
    static const Schema<Offer> schema{
        FixedField(FieldType::SessionId, &Offer::sessionId, kSessionIdLength, "M"),
        IdentityField(FieldType::InitiatorId, &Offer::initiatorId, "ID-A"),
        IdentityField(FieldType::ResponderId, &Offer::responderId, "ID-B"),
        SealedField(FieldType::SealedInitiatorRequest, &Offer::sealedInitiator, "Ea"),
    };
    return schema;
}

/** \return the fields of a KmsRequest */
const Schema<KmsRequest>&
KmsRequestSchema()
{
    static const Schema<KmsRequest> schema{
        FixedField(FieldType::SessionId, &KmsRequest::sessionId, kSessionIdLength, "M"),
        IdentityField(FieldType::InitiatorId, &KmsRequest::initiatorId, "ID-A"),
        IdentityField(FieldType::ResponderId, &KmsRequest::responderId, "ID-B"),
        IdentityField(FieldType::RequesterId, &KmsRequest::requesterId, "requester"),
        SealedField(FieldType::SealedInitiatorRequest, &KmsRequest::sealedInitiator, "Ea"),
        SealedField(FieldType::SealedRequesterRequest, &KmsRequest::sealedRequester, "Eb"),
    };
    return schema;
}

/** \return the fields of a KmsReply */
const Schema<KmsReply>&
KmsReplySchema()
{
    static const Schema<KmsReply> schema{
        FixedField(FieldType::SessionId, &KmsReply::sessionId, kSessionIdLength, "M"),
        SealedField(FieldType::SealedInitiatorGrant, &KmsReply::sealedInitiatorGrant, "Ea'"),
        SealedField(FieldType::SealedRequesterGrant, &KmsReply::sealedRequesterGrant, "Eb'"),
    };
    return schema;
}

/** \return the fields of an Answer */
const Schema<Answer>&
AnswerSchema()
{
    static const Schema<Answer> schema{
        FixedField(FieldType::SessionId, &Answer::sessionId, kSessionIdLength, "M"),
        SealedField(FieldType::SealedInitiatorGrant, &Answer::sealedInitiatorGrant, "Ea'"),
    };
    return schema;
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
    return FormatMessage(MessageType::Offer, offer, OfferSchema());
}

Result<Offer>
ParseOffer(const Bytes& message)
{
    return ParseMessage(message, MessageType::Offer, OfferSchema(), "Offer");
}

Bytes
FormatKmsRequest(const KmsRequest& request)
{
    return FormatMessage(MessageType::KmsRequest, request, KmsRequestSchema());
}

Result<KmsRequest>
ParseKmsRequest(const Bytes& message)
{
    return ParseMessage(message, MessageType::KmsRequest, KmsRequestSchema(), "KmsRequest");
}

Bytes
FormatKmsReply(const KmsReply& reply)
{
    return FormatMessage(MessageType::KmsReply, reply, KmsReplySchema());
}

Result<KmsReply>
ParseKmsReply(const Bytes& message)
{
    return ParseMessage(message, MessageType::KmsReply, KmsReplySchema(), "KmsReply");
}

Bytes
FormatAnswer(const Answer& answer)
{
    return FormatMessage(MessageType::Answer, answer, AnswerSchema());
}

Result<Answer>
ParseAnswer(const Bytes& message)
{
    return ParseMessage(message, MessageType::Answer, AnswerSchema(), "Answer");
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
    Bytes code = r.Fixed(FieldType::RefusalCode, 1, "refusal code");
    auto status = r.Finish();
    if (!status)
    {
        return status.GetError();
    }
    auto refusal = RefusalFromCode(code[0]);
    if (!refusal)
    {
        return refusal.GetError();
    }
    return ErrorMessage{sessionId, refusal.Value()};
}

} // namespace otway
} // namespace mediasec
