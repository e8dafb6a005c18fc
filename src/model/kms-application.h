/**
 * \file
 * Key Management Server of TS 33.328 6.2.3 (MIKEY-TICKET, RFC 6043) behind HTTP over TCP (Ua).
 */
#ifndef IMS_KMS_APPLICATION_H
#define IMS_KMS_APPLICATION_H

#include "http-server.h"
#include "otway-rees-kms-service.h"
#include "processing-queue.h"

#include "protocol/kms/kms-core.h"

#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <map>
#include <memory>
#include <string>

namespace ns3
{
namespace ims
{

/**
 * \brief The KMS as an ns-3 application: accepts HTTP/1.1 connections on TCP (the Ua
 * reference point, the KMS being a GBA NAF), and answers POST requests carrying MIKEY
 * REQUEST_INIT or RESOLVE_INIT (Content-Type application/mikey) with the KmsCore's
 * REQUEST_RESP / RESOLVE_RESP (200) or its MIKEY Error message (403). Each request costs
 * RequestServiceTime on the KMS's FIFO processing queue. Users are the GBA bootstraps given
 * with AddUser (B-TID -> Ks_NAF and identities). It also runs the Otway-Rees KMS
 * (doc/otway-rees-e2m.md): POST /otway-rees (application/otway-rees) costs OtwayReesServiceTime
 * on the same queue; its long-term keys are given with AddOtwayReesKey and the gateways that
 * may act for any callee with AddAuthorizedGateway.
 * A replica (SecretLabel set) shares the ticket protection key of the KMS it names and serves
 * the same users (doc/kms-replica.md). Not modelled yet: Zn towards the BSF, Zk towards other
 * KMSs.
 */
class KmsApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    KmsApplication();
    ~KmsApplication() override;

    /** \brief Registers a bootstrapped user (what Zn would return for \p btid). */
    void AddUser(const std::string& btid, const mediasec::kms::KmsUser& user);

    /**
     * \brief Sets the Otway-Rees long-term key of \p identity (a user's SIP URI with its
     * Ks_NAF, or a gateway identity such as "sip:sgw@pstn.ims.test" with its Ksg; 32 bytes).
     * Call before the application starts.
     */
    void AddOtwayReesKey(const std::string& identity, const mediasec::Bytes& key);
    /**
     * \brief Lets the gateway \p identity obtain Otway-Rees keys for any callee (end to
     * middle, CalleeOrGateway). Call before the application starts.
     */
    void AddAuthorizedGateway(const std::string& identity);
    /** \return the Otway-Rees core's counters (keys issued, refusals by code, crypto ops) */
    const mediasec::otway::OtwayReesKmsStats& GetOtwayReesStats() const;

    /** \return the core's counters (tickets issued, resolved, refusals, crypto operations) */
    const mediasec::kms::KmsStats& GetStats() const;
    /** \return the processing queue */
    const ProcessingQueue& GetProcessingQueue() const;
    /** \return HTTP requests that did not parse or were neither MIKEY nor Otway-Rees POSTs */
    uint64_t GetBadRequests() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;

  private:
    /** \brief Answers one MIKEY request with \p respond. */
    void Serve(const HttpServer::Respond& respond, const std::string& target,
               const std::string& body);

    uint16_t m_port;                 //!< Ua port
    std::string m_uri;               //!< IDRkms
    std::string m_label;             //!< node label
    Time m_serviceTime;              //!< per request
    Time m_otwayReesServiceTime;     //!< per Otway-Rees request (negative: m_serviceTime)
    Time m_otwayReesSkew;            //!< accepted Otway-Rees clock skew
    Time m_ticketLifetime;           //!< TRe - TRs of tickets
    bool m_allowReuse;               //!< grant reusable tickets
    bool m_allowInitiatorTickets;    //!< resolve D=0 tickets
    uint64_t m_seed;                 //!< run seed of the key generator
    std::string m_secretLabel;       //!< replica: the label of the KMS it shares the TPK with
    std::map<std::string, mediasec::kms::KmsUser> m_users; //!< B-TID -> user
    std::unique_ptr<mediasec::kms::KmsCore> m_core;         //!< the sans-I/O KMS
    HttpServer m_server;             //!< the Ua listener
    ProcessingQueue m_queue;         //!< FIFO server
    OtwayReesKmsService m_otwayRees; //!< the Otway-Rees KMS
    TracedCallback<const std::string&, const std::string&, const std::string&>
        m_keyHeldTrace; //!< media keys of Otway-Rees grants (call id unknown: "")
    uint64_t m_badRequests = 0;      //!< rejected HTTP requests
};

/** \return the KMS clock for a simulation time: ns since the Unix epoch (run starts 2026-01-01) */
int64_t KmsClockNs(Time simulationTime);

} // namespace ims
} // namespace ns3

#endif
