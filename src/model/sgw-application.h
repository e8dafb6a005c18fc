/**
 * \file
 * The secure gateway (SGW) of the end-to-middle case (seed 000, doc/otway-rees-e2m.md): it
 * answers INVITEs towards the PSTN by playing the callee towards the Otway-Rees KMS, pushes the
 * media key to the PSTN media gateway over the Ksm link and points the media at the MGW.
 */
#ifndef IMS_SGW_APPLICATION_H
#define IMS_SGW_APPLICATION_H

#include "http-client.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"
#include "protocol/common/bytes.h"
#include "protocol/crypto/drbg.h"
#include "protocol/otway-rees/otway-rees-responder.h"
#include "pstn-control-message.h"
#include "sip-node-application.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace ns3
{
namespace ims
{

/**
 * \brief The SGW. For an INVITE whose SDP carries `a=key-mgmt:otway-rees <Offer>` it builds the
 * KmsRequest as Gateway responder (OfferServiceTime), POSTs it to the KMS over HTTP/TCP,
 * opens the reply (ReplyServiceTime), sends the KeyPush with the call's media endpoints to the
 * MGW (kMgwControlPort), tells the PSTN terminal the call is up (IAM, kPstnSignallingPort) and
 * answers 200 OK whose SDP points the media at the MGW (RTP/SAVP, the Otway-Rees Answer).
 * Refusals: 488 without a usable offer, 403 when the KMS refuses or its reply does not check,
 * 503 when the KMS cannot be reached; each with a Reason header naming the cause. An INVITE
 * is answered 100 Trying at once; a retransmitted one gets the 200 OK again once sent. BYE is
 * answered 200 and releases the call at the MGW and the terminal. Responses go back to the
 * source of the request. The SGW holds K, so it reports both SRTP keys as KeyHeld.
 * Plain RTP mode: an INVITE whose audio is `RTP/AVP` without any `a=key-mgmt` does not reach
 * the KMS; the SGW sends the MGW a RELAY (keyless relay of the call's endpoints), the IAM, and
 * answers 200 OK with an `RTP/AVP` SDP at the MGW; no key is held.
 */
class SgwApplication : public SipNodeApplication
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    SgwApplication();
    ~SgwApplication() override;

    /** \brief Sets Ksg (shared with the KMS) and Ksm (shared with the MGW), 32 bytes each. */
    void SetKeys(const mediasec::Bytes& ksg, const mediasec::Bytes& ksm);

    /** \brief Call counters. */
    struct Counters
    {
        uint64_t invites = 0;        //!< INVITEs received
        uint64_t answered = 0;       //!< 200 OK sent
        uint64_t refusedOffer = 0;   //!< 488: no or bad Otway-Rees offer
        uint64_t refusedKms = 0;     //!< 403: KMS refusal or a reply that did not check
        uint64_t kmsUnreachable = 0; //!< 503: HTTP or TCP failure
        uint64_t keyPushes = 0;      //!< KeyPush messages sent to the MGW
        uint64_t relays = 0;         //!< keyless RELAY messages sent to the MGW (plain RTP)
        uint64_t byes = 0;           //!< BYEs answered
    };

    /** \return the counters */
    const Counters& GetCounters() const;

    /**
     * TracedCallback signature of a key push sent to the MGW.
     * \param callId the call
     * \param datagram the whole control datagram (PUSH line and KeyPush)
     */
    typedef void (*KeyPushTracedCallback)(const std::string& callId,
                                          const mediasec::Bytes& datagram);

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    void HandleSip(const mediasec::sip::SipMessage& message,
                   const InetSocketAddress& from) override;

  private:
    /** \brief One call in progress or established. */
    struct Call
    {
        /** \brief A call answering \p request. */
        explicit Call(mediasec::sip::SipMessage request)
            : invite(std::move(request))
        {
        }

        std::unique_ptr<mediasec::otway::OtwayReesResponder> responder; //!< Otway-Rees state
        mediasec::sip::SipMessage invite;         //!< the INVITE being answered
        InetSocketAddress from{Ipv4Address(), 0}; //!< where responses go
        std::string ueAddress;                    //!< UE media address
        uint16_t uePort = 0;                      //!< UE media port
        std::string answer;                       //!< the 200 OK once sent (retransmissions)
    };

    /**
     * \brief Reads the offer of the INVITE of call \p callId and asks the KMS, or connects a
     * plain RTP call (RTP/AVP, no key-mgmt) at once.
     */
    void StartCall(const std::string& callId);
    /** \brief Finishes the call \p callId with the KMS reply \p reply. */
    void FinishCall(const std::string& callId,
                    const mediasec::Result<mediasec::http::HttpResponse>& reply);
    /**
     * \brief Sends \p control to the MGW and the IAM to the terminal, then answers 200 OK with
     * the offer's SDP pointed at the MGW: RTP/SAVP with \p keyMgmt, or RTP/AVP when it is empty.
     */
    void Connect(const std::string& callId, Call& call, const mediasec::Bytes& control,
                 const std::string& keyMgmt);
    /** \return a \p command control message with the endpoints of \p call */
    PstnControlMessage MgwControl(PstnCommand command, const std::string& callId,
                                  const Call& call) const;
    /** \brief Answers BYE, releases the call at the MGW and the terminal. */
    void EndCall(const mediasec::sip::SipMessage& bye, const InetSocketAddress& from);
    /** \brief Sends a final error response with a Reason header and forgets the call. */
    void Refuse(const mediasec::sip::SipMessage& request, const InetSocketAddress& to, int code,
                const std::string& reason, const std::string& cause);
    /** \brief Sends a control datagram to \p to. */
    void SendControl(const mediasec::Bytes& datagram, const InetSocketAddress& to);

    std::string m_identity;               //!< ID-SGW (requester identity at the KMS)
    mediasec::Bytes m_ksg;                //!< key shared with the KMS
    mediasec::Bytes m_ksm;                //!< key shared with the MGW
    Ipv4Address m_kmsAddress;             //!< KMS
    uint16_t m_kmsPort;                   //!< KMS HTTP port
    Ipv4Address m_mgwAddress;             //!< PSTN MGW
    Ipv4Address m_terminalAddress;        //!< PSTN terminal
    uint32_t m_terminalSsrc;              //!< SSRC of the terminal's stream
    Time m_offerServiceTime;              //!< cost of reading the offer and building the request
    Time m_replyServiceTime;              //!< cost of opening the reply and building push/answer
    uint64_t m_seed;                      //!< run seed of the random source
    std::optional<mediasec::Drbg> m_drbg; //!< nonces and IVs
    HttpClient m_kms;                     //!< HTTP client towards the KMS
    Ptr<Socket> m_controlSocket;          //!< sends to the MGW and the terminal
    std::map<std::string, Call> m_calls;  //!< by Call-ID
    Counters m_counters;                  //!< counters
    TracedCallback<const std::string&, const mediasec::Bytes&> m_keyPushTrace; //!< pushes
};

} // namespace ims
} // namespace ns3

#endif
