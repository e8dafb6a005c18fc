// Zk between two KMSs in simulation (doc/zk-inter-kms.md): with kms.domains = 2 the callee
// (sip:ue1@other.test) is a GBA user of KMS-B, the caller gets its ticket from KMS-A, and KMS-B
// relays the callee's Resolve to KMS-A over Zk (HTTP/TCP, AES-256-GCM per-link key).
#include "helper/call-metrics-collector.h"
#include "helper/gba-bootstrap.h"
#include "helper/ims-network-helper.h"
#include "ns3/ipv4.h"
#include "ns3/simulator.h"
#include "protocol/crypto/drbg.h"
#include "support/scenario-fixture.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

using ZkFlow = ScenarioFixture;
using mediasec::kms::Refusal;

const std::string kKmsA = "sip:kms@ims.test";
const std::string kKmsB = "sip:kms@other.test";

/** \return how often \p kms refused for \p refusal */
uint64_t
Refused(const ns3::Ptr<ns3::ims::KmsApplication>& kms, Refusal refusal)
{
    return kms->GetStats().refused[static_cast<size_t>(refusal)];
}

/** \return the Zk (HTTP) address of \p kms */
ns3::InetSocketAddress
ZkAddress(const ns3::Ptr<ns3::ims::KmsApplication>& kms)
{
    return ns3::InetSocketAddress(
        kms->GetNode()->GetObject<ns3::Ipv4>()->GetAddress(1, 0).GetLocal(), 80);
}

/** \brief Places one call of UE 0 to UE 1's AOR at 1 s and runs the simulation. */
void
CallUe1(ns3::ims::ImsNetworkHelper& network)
{
    const std::string callee = network.GetUeAor(1);
    ns3::Simulator::Schedule(ns3::Seconds(1), [&network, callee]() {
        network.GetUe(0)->PlaceCall(callee, ns3::Seconds(1));
    });
    ns3::Simulator::Stop(ns3::Seconds(6));
    ns3::Simulator::Run();
}

TEST_F(ZkFlow,
       GivenACalleeOfAnotherDomain_WhenCalled_ThenKmsBRelaysOneZkResolvePerCallAndMediaDecrypts)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"kms.domains", "2"},
                          {"calls.count", "2"},
                          {"calls.interarrival_ms", "2000"}});
    const auto& network = scenario.Network();
    ASSERT_NE(network.GetKmsB(), nullptr);
    EXPECT_EQ(network.GetUeAor(1), "sip:ue1@other.test");
    EXPECT_EQ(Metric("calls_completed"), "2");
    for (const auto& [callId, records] : scenario.Collector().GetCalls())
    {
        const auto view = ns3::ims::ViewOf(records);
        ASSERT_NE(view.callee, nullptr);
        EXPECT_EQ(view.caller->outcome, "completed");
        EXPECT_EQ(view.caller->txKey, view.callee->rxKey);
        EXPECT_EQ(view.caller->rxKey, view.callee->txKey);
        ExpectAllMediaDelivered(*view.caller, *view.callee, true);
        ExpectAllMediaDelivered(*view.callee, *view.caller, true);
        // Still end to end: no proxy derived a key; both KMSs held the TGK' (the issuer forked
        // it, the callee's KMS passed it on under the callee's key).
        EXPECT_EQ(Holders(view.caller->txKey),
                  (std::set<std::string>{"kms", "kms-b", "ue0", "ue1"}));
    }
    const auto& a = network.GetKms()->GetStats();
    const auto& b = network.GetKmsB()->GetStats();
    EXPECT_EQ(a.ticketsIssued, 2u);
    EXPECT_EQ(a.ticketsResolved, 0u);
    EXPECT_EQ(a.zkResolved, 2u);
    EXPECT_EQ(b.zkRelayed, 2u); // exactly one Zk Resolve per call
    EXPECT_EQ(b.ticketsResolved, 2u);
    EXPECT_EQ(network.GetKmsB()->GetZk().Requests(), 2u);
    EXPECT_EQ(Metric("zk_requests"), "2");
    EXPECT_EQ(Metric("zk_refusals"), "0");
}

TEST_F(ZkFlow, GivenTwoDomains_WhenTheSameCallsRun_ThenSetupTakesTheZkRoundTripLonger)
{
    const std::map<std::string, std::string> call{{"run.scheme", "kms-ticket"}};
    Run(call);
    const double oneDomain = std::stod(Metric("setup_delay_p50_ms"));
    TearDown();
    auto twoDomains = call;
    twoDomains["kms.domains"] = "2";
    Run(twoDomains);
    const double crossDomain = std::stod(Metric("setup_delay_p50_ms"));
    // KMS-B -> core -> KMS-A and back: 4 edge links of 0.2 ms plus KMS-A's 0.1 ms service.
    EXPECT_GT(crossDomain - oneDomain, 0.8);
    EXPECT_LT(crossDomain - oneDomain, 1.5);
}

TEST_F(ZkFlow, GivenKmsBWithAForgedZkLinkKey_WhenItRelays_ThenKmsARefusesAndTheCallFails)
{
    ns3::ims::ImsNetworkConfig config;
    config.ues = 2;
    config.scheme = "kms-ticket";
    config.kmsDomains = 2;
    ns3::ims::ImsNetworkHelper network(config);
    network.Build();
    // KMS-B's side of the link holds another key than KMS-A's: forged Zk requests.
    network.GetKmsB()->AddZkPeer(kKmsA, ZkAddress(network.GetKms()),
                                 mediasec::Drbg::FromSeed(9, "forged").Generate(32),
                                 {"*@ims.test"});
    ns3::ims::CallMetricsCollector collector;
    collector.Attach(network);
    CallUe1(network);

    EXPECT_EQ(network.GetKms()->GetZk().Refusals(), 1u); // the link refused: tag does not verify
    EXPECT_EQ(network.GetKms()->GetStats().zkResolved, 0u);
    EXPECT_EQ(network.GetKmsB()->GetZk().Requests(), 1u);
    EXPECT_EQ(Refused(network.GetKmsB(), Refusal::ZkLinkFailed), 1u);
    EXPECT_EQ(network.GetKmsB()->GetStats().ticketsResolved, 0u);
    ASSERT_EQ(collector.GetCalls().size(), 1u);
    const auto view = ns3::ims::ViewOf(collector.GetCalls().begin()->second);
    // The callee got a MIKEY Error instead of RESOLVE_RESP: no keys, the offer is refused.
    EXPECT_EQ(view.caller->outcome, "rejected-488");
    ASSERT_NE(view.callee, nullptr);
    EXPECT_EQ(view.callee->outcome, "no-keys");
    EXPECT_TRUE(view.callee->rxKey.empty());
}

TEST_F(ZkFlow, GivenADeviceOfAnotherUserOfDomainB_WhenTheCallForksToIt_ThenKmsARefusesItThroughZk)
{
    ns3::ims::ImsNetworkConfig config;
    config.ues = 2;
    config.scheme = "kms-ticket";
    config.kmsDomains = 2;
    config.forkingDevices = 2;
    config.ringTime = ns3::MilliSeconds(200);
    ns3::ims::ImsNetworkHelper network(config);
    network.Build();
    // Device ue2 registers sip:ue1@other.test (a shared line) but its KMS user is ue2: not an
    // allowed recipient of a ticket for ue1.
    const auto bootstrap =
        ns3::ims::BootstrapForKms(config.seed, "ue2", "sip:ue2@other.test", kKmsB, "other.test");
    network.GetUe(2)->SetKmsCredentials(bootstrap.ue);
    network.GetKmsB()->AddUser(bootstrap.ue.btid, bootstrap.kmsUser);
    ns3::ims::CallMetricsCollector collector;
    collector.Attach(network);
    CallUe1(network);

    EXPECT_EQ(Refused(network.GetKms(), Refusal::NotRecipient), 1u);
    EXPECT_EQ(network.GetKms()->GetZk().Refusals(), 1u);
    EXPECT_EQ(network.GetKms()->GetStats().zkResolved, 1u); // ue1's Resolve
    EXPECT_EQ(Refused(network.GetKmsB(), Refusal::ZkRefused), 1u);
    EXPECT_EQ(network.GetKmsB()->GetZk().Requests(), 2u);
    ASSERT_EQ(collector.GetCalls().size(), 1u);
    const auto view = ns3::ims::ViewOf(collector.GetCalls().begin()->second);
    ASSERT_NE(view.callee, nullptr);
    EXPECT_EQ(view.caller->outcome, "completed");
    EXPECT_EQ(view.callee->ue, "ue1");
    EXPECT_EQ(view.caller->txKey, view.callee->rxKey);
}

} // namespace
} // namespace ims_test
