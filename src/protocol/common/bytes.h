/**
 * \file
 * Byte buffer type and hex helpers shared by the protocol core.
 */
#ifndef MEDIASEC_BYTES_H
#define MEDIASEC_BYTES_H

#include "result.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{

/** \brief An owned byte string. */
using Bytes = std::vector<uint8_t>;

/** \return lower-case hex of \p data. */
std::string ToHex(const Bytes& data);

/** \return the bytes of the hex string \p hex (whitespace ignored), or Malformed. */
Result<Bytes> FromHex(std::string_view hex);

/** \return the bytes of \p text (no terminator). */
Bytes ToBytes(std::string_view text);

} // namespace mediasec

#endif
