#include "kms-failover-client.h"

#include "ns3/simulator.h"

#include <vector>

namespace ns3
{
namespace ims
{

void
KmsFailoverClient::Configure(const KmsFailoverOptions& options)
{
    m_options = options;
}

void
KmsFailoverClient::Start(Ptr<Node> node, const InetSocketAddress& kms, const std::string& host,
                         bool connectNow)
{
    m_node = node;
    m_host = host;
    m_primary.Start(node, kms, m_host, connectNow);
}

void
KmsFailoverClient::Stop()
{
    for (auto& [id, request] : m_pending)
    {
        Simulator::Cancel(request.timer);
    }
    m_pending.clear();
    m_primary.Stop();
    m_replica.Stop();
}

bool
KmsFailoverClient::OnReplica() const
{
    return m_onReplica;
}

void
KmsFailoverClient::Post(const std::string& target, const mediasec::Bytes& message,
                        UaClient::Reply reply, Sent sent, Stalled stalled)
{
    const uint64_t id = m_nextId++;
    m_pending.emplace(id, Outstanding{target, message, std::move(reply), std::move(sent),
                                      std::move(stalled), false, EventId()});
    Transmit(id);
}

void
KmsFailoverClient::Transmit(uint64_t id)
{
    Outstanding& request = m_pending.at(id);
    request.onReplica = m_onReplica;
    UaClient& kms = m_onReplica ? m_replica : m_primary;
    const bool fromReplica = m_onReplica;
    const uint32_t bytes =
        kms.Post(request.target, request.message, [this, id, fromReplica](auto result) {
            HandleReply(id, fromReplica, std::move(result));
        });
    // The Post above may have answered at once (a client that is not started).
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    it->second.sent(bytes);
    if (m_options.timeout.IsStrictlyPositive())
    {
        it->second.timer = Simulator::Schedule(m_options.timeout, [this, id]() {
            Stall(id, "no answer within " + std::to_string(m_options.timeout.GetMilliSeconds()) +
                          " ms");
        });
    }
}

void
KmsFailoverClient::HandleReply(uint64_t id, bool fromReplica,
                               mediasec::Result<mediasec::Bytes> result)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end() || it->second.onReplica != fromReplica)
    {
        return; // answered already, or a late answer from the KMS this request left
    }
    if (!result && result.GetError().code == mediasec::Errc::Unreachable)
    {
        Stall(id, result.GetError().detail);
        return;
    }
    Simulator::Cancel(it->second.timer);
    UaClient::Reply reply = std::move(it->second.reply);
    m_pending.erase(it);
    reply(std::move(result));
}

void
KmsFailoverClient::Stall(uint64_t id, const std::string& why)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Simulator::Cancel(it->second.timer);
    if (m_options.replica && !it->second.onReplica)
    {
        SwitchToReplica();
        return;
    }
    it->second.stalled();
    UaClient::Reply reply = std::move(it->second.reply);
    m_pending.erase(it);
    reply(mediasec::MakeError(mediasec::Errc::Unreachable,
                              std::string(m_onReplica ? "KMS replica" : "KMS") + ": " + why));
}

void
KmsFailoverClient::SwitchToReplica()
{
    if (!m_onReplica)
    {
        m_onReplica = true;
        m_replica.Start(m_node, *m_options.replica, m_host, true);
    }
    std::vector<uint64_t> moved;
    for (auto& [id, request] : m_pending)
    {
        if (!request.onReplica)
        {
            Simulator::Cancel(request.timer);
            request.stalled();
            moved.push_back(id);
        }
    }
    // The primary's connection goes with its requests: a late answer has nowhere to land.
    m_primary.Stop();
    for (uint64_t id : moved)
    {
        Transmit(id);
    }
}

} // namespace ims
} // namespace ns3
