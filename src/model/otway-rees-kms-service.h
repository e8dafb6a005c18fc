/**
 * \file
 * The Otway-Rees KMS (doc/otway-rees.md) behind the KMS's HTTP server: POST /otway-rees with
 * Content-Type application/otway-rees carrying a KmsRequest (doc/otway-rees-e2m.md).
 */
#ifndef IMS_OTWAY_REES_KMS_SERVICE_H
#define IMS_OTWAY_REES_KMS_SERVICE_H

#include "protocol/common/bytes.h"
#include "protocol/http/http-message.h"
#include "protocol/otway-rees/otway-rees-kms.h"

#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace ns3
{
namespace ims
{

/** \brief The HTTP target of Otway-Rees requests at the KMS. */
constexpr const char* kOtwayReesTarget = "/otway-rees";
/** \brief The Content-Type of Otway-Rees requests, replies and refusals. */
constexpr const char* kOtwayReesContentType = "application/otway-rees";

/**
 * \brief Wraps the sans-I/O OtwayReesKms: long-term keys by identity (users' Ks_NAF, the SGWs'
 * Ksg), the allow-list of gateways (CalleeOrGateway) and the HTTP mapping: 200 with the
 * KmsReply, 403 with the Error message, 400 for a request that is not an Otway-Rees POST.
 * Keys and gateways are read when Start() builds the core. The KMS draws K, so it holds the
 * SRTP keys of every session it grants: each is reported to the KeyHeld callback.
 */
class OtwayReesKmsService
{
  public:
    /** \brief Receives the KeyFingerprint of a media key the KMS issued. */
    using KeyHeld = std::function<void(const std::string& fingerprint)>;

    /** \brief Sets the long-term key shared with \p identity (32 bytes). */
    void AddKey(const std::string& identity, const mediasec::Bytes& key);
    /** \brief Allows the gateway \p identity to request keys for any callee (end to middle). */
    void AddAuthorizedGateway(const std::string& identity);

    /**
     * \brief Builds the core with its random source and clock skew (ns); \p keyHeld receives
     * both SRTP keys of every granted session.
     */
    void Start(mediasec::Drbg drbg, int64_t skewNs, KeyHeld keyHeld);

    /** \return true when \p request is a POST to kOtwayReesTarget */
    static bool IsOtwayReesTarget(const mediasec::http::HttpRequest& request);

    /**
     * \brief Answers one request at KMS time \p nowNs.
     * \return 200 + KmsReply, 403 + Error message, or 400 when the request is not a POST of
     * kOtwayReesContentType to kOtwayReesTarget (or the service is not started)
     */
    mediasec::http::HttpResponse Serve(const mediasec::http::HttpRequest& request, int64_t nowNs);

    /** \return the core's counters (all zero before Start) */
    const mediasec::otway::OtwayReesKmsStats& Stats() const;
    /** \return requests answered 400 */
    uint64_t BadRequests() const;

  private:
    /** \brief Reports the SRTP keys of the grant in \p reply (opened with the requester's key). */
    void ReportKeys(const mediasec::Bytes& request, const mediasec::Bytes& reply);

    std::map<std::string, mediasec::Bytes> m_keys;        //!< identity -> long-term key
    std::set<std::string> m_gateways;                     //!< authorized SGWs
    std::unique_ptr<mediasec::otway::OtwayReesKms> m_kms; //!< the core
    uint64_t m_badRequests = 0;                           //!< 400 answers
    KeyHeld m_keyHeld;                                    //!< key custody
};

} // namespace ims
} // namespace ns3

#endif
