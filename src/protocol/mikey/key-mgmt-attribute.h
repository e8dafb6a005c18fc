/**
 * \file
 * The SDP key management attribute carrying MIKEY (RFC 4567 3.1):
 * `a=key-mgmt:mikey <base64 MIKEY message>`.
 */
#ifndef MEDIASEC_KEY_MGMT_ATTRIBUTE_H
#define MEDIASEC_KEY_MGMT_ATTRIBUTE_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace mediasec
{
namespace mikey
{

/** \brief The protocol identifier of MIKEY in key-mgmt attributes (RFC 4567 9.1). */
constexpr std::string_view kMikeyProtocolId = "mikey";

/** \brief Longest keymgmt-data accepted: the base64 form of a kMaxMikeyMessageSize message. */
constexpr size_t kMaxKeyMgmtDataLength = 87384;

/**
 * \brief Parses the value of an `a=key-mgmt:` attribute (the text after the colon):
 * prtcl-id, one space, keymgmt-data.
 * \return the decoded MIKEY message bytes (not parsed further), or
 * Malformed (no single space after the prtcl-id, a character outside the base64 alphabet
 * including any whitespace or line break, bad padding, non-canonical base64),
 * Unsupported (a prtcl-id other than exactly "mikey"), MissingField (empty keymgmt-data),
 * TooLarge (keymgmt-data over kMaxKeyMgmtDataLength characters).
 */
Result<Bytes> ParseKeyMgmtMikey(std::string_view attributeValue);

/** \return the attribute value "mikey <base64 of \p message>". */
std::string FormatKeyMgmtMikey(const Bytes& message);

} // namespace mikey
} // namespace mediasec

#endif
