/**
 * \file
 * A conference server (doc/conference.md): a KMS user that gets one reusable MIKEY-TICKET for
 * a KMS user group identity and dials every attendee with it through the S-CSCF; each attendee
 * resolves the ticket as a group member and the media of each leg is keyed from the ticket's
 * TGK forked for that attendee (TS 33.328 6.2.3.6).
 */
#ifndef IMS_CONFERENCE_SERVER_APPLICATION_H
#define IMS_CONFERENCE_SERVER_APPLICATION_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "protocol/crypto/drbg.h"
#include "protocol/kms/ticket-agent.h"
#include "protocol/srtp/srtp-session.h"
#include "sip-node-application.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

class UeTicketAgent;

/** \brief What the conference server observed of one attendee's leg. */
struct ConferenceLegRecord
{
    std::string attendee;   //!< the attendee's public identity (Request-URI)
    std::string callId;     //!< SIP Call-ID of the leg
    std::string outcome;    //!< "" while dialling, "joined" (keys installed), "rejected-<code>",
                            //!< "no-ticket", "transfer-refused", "bad-answer",
                            //!< "srtp-context-failed", "timeout"
    Time dialTime;          //!< the server decided to dial (before the ticket step)
    Time answerTime;        //!< 200 OK received
    std::string txKey;      //!< fingerprint of the key the server sends with (CS 1)
    std::string rxKey;      //!< fingerprint of the key the server receives with (CS 2)
    uint64_t mediaSent = 0; //!< SRTP packets sent to the attendee
    uint64_t mediaDecrypted = 0; //!< attendee packets that passed SRTP and the payload check
    uint64_t srtpRejected = 0;   //!< attendee packets that failed SRTP (auth or replay)
    uint64_t payloadCorrupt = 0; //!< attendee packets whose payload was not what was sent
};

/**
 * \brief The conference server. At Dial() it asks the KMS (Ua, HTTP/TCP) for ONE reusable
 * ticket (J=1) whose allowed recipient is GroupIdentity, then sends each attendee an INVITE
 * through the S-CSCF (ISC) whose SDP carries `a=key-mgmt:mikey` with a TRANSFER_INIT of that
 * ticket (a new CSB ID, T and RANDRi per attendee; IDRr = the group identity, so the KMS, not
 * the server, decides membership). An attendee's TRANSFER_RESP gives the leg's SRTP keys (TGK
 * forked for that attendee); the server reports them as KeyHeld, ACKs, decrypts the attendee's
 * SRTP and sends it a probe stream (protocol/rtp/probe-payload.h) protected with the leg's keys
 * (standing for the mix), then sends BYE after the hold time. A leg answered with a non-2xx
 * final response (e.g. 488 when the KMS refused the attendee) is counted as refused.
 * Not modelled: request retransmission (a lost INVITE or BYE ends the leg with "timeout" after
 * 64*T1), re-INVITE, mixing, RTCP, the conference factory URI (dial-in).
 */
class ConferenceServerApplication : public SipNodeApplication
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    ConferenceServerApplication();
    ~ConferenceServerApplication() override;

    /** \brief Sets the server's GBA identity towards the KMS (before start). */
    void SetKmsCredentials(const mediasec::kms::UeCredentials& credentials);

    /** \brief Dials every identity of \p attendees now and hangs up after \p hold of media. */
    void Dial(const std::vector<std::string>& attendees, Time hold);

    /** \return the legs, in dial order */
    std::vector<ConferenceLegRecord> GetLegs() const;

  protected:
    void StartApplication() override;
    void StopApplication() override;
    void DoDispose() override;
    void HandleSip(const mediasec::sip::SipMessage& message,
                   const InetSocketAddress& from) override;

  private:
    struct Leg;

    /** \brief Sends the INVITE of \p leg with its TRANSFER_INIT. */
    void SendInvite(Leg& leg, const mediasec::Bytes& transferInit);
    /** \brief A final response to a leg's INVITE: refuse, or ACK, key and start media. */
    void HandleInviteResponse(Leg& leg, const mediasec::sip::SipMessage& response);
    /** \return "" after installing the leg's SRTP keys from the attendee's answer */
    std::string ApplyAnswer(Leg& leg, const std::string& sdpText);
    /** \return a request of \p leg's dialog towards the attendee's contact */
    mediasec::sip::SipMessage MakeInDialogRequest(Leg& leg, const std::string& method);
    /** \brief Sends one probe packet to the attendee of \p callId and schedules the next. */
    void SendMediaPacket(const std::string& callId);
    /** \brief Stops the media of \p callId and sends BYE. */
    void SendBye(const std::string& callId);
    /** \brief Decrypts and checks the attendees' packets. */
    void HandleMediaRead(Ptr<Socket> socket);
    /** \brief Ends \p leg with \p outcome unless it has one. */
    void EndLeg(Leg& leg, const std::string& outcome);
    /** \return a fresh RFC 3261 branch */
    std::string NewBranch();
    /** \return the S-CSCF's SIP address */
    InetSocketAddress Scscf() const;

    std::string m_uri;                                  //!< the server's public identity
    std::string m_groupIdentity;                        //!< the ticket's allowed recipient
    Ipv4Address m_scscfAddress;                         //!< S-CSCF (ISC)
    uint16_t m_scscfPort;                               //!< S-CSCF SIP port
    Ipv4Address m_kmsAddress;                           //!< KMS
    uint16_t m_kmsPort;                                 //!< KMS Ua port
    uint16_t m_mediaPort;                               //!< RTP port
    Time m_ptime;                                       //!< packetization time
    uint32_t m_payloadSize;                             //!< bytes of payload per packet
    uint8_t m_payloadType;                              //!< RTP payload type
    Time m_t1;                                          //!< RFC 3261 T1
    uint64_t m_seed;                                    //!< run seed of the key generator
    mediasec::kms::UeCredentials m_kmsCredentials;      //!< GBA identity towards the KMS
    std::unique_ptr<UeTicketAgent> m_ticketAgent;       //!< ticket request and Transfers
    std::unique_ptr<mediasec::Drbg> m_drbg;             //!< tags, branches, SSRCs
    Ptr<Socket> m_mediaSocket;                          //!< SRTP socket
    std::vector<std::string> m_order;                   //!< Call-IDs in dial order
    std::map<std::string, std::unique_ptr<Leg>> m_legs; //!< Call-ID -> leg
    std::map<uint32_t, std::string> m_legBySsrc;        //!< attendee SSRC -> Call-ID
    std::vector<uint8_t> m_buffer;                      //!< reused media buffer
};

} // namespace ims
} // namespace ns3

#endif
