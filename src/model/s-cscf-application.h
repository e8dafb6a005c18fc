/**
 * \file
 * Serving CSCF: registrar and stateless routing proxy.
 */
#ifndef IMS_S_CSCF_APPLICATION_H
#define IMS_S_CSCF_APPLICATION_H

#include "sip-node-application.h"

#include "protocol/access/register-auth-server.h"
#include "protocol/crypto/drbg.h"
#include "protocol/gba/milenage.h"

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

using mediasec::sip::SipMessage;

/**
 * \brief Implements the S-CSCF roles an IMS call needs (TS 23.228): registrar for the
 * home domain (REGISTER -> binding of the public identity to the contact and to the P-CSCF
 * it came through) and a stateless proxy (RFC 3261 16.11) that routes initial requests by
 * public identity and in-dialog requests by contact. Third-party registration, iFC and
 * Diameter Cx are not modelled: subscribers are implicitly authorized. An identity registered
 * from several contacts gets its INVITEs forked in parallel (RFC 3261 16.7): every 2xx is
 * forwarded, the first one cancels the branches still ringing, and when no branch answers the
 * best final response is forwarded. With a voice-mail server set (SetVoiceMail), an INVITE for
 * an identity of the home domain that has no registered contact is retargeted to it (deferred
 * delivery), and requests for the server's URI are routed to it. With a transcoder set
 * (SetTranscoder), every request first makes a round trip through it.
 * Subscribers provisioned with AddSubscriber() (access-msf, seed 003) are authenticated with
 * IMS AKA at REGISTER (TS 33.203 6.1.1): the S-CSCF plays the HSS too (Milenage vectors, one
 * SQN counter per subscriber), answers 401 with the challenge and CK/IK for the P-CSCF, and
 * binds only after a correct RES; a wrong RES or an unknown IMPI gets 403.
 */
class SCscfApplication : public SipNodeApplication
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    /** \return the number of registered contacts */
    size_t GetRegistrationCount() const;
    /** \return INVITEs forked to more than one contact */
    uint64_t GetForkedInvites() const;
    /** \brief Retargets INVITEs for unregistered users to the server \p uri at \p address. */
    void SetVoiceMail(const std::string& uri, const InetSocketAddress& address);
    /** \return INVITEs retargeted to the voice-mail server */
    uint64_t GetVoiceMailRetargets() const;
    /**
     * \brief Routes requests for the PSTN (Request-URI host \p pstnHost, e.g. "pstn.ims.test")
     * and requests to the gateway itself (host = its address) to the SGW at \p sgw (the BGCF
     * and MGCF roles, TS 23.228, reduced to one hop).
     */
    void SetPstnGateway(const std::string& pstnHost, const InetSocketAddress& sgw);
    /**
     * \brief Puts the transcoder at \p transcoder on the path of every request but REGISTER
     * (doc/transcoder.md): a request that did not come back from it (its Via on top) is sent to
     * it first; it returns the request, which is then routed as usual.
     */
    void SetTranscoder(const InetSocketAddress& transcoder);
    /**
     * \brief Provisions an IMS AKA subscriber in the embedded HSS: a REGISTER whose
     * Authorization names \p impi must answer a Milenage challenge over \p k and \p opc and
     * register \p impu. REGISTERs without Authorization stay implicitly authorized.
     * \return false when \p k or \p opc is not 16 bytes
     */
    bool AddSubscriber(const std::string& impi, const mediasec::Bytes& k,
                       const mediasec::Bytes& opc, const std::string& impu);
    /** \return IMS AKA challenges (401) sent */
    uint64_t GetAkaChallenges() const;

  protected:
    void HandleSip(const SipMessage& message,
                   const InetSocketAddress& from) override;

  private:
    /** \brief Where one registered contact of an identity is reached. */
    struct Binding
    {
        std::string contactUri;  //!< Contact of the REGISTER
        InetSocketAddress pcscf; //!< the P-CSCF the REGISTER came through
    };

    /** \brief One branch of a forked INVITE. */
    struct Branch
    {
        std::string branchId;       //!< our Via branch on it
        SipMessage invite;          //!< the INVITE as sent (retransmissions, CANCEL)
        InetSocketAddress to;       //!< its P-CSCF
        bool final = false;         //!< a final response arrived
    };

    /** \brief A forked INVITE (RFC 3261 16.7): branches and the best final response. */
    struct ForkState
    {
        std::vector<Branch> branches;      //!< one per registered contact
        bool answered = false;             //!< a 2xx was forwarded
        std::optional<SipMessage> best;    //!< best non-2xx final so far
    };

    /** \brief An IMS AKA subscriber of the embedded HSS. */
    struct Subscriber
    {
        mediasec::gba::Milenage milenage; //!< the subscriber's K and OPc
        std::string impuKey;              //!< SipUriKey of the public identity it may register
        uint64_t sqn = 0;                 //!< SQN of the last vector
        std::optional<mediasec::access::PendingAkaChallenge> pending; //!< open challenge
    };

    /**
     * \brief IMS AKA of a REGISTER with Authorization: challenges (401), refuses (403) or
     * accepts it.
     * \return true when the binding may be stored (no Authorization, or a correct answer)
     */
    bool AuthenticateRegister(const SipMessage& request, const InetSocketAddress& from,
                              const std::string& aor);
    /** \brief Stores a binding and answers 200 OK. */
    void HandleRegister(const SipMessage& request, const InetSocketAddress& from);
    /** \brief Routes a request towards the callee's P-CSCF(s), forking INVITEs. */
    void RouteRequest(SipMessage request, const InetSocketAddress& from);
    /** \brief Sends \p request to every contact of \p contacts (parallel forking). */
    void ForkInvite(const SipMessage& request, const std::map<std::string, Binding>& contacts);
    /** \brief Response to a forked INVITE: forward, cancel other branches, or hold. */
    void HandleForkResponse(ForkState& fork, const std::string& callId, SipMessage response,
                            const InetSocketAddress& hop);
    /** \brief Sends CANCEL on every branch without a final response. */
    void CancelPendingBranches(ForkState& fork);
    /** \brief Answers \p request with \p code unless it is an ACK. */
    void Reject(const SipMessage& request, const InetSocketAddress& from, int code,
                const std::string& reason);

    std::map<std::string, std::map<std::string, Binding>> m_bindings; //!< AoR -> contact -> binding
    std::map<std::string, Binding> m_contacts; //!< "user@host:port" of a contact -> binding
    std::map<std::string, ForkState> m_forks; //!< Call-ID -> forked INVITE state
    uint64_t m_forkedInvites = 0;              //!< INVITEs sent to more than one contact
    std::string m_voiceMailUri;                //!< deferred delivery target ("" = none)
    std::string m_voiceMailKey;                //!< SipUriKey of m_voiceMailUri
    InetSocketAddress m_voiceMail{Ipv4Address(), 0}; //!< its SIP address
    uint64_t m_voiceMailRetargets = 0;         //!< INVITEs sent to it
    std::string m_transcoderHost;              //!< transcoder address ("" = none)
    InetSocketAddress m_transcoder{Ipv4Address(), 0}; //!< its SIP address
    std::set<std::string> m_pstnHosts;         //!< PSTN domain and SGW address (empty: none)
    InetSocketAddress m_pstnGateway{Ipv4Address(), 0}; //!< the SGW
    uint64_t m_seed = 1;                       //!< run seed of the RAND generator
    std::unique_ptr<mediasec::Drbg> m_drbg;    //!< RANDs of the AKA vectors
    std::map<std::string, Subscriber> m_subscribers; //!< IMPI -> IMS AKA subscriber
    uint64_t m_akaChallenges = 0;              //!< 401 challenges sent
};


} // namespace ims
} // namespace ns3

#endif
