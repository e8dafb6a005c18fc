/**
 * \file
 * The sans-I/O core of the MIKEY-TICKET Key Management Service (RFC 6043, TS 33.328 6.2.3) in
 * the project's 3GPP base ticket profile (doc/mikey-ticket-profile.md): it answers
 * REQUEST_INIT with REQUEST_RESP (a new ticket) and RESOLVE_INIT with RESOLVE_RESP (forked
 * keys), and refuses with a MIKEY Error message and a typed error otherwise.
 */
#ifndef MEDIASEC_KMS_CORE_H
#define MEDIASEC_KMS_CORE_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/mikey/replay-cache.h"
#include "ticket-crypto.h"
#include "zk-messages.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mediasec
{
namespace kms
{

/** \brief What the KMS knows about a GBA-bootstrapped user (TS 33.328 6.2.3.5). */
struct KmsUser
{
    Bytes psk;                           //!< Ks_NAF of the user's B-TID (32 bytes)
    std::vector<std::string> identities; //!< the user's IMPUs (SIP URIs) from the USS
};

/** \brief Looks up a user by B-TID (IDRpsk); an error means an unknown or expired B-TID. */
using UserLookup = std::function<Result<KmsUser>(const std::string& btid)>;

/** \brief KMS policy. */
struct KmsPolicy
{
    int64_t ticketLifetimeNs = 3600LL * 1000000000LL; //!< TRe - TRs of an issued ticket
    bool allowReuse = true;                           //!< grant J=1 when requested
    bool allowGroupTickets = true;                    //!< accept wildcard recipients
    int64_t replaySkewNs = 300LL * 1000000000LL;      //!< allowed clock skew (RFC 3830 5.4)
    size_t replayCacheEntries = 1000000;              //!< replay cache capacity
    std::vector<std::string> networkFunctions;        //!< functions given call keys ('*' ok)
    bool allowInitiatorTickets = false;               //!< resolve initiator-made tickets (D=0)
    std::vector<std::string> zkPeers;                 //!< issuing KMSs reached over Zk
};

/** \brief Why the KMS refused a request. */
enum class Refusal : uint8_t
{
    Malformed,        //!< unparseable or wrong message type / missing payload (ERR 12)
    UnknownUser,      //!< IDRpsk names no known B-TID (ERR 0)
    AuthFailed,       //!< the request MAC does not verify (ERR 0)
    Replay,           //!< replayed or out-of-skew request (ERR 1)
    IdentityNotOwned, //!< IDRi/IDRr is not an identity of the user (ERR 7)
    InvalidTicket,    //!< unknown ticket type, bad ticket MAC or Initiator Data (ERR 14)
    TicketExpired,    //!< now is outside TRs..TRe (ERR 14)
    NotRecipient,     //!< no identity of the user matches the allowed recipients (ERR 0)
    PolicyDenied,     //!< the TP asks what the policy forbids or is inconsistent (ERR 15)
    Internal,         //!< a crypto call failed (ERR 12)
    NotAuthorizedFunction, //!< a network function not on the KMS policy list asks (ERR 0)
    UnknownIssuer,         //!< the ticket names another KMS this KMS has no Zk link with (ERR 14)
    ZkRefused,             //!< the issuing KMS refused the Zk Resolve (its reason's ERR)
    ZkLinkFailed,          //!< the Zk exchange failed: link authentication, transport (ERR 0)
};

/** \brief Number of Refusal values. */
constexpr size_t kRefusalCount = 14;

/** \return a stable name of \p refusal, e.g. "not-recipient". */
const char* RefusalName(Refusal refusal);

/** \return the MIKEY Error no the KMS sends for \p refusal. */
mikey::ErrorNo RefusalErrorNo(Refusal refusal);

/** \brief The answer to one request. */
struct KmsReply
{
    Bytes message;                  //!< REQUEST_RESP / RESOLVE_RESP, or the MIKEY Error message
    std::optional<Error> error;     //!< set when refused (typed, with a detail)
    std::optional<Refusal> refusal; //!< set when refused
    CryptoOps ops;                  //!< crypto operations spent on this request
    /**
     * Keys of the grant from which media keys derive with public inputs only, so the KMS holds
     * those media keys too: MPKi on REQUEST (deferred-delivery keys), MPKi and the forked TGK'
     * on RESOLVE (the call's SRTP keys). Empty when refused.
     */
    std::vector<Bytes> mediaRootKeys;

    /** \return true when the request was granted */
    bool
    IsOk() const
    {
        return !error.has_value();
    }
};

/** \brief Counters of a KMS since construction. */
struct KmsStats
{
    uint64_t ticketsIssued = 0;                    //!< REQUEST_RESP sent
    uint64_t ticketsResolved = 0;                  //!< RESOLVE_RESP sent
    uint64_t zkRelayed = 0;                        //!< Zk Resolves sent to issuing KMSs
    uint64_t zkResolved = 0;                       //!< Zk Resolves granted to peer KMSs
    std::array<uint64_t, kRefusalCount> refused{}; //!< refusals, indexed by Refusal
    CryptoOps ops;                                 //!< crypto operations of all requests
};

/** \brief A RESOLVE_INIT for a ticket of another KMS: the Zk Resolve to send its issuer. */
struct ZkRelay
{
    uint64_t id = 0;          //!< names the relay in FinishRelayedResolve
    std::string issuer;       //!< the issuing KMS (IDRkms of the ticket)
    ZkResolveRequest request; //!< the ticket and the authenticated user
};

/** \brief The outcome of BeginResolve: the reply now, or a Zk Resolve to relay first. */
struct ResolveStep
{
    std::optional<KmsReply> reply; //!< RESOLVE_RESP or refusal, or
    std::optional<ZkRelay> relay;  //!< what to ask the issuing KMS
};

/**
 * \brief The KMS. The ticket protection key (TPK) is the first output of the secret DRBG at
 * construction and never leaves the object, so only a KMS built from the same secret stream (a
 * replica, doc/kms-replica.md) can resolve its tickets. Not thread-safe.
 */
class KmsCore
{
  public:
    /**
     * \brief A KMS.
     * \param kmsUri the KMS identity (IDRkms data), e.g. "sip:kms.example.com"
     * \param users B-TID lookup (the Zn/USS path)
     * \param drbg random source of the TPK, keys and RANDs
     * \param policy the KMS policy
     */
    KmsCore(std::string kmsUri, UserLookup users, Drbg drbg, KmsPolicy policy);

    /**
     * \brief A replica of the KMS built from \p secretDrbg: it draws the same TPK from that
     * stream (so each resolves the other's tickets) but its keys, RANDs and RANDRkms from its
     * own \p freshDrbg, so it never repeats the other's values. Nothing else is shared: the
     * replay cache and the counters are the replica's own.
     * \param kmsUri the KMS identity, the same as the other KMS's
     * \param users B-TID lookup (the same users)
     * \param secretDrbg the stream the other KMS was built from (only the TPK is drawn)
     * \param freshDrbg random source of the keys and RANDs of this KMS
     * \param policy the KMS policy
     */
    KmsCore(std::string kmsUri, UserLookup users, Drbg secretDrbg, Drbg freshDrbg,
            KmsPolicy policy);

    /**
     * \brief Handles a REQUEST_INIT_PSK.
     * \param message the received bytes
     * \param nowNs the KMS clock, ns since the Unix epoch
     * \return REQUEST_RESP, or a refusal with a MIKEY Error message
     */
    KmsReply HandleRequestInit(const Bytes& message, int64_t nowNs);

    /**
     * \brief Handles a RESOLVE_INIT_PSK after every check of TS 33.328 6.2.3.5 (see the profile),
     * for a ticket the KMS issued (D=1) or one the initiator made (D=0, if the policy allows).
     * A RESOLVE_INIT that carries the answering endpoint's modifier (a second IDRr and RANDRkms)
     * comes from a network function (NetworkFunctionResolver) and gets that endpoint's keys.
     * This is BeginResolve without a Zk transport: a ticket of a Zk peer is refused
     * (`zk-link-failed`), one of another KMS `unknown-issuer`.
     * \param message the received bytes
     * \param nowNs the KMS clock, ns since the Unix epoch
     * \return RESOLVE_RESP with the responder-specific forked keys, or a refusal
     */
    KmsReply HandleResolveInit(const Bytes& message, int64_t nowNs);

    /**
     * \brief Step 1 of a Resolve that may need Zk (doc/zk-inter-kms.md): authenticates the user
     * (checks 1-5 of the profile) and, for a KMS ticket (D=1) whose IDRkms names another KMS
     * of KmsPolicy::zkPeers, keeps the request and returns the Zk Resolve to relay; any other
     * ticket is resolved here as by HandleResolveInit. A ticket of a KMS not in zkPeers is
     * refused (`unknown-issuer`), and so is a network function's request for one.
     * \return the reply, or the relay to finish with FinishRelayedResolve
     */
    ResolveStep BeginResolve(const Bytes& message, int64_t nowNs);

    /**
     * \brief Step 2: builds RESOLVE_RESP under the user's key from the issuer's forked keys,
     * after checking they were forked for one of the user's identities; or the refusal:
     * `zk-refused` with the issuer's reason and its MIKEY Error no, `zk-link-failed` for
     * \p answer's error (link authentication, transport) or keys forked for someone else.
     * \param relayId ZkRelay::id (unknown ids give an InvalidState refusal)
     * \param answer the opened Zk answer, or why there is none
     * \param nowNs the KMS clock
     */
    KmsReply FinishRelayedResolve(uint64_t relayId, const Result<ZkResolveAnswer>& answer,
                                  int64_t nowNs);

    /**
     * \brief The issuer's side of Zk: every ticket check of the profile (7.) for the identity
     * \p peerKms asserts, which must match one of \p assertable (the peer's domain, '*' as for
     * groups; else `identity-not-owned`), then forking as for a local user.
     * \return the forked keys, or the refusal (counted here as well)
     */
    ZkResolveAnswer HandleZkResolve(const std::string& peerKms,
                                    const std::vector<std::string>& assertable,
                                    const ZkResolveRequest& request, int64_t nowNs);

    /** \return the counters */
    const KmsStats& Stats() const;

    /** \return the KMS identity */
    const std::string& Identity() const;

  private:
    /** \brief A refusal in progress. */
    struct Failure
    {
        /** \brief A refusal for \p r with \p e and, if given, MIKEY Error no \p n. */
        Failure(Refusal r, Error e, std::optional<mikey::ErrorNo> n = std::nullopt)
            : refusal(r)
            , error(std::move(e))
            , errorNo(n)
        {
        }

        Refusal refusal;                       //!< reason
        Error error;                           //!< typed error
        std::optional<mikey::ErrorNo> errorNo; //!< MIKEY Error no, if not RefusalErrorNo's
    };

    /** \brief A request whose sender has been authenticated. */
    struct Authenticated
    {
        mikey::MikeyMessage message; //!< the parsed request
        KmsUser user;                //!< the requesting user
        Bytes rand;                  //!< RANDRi or RANDRr
        std::string identity;        //!< IDRi or IDRr data
    };

    /** \brief Parses and authenticates a request; fills \p out or \p fail. \return success */
    bool Authenticate(const Bytes& bytes, mikey::DataType type, int64_t nowNs, CryptoOps& ops,
                      Authenticated& out, std::optional<Bytes>& errorAuthKey, Failure& fail);

    /** \brief A granted request: the response and the media root keys it hands out. */
    struct Grant
    {
        Bytes message;                   //!< REQUEST_RESP or RESOLVE_RESP
        std::vector<Bytes> mediaRootKeys; //!< see KmsReply::mediaRootKeys
    };

    /** \return REQUEST_RESP for an authenticated request, or nullopt with \p fail filled. */
    std::optional<Grant> IssueTicket(const Authenticated& req, const Bytes& requestBytes,
                                     int64_t nowNs, CryptoOps& ops, Failure& fail);

    /** \brief A ticket that passed every check, with its keys. */
    struct OpenedTicket
    {
        TicketSecrets secrets;   //!< MPK, TGK, RAND
        TicketMasterKeys master; //!< MPKi, unforked MPKr
    };

    /** \brief The identity and RANDRkms the KMS forks MPKr and TGK for. */
    struct ForkTarget
    {
        std::string identity;            //!< IDRr of RESOLVE_RESP
        Bytes randRkms;                  //!< RANDRkms of RESOLVE_RESP
        bool forNetworkFunction = false; //!< a network function asks (no MPKr' is sent)
    };

    /** \return the ticket's keys after every ticket check, or nullopt with \p fail filled */
    std::optional<OpenedTicket> OpenResolvedTicket(const mikey::TicketPayload& ticket,
                                                   int64_t nowNs, CryptoOps& ops, Failure& fail);

    /** \return the initiator (IDRpsk) of a D=0 ticket if the policy allows them, or nullopt */
    std::optional<KmsUser> InitiatorTicketUser(const mikey::ThreeGppTicketData& data,
                                               Failure& fail);

    /** \return why a D=0 ticket with a valid MAC is refused (IDRi, IDRkms, TRs/TRe, IDRr) */
    std::optional<Failure> CheckInitiatorTicket(const mikey::TicketPolicyPayload& tp,
                                                const KmsUser& initiator) const;

    /**
     * \return whom to fork for: the requester's own recipient identity with a fresh RANDRkms,
     * or, for an authorized network function, the answering endpoint's modifier; or nullopt
     */
    std::optional<ForkTarget> ChooseForkTarget(const Authenticated& req,
                                               const mikey::TicketPolicyPayload& tp, CryptoOps& ops,
                                               Failure& fail);

    /** \brief Keys forked for one identity, and that identity's modifier. */
    struct ForkedKeys
    {
        Bytes mpki;                      //!< MPKi
        std::optional<Bytes> forkedMpkr; //!< MPKr' (none for a network function)
        Bytes forkedTgk;                 //!< TGK'
        std::string identity;            //!< IDRr forked for
        Bytes randRkms;                  //!< RANDRkms
    };

    /** \return the keys of \p ticket forked for the resolver \p req, or nullopt with \p fail */
    std::optional<ForkedKeys> OpenAndFork(const Authenticated& req,
                                          const mikey::TicketPayload& ticket, int64_t nowNs,
                                          CryptoOps& ops, Failure& fail);

    /** \return RESOLVE_RESP carrying \p keys under the user's key, or nullopt with \p fail */
    std::optional<Grant> BuildResolveResp(const Authenticated& req, const Bytes& requestBytes,
                                          const ForkedKeys& keys, int64_t nowNs, CryptoOps& ops,
                                          Failure& fail);

    /** \return RESOLVE_RESP for an authenticated request, or nullopt with \p fail filled. */
    std::optional<Grant> ResolveTicket(const Authenticated& req, const Bytes& requestBytes,
                                       int64_t nowNs, CryptoOps& ops, Failure& fail);

    /** \brief The step that answers an authenticated request (IssueTicket, ResolveTicket). */
    using Step = std::optional<Grant> (KmsCore::*)(const Authenticated&, const Bytes&, int64_t,
                                                   CryptoOps&, Failure&);

    /** \return the reply to a request of \p type: authenticate, run \p step, count \p served */
    KmsReply Handle(const Bytes& message, mikey::DataType type, int64_t nowNs, Step step,
                    uint64_t& served);

    /** \brief An authenticated RESOLVE_INIT waiting for the issuer's Zk answer. */
    struct PendingRelay
    {
        std::string issuer;            //!< the issuing KMS asked
        Authenticated req;             //!< the user and the parsed request
        Bytes requestBytes;            //!< RESOLVE_INIT as received
        std::optional<Bytes> errorKey; //!< the user's key for a signed Error
        CryptoOps ops;                 //!< crypto spent so far
    };

    /** \return the issuing KMS of a D=1 \p ticket naming another KMS, else nullopt */
    std::optional<std::string> ForeignIssuer(const mikey::TicketPayload& ticket) const;

    /** \return the refusal if the request does not authenticate (filling \p req, \p errorKey) */
    std::optional<KmsReply> Admit(const Bytes& message, mikey::DataType type, int64_t nowNs,
                                  CryptoOps& ops, Authenticated& req,
                                  std::optional<Bytes>& errorKey);

    /** \return the reply: \p response counted in \p served, or the refusal \p fail */
    KmsReply Complete(std::optional<Grant> response, const Failure& fail,
                      const mikey::MikeyMessage& request, const std::optional<Bytes>& errorKey,
                      int64_t nowNs, CryptoOps ops, uint64_t& served);

    /** \return the refusal reply: the MIKEY Error message, with V when a key is known. */
    KmsReply Refuse(const Failure& fail, const mikey::MikeyMessage* request,
                    const std::optional<Bytes>& authKey, int64_t nowNs, CryptoOps ops);

    /** \return \p n random bytes (counted). */
    Bytes Random(size_t n, CryptoOps& ops);

    /** \return the TPK a KMS built from \p secretDrbg uses: the stream's first output */
    static Bytes DrawTicketProtectionKey(Drbg& secretDrbg);

    std::string m_kmsUri;        //!< IDRkms
    UserLookup m_users;          //!< B-TID lookup
    Drbg m_drbg;                 //!< random source
    KmsPolicy m_policy;          //!< policy
    Bytes m_tpk;                 //!< ticket protection key
    mikey::ReplayCache m_replay; //!< REQUEST_INIT / RESOLVE_INIT replay cache
    KmsStats m_stats;            //!< counters
    std::map<uint64_t, PendingRelay> m_relays; //!< Resolves waiting for Zk, by relay id
    uint64_t m_nextRelay = 0;    //!< last relay id given
};

} // namespace kms
} // namespace mediasec

#endif
