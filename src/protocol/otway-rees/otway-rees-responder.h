/**
 * \file
 * The responder side of one Otway-Rees session (doc/otway-rees.md): the callee UE B, or the
 * SGW that plays B towards the KMS in the end-to-middle case. It turns the Offer into a
 * KmsRequest and the KmsReply into its keys plus the Answer for A. Sans-I/O.
 */
#ifndef MEDIASEC_OTWAY_REES_RESPONDER_H
#define MEDIASEC_OTWAY_REES_RESPONDER_H

#include "otway-rees-messages.h"
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

/** \brief Whom the responder answers for. */
enum class ResponderRole : uint8_t
{
    Callee,  //!< a UE: the Offer's ID-B must be its own identity
    Gateway, //!< an SGW: any callee (the KMS decides whether the SGW may act for it)
};

/** \brief What the responder holds once the KMS reply is accepted. */
struct ResponderOutcome
{
    OtwayReesKeys keys; //!< M, K, parties, SRTP keys
    Bytes answer;       //!< the Answer for A (M, Ea'), to carry in the 200 OK
};

/**
 * \brief One call at B (or the SGW). Idle until BuildKmsRequest, then waiting for the KMS
 * reply until one opens and checks; a refused reply leaves it waiting, an accepted one finishes
 * it. Not thread-safe.
 */
class OtwayReesResponder
{
  public:
    /**
     * \param identity the requester identity: ID-B of the UE, or the SGW's identity
     * \param longTermKey Kb or Ksg (kLongTermKeyLength bytes, shared with the KMS)
     * \param role callee UE or gateway
     */
    OtwayReesResponder(std::string identity, Bytes longTermKey, ResponderRole role);

    /**
     * \brief Reads the Offer and adds Eb = AEAD_Kb(Nb, M, A, B, T) with T = \p nowNs.
     * \param offer the Offer bytes
     * \param drbg random source (Nb and the IV)
     * \param nowNs B's clock, ns since the Unix epoch
     * \return the KmsRequest bytes; InvalidState when already started or (Callee role) when the
     * Offer names another callee; the ParseOffer errors; BadLength for a wrong key length
     */
    Result<Bytes> BuildKmsRequest(const Bytes& offer, Drbg& drbg, int64_t nowNs);

    /**
     * \brief Opens Eb' of the KmsReply: it must carry Nb, M, the Offer's ID-A and ID-B and this
     * responder as requester.
     * \return the keys and the Answer; InvalidState before BuildKmsRequest, after a first
     * accepted reply, or for a KMS Error message (detail names the refusal); the ParseKmsReply
     * errors; Replay (M or nonce of another session); AuthFailed (Eb' does not open or names
     * other parties)
     */
    Result<ResponderOutcome> ProcessKmsReply(const Bytes& reply);

    /** \return true once a KMS reply has been accepted */
    bool IsEstablished() const;

    /** \return the crypto operations spent so far */
    const kms::CryptoOps& Ops() const;

  private:
    /** \brief Where the session is. */
    enum class State
    {
        Idle,          //!< no request yet
        AwaitingReply, //!< request sent
        Established,   //!< a reply was accepted
    };

    /** \return the refusal carried by \p reply when it is a KMS Error message */
    static Error RefusalError(const Bytes& reply);

    std::string m_identity;      //!< the requester identity
    Bytes m_key;                 //!< Kb or Ksg
    ResponderRole m_role;        //!< callee or gateway
    State m_state = State::Idle; //!< session state
    Offer m_offer;               //!< the Offer being answered
    Bytes m_nonce;               //!< Nb
    kms::CryptoOps m_ops;        //!< crypto operations
};

} // namespace otway
} // namespace mediasec

#endif
