/**
 * \file
 * Why the Otway-Rees KMS refuses a request: the code it sends back in an Error message
 * (doc/otway-rees.md), next to the typed Error it reports locally.
 */
#ifndef MEDIASEC_OTWAY_REES_REFUSAL_H
#define MEDIASEC_OTWAY_REES_REFUSAL_H

#include "protocol/common/result.h"

#include <cstddef>
#include <cstdint>

namespace mediasec
{
namespace otway
{

/** \brief A KMS refusal; the value is the RefusalCode byte of the Error message. */
enum class Refusal : uint8_t
{
    Malformed = 1,        //!< the request does not parse (or another version)
    UnknownIdentity = 2,  //!< no long-term key for ID-A or the requester
    OpenFailed = 3,       //!< Ea or Eb does not open (wrong key, type or altered)
    IdentityMismatch = 4, //!< a sealed ID-A/ID-B differs from the plain one (Boyd-Mao)
    SessionMismatch = 5,  //!< a sealed M differs from the plain one
    Stale = 6,            //!< T of Ea or Eb is outside the allowed clock skew
    Replay = 7,           //!< (identity, nonce) already seen, or the replay cache is full
    NotAuthorized = 8,    //!< the requester may not act for this callee
    Internal = 9,         //!< a crypto call failed
};

/** \brief Number of Refusal values (codes 1..kRefusalCount). */
constexpr size_t kRefusalCount = 9;

/** \return a stable name of \p refusal, e.g. "identity-mismatch". */
const char* RefusalName(Refusal refusal);

/** \return the refusal of wire code \p code, or OutOfRange for an unassigned code. */
Result<Refusal> RefusalFromCode(uint8_t code);

} // namespace otway
} // namespace mediasec

#endif
