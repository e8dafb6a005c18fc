/**
 * \file
 * The five messages of the Otway-Rees exchange (doc/otway-rees.md): Offer (A -> B), KmsRequest
 * (B -> KMS), KmsReply (KMS -> B), Answer (B -> A) and Error (KMS -> B). Each is the header
 * version || message type followed by its fields in a fixed order; the sealed parts are
 * carried as opaque bytes (see otway-rees-parts.h).
 */
#ifndef MEDIASEC_OTWAY_REES_MESSAGES_H
#define MEDIASEC_OTWAY_REES_MESSAGES_H

#include "otway-rees-constants.h"
#include "otway-rees-refusal.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <string>

namespace mediasec
{
namespace otway
{

/** \brief Message 1, A -> B: M, ID-A, ID-B, Ea. */
struct Offer
{
    Bytes sessionId;         //!< M
    std::string initiatorId; //!< plain ID-A
    std::string responderId; //!< plain ID-B (the callee)
    Bytes sealedInitiator;   //!< Ea
};

/** \brief Message 2, B (or SGW) -> KMS: M, ID-A, ID-B, requester, Ea, Eb. */
struct KmsRequest
{
    Bytes sessionId;         //!< M
    std::string initiatorId; //!< plain ID-A
    std::string responderId; //!< plain ID-B (the callee)
    std::string requesterId; //!< plain identity whose key sealed Eb (B itself or an SGW)
    Bytes sealedInitiator;   //!< Ea, as received in the Offer
    Bytes sealedRequester;   //!< Eb
};

/** \brief Message 3, KMS -> B: M, Ea', Eb'. */
struct KmsReply
{
    Bytes sessionId;            //!< M
    Bytes sealedInitiatorGrant; //!< Ea'
    Bytes sealedRequesterGrant; //!< Eb'
};

/** \brief Message 4, B -> A: M, Ea'. */
struct Answer
{
    Bytes sessionId;            //!< M
    Bytes sealedInitiatorGrant; //!< Ea'
};

/**
 * \brief The KMS refusal, KMS -> B (B may forward it to A). Not authenticated: it only ends a
 * session that an attacker on the path could stop anyway.
 */
struct ErrorMessage
{
    Bytes sessionId; //!< M of the refused request (zeros when it could not be read)
    Refusal refusal; //!< why
};

/** \return the message type of \p message (its header), or the header errors of FieldReader */
Result<MessageType> PeekMessageType(const Bytes& message);

Bytes FormatOffer(const Offer& offer); //!< \return the encoding of \p offer
/** \return the Offer in \p message, or the typed FieldReader errors naming the field */
Result<Offer> ParseOffer(const Bytes& message);

Bytes FormatKmsRequest(const KmsRequest& request); //!< \return the encoding of \p request
/** \return the KmsRequest in \p message, or the typed FieldReader errors naming the field */
Result<KmsRequest> ParseKmsRequest(const Bytes& message);

Bytes FormatKmsReply(const KmsReply& reply); //!< \return the encoding of \p reply
/** \return the KmsReply in \p message, or the typed FieldReader errors naming the field */
Result<KmsReply> ParseKmsReply(const Bytes& message);

Bytes FormatAnswer(const Answer& answer); //!< \return the encoding of \p answer
/** \return the Answer in \p message, or the typed FieldReader errors naming the field */
Result<Answer> ParseAnswer(const Bytes& message);

Bytes FormatErrorMessage(const ErrorMessage& error); //!< \return the encoding of \p error
/**
 * \return the ErrorMessage in \p message, the typed FieldReader errors naming the field, or
 * OutOfRange for an unassigned refusal code
 */
Result<ErrorMessage> ParseErrorMessage(const Bytes& message);

} // namespace otway
} // namespace mediasec

#endif
