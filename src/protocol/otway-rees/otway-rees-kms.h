/**
 * \file
 * The sans-I/O Otway-Rees KMS S (doc/otway-rees.md): opens Ea and Eb, checks that the sealed
 * M, ID-A and ID-B equal the plain ones (Boyd-Mao), the freshness of both timestamps, a replay
 * cache on (identity, nonce) and the authorization of the requester, then draws K and answers
 * with Ea' and Eb'; otherwise it answers with an Error message, a typed Error and a Refusal.
 */
#ifndef MEDIASEC_OTWAY_REES_KMS_H
#define MEDIASEC_OTWAY_REES_KMS_H

#include "otway-rees-messages.h"
#include "otway-rees-parts.h"
#include "otway-rees-refusal.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/kms/ticket-crypto.h"
#include "protocol/mikey/replay-cache.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <variant>

namespace mediasec
{
namespace otway
{

/**
 * \brief The long-term key (Ka, Kb or Ksg; from GBA Ks_NAF or the SGW provisioning) shared
 * with \p identity; an error means an unknown identity.
 */
using KeyLookup = std::function<Result<Bytes>(const std::string& identity)>;

/**
 * \brief Whether \p requesterId may obtain the key of the call from \p initiatorId to
 * \p responderId (the callee).
 */
using AuthorizationPolicy =
    std::function<bool(const std::string& requesterId, const std::string& initiatorId,
                       const std::string& responderId)>;

/**
 * \return the default policy: the requester is the callee itself, or one of \p gateways (the
 * SGWs allowed to terminate media security in the end-to-middle case)
 */
AuthorizationPolicy CalleeOrGateway(std::set<std::string> gateways);

/** \brief KMS settings. */
struct OtwayReesKmsConfig
{
    int64_t skewNs = 300LL * 1000000000LL; //!< largest accepted |now - T|
    size_t replayCacheEntries = 100000;    //!< replay cache capacity
};

/** \brief The KMS answer to one request. */
struct OtwayReesKmsOutcome
{
    Bytes message;                  //!< KmsReply, or the Error message when refused
    std::optional<Error> error;     //!< set when refused (typed, detail names the reason)
    std::optional<Refusal> refusal; //!< set when refused (the code sent in the Error message)
    kms::CryptoOps ops;             //!< crypto operations spent on this request

    /** \return true when a key was issued */
    bool
    IsOk() const
    {
        return !error.has_value();
    }
};

/** \brief Counters of a KMS since construction. */
struct OtwayReesKmsStats
{
    uint64_t keysIssued = 0;                           //!< KmsReply messages sent
    std::array<uint64_t, kRefusalCount + 1> refused{}; //!< refusals, indexed by Refusal code
    kms::CryptoOps ops;                                //!< crypto operations of all requests
};

/** \brief The KMS. Not thread-safe. */
class OtwayReesKms
{
  public:
    /**
     * \param keys long-term key lookup by identity
     * \param authorize the authorization policy (e.g. CalleeOrGateway)
     * \param drbg the random source of K and the IVs
     * \param config skew and replay cache size
     */
    OtwayReesKms(KeyLookup keys, AuthorizationPolicy authorize, Drbg drbg,
                 OtwayReesKmsConfig config);

    /**
     * \brief Handles one KmsRequest.
     * \param request the received bytes
     * \param nowNs the KMS clock, ns since the Unix epoch
     * \return the KmsReply, or the refusal: Malformed (parse errors), UnknownIdentity,
     * OpenFailed (AuthFailed: Ea/Eb do not open), SessionMismatch and IdentityMismatch
     * (AuthFailed), Stale (OutOfRange), NotAuthorized (AuthFailed), Replay (Replay, or TooLarge
     * when the cache is full), Internal (CryptoFailure)
     */
    OtwayReesKmsOutcome Handle(const Bytes& request, int64_t nowNs);

    /** \return the counters */
    const OtwayReesKmsStats& Stats() const;

  private:
    /** \brief A refusal in progress. */
    struct Failure
    {
        Refusal refusal; //!< the code
        Error error;     //!< the typed error
    };

    /** \brief The opened and checked request. */
    struct Opened
    {
        KmsRequest request;    //!< the plain request
        RequestPart initiator; //!< the inside of Ea
        RequestPart requester; //!< the inside of Eb
        Bytes initiatorKey;    //!< Ka
        Bytes requesterKey;    //!< Kb or Ksg
    };

    /** \return the opened request or the first failed check (everything before the grant) */
    std::variant<Opened, Failure> Check(const KmsRequest& request, int64_t nowNs,
                                        kms::CryptoOps& ops);

    /** \return the KmsReply for \p request, or the first failed check */
    std::variant<Bytes, Failure> Respond(const KmsRequest& request, int64_t nowNs,
                                         kms::CryptoOps& ops);

    /** \return the long-term key of \p identity or an UnknownIdentity failure */
    std::variant<Bytes, Failure> KeyOf(const std::string& identity, const char* role);

    /** \return the inside of Ea or Eb, or the failure of opening or of the Boyd-Mao checks */
    static std::variant<RequestPart, Failure> OpenPart(Party party, const Bytes& key,
                                                       const Bytes& sealed,
                                                       const KmsRequest& request,
                                                       kms::CryptoOps& ops);

    /**
     * \return a failure when the T of Ea or Eb is outside the skew (both are checked before
     * either nonce is recorded) or when (ID-A, Na) or (R, Nb) was seen before
     */
    std::optional<Failure> CheckFresh(const Opened& opened, int64_t nowNs);

    /** \return the KmsReply granting a new K, or an Internal failure */
    std::variant<Bytes, Failure> Grant(const Opened& opened, kms::CryptoOps& ops);

    KeyLookup m_keys;                //!< long-term keys
    AuthorizationPolicy m_authorize; //!< who may act for whom
    Drbg m_drbg;                     //!< K and IVs
    OtwayReesKmsConfig m_config;     //!< settings
    mikey::ReplayCache m_replay;     //!< (identity, nonce) seen within the skew
    OtwayReesKmsStats m_stats;       //!< counters
};

} // namespace otway
} // namespace mediasec

#endif
