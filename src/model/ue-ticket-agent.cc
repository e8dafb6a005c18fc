#include "ue-ticket-agent.h"

#include "kms-application.h"

#include "protocol/crypto/drbg.h"

#include "ns3/simulator.h"

namespace ns3
{
namespace ims
{

UeTicketAgent::UeTicketAgent(const mediasec::kms::UeCredentials& credentials, uint64_t seed,
                             const std::string& label, bool reuseTickets, UaTrace trace)
    : m_initiator(credentials, mediasec::Drbg::FromSeed(seed, label + "/initiator")),
      m_responder(credentials, mediasec::Drbg::FromSeed(seed, label + "/responder"), reuseTickets),
      m_reuse(reuseTickets),
      m_trace(std::move(trace))
{
}

void
UeTicketAgent::Start(Ptr<Node> node, const InetSocketAddress& kms)
{
    m_ua.Start(node, kms);
}

void
UeTicketAgent::Stop()
{
    m_ua.Stop();
}

void
UeTicketAgent::Post(const std::string& callId, const std::string& target,
                    const mediasec::Bytes& message, UaClient::Reply reply)
{
    const uint32_t sent = m_ua.Post(target, message, [this, callId, reply](auto result) {
        if (result)
        {
            m_trace(callId, false, static_cast<uint32_t>(result.Value().size()));
        }
        reply(std::move(result));
    });
    m_trace(callId, true, sent);
}

void
UeTicketAgent::PrepareOffer(const std::string& callId, const std::string& callee,
                            std::function<void(mediasec::Result<mediasec::Bytes>)> done)
{
    const int64_t now = KmsClockNs(Simulator::Now());
    if (m_initiator.HasUsableTicket(now))
    {
        done(m_initiator.BuildTransferInit(callee, now));
        return;
    }
    auto request = m_initiator.BuildRequestInit({callee}, m_reuse, now);
    if (!request)
    {
        done(request.GetError());
        return;
    }
    Post(callId, "/request", request.Value(), [this, callee, done](auto reply) {
        if (!reply)
        {
            done(reply.GetError());
            return;
        }
        const int64_t at = KmsClockNs(Simulator::Now());
        if (auto s = m_initiator.ProcessRequestResp(reply.Value(), at); !s)
        {
            done(s.GetError());
            return;
        }
        done(m_initiator.BuildTransferInit(callee, at));
    });
}

void
UeTicketAgent::AnswerOffer(
    const std::string& callId, const mediasec::Bytes& transferInit,
    std::function<void(mediasec::Result<mediasec::kms::ResponderOutcome>)> done)
{
    auto step = m_responder.ProcessTransferInit(transferInit, KmsClockNs(Simulator::Now()));
    if (!step)
    {
        done(step.GetError());
        return;
    }
    if (step.Value().outcome)
    {
        done(*step.Value().outcome); // a cached reusable ticket: no KMS round trip
        return;
    }
    Post(callId, "/resolve", *step.Value().resolveInit, [this, done](auto reply) {
        if (!reply)
        {
            done(reply.GetError());
            return;
        }
        done(m_responder.ProcessResolveResp(reply.Value(), KmsClockNs(Simulator::Now())));
    });
}

mediasec::Result<mediasec::kms::EstablishedKeys>
UeTicketAgent::CompleteOffer(const mediasec::Bytes& transferResp)
{
    return m_initiator.ProcessTransferResp(transferResp);
}

mediasec::Result<mediasec::kms::EstablishedKeys>
UeTicketAgent::DeferredKeys(const mediasec::Bytes& transferInit)
{
    return m_initiator.DeferredKeys(transferInit);
}

void
UeTicketAgent::ResolveStored(
    const std::string& callId, const mediasec::Bytes& transferInit,
    std::function<void(mediasec::Result<mediasec::kms::EstablishedKeys>)> done)
{
    auto resolve =
        m_responder.ResolveStoredTransferInit(transferInit, KmsClockNs(Simulator::Now()));
    if (!resolve)
    {
        done(resolve.GetError());
        return;
    }
    Post(callId, "/resolve", resolve.Value(), [this, done](auto reply) {
        if (!reply)
        {
            done(reply.GetError());
            return;
        }
        auto outcome = m_responder.ProcessResolveResp(reply.Value(), KmsClockNs(Simulator::Now()));
        if (!outcome)
        {
            done(outcome.GetError());
            return;
        }
        done(std::move(outcome).Value().keys);
    });
}

} // namespace ims
} // namespace ns3
