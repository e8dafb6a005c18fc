/**
 * \file
 * The Ticket Data of the project's 3GPP base ticket (RFC 6043 Ticket Type 2, subtype 1,
 * version 1; doc/mikey-ticket-profile.md): the RFC 6043 Appendix A payload chain
 * T, RAND, KEMAC, [IDRpsk], V without THDR, and the flag implications of the Ticket Policy
 * (6.10).
 */
#ifndef MEDIASEC_TICKET_DATA_H
#define MEDIASEC_TICKET_DATA_H

#include "mikey-payloads.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <cstdint>
#include <optional>

namespace mediasec
{
namespace mikey
{

constexpr uint16_t k3gppTicketType = 2;   //!< Ticket Type "3GPP base ticket" (RFC 6043 6.10)
constexpr uint8_t k3gppTicketSubtype = 1; //!< the project's subtype (profile document)
constexpr uint8_t k3gppTicketVersion = 1; //!< the project's version (profile document)

/**
 * \brief Ticket Data of the 3GPP base ticket: First Payload byte || T || RAND || KEMAC ||
 * [IDRpsk] || V. The KEMAC holds MPK and TGK encrypted under keys derived from the ticket
 * protection key (RFC 6043 A.2.1) with the NULL MAC; IDRpsk (initiator-made tickets, D=0) names
 * the pre-shared key that is the ticket protection key; V is the ticket MAC (RFC 6043 A.1
 * coverage, see FormatTicketForMac) and is therefore the last bytes of Ticket Data.
 */
struct ThreeGppTicketData
{
    TimestampPayload issued; //!< time of issue; its value also enters the KEMAC IV
    RandPayload rand;        //!< RAND of the TPK and MPKi/MPKr derivations (A.2)
    KemacPayload kemac;      //!< E(encr_key, MPK || TGK), NULL MAC
    VerificationPayload mac; //!< the ticket MAC
    std::optional<IdRolePayload> psk; //!< IDRpsk, sent between KEMAC and V when present
};

/** \return the wire form of \p data (ParseTicketData's inverse). */
Bytes FormatTicketData(const ThreeGppTicketData& data);

/**
 * \brief Parses Ticket Data of the 3GPP base ticket.
 * \return the data, Malformed when the chain is not exactly T, RAND, KEMAC, [IDRpsk], V, or the
 * errors of ReadPayloadChain
 */
Result<ThreeGppTicketData> ParseTicketData(const Bytes& ticketData);

/**
 * \brief Checks the flag implications of RFC 6043 6.10: NOT D => L, G => F, NOT G => H,
 * NOT H => G, I => E, K => D, M => F.
 * \return Ok, or Unsupported naming the first violated implication
 */
Status ValidateTicketFlags(const TicketFlags& flags);

} // namespace mikey
} // namespace mediasec

#endif
