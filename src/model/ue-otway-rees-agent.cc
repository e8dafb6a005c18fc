#include "ue-otway-rees-agent.h"

#include "kms-application.h"

#include "ns3/simulator.h"

namespace ns3
{
namespace ims
{

UeOtwayReesAgent::UeOtwayReesAgent(const std::string& identity, const mediasec::Bytes& key,
                                   uint64_t seed, const std::string& label, KmsTrace trace)
    : m_identity(identity),
      m_key(key),
      m_drbg(mediasec::Drbg::FromSeed(seed, label + "/otway-rees")),
      m_trace(std::move(trace))
{
}

void
UeOtwayReesAgent::Start(Ptr<Node> node, const InetSocketAddress& kms, bool connectNow)
{
    m_kms.Start(node, kms, "kms.ims.test", connectNow);
}

void
UeOtwayReesAgent::Stop()
{
    m_kms.Stop();
}

mediasec::Result<mediasec::Bytes>
UeOtwayReesAgent::PrepareOffer(const std::string& callId, const std::string& callee)
{
    auto session = m_calls.emplace(callId, mediasec::otway::OtwayReesInitiator(m_identity, m_key));
    return session.first->second.BuildOffer(callee, m_drbg, KmsClockNs(Simulator::Now()));
}

mediasec::Result<mediasec::kms::SrtpSessionKeys>
UeOtwayReesAgent::CompleteOffer(const std::string& callId, const mediasec::Bytes& answer)
{
    auto session = m_calls.find(callId);
    if (session == m_calls.end())
    {
        return mediasec::MakeError(mediasec::Errc::InvalidState,
                                   "otway-rees: answer for a call without an offer");
    }
    auto keys = session->second.ProcessAnswer(answer);
    if (!keys)
    {
        return keys.GetError();
    }
    m_calls.erase(session); // one answer per offer: a later (forked) answer finds no session
    return keys.Value().srtp;
}

void
UeOtwayReesAgent::AnswerOffer(
    const std::string& callId, const mediasec::Bytes& offer,
    std::function<void(mediasec::Result<mediasec::otway::ResponderOutcome>)> done)
{
    auto responder = std::make_unique<mediasec::otway::OtwayReesResponder>(
        m_identity, m_key, mediasec::otway::ResponderRole::Callee);
    auto request = responder->BuildKmsRequest(offer, m_drbg, KmsClockNs(Simulator::Now()));
    if (!request)
    {
        done(request.GetError());
        return;
    }
    auto* session = responder.get();
    m_answers[callId] = std::move(responder);
    const uint32_t sent = m_kms.Post(
        "/otway-rees", request.Value(),
        [this, callId, session, done](mediasec::Result<mediasec::Bytes> reply) {
            if (!reply)
            {
                m_answers.erase(callId);
                done(reply.GetError());
                return;
            }
            m_trace(callId, false, static_cast<uint32_t>(reply.Value().size()));
            auto outcome = session->ProcessKmsReply(reply.Value());
            m_answers.erase(callId);
            done(std::move(outcome));
        },
        "application/otway-rees");
    m_trace(callId, true, sent);
}

} // namespace ims
} // namespace ns3
