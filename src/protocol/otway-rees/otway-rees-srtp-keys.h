/**
 * \file
 * The SRTP master keys of an Otway-Rees session (doc/otway-rees.md): for each direction
 * HMAC-SHA-256(K, "otway-rees srtp" || direction || M), whose first 16 bytes are the master key
 * and next 14 bytes the master salt of AES_CM_128_HMAC_SHA1_80.
 */
#ifndef MEDIASEC_OTWAY_REES_SRTP_KEYS_H
#define MEDIASEC_OTWAY_REES_SRTP_KEYS_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/kms/ticket-crypto.h"

#include <cstdint>

namespace mediasec
{
namespace otway
{

/** \brief The direction byte of the A -> B (initiator to responder) stream. */
constexpr uint8_t kDirectionInitiatorToResponder = 0x01;
/** \brief The direction byte of the B -> A stream. */
constexpr uint8_t kDirectionResponderToInitiator = 0x02;
/** \brief HMAC computations of one DeriveOtwayReesSrtpKeys call (for CryptoOps). */
constexpr uint64_t kSrtpKeyDerivationMacs = 2;

/**
 * \brief The SRTP master key and salt of both directions of session \p sessionId.
 * \param sessionKey K (kSessionKeyLength bytes)
 * \param sessionId M (kSessionIdLength bytes)
 * \return the keys (suite AES_CM_128_HMAC_SHA1_80), BadLength for another K or M length, or
 * CryptoFailure
 */
Result<kms::SrtpSessionKeys> DeriveOtwayReesSrtpKeys(const Bytes& sessionKey,
                                                     const Bytes& sessionId);

} // namespace otway
} // namespace mediasec

#endif
