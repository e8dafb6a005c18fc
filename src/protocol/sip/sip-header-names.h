/**
 * \file
 * SIP header field names: compact forms (RFC 3261 7.3.3 and the IANA registry), the canonical
 * spelling of the long forms the IMS nodes use, and which headers are comma-separated lists.
 */
#ifndef MEDIASEC_SIP_HEADER_NAMES_H
#define MEDIASEC_SIP_HEADER_NAMES_H

#include <string>
#include <string_view>

namespace mediasec
{
namespace sip
{

/**
 * \brief Returns the canonical long form of a header name.
 *
 * Compact forms are expanded ("i" -> "Call-ID", "v" -> "Via", "l" -> "Content-Length", "m" ->
 * "Contact", ...), known long names get their registered spelling whatever their case
 * ("cseq" -> "CSeq", "security-client" -> "Security-Client"); unknown names are returned as given.
 * \param name a header name as written
 * \return the canonical name
 */
std::string CanonicalHeaderName(std::string_view name);

/**
 * \return true for the headers whose comma-separated values are separate entries: Via, Route,
 * Record-Route and Contact. \param canonicalName a name returned by CanonicalHeaderName
 */
bool IsListHeader(std::string_view canonicalName);

} // namespace sip
} // namespace mediasec

#endif
