/**
 * \file
 * The end-to-middle key push (seed 000 step 6, doc/otway-rees.md): the SGW, having obtained K
 * as requester, sends it to the PSTN media gateway in a KeyPush message
 * M || ID-SGW || Esm, Esm = AEAD_Ksm(N, M, K, ID-SGW, T). The MGW opens it with Ksm and checks
 * freshness and a replay cache on (ID-SGW, N).
 */
#ifndef MEDIASEC_SGW_KEY_PUSH_H
#define MEDIASEC_SGW_KEY_PUSH_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/kms/ticket-crypto.h"
#include "protocol/mikey/replay-cache.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace mediasec
{
namespace otway
{

/** \brief The plaintext of Esm. */
struct KeyPushPart
{
    Bytes nonce;             //!< N, fresh per push (kNonceLength bytes)
    Bytes sessionId;         //!< M, the call's session id
    Bytes sessionKey;        //!< K
    std::string gatewayId;   //!< ID-SGW
    int64_t timestampNs = 0; //!< T, the SGW clock in ns since the Unix epoch
};

/** \brief What the MGW learns from an accepted push. */
struct PushedKeys
{
    Bytes sessionId;           //!< M
    Bytes sessionKey;          //!< K
    std::string gatewayId;     //!< ID-SGW
    kms::SrtpSessionKeys srtp; //!< SRTP keys derived from K and M (DeriveOtwayReesSrtpKeys)
};

/** \return the field encoding Nonce, SessionId, SessionKey, GatewayId, Timestamp. */
Bytes EncodeKeyPushPart(const KeyPushPart& part);

/** \return the part, or the FieldReader errors (exactly the five fields, in order). */
Result<KeyPushPart> DecodeKeyPushPart(const Bytes& plaintext);

/**
 * \brief Builds the KeyPush message of the SGW.
 * \param ksm the SGW-MGW key (kLongTermKeyLength bytes)
 * \param gatewayId ID-SGW
 * \param sessionId M
 * \param sessionKey K
 * \param drbg random source (N and the IV)
 * \param nowNs the SGW clock, ns since the Unix epoch
 * \return the message; BadLength for a wrong key, M or K length or an empty or too long
 * gateway identity
 */
Result<Bytes> BuildSgwKeyPush(const Bytes& ksm, const std::string& gatewayId,
                              const Bytes& sessionId, const Bytes& sessionKey, Drbg& drbg,
                              int64_t nowNs);

/**
 * \brief The MGW end of the key push: a Ksm, a clock skew and a replay cache. Not thread-safe.
 */
class SgwKeyPushReceiver
{
  public:
    /**
     * \param ksm the SGW-MGW key (kLongTermKeyLength bytes)
     * \param skewNs largest accepted |now - T|
     * \param maxEntries replay cache capacity
     */
    SgwKeyPushReceiver(Bytes ksm, int64_t skewNs, size_t maxEntries);

    /**
     * \brief Opens a KeyPush message.
     * \param message the received bytes
     * \param nowNs the MGW clock, ns since the Unix epoch
     * \return the keys; the parse errors (Truncated, Malformed, BadLength, Unsupported,
     * TooLarge, MissingField); AuthFailed (Esm does not open under Ksm, or its M or ID-SGW
     * differ from the plain ones); OutOfRange (T outside the skew); Replay (same push seen)
     */
    Result<PushedKeys> Open(const Bytes& message, int64_t nowNs);

    /** \return the crypto operations spent so far */
    const kms::CryptoOps& Ops() const;

  private:
    Bytes m_ksm;                 //!< the SGW-MGW key
    int64_t m_skewNs;            //!< allowed clock skew
    mikey::ReplayCache m_replay; //!< (ID-SGW, N) seen within the skew
    kms::CryptoOps m_ops;        //!< crypto operations
};

} // namespace otway
} // namespace mediasec

#endif
