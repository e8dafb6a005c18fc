/**
 * \file
 * The NAF side of Zn (TS 33.220 4.5.3): a NAF such as the KMS asks the BSF for Ks_NAF and the
 * user's USS of a B-TID presented on Ua (simulated as HTTP, doc/gba-in-simulation.md).
 */
#ifndef IMS_ZN_CLIENT_H
#define IMS_ZN_CLIENT_H

#include "http-client.h"
#include "ns3/inet-socket-address.h"
#include "ns3/node.h"
#include "protocol/common/bytes.h"
#include "protocol/gba/zh-zn-messages.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/**
 * \brief Looks B-TIDs up at the BSF for one NAF, asynchronously, on one persistent connection.
 * Answers are cached until their key expires (at most MaxCacheEntries, expired entries pruned
 * first, then the oldest expiry); concurrent lookups of one B-TID share one Zn request. A
 * refusal (unknown or expired B-TID: AuthFailed naming Result-Code 5403; NAF not authorized:
 * 5402) or a transport error is reported and not cached.
 */
class ZnClient
{
  public:
    /** \brief Receives the BSF's answer for a B-TID, or the error. */
    using Reply = std::function<void(mediasec::Result<mediasec::gba::ZnAnswer>)>;

    /**
     * \param nafFqdn the NAF's FQDN (first part of NAF_Id)
     * \param uaProtocolId the NAF's Ua security protocol id (5 bytes)
     * \param maxCacheEntries bound of the answer cache
     */
    ZnClient(std::string nafFqdn, mediasec::Bytes uaProtocolId, size_t maxCacheEntries = 100000);

    /** \brief Connects from \p node to the BSF's Zn port at \p bsf with the first request. */
    void Start(Ptr<Node> node, const InetSocketAddress& bsf);
    /** \brief Closes the connection; lookups in flight get no answer. */
    void Stop();

    /** \brief Delivers the answer for \p btid, from the cache or from the BSF. */
    void Lookup(const std::string& btid, Reply reply);
    /** \return the cached, unexpired answer for \p btid (for synchronous users), or nothing */
    std::optional<mediasec::gba::ZnAnswer> Cached(const std::string& btid) const;

    uint64_t GetLookups() const;    //!< \return Lookup calls
    uint64_t GetCacheHits() const;  //!< \return lookups answered from the cache
    uint64_t GetZnRequests() const; //!< \return requests sent to the BSF
    uint64_t GetFailures() const;   //!< \return requests refused or failed

  private:
    /** \brief Stores \p answer, pruning when the cache is full. */
    void Store(const std::string& btid, const mediasec::gba::ZnAnswer& answer);

    std::string m_nafFqdn;                                  //!< NAF FQDN
    mediasec::Bytes m_uaId;                                 //!< Ua protocol id
    size_t m_maxCache;                                      //!< cache bound
    HttpClient m_http;                                      //!< the Zn connection
    std::map<std::string, mediasec::gba::ZnAnswer> m_cache; //!< B-TID -> answer
    std::map<std::string, std::vector<Reply>> m_inFlight;   //!< B-TID -> waiting lookups
    uint64_t m_lookups = 0;                                 //!< Lookup calls
    uint64_t m_hits = 0;                                    //!< cache hits
    uint64_t m_requests = 0;                                //!< Zn requests
    uint64_t m_failures = 0;                                //!< failed requests
};

} // namespace ims
} // namespace ns3

#endif
