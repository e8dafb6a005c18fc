/**
 * \file
 * The UE's side of the kms-ticket scheme: MIKEY-TICKET ticket agents plus the Ua connection.
 */
#ifndef IMS_UE_TICKET_AGENT_H
#define IMS_UE_TICKET_AGENT_H

#include "kms-failover-client.h"

#include "protocol/kms/ticket-agent.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/** \brief How a UE asks for tickets (TS 33.328 6.2.3: KMS and UE policy). */
struct TicketOptions
{
    bool reuse = false;           //!< ask for reusable tickets, cache resolved ones
    std::string groupIdentity;    //!< request tickets for this group identity ("" = the callee)
    bool initiatorTickets = false; //!< make tickets itself (D=0) instead of a REQUEST exchange
    std::vector<std::string> networkFunctions; //!< IDRapp of its tickets (doc/transcoder.md)
    int64_t initiatorTicketLifetimeNs = 3600LL * 1000000000LL; //!< TRe - TRs of D=0 tickets
};

/**
 * \brief Drives the RFC 6043 exchanges of one UE (TS 33.328 7.2.3, 7.3.3): as caller it gets a
 * ticket from the KMS (REQUEST, reusing a cached reusable ticket when it can) and builds the
 * TRANSFER_INIT for the SDP offer; as callee it resolves the ticket (RESOLVE) and builds the
 * TRANSFER_RESP for the answer; as caller again it takes the SRTP keys from the TRANSFER_RESP.
 */
class UeTicketAgent
{
  public:
    /** \brief Reports each Ua message: call, true when sent (false: received), bytes. */
    using UaTrace = std::function<void(const std::string& callId, bool sent, uint32_t bytes)>;
    /** \brief Reports a Ua request of \p callId that found the KMS unresponsive. */
    using StallTrace = std::function<void(const std::string& callId)>;

    /**
     * \param credentials the UE's GBA identity towards the KMS
     * \param seed run seed; \param label the UE's label (key generator streams)
     * \param options reuse, group and initiator-made tickets
     * \param trace Ua message observer
     */
    UeTicketAgent(const mediasec::kms::UeCredentials& credentials, uint64_t seed,
                  const std::string& label, const TicketOptions& options, UaTrace trace);

    /**
     * \brief Opens the Ua connection from \p node to the KMS at \p kms now, or with the first
     * request (\p connectNow false: large populations, most users never call).
     */
    void Start(Ptr<Node> node, const InetSocketAddress& kms, bool connectNow = true);
    /** \brief Closes the Ua connection. */
    void Stop();
    /**
     * \brief Sets the KMS replica and the answer timeout (before Start), and \p stalled, told
     * for each request that waited out the timeout or lost its connection (doc/kms-replica.md).
     */
    void SetFailover(const KmsFailoverOptions& options, StallTrace stalled);
    /** \return true once the UE has switched to the KMS replica */
    bool OnKmsReplica() const;

    /** \brief Delivers the TRANSFER_INIT for calling \p callee (after a REQUEST if needed). */
    void PrepareOffer(const std::string& callId, const std::string& callee,
                      std::function<void(mediasec::Result<mediasec::Bytes>)> done);
    /** \brief Resolves a received TRANSFER_INIT and delivers the answer and keys. */
    void AnswerOffer(const std::string& callId, const mediasec::Bytes& transferInit,
                     std::function<void(mediasec::Result<mediasec::kms::ResponderOutcome>)> done);
    /** \return the caller's keys from the callee's TRANSFER_RESP */
    mediasec::Result<mediasec::kms::EstablishedKeys> CompleteOffer(const mediasec::Bytes& transferResp);
    /**
     * \return the caller's keys when a voice-mail server answered the offer \p transferInit
     * (deferred delivery, no TRANSFER_RESP)
     */
    mediasec::Result<mediasec::kms::EstablishedKeys> DeferredKeys(const mediasec::Bytes& transferInit);
    /** \brief Resolves a TRANSFER_INIT a voice-mail server stored and delivers its keys. */
    void ResolveStored(const std::string& callId, const mediasec::Bytes& transferInit,
                       std::function<void(mediasec::Result<mediasec::kms::EstablishedKeys>)> done);

  private:
    /** \brief POSTs \p message and traces both directions. */
    void Post(const std::string& callId, const std::string& target, const mediasec::Bytes& message,
              UaClient::Reply reply);

    mediasec::kms::TicketInitiator m_initiator; //!< caller side
    mediasec::kms::TicketResponder m_responder; //!< callee side
    TicketOptions m_options;                    //!< ticket policy of this UE
    std::string m_kmsHost;                      //!< the KMS's FQDN (HTTP Host on Ua)
    bool m_requestPending = false;              //!< a Ticket Request is outstanding
    std::vector<std::function<void()>> m_waitingOffers; //!< offers waiting for it
    UaTrace m_trace;                            //!< Ua observer
    StallTrace m_stalled;                       //!< unresponsive-KMS observer
    KmsFailoverClient m_ua;                     //!< the connection(s)
};

} // namespace ims
} // namespace ns3

#endif
