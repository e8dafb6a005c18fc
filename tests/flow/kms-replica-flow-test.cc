// KMS replica and UE failover in simulation (doc/kms-replica.md): the KMS goes off the network
// mid-run (its link goes down); UEs whose Ua request stays unanswered for
// kms.failover_timeout_ms re-send it to the replica and stay there. Without a replica the same
// failure ends the calls with the outcome kms-unreachable.
#include "support/scenario-fixture.h"

#include <gtest/gtest.h>

#include <string>

namespace ims_test
{
namespace
{

using KmsReplicaFlow = ScenarioFixture;

constexpr int64_t kTimeoutMs = 1000;

/** \return the calls of the last run, ordered by the caller's INVITE time */
std::vector<ns3::ims::CallView>
CallsInOrder(const ns3::ims::ImsScenario& scenario)
{
    std::vector<ns3::ims::CallView> calls;
    for (const auto& [callId, records] : scenario.Collector().GetCalls())
    {
        calls.push_back(ns3::ims::ViewOf(records));
    }
    std::sort(calls.begin(), calls.end(), [](const auto& a, const auto& b) {
        return a.caller->inviteTime < b.caller->inviteTime;
    });
    return calls;
}

TEST_F(KmsReplicaFlow, GivenAReplica_WhenTheKmsFailsMidRun_ThenLaterCallsCompleteThroughTheReplica)
{
    // Calls at 1, 4, 7 and 10 s; the KMS goes down at 5 s.
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"calls.count", "4"},
                          {"calls.interarrival_ms", "3000"},
                          {"kms.replica", "true"},
                          {"kms.primary_fail_s", "5"},
                          {"kms.failover_timeout_ms", std::to_string(kTimeoutMs)}});
    const auto calls = CallsInOrder(scenario);
    ASSERT_EQ(calls.size(), 4u); // no call lost
    for (const auto& call : calls)
    {
        ASSERT_NE(call.callee, nullptr);
        EXPECT_EQ(call.caller->outcome, "completed");
        EXPECT_EQ(call.callee->outcome, "completed");
        EXPECT_EQ(call.caller->txKey, call.callee->rxKey);
        EXPECT_EQ(call.caller->rxKey, call.callee->txKey);
        ExpectAllMediaDelivered(*call.caller, *call.callee, true);
        ExpectAllMediaDelivered(*call.callee, *call.caller, true);
    }
    const auto setup = [&calls](size_t i) {
        return (calls[i].caller->answerTime - calls[i].caller->inviteTime).GetMilliSeconds();
    };
    // The first call after the failure waits out the timeout (caller REQUEST, callee RESOLVE);
    // the UEs then stay with the replica and the next call pays nothing.
    EXPECT_LT(setup(1), kTimeoutMs);
    EXPECT_GT(setup(2), kTimeoutMs);
    EXPECT_GT(calls[2].caller->kmsStalls + calls[2].callee->kmsStalls, 0u);
    EXPECT_LT(setup(3), kTimeoutMs);
    EXPECT_EQ(calls[3].caller->kmsStalls + calls[3].callee->kmsStalls, 0u);

    const auto& primary = scenario.Network().GetKms()->GetStats();
    const auto& replica = scenario.Network().GetKmsReplica()->GetStats();
    EXPECT_EQ(primary.ticketsIssued, 2u);
    EXPECT_EQ(primary.ticketsResolved, 2u);
    EXPECT_EQ(replica.ticketsIssued, 2u);
    EXPECT_EQ(replica.ticketsResolved, 2u);
    EXPECT_EQ(Metric("kms_failovers"), "2");
    EXPECT_EQ(Metric("kms_replica_requests"), "4");
    EXPECT_EQ(Metric("calls_after_kms_failure"), "2");
    EXPECT_EQ(Metric("calls_completed_after_kms_failure"), "2");
    EXPECT_EQ(Metric("calls_kms_unreachable"), "0");
    EXPECT_EQ(Metric("srtp_rejected"), "0");
}

TEST_F(KmsReplicaFlow,
       GivenATicketFromTheKms_WhenItFailsBeforeTheCalleeResolves_ThenTheReplicaResolves)
{
    // The caller's REQUEST is answered at about 1.015 s, the callee's RESOLVE leaves at about
    // 1.03 s: the KMS fails in between.
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"kms.replica", "true"},
                          {"kms.primary_fail_s", "1.02"},
                          {"kms.failover_timeout_ms", std::to_string(kTimeoutMs)}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_TRUE(CompletedWithPairedKeys(a, b));
    ExpectAllMediaDelivered(a, b, true);
    const auto& primary = scenario.Network().GetKms()->GetStats();
    const auto& replica = scenario.Network().GetKmsReplica()->GetStats();
    EXPECT_EQ(primary.ticketsIssued, 1u);
    EXPECT_EQ(primary.ticketsResolved, 0u);
    EXPECT_EQ(replica.ticketsIssued, 0u);
    EXPECT_EQ(replica.ticketsResolved, 1u); // the primary's ticket, resolved by the replica
    EXPECT_EQ(a.kmsStalls, 0u);
    EXPECT_EQ(b.kmsStalls, 1u);
    EXPECT_GT((a.answerTime - a.inviteTime).GetMilliSeconds(), kTimeoutMs);
    EXPECT_EQ(Metric("kms_failovers"), "1"); // the callee only
}

TEST_F(KmsReplicaFlow, GivenNoReplica_WhenTheKmsFailsBeforeACall_ThenTheCallFailsAsKmsUnreachable)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"calls.count", "2"},
                          {"calls.interarrival_ms", "3000"},
                          {"kms.primary_fail_s", "3"},
                          {"kms.failover_timeout_ms", std::to_string(kTimeoutMs)}});
    const auto calls = CallsInOrder(scenario);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_EQ(calls[0].caller->outcome, "completed");
    const auto& failed = *calls[1].caller;
    EXPECT_EQ(failed.outcome, "kms-unreachable");
    EXPECT_EQ(failed.kmsStalls, 1u);
    // It ended when the timeout expired, not later.
    EXPECT_GE((failed.endTime - failed.inviteTime).GetMilliSeconds(), kTimeoutMs);
    EXPECT_LT((failed.endTime - failed.inviteTime).GetMilliSeconds(), 2 * kTimeoutMs);
    EXPECT_EQ(scenario.Network().GetKmsReplica(), nullptr);
    EXPECT_EQ(Metric("calls_kms_unreachable"), "1");
    EXPECT_EQ(Metric("calls_completed_after_kms_failure"), "0");
    EXPECT_EQ(Metric("kms_failovers"), "0");
}

TEST_F(KmsReplicaFlow, GivenNoReplica_WhenTheKmsFailsBeforeTheCalleeResolves_ThenTheCalleeSaysWhy)
{
    Run({{"run.scheme", "kms-ticket"},
         {"kms.primary_fail_s", "1.02"},
         {"kms.failover_timeout_ms", std::to_string(kTimeoutMs)}});
    EXPECT_EQ(Record(false).outcome, "kms-unreachable");
    EXPECT_EQ(Record(true).outcome, "rejected-488"); // the callee had no keys to answer with
    EXPECT_EQ(Metric("calls_kms_unreachable"), "1");
}

} // namespace
} // namespace ims_test
