/**
 * \file
 * SRTP crypto suites negotiated by SDES (RFC 4568, RFC 7714) and used by the SRTP wrapper.
 */
#ifndef MEDIASEC_SRTP_SUITE_H
#define MEDIASEC_SRTP_SUITE_H

#include <cstddef>
#include <optional>
#include <string_view>

namespace mediasec
{

/** \brief The SRTP protection profiles the project supports. */
enum class SrtpSuite
{
    AesCm128HmacSha1_80, //!< AES_CM_128_HMAC_SHA1_80 (RFC 4568, RFC 3711 default)
    AesCm128HmacSha1_32, //!< AES_CM_128_HMAC_SHA1_32 (RFC 4568)
    AeadAes128Gcm,       //!< AEAD_AES_128_GCM (RFC 7714)
};

/** \return the RFC 4568/7714 name, e.g. "AES_CM_128_HMAC_SHA1_80". */
const char* SrtpSuiteName(SrtpSuite suite);

/** \return the suite called \p name (exact, case-sensitive RFC spelling), if supported. */
std::optional<SrtpSuite> SrtpSuiteFromName(std::string_view name);

/** \return master key length in bytes (16 for all supported suites). */
size_t SrtpMasterKeyLength(SrtpSuite suite);

/** \return master salt length in bytes (14 for AES-CM, 12 for AEAD_AES_128_GCM). */
size_t SrtpMasterSaltLength(SrtpSuite suite);

/** \return SRTP authentication tag length in bytes (10, 4 or 16). */
size_t SrtpTagLength(SrtpSuite suite);

} // namespace mediasec

#endif
