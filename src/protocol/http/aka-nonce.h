/**
 * \file
 * The nonce of HTTP Digest AKA (RFC 3310 3.2): base64(RAND || AUTN || server specific data).
 */
#ifndef MEDIASEC_HTTP_AKA_NONCE_H
#define MEDIASEC_HTTP_AKA_NONCE_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace mediasec
{
namespace http
{

constexpr size_t kAkaRandLength = 16;     //!< RAND length in the nonce
constexpr size_t kAkaAutnLength = 16;     //!< AUTN length in the nonce
constexpr size_t kMaxAkaServerData = 256; //!< largest server specific data accepted

/** \brief The parts of an AKA nonce. */
struct AkaNonce
{
    Bytes rand;       //!< RAND (16 bytes)
    Bytes autn;       //!< AUTN (16 bytes)
    Bytes serverData; //!< server specific data (opaque to the client, may be empty)
};

/**
 * \brief Builds the nonce.
 * \return base64(RAND || AUTN || serverData), or BadLength naming RAND or AUTN, or TooLarge
 * for server data over kMaxAkaServerData
 */
Result<std::string> FormatAkaNonce(const AkaNonce& nonce);

/**
 * \brief Splits a nonce into RAND, AUTN and the server data.
 * \return the parts; Malformed for bad base64; BadLength when shorter than 32 bytes; TooLarge
 * for server data over kMaxAkaServerData
 */
Result<AkaNonce> ParseAkaNonce(std::string_view nonce);

} // namespace http
} // namespace mediasec

#endif
