// Initiator-made tickets (D=0, RFC 6043 mode 3, TS 33.328 6.2.3.1; doc/mikey-ticket-profile.md,
// "Initiator-made tickets"): the initiator seals the ticket under its Ks_NAF and names its
// B-TID in IDRpsk, there is no Ticket Request, and the KMS resolves it only when its policy
// allows, after checking the ticket MAC, the initiator's identity, the recipients and validity.
#include "kms-test-world.h"
#include "protocol/kms/network-function-resolver.h"
#include "protocol/mikey/ticket-data.h"

#include <gtest/gtest.h>

#include <string>

namespace mediasec
{
namespace kms
{
namespace
{

using namespace test;

/** \return the default policy with initiator tickets on and one network function. */
KmsPolicy
InitiatorTicketPolicy()
{
    KmsPolicy policy;
    policy.allowInitiatorTickets = true;
    policy.networkFunctions = {"sip:transcoder@ims.test"};
    return policy;
}

/** \brief A KMS that accepts initiator-made tickets. */
class KmsInitiatorTicketTest : public KmsTicketTest
{
  protected:
    KmsInitiatorTicketTest()
        : KmsTicketTest(InitiatorTicketPolicy())
    {
    }

    /** \return TRANSFER_INIT to Bob with a D=0 ticket \p initiator made for \p request */
    static Bytes
    TransferToBob(TicketInitiator& initiator, const InitiatorTicketRequest& request)
    {
        auto transfer = initiator.BuildInitiatorTicketTransfer(request, "sip:bob@example.com", kT0);
        EXPECT_TRUE(transfer.IsOk()) << transfer.GetError().ToString();
        return transfer ? transfer.Value() : Bytes{};
    }

    /** \return Bob's outcome for \p transfer, with the KMS reply in \p reply */
    Result<ResponderOutcome>
    BobResolves(const Bytes& transfer, KmsReply& reply)
    {
        return ResolveAtResponder(world, bob, transfer, kT0 + kSecondNs, &reply);
    }

    InitiatorTicketRequest toBob{{"sip:bob@example.com"}, false, 600 * kSecondNs, {}}; //!< D=0
};

TEST_F(KmsInitiatorTicketTest,
       GivenAnInitiatorMadeTicket_WhenBobResolves_ThenKeysAgreeWithoutRequest)
{
    const Bytes transfer = TransferToBob(alice, toBob);
    KmsReply reply;
    auto atBob = BobResolves(transfer, reply);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    auto atAlice = alice.ProcessTransferResp(atBob.Value().transferResp);
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();

    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atBob.Value().keys.srtp));
    EXPECT_EQ(atBob.Value().keys.peerIdentity, "sip:alice@example.com");
    EXPECT_EQ(world.kms.Stats().ticketsIssued, 0u);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 1u);
    // D=0 (with L=1 as RFC 6043 6.10 requires) and Alice's B-TID as IDRpsk in the Ticket Data.
    auto parsed = mikey::ParseMikeyMessage(transfer);
    ASSERT_TRUE(parsed.IsOk());
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(parsed.Value());
    ASSERT_NE(ticket, nullptr);
    EXPECT_FALSE(ticket->policy.flags.kmsGenerated);
    EXPECT_TRUE(ticket->policy.flags.initiatorKeys);
    auto data = mikey::ParseTicketData(ticket->ticketData);
    ASSERT_TRUE(data.IsOk()) << data.GetError().ToString();
    ASSERT_TRUE(data.Value().psk.has_value());
    EXPECT_EQ(mikey::IdText(*data.Value().psk), aliceCred.btid);
    EXPECT_EQ(mikey::FormatTicketData(data.Value()), ticket->ticketData);
}

TEST_F(KmsInitiatorTicketTest,
       GivenAReusableInitiatorTicket_WhenTwoCalls_ThenBothAgreeWithOneTicket)
{
    toBob.reusable = true;
    const Bytes first = TransferToBob(alice, toBob);
    KmsReply reply;
    auto call1 = BobResolves(first, reply);
    ASSERT_TRUE(call1.IsOk()) << call1.GetError().ToString();
    auto second = alice.BuildTransferInit("sip:bob@example.com", kT0 + 60 * kSecondNs);
    ASSERT_TRUE(second.IsOk()) << second.GetError().ToString();
    auto call2 = ResolveAtResponder(world, bob, second.Value(), kT0 + 60 * kSecondNs);
    ASSERT_TRUE(call2.IsOk()) << call2.GetError().ToString();
    auto atAlice = alice.ProcessTransferResp(call2.Value().transferResp);
    ASSERT_TRUE(atAlice.IsOk());
    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, call2.Value().keys.srtp));
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 1u); // Bob answered the second from his cache
}

TEST_F(KmsTicketTest,
       GivenTheDefaultPolicy_WhenAnInitiatorMadeTicketIsResolved_ThenPolicyDeniedErr15)
{
    InitiatorTicketRequest toBob{{"sip:bob@example.com"}, false, 600 * kSecondNs, {}};
    auto transfer = alice.BuildInitiatorTicketTransfer(toBob, "sip:bob@example.com", kT0);
    ASSERT_TRUE(transfer.IsOk());
    KmsReply reply;
    auto atBob = ResolveAtResponder(world, bob, transfer.Value(), kT0 + kSecondNs, &reply);
    ASSERT_FALSE(atBob.IsOk());
    EXPECT_EQ(atBob.GetError().code, Errc::AuthFailed);
    ExpectRefused(reply, Refusal::PolicyDenied, 15);
}

TEST_F(KmsInitiatorTicketTest,
       GivenCarolMakesATicketAsAlice_WhenBobResolves_ThenIdentityNotOwnedErr7)
{
    // Carol's own B-TID and Ks_NAF, Alice's identity in IDRi (ticket and TRANSFER_INIT).
    UeCredentials spoof = carolCred;
    spoof.impu = aliceCred.impu;
    TicketInitiator mallory = MakeInitiator(spoof);
    KmsReply reply;
    auto atBob = BobResolves(TransferToBob(mallory, toBob), reply);
    ASSERT_FALSE(atBob.IsOk());
    ExpectRefused(reply, Refusal::IdentityNotOwned, 7);
}

TEST_F(KmsInitiatorTicketTest, GivenCarolNamesAlicesBtidWithoutHerKey_WhenResolved_ThenInvalidErr14)
{
    UeCredentials spoof = carolCred;
    spoof.impu = aliceCred.impu;
    spoof.btid = aliceCred.btid;
    TicketInitiator mallory = MakeInitiator(spoof);
    KmsReply reply;
    auto atBob = BobResolves(TransferToBob(mallory, toBob), reply);
    ASSERT_FALSE(atBob.IsOk());
    ExpectRefused(reply, Refusal::InvalidTicket, 14);
    EXPECT_EQ(reply.error->code, Errc::AuthFailed);
}

TEST_F(KmsInitiatorTicketTest, GivenATamperedInitiatorTicket_WhenResolved_ThenInvalidTicketErr14)
{
    const Bytes transfer = TransferToBob(alice, toBob);
    const Bytes flipped = EditTicket(transfer, [](mikey::TicketPayload& t) {
        t.ticketData[t.ticketData.size() - 80] ^= 0x01; // inside the encrypted MPK/TGK
    });
    const Bytes widened = EditTicket(transfer, [](mikey::TicketPayload& t) {
        t.policy.payloads.push_back(
            mikey::MakeIdr(mikey::IdRole::Responder, "sip:carol@example.com"));
    });
    for (const Bytes* tampered : {&flipped, &widened})
    {
        KmsReply reply;
        auto atBob = ResolveAtResponder(world, bob2, *tampered, kT0 + kSecondNs, &reply);
        ASSERT_FALSE(atBob.IsOk());
        ExpectRefused(reply, Refusal::InvalidTicket, 14);
    }
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 0u);
}

TEST_F(KmsInitiatorTicketTest, GivenATicketLongerThanTheKmsLifetime_WhenResolved_ThenPolicyDenied)
{
    toBob.lifetimeNs = KmsPolicy{}.ticketLifetimeNs + kSecondNs;
    KmsReply reply;
    auto atBob = BobResolves(TransferToBob(alice, toBob), reply);
    ASSERT_FALSE(atBob.IsOk());
    ExpectRefused(reply, Refusal::PolicyDenied, 15);
}

TEST_F(KmsInitiatorTicketTest, GivenReuseForbiddenByTheKms_WhenAReusableOneIsResolved_ThenErr15)
{
    KmsPolicy strict = InitiatorTicketPolicy();
    strict.allowReuse = false;
    KmsWorld strictWorld(strict);
    UeCredentials a = strictWorld.AddUser("sip:alice@example.com", "a-btid@bsf");
    UeCredentials b = strictWorld.AddUser("sip:bob@example.com", "b-btid@bsf");
    TicketInitiator initiator = MakeInitiator(a);
    TicketResponder responder = MakeResponder(b);
    toBob.reusable = true;
    KmsReply reply;
    auto atBob = ResolveAtResponder(strictWorld, responder, TransferToBob(initiator, toBob),
                                    kT0 + kSecondNs, &reply);
    ASSERT_FALSE(atBob.IsOk());
    ExpectRefused(reply, Refusal::PolicyDenied, 15);
}

TEST_F(KmsInitiatorTicketTest, GivenCarolIsNoRecipient_WhenSheResolvesAnInitiatorTicket_ThenErr0)
{
    KmsReply reply;
    auto atCarol =
        ResolveAtResponder(world, carol, TransferToBob(alice, toBob), kT0 + kSecondNs, &reply);
    ASSERT_FALSE(atCarol.IsOk());
    ExpectRefused(reply, Refusal::NotRecipient, 0);
}

TEST_F(KmsInitiatorTicketTest, GivenAReplayedResolveInitOfAnInitiatorTicket_WhenSeenAgain_ThenErr1)
{
    auto step = bob.ProcessTransferInit(TransferToBob(alice, toBob), kT0 + kSecondNs);
    ASSERT_TRUE(step.IsOk() && step.Value().resolveInit);
    ASSERT_TRUE(world.kms.HandleResolveInit(*step.Value().resolveInit, kT0 + kSecondNs).IsOk());
    KmsReply again = world.kms.HandleResolveInit(*step.Value().resolveInit, kT0 + 2 * kSecondNs);
    ASSERT_FALSE(again.IsOk());
    ExpectRefused(again, Refusal::Replay, 1);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 1u);
}

TEST_F(KmsInitiatorTicketTest,
       GivenAnInitiatorTicketNamingTheTranscoder_WhenItResolves_ThenKeysAgree)
{
    UeCredentials nfCred = world.AddUser("sip:transcoder@ims.test", "transcoder-btid@bsf");
    NetworkFunctionResolver transcoder(nfCred, Drbg::FromSeed(7, "transcoder"));
    toBob.networkFunctions = {"sip:transcoder@ims.test"};
    const Bytes transfer = TransferToBob(alice, toBob);
    KmsReply reply;
    auto atBob = BobResolves(transfer, reply);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    auto resolve =
        transcoder.BuildResolveInit(transfer, atBob.Value().transferResp, kT0 + kSecondNs);
    ASSERT_TRUE(resolve.IsOk()) << resolve.GetError().ToString();
    auto keys = transcoder.ProcessResolveResp(
        world.kms.HandleResolveInit(resolve.Value(), kT0 + kSecondNs).message);
    ASSERT_TRUE(keys.IsOk()) << keys.GetError().ToString();
    EXPECT_TRUE(SameKeys(keys.Value().srtp, atBob.Value().keys.srtp));
}

TEST_F(KmsInitiatorTicketTest, GivenNoRecipient_WhenAliceMakesATicket_ThenOutOfRange)
{
    toBob.recipients.clear();
    auto transfer = alice.BuildInitiatorTicketTransfer(toBob, "sip:bob@example.com", kT0);
    ASSERT_FALSE(transfer.IsOk());
    EXPECT_EQ(transfer.GetError().code, Errc::OutOfRange);
}

} // namespace
} // namespace kms
} // namespace mediasec
