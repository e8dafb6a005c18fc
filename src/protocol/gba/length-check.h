/**
 * \file
 * The input length check shared by the GBA functions.
 */
#ifndef MEDIASEC_GBA_LENGTH_CHECK_H
#define MEDIASEC_GBA_LENGTH_CHECK_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <string_view>

namespace mediasec
{
namespace gba
{

/**
 * \brief Checks the length of a fixed-size input.
 * \param field the name used in the error, e.g. "Milenage RAND"
 * \param data the input
 * \param expected the required length in bytes
 * \return Ok, or BadLength "<field>: <n> bytes, expected <expected>"
 */
Status CheckLength(std::string_view field, const Bytes& data, size_t expected);

} // namespace gba
} // namespace mediasec

#endif
