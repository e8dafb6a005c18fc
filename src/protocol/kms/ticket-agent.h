/**
 * \file
 * The UE side of MIKEY-TICKET in the project's 3GPP profile (doc/mikey-ticket-profile.md),
 * sans-I/O: the Initiator (REQUEST_INIT, REQUEST_RESP, TRANSFER_INIT for a=key-mgmt:mikey,
 * TRANSFER_RESP) and the Responder (TRANSFER_INIT -> RESOLVE_INIT, RESOLVE_RESP ->
 * TRANSFER_RESP). Both end with the SRTP master key and salt of each direction.
 */
#ifndef MEDIASEC_TICKET_AGENT_H
#define MEDIASEC_TICKET_AGENT_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/mikey/mikey-message.h"
#include "protocol/mikey/replay-cache.h"
#include "ticket-crypto.h"
#include "ticket-messages.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mediasec
{
namespace kms
{

/** \brief The result of a completed Ticket Transfer on one side. */
struct EstablishedKeys
{
    std::string peerIdentity; //!< IDRr from TRANSFER_RESP (initiator) or IDRi (responder)
    SrtpSessionKeys srtp;     //!< SRTP master keys and salts of both directions
    /**
     * The key the SRTP keys derive from with public inputs (RANDs, CSB ID from the SDP): the
     * forked TGK', or MPKi for deferred delivery. The KMS holds it too (key custody).
     */
    Bytes rootKey;
};

/** \brief What the Responder sends and keeps after a successful Resolve. */
struct ResponderOutcome
{
    Bytes transferResp;   //!< TRANSFER_RESP for the SDP answer
    EstablishedKeys keys; //!< its SRTP keys
};

/** \brief What a ticket the initiator makes itself (D=0) says. */
struct InitiatorTicketRequest
{
    std::vector<std::string> recipients;        //!< allowed recipients (IDRr), not empty
    bool reusable = false;                      //!< J
    int64_t lifetimeNs = 3600LL * 1000000000LL; //!< TRe - TRs (the KMS caps it)
    std::vector<std::string> networkFunctions;  //!< IDRapp: network functions given the keys
};

/**
 * \brief The Initiator. It keeps one ticket at a time; a reusable ticket (J=1) serves several
 * Transfers until TRe, a non-reusable one a single Transfer. Not thread-safe.
 */
class TicketInitiator
{
  public:
    /** \brief An initiator. \param me credentials \param drbg random source */
    TicketInitiator(UeCredentials me, Drbg drbg);

    /**
     * \brief Builds REQUEST_INIT_PSK asking for a ticket for \p recipients.
     * \param recipients allowed recipients (IMPUs or group identities with '*')
     * \param reusable ask for J=1
     * \param nowNs the UE clock
     * \param networkFunctions network functions (e.g. "sip:transcoder@ims.test", '*' allowed)
     * the ticket lets obtain the call's keys, as IDRapp (NetworkFunctionResolver)
     * \return the message, or OutOfRange for no recipient
     */
    Result<Bytes> BuildRequestInit(const std::vector<std::string>& recipients, bool reusable,
                                   int64_t nowNs,
                                   const std::vector<std::string>& networkFunctions = {});

    /**
     * \brief Processes REQUEST_RESP (or the KMS's Error message) and caches the ticket.
     * \return Ok; AuthFailed (bad MAC, KMS error); InvalidState (no request pending, CSB ID);
     * Unsupported (granted policy outside the profile); Malformed / MissingField
     */
    Status ProcessRequestResp(const Bytes& message, int64_t nowNs);

    /**
     * \return true when a cached ticket may start a Transfer at \p nowNs (to \p responderUri:
     * one of its allowed recipients, a user or group identity, matches it; "" = any ticket)
     */
    bool HasUsableTicket(int64_t nowNs, const std::string& responderUri = "") const;

    /**
     * \brief Builds TRANSFER_INIT with a cached ticket for \p responderUri (the newest usable
     * one whose allowed recipients match it; several are kept, e.g. one per callee or a group
     * ticket), with a new CSB ID, T and RANDRi and the Initiator Data Vi, Vr.
     * \param responderUri the called party (IDRr)
     * \param nowNs the UE clock
     * \return the message; InvalidState without a ticket for \p responderUri or when its
     * non-reusable ticket was already used; OutOfRange when the ticket is outside TRs..TRe
     */
    Result<Bytes> BuildTransferInit(const std::string& responderUri, int64_t nowNs);

    /**
     * \brief Makes a ticket itself (D=0, RFC 6043 mode 3, TS 33.328 6.2.3.1: no Ticket Request)
     * protected with its Ks_NAF and named by its B-TID in IDRpsk, caches it like a granted one
     * and builds TRANSFER_INIT with it (BuildTransferInit). The KMS resolves it only if its
     * policy allows initiator tickets.
     * \param request recipients, reuse, lifetime and network functions of the ticket
     * \param responderUri the called party (IDRr)
     * \param nowNs the UE clock (TRs and T of the ticket)
     * \return TRANSFER_INIT; OutOfRange for no recipient; the errors of the key derivations
     */
    Result<Bytes> BuildInitiatorTicketTransfer(const InitiatorTicketRequest& request,
                                               const std::string& responderUri, int64_t nowNs);

    /**
     * \brief Processes a TRANSFER_RESP of a pending Transfer. Each forked responder's answer
     * gives its own keys.
     * \return the keys; AuthFailed (MAC, responder not an allowed recipient, peer error);
     * InvalidState (unknown CSB ID); MissingField / Malformed
     */
    Result<EstablishedKeys> ProcessTransferResp(const Bytes& message);

    /**
     * \brief The keys of a Transfer answered by a deferred-delivery server (a voice-mail server
     * answers instead of the responder and sends no TRANSFER_RESP): DeriveDeferredSrtpKeys of
     * the ticket's MPKi, so that the recipient can decrypt the stored media after resolving.
     * \param transferInit the TRANSFER_INIT as sent
     * \return the keys (peer identity: the Transfer's IDRr); InvalidState (no such Transfer);
     * Malformed
     */
    Result<EstablishedKeys> DeferredKeys(const Bytes& transferInit);

    /** \return crypto operations spent so far */
    const CryptoOps& Ops() const;

  private:
    /** \brief The outstanding REQUEST_INIT. */
    struct PendingRequest
    {
        Bytes bytes;  //!< as sent
        Bytes randRi; //!< its RANDRi
    };

    /** \brief The cached ticket and its keys. */
    struct CachedTicket
    {
        mikey::TicketPayload ticket;         //!< as granted (no Initiator Data)
        Bytes mpki;                          //!< MPKi
        Bytes mpkr;                          //!< unforked MPKr
        Bytes tgk;                           //!< unforked TGK
        std::optional<int64_t> notBeforeNs;  //!< TRs
        std::optional<int64_t> notAfterNs;   //!< TRe
        std::vector<std::string> recipients; //!< allowed recipients (IDRr of the TP)
        bool used = false;                   //!< a Transfer was started with it
    };

    /** \brief A Transfer waiting for TRANSFER_RESP (possibly several, when forked). */
    struct PendingTransfer
    {
        Bytes bytes;         //!< TRANSFER_INIT as sent
        Bytes randRi;        //!< its RANDRi
        CachedTicket ticket; //!< the ticket it used
    };

    /** \brief Caches \p ticket (without Initiator Data) and its keys, dropping spent ones. */
    void CacheTicket(const mikey::TicketPayload& ticket, const Bytes& mpki, const Bytes& mpkr,
                     const Bytes& tgk, int64_t nowNs);
    /**
     * \return the index of the newest cached ticket for \p responderUri that may start a
     * Transfer at \p nowNs, else of the newest one for it (to report why not), else nothing
     */
    std::optional<size_t> FindTicket(const std::string& responderUri, int64_t nowNs) const;

    UeCredentials m_me;                              //!< credentials
    Drbg m_drbg;                                     //!< random source
    CryptoOps m_ops;                                 //!< counters
    std::optional<PendingRequest> m_request;         //!< outstanding request
    std::vector<CachedTicket> m_tickets;             //!< cached tickets, oldest first
    std::map<uint32_t, PendingTransfer> m_transfers; //!< by CSB ID
};

/** \brief What the Responder does with a TRANSFER_INIT: resolve it, or answer at once. */
struct ResponderStep
{
    std::optional<Bytes> resolveInit;        //!< RESOLVE_INIT to send to the KMS, or
    std::optional<ResponderOutcome> outcome; //!< the answer from a cached reusable ticket
};

/**
 * \brief The Responder. When \p cacheReusableTickets is set it keeps the resolved keys of
 * reusable (J=1) tickets until TRe and answers later Transfers of the same ticket without the
 * KMS, with the same modifier (IDRr, RANDRkms) as RFC 6043 5.3 requires. Not thread-safe.
 */
class TicketResponder
{
  public:
    /**
     * \brief A responder.
     * \param me credentials
     * \param drbg random source
     * \param cacheReusableTickets local policy: cache resolved reusable tickets (6.2.3.7)
     * \param replaySkewNs allowed clock skew of the TRANSFER_INIT replay cache
     */
    TicketResponder(UeCredentials me, Drbg drbg, bool cacheReusableTickets = true,
                    int64_t replaySkewNs = 300LL * 1000000000LL);

    /**
     * \brief Checks a TRANSFER_INIT's ticket policy (early rejection, RFC 6043 4.2.2.2), then
     * answers from the cache (reusable ticket resolved before) or builds RESOLVE_INIT_PSK.
     * \return the step; Unsupported (ticket type, flags outside the profile); OutOfRange
     * (ticket outside TRs..TRe); AuthFailed (IDRi is not the ticket's initiator, and for a
     * cached ticket the errors of ProcessResolveResp); MissingField / Malformed
     */
    Result<ResponderStep> ProcessTransferInit(const Bytes& message, int64_t nowNs);

    /**
     * \brief Processes RESOLVE_RESP (or the KMS's Error message), verifies the TRANSFER_INIT
     * with MPKi and its Vi, and builds TRANSFER_RESP.
     * \return TRANSFER_RESP and the keys; AuthFailed (MAC, Vi mismatch, KMS error); Replay
     * (TRANSFER_INIT seen before); InvalidState (no pending Transfer)
     */
    Result<ResponderOutcome> ProcessResolveResp(const Bytes& message, int64_t nowNs);

    /**
     * \brief Deferred delivery: builds RESOLVE_INIT_PSK for a TRANSFER_INIT stored by a
     * voice-mail server. ProcessResolveResp then verifies that TRANSFER_INIT (MAC with MPKi,
     * Vi; no freshness or replay check: stored media is old and may be read twice) and gives the
     * DeriveDeferredSrtpKeys keys with an empty TRANSFER_RESP.
     * \return RESOLVE_INIT; the errors of ProcessTransferInit
     */
    Result<Bytes> ResolveStoredTransferInit(const Bytes& message, int64_t nowNs);

    /** \return crypto operations spent so far */
    const CryptoOps& Ops() const;

  private:
    /** \brief A Transfer waiting for RESOLVE_RESP (or answered from the cache). */
    struct PendingResolve
    {
        Bytes transferBytes;          //!< TRANSFER_INIT as received
        mikey::MikeyMessage transfer; //!< parsed
        Bytes resolveBytes;           //!< RESOLVE_INIT as sent (empty when cached)
        Bytes randRr;                 //!< RANDRr of RESOLVE_INIT and TRANSFER_RESP
        bool deferred = false;        //!< stored by a voice-mail server, no TRANSFER_RESP
    };

    /** \brief The keys and modifier a Resolve gave for one ticket. */
    struct ResolvedTicket
    {
        Bytes mpki;                        //!< MPKi
        Bytes forkedMpkr;                  //!< MPKr'
        Bytes forkedTgk;                   //!< TGK'
        mikey::IdRolePayload idr;          //!< IDRr of RESOLVE_RESP
        mikey::RandRolePayload randRkms;   //!< RANDRkms of RESOLVE_RESP
        std::optional<int64_t> notAfterNs; //!< TRe of the ticket
    };

    /** \brief Checks and starts a Resolve of a TRANSFER_INIT (from the cache if allowed). */
    Result<ResponderStep> BeginResolve(const Bytes& message, int64_t nowNs, bool deferred);
    /** \return the deferred-delivery keys of \p p (empty TRANSFER_RESP) */
    Result<ResponderOutcome> AnswerDeferred(const PendingResolve& p, const ResolvedTicket& r);
    /** \return TRANSFER_RESP and keys for \p p once the ticket's keys \p r are known. */
    Result<ResponderOutcome> Answer(const PendingResolve& p, const ResolvedTicket& r,
                                    int64_t nowNs);

    UeCredentials m_me;                           //!< credentials
    Drbg m_drbg;                                  //!< random source
    bool m_cacheReusable;                         //!< local policy
    CryptoOps m_ops;                              //!< counters
    mikey::ReplayCache m_replay;                  //!< TRANSFER_INIT replay cache
    std::map<uint32_t, PendingResolve> m_pending; //!< by CSB ID
    std::map<Bytes, ResolvedTicket> m_resolved;   //!< reusable tickets, by Ticket Data
};

} // namespace kms
} // namespace mediasec

#endif
