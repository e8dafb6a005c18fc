#include "voice-mail-retriever.h"

#include "kms-application.h"
#include "ue-ticket-agent.h"

#include "protocol/crypto/digest.h"
#include "protocol/rtp/probe-stream.h"
#include "protocol/srtp/srtp-session.h"

#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace ims
{

NS_LOG_COMPONENT_DEFINE("ImsVoiceMailRetriever");

VoiceMailRetriever::VoiceMailRetriever(UeTicketAgent* agent, uint32_t payloadSize, Report report)
    : m_agent(agent)
    , m_payloadSize(payloadSize)
    , m_report(std::move(report))
    , m_http(kMaxMailboxBytes)
{
}

void
VoiceMailRetriever::Retrieve(Ptr<Node> node, const InetSocketAddress& server,
                             const std::string& identity)
{
    m_http.Start(node, server, "voicemail.ims.test");
    m_http.Get("/mailbox/" + identity, [this](mediasec::Result<mediasec::Bytes> body) {
        auto mailbox = body ? mediasec::voicemail::ParseMailbox(body.Value())
                            : mediasec::Result<std::vector<mediasec::voicemail::StoredMessage>>(
                                  body.GetError());
        if (!mailbox)
        {
            NS_LOG_WARN("mailbox not read: " << mailbox.GetError().ToString());
            RetrievedMessage failed;
            failed.outcome = "mailbox-failed";
            m_report(failed);
            return;
        }
        for (const auto& message : mailbox.Value())
        {
            Open(message);
        }
    });
}

void
VoiceMailRetriever::Stop()
{
    m_http.Stop();
}

void
VoiceMailRetriever::Open(const mediasec::voicemail::StoredMessage& message)
{
    if (message.keyManagement.empty())
    {
        Play(message, std::nullopt);
        return;
    }
    if (m_agent == nullptr)
    {
        RetrievedMessage r{message.callId, message.caller, "no-ticket-agent", "",
                           message.mediaPackets.size(), 0, {}};
        m_report(r);
        return;
    }
    m_agent->ResolveStored(message.callId, message.keyManagement, [this, message](auto keys) {
        if (!keys)
        {
            NS_LOG_WARN("stored ticket not resolved: " << keys.GetError().ToString());
            RetrievedMessage r{message.callId, message.caller, "resolve-refused", "",
                               message.mediaPackets.size(), 0, {}};
            m_report(r);
            return;
        }
        Play(message, keys.Value().srtp);
    });
}

void
VoiceMailRetriever::Play(const mediasec::voicemail::StoredMessage& message,
                         const std::optional<mediasec::kms::SrtpSessionKeys>& keys)
{
    RetrievedMessage r;
    r.callId = message.callId;
    r.caller = message.caller;
    r.packets = message.mediaPackets.size();
    r.depositedAt = NanoSeconds(message.depositedNs - KmsClockNs(Seconds(0)));
    std::unique_ptr<mediasec::SrtpSession> session;
    if (keys)
    {
        const auto& k = keys->initiatorToResponder;
        auto created = mediasec::SrtpSession::Create(mediasec::SrtpDirection::Inbound,
                                                     {keys->suite, k.key, k.salt});
        if (!created)
        {
            r.outcome = "srtp-context-failed";
            m_report(r);
            return;
        }
        session = std::move(created).Value();
        r.key = mediasec::KeyFingerprint(k.key, k.salt);
    }
    for (mediasec::Bytes packet : message.mediaPackets)
    {
        if (session && !session->Unprotect(packet))
        {
            continue;
        }
        if (mediasec::ReadProbePacket(packet.data(), packet.size(), m_payloadSize))
        {
            ++r.played;
        }
    }
    r.outcome = r.played == r.packets && r.packets > 0 ? "played" : "not-played";
    m_report(r);
}

} // namespace ims
} // namespace ns3
