// Parallel forking at the S-CSCF (RFC 3261 16.7): one identity registered from several devices.
#include "support/scenario-fixture.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

using Forking = ScenarioFixture;

TEST_F(Forking, GivenThreeDevicesOfOneIdentity_WhenCalled_ThenOneDialogIsKeptAndTheOthersReleased)
{
    auto& scenario = Run({{"run.scheme", "sdes-e2e"},
                          {"forking.devices", "3"},
                          {"calls.ring_jitter_ms", "300"},
                          {"run.seed", "4"}});
    const auto& calls = scenario.Collector().GetCalls();
    ASSERT_EQ(calls.size(), 1u);
    const auto view = ns3::ims::ViewOf(calls.begin()->second);
    ASSERT_NE(view.caller, nullptr);
    ASSERT_NE(view.callee, nullptr);
    EXPECT_EQ(view.otherForks.size(), 2u);
    EXPECT_EQ(view.caller->outcome, "completed");
    EXPECT_EQ(view.callee->outcome, "completed");
    EXPECT_EQ(Metric("forked_invites"), "1");
    // The kept dialog carries all the media and every packet decrypts.
    EXPECT_EQ(view.callee->mediaReceived, view.caller->mediaSent);
    EXPECT_EQ(view.caller->mediaReceived, view.callee->mediaSent);
    EXPECT_EQ(view.caller->txKey, view.callee->rxKey);
    for (const auto* other : view.otherForks)
    {
        EXPECT_TRUE(other->outcome == "cancelled" || other->outcome == "completed")
            << other->outcome;
        EXPECT_EQ(other->mediaReceived, 0u) << other->ue << " received the chosen media";
        EXPECT_NE(other->txKey, view.callee->txKey);
    }
}

TEST_F(Forking, GivenSdesE2e_WhenForked_ThenEveryDeviceHeldTheCallersKey)
{
    // The SDES offer reaches every forked device: all of them could decrypt the caller's
    // media (TS 33.328 / seed 001 forking requirement, which KMS key forking addresses).
    Run({{"run.scheme", "sdes-e2e"}, {"forking.devices", "3"}});
    const auto& a = Record(true);
    const auto holders = Holders(a.txKey);
    for (const char* device : {"ue1", "ue2", "ue3"})
    {
        EXPECT_TRUE(holders.count(device)) << device;
    }
}

} // namespace
} // namespace ims_test
