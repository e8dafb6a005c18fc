// Zk between two KMSs (doc/zk-inter-kms.md): Alice, a user of KMS-A, calls Bob and Carol,
// users of KMS-B. Bob's RESOLVE_INIT goes to KMS-B, which authenticates him and relays a Zk
// Resolve to KMS-A over a ZkLink; KMS-A runs the ticket checks and forks, KMS-B answers Bob.
// Claims: keys agree, one relay per Resolve, refusals of either KMS reach the user as MIKEY
// Errors with their reason, and the link refuses tampered, replayed and foreign messages.
#include "kms-test-world.h"
#include "protocol/kms/kms-core.h"
#include "protocol/kms/zk-link.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace mediasec
{
namespace kms
{
namespace
{

using namespace test;

const std::string kKmsA = "sip:kms@ims.test";
const std::string kKmsB = "sip:kms@other.test";

/** \return the policy of a KMS that answers Zk requests of \p zkPeers */
KmsPolicy
ZkPolicy(std::vector<std::string> zkPeers)
{
    KmsPolicy p;
    p.zkPeers = std::move(zkPeers);
    return p;
}

/** \return a 32-byte link key drawn for \p label */
Bytes
LinkKey(const std::string& label)
{
    return Drbg::FromSeed(7, "zk/" + label).Generate(ZkLink::kKeyLength);
}

class KmsZkTest : public ::testing::Test
{
  protected:
    KmsZkTest()
        : a(ZkPolicy({}), kKmsA, kKmsA)
        , b(ZkPolicy({kKmsA}), kKmsB, kKmsB)
        , aliceCred(a.AddUser("sip:alice@ims.test", "alice@bsf.ims.test"))
        , bobCred(b.AddUser("sip:bob@other.test", "bob@bsf.other.test"))
        , carolCred(b.AddUser("sip:carol@other.test", "carol@bsf.other.test"))
        , alice(MakeInitiator(aliceCred))
        , bob(MakeResponder(bobCred))
        , carol(MakeResponder(carolCred))
        , linkA(kKmsA, Drbg::FromSeed(7, "zk-a"))
        , linkB(kKmsB, Drbg::FromSeed(7, "zk-b"))
    {
        EXPECT_TRUE(linkA.AddPeer(kKmsB, LinkKey("a-b")).IsOk());
        EXPECT_TRUE(linkB.AddPeer(kKmsA, LinkKey("a-b")).IsOk());
    }

    /** \return TRANSFER_INIT of Alice with a ticket of KMS-A for Bob */
    Bytes
    TransferToBob()
    {
        auto request = alice.BuildRequestInit({"sip:bob@other.test"}, false, kT0);
        EXPECT_TRUE(request.IsOk());
        KmsReply granted = a.kms.HandleRequestInit(request.Value(), kT0);
        EXPECT_TRUE(granted.IsOk());
        EXPECT_TRUE(alice.ProcessRequestResp(granted.message, kT0).IsOk());
        auto transfer = alice.BuildTransferInit("sip:bob@other.test", kT0 + kSecondNs);
        EXPECT_TRUE(transfer.IsOk());
        return transfer.Value();
    }

    /** \return KMS-A's handling of a sealed Zk request: the sealed answer, or its error */
    Result<Bytes>
    ServeAtA(const Bytes& zkRequest, int64_t nowNs)
    {
        auto opened = linkA.OpenRequest(zkRequest, nowNs);
        if (!opened)
        {
            return opened.GetError();
        }
        const ZkOpenedRequest& r = opened.Value();
        return linkA.SealAnswer(r.peer, r.nonce,
                                a.kms.HandleZkResolve(r.peer, {"*@other.test"}, r.request, nowNs),
                                nowNs);
    }

    /** \return KMS-B's reply to \p resolveInit, relaying over Zk (with \p tamper applied) */
    KmsReply
    ResolveAtB(const Bytes& resolveInit, int64_t nowNs, void (*tamper)(Bytes&) = nullptr)
    {
        ResolveStep step = b.kms.BeginResolve(resolveInit, nowNs);
        if (step.reply)
        {
            return *step.reply;
        }
        auto sealed = linkB.SealRequest(step.relay->issuer, step.relay->request, nowNs);
        EXPECT_TRUE(sealed.IsOk());
        Bytes wire = sealed.Value().message;
        if (tamper != nullptr)
        {
            tamper(wire);
        }
        auto answer = ServeAtA(wire, nowNs);
        if (!answer)
        {
            return b.kms.FinishRelayedResolve(step.relay->id, answer.GetError(), nowNs);
        }
        return b.kms.FinishRelayedResolve(
            step.relay->id,
            linkB.OpenAnswer(answer.Value(), step.relay->issuer, sealed.Value().nonce), nowNs);
    }

    KmsWorld a;              //!< KMS-A, Alice's (the ticket's issuer)
    KmsWorld b;              //!< KMS-B, Bob's and Carol's
    UeCredentials aliceCred; //!< user of KMS-A
    UeCredentials bobCred;   //!< user of KMS-B, the allowed recipient
    UeCredentials carolCred; //!< user of KMS-B, not a recipient
    TicketInitiator alice;   //!< Alice's agent
    TicketResponder bob;     //!< Bob's agent
    TicketResponder carol;   //!< Carol's agent
    ZkLink linkA;            //!< KMS-A's Zk links
    ZkLink linkB;            //!< KMS-B's Zk links
};

TEST_F(KmsZkTest, GivenBobOfAnotherDomain_WhenKmsBRelaysOverZk_ThenAliceAndBobHoldTheSameKeys)
{
    const Bytes transfer = TransferToBob();
    auto step = bob.ProcessTransferInit(transfer, kT0 + kSecondNs);
    ASSERT_TRUE(step.IsOk()) << step.GetError().ToString();
    KmsReply reply = ResolveAtB(*step.Value().resolveInit, kT0 + kSecondNs);
    ASSERT_TRUE(reply.IsOk()) << reply.error->ToString();
    auto atBob = bob.ProcessResolveResp(reply.message, kT0 + kSecondNs);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    auto atAlice = alice.ProcessTransferResp(atBob.Value().transferResp);
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();

    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atBob.Value().keys.srtp));
    EXPECT_EQ(atAlice.Value().peerIdentity, "sip:bob@other.test");
    EXPECT_EQ(b.kms.Stats().zkRelayed, 1u);
    EXPECT_EQ(b.kms.Stats().ticketsResolved, 1u);
    EXPECT_EQ(a.kms.Stats().zkResolved, 1u);
    EXPECT_EQ(a.kms.Stats().ticketsResolved, 0u);
}

TEST_F(KmsZkTest, GivenAResolveOfItsOwnTicket_WhenBeginResolveRuns_ThenItIsAnsweredWithoutZk)
{
    const UeCredentials daveCred = b.AddUser("sip:dave@other.test", "dave@bsf.other.test");
    TicketInitiator dave = MakeInitiator(daveCred);
    auto request = dave.BuildRequestInit({"sip:bob@other.test"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    ASSERT_TRUE(
        dave.ProcessRequestResp(b.kms.HandleRequestInit(request.Value(), kT0).message, kT0).IsOk());
    auto transfer = dave.BuildTransferInit("sip:bob@other.test", kT0);
    auto step = bob.ProcessTransferInit(transfer.Value(), kT0);
    ASSERT_TRUE(step.IsOk());

    ResolveStep resolved = b.kms.BeginResolve(*step.Value().resolveInit, kT0);

    ASSERT_TRUE(resolved.reply.has_value());
    EXPECT_FALSE(resolved.relay.has_value());
    EXPECT_TRUE(resolved.reply->IsOk());
    EXPECT_EQ(b.kms.Stats().zkRelayed, 0u);
}

TEST_F(KmsZkTest, GivenCarolWhoIsNotARecipient_WhenRelayed_ThenKmsARefusesAndCarolGetsItsReason)
{
    const Bytes transfer = TransferToBob();
    auto step = carol.ProcessTransferInit(transfer, kT0 + kSecondNs);
    ASSERT_TRUE(step.IsOk());
    KmsReply reply = ResolveAtB(*step.Value().resolveInit, kT0 + kSecondNs);

    ExpectRefused(reply, Refusal::ZkRefused, static_cast<int>(mikey::ErrorNo::AuthFailure));
    EXPECT_NE(reply.error->detail.find("not-recipient"), std::string::npos) << reply.error->detail;
    EXPECT_EQ(a.kms.Stats().refused[static_cast<size_t>(Refusal::NotRecipient)], 1u);
    EXPECT_EQ(b.kms.Stats().refused[static_cast<size_t>(Refusal::ZkRefused)], 1u);
    EXPECT_FALSE(carol.ProcessResolveResp(reply.message, kT0 + kSecondNs).IsOk());
}

TEST_F(KmsZkTest, GivenATamperedZkRequest_WhenKmsAOpensIt_ThenTheLinkRefusesAndBobGetsAnError)
{
    const Bytes transfer = TransferToBob();
    auto step = bob.ProcessTransferInit(transfer, kT0 + kSecondNs);
    KmsReply reply = ResolveAtB(*step.Value().resolveInit, kT0 + kSecondNs,
                                [](Bytes& wire) { wire[wire.size() - 20] ^= 0x01; });

    ExpectRefused(reply, Refusal::ZkLinkFailed, static_cast<int>(mikey::ErrorNo::AuthFailure));
    EXPECT_EQ(reply.error->code, Errc::AuthFailed);
    EXPECT_EQ(a.kms.Stats().zkResolved, 0u);
    EXPECT_FALSE(bob.ProcessResolveResp(reply.message, kT0 + kSecondNs).IsOk());
}

TEST_F(KmsZkTest, GivenAnotherLinkKeyAtKmsB_WhenKmsAOpensTheRequest_ThenItDoesNotVerify)
{
    ZkLink forger(kKmsB, Drbg::FromSeed(7, "forger"));
    ASSERT_TRUE(forger.AddPeer(kKmsA, LinkKey("guessed")).IsOk());
    const Bytes transfer = TransferToBob();
    auto step = bob.ProcessTransferInit(transfer, kT0 + kSecondNs);
    ResolveStep relay = b.kms.BeginResolve(*step.Value().resolveInit, kT0 + kSecondNs);
    ASSERT_TRUE(relay.relay.has_value());

    auto forged = forger.SealRequest(kKmsA, relay.relay->request, kT0 + kSecondNs);
    ASSERT_TRUE(forged.IsOk());
    auto opened = linkA.OpenRequest(forged.Value().message, kT0 + kSecondNs);

    ASSERT_FALSE(opened.IsOk());
    EXPECT_EQ(opened.GetError().code, Errc::AuthFailed);
}

TEST_F(KmsZkTest, GivenAZkRequestSeenBefore_WhenItIsReplayed_ThenKmsARefusesIt)
{
    const Bytes transfer = TransferToBob();
    auto step = bob.ProcessTransferInit(transfer, kT0 + kSecondNs);
    ResolveStep relay = b.kms.BeginResolve(*step.Value().resolveInit, kT0 + kSecondNs);
    ASSERT_TRUE(relay.relay.has_value());
    auto sealed = linkB.SealRequest(kKmsA, relay.relay->request, kT0 + kSecondNs);
    ASSERT_TRUE(linkA.OpenRequest(sealed.Value().message, kT0 + kSecondNs).IsOk());

    auto replayed = linkA.OpenRequest(sealed.Value().message, kT0 + 2 * kSecondNs);

    ASSERT_FALSE(replayed.IsOk());
    EXPECT_EQ(replayed.GetError().code, Errc::Replay);
}

TEST_F(KmsZkTest, GivenAnAnswerToAnotherRequest_WhenKmsBOpensIt_ThenItIsRefused)
{
    const ZkResolveRequest request{
        mikey::TicketPayload{}, "sip:bob@other.test", {"sip:bob@other.test"}};
    auto first = linkB.SealRequest(kKmsA, request, kT0);
    auto second = linkB.SealRequest(kKmsA, request, kT0);
    auto opened = linkA.OpenRequest(first.Value().message, kT0);
    ASSERT_TRUE(opened.IsOk());
    auto answer = linkA.SealAnswer(kKmsB, opened.Value().nonce,
                                   ZkResolveAnswer{std::nullopt, ZkRefusal{7, "x"}}, kT0);

    auto misbound = linkB.OpenAnswer(answer.Value(), kKmsA, second.Value().nonce);

    ASSERT_FALSE(misbound.IsOk());
    EXPECT_EQ(misbound.GetError().code, Errc::AuthFailed);
    EXPECT_TRUE(linkB.OpenAnswer(answer.Value(), kKmsA, first.Value().nonce).IsOk());
}

TEST_F(KmsZkTest, GivenATicketOfAKmsWithoutZkLink_WhenBobResolves_ThenUnknownIssuerIsRefused)
{
    KmsWorld lonely(ZkPolicy({}), "sip:kms@other.test", "sip:kms@other.test");
    const UeCredentials bobAtLonely = lonely.AddUser("sip:bob@other.test", "bob@bsf.other.test");
    TicketResponder bob2 = MakeResponder(bobAtLonely);
    const Bytes transfer = TransferToBob();
    auto step = bob2.ProcessTransferInit(transfer, kT0 + kSecondNs);

    ResolveStep resolved = lonely.kms.BeginResolve(*step.Value().resolveInit, kT0 + kSecondNs);

    ASSERT_TRUE(resolved.reply.has_value());
    ExpectRefused(*resolved.reply, Refusal::UnknownIssuer,
                  static_cast<int>(mikey::ErrorNo::InvalidTicket));
    EXPECT_EQ(lonely.kms.Stats().zkRelayed, 0u);
}

TEST_F(KmsZkTest, GivenAForeignTicket_WhenHandleResolveInitRuns_ThenItIsRefusedForWantOfZkTransport)
{
    const Bytes transfer = TransferToBob();
    auto step = bob.ProcessTransferInit(transfer, kT0 + kSecondNs);

    KmsReply reply = b.kms.HandleResolveInit(*step.Value().resolveInit, kT0 + kSecondNs);

    ExpectRefused(reply, Refusal::ZkLinkFailed, static_cast<int>(mikey::ErrorNo::AuthFailure));
    EXPECT_EQ(a.kms.Stats().zkResolved, 0u);
}

TEST_F(KmsZkTest, GivenAPeerAssertingAUserOfAnotherDomain_WhenKmsAChecks_ThenIdentityNotOwned)
{
    const Bytes transfer = TransferToBob();
    auto parsed = mikey::ParseMikeyMessage(transfer);
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(parsed.Value());
    const ZkResolveRequest request{*ticket, "sip:alice@ims.test", {"sip:alice@ims.test"}};

    ZkResolveAnswer answer = a.kms.HandleZkResolve(kKmsB, {"*@other.test"}, request, kT0);

    ASSERT_TRUE(answer.refusal.has_value());
    EXPECT_EQ(answer.refusal->refusal, static_cast<uint8_t>(Refusal::IdentityNotOwned));
    EXPECT_FALSE(answer.keys.has_value());
}

TEST_F(KmsZkTest, GivenKeysForkedForSomeoneElse_WhenKmsBFinishes_ThenTheLinkIsDistrusted)
{
    const Bytes transfer = TransferToBob();
    auto step = bob.ProcessTransferInit(transfer, kT0 + kSecondNs);
    ResolveStep relay = b.kms.BeginResolve(*step.Value().resolveInit, kT0 + kSecondNs);
    ASSERT_TRUE(relay.relay.has_value());
    ZkResolveAnswer answer =
        a.kms.HandleZkResolve(kKmsB, {"*@other.test"}, relay.relay->request, kT0 + kSecondNs);
    ASSERT_TRUE(answer.keys.has_value());
    answer.keys->identity = "sip:carol@other.test";

    KmsReply reply = b.kms.FinishRelayedResolve(relay.relay->id, answer, kT0 + kSecondNs);

    ExpectRefused(reply, Refusal::ZkLinkFailed, static_cast<int>(mikey::ErrorNo::AuthFailure));
    EXPECT_FALSE(b.kms.FinishRelayedResolve(relay.relay->id, answer, kT0).IsOk());
}

TEST_F(KmsZkTest, GivenAWrongLengthLinkKey_WhenAdded_ThenBadLength)
{
    EXPECT_EQ(linkA.AddPeer("sip:kms@third.test", Bytes(16, 1)).GetError().code, Errc::BadLength);
    EXPECT_FALSE(linkA.HasPeer("sip:kms@third.test"));
}

} // namespace
} // namespace kms
} // namespace mediasec
