/**
 * \file
 * The MIKEY pseudo-random function: MIKEY-1 (RFC 3830 4.1.2, HMAC-SHA-1) and
 * PRF-HMAC-SHA-256 (RFC 6043 6.1), from which every MIKEY and MIKEY-TICKET key is derived.
 */
#ifndef MEDIASEC_MIKEY_PRF_H
#define MEDIASEC_MIKEY_PRF_H

#include "mikey-header.h"
#include "protocol/common/bytes.h"

#include <cstddef>

namespace mediasec
{
namespace mikey
{

/** \brief Longest PRF output accepted in bytes (MIKEY keys are at most 64 bytes). */
constexpr size_t kMaxPrfOutputLength = 4096;

/** \brief Length in bytes of the chunks the input key is cut into (256 bits, RFC 3830 4.1.2). */
constexpr size_t kPrfKeyChunkLength = 32;

/**
 * \brief The MIKEY PRF of RFC 3830 4.1.2 (PRF func 0, MIKEY-1) and RFC 6043 6.1 (PRF func 1,
 * PRF-HMAC-SHA-256), computed exactly as the RFCs write it:
 *
 *     P(s, label, m) = HMAC(s, A_1 || label) || ... || HMAC(s, A_m || label),
 *                      A_0 = label, A_i = HMAC(s, A_(i-1))
 *     inkey = s_1 || ... || s_n   (n = ceil(inkey_len / 256) chunks of 256 bits,
 *                                  the last one may be shorter)
 *     PRF(inkey, label) = P(s_1, label, m) XOR ... XOR P(s_n, label, m),
 *                         m = ceil(outkey_len / h)
 *
 * with HMAC-SHA-1 and h = 160 for MIKEY-1, HMAC-SHA-256 and h = 256 for PRF-HMAC-SHA-256.
 * The outkey is the outkey_len most significant bits of the result. P() is TLS 1.2's P_hash
 * with the label as seed, so for an inkey of at most 256 bits the PRF equals TLS1-PRF with the
 * same digest (the unit tests use that as an independent oracle).
 *
 * \param prf the PRF func of HDR (message keys) or of the Ticket Policy (forking, ticket keys)
 * \param inkey the input key (TGK, PSK, envelope key, MPK...), at least one byte
 * \param label the label (see mikey-key-derivation.h), any length
 * \param outkeyBytes outkey_len / 8, 1..kMaxPrfOutputLength
 * \return the outkey, BadLength for an empty inkey or a zero outkeyBytes, TooLarge above
 * kMaxPrfOutputLength, Unsupported for a PRF func other than the two above, CryptoFailure if
 * OpenSSL fails
 */
Result<Bytes> Prf(PrfFunc prf, const Bytes& inkey, const Bytes& label, size_t outkeyBytes);

} // namespace mikey
} // namespace mediasec

#endif
