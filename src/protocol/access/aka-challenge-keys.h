/**
 * \file
 * The "ck" and "ik" parameters of WWW-Authenticate on the S-CSCF -> P-CSCF hop (TS 24.229
 * 5.4.1.2.1 and the WWW-Authenticate extension of its clause 7.2A): the S-CSCF hands the IMS AKA
 * keys to the P-CSCF in the 401 to REGISTER, and the P-CSCF removes them before it forwards the
 * 401 to the UE. Each value is a quoted string of 32 hex digits (128 bits).
 */
#ifndef MEDIASEC_ACCESS_AKA_CHALLENGE_KEYS_H
#define MEDIASEC_ACCESS_AKA_CHALLENGE_KEYS_H

#include "protocol/common/bytes.h"
#include "protocol/http/digest-auth.h"
#include "protocol/sip/sip-message.h"

#include <string>
#include <string_view>

namespace mediasec
{
namespace access
{

/** \brief The IMS AKA keys of a registration, as the UE and the P-CSCF share them. */
struct AkaKeys
{
    Bytes ck; //!< cipher key CK (16 bytes)
    Bytes ik; //!< integrity key IK (16 bytes)
};

/**
 * \brief Formats the S-CSCF's challenge with the keys for the P-CSCF.
 * \param challenge the Digest AKA challenge
 * \param keys CK and IK
 * \return FormatDigestChallenge(challenge) followed by ck="<hex>", ik="<hex>", or BadLength
 * naming CK or IK when it is not 16 bytes
 */
Result<std::string> FormatChallengeWithKeys(const http::DigestChallenge& challenge,
                                            const AkaKeys& keys);

/** \brief A challenge split by the P-CSCF into what the UE gets and what the P-CSCF keeps. */
struct SplitChallenge
{
    http::DigestChallenge challenge; //!< the challenge without the keys (formatted for the UE)
    AkaKeys keys;                    //!< CK and IK
};

/**
 * \brief Parses a challenge carrying ck and ik.
 * \param value the WWW-Authenticate value
 * \return the challenge and the keys; the errors of ParseDigestChallenge; MissingField naming
 * ck or ik when absent; Malformed naming ck or ik when not 32 hex digits
 */
Result<SplitChallenge> ParseChallengeWithKeys(std::string_view value);

/**
 * \brief The P-CSCF step: takes the keys out of the single WWW-Authenticate header of a 401 or
 * 407 response and rewrites that header without them (and without any other parameter the
 * Digest challenge does not define), so that the UE never receives CK or IK.
 * \param response the response; modified only on success
 * \return the keys; MissingField when there is no WWW-Authenticate header; Unsupported when
 * there are several; the errors of ParseChallengeWithKeys
 */
Result<AkaKeys> TakeChallengeKeys(sip::SipMessage& response);

} // namespace access
} // namespace mediasec

#endif
