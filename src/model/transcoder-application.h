/**
 * \file
 * A transcoder on the media path of every call (seed 001 section 4.4, doc/transcoder.md): a SIP
 * hop that anchors the media and, when the KMS authorizes it for a MIKEY-TICKET call, decrypts,
 * converts and re-encrypts the SRTP of both directions.
 */
#ifndef IMS_TRANSCODER_APPLICATION_H
#define IMS_TRANSCODER_APPLICATION_H

#include "ns3/nstime.h"
#include "protocol/kms/network-function-resolver.h"
#include "protocol/srtp/srtp-session.h"
#include "sip-node-application.h"
#include "ua-client.h"

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
 * \brief The transcoder. The S-CSCF sends it every request (SCscfApplication::SetTranscoder);
 * it forwards each one back as a stateless proxy hop (its own Via on top), and responses follow
 * the Via stack. It anchors the media of each call: the offer's and every 2xx answer's audio
 * endpoint are replaced by its own media port, and it relays each stream (known by source
 * address and a=ssrc) to the other party. With the offer's TRANSFER_INIT and an answer's
 * TRANSFER_RESP (a=key-mgmt:mikey) it resolves that answer's keys at the KMS over Ua (HTTP/TCP,
 * NetworkFunctionResolver) and holds the 2xx until the KMS has replied, so that all media of
 * the call can be converted. With keys, each SRTP packet is authenticated and decrypted, its
 * payload type FromPayloadType is relabelled ToPayloadType (codec conversion itself is not
 * modelled: the payload bytes stay), and it is re-encrypted with the transcoder's own outbound
 * SRTP context. Without keys (KMS refusal, no ticket, plain RTP, SDES) the packets are relayed
 * untouched. Every media packet costs PacketServiceTime on the node's FIFO queue (with SIP). The
 * keys of a keyed answer are reported as KeyHeld. A call's state ends with the final response to
 * its BYE. Not modelled: re-INVITE, early media (SDP in 1xx), RTCP, real codec conversion.
 */
class TranscoderApplication : public SipNodeApplication
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    TranscoderApplication();
    ~TranscoderApplication() override;

    /** \brief Sets the transcoder's GBA identity towards the KMS (before start). */
    void SetKmsCredentials(const mediasec::kms::UeCredentials& credentials);

    /** \brief Counters of the transcoder. */
    struct Counters
    {
        uint64_t calls = 0;           //!< calls whose offer it anchored
        uint64_t keys = 0;            //!< answers whose keys the KMS gave it
        uint64_t refusals = 0;        //!< answers the KMS refused (MIKEY Error, HTTP 403)
        uint64_t resolveFailures = 0; //!< answers with a ticket it could not resolve otherwise
        uint64_t transcoded = 0;      //!< packets decrypted, converted and re-encrypted
        uint64_t relayed = 0;         //!< packets relayed untouched (no keys)
        uint64_t rejected = 0;        //!< packets dropped: SRTP checks failed with the keys held
        uint64_t unknownStream = 0;   //!< packets of no anchored stream
    };

    /** \return the counters */
    const Counters& GetCounters() const;
    /** \return calls whose state is kept (anchored and not ended) */
    size_t GetSessionCount() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    void HandleSip(const mediasec::sip::SipMessage& message,
                   const InetSocketAddress& from) override;

  private:
    /** \brief An answering endpoint of a call (one 2xx, by its To tag). */
    struct Leg
    {
        InetSocketAddress media{Ipv4Address(), 0}; //!< where its media is received
        uint32_t ssrc = 0;                         //!< its SSRC (a=ssrc)
        std::unique_ptr<mediasec::kms::NetworkFunctionResolver> resolver; //!< its Resolve
        bool resolving = false;                            //!< RESOLVE_INIT sent, no reply yet
        std::optional<mediasec::sip::SipMessage> held;     //!< its 2xx waiting for the reply
        InetSocketAddress heldHop{Ipv4Address(), 0};       //!< where that 2xx goes
        std::unique_ptr<mediasec::SrtpSession> fromCaller; //!< inbound, initiator -> responder
        std::unique_ptr<mediasec::SrtpSession> toCallee;   //!< outbound, same key
        std::unique_ptr<mediasec::SrtpSession> fromCallee; //!< inbound, responder -> initiator
        std::unique_ptr<mediasec::SrtpSession> toCaller;   //!< outbound, same key
    };

    /** \brief One anchored call. */
    struct Session
    {
        InetSocketAddress callerMedia{Ipv4Address(), 0}; //!< where the caller receives media
        uint32_t callerSsrc = 0;                         //!< the caller's SSRC
        mediasec::Bytes transferInit;                    //!< the offer's TRANSFER_INIT, or empty
        std::map<std::string, Leg> legs;                 //!< by the answerer's To tag
        std::string keptTag; //!< the first answer forwarded: the caller's stream goes there
    };

    /** \brief Where a media stream belongs: its call and leg ("" = the caller's stream). */
    struct StreamRef
    {
        std::string callId; //!< Call-ID
        std::string tag;    //!< the leg's To tag, "" for the caller
    };

    /** \brief What anchoring an SDP body found in it. */
    struct Anchored
    {
        InetSocketAddress media{Ipv4Address(), 0}; //!< the original audio endpoint
        uint32_t ssrc = 0;                         //!< its a=ssrc (0 if none)
        std::optional<mediasec::Bytes> mikey;      //!< the a=key-mgmt:mikey message, if any
    };

    /**
     * \brief Points the audio of \p message's SDP at this node's media port.
     * \return what the original SDP said, or nothing (no SDP or no audio: left unchanged)
     */
    std::optional<Anchored> Anchor(mediasec::sip::SipMessage& message) const;
    /** \brief Forwards a request back to the S-CSCF, anchoring the offer of an INVITE. */
    void HandleRequest(mediasec::sip::SipMessage request, const InetSocketAddress& from);
    /** \brief Forwards a response along the Via stack, anchoring 2xx answers to INVITE. */
    void HandleResponse(mediasec::sip::SipMessage response);
    /** \brief A 2xx answer of \p session: new leg (maybe resolve and hold), or retransmission. */
    void HandleAnswer(const std::string& callId, Session& session,
                      mediasec::sip::SipMessage response, const InetSocketAddress& hop);
    /** \return true when a RESOLVE_INIT for \p leg was sent (the 2xx is then held) */
    bool StartResolve(const std::string& callId, const std::string& tag, const Session& session,
                      Leg& leg, const mediasec::Bytes& transferResp);
    /** \brief Takes the KMS reply for \p tag of \p callId, then forwards the held 2xx. */
    void FinishResolve(const std::string& callId, const std::string& tag,
                       const mediasec::Result<mediasec::Bytes>& reply);
    /** \return "" after creating the four SRTP contexts of \p leg from \p keys, or the failure */
    std::string InstallKeys(const std::string& callId, Leg& leg,
                            const mediasec::kms::SrtpSessionKeys& keys);
    /** \brief Sends an anchored 2xx of \p tag upstream; the first one fixes the kept leg. */
    void ForwardAnswer(Session& session, const std::string& tag,
                       const mediasec::sip::SipMessage& response, const InetSocketAddress& hop);
    /** \brief Drops the leg a final response to BYE ended, and the call with its kept leg. */
    void EndDialog(const mediasec::sip::SipMessage& response);
    /** \brief Removes \p tag of \p callId (its stream route); "" removes the whole call. */
    void Forget(const std::string& callId, const std::string& tag);
    void HandleMediaRead(Ptr<Socket> socket);
    /** \brief Converts or relays one media packet that arrived from \p source. */
    void Relay(mediasec::Bytes& packet, Ipv4Address source);

    uint16_t m_mediaPort;                       //!< anchored media port
    Ipv4Address m_kmsAddress;                   //!< KMS ("0.0.0.0": none)
    uint16_t m_kmsPort;                         //!< KMS Ua port
    Time m_packetServiceTime;                   //!< per media packet
    uint8_t m_fromPayloadType;                  //!< converted payload type
    uint8_t m_toPayloadType;                    //!< what it becomes
    uint64_t m_seed;                            //!< run seed of the resolvers' DRBGs
    mediasec::kms::UeCredentials m_credentials; //!< GBA identity towards the KMS
    UaClient m_ua;                              //!< the Ua connection
    Ptr<Socket> m_mediaSocket;                  //!< media socket
    std::map<std::string, Session> m_sessions;  //!< Call-ID -> call
    std::map<std::pair<uint32_t, uint32_t>, StreamRef> m_streams; //!< (source, SSRC) -> stream
    Counters m_counters;                                          //!< counters
    mediasec::Bytes m_buffer;                                     //!< reused packet buffer
};

} // namespace ims
} // namespace ns3

#endif
