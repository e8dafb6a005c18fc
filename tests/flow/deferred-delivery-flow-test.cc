// Deferred delivery in simulation (seed 001 section 4.3, doc/deferred-delivery.md): the callee
// is offline, the S-CSCF retargets the call to the voice-mail server, which stores the caller's
// TRANSFER_INIT and the SRTP media without any key; later the callee fetches the mailbox,
// resolves the stored ticket at the KMS and decrypts every stored packet.
#include "support/scenario-fixture.h"

#include "protocol/rtp/probe-payload.h"
#include "protocol/rtp/rtp-header.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

using DeferredDeliveryFlow = ScenarioFixture;

/** \return how many of \p packets carry a readable voice payload as stored (not encrypted) */
size_t
ReadableAsStored(const std::vector<mediasec::Bytes>& packets)
{
    size_t readable = 0;
    for (const auto& packet : packets)
    {
        const auto header = mediasec::ParseRtpHeader(packet.data(), packet.size());
        readable += header && mediasec::ReadProbePayload(packet.data() + header.Value().headerLength,
                                                         160, header.Value().sequence);
    }
    return readable;
}

TEST_F(DeferredDeliveryFlow, GivenAnOfflineCallee_WhenTheCallGoesToVoiceMail_ThenOnlyTheRecipientDecryptsItLater)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"deferred.enabled", "true"},
                          {"deferred.retrieve_after_s", "600"}});
    const auto& calls = scenario.Collector().GetCalls();
    ASSERT_EQ(calls.size(), 1u);
    const auto& caller = calls.begin()->second.front();
    EXPECT_EQ(caller.outcome, "completed");
    EXPECT_TRUE(caller.deferred);
    EXPECT_GT(caller.mediaSent, 40u);

    const auto& mailboxes = scenario.Network().GetVoiceMail()->GetMailboxes();
    ASSERT_EQ(mailboxes.count("ue1@ims.test"), 1u);
    const auto& stored = mailboxes.at("ue1@ims.test");
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_FALSE(stored[0].keyManagement.empty());
    EXPECT_EQ(stored[0].mediaPackets.size(), caller.mediaSent);
    EXPECT_EQ(ReadableAsStored(stored[0].mediaPackets), 0u); // the server keeps ciphertext

    const auto& retrieved = scenario.Collector().GetRetrievedMessages();
    ASSERT_EQ(retrieved.size(), 1u);
    EXPECT_EQ(retrieved[0].outcome, "played");
    EXPECT_EQ(retrieved[0].played, caller.mediaSent);
    EXPECT_EQ(retrieved[0].caller, "sip:ue0@ims.test");
    // The key that decrypted the message is the caller's, held by the two UEs and the KMS (it
    // made the MPKi the deferred keys derive from), not the voice-mail server.
    EXPECT_EQ(retrieved[0].key, caller.txKey);
    EXPECT_EQ(Holders(caller.txKey), (std::set<std::string>{"kms", "ue0", "ue1"}));
    const auto& kms = scenario.Network().GetKms()->GetStats();
    EXPECT_EQ(kms.ticketsIssued, 1u);
    EXPECT_EQ(kms.ticketsResolved, 1u);
    EXPECT_EQ(Metric("vm_messages_played"), "1");
    EXPECT_EQ(scenario.Network().GetScscf()->GetVoiceMailRetargets(), 1u);
}

TEST_F(DeferredDeliveryFlow, GivenARetrievalAfterTheTicketExpired_WhenTheCalleeFetches_ThenNothingDecrypts)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"deferred.enabled", "true"},
                          {"kms.ticket_lifetime_s", "60"},
                          {"deferred.retrieve_after_s", "120"}});
    const auto& retrieved = scenario.Collector().GetRetrievedMessages();
    ASSERT_EQ(retrieved.size(), 1u);
    EXPECT_EQ(retrieved[0].outcome, "resolve-refused");
    EXPECT_EQ(retrieved[0].played, 0u);
    EXPECT_GT(retrieved[0].packets, 40u);
    EXPECT_EQ(scenario.Network().GetKms()->GetStats().ticketsResolved, 0u);
    EXPECT_EQ(Metric("vm_resolve_refused"), "1");
}

TEST_F(DeferredDeliveryFlow, GivenPlainRtp_WhenTheCallGoesToVoiceMail_ThenTheServerCanReadTheMedia)
{
    auto& scenario = Run({{"run.scheme", "none"}, {"deferred.enabled", "true"}});
    const auto& stored = scenario.Network().GetVoiceMail()->GetMailboxes().at("ue1@ims.test");
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_TRUE(stored[0].keyManagement.empty());
    EXPECT_EQ(ReadableAsStored(stored[0].mediaPackets), stored[0].mediaPackets.size());
    const auto& retrieved = scenario.Collector().GetRetrievedMessages();
    ASSERT_EQ(retrieved.size(), 1u);
    EXPECT_EQ(retrieved[0].outcome, "played");
}

} // namespace
} // namespace ims_test
