/**
 * \file
 * The S-CSCF side of IMS AKA at SIP REGISTER (TS 33.203 6.1.1, TS 24.229 5.4.1.2, Digest
 * AKAv1-MD5 of RFC 3310), sans-I/O: the 401 challenge built from an authentication vector and
 * the check of the UE's answer against XRES. Fetching the vector (Cx) and the registration state
 * stay with the caller; re-synchronisation (auts) is not supported.
 */
#ifndef MEDIASEC_ACCESS_REGISTER_AUTH_SERVER_H
#define MEDIASEC_ACCESS_REGISTER_AUTH_SERVER_H

#include "protocol/common/bytes.h"
#include "protocol/gba/aka.h"
#include "protocol/sip/sip-message.h"

#include <string>
#include <string_view>

namespace mediasec
{
namespace access
{

constexpr const char* kRegisterMethod = "REGISTER"; //!< the method IMS AKA authenticates
constexpr const char* kRegisterQop = "auth";        //!< the qop the S-CSCF offers and requires

/** \brief What the S-CSCF keeps of an issued challenge to check the answer. */
struct PendingAkaChallenge
{
    std::string impi;  //!< the challenged private identity (Digest username)
    std::string realm; //!< the realm of the challenge
    std::string nonce; //!< the nonce, base64(RAND || AUTN || server data)
    Bytes xres;        //!< the expected response XRES (8 bytes)
};

/** \brief The 401 to send towards the P-CSCF and the state to keep. */
struct RegisterChallenge
{
    sip::SipMessage response;    //!< 401 Unauthorized with the WWW-Authenticate challenge
    PendingAkaChallenge pending; //!< what VerifyRegisterAnswer() needs
};

/**
 * \brief Reads the private identity of a REGISTER: the username of its Authorization header,
 * which the UE sends from the first REGISTER on (TS 24.229 5.1.1.2.1).
 * \param request the REGISTER
 * \return the IMPI; Unsupported for another method; MissingField when there is no
 * Authorization header or its username is empty; the errors of ParseDigestCredentials
 */
Result<std::string> ReadRegisterImpi(const sip::SipMessage& request);

/**
 * \brief Builds the 401 challenge (TS 24.229 5.4.1.2.1): WWW-Authenticate: Digest realm,
 * nonce = base64(RAND || AUTN || server data), qop="auth", algorithm=AKAv1-MD5, and the ck/ik
 * parameters for the P-CSCF (aka-challenge-keys.h).
 * \param request the REGISTER being answered
 * \param vector the authentication vector from the HSS
 * \param realm the home network domain, e.g. "ims.mnc001.mcc001.3gppnetwork.org"
 * \param serverData opaque server data appended to the nonce (may be empty)
 * \return the response and the pending state; the errors of ReadRegisterImpi; BadLength naming
 * RAND, AUTN, CK or IK; TooLarge for server data over http::kMaxAkaServerData
 */
Result<RegisterChallenge> MakeRegisterChallenge(const sip::SipMessage& request,
                                                const gba::AuthVector& vector,
                                                std::string_view realm, const Bytes& serverData);

/**
 * \brief Checks the REGISTER that answers a challenge (TS 33.203 6.1.1: RES = XRES through the
 * Digest response of RFC 3310 3.4).
 * \param request the REGISTER with the Authorization answer
 * \param pending the state kept from MakeRegisterChallenge()
 * \return Ok when the response verifies; the errors of ReadRegisterImpi; Replay when the nonce
 * is not the pending one (a stale or replayed answer); AuthFailed for another username or realm
 * or a response that does not verify (a wrong RES); Malformed for a digest uri that is not the
 * Request-URI; Unsupported for an algorithm other than AKAv1-MD5, a qop other than auth, or an
 * auts (re-synchronisation request)
 */
Status VerifyRegisterAnswer(const sip::SipMessage& request, const PendingAkaChallenge& pending);

} // namespace access
} // namespace mediasec

#endif
