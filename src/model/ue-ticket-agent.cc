#include "ue-ticket-agent.h"

#include "kms-application.h"

#include "protocol/crypto/drbg.h"
#include "protocol/kms/kms-identity.h"

#include "ns3/simulator.h"

namespace ns3
{
namespace ims
{

UeTicketAgent::UeTicketAgent(const mediasec::kms::UeCredentials& credentials, uint64_t seed,
                             const std::string& label, const TicketOptions& options,
                             UaTrace trace)
    : m_initiator(credentials, mediasec::Drbg::FromSeed(seed, label + "/initiator")),
      m_responder(credentials, mediasec::Drbg::FromSeed(seed, label + "/responder"), options.reuse),
      m_options(options),
      m_kmsHost(mediasec::kms::KmsFqdn(credentials.kmsUri)),
      m_trace(std::move(trace))
{
}

void
UeTicketAgent::Start(Ptr<Node> node, const InetSocketAddress& kms, bool connectNow)
{
    m_ua.Start(node, kms, m_kmsHost, connectNow);
}

void
UeTicketAgent::SetFailover(const KmsFailoverOptions& options, StallTrace stalled)
{
    m_ua.Configure(options);
    m_stalled = std::move(stalled);
}

bool
UeTicketAgent::OnKmsReplica() const
{
    return m_ua.OnReplica();
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
    m_ua.Post(
        target, message,
        [this, callId, reply](auto result) {
            if (result)
            {
                m_trace(callId, false, static_cast<uint32_t>(result.Value().size()));
            }
            reply(std::move(result));
        },
        [this, callId](uint32_t sent) { m_trace(callId, true, sent); },
        [this, callId]() {
            if (m_stalled)
            {
                m_stalled(callId);
            }
        });
}

void
UeTicketAgent::PrepareOffer(const std::string& callId, const std::string& callee,
                            std::function<void(mediasec::Result<mediasec::Bytes>)> done)
{
    if (m_requestPending)
    {
        // One Ticket Request at a time (RFC 6043 state of the initiator): later calls wait,
        // and may then find the new ticket usable (reusable or group tickets).
        m_waitingOffers.push_back([this, callId, callee, done]() { PrepareOffer(callId, callee, done); });
        return;
    }
    const int64_t now = KmsClockNs(Simulator::Now());
    if (m_initiator.HasUsableTicket(now, callee))
    {
        done(m_initiator.BuildTransferInit(callee, now));
        return;
    }
    const std::vector<std::string> recipients{
        m_options.groupIdentity.empty() ? callee : m_options.groupIdentity};
    if (m_options.initiatorTickets)
    {
        // RFC 6043 mode 3: no REQUEST exchange, the KMS sees the ticket only at RESOLVE.
        mediasec::kms::InitiatorTicketRequest request;
        request.recipients = recipients;
        request.reusable = m_options.reuse;
        request.networkFunctions = m_options.networkFunctions;
        request.lifetimeNs = m_options.initiatorTicketLifetimeNs;
        done(m_initiator.BuildInitiatorTicketTransfer(request, callee, now));
        return;
    }
    auto request = m_initiator.BuildRequestInit(recipients, m_options.reuse, now,
                                                  m_options.networkFunctions);
    if (!request)
    {
        done(request.GetError());
        return;
    }
    m_requestPending = true;
    Post(callId, "/request", request.Value(), [this, callee, done](auto reply) {
        m_requestPending = false;
        const int64_t at = KmsClockNs(Simulator::Now());
        const mediasec::Status processed =
            reply ? m_initiator.ProcessRequestResp(reply.Value(), at)
                  : mediasec::Status(reply.GetError());
        done(processed ? m_initiator.BuildTransferInit(callee, at)
                       : mediasec::Result<mediasec::Bytes>(processed.GetError()));
        auto waiting = std::move(m_waitingOffers);
        m_waitingOffers.clear();
        for (auto& offer : waiting)
        {
            offer();
        }
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
