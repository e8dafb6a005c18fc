/**
 * \file
 * The UE's Ua towards a KMS and, optionally, its replica: requests the primary does not answer
 * in time are sent again to the replica (doc/kms-replica.md).
 */
#ifndef IMS_KMS_FAILOVER_CLIENT_H
#define IMS_KMS_FAILOVER_CLIENT_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ua-client.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

namespace ns3
{
namespace ims
{

/** \brief Where a UE's Ua goes and how long it waits for an answer. */
struct KmsFailoverOptions
{
    std::optional<InetSocketAddress> replica; //!< the KMS replica, if any
    Time timeout = Seconds(2); //!< wait for an answer before failing over (zero: no timer)
};

/**
 * \brief POSTs MIKEY messages to the primary KMS over one UaClient; a request the primary
 * leaves unanswered for the timeout, or fails with a refused/closed connection
 * (Errc::Unreachable), switches the client to the replica for good: that request and every
 * other one still outstanding at the primary are sent again, unchanged, to the replica, and
 * all later requests go there. The first answer of a request wins; a late one from the primary
 * is dropped. The replica connection is opened at the switch. Without a replica, or when the
 * replica does not answer either, the request fails with Errc::Unreachable. A 403 MIKEY Error is an
 * answer, not a failure.
 */
class KmsFailoverClient
{
  public:
    /** \brief Told about each transmission of a request (first send and re-send): bytes. */
    using Sent = std::function<void(uint32_t bytes)>;
    /**
     * \brief Told when a request waited out the timeout or lost its connection, or was
     * outstanding at the primary when another one did (it is re-sent to the replica).
     */
    using Stalled = std::function<void()>;

    /** \brief Sets the replica and the timeout (before Start). */
    void Configure(const KmsFailoverOptions& options);
    /**
     * \brief Opens the connection to the primary \p kms now or with the first request; \p host
     * is the KMS's FQDN for the HTTP Host header (the replica has the same identity).
     */
    void Start(Ptr<Node> node, const InetSocketAddress& kms, const std::string& host,
               bool connectNow);
    /** \brief Closes both connections and cancels the timers; pending replies are dropped. */
    void Stop();
    /**
     * \brief POSTs \p message to \p target at the KMS in use.
     * \param sent told the bytes of every transmission
     * \param stalled told when this request fails over or fails for want of an answer
     */
    void Post(const std::string& target, const mediasec::Bytes& message, UaClient::Reply reply,
              Sent sent, Stalled stalled);

    /** \return true once the client has switched to the replica */
    bool OnReplica() const;

  private:
    /** \brief A request waiting for its answer. */
    struct Outstanding
    {
        std::string target;      //!< "/request" or "/resolve"
        mediasec::Bytes message; //!< the MIKEY message, re-sent unchanged
        UaClient::Reply reply;   //!< the requester
        Sent sent;               //!< transmission observer
        Stalled stalled;         //!< failover observer
        bool onReplica = false;  //!< sent to the replica
        EventId timer;           //!< the timeout of the current transmission
    };

    /** \brief Sends request \p id to the KMS in use and arms its timer. */
    void Transmit(uint64_t id);
    /** \brief Handles the answer (or connection error) of request \p id from one KMS. */
    void HandleReply(uint64_t id, bool fromReplica, mediasec::Result<mediasec::Bytes> result);
    /** \brief Request \p id got no answer: fail over, or fail it with \p why. */
    void Stall(uint64_t id, const std::string& why);
    /** \brief Moves to the replica and re-sends every request outstanding at the primary. */
    void SwitchToReplica();

    KmsFailoverOptions m_options;              //!< replica and timeout
    UaClient m_primary;                        //!< connection to the primary KMS
    UaClient m_replica;                        //!< connection to the replica
    Ptr<Node> m_node;                          //!< the UE's node
    std::string m_host;                        //!< the KMS's FQDN (Host header)
    bool m_onReplica = false;                  //!< switched
    uint64_t m_nextId = 0;                     //!< next request id
    std::map<uint64_t, Outstanding> m_pending; //!< unanswered requests, in sending order
};

} // namespace ims
} // namespace ns3

#endif
