/**
 * \file
 * The message steps the MIKEY-TICKET agents share (doc/mikey-ticket-profile.md): parsing an
 * expected message or a peer's Error, the profile checks of a ticket policy, opening a KMS
 * response, building RESOLVE_INIT_PSK and verifying a TRANSFER_INIT once MPKi is known. Used by
 * TicketInitiator, TicketResponder and NetworkFunctionResolver.
 */
#ifndef MEDIASEC_TICKET_MESSAGES_H
#define MEDIASEC_TICKET_MESSAGES_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/mikey/mikey-message.h"
#include "ticket-crypto.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mediasec
{
namespace kms
{

/** \brief A UE's (or network function's) credentials towards its KMS (GBA: B-TID, Ks_NAF). */
struct UeCredentials
{
    std::string impu;   //!< the user's SIP URI (IDRi / IDRr), e.g. "sip:alice@example.com"
    std::string btid;   //!< B-TID (IDRpsk)
    Bytes psk;          //!< Ks_NAF of the B-TID
    std::string kmsUri; //!< IDRkms of the user's KMS
};

/**
 * \brief A refusal received from the KMS or the peer as a MIKEY Error message.
 * \return AuthFailed naming the ERR number when \p message is an Error message, else nullopt
 */
std::optional<Error> ReceivedMikeyError(const mikey::MikeyMessage& message, const char* where);

/**
 * \return the parsed \p bytes if it is of \p type with the profile PRF; the peer's Error
 * message as AuthFailed (ReceivedMikeyError); Unsupported for another type; the parse errors
 */
Result<mikey::MikeyMessage> ParseExpected(const Bytes& bytes, mikey::DataType type,
                                          const char* where);

/** \return Ok if \p tp is a ticket policy of the profile (type 2/1/1, valid flags, I, E, F). */
Status CheckProfilePolicy(const mikey::TicketPolicyPayload& tp, const char* where);

/** \return Ok if \p nowNs is within TRs..TRe of \p tp, else OutOfRange. */
Status CheckValidity(const mikey::TicketPolicyPayload& tp, int64_t nowNs, const char* where);

/** \return the profile's V payload with an empty MAC, to be filled by SignMessage. */
mikey::VerificationPayload EmptyV();

/** \return \p a || \p b. */
Bytes Concat(const Bytes& a, const std::string& b);

/** \return \p error with \p where prefixed to its detail. */
Error Prefixed(const Error& error, const char* where);

/**
 * \brief Verifies a KMS response (REQUEST_RESP or RESOLVE_RESP) with the response keys of
 * \p psk and opens its KEMAC, whose key data must be of the \p expected types in that order.
 * \return the key data payloads, or the typed error prefixed with \p where
 */
Result<std::vector<mikey::KeyDataPayload>> OpenKmsResponse(
    const mikey::MikeyMessage& m, const Bytes& psk, const Bytes& randRi, const Bytes& randRr,
    const Bytes& requestBytes, const mikey::TimestampPayload& t, const mikey::KemacPayload& kemac,
    const std::vector<mikey::KeyDataType>& expected, CryptoOps& ops, const char* where);

/**
 * \brief Parses RESOLVE_RESP and checks that it has T, KEMAC, IDRr and RANDRkms.
 * \param refusedCsbId set to the CSB ID of a KMS Error message (the Resolve it ends)
 * \return the message; the errors of ParseExpected; MissingField
 */
Result<mikey::MikeyMessage> ParseResolveResp(const Bytes& message,
                                             std::optional<uint32_t>& refusedCsbId);

/**
 * \brief ParseResolveResp, then finds the Resolve it answers in \p pending (by CSB ID). A KMS
 * Error message ends (erases) the pending Resolve; other bad messages leave it waiting.
 * \return the message and its entry; the errors of ParseResolveResp; InvalidState
 */
template<typename Pending>
Result<std::pair<mikey::MikeyMessage, typename std::map<uint32_t, Pending>::iterator>>
MatchResolveResp(const Bytes& message, std::map<uint32_t, Pending>& pending)
{
    std::optional<uint32_t> refused;
    auto parsed = ParseResolveResp(message, refused);
    if (!parsed)
    {
        if (refused)
        {
            pending.erase(*refused);
        }
        return parsed.GetError();
    }
    auto it = pending.find(parsed.Value().header.csbId);
    if (it == pending.end())
    {
        return MakeError(Errc::InvalidState, "RESOLVE_RESP: CSB ID of no pending Resolve");
    }
    return std::make_pair(std::move(parsed).Value(), it);
}

/**
 * \brief Verifies a RESOLVE_RESP from ParseResolveResp (OpenKmsResponse with the RANDRr and
 * bytes of the RESOLVE_INIT it answers) and opens its KEMAC.
 * \return the key data of the \p expected types, or the errors of OpenKmsResponse
 */
Result<std::vector<mikey::KeyDataPayload>> OpenResolveResp(
    const mikey::MikeyMessage& m, const Bytes& psk, const Bytes& randRr, const Bytes& resolveBytes,
    const std::vector<mikey::KeyDataType>& expected, CryptoOps& ops);

/** \return the IDRpsk of \p me: ID type byte string with the B-TID. */
mikey::IdRolePayload PskIdr(const UeCredentials& me);

/**
 * \brief Builds RESOLVE_INIT_PSK (HDR, T, RANDRr, IDRr, IDRkms, TICKET, IDRpsk, [modifier], V)
 * for the Transfer \p csbId, signed with the auth_key of \p me's PSK.
 * \param modifier extra payloads before V (a network function's copy of the answering
 * endpoint's IDRr and RANDRkms), or empty
 * \return the message, or the errors of the derivation and MAC
 */
Result<Bytes> BuildResolveInit(const UeCredentials& me, uint32_t csbId,
                               const mikey::TicketPayload& ticket, const Bytes& randRr,
                               const std::vector<mikey::Payload>& modifier, int64_t nowNs,
                               CryptoOps& ops);

/**
 * \brief Verifies a TRANSFER_INIT with the auth_key of \p mpki (RFC 6043 5.5 coverage) and
 * checks that its V is the ticket's Initiator Data Vi (RFC 6043 12.4, ticket replay).
 * \return Ok; AuthFailed (MAC, Vi); MissingField
 */
Status VerifyTransferInit(const mikey::MikeyMessage& transfer, const Bytes& mpki, CryptoOps& ops);

} // namespace kms
} // namespace mediasec

#endif
