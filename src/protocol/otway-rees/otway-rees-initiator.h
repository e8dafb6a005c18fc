/**
 * \file
 * The caller A of one Otway-Rees session (doc/otway-rees.md): builds the Offer carried in the
 * INVITE and opens the Answer carried in the 200 OK. Sans-I/O: bytes and clocks in, bytes and
 * keys out.
 */
#ifndef MEDIASEC_OTWAY_REES_INITIATOR_H
#define MEDIASEC_OTWAY_REES_INITIATOR_H

#include "otway-rees-session-keys.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/kms/ticket-crypto.h"

#include <cstdint>
#include <string>

namespace mediasec
{
namespace otway
{

/**
 * \brief One call of A. Idle until BuildOffer, then waiting for the Answer until one opens and
 * checks; a refused answer leaves the session waiting (a forged answer cannot end it), an
 * accepted one finishes it and every later answer is refused. Not thread-safe.
 */
class OtwayReesInitiator
{
  public:
    /**
     * \param identity ID-A, e.g. "sip:alice@ims.example.com"
     * \param longTermKey Ka (kLongTermKeyLength bytes, shared with the KMS)
     */
    OtwayReesInitiator(std::string identity, Bytes longTermKey);

    /**
     * \brief Starts the session: M and Na random, T = \p nowNs, Ea = AEAD_Ka(Na, M, A, B, T).
     * \param calleeId ID-B (1..kMaxIdentityLength bytes)
     * \param drbg random source (M, Na and the IV)
     * \param nowNs A's clock, ns since the Unix epoch
     * \return the Offer bytes; InvalidState when already started, BadLength for an empty or
     * too long identity or a wrong key length
     */
    Result<Bytes> BuildOffer(const std::string& calleeId, Drbg& drbg, int64_t nowNs);

    /**
     * \brief Opens the Answer: M must be this session's, Ea' must open under Ka with the grant
     * type tag and carry Na, M, ID-A and the callee. An Error message is not an answer (see
     * PeekMessageType and ParseErrorMessage).
     * \return the session keys; InvalidState before BuildOffer or after a first accepted
     * answer; the ParseAnswer errors; Replay (M or nonce of another session); AuthFailed
     * (Ea' does not open, or names other parties); Malformed (the grant's fields)
     */
    Result<OtwayReesKeys> ProcessAnswer(const Bytes& message);

    /** \return true once an answer has been accepted */
    bool IsEstablished() const;

    /** \return M (empty before BuildOffer) */
    const Bytes& SessionId() const;

    /** \return the crypto operations spent so far */
    const kms::CryptoOps& Ops() const;

  private:
    /** \brief Where the session is. */
    enum class State
    {
        Idle,           //!< no offer yet
        AwaitingAnswer, //!< offer sent
        Established,    //!< an answer was accepted
    };

    std::string m_identity;      //!< ID-A
    Bytes m_key;                 //!< Ka
    State m_state = State::Idle; //!< session state
    std::string m_callee;        //!< ID-B
    Bytes m_sessionId;           //!< M
    Bytes m_nonce;               //!< Na
    kms::CryptoOps m_ops;        //!< crypto operations
};

} // namespace otway
} // namespace mediasec

#endif
