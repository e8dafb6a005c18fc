/**
 * \file
 * Zk at a KMS (doc/zk-inter-kms.md): the peer table (issuer URI -> address, link key, the
 * identities the peer may assert), the Zk client that relays a user's Resolve to the ticket's
 * issuing KMS, and the issuer's answer to POST /zk?requesttype=ticketresolve, over HTTP/1.1
 * on TCP.
 */
#ifndef IMS_ZK_KMS_SERVICE_H
#define IMS_ZK_KMS_SERVICE_H

#include "http-client.h"
#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "protocol/http/http-message.h"
#include "protocol/kms/kms-core.h"
#include "protocol/kms/zk-link.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/**
 * \brief Wraps the sans-I/O ZkLink and the Zk steps of a KmsCore. As the user's KMS it sends
 * each ZkRelay to the issuer's address (one persistent connection per peer) and finishes the
 * Resolve with the opened answer; as the issuer it opens the request (403 when the link
 * refuses it: unknown peer, tag, replay), runs KmsCore::HandleZkResolve and seals the answer
 * (200, granted or refused). Peers are read when Start() runs.
 */
class ZkKmsService
{
  public:
    /** \brief Receives the user's reply (RESOLVE_RESP or MIKEY Error) of a relayed Resolve. */
    using Done = std::function<void(const mediasec::kms::KmsReply&)>;

    ZkKmsService();
    ~ZkKmsService();
    ZkKmsService(const ZkKmsService&) = delete;            //!< owns connections
    ZkKmsService& operator=(const ZkKmsService&) = delete; //!< owns connections

    /**
     * \brief Configures the Zk link with the KMS \p uri (call before Start).
     * \param uri the peer's identity (IDRkms of its tickets)
     * \param address its Zk (HTTP) address
     * \param key the 32-byte link key both KMSs hold
     * \param assertable identities the peer may assert for its users ('*' as for groups)
     */
    void AddPeer(const std::string& uri, const InetSocketAddress& address,
                 const mediasec::Bytes& key, const std::vector<std::string>& assertable);

    /** \return the URIs of the configured peers (KmsPolicy::zkPeers) */
    std::vector<std::string> PeerUris() const;

    /** \brief Receives the fingerprint of each key the issuer forks for a peer (key custody). */
    using KeyHeld = std::function<void(const std::string& fingerprint)>;

    /**
     * \brief Builds the link of \p selfUri with \p drbg (nonces) and the clients from \p node.
     * \param core the KMS core whose Resolves are relayed and who answers peers
     * \param keyHeld told MPKi and TGK' of every Resolve granted to a peer
     */
    void Start(Ptr<Node> node, const std::string& selfUri, mediasec::kms::KmsCore* core,
               mediasec::Drbg drbg, KeyHeld keyHeld);
    /** \brief Closes the connections; relays in flight are dropped. */
    void Stop();

    /** \return true when \p request is a POST to kZkResolveTarget */
    static bool IsZkTarget(const mediasec::http::HttpRequest& request);

    /**
     * \brief The issuer's side: answers one Zk Resolve at KMS time \p nowNs.
     * \return 200 + sealed answer (granted or refused); 403 (text) when the link refuses the
     * request; 400 when it is not a Zk POST
     */
    mediasec::http::HttpResponse Serve(const mediasec::http::HttpRequest& request, int64_t nowNs);

    /**
     * \brief The user's KMS: sends \p relay to its issuer and calls \p done with the user's
     * reply once the answer (or a failure) is back.
     */
    void Relay(const mediasec::kms::ZkRelay& relay, int64_t nowNs, Done done);

    /** \return Zk Resolve requests sent to issuers */
    uint64_t Requests() const;
    /** \return Zk Resolve requests refused here as the issuer (link or ticket checks) */
    uint64_t Refusals() const;

  private:
    /** \brief A configured peer. */
    struct Peer
    {
        InetSocketAddress address;           //!< its Zk address
        mediasec::Bytes key;                 //!< link key
        std::vector<std::string> assertable; //!< identities it may assert
        std::unique_ptr<HttpClient> client;  //!< connection towards it
    };

    /** \brief Finishes relay \p id with \p answer and hands the reply to \p done. */
    void Finish(uint64_t id, const mediasec::Result<mediasec::kms::ZkResolveAnswer>& answer,
                const Done& done);

    std::map<std::string, Peer> m_peers;           //!< by URI
    std::string m_self;                            //!< this KMS
    mediasec::kms::KmsCore* m_core = nullptr;      //!< the KMS core
    KeyHeld m_keyHeld;                             //!< key custody of granted Resolves
    std::unique_ptr<mediasec::kms::ZkLink> m_link; //!< sans-I/O protection
    uint64_t m_requests = 0;                       //!< relays sent
    uint64_t m_refusals = 0;                       //!< refused as issuer
};

} // namespace ims
} // namespace ns3

#endif
