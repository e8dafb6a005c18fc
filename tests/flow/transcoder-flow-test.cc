// A transcoder on the media path of kms-ticket calls (doc/transcoder.md, seed 001 section 4.4):
// authorized by the KMS and named in the ticket it obtains the call's keys and converts the
// media (payload type PCMU -> PCMA, visible to the receivers); otherwise the KMS refuses it
// and it relays the SRTP untouched.
#include "protocol/kms/kms-core.h"
#include "support/scenario-fixture.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

using mediasec::kms::Refusal;

/** \return the KMS's refusals for \p refusal in the last run of \p scenario */
uint64_t
Refused(const ns3::ims::ImsScenario& scenario, Refusal refusal)
{
    return scenario.Network().GetKms()->GetStats().refused[static_cast<size_t>(refusal)];
}

/**
 * \brief The KMS refused the transcoder once, for \p reason and never for \p other, and the
 * transcoder got no keys and converted nothing.
 */
void
ExpectRefusedOnce(const ns3::ims::ImsScenario& scenario, Refusal reason, Refusal other)
{
    EXPECT_EQ(Refused(scenario, reason), 1u);
    EXPECT_EQ(Refused(scenario, other), 0u);
    const auto& t = scenario.Network().GetTranscoder()->GetCounters();
    EXPECT_EQ(t.refusals, 1u);
    EXPECT_EQ(t.keys, 0u);
    EXPECT_EQ(t.transcoded, 0u);
}

/** \return true when \p holders has every label of \p labels */
bool
HeldBy(const std::set<std::string>& holders, const std::set<std::string>& labels)
{
    for (const auto& label : labels)
    {
        if (holders.count(label) == 0)
        {
            return false;
        }
    }
    return true;
}

using TranscoderFlow = ScenarioFixture;

TEST_F(TranscoderFlow,
       GivenAnAuthorizedNamedTranscoder_WhenUe0CallsUe1_ThenBothDirectionsArriveConverted)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"}, {"transcoder.enabled", "true"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_EQ(a.outcome, "completed");
    ASSERT_EQ(b.outcome, "completed");
    // Decrypted and authenticated at each UE with the keys the UEs agreed on, payload intact.
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
    // The conversion is visible: every packet arrives as PCMA although PCMU was sent.
    EXPECT_EQ(a.mediaReceivedConverted, a.mediaReceived);
    EXPECT_EQ(b.mediaReceivedConverted, b.mediaReceived);
    // The transcoder derived exactly the UEs' keys of both directions.
    EXPECT_TRUE(HeldBy(Holders(a.txKey), {"transcoder", "ue0", "ue1"}));
    EXPECT_TRUE(HeldBy(Holders(a.rxKey), {"transcoder", "ue0", "ue1"}));
    EXPECT_EQ(Holders(a.txKey).count("scscf"), 0u);
    const auto& t = scenario.Network().GetTranscoder()->GetCounters();
    EXPECT_EQ(t.keys, 1u);
    EXPECT_EQ(t.refusals, 0u);
    EXPECT_EQ(t.transcoded, a.mediaSent + b.mediaSent);
    EXPECT_EQ(t.relayed + t.rejected + t.unknownStream, 0u);
    // The KMS resolved twice: for the callee and for the transcoder.
    EXPECT_EQ(scenario.Network().GetKms()->GetStats().ticketsResolved, 2u);
    EXPECT_EQ(Metric("transcoded_packets"), std::to_string(a.mediaSent + b.mediaSent));
    EXPECT_EQ(Metric("msgs_per_call_Ua"), "6.00"); // REQUEST, two RESOLVEs, their replies
    EXPECT_EQ(scenario.Network().GetTranscoder()->GetSessionCount(), 0u); // ended with the BYE
}

TEST_F(TranscoderFlow,
       GivenATranscoderTheKmsDoesNotList_WhenCalled_ThenRefusedAndMediaFlowsUntouched)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"transcoder.enabled", "true"},
                          {"transcoder.authorized", "false"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_EQ(a.outcome, "completed");
    ASSERT_EQ(b.outcome, "completed");
    ExpectRefusedOnce(scenario, Refusal::NotAuthorizedFunction, Refusal::NotRecipient);
    const auto& t = scenario.Network().GetTranscoder()->GetCounters();
    EXPECT_EQ(t.relayed, a.mediaSent + b.mediaSent);
    // Nothing lost, nothing changed: the SRTP the UEs sent is what they receive.
    ExpectAllMediaDelivered(a, b, true);
    ExpectAllMediaDelivered(b, a, true);
    EXPECT_EQ(a.mediaReceivedConverted + b.mediaReceivedConverted, 0u);
    EXPECT_EQ(Holders(a.txKey).count("transcoder"), 0u);
    EXPECT_EQ(Holders(a.rxKey).count("transcoder"), 0u);
    EXPECT_EQ(Metric("transcoder_refusals"), "1");
    EXPECT_EQ(Metric("transcoded_packets"), "0");
}

TEST_F(TranscoderFlow, GivenTicketsThatDoNotNameTheTranscoder_WhenItResolves_ThenNotRecipient)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"transcoder.enabled", "true"},
                          {"transcoder.named", "false"}});
    ExpectRefusedOnce(scenario, Refusal::NotRecipient, Refusal::NotAuthorizedFunction);
    ExpectAllMediaDelivered(Record(true), Record(false), true);
    ExpectAllMediaDelivered(Record(false), Record(true), true);
    EXPECT_EQ(Holders(Record(true).txKey).count("transcoder"), 0u);
}

TEST_F(TranscoderFlow, GivenForkingToThreeDevicesAllAnswering_WhenResolved_ThenEachAnswerHasItsKeys)
{
    auto& scenario = Run(
        {{"run.scheme", "kms-ticket"}, {"transcoder.enabled", "true"}, {"forking.devices", "3"}});
    const auto view = ns3::ims::ViewOf(scenario.Collector().GetCalls().begin()->second);
    ASSERT_NE(view.callee, nullptr);
    ASSERT_EQ(view.otherForks.size(), 2u);
    EXPECT_EQ(view.caller->outcome, "completed");
    EXPECT_EQ(view.callee->mediaReceived, view.caller->mediaSent);
    EXPECT_EQ(view.callee->mediaReceivedConverted, view.callee->mediaReceived);
    EXPECT_EQ(view.caller->mediaReceivedConverted, view.caller->mediaReceived);
    EXPECT_EQ(scenario.Network().GetTranscoder()->GetCounters().keys, 3u);
    EXPECT_TRUE(
        HeldBy(Holders(view.caller->txKey), {"transcoder", view.caller->ue, view.callee->ue}));
    for (const auto* other : view.otherForks)
    {
        // The released devices' answers were resolved too, each to its own forked keys.
        EXPECT_NE(other->rxKey, view.caller->txKey) << other->ue;
        EXPECT_TRUE(HeldBy(Holders(other->rxKey), {"transcoder", other->ue})) << other->ue;
        EXPECT_EQ(Holders(other->rxKey).count(view.caller->ue), 0u) << other->ue;
    }
}

TEST_F(TranscoderFlow, GivenPlainRtpCalls_WhenTheTranscoderIsOnThePath_ThenItRelaysWithoutTheKms)
{
    auto& scenario = Run({{"run.scheme", "none"}, {"transcoder.enabled", "true"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ExpectAllMediaDelivered(a, b, false);
    ExpectAllMediaDelivered(b, a, false);
    const auto& t = scenario.Network().GetTranscoder()->GetCounters();
    EXPECT_EQ(t.calls, 1u);
    EXPECT_EQ(t.relayed, a.mediaSent + b.mediaSent);
    EXPECT_EQ(t.keys + t.refusals + t.resolveFailures + t.transcoded, 0u);
}

TEST_F(TranscoderFlow, GivenAServiceTimePerPacket_WhenTranscoding_ThenTheMediaDelayGrowsByIt)
{
    Run({{"run.scheme", "kms-ticket"}, {"transcoder.enabled", "true"}});
    const int64_t free = std::stoll(Metric("media_delay_mean_ns"));
    TearDown();
    Run({{"run.scheme", "kms-ticket"},
         {"transcoder.enabled", "true"},
         {"transcoder.packet_us", "1000"}});
    const int64_t charged = std::stoll(Metric("media_delay_mean_ns"));
    // One packet every 20 ms per direction: the service time, and rarely a wait behind SIP.
    EXPECT_GE(charged - free, 1000000);
    EXPECT_LT(charged - free, 1100000);
    EXPECT_EQ(Metric("srtp_rejected"), "0");
}

} // namespace
} // namespace ims_test
