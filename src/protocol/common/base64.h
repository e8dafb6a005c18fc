/**
 * \file
 * RFC 4648 base64 (standard alphabet, padded) used by SDES inline keys and key logs.
 */
#ifndef MEDIASEC_BASE64_H
#define MEDIASEC_BASE64_H

#include "bytes.h"

#include <string>
#include <string_view>

namespace mediasec
{

/** \return the padded base64 encoding of \p data. */
std::string Base64Encode(const Bytes& data);

/**
 * \return the decoded bytes, or Malformed for a character outside the alphabet,
 * bad padding or a length that is not a multiple of 4. No whitespace is accepted.
 */
Result<Bytes> Base64Decode(std::string_view text);

} // namespace mediasec

#endif
