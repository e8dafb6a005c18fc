/**
 * \file
 * RFC 4568 (SDES) a=crypto attribute for SRTP: parse and format the attribute value
 * (section 9.1 grammar, SRTP key-info of section 6.1 and session parameters of 6.3).
 */
#ifndef MEDIASEC_CRYPTO_ATTRIBUTE_H
#define MEDIASEC_CRYPTO_ATTRIBUTE_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/srtp/srtp-suite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace sdes
{

/** \brief Largest accepted lifetime exponent: SRTP keys live at most 2^48 packets (RFC 3711). */
constexpr unsigned kMaxLifetimeExponent = 48;
/** \brief Largest accepted attribute value in characters (longer values are TooLarge). */
constexpr size_t kMaxCryptoAttributeLength = 4096;
/** \brief Largest accepted number of key-params in one attribute (more are TooLarge). */
constexpr size_t kMaxKeyParams = 16;

/** \brief Master Key Identifier of an inline key, written "value:length" (RFC 4568 6.1). */
struct Mki
{
    uint32_t value = 0; //!< MKI value; fits in \c length bytes and in 32 bits
    uint8_t length = 0; //!< MKI field length in the SRTP packet, 1..128 bytes
};

/** \brief One "inline:" key-param: master key, master salt, optional lifetime and MKI. */
struct KeyParam
{
    Bytes masterKey;                    //!< SrtpMasterKeyLength(suite) bytes
    Bytes masterSalt;                   //!< SrtpMasterSaltLength(suite) bytes
    std::optional<uint64_t> lifetime{}; //!< master key lifetime in packets (1..2^48), if given
    std::optional<Mki> mki{}; //!< MKI, if given (then given in every key of the attribute)
};

/** \brief The value of one a=crypto attribute. */
struct CryptoAttribute
{
    uint32_t tag = 0;                                 //!< 0..999999999, unique per media section
    SrtpSuite suite = SrtpSuite::AesCm128HmacSha1_80; //!< negotiated crypto-suite
    std::vector<KeyParam> keys;                       //!< one or more key-params, in order
    std::vector<std::string> sessionParams{};         //!< validated session parameters, verbatim
};

/** \return true when both MKIs have the same value and length. */
bool operator==(const Mki& a, const Mki& b);
/** \return true when key, salt, lifetime and MKI are equal. */
bool operator==(const KeyParam& a, const KeyParam& b);
/** \return true when tag, suite, keys and session parameters are equal. */
bool operator==(const CryptoAttribute& a, const CryptoAttribute& b);

/**
 * \brief Parses the value after "a=crypto:" (RFC 4568 9.1), e.g.
 * "1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32".
 *
 * Fields are separated by 1*WSP; trailing WSP is tolerated. Errors (the detail names the field):
 * - MissingField: no tag, suite or key-params; an MKI absent in one of several keys;
 * - Malformed: non-digit tag, bad characters, missing "inline:", bad base64, bad lifetime or
 *   MKI syntax, duplicate session parameter or MKI value;
 * - OutOfRange: tag over 9 digits, lifetime 0 or above 2^48 (2^n with n >= 64 overflows),
 *   MKI length outside 1..128, MKI value not fitting its length or 32 bits, KDR > 24, WSH < 64;
 * - Unsupported: unknown or unsupported crypto-suite, key method other than "inline", unknown
 *   session parameter (each named);
 * - BadLength: decoded key||salt length differs from the suite's, MKI lengths differ;
 * - TooLarge: value over kMaxCryptoAttributeLength characters or over kMaxKeyParams keys.
 *
 * \param value the attribute value, without "a=crypto:" and without the line end
 * \return the attribute, or the typed error
 */
Result<CryptoAttribute> ParseCryptoAttribute(std::string_view value);

/**
 * \brief Formats \p attribute as the value after "a=crypto:" (no line end).
 *
 * A lifetime that is a power of two is written "2^n", any other decimally. The caller provides
 * key and salt of the suite's lengths; FormatCryptoAttribute does not validate.
 *
 * \param attribute the attribute
 * \return e.g. "1 AES_CM_128_HMAC_SHA1_80 inline:...|2^31|1:4 KDR=0"
 */
std::string FormatCryptoAttribute(const CryptoAttribute& attribute);

} // namespace sdes
} // namespace mediasec

#endif
