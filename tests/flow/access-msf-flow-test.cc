// Flow tests of access-msf in simulation (TR 33.828 seed 003): IMS AKA at REGISTER through
// P-CSCF and S-CSCF, media keys derived from CK/IK at the UE and its P-CSCF, pushed to the
// IMS-AGW (the MSF) over Iq, SRTP on each access leg.
#include "support/scenario-fixture.h"

#include "helper/call-metrics-collector.h"
#include "helper/ims-network-helper.h"

#include "ns3/simulator.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

using AccessMsfCallFlow = ScenarioFixture;

/** \return the nodes that must hold the keys of UE \p side's streams: the UE, its P-CSCF and
 * its IMS-AGW (seed 003), no one else */
std::set<std::string>
AccessSide(const std::string& ue, const std::string& side)
{
    return {"agw" + side, "pcscf" + side, ue};
}

TEST_F(AccessMsfCallFlow, GivenAkaRegisteredUes_WhenUe0CallsUe1_ThenEachAccessLegIsKeyedFromItsCkIk)
{
    auto& scenario = Run({{"run.scheme", "access-msf"}});
    const auto& network = scenario.Network();
    EXPECT_EQ(network.GetUe(0)->GetRegistrationOutcome(), "registered");
    EXPECT_EQ(network.GetUe(1)->GetRegistrationOutcome(), "registered");
    EXPECT_EQ(network.GetScscf()->GetAkaChallenges(), 2u);
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_EQ(a.outcome, "completed");
    ASSERT_EQ(b.outcome, "completed");
    EXPECT_EQ(a.suite, "AES_CM_128_HMAC_SHA1_80");
    EXPECT_FALSE(a.e2aeIndicated);
    // Four keys: uplink and downlink of side A, uplink and downlink of side B.
    const std::set<std::string> keys{a.txKey, a.rxKey, b.txKey, b.rxKey};
    EXPECT_EQ(keys.size(), 4u);
    EXPECT_EQ(keys.count(""), 0u);
    // Each key: the UE, its P-CSCF (derived from CK/IK) and its IMS-AGW (the Iq push).
    for (const std::string& key : {a.txKey, a.rxKey})
    {
        EXPECT_EQ(Holders(key), AccessSide("ue0", "0"));
    }
    for (const std::string& key : {b.txKey, b.rxKey})
    {
        EXPECT_EQ(Holders(key), AccessSide("ue1", "1"));
    }
    // Media passes the MSF's SRTP both ways on both sides and arrives intact.
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
    EXPECT_NE(Metric("agw_relayed"), "0");
    EXPECT_EQ(Metric("agw_rejected"), "0");
    EXPECT_EQ(network.GetPcscf(0)->GetAccessMsfCalls(), 1u);
    EXPECT_EQ(network.GetPcscf(1)->GetAccessMsfCalls(), 1u);
    EXPECT_EQ(Metric("e2ae_calls"), "0");
}

TEST_F(AccessMsfCallFlow, GivenGcmAndOneAccessNetwork_WhenCalling_ThenTheSharedMsfKeysBothUes)
{
    auto& scenario = Run({{"run.scheme", "access-msf"},
                          {"media.suite", "AEAD_AES_128_GCM"},
                          {"topology.sides", "1"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_EQ(a.outcome, "completed");
    EXPECT_EQ(a.suite, "AEAD_AES_128_GCM");
    EXPECT_EQ(b.suite, "AEAD_AES_128_GCM");
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
    EXPECT_EQ(Holders(a.txKey), AccessSide("ue0", "0"));
    EXPECT_EQ(Holders(b.rxKey), AccessSide("ue1", "0"));
    EXPECT_EQ(scenario.Network().GetPcscf(0)->GetAccessMsfCalls(), 2u);
}

TEST_F(AccessMsfCallFlow, GivenUe0WithAWrongK_WhenItRegistersAndCalls_ThenItFailsWithoutAnyCallKeys)
{
    ns3::ims::ImsNetworkConfig config;
    config.ues = 2;
    config.scheme = "access-msf";
    config.ue0WrongAkaKey = true;
    ns3::ims::ImsNetworkHelper network(config);
    network.Build();
    ns3::ims::CallMetricsCollector collector;
    collector.Attach(network);
    const std::string ue0 = ns3::ims::ImsNetworkHelper::UeAor(0);
    const std::string ue1 = ns3::ims::ImsNetworkHelper::UeAor(1);
    ns3::Simulator::Schedule(
        ns3::Seconds(1), [&network, ue1]() { network.GetUe(0)->PlaceCall(ue1, ns3::Seconds(1)); });
    ns3::Simulator::Schedule(
        ns3::Seconds(1), [&network, ue0]() { network.GetUe(1)->PlaceCall(ue0, ns3::Seconds(1)); });
    ns3::Simulator::Stop(ns3::Seconds(5));
    ns3::Simulator::Run();

    // The USIM refuses the network's AUTN (MAC-A over another K): no RES, no CK/IK.
    EXPECT_FALSE(network.GetUe(0)->IsRegistered());
    EXPECT_EQ(network.GetUe(0)->GetRegistrationOutcome(), "aka-auth-failed");
    EXPECT_EQ(network.GetUe(1)->GetRegistrationOutcome(), "registered");
    EXPECT_EQ(network.GetScscf()->GetRegistrationCount(), 1u);
    EXPECT_EQ(network.GetPcscf(0)->GetAccessRegistrations(), 0u);
    EXPECT_EQ(network.GetPcscf(1)->GetAccessRegistrations(), 1u);
    // Neither call gets keys: UE 0 has none to offer with, UE 0 cannot be reached.
    std::map<bool, std::string> outcomes;
    for (const auto& [callId, records] : collector.GetCalls())
    {
        for (const auto& record : records)
        {
            EXPECT_TRUE(record.txKey.empty()) << record.ue;
            outcomes[record.ue == "ue0"] = record.outcome;
        }
    }
    EXPECT_EQ(outcomes[true], "no-keys");
    EXPECT_EQ(outcomes[false], "rejected-404");
    EXPECT_EQ(network.GetPcscf(0)->GetAccessMsfCalls(), 0u);
    EXPECT_EQ(network.GetPcscf(1)->GetAccessMsfCalls(), 0u);
    EXPECT_EQ(network.GetAgw(0)->GetContextCount(), 0u);
    EXPECT_EQ(network.GetAgw(1)->GetContextCount(), 0u);
}

TEST_F(AccessMsfCallFlow, GivenLossyAccess_WhenUesRegisterAndCall_ThenKeysStayInStep)
{
    auto& scenario = Run({{"run.scheme", "access-msf"},
                          {"topology.ues", "8"},
                          {"calls.count", "16"},
                          {"topology.access_loss", "0.1"},
                          {"run.seed", "3"}});
    for (uint32_t i = 0; i < 8; ++i)
    {
        EXPECT_EQ(scenario.Network().GetUe(i)->GetRegistrationOutcome(), "registered") << i;
    }
    EXPECT_EQ(Metric("calls_completed"), "16");
    EXPECT_EQ(Metric("payload_corrupt"), "0");
    EXPECT_EQ(Metric("srtp_rejected"), "0");
    EXPECT_EQ(Metric("agw_rejected"), "0");
    EXPECT_LT(std::stoull(Metric("media_received")), std::stoull(Metric("media_sent")));
}

} // namespace
} // namespace ims_test
