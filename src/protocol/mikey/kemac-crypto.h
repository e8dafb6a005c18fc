/**
 * \file
 * KEMAC protection: encryption of the Key data sub-payloads (RFC 3830 4.2.3, RFC 6043 Table 6.5)
 * and the MAC of KEMAC and V payloads (RFC 3830 4.2.4 and 5.2, RFC 6043 Table 6.6), over the
 * project's OpenSSL wrappers. The payload bytes themselves are built by the message codec.
 */
#ifndef MEDIASEC_KEMAC_CRYPTO_H
#define MEDIASEC_KEMAC_CRYPTO_H

#include "mikey-payloads.h"
#include "protocol/common/bytes.h"

#include <cstddef>
#include <cstdint>

namespace mediasec
{
namespace mikey
{

/** \brief Length of the salt_key of AES-CM in bytes (112 bits, RFC 3830 4.2.3). */
constexpr size_t kKemacSaltKeyLength = 14;

/** \brief Longest KEMAC Encr data in bytes (its length field is 16 bits, RFC 3830 6.2). */
constexpr size_t kMaxKemacEncrDataLength = 65535;

/**
 * \return the encr_key length in bytes of \p alg: 16 for AES-CM-128 and AES-KW-128, 32 for
 * AES-CM-256, 0 for NULL and for unknown values.
 */
size_t KemacEncrKeyLength(EncrAlg alg);

/**
 * \brief The 64-bit T that enters the AES-CM IV for a timestamp of type \p type: NTP-UTC and
 * NTP as they are, COUNTER padded with leading zeros, NTP-UTC-32 (RFC 6043) padded with a zero
 * fraction (REFERENCE.md 1.2).
 * \param type the TS type of the initiator's T (or TR) payload
 * \param value the TS value as the codec holds it (the low 32 bits for 32-bit types)
 * \return T as 64 bits
 */
uint64_t KemacIvTimestamp(TsType type, uint64_t value);

/**
 * \brief The AES-CM IV of RFC 3830 4.2.3: IV = (S XOR (0x0000 || CSB ID || T)) || 0x0000.
 * \param saltKey S, the 112-bit salt_key (DeriveSaltKey)
 * \param csbId the CSB ID of HDR
 * \param timestamp T, the initiator's 64-bit timestamp (KemacIvTimestamp)
 * \return the 16-byte IV, or BadLength if \p saltKey is not kKemacSaltKeyLength bytes
 */
Result<Bytes> KemacAesCmIv(const Bytes& saltKey, uint32_t csbId, uint64_t timestamp);

/** \brief The algorithm, keys and message fields the KEMAC cipher depends on. */
struct KemacCipherParams
{
    EncrAlg encrAlg = EncrAlg::AesCm128; //!< the Encr alg of the KEMAC payload
    Bytes encrKey;          //!< encr_key (DeriveEncrKey), KemacEncrKeyLength(encrAlg) bytes
    Bytes saltKey;          //!< salt_key (DeriveSaltKey), kKemacSaltKeyLength bytes (AES-CM)
    uint32_t csbId = 0;     //!< the CSB ID of HDR
    uint64_t timestamp = 0; //!< T of the initiator's message, as KemacIvTimestamp gives it
};

/**
 * \brief Encrypts the Key data sub-payloads into KEMAC Encr data (RFC 3830 4.2.3): AES-CM with
 * the IV of KemacAesCmIv (SRTP_PREFIX_LENGTH 0), or NULL (the data unchanged; RFC 3830 allows
 * NULL only over a secured transport, which is the caller's policy).
 * \param params algorithm, keys, CSB ID and T
 * \param plaintext the Key data sub-payload chain (FormatKeyDataList)
 * \return Encr data (as long as \p plaintext), Unsupported for AES-KW-128 or an unknown
 * algorithm, BadLength for a wrong encr_key or salt_key length, TooLarge above
 * kMaxKemacEncrDataLength bytes, CryptoFailure if OpenSSL fails
 */
Result<Bytes> KemacEncrypt(const KemacCipherParams& params, const Bytes& plaintext);

/**
 * \brief Decrypts KEMAC Encr data (the inverse of KemacEncrypt). Call it only after the MAC
 * that covers the KEMAC has been verified (VerifyMac): AES-CM is malleable.
 * \param params algorithm, keys, CSB ID and T of the received message
 * \param encrData the Encr data field
 * \return the Key data sub-payload chain (ParseKeyDataList), or the errors of KemacEncrypt
 */
Result<Bytes> KemacDecrypt(const KemacCipherParams& params, const Bytes& encrData);

/**
 * \brief The MAC of a KEMAC or V payload (RFC 3830 4.2.4 and 5.2, RFC 6043 Table 6.6), untruncated:
 * HMAC-SHA-1 (20 bytes, HMAC-SHA-1-160) or HMAC-SHA-256 (32 bytes, HMAC-SHA-256-256).
 * \param alg the MAC alg
 * \param authKey auth_key (DeriveAuthKey)
 * \param coveredBytes the MAC input: the message up to and excluding the MAC field, followed
 * for a V payload or MIKEY-TICKET message by the extra fields of RFC 3830 5.2 / RFC 6043 5.5
 * \return the MAC; empty for NULL, an unknown algorithm or an OpenSSL failure
 */
Bytes ComputeMac(MacAlg alg, const Bytes& authKey, const Bytes& coveredBytes);

/**
 * \brief Verifies a received MAC in time independent of where it differs.
 * \param alg the MAC alg of the payload
 * \param authKey auth_key (DeriveAuthKey)
 * \param coveredBytes the MAC input (see ComputeMac)
 * \param mac the received MAC field
 * \return Ok when it matches; AuthFailed for a wrong MAC or MAC length; Unsupported for NULL
 * (a NULL MAC is accepted only over a secured transport, which the caller must decide without
 * calling this) or an unknown algorithm; CryptoFailure if OpenSSL fails
 */
Status VerifyMac(MacAlg alg, const Bytes& authKey, const Bytes& coveredBytes, const Bytes& mac);

} // namespace mikey
} // namespace mediasec

#endif
