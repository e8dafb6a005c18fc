/**
 * \file
 * The ACK an INVITE client transaction sends for a non-2xx final response (RFC 3261 17.1.1.3).
 */
#ifndef MEDIASEC_SIP_NON_2XX_ACK_H
#define MEDIASEC_SIP_NON_2XX_ACK_H

#include "protocol/sip/sip-message.h"

#include <string>

namespace mediasec
{
namespace sip
{

/**
 * \brief Builds the ACK of the non-2xx final \p response to an INVITE sent to \p requestUri:
 * the INVITE's Via (its branch), From and Call-ID, the response's To (with the tag), CSeq 1.
 * \return the ACK; a header the response lacks is sent empty
 */
SipMessage MakeNon2xxAck(const SipMessage& response, const std::string& requestUri);

} // namespace sip
} // namespace mediasec

#endif
