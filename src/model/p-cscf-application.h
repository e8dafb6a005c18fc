/**
 * \file
 * Proxy CSCF with the SDES e2ae procedures of TS 33.328 clauses 7.1, 7.2.1 and 7.3.1, and the
 * access-msf keys of TR 33.828 seed 003.
 */
#ifndef IMS_P_CSCF_APPLICATION_H
#define IMS_P_CSCF_APPLICATION_H

#include "sip-node-application.h"

#include "protocol/access/media-key-derivation.h"
#include "protocol/crypto/drbg.h"
#include "protocol/iq/iq-message.h"
#include "protocol/sdes/crypto-attribute.h"
#include "protocol/sip/sdp.h"
#include "protocol/srtp/srtp-suite.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/**
 * \brief Implements the P-CSCF of TS 33.328 for SDES media security:
 * - 7.1: stores "e2ae-security supported by UE" from REGISTER (Security-Client mediasec) and
 *   answers "e2ae-security supported by network" (Security-Server mediasec) when the
 *   E2aeEnabled policy holds;
 * - 7.2.1 (originating e2ae): on "a=3ge2ae:requested" keeps the UE's key K11, sends RTP
 *   towards the core through the IMS Access Gateway, creates K12 for the answer, programs
 *   the IMS-AGW over Iq and confirms with "a=3ge2ae:applied";
 * - 7.3.1 (terminating e2ae): turns an RTP offer into SRTP with its key K21 and
 *   "a=3ge2ae:applied" for a capable UE, takes K22 from the answer, programs the IMS-AGW and
 *   sends RTP towards the core;
 * - removes forged "a=3ge2ae:applied" indications inserted by another party;
 * - 7.2.2/7.3.2 (e2e SDES): forwards SDP unchanged;
 * - access-msf (seed 003, AccessMsfEnabled): takes CK/IK out of the S-CSCF's 401 to REGISTER,
 *   confirms the SRTP suite of Security-Client in Security-Server of the 200 OK, turns an
 *   RTP/SAVP offer or answer without a=crypto of a UE registered that way into RTP through the
 *   IMS-AGW, derives the same media keys as the UE and pushes them to the IMS-AGW (MSF) over
 *   Iq; the e2ae legs, answers and Iq contexts carry it, only the keys come from CK/IK.
 * Signalling security (IPsec on Gm, NDS/IP on Iq) is assumed, not modelled.
 */
class PCscfApplication : public SipNodeApplication
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();

    /** \return forged e2ae indications removed so far */
    uint64_t GetForgedIndicationsRemoved() const;
    /** \return calls for which e2ae was established */
    uint64_t GetE2aeCalls() const;
    /** \return call legs whose access-msf keys the IMS-AGW accepted */
    uint64_t GetAccessMsfCalls() const;
    /** \return UE contacts registered with IMS AKA keys (access-msf) */
    size_t GetAccessRegistrations() const;

  protected:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;
    void HandleSip(const mediasec::sip::SipMessage& message,
                   const InetSocketAddress& from) override;

  private:
    /** \brief State of one e2ae call at this P-CSCF. */
    struct E2aeCall
    {
        bool originating = false;                 //!< UE of this P-CSCF is the caller
        std::string ueSdp;                        //!< the UE's SDP (offer or answer)
        std::string coreSdp;                      //!< the far side's SDP (answer or offer)
        mediasec::sdes::CryptoAttribute networkKey; //!< K12 or K21: the IMS-AGW sends with it
        std::optional<std::string> forwardedRequest; //!< transformed INVITE (retransmissions)
        std::optional<std::string> forwardedAnswer;  //!< transformed 2xx (retransmissions)
        InetSocketAddress requestHop{Ipv4Address(), 0}; //!< where the INVITE went
        InetSocketAddress answerHop{Ipv4Address(), 0};  //!< where the 2xx went
        bool iqPending = false;                   //!< Iq transaction in progress
        uint32_t contextId = 0;                   //!< IMS-AGW context (0: none yet)
        std::string answerTag;                    //!< To tag of the dialog programmed
        bool accessMsf = false;                   //!< access-msf leg: keys from CK/IK
        mediasec::access::MediaKeyPair accessKeys; //!< access-msf uplink and downlink keys
    };

    /** \brief What an IMS AKA registration left for access-msf at this P-CSCF. */
    struct AccessRegistration
    {
        mediasec::access::AkaKeys keys; //!< CK and IK of the UE
        mediasec::SrtpSuite suite;      //!< the suite confirmed in Security-Server
    };

    /** \return the key of a call leg in m_calls (\p ueContact: the terminating UE's contact) */
    static std::string LegKey(const std::string& callId, bool originating,
                              const std::string& ueContact);
    void HandleUeRequest(mediasec::sip::SipMessage request, const InetSocketAddress& from);
    void HandleCoreRequest(mediasec::sip::SipMessage request, const InetSocketAddress& from);
    void HandleResponse(mediasec::sip::SipMessage response, const InetSocketAddress& from);
    /** \brief Releases the leg of UE \p ue's dialog with the party tagged \p peerTag. */
    void ReleaseDialog(const std::string& callId, const InetSocketAddress& ue,
                       const std::string& peerTag);
    /** \brief 7.2.1 steps 2-3: returns false (and answers 488) if no usable crypto. */
    bool ApplyOriginatingOffer(mediasec::sip::SipMessage& request, E2aeCall& call,
                               const InetSocketAddress& from);
    /** \brief 7.3.1 step 4. */
    void ApplyTerminatingOffer(mediasec::sip::SipMessage& request, E2aeCall& call);
    /** \brief 7.2.1 steps 7-8 and 7.3.1 steps 6-7: Iq, then the transformed answer. */
    void HandleE2aeAnswer(mediasec::sip::SipMessage response, const InetSocketAddress& hop,
                          const std::string& legKey, const std::string& callId);
    /** \return the Iq Add of an e2ae leg answered by \p response (its keys: SDES) */
    mediasec::Result<mediasec::iq::IqRequest> MakeE2aeIqAdd(
        E2aeCall& call, const mediasec::sip::SipMessage& response, const std::string& callId);
    /** \return the MSF key push of an access-msf leg answered by \p response */
    mediasec::Result<mediasec::iq::IqRequest> MakeAccessMsfPush(
        E2aeCall& call, const mediasec::sip::SipMessage& response);
    /** \brief The answer the UE (originating) or the core (terminating) gets once programmed. */
    void SetAnswerTransport(const E2aeCall& call, mediasec::sip::SdpSession& answer) const;
    /** \brief access-msf at REGISTER: CK/IK out of a 401, Security-Server on a 200 to \p ue. */
    void HandleAccessRegisterResponse(mediasec::sip::SipMessage& response,
                                      const InetSocketAddress& ue);
    /**
     * \brief An access-msf offer (\p call.originating: from UE \p contactKey, else to it):
     * derives the keys, keeps the UE's or the core's SDP and sends RTP/AVP towards the core or
     * RTP/SAVP towards the UE, through the IMS-AGW; answers 488 towards \p from and returns
     * false when the UE has no IMS AKA keys
     */
    bool ApplyAccessMsfOffer(mediasec::sip::SipMessage& request, E2aeCall& call,
                             const std::string& contactKey, const InetSocketAddress& from);
    /** \brief Removes forged "applied" indications from the SDP body of \p message. */
    void StripForgedIndications(mediasec::sip::SipMessage& message);
    /**
     * \brief Sends an Iq request with the next transaction id and this P-CSCF's mId; \p done
     * gets the context id when the IMS-AGW accepts it.
     */
    void SendIq(mediasec::iq::IqRequest request, const std::string& callId,
                std::function<void(uint32_t)> done);
    /**
     * \brief Forgets leg \p legKey and subtracts its IMS-AGW context when a BYE ends its
     * dialog; an originating leg only for the dialog it programmed (\p peerTag: the far tag).
     */
    void ReleaseLeg(const std::string& legKey, const std::string& peerTag,
                    const std::string& callId);
    /** \brief Iq socket receive callback. */
    void HandleIqRead(Ptr<Socket> socket);
    /** \return the SDP the IMS-AGW offers on one side. */
    std::string AgwSdp(const std::string& template_, bool access,
                       const mediasec::sdes::CryptoAttribute* key) const;
    /** \brief Answers \p request with \p code towards \p to (not for ACK). */
    void Reject(const mediasec::sip::SipMessage& request, const InetSocketAddress& to, int code,
                const std::string& reason);

    Ipv4Address m_scscfAddress; //!< S-CSCF
    uint16_t m_scscfPort;       //!< S-CSCF SIP port
    Ipv4Address m_agwAddress;   //!< IMS Access Gateway
    uint16_t m_agwMediaPort;    //!< IMS-AGW media port
    uint16_t m_iqPort;          //!< Iq (H.248) port on both ends
    bool m_e2aeEnabled;         //!< network policy prefers e2ae
    bool m_accessMsfEnabled;    //!< network keys the MSF from IMS AKA (access-msf)
    Time m_keyServiceTime;      //!< processing time of an SDES key generation + Iq request
    uint64_t m_seed;            //!< run seed for the key generator

    std::unique_ptr<mediasec::Drbg> m_drbg;                 //!< key generator
    Ptr<Socket> m_iqSocket;                                 //!< Iq socket
    uint32_t m_nextIqTransaction = 1;                       //!< H.248 transaction id
    /** \brief An Iq transaction waiting for the IMS-AGW's reply. */
    struct PendingIq
    {
        std::string callId;         //!< call being programmed
        std::function<void(uint32_t)> done; //!< continuation on success, given the context
    };

    std::map<uint32_t, PendingIq> m_iqPending;              //!< transaction -> continuation
    std::map<std::string, bool> m_ueCapable;                //!< AoR key -> mediasec in REGISTER
    std::map<std::string, InetSocketAddress> m_ueByContact; //!< contact key -> UE address
    std::map<std::pair<uint32_t, uint16_t>, std::string> m_contactByUe; //!< UE -> contact key
    std::map<std::string, std::string> m_aorByContact;      //!< contact key -> AoR key
    std::map<std::string, E2aeCall> m_calls;                //!< LegKey -> e2ae state
    uint64_t m_forgedRemoved = 0;                           //!< forged indications removed
    uint64_t m_e2aeCalls = 0;                               //!< e2ae calls established
    std::map<std::string, std::vector<mediasec::SrtpSuite>> m_accessOffered; //!< contact ->
                                                                             //!< Security-Client
    std::map<std::string, mediasec::access::AkaKeys> m_akaChallenged; //!< contact -> CK/IK of 401
    std::map<std::string, AccessRegistration> m_accessRegistrations; //!< contact -> registration
    uint64_t m_accessMsfCalls = 0;                          //!< access-msf legs programmed
};

} // namespace ims
} // namespace ns3

#endif
