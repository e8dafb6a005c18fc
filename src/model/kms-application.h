/**
 * \file
 * Key Management Server of TS 33.328 6.2.3 (MIKEY-TICKET, RFC 6043) behind HTTP over TCP (Ua).
 */
#ifndef IMS_KMS_APPLICATION_H
#define IMS_KMS_APPLICATION_H

#include "http-server.h"
#include "otway-rees-kms-service.h"
#include "processing-queue.h"
#include "zk-kms-service.h"
#include "zn-client.h"

#include "protocol/kms/kms-core.h"

#include "ns3/application.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

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
 * \brief The KMS as an ns-3 application: accepts HTTP/1.1 connections on TCP (the Ua
 * reference point, the KMS being a GBA NAF), and answers POST requests carrying MIKEY
 * REQUEST_INIT or RESOLVE_INIT (Content-Type application/mikey) with the KmsCore's
 * REQUEST_RESP / RESOLVE_RESP (200) or its MIKEY Error message (403). Each request costs
 * RequestServiceTime or ResolveServiceTime on the KMS's FIFO processing queue. Users are the
 * GBA bootstraps given with AddUser (B-TID -> Ks_NAF and identities). It also runs the Otway-Rees KMS
 * (doc/otway-rees-e2m.md): POST /otway-rees (application/otway-rees) costs OtwayReesServiceTime
 * on the same queue; its long-term keys are given with AddOtwayReesKey and the gateways that
 * may act for any callee with AddAuthorizedGateway.
 * With UseBsf (GBA in simulation, doc/gba-in-simulation.md) the KMS learns its MIKEY users over
 * Zn instead: before a request enters the queue it looks up the B-TIDs the request names
 * (RequestBtids) with its ZnClient, and the core's user lookup reads the Zn cache; a B-TID the
 * BSF refuses is an unknown user to the core (ERR, HTTP 403). Users given with AddUser (the
 * operator's own servers: conference server, transcoder) are then looked up first, without Zn.
 * Zk (doc/zk-inter-kms.md): a RESOLVE_INIT for a ticket of a peer KMS (AddZkPeer) is relayed
 * to it as a Zk Resolve, and the peers' Zk POSTs (requesttype=ticketresolve) are answered;
 * each costs RequestServiceTime on the queue.
 * A replica (SecretLabel set) shares the ticket protection key of the KMS it names and serves
 * the same users (doc/kms-replica.md).
 */
class KmsApplication : public Application
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    KmsApplication();
    ~KmsApplication() override;

    /**
     * \brief Registers a user provisioned at the KMS (what Zn would return for \p btid); with
     * UseBsf such a user is not asked on Zn.
     */
    void AddUser(const std::string& btid, const mediasec::kms::KmsUser& user);
    /**
     * \brief Learns MIKEY users over Zn from the BSF at \p zn, as the NAF \p nafFqdn (Ua
     * protocol of the IMS media plane), for B-TIDs not given with AddUser. Call before the start.
     */
    void UseBsf(const InetSocketAddress& zn, const std::string& nafFqdn);
    /** \return the Zn client (UseBsf), or null */
    const ZnClient* GetZnClient() const;

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
    /**
     * \brief Lists \p identity (a KMS user identity, '*' wildcards allowed) as a network
     * function that may obtain the keys of calls whose ticket names it in IDRapp
     * (KmsPolicy::networkFunctions, doc/transcoder.md). Call before the application starts.
     */
    void AddNetworkFunction(const std::string& identity);
    /** \return the Otway-Rees core's counters (keys issued, refusals by code, crypto ops) */
    const mediasec::otway::OtwayReesKmsStats& GetOtwayReesStats() const;

    /**
     * \brief Configures a Zk link with the KMS \p uri at \p address (ZkKmsService::AddPeer).
     * Call before the application starts.
     */
    void AddZkPeer(const std::string& uri, const InetSocketAddress& address,
                   const mediasec::Bytes& key, const std::vector<std::string>& assertable);
    /** \return the Zk service (relays sent, requests refused as issuer) */
    const ZkKmsService& GetZk() const;

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
    /** \return \p serviceTime, or RequestServiceTime when it is negative (not set) */
    Time CostOf(Time serviceTime) const;
    /** \brief Runs \p next once the Zn lookups of the B-TIDs in \p body are answered. */
    void AfterZnLookups(const std::string& body, std::function<void()> next);
    /** \brief Sends \p reply (200 with the MIKEY response, 403 with the Error message). */
    void Reply(const HttpServer::Respond& respond, const std::string& target,
               const mediasec::kms::KmsReply& reply);
    /** \brief Answers one MIKEY request with \p respond. */
    void Serve(const HttpServer::Respond& respond, const std::string& target,
               const std::string& body);

    uint16_t m_port;                 //!< Ua port
    std::string m_uri;               //!< IDRkms
    std::string m_label;             //!< node label
    Time m_serviceTime;              //!< per REQUEST_INIT
    Time m_resolveServiceTime;       //!< per RESOLVE_INIT (negative: m_serviceTime)
    Time m_otwayReesServiceTime;     //!< per Otway-Rees request (negative: m_serviceTime)
    Time m_otwayReesSkew;            //!< accepted Otway-Rees clock skew
    Time m_ticketLifetime;           //!< TRe - TRs of tickets
    bool m_allowReuse;               //!< grant reusable tickets
    bool m_allowInitiatorTickets;    //!< resolve D=0 tickets
    uint64_t m_seed;                 //!< run seed of the key generator
    std::string m_secretLabel;       //!< replica: the label of the KMS it shares the TPK with
    std::map<std::string, mediasec::kms::KmsUser> m_users; //!< B-TID -> user
    std::vector<std::string> m_networkFunctions; //!< KmsPolicy::networkFunctions
    std::unique_ptr<mediasec::kms::KmsCore> m_core;         //!< the sans-I/O KMS
    std::unique_ptr<ZnClient> m_zn;  //!< Zn towards the BSF (UseBsf), else null
    InetSocketAddress m_bsfZn{Ipv4Address(), 0}; //!< the BSF's Zn address (UseBsf)
    HttpServer m_server;             //!< the Ua listener
    ProcessingQueue m_queue;         //!< FIFO server
    OtwayReesKmsService m_otwayRees; //!< the Otway-Rees KMS
    ZkKmsService m_zk;               //!< Zk towards other KMSs
    TracedCallback<const std::string&, const std::string&, const std::string&>
        m_keyHeldTrace; //!< keys of Otway-Rees and MIKEY-TICKET grants (call id unknown: "")
    uint64_t m_badRequests = 0;      //!< rejected HTTP requests
};

/** \return the KMS clock for a simulation time: ns since the Unix epoch (run starts 2026-01-01) */
int64_t KmsClockNs(Time simulationTime);

} // namespace ims
} // namespace ns3

#endif
