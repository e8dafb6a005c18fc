/**
 * \file
 * SRTP key derivation (RFC 3711 4.3) with the AES-CM PRF: the project's own computation of the
 * session keys libsrtp derives internally, used to check libsrtp independently.
 */
#ifndef MEDIASEC_SRTP_KDF_H
#define MEDIASEC_SRTP_KDF_H

#include "protocol/common/bytes.h"

#include <cstdint>

namespace mediasec
{

/** \brief Which key set to derive: labels 0x00-0x02 (SRTP) or 0x03-0x05 (SRTCP). */
enum class SrtpKeyUse
{
    Srtp,  //!< k_e, k_a, k_s for SRTP (labels 0x00, 0x01, 0x02)
    Srtcp, //!< k_e, k_a, k_s for SRTCP (labels 0x03, 0x04, 0x05)
};

/** \brief The session keys of one SRTP or SRTCP crypto context. */
struct SrtpSessionKeys
{
    Bytes cipherKey;  //!< k_e, as long as the master key (16 bytes for the AES-128 suites)
    Bytes cipherSalt; //!< k_s, as long as the master salt (14 bytes AES-CM, 12 bytes AEAD)
    Bytes authKey;    //!< k_a, 20 bytes (n_a = 160 for HMAC-SHA1; unused by the AEAD suites)
};

/**
 * \brief Derives the session keys from a master key and salt (RFC 3711 4.3.1 and 4.3.3).
 *
 * For each label, x = (label || r) XOR master salt with the 7-byte label || r right-aligned
 * in 14 bytes, and the output is the AES-CM keystream of the master key from counter block
 * x || 0x0000. A 12-byte AEAD master salt (RFC 7714) is right-padded with two zero bytes to
 * 14 bytes before the XOR, as libsrtp does.
 *
 * \param masterKey 16 or 32 bytes
 * \param masterSalt 14 bytes (AES-CM suites) or 12 bytes (AEAD suites)
 * \param index r = packet index DIV key derivation rate (0 when the rate is 0), below 2^48
 * \param use SRTP or SRTCP labels
 * \return the keys, BadLength for a wrong key or salt length, OutOfRange for index >= 2^48
 */
Result<SrtpSessionKeys> DeriveSrtpSessionKeys(const Bytes& masterKey, const Bytes& masterSalt,
                                              uint64_t index, SrtpKeyUse use = SrtpKeyUse::Srtp);

} // namespace mediasec

#endif
