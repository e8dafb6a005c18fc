/**
 * \file
 * The GBA Ub bootstrapping exchange (TS 33.220 4.5.2, TS 24.109 clause 4 and Annex C) over
 * HTTP Digest AKA (RFC 3310), sans-I/O: the UE side UbClient and the BSF side UbServer turn
 * HTTP messages into HTTP messages; the caller moves them over TCP.
 *
 * Flow: UE GET / with Authorization username=IMPI (empty nonce and response) -> BSF 401 with
 * nonce = base64(RAND || AUTN || counter), qop auth-int, algorithm AKAv1-MD5 -> UE verifies AUTN,
 * answers with the request-digest keyed by RES -> BSF checks it against XRES and answers 200
 * with the BootstrappingInfo XML (B-TID, lifetime) and Authentication-Info rspauth over that
 * body (auth-int, keyed by XRES), which the UE checks; both keep Ks = CK || IK. On a sequence
 * number failure the UE answers with auts and an empty password (RFC 3310 3.4) and the BSF
 * fetches a re-synchronised vector and challenges again.
 */
#ifndef MEDIASEC_GBA_UB_BOOTSTRAPPING_H
#define MEDIASEC_GBA_UB_BOOTSTRAPPING_H

#include "aka.h"
#include "milenage.h"
#include "protocol/common/bytes.h"
#include "protocol/http/digest-auth.h"
#include "protocol/http/http-message.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace mediasec
{
namespace gba
{

/** \brief The bootstrapped key material, as both sides hold it after a successful run. */
struct BootstrapRecord
{
    std::string btid;              //!< B-TID = base64(RAND)@BSF domain
    Bytes ks;                      //!< Ks = CK || IK (32 bytes)
    Bytes rand;                    //!< RAND of the run (16 bytes)
    std::string impi;              //!< the subscriber's IMPI
    int64_t expiryUnixSeconds = 0; //!< key lifetime end (seconds since the Unix epoch)
};

/** \return true when both records have equal fields. */
bool operator==(const BootstrapRecord& a, const BootstrapRecord& b);

/**
 * \brief Derives Ks_NAF for \p nafFqdn from a record (TS 33.220 B.3).
 * \return Ks_NAF (32 bytes) or the error of DeriveKsNaf()
 */
Result<Bytes> DeriveKsNafFor(const BootstrapRecord& record, std::string_view nafFqdn,
                             const Bytes& uaSecurityProtocolId);

/** \brief What the UE does next after a BSF response. */
struct UbClientStep
{
    bool done = false;         //!< true when bootstrapping succeeded (record is set)
    http::HttpRequest request; //!< the next request to send when not done
    BootstrapRecord record;    //!< the result when done
};

/**
 * \brief The UE side of Ub. States: Start() -> challenge -> (re-sync challenge) -> 200.
 * Movable, not copyable (it owns the USIM's Milenage).
 */
class UbClient
{
  public:
    /**
     * \brief Creates the UE side.
     * \param milenage the USIM's Milenage instance (K, OPc)
     * \param impi the IMS private identity, sent as the Digest username
     * \param bsfHost the BSF host name (Host header and Digest realm of the first request)
     * \param sqnMs6 the highest SQN the USIM accepted so far (6 bytes)
     */
    UbClient(Milenage milenage, std::string impi, std::string bsfHost, Bytes sqnMs6);

    /** \return the initial request: GET / with Authorization username=IMPI, empty nonce. */
    http::HttpRequest Start();

    /**
     * \brief Processes a BSF response.
     * \return the next request (after a 401 challenge: the Digest answer, or the auts answer
     * on a sequence number failure) or the record (after 200 with BootstrappingInfo);
     * Replay for a second sequence number failure in one exchange (the re-sync did not help);
     * InvalidState outside an exchange or after a failure; AuthFailed when AUTN does not
     * verify or the BSF refused (403); MissingField/Malformed/Unsupported for a bad
     * WWW-Authenticate, nonce or XML body; MissingField for a 200 without Authentication-Info;
     * AuthFailed when its rspauth does not verify; Malformed when the B-TID does not start with
     * base64(RAND)@
     */
    Result<UbClientStep> OnResponse(const http::HttpResponse& response);

    /** \return the USIM's highest accepted SQN (6 bytes). */
    const Bytes& SqnMs() const;

  private:
    /** \brief Where the client is in the exchange. */
    enum class State
    {
        Idle,    //!< nothing sent
        Waiting, //!< a request is outstanding
        Failed,  //!< the exchange failed
    };

    /** \return the answer to a 401 challenge, or the error */
    Result<UbClientStep> OnChallenge(const http::HttpResponse& response);
    /** \return the record of a 200 answer, or the error */
    Result<UbClientStep> OnSuccess(const http::HttpResponse& response);

    Milenage m_milenage;              //!< the USIM
    std::string m_impi;               //!< IMPI
    std::string m_bsfHost;            //!< BSF host
    Bytes m_sqnMs;                    //!< highest accepted SQN
    State m_state = State::Idle;      //!< exchange state
    Bytes m_rand;                     //!< RAND of the accepted challenge
    Bytes m_ks;                       //!< Ks of the accepted challenge (empty before)
    Bytes m_res;                      //!< RES of the accepted challenge (checks rspauth)
    http::DigestCredentials m_answer; //!< the credentials sent with RES
    bool m_resynced = false;          //!< an AUTS was sent in this exchange
};

/** \brief A request for an authentication vector from the HSS (Zh). */
struct AvRequest
{
    std::string impi; //!< the subscriber
    Bytes resyncRand; //!< RAND of the rejected challenge when re-synchronising, else empty
    Bytes auts;       //!< AUTS (14 bytes) when re-synchronising, else empty
};

/** \brief Fetches an authentication vector (the HSS over Zh); errors are passed on. */
using AvProvider = std::function<Result<AuthVector>(const AvRequest&)>;

/** \brief Configuration of the BSF. */
struct UbServerConfig
{
    std::string bsfDomain;                    //!< B-TID domain and Digest realm
    int64_t lifetimeSeconds = 86400;          //!< key lifetime
    int64_t unixEpochSeconds = 1700000000;    //!< Unix time at simulation time 0
    int64_t challengeTimeoutNs = 30000000000; //!< an unanswered challenge expires after this
    size_t maxPendingChallenges = 10000;      //!< bound of outstanding challenges
    size_t maxRecords = 100000;               //!< bound of stored bootstrapping records
};

/** \brief A BSF answer: the HTTP response and what happened. */
struct UbServerReply
{
    http::HttpResponse response; //!< to send back
    Status result;               //!< Ok, or why the request was refused or re-challenged
};

/**
 * \brief The BSF side of Ub: challenges, verifies and stores bootstrapping records for Zn.
 * A nonce is accepted once (a replayed answer is challenged again with Replay).
 */
class UbServer
{
  public:
    /**
     * \brief Creates the BSF.
     * \param config domain, lifetimes and bounds
     * \param provider the source of authentication vectors
     */
    UbServer(UbServerConfig config, AvProvider provider);

    /**
     * \brief Handles one Ub request at simulation time \p nowNs.
     * \return the response and the result: Ok for a challenge or success; MissingField or
     * Malformed (400) for a missing or bad Authorization; Unsupported (405) for another
     * method; Replay (401, fresh challenge) for an unknown, used or expired nonce; AuthFailed
     * (403) for a wrong response, user, realm or uri; TooLarge (503) when the bounds are full; the
     * provider's error (403)
     */
    UbServerReply Handle(const http::HttpRequest& request, int64_t nowNs);

    /**
     * \brief Zn lookup of a B-TID.
     * \return the record; MissingField for an unknown B-TID; OutOfRange when it expired
     */
    Result<BootstrapRecord> Lookup(std::string_view btid, int64_t nowNs) const;

    /**
     * \brief Zn: Ks_NAF for a NAF.
     * \return Ks_NAF, or the error of Lookup() or DeriveKsNaf()
     */
    Result<Bytes> NafKey(std::string_view btid, std::string_view nafFqdn,
                         const Bytes& uaSecurityProtocolId, int64_t nowNs) const;

    /** \return the number of outstanding challenges. */
    size_t PendingChallenges() const;

  private:
    /** \brief An issued, unanswered challenge. */
    struct Pending
    {
        std::string impi;  //!< who was challenged
        AuthVector vector; //!< its vector
        int64_t issuedNs;  //!< when
    };

    /** \return a 401 with a fresh challenge for \p avRequest, \p result on success */
    UbServerReply Challenge(const AvRequest& avRequest, int64_t nowNs, Status result);
    /** \return a reply with \p status, \p reason and \p error */
    static UbServerReply Refuse(int status, const char* reason, Error error);
    /** \return the reply to \p credentials answering the challenge \p pending */
    UbServerReply Verify(const http::HttpRequest& request,
                         const http::DigestCredentials& credentials, const Pending& pending,
                         int64_t nowNs);
    /** \return the Unix time of \p nowNs */
    int64_t UnixSeconds(int64_t nowNs) const;

    UbServerConfig m_config;                  //!< configuration
    AvProvider m_provider;                    //!< HSS access
    std::map<std::string, Pending> m_pending; //!< outstanding challenges by nonce
    std::map<std::string, BootstrapRecord, std::less<>> m_records; //!< records by B-TID
    uint64_t m_nonceCounter = 0; //!< server data of the next nonce
};

} // namespace gba
} // namespace mediasec

#endif
