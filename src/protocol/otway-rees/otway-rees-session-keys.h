/**
 * \file
 * What A and B hold after an Otway-Rees exchange: M, K, who holds K and the SRTP master keys
 * derived from K (otway-rees-srtp-keys.h), and the checks both apply to the key grant they open.
 */
#ifndef MEDIASEC_OTWAY_REES_SESSION_KEYS_H
#define MEDIASEC_OTWAY_REES_SESSION_KEYS_H

#include "otway-rees-parts.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/kms/ticket-crypto.h"

#include <string>

namespace mediasec
{
namespace otway
{

/** \brief The keys of an established session. */
struct OtwayReesKeys
{
    Bytes sessionId;           //!< M
    Bytes sessionKey;          //!< K
    std::string initiatorId;   //!< ID-A
    std::string responderId;   //!< ID-B, the callee
    std::string requesterId;   //!< who asked the KMS: B, or the SGW in the end-to-middle case
    kms::SrtpSessionKeys srtp; //!< SRTP master key and salt per direction
};

/** \brief What the receiver of a key grant expects it to carry. */
struct ExpectedGrant
{
    const Bytes& nonce;             //!< the nonce the receiver sealed in its request part
    const Bytes& sessionId;         //!< M
    const std::string& initiatorId; //!< ID-A
    const std::string& responderId; //!< ID-B, the callee
};

/**
 * \brief Checks that \p grant answers the receiver's own request.
 * \param what the part's name for error details ("Ea'" or "Eb'")
 * \return Ok; Replay when the nonce or M differ (a grant of another session); AuthFailed when
 * ID-A or ID-B differ
 */
Status CheckGrant(const KeyGrant& grant, const ExpectedGrant& expected, const char* what);

/**
 * \return the session keys of \p grant with the SRTP keys derived from K and M (counted as
 * kSrtpKeyDerivationMacs in \p ops), or the errors of DeriveOtwayReesSrtpKeys
 */
Result<OtwayReesKeys> KeysFromGrant(const KeyGrant& grant, kms::CryptoOps& ops);

} // namespace otway
} // namespace mediasec

#endif
