// The otway-rees scheme in simulation (seed 001, doc/otway-rees.md): the caller puts plain IDs
// and Ea in the INVITE, the callee asks the KMS with Ea and Eb over HTTP/TCP, the KMS returns
// Ea(K) and Eb(K), the callee returns Ea(K) in the 200 OK. Keys: GBA Ks_NAF with the KMS.
#include "support/scenario-fixture.h"

#include "protocol/otway-rees/otway-rees-refusal.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace ims_test
{
namespace
{

using OtwayReesFlow = ScenarioFixture;

TEST_F(OtwayReesFlow, GivenOtwayRees_WhenUe0CallsUe1_ThenOnlyTheUesHoldTheKeysAndMediaDecrypts)
{
    auto& scenario = Run({{"run.scheme", "otway-rees"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_TRUE(CompletedWithPairedKeys(a, b));
    EXPECT_NE(a.txKey, a.rxKey);
    EXPECT_GT(a.mediaSent, 40u);
    EXPECT_EQ(b.mediaReceived, a.mediaSent);
    EXPECT_EQ(a.mediaReceived, b.mediaSent);
    EXPECT_EQ(a.payloadCorrupt + b.payloadCorrupt, 0u);
    // No SIP proxy could open Ea or Ea(K); the KMS generated K (seed 001: UEs and KMS only).
    EXPECT_EQ(Holders(a.txKey), (std::set<std::string>{"kms", "ue0", "ue1"}));
    EXPECT_EQ(scenario.Network().GetKms()->GetOtwayReesStats().keysIssued, 1u);
    EXPECT_EQ(Metric("msgs_per_call_Ua"), "2.00"); // one KMS request and its reply
}

TEST_F(OtwayReesFlow, GivenSeveralCalls_WhenEachRunsTheExchange_ThenEachCallHasItsOwnKey)
{
    auto& scenario = Run({{"run.scheme", "otway-rees"},
                          {"calls.count", "3"},
                          {"calls.interarrival_ms", "1500"}});
    EXPECT_EQ(Metric("calls_completed"), "3");
    std::set<std::string> keys;
    for (const auto& [callId, records] : scenario.Collector().GetCalls())
    {
        keys.insert(ns3::ims::ViewOf(records).caller->txKey);
    }
    EXPECT_EQ(keys.size(), 3u);
    EXPECT_EQ(Metric("srtp_rejected"), "0");
}

TEST_F(OtwayReesFlow, GivenE2mToThePstn_WhenUe0Calls_ThenUeKmsSgwAndMgwHoldTheKeyAndMediaFlows)
{
    auto& scenario = Run({{"run.scheme", "otway-rees-e2m"}, {"calls.hold_s", "2"}});
    const auto& calls = scenario.Collector().GetCalls();
    ASSERT_EQ(calls.size(), 1u);
    const auto& a = calls.begin()->second.front();
    ASSERT_EQ(a.outcome, "completed");
    EXPECT_EQ(a.peer, ns3::ims::ImsNetworkHelper::PstnAor(1));
    EXPECT_FALSE(a.txKey.empty());
    // Seed 000: end to middle, the SGW and the MGW hold K besides the UE and the KMS.
    const std::set<std::string> holders{"kms", "mgw", "sgw", "ue0"};
    EXPECT_EQ(Holders(a.txKey), holders);
    EXPECT_EQ(Holders(a.rxKey), holders);
    const auto& terminal = scenario.Network().GetPstnTerminal()->GetCounters();
    EXPECT_EQ(terminal.intact, a.mediaSent); // decrypted by the MGW, plain G.711 to the PSTN
    EXPECT_GT(terminal.sent, 40u);
    // Protected by the MGW towards the UE; the last packets may cross the BYE.
    EXPECT_LE(a.mediaReceived, terminal.sent);
    EXPECT_GE(a.mediaReceived + 2, terminal.sent);
    EXPECT_EQ(a.srtpRejectedAuth, 0u);
}

TEST_F(OtwayReesFlow, GivenPlainRtpToThePstn_WhenUe0Calls_ThenNoKeyExistsAndNoKmsIsAsked)
{
    auto& scenario = Run({{"run.scheme", "none"}, {"calls.to_pstn", "true"}});
    EXPECT_EQ(Metric("calls_completed"), "1");
    EXPECT_EQ(Metric("key_holders"), "");
    EXPECT_EQ(scenario.Network().GetPstnTerminal()->GetCounters().intact, Record(true).mediaSent);
    EXPECT_EQ(scenario.Network().GetKms(), nullptr);
}

TEST_F(OtwayReesFlow, GivenAReplayedOffer_WhenTheCalleeAsksTheKms_ThenTheKmsRefusesItAsAReplay)
{
    auto& scenario = Run({{"run.scheme", "otway-rees"},
                          {"attack.replay_offer", "true"},
                          {"calls.count", "2"},
                          {"calls.interarrival_ms", "1500"}});
    std::vector<std::string> outcomes;
    for (const auto& [callId, records] : scenario.Collector().GetCalls())
    {
        const auto view = ns3::ims::ViewOf(records);
        outcomes.push_back(view.caller->outcome);
        if (view.caller->outcome != "completed")
        {
            EXPECT_TRUE(view.caller->txKey.empty()); // no key came out of the replay
        }
    }
    std::sort(outcomes.begin(), outcomes.end());
    EXPECT_EQ(outcomes, (std::vector<std::string>{"completed", "rejected-488"}));
    const auto& kms = scenario.Network().GetKms()->GetOtwayReesStats();
    EXPECT_EQ(kms.keysIssued, 1u);
    EXPECT_EQ(kms.refused[static_cast<size_t>(mediasec::otway::Refusal::Replay)], 1u);
}

} // namespace
} // namespace ims_test
