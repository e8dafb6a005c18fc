// The kms-ticket scheme in simulation (TS 33.328 7.2.3, 7.3.3): GBA-bootstrapped UEs get a
// MIKEY-TICKET from the KMS over Ua (HTTP/TCP), transfer it in SDP, the callee resolves it.
#include "support/scenario-fixture.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

using KmsTicketFlow = ScenarioFixture;

TEST_F(KmsTicketFlow, GivenKmsTicket_WhenUe0CallsUe1_ThenOnlyTheUesAndKmsHoldTheMediaKeysAndMediaDecrypts)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"}});
    const auto& a = Record(true);
    const auto& b = Record(false);
    ASSERT_TRUE(CompletedWithPairedKeys(a, b));
    EXPECT_EQ(a.suite, "AES_CM_128_HMAC_SHA1_80");
    EXPECT_NE(a.txKey, a.rxKey);
    EXPECT_GT(a.mediaSent, 40u);
    EXPECT_EQ(b.mediaReceived, a.mediaSent);
    EXPECT_EQ(a.mediaReceived, b.mediaSent);
    EXPECT_EQ(b.srtpUnprotected, b.mediaReceived);
    EXPECT_EQ(b.payloadCorrupt + a.payloadCorrupt, 0u);
    // No SIP proxy processed a usable key: the ticket in SDP is useless without the KMS. The
    // KMS holds the TGK' the keys derive from (custody), so the holders are the UEs and the KMS.
    const std::set<std::string> holders{"kms", "ue0", "ue1"};
    EXPECT_EQ(Holders(a.txKey), holders);
    EXPECT_EQ(Holders(a.rxKey), holders);
    const auto& kms = scenario.Network().GetKms()->GetStats();
    EXPECT_EQ(kms.ticketsIssued, 1u);
    EXPECT_EQ(kms.ticketsResolved, 1u);
    EXPECT_EQ(Metric("msgs_per_call_Ua"), "4.00"); // REQUEST and RESOLVE, each with its reply
}

TEST_F(KmsTicketFlow, GivenReusableTickets_WhenThePairCallsFourTimes_ThenTheKmsSeesOneRequestAndResolve)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"kms.reuse_tickets", "true"},
                          {"calls.count", "4"},
                          {"calls.interarrival_ms", "2000"}});
    EXPECT_EQ(Metric("calls_completed"), "4");
    const auto& kms = scenario.Network().GetKms()->GetStats();
    EXPECT_EQ(kms.ticketsIssued, 1u);
    EXPECT_EQ(kms.ticketsResolved, 1u);
    EXPECT_EQ(Metric("srtp_rejected"), "0");
    EXPECT_EQ(Metric("payload_corrupt"), "0");
}

TEST_F(KmsTicketFlow, GivenKmsTicketAndForking_WhenCalled_ThenEachDeviceGetsItsOwnKeys)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"forking.devices", "3"},
                          {"calls.ring_jitter_ms", "300"}});
    const auto view = ns3::ims::ViewOf(scenario.Collector().GetCalls().begin()->second);
    ASSERT_NE(view.callee, nullptr);
    EXPECT_EQ(view.caller->outcome, "completed");
    EXPECT_EQ(view.callee->mediaReceived, view.caller->mediaSent);
    // Key forking: the caller's key towards the answering device is held by the two of them
    // and the KMS only; no other forked device derived it.
    EXPECT_EQ(Holders(view.caller->txKey),
              (std::set<std::string>{"kms", view.caller->ue, view.callee->ue}));
    for (const auto* other : view.otherForks)
    {
        EXPECT_NE(other->rxKey, view.caller->txKey) << other->ue;
    }
}

TEST_F(KmsTicketFlow, GivenReusableGroupTickets_WhenCallersCallRandomMembers_ThenOneRequestPerCaller)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"topology.ues", "6"},
                          {"calls.count", "12"},
                          {"calls.pattern", "random"},
                          {"calls.interarrival_ms", "100"},
                          {"kms.reuse_tickets", "true"},
                          {"kms.group_tickets", "true"}});
    EXPECT_EQ(Metric("calls_completed"), "12");
    std::set<std::string> callers;
    std::set<std::string> callees;
    for (const auto& [callId, records] : scenario.Collector().GetCalls())
    {
        const auto view = ns3::ims::ViewOf(records);
        ASSERT_NE(view.callee, nullptr);
        callers.insert(view.caller->ue);
        callees.insert(view.callee->ue);
        // Still end to end: the group ticket gives every call its own forked keys.
        EXPECT_EQ(Holders(view.caller->txKey),
                  (std::set<std::string>{"kms", view.caller->ue, view.callee->ue}));
    }
    EXPECT_GT(callees.size(), 2u);
    const auto& kms = scenario.Network().GetKms()->GetStats();
    EXPECT_EQ(kms.ticketsIssued, callers.size()); // one "sip:*@ims.test" ticket per caller
    EXPECT_EQ(Metric("srtp_rejected"), "0");
}

TEST_F(KmsTicketFlow, GivenInitiatorMadeTickets_WhenCalled_ThenTheKmsOnlyResolves)
{
    // The UEs make their tickets with the KMS's lifetime (a longer one is refused, ERR 15).
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"kms.initiator_tickets", "true"},
                          {"kms.ticket_lifetime_s", "1800"},
                          {"calls.count", "2"},
                          {"calls.interarrival_ms", "2000"}});
    EXPECT_EQ(Metric("calls_completed"), "2");
    const auto& kms = scenario.Network().GetKms()->GetStats();
    EXPECT_EQ(kms.ticketsIssued, 0u);
    EXPECT_EQ(kms.ticketsResolved, 2u);
    EXPECT_EQ(Metric("msgs_per_call_Ua"), "2.00"); // RESOLVE and its reply only
    EXPECT_EQ(Metric("payload_corrupt"), "0");
}

TEST_F(KmsTicketFlow, GivenAnAttackerReplaying_WhenMediaIsKmsKeyed_ThenReplaysAreRejected)
{
    Run({{"run.scheme", "kms-ticket"}, {"attack.media", "replay"}, {"attack.count", "5"}});
    EXPECT_EQ(Record(false).srtpRejectedReplay, 5u);
    EXPECT_EQ(Record(false).mediaReceived, Record(true).mediaSent);
}

} // namespace
} // namespace ims_test
