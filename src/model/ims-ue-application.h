/**
 * \file
 * IMS UE: SIP user agent (RFC 3261 UAC/UAS over UDP with retransmission timers) with an RTP
 * or SRTP voice stream, and the UE side of the SDES schemes of TS 33.328 clause 7.
 */
#ifndef IMS_UE_APPLICATION_H
#define IMS_UE_APPLICATION_H

#include "sip-node-application.h"
#include "ue-call-record.h"
#include "voice-mail-retriever.h"

#include "protocol/access/aka-challenge-keys.h"
#include "protocol/crypto/drbg.h"
#include "protocol/kms/ticket-agent.h"
#include "protocol/sip/sdp.h"
#include "protocol/sdes/crypto-attribute.h"
#include "protocol/sip/transaction-timers.h"
#include "protocol/srtp/srtp-session.h"

#include "ns3/event-id.h"
#include "ns3/random-variable-stream.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/** \brief Media security scheme a UE applies to its calls. */
enum UeScheme
{
    UE_SCHEME_NONE,      //!< plain RTP
    UE_SCHEME_SDES_E2E,  //!< SDES end to end (TS 33.328 7.2.2, 7.3.2)
    UE_SCHEME_SDES_E2AE, //!< SDES end to access edge when the network supports it (7.2.1, 7.3.1)
    UE_SCHEME_KMS_TICKET, //!< KMS with MIKEY-TICKET (7.2.3, 7.3.3)
    UE_SCHEME_OTWAY_REES, //!< Otway-Rees KMS (TR 33.828 seed 001)
    UE_SCHEME_ACCESS_MSF, //!< SRTP to the MSF keyed from the IMS AKA keys (TR 33.828 seed 003)
};

/**
 * \brief Implements an IMS UE: registers at start (with "e2ae-security supported by UE" for
 * the sdes-e2ae scheme), places calls on PlaceCall(), answers incoming calls, and sends a
 * G.711-like voice stream (configurable payload type, size and ptime) for the hold time.
 * Each SRTP stream uses a libsrtp2 context keyed from SDES (RFC 4568) attributes. Media is
 * received on one socket and demultiplexed by SSRC (RFC 5576 a=ssrc in the SDP).
 * With the access-msf scheme it registers with IMS AKA (USIM over K/OPc) and keys SRTP towards
 * its MSF from CK/IK. Not modelled: IPsec on Gm, preconditions, re-INVITE, CANCEL, RTCP.
 */
class ImsUeApplication : public SipNodeApplication
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    ImsUeApplication();
    ~ImsUeApplication() override;

    /**
     * \brief Calls \p calleeAor now and hangs up after \p holdTime of media.
     * \return the Call-ID
     */
    std::string PlaceCall(const std::string& calleeAor, Time holdTime);

    /**
     * \brief Fixes the random stream of the ring-time jitter.
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Sets the UE's GBA identity towards the KMS (kms-ticket; before start). With UseBsf
     * only its IMPU and KMS URI count: B-TID and Ks_NAF come from the bootstrap.
     */
    void SetKmsCredentials(const mediasec::kms::UeCredentials& credentials);
    /**
     * \brief kms-ticket with GBA in simulation: at start the UE bootstraps over Ub with the BSF
     * at \p ub using the USIM of SetAkaCredentials (in parallel with REGISTER) and takes B-TID
     * and Ks_NAF for the NAF \p kmsFqdn from it; ticket steps wait for the bootstrap, and a
     * failed bootstrap fails them ("gba-failed"). Before start.
     */
    void UseBsf(const InetSocketAddress& ub, const std::string& kmsFqdn);
    /** \return the UE's credentials towards the KMS (B-TID and Ks_NAF once bootstrapped) */
    const mediasec::kms::UeCredentials& GetKmsCredentials() const;
    /** \return the GBA agent (UseBsf, after start), or null */
    const class UeGbaAgent* GetGbaAgent() const;

    /**
     * \brief Sets the UE's IMS AKA identity and USIM secrets (access-msf: IMS AKA at REGISTER;
     * UseBsf: GBA over Ub; before start).
     * \param impi private identity (Digest username)
     * \param k subscriber key K (16 bytes)
     * \param opc operator variant OPc (16 bytes)
     */
    void SetAkaCredentials(const std::string& impi, const mediasec::Bytes& k,
                           const mediasec::Bytes& opc);
    /**
     * \return "" while registering, "registered", or why the registration failed (access-msf:
     * "aka-<error>" when the USIM refused the challenge, "rejected-<code>", "no-confirmation")
     */
    const std::string& GetRegistrationOutcome() const;

    /** \return true once a 200 OK to REGISTER arrived */
    bool IsRegistered() const;
    /** \return true if the network indicated e2ae support at registration */
    bool NetworkSupportsE2ae() const;
    /** \return media packets for which no call matched the SSRC */
    uint64_t GetUnknownStreamPackets() const;
    /** \return true once this UE's Ua switched to the KMS replica (kms-ticket) */
    bool UsesKmsReplica() const;

    /**
     * \brief Deferred delivery: fetches this user's mailbox from the voice-mail server at
     * \p server (HTTP), resolves each stored ticket and decrypts the stored media; each message
     * fires VoiceMailRetrieved.
     */
    void RetrieveVoiceMail(const InetSocketAddress& server);

    /** TracedCallback signature of a retrieved voice-mail message. \param message the result */
    typedef void (*VoiceMailTracedCallback)(const RetrievedMessage& message);

    /**
     * TracedCallback signature of the key log: one line per SRTP stream.
     * \param callId Call-ID
     * \param stream "tx" or "rx" from this UE's point of view, with its label
     * \param suite RFC 4568 suite name
     * \param keySalt base64 of master key || master salt
     * \param ssrc SSRC of the stream
     */
    typedef void (*KeyLogTracedCallback)(const std::string& callId, const std::string& stream,
                                         const std::string& suite, const std::string& keySalt,
                                         uint32_t ssrc);
    /**
     * TracedCallback signature of a media key derived from another key with public inputs only
     * (MIKEY-TICKET: SRTP keys from TGK' or MPKi), so whoever holds the root holds it too.
     * \param callId the call
     * \param rootFingerprint KeyFingerprint() of the root key (no salt)
     * \param fingerprint KeyFingerprint() of the derived master key and salt
     */
    typedef void (*KeyDerivedTracedCallback)(const std::string& callId,
                                             const std::string& rootFingerprint,
                                             const std::string& fingerprint);
    /** TracedCallback signature of a finished call. \param record the UE's record */
    typedef void (*CallTracedCallback)(const UeCallRecord& record);

  protected:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;
    void HandleSip(const mediasec::sip::SipMessage& message,
                   const InetSocketAddress& from) override;

  private:
    struct Call;

    void SendRegister();
    /** \return the Request-URI of REGISTER: "sip:" and the home domain of the AoR */
    std::string RegisterUri() const;
    /** \brief access-msf: answers a 401 with the USIM, or checks the 200's Security-Server. */
    void HandleAccessRegisterResponse(const mediasec::sip::SipMessage& response);
    /** \return "" after installing the SRTP keys derived from the IMS AKA keys, or the failure */
    std::string ApplyAccessKeys(Call& call);
    /** \brief Sends a request in a client transaction with RFC 3261 17.1 timers. */
    void StartClientTransaction(const mediasec::sip::SipMessage& request, bool invite);
    void StopClientTransaction(const std::string& branch);
    void RetransmitRequest(const std::string& branch);
    void TimeoutRequest(const std::string& branch);
    void HandleResponse(const mediasec::sip::SipMessage& response);
    void HandleInviteResponse(Call& call, const mediasec::sip::SipMessage& response);
    void HandleInvite(const mediasec::sip::SipMessage& request, const InetSocketAddress& from);
    /** \brief The rest of an incoming INVITE once any ticket is resolved: 180, keys, 200. */
    void ContinueInvite(const mediasec::sip::SipMessage& request, const InetSocketAddress& from);
    /** \brief Sends the INVITE of \p call (after any ticket step). */
    void SendInvite(Call& call);
    void HandleAck(Call& call);
    void HandleBye(const mediasec::sip::SipMessage& request, const InetSocketAddress& from);
    void HandleCancel(const mediasec::sip::SipMessage& request, const InetSocketAddress& from);
    /** \brief ACKs and hangs up a further 2xx of a forked INVITE (RFC 3261 13.2.2.4). */
    void ReleaseForkedDialog(Call& call, const mediasec::sip::SipMessage& response,
                             const std::string& tag);
    /** \brief Sends the callee's 200 OK and keeps retransmitting it until the ACK. */
    void AnswerCall(const std::string& callId);
    void RetransmitAnswer(const std::string& callId);
    void SendBye(const std::string& callId);
    /** \return the SDP offer or answer of this UE for \p call */
    std::string MakeSdp(Call& call) const;
    /**
     * \brief Installs the media contexts from the peer's SDP.
     * \return "" on success or the outcome text of the failure
     */
    std::string ApplyPeerSdp(Call& call, const std::string& sdpText);
    /** \brief A master key and salt. */
    struct MasterKey
    {
        mediasec::Bytes key;  //!< master key
        mediasec::Bytes salt; //!< master salt
    };
    /** \return "" after installing the SRTP contexts \p tx and \p rx, or the failure */
    std::string InstallSrtp(Call& call, mediasec::SrtpSuite suite, const MasterKey& tx,
                            const MasterKey& rx);
    /** \return "" after installing the MIKEY-TICKET keys of \p call (a=key-mgmt), or the failure */
    std::string ApplyTicketKeys(Call& call, const mediasec::sip::SdpSession& sdp);
    /** \return "" after installing the Otway-Rees keys of \p call (a=key-mgmt), or the failure */
    std::string ApplyOtwayReesKeys(Call& call, const mediasec::sip::SdpSession& sdp);
    /** \brief Callee (otway-rees): asks the KMS, then continues the INVITE with the answer. */
    void AnswerOtwayReesOffer(const mediasec::sip::SipMessage& request,
                              const InetSocketAddress& from, const std::string& keyMgmt);
    /** \brief Caller whose offer a voice-mail server answered: the deferred-delivery keys. */
    std::string ApplyDeferredKeys(Call& call);
    /** \brief Creates and starts the ticket agent with m_kmsCredentials. */
    void StartTicketAgent();
    /** \brief Bootstraps over Ub, then starts the ticket agent and runs the waiting steps. */
    void StartGba();
    /** \brief Runs \p step now, or when the bootstrap ends (no ticket agent: it failed). */
    void WhenKmsKeysReady(std::function<void()> step);
    /** \brief Installs the SRTP contexts of call.ticketKeys in this UE's direction. */
    std::string InstallTicketKeys(Call& call);
    void StartMedia(Call& call);
    void SendMediaPacket(const std::string& callId);
    void HandleMediaRead(Ptr<Socket> socket);
    void FinishCall(const std::string& callId, const std::string& outcome);
    /** \return a new request of \p call's dialog */
    mediasec::sip::SipMessage MakeInDialogRequest(Call& call, const std::string& method);
    /** \return a fresh RFC 3261 branch */
    std::string NewBranch();
    /** \return this UE's contact URI */
    std::string ContactUri() const;

    std::string m_aor;               //!< public identity, e.g. sip:ue0@ims.test
    Ipv4Address m_pcscfAddress;      //!< outbound proxy
    uint16_t m_pcscfPort;            //!< P-CSCF SIP port
    uint16_t m_mediaPort;            //!< RTP port
    UeScheme m_scheme;               //!< media security scheme
    std::string m_suiteName;         //!< SRTP suite offered
    Time m_ptime;                    //!< packetization time
    uint32_t m_payloadSize;          //!< bytes of voice payload per packet
    uint8_t m_payloadType;           //!< RTP payload type
    Time m_ringTime;                 //!< 180 -> 200 delay of the callee
    Time m_ringJitter;               //!< extra uniform random ring delay in [0, jitter]
    Ptr<UniformRandomVariable> m_ringRandom; //!< draws the jitter
    Time m_t1;                       //!< RFC 3261 T1
    uint64_t m_seed;                 //!< run seed of the key generator
    bool m_forgeE2aeIndication;      //!< attack knob: insert a=3ge2ae:applied into offers
    Ipv4Address m_kmsAddress;        //!< KMS (kms-ticket)
    uint16_t m_kmsPort;              //!< KMS Ua port
    Ipv4Address m_kmsReplicaAddress; //!< KMS replica (0.0.0.0: none)
    Time m_kmsFailoverTimeout;       //!< wait for a KMS answer before failing over / giving up
    bool m_reuseTickets;             //!< reusable tickets
    mediasec::kms::UeCredentials m_kmsCredentials; //!< GBA identity towards the KMS
    std::unique_ptr<class UeTicketAgent> m_ticketAgent; //!< MIKEY-TICKET agents and Ua
    std::unique_ptr<class UeOtwayReesAgent> m_otwayAgent; //!< Otway-Rees agents and KMS link
    std::optional<InetSocketAddress> m_bsfUb;     //!< BSF Ub address (UseBsf)
    std::string m_kmsFqdn;                        //!< NAF FQDN of the KMS (UseBsf)
    std::unique_ptr<class UeGbaAgent> m_gbaAgent; //!< Ub towards the BSF (UseBsf)
    bool m_gbaPending = false;                    //!< a bootstrap is running
    std::vector<std::function<void()>> m_waitingForGba; //!< ticket steps waiting for it
    bool m_registerAtStart;          //!< REGISTER when started (false: the user is offline)
    Time m_registerSpread;           //!< REGISTER delay bound
    bool m_uaConnectAtStart;         //!< Ua connection at start (else on demand)
    std::string m_groupIdentity;     //!< tickets for this group ("" = per callee)
    bool m_initiatorTickets;         //!< D=0 tickets
    Time m_initiatorTicketLifetime;  //!< TRe - TRs of D=0 tickets
    std::string m_ticketNetworkFunction; //!< IDRapp of its tickets ("" = none)
    bool m_replayOtwayReesOffer;     //!< attack knob: reuse the first call's Ea
    std::string m_firstOtwayReesOffer; //!< the offer replayed by that attack
    EventId m_registerEvent;         //!< pending delayed REGISTER
    bool m_acceptDeferredDelivery;   //!< caller: key media for a voice-mail server's answer
    std::unique_ptr<VoiceMailRetriever> m_voiceMail; //!< mailbox access (deferred delivery)
    std::string m_impi;              //!< IMS AKA private identity (access-msf)
    mediasec::Bytes m_akaK;          //!< USIM K (access-msf)
    mediasec::Bytes m_akaOpc;        //!< USIM OPc (access-msf)
    mediasec::Bytes m_sqnMs = mediasec::Bytes(6, 0); //!< highest SQN the USIM accepted
    std::string m_registerAuthorization; //!< Authorization of the next REGISTER ("" = initial)
    uint32_t m_akaChallenges = 0;    //!< 401s answered in a row
    std::optional<mediasec::access::AkaKeys> m_challengeKeys; //!< CK/IK of the answered 401
    std::optional<mediasec::access::AkaKeys> m_akaKeys; //!< CK/IK of the registration
    mediasec::SrtpSuite m_accessSuite = mediasec::SrtpSuite::AesCm128HmacSha1_80; //!< confirmed
    std::string m_registrationOutcome; //!< see GetRegistrationOutcome()

    std::unique_ptr<mediasec::Drbg> m_drbg; //!< keys, tags, branches, SSRCs
    Ptr<Socket> m_mediaSocket;             //!< RTP/SRTP socket
    bool m_registered = false;             //!< REGISTER succeeded
    bool m_networkE2ae = false;            //!< Security-Server mediasec received
    uint32_t m_registerCseq = 0;           //!< CSeq of REGISTER
    std::string m_registerCallId;          //!< Call-ID of registrations
    uint64_t m_unknownStream = 0;          //!< media without a call

    /** \brief A request waiting for its final response. */
    struct ClientTransaction
    {
        std::string text;                                  //!< formatted request
        std::string callId;                                //!< Call-ID
        std::string method;                                //!< request method
        mediasec::sip::ClientRetransmitSchedule schedule;  //!< Timer A/E
        EventId retransmit;                                //!< next retransmission
        EventId timeout;                                   //!< Timer B/F
    };

    std::map<std::string, ClientTransaction> m_transactions; //!< branch -> transaction
    std::map<std::string, std::unique_ptr<Call>> m_calls;    //!< Call-ID -> call
    std::map<uint32_t, std::string> m_callBySsrc;            //!< remote SSRC -> Call-ID
    std::set<std::string> m_releaseBranches;                 //!< BYEs of released forked dialogs
    std::map<std::string, std::string> m_byeAnswers;         //!< Call-ID -> 200 to BYE (Timer J)
    std::vector<uint8_t> m_buffer;                           //!< reused media buffer

    TracedCallback<const UeCallRecord&> m_callCompletedTrace; //!< call finished
    TracedCallback<const RetrievedMessage&> m_voiceMailTrace; //!< voice-mail message retrieved
    TracedCallback<const std::string&, const std::string&, const std::string&,
                   const std::string&, uint32_t>
        m_keyLogTrace; //!< SRTP key log
    TracedCallback<const std::string&, const std::string&, const std::string&>
        m_keyDerivedTrace; //!< media keys and the ticket key they derive from
};

} // namespace ims
} // namespace ns3

#endif
