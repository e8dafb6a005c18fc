// MIKEY-TICKET in the project's 3GPP profile (doc/mikey-ticket-profile.md): the three exchanges
// run in-process between a KmsCore and TicketInitiator/TicketResponder agents (keys agree, KMS
// counters, forking, reusable and group tickets), and the attacks of REFERENCE.md 6.3 / 7 item 9
// that must fail with a typed error and a MIKEY Error message. All keys come from seeded DRBGs;
// no published MIKEY-TICKET vectors exist, so the claims are agreement and refusal properties.
#include "kms-test-world.h"
#include "protocol/kms/kms-core.h"
#include "protocol/kms/ticket-agent.h"
#include "protocol/mikey/key-mgmt-attribute.h"
#include "protocol/mikey/mikey-message.h"
#include "protocol/mikey/ticket-fields.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace mediasec
{
namespace kms
{
namespace
{

using namespace test;

TEST_F(KmsTicketTest, GivenAliceAndBob_WhenAllThreeExchangesRun_ThenBothHoldIdenticalSrtpKeys)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk()) << transfer.GetError().ToString();
    auto atBob = ResolveAtResponder(world, bob, transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    auto atAlice = alice.ProcessTransferResp(atBob.Value().transferResp);
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();

    const SrtpSessionKeys& a = atAlice.Value().srtp;
    EXPECT_TRUE(SameKeys(a, atBob.Value().keys.srtp));
    EXPECT_EQ(a.suite, SrtpSuite::AesCm128HmacSha1_80);
    EXPECT_EQ(a.initiatorToResponder.key.size(), 16u);
    EXPECT_EQ(a.initiatorToResponder.salt.size(), 14u);
    EXPECT_NE(a.initiatorToResponder.key, a.responderToInitiator.key);
    EXPECT_EQ(atAlice.Value().peerIdentity, "sip:bob@example.com");
    EXPECT_EQ(atBob.Value().keys.peerIdentity, "sip:alice@example.com");
    EXPECT_EQ(world.kms.Stats().ticketsIssued, 1u);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 1u);
    EXPECT_GT(world.kms.Stats().ops.prf, 0u);
    EXPECT_GT(world.kms.Stats().ops.mac, 0u);
    EXPECT_GT(world.kms.Stats().ops.cipher, 0u);
}

TEST_F(KmsTicketTest, GivenAResolvedCall_WhenTheKmsReportsItsGrant_ThenBothSidesKeysDeriveFromIt)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk()) << transfer.GetError().ToString();
    KmsReply resolve;
    auto atBob = ResolveAtResponder(world, bob, transfer.Value(), kT0 + 2 * kSecondNs, &resolve);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    auto atAlice = alice.ProcessTransferResp(atBob.Value().transferResp);
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();

    // Key custody: the TGK' the KMS handed out is the root both UEs derived their SRTP keys from.
    const Bytes& root = atBob.Value().keys.rootKey;
    ASSERT_EQ(root.size(), kProfileKeyLength);
    EXPECT_EQ(atAlice.Value().rootKey, root);
    ASSERT_EQ(resolve.mediaRootKeys.size(), 2u); // MPKi, TGK'
    EXPECT_EQ(resolve.mediaRootKeys[1], root);
    EXPECT_NE(resolve.mediaRootKeys[0], root);

    // A refusal grants nothing.
    auto step = carol.ProcessTransferInit(transfer.Value(), kT0 + 3 * kSecondNs);
    ASSERT_TRUE(step.IsOk() && step.Value().resolveInit.has_value());
    KmsReply refused = world.kms.HandleResolveInit(*step.Value().resolveInit, kT0 + 3 * kSecondNs);
    EXPECT_FALSE(refused.IsOk());
    EXPECT_TRUE(refused.mediaRootKeys.empty());
}

TEST_F(KmsTicketTest, GivenTheTransferCarriedInSdpKeyMgmt_WhenBothSidesDecodeIt_ThenKeysAgree)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    const std::string offer = mikey::FormatKeyMgmtMikey(transfer.Value()); // INVITE
    auto atBob =
        ResolveAtResponder(world, bob, mikey::ParseKeyMgmtMikey(offer).Value(), kT0 + kSecondNs);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    const std::string answer = mikey::FormatKeyMgmtMikey(atBob.Value().transferResp); // 200 OK
    auto atAlice = alice.ProcessTransferResp(mikey::ParseKeyMgmtMikey(answer).Value());
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();
    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atBob.Value().keys.srtp));
    EXPECT_EQ(offer.rfind("mikey ", 0), 0u);
}

TEST_F(KmsTicketTest, GivenAnIssuedTicket_WhenInspected_ThenItIsA3gppType2TicketWithForking)
{
    auto request = alice.BuildRequestInit({"sip:bob@example.com"}, true, kT0);
    ASSERT_TRUE(request.IsOk());
    KmsReply reply = world.kms.HandleRequestInit(request.Value(), kT0);
    ASSERT_TRUE(reply.IsOk());
    auto parsed = mikey::ParseMikeyMessage(reply.message);
    ASSERT_TRUE(parsed.IsOk());
    EXPECT_EQ(parsed.Value().header.dataType, mikey::DataType::RequestResp);
    EXPECT_FALSE(parsed.Value().header.verify);
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(parsed.Value());
    ASSERT_NE(ticket, nullptr);
    EXPECT_EQ(ticket->policy.ticketType, 2);
    EXPECT_TRUE(ticket->policy.flags.keyForking);
    EXPECT_TRUE(ticket->policy.flags.resolveMandatory);
    EXPECT_TRUE(ticket->policy.flags.reusable);
    EXPECT_EQ(mikey::PolicyIdentities(ticket->policy, mikey::IdRole::Initiator),
              std::vector<std::string>{"sip:alice@example.com"});
    EXPECT_GT(reply.ops.Total(), 0u);
}

TEST_F(KmsTicketTest, GivenTwoForkedDevices_WhenBothResolve_ThenEachHasOwnKeysSharedOnlyWithAlice)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto atBob1 = ResolveAtResponder(world, bob, transfer.Value(), kT0 + 2 * kSecondNs);
    auto atBob2 = ResolveAtResponder(world, bob2, transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(atBob1.IsOk()) << atBob1.GetError().ToString();
    ASSERT_TRUE(atBob2.IsOk()) << atBob2.GetError().ToString();
    auto alice1 = alice.ProcessTransferResp(atBob1.Value().transferResp);
    auto alice2 = alice.ProcessTransferResp(atBob2.Value().transferResp);
    ASSERT_TRUE(alice1.IsOk() && alice2.IsOk());

    EXPECT_TRUE(SameKeys(alice1.Value().srtp, atBob1.Value().keys.srtp));
    EXPECT_TRUE(SameKeys(alice2.Value().srtp, atBob2.Value().keys.srtp));
    EXPECT_NE(atBob1.Value().keys.srtp.initiatorToResponder.key,
              atBob2.Value().keys.srtp.initiatorToResponder.key);
    EXPECT_NE(atBob1.Value().keys.srtp.responderToInitiator.key,
              atBob2.Value().keys.srtp.responderToInitiator.key);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 2u);
}

TEST_F(KmsTicketTest, GivenAForkedDevice_WhenItUsesTheOtherDevicesModifierOrResolveResp_ThenRefused)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    // Bob1 resolves; Bob2 gets Bob1's RESOLVE_RESP instead of its own: it is not for its key.
    auto resolve1 = bob.ProcessTransferInit(transfer.Value(), kT0 + 2 * kSecondNs);
    auto resolve2 = bob2.ProcessTransferInit(transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(resolve1.IsOk() && resolve2.IsOk());
    KmsReply reply1 =
        world.kms.HandleResolveInit(*resolve1.Value().resolveInit, kT0 + 2 * kSecondNs);
    ASSERT_TRUE(reply1.IsOk());
    auto stolen = bob2.ProcessResolveResp(reply1.message, kT0 + 2 * kSecondNs);
    ASSERT_FALSE(stolen.IsOk());
    EXPECT_EQ(stolen.GetError().code, Errc::AuthFailed);

    // Bob2, with its own keys, answers Alice claiming Bob1's modifier (RANDRkms): Alice derives
    // Bob1's MPKr', so the MAC made with Bob2's MPKr' fails.
    // The refused message did not cancel Bob2's own pending Resolve.
    KmsReply reply2 =
        world.kms.HandleResolveInit(*resolve2.Value().resolveInit, kT0 + 2 * kSecondNs);
    ASSERT_TRUE(reply2.IsOk());
    auto atBob1 = bob.ProcessResolveResp(reply1.message, kT0 + 2 * kSecondNs);
    auto atBob2 = bob2.ProcessResolveResp(reply2.message, kT0 + 2 * kSecondNs);
    ASSERT_TRUE(atBob1.IsOk() && atBob2.IsOk());
    auto bob1Resp = mikey::ParseMikeyMessage(atBob1.Value().transferResp).Value();
    auto forged = mikey::ParseMikeyMessage(atBob2.Value().transferResp).Value();
    for (auto& p : forged.payloads)
    {
        if (auto* r = std::get_if<mikey::RandRolePayload>(&p); r && r->role == mikey::RandRole::Kms)
        {
            *r = *mikey::FindRandr(bob1Resp, mikey::RandRole::Kms);
        }
    }
    auto atAlice = alice.ProcessTransferResp(mikey::FormatMikeyMessage(forged));
    ASSERT_FALSE(atAlice.IsOk());
    EXPECT_EQ(atAlice.GetError().code, Errc::AuthFailed);
    EXPECT_FALSE(SameKeys(atBob1.Value().keys.srtp, atBob2.Value().keys.srtp));
}

/** \return the SRTP keys of two calls made with one reusable ticket, 10 minutes apart. */
std::vector<SrtpSessionKeys>
TwoCallsWithOneTicket(KmsWorld& world, TicketInitiator& alice, TicketResponder& bob)
{
    std::vector<SrtpSessionKeys> calls;
    RequestTicket(world, alice, {"sip:bob@example.com"}, true, kT0);
    for (int64_t at : {kT0 + kSecondNs, kT0 + 600 * kSecondNs})
    {
        EXPECT_TRUE(alice.HasUsableTicket(at));
        auto transfer = alice.BuildTransferInit("sip:bob@example.com", at);
        EXPECT_TRUE(transfer.IsOk());
        auto atBob = transfer ? ResolveAtResponder(world, bob, transfer.Value(), at)
                              : Result<ResponderOutcome>(transfer.GetError());
        EXPECT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
        auto atAlice = atBob ? alice.ProcessTransferResp(atBob.Value().transferResp)
                             : Result<EstablishedKeys>(atBob.GetError());
        EXPECT_TRUE(atAlice.IsOk());
        if (atAlice && atBob)
        {
            EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atBob.Value().keys.srtp));
            calls.push_back(atAlice.Value().srtp);
        }
    }
    return calls;
}

TEST_F(KmsTicketTest,
       GivenAReusableTicketAndACachingResponder_WhenTwoCalls_ThenOneRequestOneResolve)
{
    auto calls = TwoCallsWithOneTicket(world, alice, bob);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_FALSE(SameKeys(calls[0], calls[1])); // new RANDRi/RANDRr per Transfer
    EXPECT_EQ(world.kms.Stats().ticketsIssued, 1u);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 1u);
}

TEST_F(KmsTicketTest, GivenAReusableTicketAndANonCachingResponder_WhenTwoCalls_ThenBothResolved)
{
    TicketResponder forgetful(bobCred, Drbg::FromSeed(7, "forgetful"), false);
    auto calls = TwoCallsWithOneTicket(world, alice, forgetful);
    ASSERT_EQ(calls.size(), 2u);
    EXPECT_FALSE(SameKeys(calls[0], calls[1]));
    EXPECT_EQ(world.kms.Stats().ticketsIssued, 1u);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 2u);
}

TEST_F(KmsTicketTest, GivenACachedReusableTicket_WhenAForgedTransferInitReusesIt_ThenAuthFailed)
{
    auto calls = TwoCallsWithOneTicket(world, alice, bob);
    ASSERT_EQ(calls.size(), 2u);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + 700 * kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto forged = mikey::ParseMikeyMessage(transfer.Value()).Value();
    std::get<mikey::TimestampPayload>(forged.payloads.front()).value += 1;
    auto atBob =
        ResolveAtResponder(world, bob, mikey::FormatMikeyMessage(forged), kT0 + 700 * kSecondNs);
    ASSERT_FALSE(atBob.IsOk());
    EXPECT_EQ(atBob.GetError().code, Errc::AuthFailed);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 1u);
}

TEST_F(KmsTicketTest, GivenANonReusableTicket_WhenAliceStartsASecondTransfer_ThenInvalidState)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs).IsOk());
    EXPECT_FALSE(alice.HasUsableTicket(kT0 + 2 * kSecondNs));
    auto again = alice.BuildTransferInit("sip:bob@example.com", kT0 + 2 * kSecondNs);
    ASSERT_FALSE(again.IsOk());
    EXPECT_EQ(again.GetError().code, Errc::InvalidState);
}

TEST_F(KmsTicketTest, GivenAnExpiredReusableTicket_WhenAliceReusesIt_ThenOutOfRange)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, true, kT0);
    const int64_t late = kT0 + KmsPolicy{}.ticketLifetimeNs + kSecondNs;
    EXPECT_FALSE(alice.HasUsableTicket(late));
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", late);
    ASSERT_FALSE(transfer.IsOk());
    EXPECT_EQ(transfer.GetError().code, Errc::OutOfRange);
}

TEST_F(KmsTicketTest, GivenAnExpiredTicket_WhenALaggingResponderResolvesIt_ThenKmsRefusesWithErr14)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, true, kT0);
    const int64_t tre = kT0 + KmsPolicy{}.ticketLifetimeNs;
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", tre - 10 * kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    // Bob's clock is 60 s behind: he still sees the ticket valid, the KMS does not.
    auto resolve = bob.ProcessTransferInit(transfer.Value(), tre - 5 * kSecondNs);
    ASSERT_TRUE(resolve.IsOk()) << resolve.GetError().ToString();
    KmsReply reply =
        world.kms.HandleResolveInit(*resolve.Value().resolveInit, tre + 55 * kSecondNs);
    ASSERT_FALSE(reply.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::TicketExpired);
    EXPECT_EQ(reply.error->code, Errc::OutOfRange);
    EXPECT_EQ(ErrorNumber(reply.message), 14);
    auto atBob = bob.ProcessResolveResp(reply.message, tre);
    ASSERT_FALSE(atBob.IsOk());
    EXPECT_EQ(atBob.GetError().code, Errc::AuthFailed);
    // And Bob with a correct clock rejects it early, without contacting the KMS.
    auto early = bob2.ProcessTransferInit(transfer.Value(), tre + kSecondNs);
    ASSERT_FALSE(early.IsOk());
    EXPECT_EQ(early.GetError().code, Errc::OutOfRange);
}

TEST_F(KmsTicketTest, GivenATamperedTicketMac_WhenResolved_ThenInvalidTicketErr14)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    Bytes tampered = EditTicket(transfer.Value(), [](mikey::TicketPayload& t) {
        t.ticketData[t.ticketData.size() - 40] ^= 0x01; // inside the encrypted MPK/TGK
    });
    KmsReply reply;
    auto atBob = ResolveAtResponder(world, bob, tampered, kT0 + 2 * kSecondNs, &reply);
    ASSERT_FALSE(atBob.IsOk());
    ASSERT_FALSE(reply.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::InvalidTicket);
    EXPECT_EQ(reply.error->code, Errc::AuthFailed);
    EXPECT_EQ(ErrorNumber(reply.message), 14);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 0u);
}

TEST_F(KmsTicketTest, GivenCarolAddsHerselfToTheTicketRecipients_WhenSheResolves_ThenInvalidTicket)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    Bytes widened = EditTicket(transfer.Value(), [](mikey::TicketPayload& t) {
        t.policy.payloads.push_back(
            mikey::MakeIdr(mikey::IdRole::Responder, "sip:carol@example.com"));
    });
    KmsReply reply;
    auto atCarol = ResolveAtResponder(world, carol, widened, kT0 + 2 * kSecondNs, &reply);
    ASSERT_FALSE(atCarol.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::InvalidTicket);
    EXPECT_EQ(ErrorNumber(reply.message), 14);
}

TEST_F(KmsTicketTest, GivenCarolIsNotARecipient_WhenSheResolvesBobsTicket_ThenNotRecipientErr0)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    KmsReply reply;
    auto atCarol = ResolveAtResponder(world, carol, transfer.Value(), kT0 + 2 * kSecondNs, &reply);
    ASSERT_FALSE(atCarol.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::NotRecipient);
    EXPECT_EQ(reply.error->code, Errc::AuthFailed);
    EXPECT_EQ(ErrorNumber(reply.message), 0);
    EXPECT_EQ(world.kms.Stats().refused[static_cast<size_t>(Refusal::NotRecipient)], 1u);
}

TEST_F(KmsTicketTest, GivenAReplayedRequestInit_WhenTheKmsSeesItAgain_ThenReplayErr1)
{
    auto request = alice.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    ASSERT_TRUE(world.kms.HandleRequestInit(request.Value(), kT0).IsOk());
    KmsReply again = world.kms.HandleRequestInit(request.Value(), kT0 + kSecondNs);
    ASSERT_FALSE(again.IsOk());
    EXPECT_EQ(*again.refusal, Refusal::Replay);
    EXPECT_EQ(again.error->code, Errc::Replay);
    EXPECT_EQ(ErrorNumber(again.message), 1);
    EXPECT_EQ(world.kms.Stats().ticketsIssued, 1u);
}

TEST_F(KmsTicketTest, GivenAReplayedResolveInit_WhenTheKmsSeesItAgain_ThenReplayErr1)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto resolve = bob.ProcessTransferInit(transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(resolve.IsOk());
    ASSERT_TRUE(
        world.kms.HandleResolveInit(*resolve.Value().resolveInit, kT0 + 2 * kSecondNs).IsOk());
    KmsReply again = world.kms.HandleResolveInit(*resolve.Value().resolveInit, kT0 + 3 * kSecondNs);
    ASSERT_FALSE(again.IsOk());
    EXPECT_EQ(*again.refusal, Refusal::Replay);
    EXPECT_EQ(ErrorNumber(again.message), 1);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 1u);
}

TEST_F(KmsTicketTest, GivenAnUnknownBtid_WhenRequesting_ThenUnknownUserErr0WithoutV)
{
    UeCredentials stranger{"sip:alice@example.com", "unknown-btid@bsf.example.com", aliceCred.psk,
                           kKmsUri};
    TicketInitiator mallory = MakeInitiator(stranger);
    auto request = mallory.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    KmsReply reply = world.kms.HandleRequestInit(request.Value(), kT0);
    ASSERT_FALSE(reply.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::UnknownUser);
    EXPECT_EQ(ErrorNumber(reply.message), 0);
    auto parsed = mikey::ParseMikeyMessage(reply.message);
    ASSERT_TRUE(parsed.IsOk());
    EXPECT_EQ(mikey::FindPayload<mikey::VerificationPayload>(parsed.Value()), nullptr);
    auto status = mallory.ProcessRequestResp(reply.message, kT0);
    ASSERT_FALSE(status.IsOk());
    EXPECT_EQ(status.GetError().code, Errc::AuthFailed);
}

TEST_F(KmsTicketTest, GivenAWrongPsk_WhenRequesting_ThenAuthFailedErr0)
{
    UeCredentials wrong = aliceCred;
    wrong.psk[0] ^= 0x80;
    TicketInitiator mallory = MakeInitiator(wrong);
    auto request = mallory.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    KmsReply reply = world.kms.HandleRequestInit(request.Value(), kT0);
    ASSERT_FALSE(reply.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::AuthFailed);
    EXPECT_EQ(reply.error->code, Errc::AuthFailed);
    EXPECT_EQ(ErrorNumber(reply.message), 0);
}

TEST_F(KmsTicketTest, GivenAliceClaimsBobsIdentity_WhenRequesting_ThenIdentityNotOwnedErr7)
{
    UeCredentials spoof = aliceCred;
    spoof.impu = "sip:bob@example.com";
    TicketInitiator mallory = MakeInitiator(spoof);
    auto request = mallory.BuildRequestInit({"sip:carol@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    KmsReply reply = world.kms.HandleRequestInit(request.Value(), kT0);
    ASSERT_FALSE(reply.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::IdentityNotOwned);
    EXPECT_EQ(ErrorNumber(reply.message), 7);
}

TEST_F(KmsTicketTest, GivenAlicesTicketInAFreshTransferInit_WhenBobResolves_ThenTheReplayIsDetected)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    // Mallory keeps Alice's ticket (with its Initiator Data) but sends a new RANDRi.
    auto forged = mikey::ParseMikeyMessage(transfer.Value()).Value();
    for (auto& p : forged.payloads)
    {
        if (auto* r = std::get_if<mikey::RandRolePayload>(&p))
        {
            r->rand[0] ^= 0xFF;
        }
    }
    auto atBob =
        ResolveAtResponder(world, bob, mikey::FormatMikeyMessage(forged), kT0 + 2 * kSecondNs);
    ASSERT_FALSE(atBob.IsOk());
    EXPECT_EQ(atBob.GetError().code, Errc::AuthFailed);
}

TEST_F(KmsTicketTest, GivenAReplayedTransferInit_WhenBobProcessesItTwice_ThenReplay)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    ASSERT_TRUE(ResolveAtResponder(world, bob, transfer.Value(), kT0 + 2 * kSecondNs).IsOk());
    auto again = ResolveAtResponder(world, bob, transfer.Value(), kT0 + 3 * kSecondNs);
    ASSERT_FALSE(again.IsOk());
    EXPECT_EQ(again.GetError().code, Errc::Replay);
}

/** \return true when \p reply is a refusal carrying a parseable MIKEY Error message. */
bool
RefusedWithErrorMessage(const KmsReply& reply)
{
    return !reply.IsOk() && reply.refusal.has_value() && ErrorNumber(reply.message) >= 0;
}

TEST_F(KmsTicketTest, GivenEveryPrefixAndBitFlipOfTheRequests_WhenHandled_ThenEachIsRefused)
{
    auto request = alice.BuildRequestInit({"sip:bob@example.com"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto step = bob.ProcessTransferInit(transfer.Value(), kT0 + kSecondNs);
    ASSERT_TRUE(step.IsOk() && step.Value().resolveInit);
    const Bytes resolve = *step.Value().resolveInit;
    const Bytes& requestInit = request.Value();
    for (const Bytes* original : {&requestInit, &resolve})
    {
        const bool isRequest = original == &requestInit;
        auto handle = [&](const Bytes& m) {
            return isRequest ? world.kms.HandleRequestInit(m, kT0 + kSecondNs)
                             : world.kms.HandleResolveInit(m, kT0 + kSecondNs);
        };
        for (size_t n = 0; n < original->size(); ++n)
        {
            EXPECT_TRUE(
                RefusedWithErrorMessage(handle(Bytes(original->begin(), original->begin() + n))))
                << "prefix " << n;
        }
        for (size_t i = 0; i < original->size(); ++i)
        {
            for (int bit = 0; bit < 8; ++bit)
            {
                Bytes flipped = *original;
                flipped[i] ^= static_cast<uint8_t>(1u << bit);
                EXPECT_TRUE(RefusedWithErrorMessage(handle(flipped))) << "byte " << i;
            }
        }
    }
    EXPECT_EQ(world.kms.Stats().ticketsIssued, 1u);
    EXPECT_EQ(world.kms.Stats().ticketsResolved, 0u);
}

/** \brief A department group and an outsider. */
class KmsGroupTicketTest : public KmsTicketTest
{
  protected:
    KmsGroupTicketTest()
        : memberCred(world.AddUser("sip:user1.department@company", "member-btid@bsf"))
        , outsiderCred(world.AddUser("sip:user1.sales@company", "outsider-btid@bsf"))
        , member(MakeResponder(memberCred))
        , outsider(MakeResponder(outsiderCred))
    {
    }

    UeCredentials memberCred;   //!< in *.department@company
    UeCredentials outsiderCred; //!< not in it
    TicketResponder member;     //!< member's agent
    TicketResponder outsider;   //!< outsider's agent
};

TEST_F(KmsGroupTicketTest, GivenAGroupTicket_WhenAMemberResolves_ThenKeysAgree)
{
    RequestTicket(world, alice, {"sip:*.department@company"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:user1.department@company", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto atMember = ResolveAtResponder(world, member, transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(atMember.IsOk()) << atMember.GetError().ToString();
    auto atAlice = alice.ProcessTransferResp(atMember.Value().transferResp);
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();
    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atMember.Value().keys.srtp));
    EXPECT_EQ(atAlice.Value().peerIdentity, "sip:user1.department@company");
}

TEST_F(KmsGroupTicketTest, GivenAGroupTicket_WhenANonMemberResolves_ThenNotRecipientErr0)
{
    RequestTicket(world, alice, {"sip:*.department@company"}, false, kT0);
    // Alice would not send it to the outsider; it reaches him retargeted.
    EXPECT_FALSE(alice.HasUsableTicket(kT0 + kSecondNs, "sip:user1.sales@company"));
    auto transfer = alice.BuildTransferInit("sip:user2.department@company", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    KmsReply reply;
    auto atOutsider =
        ResolveAtResponder(world, outsider, transfer.Value(), kT0 + 2 * kSecondNs, &reply);
    ASSERT_FALSE(atOutsider.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::NotRecipient);
    EXPECT_EQ(ErrorNumber(reply.message), 0);
}

TEST_F(KmsGroupTicketTest, GivenAReusableGroupTicket_WhenAliceCallsTwoMembers_ThenOneTicketServesBoth)
{
    RequestTicket(world, alice, {"sip:*.department@company"}, true, kT0);
    EXPECT_TRUE(alice.HasUsableTicket(kT0 + kSecondNs, "sip:user1.department@company"));
    EXPECT_TRUE(alice.HasUsableTicket(kT0 + kSecondNs, "sip:user2.department@company"));
    EXPECT_TRUE(alice.BuildTransferInit("sip:user1.department@company", kT0 + kSecondNs).IsOk());
    EXPECT_TRUE(alice.BuildTransferInit("sip:user2.department@company", kT0 + kSecondNs).IsOk());
    EXPECT_EQ(world.kms.Stats().ticketsIssued, 1u);
}

TEST_F(KmsTicketTest, GivenTicketsForBobAndCarol_WhenAliceCallsEach_ThenEachCallUsesItsOwnTicket)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, true, kT0);
    EXPECT_FALSE(alice.HasUsableTicket(kT0, "sip:carol@example.com"));
    auto none = alice.BuildTransferInit("sip:carol@example.com", kT0);
    ASSERT_FALSE(none.IsOk());
    EXPECT_EQ(none.GetError().code, Errc::InvalidState);
    RequestTicket(world, alice, {"sip:carol@example.com"}, true, kT0);
    auto toBob = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    auto toCarol = alice.BuildTransferInit("sip:carol@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(toBob.IsOk() && toCarol.IsOk());
    // Each resolves at the KMS: the cached ticket for Bob did not go to Carol.
    EXPECT_TRUE(ResolveAtResponder(world, bob, toBob.Value(), kT0 + 2 * kSecondNs).IsOk());
    EXPECT_TRUE(ResolveAtResponder(world, carol, toCarol.Value(), kT0 + 2 * kSecondNs).IsOk());
}

/** \brief A KMS whose policy forbids group tickets and reuse. */
class KmsStrictPolicyTest : public KmsTicketTest
{
  protected:
    KmsStrictPolicyTest()
        : KmsTicketTest(StrictPolicy())
    {
    }

    /** \return a policy that forbids group tickets and reuse. */
    static KmsPolicy
    StrictPolicy()
    {
        KmsPolicy policy;
        policy.allowReuse = false;
        policy.allowGroupTickets = false;
        policy.replayCacheEntries = 1000;
        return policy;
    }
};

TEST_F(KmsStrictPolicyTest, GivenGroupTicketsForbidden_WhenRequested_ThenPolicyDeniedErr15)
{
    auto request = alice.BuildRequestInit({"sip:*@*"}, false, kT0);
    ASSERT_TRUE(request.IsOk());
    KmsReply reply = world.kms.HandleRequestInit(request.Value(), kT0);
    ASSERT_FALSE(reply.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::PolicyDenied);
    EXPECT_EQ(ErrorNumber(reply.message), 15);
}

TEST_F(KmsStrictPolicyTest, GivenReuseForbidden_WhenAReusableTicketIsAsked_ThenItServesOneCallOnly)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, true, kT0);
    ASSERT_TRUE(alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs).IsOk());
    EXPECT_FALSE(alice.HasUsableTicket(kT0 + 2 * kSecondNs));
}

/**
 * \brief Deferred delivery: Alice's TRANSFER_INIT is answered by a voice-mail server; Bob
 * resolves the stored TRANSFER_INIT \p laterNs and gets the keys (or the error).
 */
Result<ResponderOutcome>
RetrieveStored(KmsWorld& world, TicketResponder& bob, const Bytes& stored, int64_t laterNs,
               KmsReply* kmsReply = nullptr)
{
    auto resolve = bob.ResolveStoredTransferInit(stored, laterNs);
    if (!resolve)
    {
        return resolve.GetError();
    }
    KmsReply reply = world.kms.HandleResolveInit(resolve.Value(), laterNs);
    if (kmsReply != nullptr)
    {
        *kmsReply = reply;
    }
    return bob.ProcessResolveResp(reply.message, laterNs);
}

TEST_F(KmsTicketTest, GivenAStoredTransferInit_WhenBobResolvesItLater_ThenHeHasAlicesDeferredKeys)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto atAlice = alice.DeferredKeys(transfer.Value());
    ASSERT_TRUE(atAlice.IsOk()) << atAlice.GetError().ToString();
    // Twenty minutes later: far outside the 300 s replay window of a live Transfer.
    auto atBob = RetrieveStored(world, bob, transfer.Value(), kT0 + 1200 * kSecondNs);
    ASSERT_TRUE(atBob.IsOk()) << atBob.GetError().ToString();
    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atBob.Value().keys.srtp));
    EXPECT_TRUE(atBob.Value().transferResp.empty());
    EXPECT_EQ(atBob.Value().keys.peerIdentity, "sip:alice@example.com");
    EXPECT_EQ(atAlice.Value().peerIdentity, "sip:bob@example.com");
    // A second device of Bob reads the same message with the same keys.
    auto atBob2 = RetrieveStored(world, bob2, transfer.Value(), kT0 + 1300 * kSecondNs);
    ASSERT_TRUE(atBob2.IsOk()) << atBob2.GetError().ToString();
    EXPECT_TRUE(SameKeys(atAlice.Value().srtp, atBob2.Value().keys.srtp));
}

TEST_F(KmsTicketTest, GivenDeferredKeys_WhenComparedWithTheLiveForkedKeys_ThenTheyDiffer)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto deferred = alice.DeferredKeys(transfer.Value());
    auto live = ResolveAtResponder(world, bob, transfer.Value(), kT0 + 2 * kSecondNs);
    ASSERT_TRUE(deferred.IsOk() && live.IsOk());
    EXPECT_NE(deferred.Value().srtp.initiatorToResponder.key,
              live.Value().keys.srtp.initiatorToResponder.key);
    EXPECT_FALSE(alice.DeferredKeys(Bytes{0x01, 0x02}).IsOk());
}

TEST_F(KmsTicketTest, GivenAStoredTransferInit_WhenCarolWhoIsNoRecipientResolvesIt_ThenRefused)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    KmsReply reply;
    auto atCarol = RetrieveStored(world, carol, transfer.Value(), kT0 + 60 * kSecondNs, &reply);
    ASSERT_FALSE(atCarol.IsOk());
    EXPECT_EQ(*reply.refusal, Refusal::NotRecipient);
    EXPECT_EQ(ErrorNumber(reply.message), 0);
}

TEST_F(KmsTicketTest, GivenAStoredTransferInitWithATamperedT_WhenBobResolvesIt_ThenAuthFailed)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto parsed = mikey::ParseMikeyMessage(transfer.Value());
    ASSERT_TRUE(parsed.IsOk());
    // The voice-mail server back-dates the message: the TRANSFER_INIT MAC no longer verifies.
    parsed.Value().payloads.front() = mikey::MakeNtpTimestamp(kT0 - 3600 * kSecondNs);
    auto atBob = RetrieveStored(world, bob, mikey::FormatMikeyMessage(parsed.Value()),
                                kT0 + 60 * kSecondNs);
    ASSERT_FALSE(atBob.IsOk());
    EXPECT_EQ(atBob.GetError().code, Errc::AuthFailed);
}

TEST_F(KmsTicketTest, GivenAStoredTransferInit_WhenRetrievedAfterTheTicketExpired_ThenOutOfRange)
{
    RequestTicket(world, alice, {"sip:bob@example.com"}, false, kT0);
    auto transfer = alice.BuildTransferInit("sip:bob@example.com", kT0 + kSecondNs);
    ASSERT_TRUE(transfer.IsOk());
    auto late = bob.ResolveStoredTransferInit(transfer.Value(),
                                              kT0 + KmsPolicy{}.ticketLifetimeNs + kSecondNs);
    ASSERT_FALSE(late.IsOk());
    EXPECT_EQ(late.GetError().code, Errc::OutOfRange);
}

} // namespace
} // namespace kms
} // namespace mediasec
