/**
 * \file
 * The recipient's side of deferred delivery: fetch the mailbox, resolve each stored ticket at
 * the KMS and decrypt the stored media.
 */
#ifndef IMS_VOICE_MAIL_RETRIEVER_H
#define IMS_VOICE_MAIL_RETRIEVER_H

#include "ua-client.h"

#include "protocol/kms/ticket-crypto.h"
#include "protocol/voicemail/stored-message.h"

#include "ns3/nstime.h"

#include <functional>
#include <optional>
#include <string>

namespace ns3
{
namespace ims
{

class UeTicketAgent;

/** \brief What the recipient got out of one stored message. */
struct RetrievedMessage
{
    std::string callId;       //!< Call-ID of the recorded call
    std::string caller;       //!< its caller
    std::string outcome;      //!< "played", or why not: "resolve-refused", "no-keys", ...
    std::string key;          //!< fingerprint of the key that decrypted it ("" for plain RTP)
    uint64_t packets = 0;     //!< packets stored
    uint64_t played = 0;      //!< packets that decrypted (or parsed) to the payload sent
    Time depositedAt;         //!< when the server answered the call (simulation time)
};

/**
 * \brief GETs `/mailbox/<identity>` from a voice-mail server; for every message with MIKEY key
 * management it resolves the stored TRANSFER_INIT at the KMS (UeTicketAgent::ResolveStored) and
 * unprotects the stored SRTP packets with the initiator-to-responder key; plain RTP messages
 * are read as they are. Each message is reported once.
 */
class VoiceMailRetriever
{
  public:
    /** \brief Largest mailbox accepted (HTTP body bytes). */
    static constexpr size_t kMaxMailboxBytes = 64u << 20;

    /** \brief Receives each message's result. */
    using Report = std::function<void(const RetrievedMessage&)>;

    /**
     * \param agent the UE's ticket agent (null: no kms-ticket credentials)
     * \param payloadSize voice payload bytes the callers send
     * \param report called per message, and once with outcome "mailbox-failed" if the fetch fails
     */
    VoiceMailRetriever(UeTicketAgent* agent, uint32_t payloadSize, Report report);

    /** \brief Fetches and plays \p identity's mailbox on \p server from \p node. */
    void Retrieve(Ptr<Node> node, const InetSocketAddress& server, const std::string& identity);
    /** \brief Closes the connection. */
    void Stop();

  private:
    /** \brief Resolves and plays one stored message. */
    void Open(const mediasec::voicemail::StoredMessage& message);
    /** \brief Decrypts with \p keys (none: plain RTP) and reports. */
    void Play(const mediasec::voicemail::StoredMessage& message,
              const std::optional<mediasec::kms::SrtpSessionKeys>& keys);

    UeTicketAgent* m_agent; //!< resolves tickets
    uint32_t m_payloadSize; //!< expected payload length
    Report m_report;        //!< result sink
    UaClient m_http;        //!< mailbox connection
};

} // namespace ims
} // namespace ns3

#endif
