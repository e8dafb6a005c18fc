/**
 * \file
 * The UE side of IMS AKA at SIP REGISTER (TS 33.203 6.1.1, TS 24.229 5.1.1.5.1, Digest
 * AKAv1-MD5 of RFC 3310), sans-I/O: the Authorization of the first REGISTER and the answer to
 * the 401 challenge, after the USIM checked AUTN (MAC-A and the SQN range). A synchronisation
 * failure is reported, not answered with auts.
 */
#ifndef MEDIASEC_ACCESS_REGISTER_AUTH_CLIENT_H
#define MEDIASEC_ACCESS_REGISTER_AUTH_CLIENT_H

#include "aka-challenge-keys.h"
#include "protocol/common/bytes.h"
#include "protocol/gba/milenage.h"
#include "protocol/sip/sip-message.h"

#include <string>
#include <string_view>

namespace mediasec
{
namespace access
{

/**
 * \brief The Authorization value of an initial REGISTER (TS 24.229 5.1.1.2.1): the IMPI as
 * username, the realm and uri, and empty nonce and response.
 * \param impi the private identity
 * \param realm the home network domain
 * \param uri the Request-URI of the REGISTER
 * \return the header value
 */
std::string FormatInitialAuthorization(std::string_view impi, std::string_view realm,
                                       std::string_view uri);

/** \brief The UE's answer to an accepted challenge. */
struct RegisterAnswer
{
    std::string authorization; //!< the Authorization value of the next REGISTER
    AkaKeys keys;              //!< CK and IK, shared with the P-CSCF from now on
    Bytes sqn;                 //!< the accepted SQN: the USIM's new SQN_MS (6 bytes)
};

/** \brief Who the UE is and what the next REGISTER looks like. */
struct RegisterIdentity
{
    std::string impi;   //!< the private identity (Digest username)
    std::string uri;    //!< the Request-URI of the next REGISTER (Digest uri)
    std::string cnonce; //!< a fresh client nonce (from the caller's DRBG; required with qop)
};

/**
 * \brief Answers the 401 to REGISTER: verifies AUTN with the USIM, then computes the Digest
 * response keyed by RES (qop auth with nc 00000001 when the challenge offers it).
 * \param usim the USIM's Milenage (K, OPc)
 * \param sqnMs the highest SQN the USIM accepted so far (6 bytes)
 * \param challenge the 401 response as the UE received it
 * \param identity IMPI, Request-URI and cnonce
 * \return the answer; Unsupported for a status other than 401, several WWW-Authenticate headers,
 * an algorithm other than AKAv1-MD5 or a qop list without auth; MissingField for no
 * WWW-Authenticate header or an empty cnonce with qop; the errors of ParseDigestChallenge and
 * ParseAkaNonce; AuthFailed when MAC-A does not verify (a forged or corrupted challenge); Replay
 * when SQN is out of range (a replayed challenge); BadLength for a wrong-length SQN_MS
 */
Result<RegisterAnswer> AnswerRegisterChallenge(gba::Milenage& usim, const Bytes& sqnMs,
                                               const sip::SipMessage& challenge,
                                               const RegisterIdentity& identity);

} // namespace access
} // namespace mediasec

#endif
