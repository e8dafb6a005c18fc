// Flow tests in simulation: one call per scheme through UE, P-CSCF, S-CSCF (and IMS-AGW).
#include "support/scenario-fixture.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

using SdesCallFlow = ScenarioFixture;

TEST_F(SdesCallFlow, GivenSchemeNone_WhenUe0CallsUe1_ThenPlainRtpFlowsAndNoNodeHoldsAKey)
{
    Run({{"run.scheme", "none"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    EXPECT_EQ(a.outcome, "completed");
    EXPECT_EQ(b.outcome, "completed");
    EXPECT_TRUE(a.suite.empty());
    EXPECT_TRUE(a.txKey.empty());
    ExpectAllMediaDelivered(a, b, false);
    ExpectAllMediaDelivered(b, a, false);
    EXPECT_EQ(Metric("key_holders"), "");
}

TEST_F(SdesCallFlow, GivenSdesE2e_WhenUe0CallsUe1_ThenKeysAgreeEndToEndAndEveryPacketDecrypts)
{
    Run({{"run.scheme", "sdes-e2e"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_TRUE(CompletedWithPairedKeys(a, b));
    EXPECT_EQ(a.suite, "AES_CM_128_HMAC_SHA1_80");
    EXPECT_NE(a.txKey, a.rxKey);
    EXPECT_FALSE(a.e2aeIndicated);
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
    // SDES e2e: every SIP proxy that saw the SDP held the keys (TS 33.328 5.1 trust argument).
    const std::set<std::string> expected{"pcscf0", "pcscf1", "scscf", "ue0", "ue1"};
    EXPECT_EQ(Holders(a.txKey), expected);
    EXPECT_EQ(Holders(b.txKey), expected);
}

TEST_F(SdesCallFlow, GivenSdesE2ae_WhenUe0CallsUe1_ThenEachAccessHasItsOwnKeysHeldByUePcscfAgw)
{
    Run({{"run.scheme", "sdes-e2ae"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_EQ(a.outcome, "completed");
    ASSERT_EQ(b.outcome, "completed");
    EXPECT_TRUE(a.e2aeIndicated) << "a=3ge2ae:applied missing in the answer to UE A";
    EXPECT_TRUE(b.e2aeIndicated) << "a=3ge2ae:applied missing in the offer to UE B";
    // Four distinct keys: K11/K12 on side A, K21/K22 on side B.
    const std::set<std::string> keys{a.txKey, a.rxKey, b.txKey, b.rxKey};
    EXPECT_EQ(keys.size(), 4u);
    const std::set<std::string> sideA{"agw0", "pcscf0", "ue0"};
    const std::set<std::string> sideB{"agw1", "pcscf1", "ue1"};
    EXPECT_EQ(Holders(a.txKey), sideA);
    EXPECT_EQ(Holders(a.rxKey), sideA);
    EXPECT_EQ(Holders(b.txKey), sideB);
    EXPECT_EQ(Holders(b.rxKey), sideB);
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
    EXPECT_EQ(Metric("e2ae_calls"), "2");
    EXPECT_NE(Metric("agw_relayed"), "0");
    EXPECT_EQ(Metric("agw_rejected"), "0");
}

TEST_F(SdesCallFlow, GivenSdesE2aeWithOneSide_WhenBothUesShareTheGateway_ThenMediaStillDecrypts)
{
    Run({{"run.scheme", "sdes-e2ae"}, {"topology.sides", "1"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_EQ(a.outcome, "completed");
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
    EXPECT_EQ(Holders(a.txKey), (std::set<std::string>{"agw0", "pcscf0", "ue0"}));
    EXPECT_EQ(Holders(b.txKey), (std::set<std::string>{"agw0", "pcscf0", "ue1"}));
}

TEST_F(SdesCallFlow, GivenAeadGcmSuite_WhenCalling_ThenBothDirectionsDecrypt)
{
    Run({{"run.scheme", "sdes-e2e"}, {"media.suite", "AEAD_AES_128_GCM"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_EQ(a.outcome, "completed");
    EXPECT_EQ(a.suite, "AEAD_AES_128_GCM");
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
}

TEST_F(SdesCallFlow, GivenLossyAccess_WhenCalling_ThenSipRetransmissionCompletesEveryCall)
{
    Run({{"run.scheme", "sdes-e2ae"},
         {"topology.ues", "8"},
         {"calls.count", "16"},
         {"topology.access_loss", "0.1"},
         {"run.seed", "3"}});
    EXPECT_EQ(Metric("calls_completed"), "16");
    EXPECT_EQ(Metric("payload_corrupt"), "0");
    EXPECT_EQ(Metric("srtp_rejected"), "0");
    // Losses happened: fewer packets arrived than were sent.
    EXPECT_LT(std::stoull(Metric("media_received")), std::stoull(Metric("media_sent")));
}

} // namespace
} // namespace ims_test

namespace ims_test
{
namespace
{

TEST_F(SdesCallFlow, GivenAnAgwPacketServiceTime_WhenLoaded_ThenQueueingAddsMediaDelay)
{
    const std::map<std::string, std::string> load{{"run.scheme", "sdes-e2ae"},
                                                  {"topology.ues", "8"},
                                                  {"calls.count", "4"},
                                                  {"calls.interarrival_ms", "1"}};
    Run(load);
    const auto idleDelay = std::stoll(Metric("media_delay_mean_ns"));
    EXPECT_EQ(Metric("agw_wait_max_ns"), "0");
    TearDown();
    auto busy = load;
    busy["processing.agw_packet_us"] = "2000"; // 400 packets/s offered, 500/s capacity per AGW
    Run(busy);
    EXPECT_EQ(Metric("calls_completed"), "4");
    EXPECT_GT(std::stoll(Metric("agw_wait_max_ns")), 0);
    // Two gateways on the path, each at least its service time, plus queueing.
    EXPECT_GT(std::stoll(Metric("media_delay_mean_ns")), idleDelay + 4000000);
}

} // namespace
} // namespace ims_test
