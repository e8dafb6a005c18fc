/**
 * \file
 * Stateless proxy rules of RFC 3261 16.6, 16.7 and 16.11 used by the P-CSCF and S-CSCF:
 * Max-Forwards, Via insertion with a branch derived from the incoming one, and response
 * routing by the Via stack.
 */
#ifndef MEDIASEC_PROXY_ROUTING_H
#define MEDIASEC_PROXY_ROUTING_H

#include "protocol/sip/sip-message.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace mediasec
{
namespace ims
{

/** \brief A host and UDP port to send to. */
struct SipHop
{
    std::string host; //!< dotted IPv4 address
    uint16_t port;    //!< UDP port
};

/**
 * \brief Decrements Max-Forwards (inserting 70 when absent, RFC 3261 16.6 step 3).
 * \return OutOfRange when it is already 0 (the proxy answers 483 Too Many Hops).
 */
Status DecrementMaxForwards(sip::SipMessage& request);

/**
 * \brief Pushes this proxy's Via (RFC 3261 16.6 step 8). The branch is derived from the
 * incoming top Via branch and \p label (RFC 3261 16.11), so a retransmission or an ACK for a
 * non-2xx gets the same branch.
 */
void PushProxyVia(sip::SipMessage& request, std::string_view host, uint16_t port,
                  std::string_view label);

/**
 * \brief Removes this proxy's Via from a response and returns where the response goes next
 * (the new top Via's received/rport or sent-by).
 * \return MissingField when no Via remains, Malformed when it does not parse.
 */
Result<SipHop> PopViaForResponse(sip::SipMessage& response);

/**
 * \return the registrar key of a SIP URI: "user@host", or "user@host:port" (5060 when absent)
 * with \p withPort; "" when \p uri is not a SIP URI.
 */
std::string SipUriKey(const std::string& uri, bool withPort);

/** \return the tag parameter of header \p name ("To" or "From") of \p message, "" if none */
std::string TagOf(const sip::SipMessage& message, const char* name);

/** \return a copy of \p request sent to \p requestUri (retargeting, RFC 3261 16.5). */
sip::SipMessage RetargetRequest(const sip::SipMessage& request, const std::string& requestUri);

/** \return a response to \p request with To/From/Call-ID/CSeq/Via copied (RFC 3261 8.2.6). */
sip::SipMessage MakeResponseTo(const sip::SipMessage& request, int statusCode,
                               std::string reasonPhrase);

} // namespace ims
} // namespace mediasec

#endif
