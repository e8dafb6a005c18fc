/**
 * \file
 * Voice-mail server for deferred delivery (TS 33.328 / seed 001 section 4.3): it answers calls
 * for users who are not reachable, stores the caller's key management and the media exactly as
 * received, and hands a mailbox to its owner over HTTP later. It never holds a media key.
 */
#ifndef IMS_VOICE_MAIL_APPLICATION_H
#define IMS_VOICE_MAIL_APPLICATION_H

#include "http-server.h"
#include "sip-node-application.h"

#include "protocol/sip/sdp.h"
#include "protocol/voicemail/stored-message.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/**
 * \brief The voice-mail server as an application server the S-CSCF retargets calls to. It
 * answers an INVITE with 200 OK and an SDP answer `a=recvonly` without key management (it
 * cannot resolve the caller's ticket), records the RTP/SRTP packets of the offer's SSRC until
 * the BYE, and serves `GET /mailbox/<KMS user identity>` with the encoded mailbox
 * (protocol/voicemail/stored-message.h). Its 2xx is not retransmitted (RFC 3261 13.3.1.4):
 * a lost 200 OK is recovered by the caller's INVITE retransmission only.
 */
class VoiceMailApplication : public SipNodeApplication
{
  public:
    /** \return the TypeId */
    static TypeId GetTypeId();
    VoiceMailApplication();
    ~VoiceMailApplication() override;

    /** \return every message stored so far, by mailbox (KMS user identity of the callee) */
    const std::map<std::string, std::vector<mediasec::voicemail::StoredMessage>>& GetMailboxes()
        const;
    /** \return mailbox requests received (answered 200, or 400 when not a mailbox GET) */
    uint64_t GetMailboxRequests() const;

  protected:
    void DoDispose() override;
    void StartApplication() override;
    void StopApplication() override;
    void HandleSip(const mediasec::sip::SipMessage& message,
                   const InetSocketAddress& from) override;

  private:
    /** \brief Answers a new INVITE and opens its message. */
    void Answer(const mediasec::sip::SipMessage& invite, const InetSocketAddress& from);
    /** \return the SDP answer to \p offer (same codec, recvonly, no key management) */
    std::string MakeAnswerSdp(const mediasec::sip::SdpSession& offer) const;
    /** \brief Stores the media packets that arrive. */
    void HandleMediaRead(Ptr<Socket> socket);
    /** \brief Serves one mailbox request. */
    void ServeMailbox(const mediasec::http::HttpRequest& request, HttpServer::Respond respond);

    /** \brief Where a recorded call's message lives. */
    struct Recording
    {
        std::string mailbox;  //!< owner
        size_t index = 0;     //!< position in the mailbox
        std::string okText;   //!< the 200 OK, for INVITE retransmissions
        bool closed = false;  //!< BYE received
    };

    uint16_t m_mediaPort;  //!< RTP/SRTP port
    uint16_t m_httpPort;   //!< mailbox HTTP port
    std::string m_uri;     //!< the server's SIP URI (Contact)
    Ptr<Socket> m_media;   //!< media socket
    HttpServer m_http;     //!< mailbox access
    std::map<std::string, std::vector<mediasec::voicemail::StoredMessage>> m_mailboxes;
    std::map<std::string, Recording> m_recordings; //!< by Call-ID
    std::map<uint32_t, std::string> m_callBySsrc;  //!< offered SSRC -> Call-ID
    uint64_t m_mailboxRequests = 0;                //!< HTTP requests served
};

} // namespace ims
} // namespace ns3

#endif
