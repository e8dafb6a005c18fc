// A KMS replica (doc/kms-replica.md): a second KmsCore built from the primary's secret stream
// shares the ticket protection key, so each resolves the other's tickets, while its keys and
// RANDs come from its own stream. What is not replicated (the replay cache) is shown honestly:
// a request replayed to the other KMS is answered again, but under the user's key and with
// fresh values, so the replay gives its sender nothing it can use.
#include "kms-test-world.h"
#include "protocol/kms/kms-core.h"
#include "protocol/kms/ticket-agent.h"
#include "protocol/mikey/mikey-message.h"

#include <gtest/gtest.h>

#include <string>

namespace mediasec
{
namespace kms
{
namespace
{

using namespace test;

/** \brief Alice, Bob, the primary KMS of KmsTicketTest and a replica of it. */
class KmsReplicaTest : public KmsTicketTest
{
  protected:
    KmsReplicaTest()
        : replica(kKmsUri, world.Lookup(), Drbg::FromSeed(7, "kms"),
                  Drbg::FromSeed(7, "kms-replica"), KmsPolicy{})
    {
    }

    /** \return the RESOLVE_RESP (or Error) of \p kms for Bob's RESOLVE_INIT of \p transfer */
    KmsReply
    ResolveAt(KmsCore& kms, TicketResponder& responder, const Bytes& transfer, int64_t nowNs)
    {
        auto step = responder.ProcessTransferInit(transfer, nowNs);
        EXPECT_TRUE(step.IsOk()) << step.GetError().ToString();
        return kms.HandleResolveInit(*step.Value().resolveInit, nowNs);
    }

    KmsCore replica; //!< built from the primary's secret stream, fresh values of its own
};

TEST_F(KmsReplicaTest, GivenATicketIssuedByThePrimary_WhenBobResolvesItAtTheReplica_ThenKeysAgree)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    KmsReply reply = ResolveAt(replica, bob, transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(reply.IsOk()) << reply.error->ToString();
    auto atBob = bob.ProcessResolveResp(reply.message, kT0 + 2 * kSecondNs);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    auto atAlice = alice.ProcessTransferResp(atBob.Value().transferResp);
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();
    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atBob.Value().keys.srtp));
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 0u);
    EXPECT_EQ(replica.Stats().ticketsResolved, 1u);
}

TEST_F(KmsReplicaTest, GivenATicketIssuedByTheReplica_WhenThePrimaryResolvesIt_ThenKeysAgree)
{
    auto request = alice.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    KmsReply issued = replica.HandleRequestInit(request.Value(), kT0);
    ASSERT_TRUE(issued.IsOk()) << issued.error->ToString();
    ASSERT_TRUE(alice.ProcessRequestResp(issued.message, kT0).IsOk());
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto atBob = ResolveAtResponder(world, bob, transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    auto atAlice = alice.ProcessTransferResp(atBob.Value().transferResp);
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();
    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atBob.Value().keys.srtp));
}

TEST_F(KmsReplicaTest, GivenTheSameRequestSentToBoth_WhenEachIssuesATicket_ThenTheirKeysDiffer)
{
    // A request re-sent on failover reaches both KMSs: two identical initiators model it.
    TicketInitiator twin = MakeInitiator(aliceCred);
    auto request = alice.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    auto same = twin.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    ASSERT_EQ(request.Value(), same.Value());
    KmsReply fromPrimary = world.kms.HandleRequestInit(request.Value(), kT0);
    KmsReply fromReplica = replica.HandleRequestInit(request.Value(), kT0);
    ASSERT_TRUE(fromPrimary.IsOk());
    ASSERT_TRUE(fromReplica.IsOk()) << fromReplica.error->ToString();
    EXPECT_NE(fromPrimary.message, fromReplica.message);
    ASSERT_TRUE(alice.ProcessRequestResp(fromPrimary.message, kT0).IsOk());
    ASSERT_TRUE(twin.ProcessRequestResp(fromReplica.message, kT0).IsOk());

    auto viaPrimary = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    auto viaReplica = twin.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(viaPrimary.IsOk());
    ASSERT_TRUE(viaReplica.IsOk());
    auto keysPrimary = ResolveAtResponder(world, bob, viaPrimary.Value(), kT0 + 2 * kSecondNs);
    auto keysReplica = ResolveAtResponder(world, bob2, viaReplica.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(keysPrimary.IsOk()) << keysPrimary.GetError().ToString();
    ASSERT_TRUE(keysReplica.IsOk()) << keysReplica.GetError().ToString();
    EXPECT_FALSE(SameKeys(keysPrimary.Value().keys.srtp, keysReplica.Value().keys.srtp));
}

TEST_F(KmsReplicaTest, GivenAKmsFromAnotherSecretStream_WhenItResolvesThePrimarysTicket_ThenInvalid)
{
    KmsCore stranger(kKmsUri, world.Lookup(), Drbg::FromSeed(7, "kms-replica"), KmsPolicy{});
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    KmsReply reply = ResolveAt(stranger, bob, transfer.Value(), kT0 + 2 * kSecondNs);
    ExpectRefused(reply, Refusal::InvalidTicket, 14);
}

TEST_F(KmsReplicaTest, GivenAResolveAnsweredByThePrimary_WhenReplayedToTheReplica_ThenAnsweredAgain)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto step = bob.ProcessTransferInit(transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(step.IsOk());
    const Bytes resolveInit = *step.Value().resolveInit;
    KmsReply first = world.kms.HandleResolveInit(resolveInit, kT0 + 2 * kSecondNs);
    ASSERT_TRUE(first.IsOk());
    // The replay caches are not shared: the primary refuses the replay, the replica answers.
    ExpectRefused(world.kms.HandleResolveInit(resolveInit, kT0 + 3 * kSecondNs), Refusal::Replay,
                  1);
    KmsReply replayed = replica.HandleResolveInit(resolveInit, kT0 + 3 * kSecondNs);
    ASSERT_TRUE(replayed.IsOk()) << replayed.error->ToString();
    // The second answer is sealed with Bob's key and forked with the replica's own RANDRkms:
    // it differs from the first and only Bob could read it.
    const auto firstMessage = mikey::ParseMikeyMessage(first.message);
    const auto replayMessage = mikey::ParseMikeyMessage(replayed.message);
    ASSERT_TRUE(firstMessage.IsOk());
    ASSERT_TRUE(replayMessage.IsOk());
    const auto* firstRand = mikey::FindRandr(firstMessage.Value(), mikey::RandRole::Kms);
    const auto* replayRand = mikey::FindRandr(replayMessage.Value(), mikey::RandRole::Kms);
    ASSERT_NE(firstRand, nullptr);
    ASSERT_NE(replayRand, nullptr);
    EXPECT_NE(firstRand->rand, replayRand->rand);
    // Bob takes the first answer; with no RESOLVE outstanding he does not take the second.
    ASSERT_TRUE(bob.ProcessResolveResp(first.message, kT0 + 2 * kSecondNs).IsOk());
    EXPECT_FALSE(bob.ProcessResolveResp(replayed.message, kT0 + 3 * kSecondNs).IsOk());
}

} // namespace
} // namespace kms
} // namespace mediasec
