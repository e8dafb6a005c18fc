/**
 * \file
 * The SDP attribute carrying an Otway-Rees Offer or Answer (doc/otway-rees.md), modelled on
 * RFC 4567: `a=key-mgmt:otway-rees <base64 of the message>`. The protocol id "otway-rees" is
 * the project's own (not IANA registered).
 */
#ifndef MEDIASEC_OTWAY_REES_SDP_H
#define MEDIASEC_OTWAY_REES_SDP_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <string>
#include <string_view>

namespace mediasec
{
namespace otway
{

/** \brief The prtcl-id of the key-mgmt attribute. */
constexpr std::string_view kKeyMgmtProtocolId = "otway-rees";

/** \return the attribute value "otway-rees <base64 of \p message>" (the text after "a=key-mgmt:")
 */
std::string FormatKeyMgmtOtwayRees(const Bytes& message);

/**
 * \brief Parses the value of an `a=key-mgmt:` attribute.
 * \return the decoded message bytes (not parsed further); Unsupported for another prtcl-id,
 * Malformed without the single space or for bad or non-canonical base64, MissingField for
 * empty data, TooLarge for data longer than the base64 of kMaxMessageSize bytes
 */
Result<Bytes> ParseKeyMgmtOtwayRees(std::string_view attributeValue);

} // namespace otway
} // namespace mediasec

#endif
