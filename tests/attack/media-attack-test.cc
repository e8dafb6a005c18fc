// Attack tests in simulation: on-path media injection and forged e2ae indications.
#include "support/scenario-fixture.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

using MediaAttack = ScenarioFixture;

TEST_F(MediaAttack, GivenSrtp_WhenAnAttackerReplaysPackets_ThenEveryReplayIsRejectedAndCounted)
{
    for (const char* scheme : {"sdes-e2e", "sdes-e2ae"})
    {
        SCOPED_TRACE(scheme);
        Run({{"run.scheme", scheme}, {"attack.media", "replay"}, {"attack.count", "5"}});
        const auto& callee = Record(false);
        const auto& caller = Record(true);
        EXPECT_EQ(Metric("attack_injected"), "5");
        EXPECT_EQ(callee.srtpRejectedReplay, 5u);
        EXPECT_EQ(callee.srtpRejectedAuth, 0u);
        EXPECT_EQ(callee.mediaReceived, caller.mediaSent) << "nothing lost, nothing added";
        TearDown();
    }
}

TEST_F(MediaAttack, GivenSrtp_WhenAnAttackerTampersPackets_ThenEveryForgeryFailsAuthentication)
{
    Run({{"run.scheme", "sdes-e2ae"}, {"attack.media", "tamper"}, {"attack.count", "7"}});
    const auto& callee = Record(false);
    const auto& caller = Record(true);
    EXPECT_EQ(callee.srtpRejectedAuth, 7u);
    EXPECT_EQ(callee.payloadCorrupt, 0u);
    EXPECT_EQ(callee.mediaReceived, caller.mediaSent);
}

TEST_F(MediaAttack, GivenPlainRtp_WhenAnAttackerInjects_ThenTheReceiverAcceptsTheCopies)
{
    // The baseline shows what SRTP prevents: replays are delivered as media, tampering
    // reaches the application.
    Run({{"run.scheme", "none"}, {"attack.media", "replay"}, {"attack.count", "5"}});
    EXPECT_EQ(Record(false).mediaReceived, Record(true).mediaSent + 5);
    TearDown();
    Run({{"run.scheme", "none"}, {"attack.media", "tamper"}, {"attack.count", "5"}});
    EXPECT_EQ(Record(false).payloadCorrupt, 5u);
}

TEST_F(MediaAttack, GivenAForgedE2aeIndication_WhenTheCallerInsertsIt_ThenTheCalleeNeverSeesIt)
{
    for (const char* scheme : {"sdes-e2e", "sdes-e2ae"})
    {
        SCOPED_TRACE(scheme);
        Run({{"run.scheme", scheme}, {"attack.forge_e2ae", "true"}});
        const auto& callee = Record(false);
        EXPECT_EQ(callee.outcome, "completed");
        EXPECT_NE(Metric("forged_indications_removed"), "0");
        if (std::string(scheme) == "sdes-e2e")
        {
            // e2e: nobody may claim e2ae to UE B.
            EXPECT_FALSE(callee.e2aeIndicated);
        }
        TearDown();
    }
}

} // namespace
} // namespace ims_test
