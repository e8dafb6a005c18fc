/**
 * \file
 * The protection of Zk between KMSs (doc/zk-inter-kms.md): a pre-configured 32-byte key per
 * KMS pair seals every Zk message with AES-256-GCM, standing in for the NDS/IP (TS 33.210)
 * security association of the link. Holding the key authenticates the peer both ways; the
 * sender, receiver, time and nonce are the additional data; requests go through a replay
 * cache and each answer is bound to its request's nonce. Sans-I/O.
 */
#ifndef MEDIASEC_ZK_LINK_H
#define MEDIASEC_ZK_LINK_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/mikey/replay-cache.h"
#include "zk-messages.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace mediasec
{
namespace kms
{

/** \brief A sealed Zk request and the nonce its answer must name. */
struct ZkSealedRequest
{
    Bytes message; //!< the Zk message to send
    Bytes nonce;   //!< its nonce
};

/** \brief An opened, authenticated and fresh Zk request. */
struct ZkOpenedRequest
{
    std::string peer;         //!< the sending KMS (authenticated by the link key)
    Bytes nonce;              //!< its nonce, for the answer
    ZkResolveRequest request; //!< the body
};

/** \brief The Zk link keys of one KMS towards its peers. Not thread-safe. */
class ZkLink
{
  public:
    /** \brief Length of a link key (AES-256-GCM). */
    static constexpr size_t kKeyLength = 32;

    /**
     * \brief The links of the KMS \p selfUri.
     * \param selfUri this KMS's identity (sender of its messages, receiver of its peers')
     * \param drbg source of the nonces
     * \param skewNs accepted clock skew of received requests
     * \param maxEntries replay cache capacity
     */
    ZkLink(std::string selfUri, Drbg drbg, int64_t skewNs = 300LL * 1000000000LL,
           size_t maxEntries = 100000);

    /**
     * \brief Configures the link with \p peerUri.
     * \return Ok; BadLength for a key that is not kKeyLength bytes; CryptoFailure
     */
    Status AddPeer(const std::string& peerUri, const Bytes& key);

    /** \return true when a link with \p peerUri is configured */
    bool HasPeer(const std::string& peerUri) const;

    /**
     * \brief Seals \p request for \p peerUri.
     * \return the message and its nonce; InvalidState for an unknown peer; CryptoFailure
     */
    Result<ZkSealedRequest> SealRequest(const std::string& peerUri, const ZkResolveRequest& request,
                                        int64_t nowNs);

    /**
     * \brief Opens a received request.
     * \return the request; the errors of ParseZkEnvelope; Unsupported (an answer, or not
     * addressed to this KMS); AuthFailed (unknown sender, or the tag does not verify: another
     * link key or tampered bytes); OutOfRange/Replay (stale or replayed); the errors of
     * ParseZkResolveRequest
     */
    Result<ZkOpenedRequest> OpenRequest(const Bytes& message, int64_t nowNs);

    /**
     * \brief Seals the answer to the request of \p peerUri with nonce \p requestNonce.
     * \return the message; InvalidState for an unknown peer; CryptoFailure
     */
    Result<Bytes> SealAnswer(const std::string& peerUri, const Bytes& requestNonce,
                             const ZkResolveAnswer& answer, int64_t nowNs);

    /**
     * \brief Opens the answer of \p peerUri to the request with nonce \p requestNonce.
     * \return the answer; the errors of ParseZkEnvelope; Unsupported (a request, other
     * sender or receiver); AuthFailed (tag, or an answer to another request); the errors of
     * ParseZkResolveAnswer
     */
    Result<ZkResolveAnswer> OpenAnswer(const Bytes& message, const std::string& peerUri,
                                       const Bytes& requestNonce);

  private:
    /** \return the sealed envelope of \p body */
    Result<Bytes> Seal(ZkEnvelope envelope, const Bytes& body, int64_t nowNs);
    /** \return the envelope of \p message from a configured peer to this KMS, and its body */
    Result<std::pair<ZkEnvelope, Bytes>> Open(const Bytes& message, ZkKind kind);

    std::string m_self;                  //!< this KMS
    Drbg m_drbg;                         //!< nonces
    std::map<std::string, Bytes> m_keys; //!< peer URI -> link key
    mikey::ReplayCache m_replay;         //!< received requests
};

} // namespace kms
} // namespace mediasec

#endif
