#include "call-metrics-collector.h"

#include "ns3/callback.h"

namespace ns3
{
namespace ims
{

std::string
JoinLabels(const std::set<std::string>& labels)
{
    std::string out;
    for (const auto& label : labels)
    {
        out += (out.empty() ? "" : ";") + label;
    }
    return out;
}

CallView
ViewOf(const std::vector<UeCallRecord>& records)
{
    CallView view;
    for (const auto& r : records)
    {
        if (r.caller)
        {
            view.caller = &r;
        }
    }
    for (const auto& r : records)
    {
        if (r.caller)
        {
            continue;
        }
        const bool kept = view.caller && !view.caller->dialogTag.empty()
                              ? r.dialogTag == view.caller->dialogTag
                              : view.callee == nullptr;
        if (kept && view.callee == nullptr)
        {
            view.callee = &r;
        }
        else
        {
            view.otherForks.push_back(&r);
        }
    }
    return view;
}

void
CallMetricsCollector::Attach(const ImsNetworkHelper& network)
{
    std::vector<Ptr<SipNodeApplication>> sipNodes;
    for (uint32_t i = 0; i < network.GetUeCount(); ++i)
    {
        auto ue = network.GetUe(i);
        sipNodes.push_back(ue);
        ue->TraceConnectWithoutContext(
            "CallCompleted", MakeCallback(&CallMetricsCollector::OnCallCompleted, this));
        ue->TraceConnectWithoutContext("KeyLog",
                                       MakeCallback(&CallMetricsCollector::OnKeyLog, this));
        ue->TraceConnectWithoutContext("KeyDerived",
                                       MakeCallback(&CallMetricsCollector::OnKeyDerived, this));
        ue->TraceConnectWithoutContext("SipReceived",
                                       MakeCallback(&CallMetricsCollector::OnReplyWithoutCallState, this));
        ue->TraceConnectWithoutContext(
            "VoiceMailRetrieved", MakeCallback(&CallMetricsCollector::OnVoiceMailRetrieved, this));
    }
    for (uint32_t k = 0; k < network.GetSideCount(); ++k)
    {
        sipNodes.push_back(network.GetPcscf(k));
        network.GetPcscf(k)->TraceConnectWithoutContext(
            "SipReceived", MakeCallback(&CallMetricsCollector::OnReplyWithoutCallState, this));
        network.GetAgw(k)->TraceConnectWithoutContext(
            "KeyHeld", MakeCallback(&CallMetricsCollector::OnKeyHeld, this));
    }
    // The KMSs report the Otway-Rees K they generated and the ticket keys (MPKi, TGK') that
    // the UEs' SRTP keys derive from (KeyDerived), also when forked for a peer KMS over Zk.
    for (const auto& kms : {network.GetKms(), network.GetKmsB(), network.GetKmsReplica()})
    {
        if (kms)
        {
            kms->TraceConnectWithoutContext("KeyHeld",
                                            MakeCallback(&CallMetricsCollector::OnKeyHeld, this));
        }
    }
    if (network.GetSgw())
    {
        sipNodes.push_back(network.GetSgw());
        network.GetMgw()->TraceConnectWithoutContext(
            "KeyHeld", MakeCallback(&CallMetricsCollector::OnKeyHeld, this));
    }
    sipNodes.push_back(network.GetScscf());
    if (network.GetVoiceMail())
    {
        sipNodes.push_back(network.GetVoiceMail());
    }
    if (network.GetConference())
    {
        // A KMS user like the UEs: its Ua replies count where they arrive.
        sipNodes.push_back(network.GetConference());
        network.GetConference()->TraceConnectWithoutContext(
            "SipReceived", MakeCallback(&CallMetricsCollector::OnReplyWithoutCallState, this));
    }
    if (network.GetTranscoder())
    {
        sipNodes.push_back(network.GetTranscoder());
        network.GetTranscoder()->TraceConnectWithoutContext(
            "SipReceived", MakeCallback(&CallMetricsCollector::OnReplyWithoutCallState, this));
    }
    for (const auto& node : sipNodes)
    {
        node->TraceConnectWithoutContext("SipSent",
                                         MakeCallback(&CallMetricsCollector::OnMessage, this));
        node->TraceConnectWithoutContext("KeyHeld",
                                         MakeCallback(&CallMetricsCollector::OnKeyHeld, this));
    }
}

const std::vector<RetrievedMessage>&
CallMetricsCollector::GetRetrievedMessages() const
{
    return m_retrieved;
}

void
CallMetricsCollector::OnVoiceMailRetrieved(const RetrievedMessage& message)
{
    m_retrieved.push_back(message);
}

void
CallMetricsCollector::OnCallCompleted(const UeCallRecord& record)
{
    m_calls[record.callId].push_back(record);
}

void
CallMetricsCollector::OnMessage(const std::string& callId, const std::string& interfaceName,
                                const std::string&, uint32_t bytes)
{
    auto& load = m_load[{callId, interfaceName}];
    ++load.messages;
    load.bytes += bytes;
}

void
CallMetricsCollector::OnReplyWithoutCallState(const std::string& callId, const std::string& interfaceName,
                                const std::string& summary, uint32_t bytes)
{
    if (interfaceName == "Iq" || interfaceName == "Ua")
    {
        OnMessage(callId, interfaceName, summary, bytes);
    }
}

void
CallMetricsCollector::OnKeyHeld(const std::string&, const std::string& fingerprint,
                                const std::string& label)
{
    m_holders[fingerprint].insert(label);
}

void
CallMetricsCollector::OnKeyDerived(const std::string&, const std::string& rootFingerprint,
                                   const std::string& fingerprint)
{
    m_roots[fingerprint].insert(rootFingerprint);
}

void
CallMetricsCollector::OnKeyLog(const std::string& callId, const std::string& stream,
                               const std::string& suite, const std::string& keySalt,
                               uint32_t ssrc)
{
    if (m_loggedKeys.insert(callId + " " + keySalt).second)
    {
        m_keyLog.push_back({callId, stream, suite, keySalt, ssrc});
    }
}

const std::map<std::string, std::vector<UeCallRecord>>&
CallMetricsCollector::GetCalls() const
{
    return m_calls;
}

std::set<std::string>
CallMetricsCollector::HoldersOf(const std::string& fingerprint) const
{
    std::set<std::string> holders;
    auto add = [this, &holders](const std::string& key) {
        auto it = m_holders.find(key);
        if (it != m_holders.end())
        {
            holders.insert(it->second.begin(), it->second.end());
        }
    };
    add(fingerprint);
    auto roots = m_roots.find(fingerprint);
    if (roots != m_roots.end())
    {
        for (const auto& root : roots->second)
        {
            add(root);
        }
    }
    return holders;
}

InterfaceLoad
CallMetricsCollector::LoadOf(const std::string& callId, const std::string& interfaceName) const
{
    auto it = m_load.find({callId, interfaceName});
    return it == m_load.end() ? InterfaceLoad{} : it->second;
}

std::set<std::string>
CallMetricsCollector::Interfaces() const
{
    std::set<std::string> names;
    for (const auto& [key, load] : m_load)
    {
        names.insert(key.second);
    }
    return names;
}

void
CallMetricsCollector::WriteCallsCsv(std::ostream& out) const
{
    const std::vector<std::string> interfaces = {"Gm", "Mw", "Iq", "Ua"};
    out << "call_id,caller,callee,other_forks,outcome_caller,outcome_callee,suite,e2ae_caller,e2ae_callee,"
           "setup_delay_ns,keys_ready_ns,media_sent,media_received,srtp_protected,"
           "srtp_unprotected,srtp_rejected_auth,srtp_rejected_replay,payload_corrupt,"
           "media_delay_mean_ns,media_delay_max_ns";
    for (const auto& name : interfaces)
    {
        out << ",msgs_" << name << ",bytes_" << name;
    }
    out << ",caller_tx_key_holders,caller_rx_key_holders,callee_tx_key_holders,"
           "callee_rx_key_holders\n";
    for (const auto& [callId, records] : m_calls)
    {
        const CallView view = ViewOf(records);
        const UeCallRecord* caller = view.caller;
        const UeCallRecord* callee = view.callee;
        const UeCallRecord empty;
        const UeCallRecord& a = caller ? *caller : empty;
        const UeCallRecord& b = callee ? *callee : empty;
        const int64_t setup = caller && a.answerTime > a.inviteTime
                                  ? (a.answerTime - a.inviteTime).GetNanoSeconds()
                                  : -1;
        const Time ready = std::max(a.keysReadyTime, b.keysReadyTime);
        const int64_t keysReady =
            caller && ready > a.inviteTime ? (ready - a.inviteTime).GetNanoSeconds() : -1;
        const uint64_t received = a.mediaReceived + b.mediaReceived;
        out << callId << ',' << a.ue << ',' << b.ue << ',' << view.otherForks.size() << ','
            << a.outcome << ',' << b.outcome << ','
            << (a.suite.empty() ? b.suite : a.suite) << ',' << a.e2aeIndicated << ','
            << b.e2aeIndicated << ',' << setup << ',' << keysReady << ','
            << a.mediaSent + b.mediaSent << ',' << received << ','
            << a.srtpProtected + b.srtpProtected << ',' << a.srtpUnprotected + b.srtpUnprotected
            << ',' << a.srtpRejectedAuth + b.srtpRejectedAuth << ','
            << a.srtpRejectedReplay + b.srtpRejectedReplay << ','
            << a.payloadCorrupt + b.payloadCorrupt << ','
            << (received ? (a.mediaDelaySumNs + b.mediaDelaySumNs) / int64_t(received) : 0) << ','
            << std::max(a.mediaDelayMaxNs, b.mediaDelayMaxNs);
        for (const auto& name : interfaces)
        {
            const auto load = LoadOf(callId, name);
            out << ',' << load.messages << ',' << load.bytes;
        }
        for (const auto* key : {&a.txKey, &a.rxKey, &b.txKey, &b.rxKey})
        {
            out << ',' << JoinLabels(HoldersOf(*key));
        }
        out << '\n';
    }
}

void
CallMetricsCollector::WriteKeyLog(std::ostream& out) const
{
    out << "# ims-mediasec SRTP key log: call_id stream suite ssrc key_salt_base64\n";
    for (const auto& e : m_keyLog)
    {
        out << e.callId << ' ' << e.stream << ' ' << e.suite << ' ' << "0x" << std::hex
            << e.ssrc << std::dec << ' ' << e.keySalt << '\n';
    }
}

} // namespace ims
} // namespace ns3
