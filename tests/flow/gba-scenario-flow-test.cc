// GBA in the scenarios (gba.mode = simulated, doc/gba-in-simulation.md "In the scenarios"): the
// kms-ticket UEs bootstrap over Ub with a BSF (Zh to an HSS) at start, and the KMS learns each
// B-TID's Ks_NAF and USS over Zn before it answers a MIKEY request.
#include "helper/call-metrics-collector.h"
#include "helper/gba-bootstrap.h"
#include "helper/ims-network-helper.h"
#include "model/ua-client.h"
#include "model/ue-gba-agent.h"
#include "ns3/ipv4.h"
#include "ns3/simulator.h"
#include "protocol/common/base64.h"
#include "protocol/kms/ticket-agent.h"
#include "protocol/mikey/mikey-message.h"
#include "support/scenario-fixture.h"
#include "support/run-files.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

namespace ims_test
{
namespace
{

using GbaScenarioFlow = ScenarioFixture;
using ns3::ims::ImsNetworkHelper;

/** \return the network of \p ues UEs running \p scheme with simulated GBA */
ns3::ims::ImsNetworkConfig
SimulatedGba(const std::string& scheme, uint32_t ues)
{
    ns3::ims::ImsNetworkConfig config;
    config.ues = ues;
    config.scheme = scheme;
    config.gbaMode = "simulated";
    return config;
}

const std::map<std::string, std::string> kSimulated = {{"run.scheme", "kms-ticket"},
                                                       {"gba.mode", "simulated"}};

TEST_F(GbaScenarioFlow,
       GivenSimulatedGba_WhenUe0CallsUe1_ThenTheKmsLearnsBothUsersOverZnAndMediaDecrypts)
{
    auto& scenario = Run(kSimulated);
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_TRUE(CompletedWithPairedKeys(a, b));
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
    // GBA functions (HSS, BSF) never see media keys; the KMS holds the TGK' they derive from.
    EXPECT_EQ(Holders(a.txKey), (std::set<std::string>{"kms", "ue0", "ue1"}));
    const auto& network = scenario.Network();
    EXPECT_EQ(network.GetHss()->GetVectorsIssued(), 2u);
    EXPECT_EQ(network.GetBsf()->GetBootstraps(), 2u);
    // One Zn request per B-TID: the caller's REQUEST_INIT and the callee's RESOLVE_INIT.
    EXPECT_EQ(network.GetBsf()->GetZnAnswers(), 2u);
    EXPECT_EQ(Metric("gba_bootstraps"), "2");
    EXPECT_EQ(Metric("gba_failures"), "0");
    EXPECT_EQ(Metric("zn_requests"), "2");
    EXPECT_EQ(Metric("zn_cache_hits"), "0");
    const auto& kms = network.GetKms()->GetStats();
    EXPECT_EQ(kms.ticketsIssued, 1u);
    EXPECT_EQ(kms.ticketsResolved, 1u);
}

TEST_F(GbaScenarioFlow,
       GivenSimulatedGba_WhenUe0Bootstraps_ThenItsKsNafIsTheTime0ChainForTheHssRand)
{
    auto& scenario = Run(kSimulated);
    const auto& ue0 = scenario.Network().GetUe(0)->GetKmsCredentials();
    const std::string aor = ImsNetworkHelper::UeAor(0);
    ASSERT_NE(ue0.btid.find('@'), std::string::npos);
    auto rand = mediasec::Base64Decode(ue0.btid.substr(0, ue0.btid.find('@')));
    ASSERT_TRUE(rand.IsOk());
    // Same USIM (MakeUsimKeys), same chain: only the RAND is the HSS's instead of time 0's.
    const auto expected =
        ns3::ims::BootstrapForKms(1, "ue0", aor, "sip:kms@ims.test", rand.Value());
    EXPECT_EQ(ue0.btid, expected.ue.btid);
    EXPECT_EQ(ue0.psk, expected.ue.psk);
    EXPECT_EQ(ue0.impu, aor);
    // The KMS holds what Zn said for that B-TID: the same Ks_NAF and the UE's identity.
    const auto learned = scenario.Network().GetKms()->GetZnClient()->Cached(ue0.btid);
    ASSERT_TRUE(learned.has_value());
    EXPECT_EQ(learned->ksNaf, ue0.psk);
    EXPECT_EQ(learned->impus, std::vector<std::string>{aor});
    EXPECT_EQ(learned->impi, "ue0@ims.test");
}

TEST_F(GbaScenarioFlow, GivenSimulatedGbaAndOtwayRees_WhenBuilt_ThenTheCombinationIsRefused)
{
    ImsNetworkHelper network(SimulatedGba("otway-rees", 4));
    EXPECT_THROW(network.Build(), std::invalid_argument);
}

TEST_F(GbaScenarioFlow,
       GivenABtidUnknownToTheBsf_WhenAUserAsksTheKmsForATicket_ThenTheKmsRefusesItAsUnknownUser)
{
    ImsNetworkHelper network(SimulatedGba("kms-ticket", 2));
    network.Build();
    const auto kms = network.GetKms();
    const ns3::Ipv4Address kmsAddress =
        kms->GetNode()->GetObject<ns3::Ipv4>()->GetAddress(1, 0).GetLocal();
    // A REQUEST_INIT correctly formed but keyed with a B-TID the BSF never issued.
    const mediasec::kms::UeCredentials forged{ImsNetworkHelper::UeAor(0),
                                              "AAAAAAAAAAAAAAAAAAAAAA==@bsf.ims.test",
                                              mediasec::Bytes(32, 0x5a), "sip:kms@ims.test"};
    mediasec::kms::TicketInitiator initiator(forged, mediasec::Drbg::FromSeed(1, "forged"));
    ns3::ims::UaClient ua;
    std::optional<mediasec::Result<mediasec::Bytes>> reply;
    ns3::Simulator::Schedule(ns3::Seconds(1), [&]() {
        ua.Start(network.GetUe(0)->GetNode(), ns3::InetSocketAddress(kmsAddress, 80));
        auto request = initiator.BuildRequestInit({ImsNetworkHelper::UeAor(1)}, false,
                                                  ns3::ims::KmsClockNs(ns3::Simulator::Now()));
        ASSERT_TRUE(request.IsOk());
        ua.Post("/request", request.Value(), [&](auto result) { reply = result; });
    });
    ns3::Simulator::Stop(ns3::Seconds(2));
    ns3::Simulator::Run();

    // The BSF refused the Zn lookup (5403), and the core refused the unknown user (ERR 0).
    ASSERT_TRUE(reply.has_value());
    ASSERT_TRUE(reply->IsOk()) << reply->GetError().ToString();
    auto error = mediasec::mikey::ParseMikeyMessage(reply->Value());
    ASSERT_TRUE(error.IsOk());
    EXPECT_EQ(error.Value().header.dataType, mediasec::mikey::DataType::Error);
    const auto& stats = kms->GetStats();
    EXPECT_EQ(stats.refused[static_cast<size_t>(mediasec::kms::Refusal::UnknownUser)], 1u);
    EXPECT_EQ(stats.ticketsIssued, 0u);
    EXPECT_EQ(kms->GetZnClient()->GetFailures(), 1u);
    EXPECT_EQ(network.GetBsf()->GetZnRefusals(), 1u);
    ua.Stop();
}

/**
 * \brief Builds \p network and runs the calls (caller, callee) placed at \p at for 1 s each,
 * until 6 s. \return the records of each call by caller label
 */
std::map<std::string, std::vector<ns3::ims::UeCallRecord>>
RunCalls(ImsNetworkHelper& network, const std::vector<std::pair<uint32_t, uint32_t>>& calls,
         ns3::Time at)
{
    network.Build();
    ns3::ims::CallMetricsCollector collector;
    collector.Attach(network);
    for (const auto& [caller, callee] : calls)
    {
        auto ue = network.GetUe(caller);
        const std::string aor = ImsNetworkHelper::UeAor(callee);
        ns3::Simulator::Schedule(at, [ue, aor]() { ue->PlaceCall(aor, ns3::Seconds(1)); });
    }
    ns3::Simulator::Stop(ns3::Seconds(6));
    ns3::Simulator::Run();
    std::map<std::string, std::vector<ns3::ims::UeCallRecord>> byCaller;
    for (const auto& [callId, records] : collector.GetCalls())
    {
        const auto view = ns3::ims::ViewOf(records);
        if (view.caller != nullptr)
        {
            byCaller[view.caller->ue] = records;
        }
    }
    return byCaller;
}

/** \return the outcome of \p ue's record among \p records, or "" */
std::string
OutcomeOf(const std::vector<ns3::ims::UeCallRecord>& records, const std::string& ue)
{
    for (const auto& record : records)
    {
        if (record.ue == ue)
        {
            return record.outcome;
        }
    }
    return "";
}

TEST_F(GbaScenarioFlow,
       GivenUe0WithAWrongUsimK_WhenCallsStart_ThenItsCallsFailWithGbaFailedAndOthersComplete)
{
    auto config = SimulatedGba("kms-ticket", 4);
    config.ue0WrongAkaKey = true;
    ImsNetworkHelper network(config);
    const auto calls = RunCalls(network, {{0, 1}, {1, 0}, {2, 3}}, ns3::Seconds(1));

    // UE 0's USIM refuses the BSF's AUTN (MAC-A over another K): no B-TID, no Ks_NAF.
    const auto* ue0 = network.GetUe(0)->GetGbaAgent();
    ASSERT_NE(ue0, nullptr);
    EXPECT_EQ(ue0->GetFailures(), 1u);
    EXPECT_EQ(ue0->GetBootstraps(), 0u);
    EXPECT_TRUE(network.GetUe(0)->GetKmsCredentials().btid.empty());
    for (uint32_t i = 1; i < 4; ++i)
    {
        EXPECT_EQ(network.GetUe(i)->GetGbaAgent()->GetBootstraps(), 1u) << i;
    }
    EXPECT_EQ(network.GetBsf()->GetBootstraps(), 3u);
    // As caller UE 0 gets no ticket; as callee it cannot resolve one and answers 488.
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_EQ(OutcomeOf(calls.at("ue0"), "ue0"), "gba-failed");
    EXPECT_EQ(OutcomeOf(calls.at("ue1"), "ue0"), "gba-failed");
    EXPECT_EQ(OutcomeOf(calls.at("ue1"), "ue1"), "rejected-488");
    EXPECT_EQ(OutcomeOf(calls.at("ue2"), "ue2"), "completed");
    EXPECT_EQ(OutcomeOf(calls.at("ue2"), "ue3"), "completed");
    // Only the working pair's ticket went through the KMS.
    EXPECT_EQ(network.GetKms()->GetStats().ticketsIssued, 2u);
    EXPECT_EQ(network.GetKms()->GetStats().ticketsResolved, 1u);
}

TEST_F(GbaScenarioFlow,
       GivenACallPlacedBeforeTheBootstrapEnds_WhenItEnds_ThenTheTicketStepWaitsAndCompletes)
{
    ImsNetworkHelper network(SimulatedGba("kms-ticket", 2));
    const auto calls = RunCalls(network, {{0, 1}}, ns3::MilliSeconds(1));

    ASSERT_EQ(calls.size(), 1u);
    const auto view = ns3::ims::ViewOf(calls.begin()->second);
    ASSERT_NE(view.callee, nullptr);
    EXPECT_EQ(view.caller->outcome, "completed");
    EXPECT_EQ(view.callee->outcome, "completed");
    // The caller's bootstrap (TCP handshake, 401, 200: three round trips of >= 14 ms) came
    // before its ticket and INVITE.
    EXPECT_GT(view.caller->answerTime - view.caller->inviteTime, ns3::MilliSeconds(42));
    EXPECT_EQ(network.GetUe(0)->GetGbaAgent()->GetBootstraps(), 1u);
}

/** \return the files of a lossy simulated-GBA run with seed \p seed */
RunFiles
RunSimulated(const std::string& seed)
{
    auto p = ns3::ims::DefaultImsParameters();
    p.Set("run.scheme", "kms-ticket");
    p.Set("gba.mode", "simulated");
    p.Set("run.seed", seed);
    p.Set("topology.ues", "4");
    p.Set("calls.count", "4");
    p.Set("calls.hold_s", "1");
    p.Set("topology.access_loss", "0.02");
    return RunToFiles(p, "gba-determinism");
}

TEST(GbaScenarioDeterminism, GivenSimulatedGbaAndTheSameSeed_WhenRunTwice_ThenResultsAreIdentical)
{
    const RunFiles a = RunSimulated("5");
    const RunFiles b = RunSimulated("5");
    EXPECT_GT(a.keys.size(), 200u);
    EXPECT_EQ(a.calls, b.calls);
    EXPECT_EQ(a.keys, b.keys);
    EXPECT_EQ(a.metrics, b.metrics);
    std::map<std::string, std::string> metrics(a.metrics.begin(), a.metrics.end());
    EXPECT_EQ(metrics["gba_bootstraps"], "4");
    EXPECT_EQ(metrics["zn_requests"], "4");
}

} // namespace
} // namespace ims_test
