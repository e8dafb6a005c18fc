/**
 * \file
 * The UE side of GBA (TS 33.220 4.5.2): bootstraps over Ub with the BSF and derives the
 * NAF-specific keys (Ks_NAF) the UE uses towards a NAF such as the KMS.
 */
#ifndef IMS_UE_GBA_AGENT_H
#define IMS_UE_GBA_AGENT_H

#include "http-client.h"
#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "protocol/common/bytes.h"
#include "protocol/gba/milenage.h"
#include "protocol/gba/ub-bootstrapping.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/** \brief What a UE holds towards one NAF after GBA. */
struct NafKeys
{
    std::string btid;              //!< the B-TID to present on Ua
    mediasec::Bytes ksNaf;         //!< Ks_(ext)_NAF (32 bytes)
    int64_t expiryUnixSeconds = 0; //!< end of the key lifetime (Unix seconds)
};

/**
 * \brief Drives the UbClient core of one UE over HTTP/TCP to the BSF (GET / with Digest AKA,
 * RFC 3310; AUTS re-synchronisation included) and keeps the bootstrapping record. GetNafKeys
 * derives Ks_NAF from a valid record at once, else runs Ub first; requests made while a run is
 * in progress wait for it. A failed run (wrong K: AUTN does not verify, BSF refusal, transport
 * error) reports its typed error to every waiting request and leaves no record. Not an
 * Application: the owner (the UE application or a test) calls Start and Stop.
 */
class UeGbaAgent
{
  public:
    /** \brief Receives the keys for a NAF, or the error. */
    using Done = std::function<void(mediasec::Result<NafKeys>)>;

    /**
     * \param usim the USIM's Milenage (K, OPc)
     * \param impi the IMS private identity
     * \param sqnMs6 the highest SQN the USIM accepted so far (6 bytes)
     * \param bsfHost the BSF host name (Host header and realm of the first request)
     */
    UeGbaAgent(mediasec::gba::Milenage usim, std::string impi, mediasec::Bytes sqnMs6,
               std::string bsfHost = "bsf.ims.test");

    /** \brief Connects from \p node to the BSF's Ub port at \p bsf with the first request. */
    void Start(Ptr<Node> node, const InetSocketAddress& bsf);
    /** \brief Closes the Ub connection; waiting requests get no answer. */
    void Stop();

    /**
     * \brief Delivers B-TID and Ks_NAF for the NAF \p nafFqdn with Ua protocol \p uaProtocolId
     * (e.g. kUaProtocolIdImsMediaPlane for the KMS), bootstrapping first when there is no
     * unexpired record.
     */
    void GetNafKeys(const std::string& nafFqdn, const mediasec::Bytes& uaProtocolId, Done done);

    /** \return the record of the last successful run, if any */
    const std::optional<mediasec::gba::BootstrapRecord>& GetRecord() const;
    /** \return successful Ub runs */
    uint64_t GetBootstraps() const;
    /** \return failed Ub runs */
    uint64_t GetFailures() const;

  private:
    /** \brief A GetNafKeys call waiting for a run. */
    struct Waiting
    {
        std::string nafFqdn;  //!< NAF FQDN
        mediasec::Bytes uaId; //!< Ua protocol id
        Done done;            //!< callback
    };

    /** \brief Sends \p request on Ub. */
    void Send(const mediasec::http::HttpRequest& request);
    /** \brief Feeds a BSF response (or transport error) to the core. */
    void OnResponse(mediasec::Result<mediasec::http::HttpResponse> response);
    /** \brief Ends the run with \p outcome and answers every waiting request. */
    void Finish(const mediasec::Status& outcome);
    /** \return the keys for \p nafFqdn from the record, or the KDF error */
    mediasec::Result<NafKeys> Derive(const std::string& nafFqdn, const mediasec::Bytes& uaId) const;

    mediasec::gba::UbClient m_ub;                           //!< the sans-I/O Ub core
    HttpClient m_http;                                      //!< the Ub connection
    std::optional<mediasec::gba::BootstrapRecord> m_record; //!< the bootstrapped keys
    std::vector<Waiting> m_waiting;                         //!< requests waiting for the run
    bool m_running = false;                                 //!< a Ub run is in progress
    uint64_t m_bootstraps = 0;                              //!< successful runs
    uint64_t m_failures = 0;                                //!< failed runs
};

} // namespace ims
} // namespace ns3

#endif
