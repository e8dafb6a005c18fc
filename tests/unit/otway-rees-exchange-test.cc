// The Otway-Rees exchange of seed 001 with nonces (doc/otway-rees.md) run in-process: A, B and
// the KMS agree on K and on the SRTP keys of both directions, the KMS counts its work, and the
// end-to-middle variant of seed 000 hands the same keys to the PSTN MGW. All randomness comes
// from seeded DRBGs; there are no published vectors, so the claims are agreement properties.
#include "otway-rees-test-world.h"
#include "protocol/otway-rees/otway-rees-messages.h"
#include "protocol/otway-rees/otway-rees-srtp-keys.h"
#include "protocol/otway-rees/sgw-key-push.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace otway
{
namespace
{

using namespace test;

/** \return true when both sides hold the same SRTP keys in both directions */
bool
SameSrtp(const kms::SrtpSessionKeys& x, const kms::SrtpSessionKeys& y)
{
    return x.suite == y.suite && x.initiatorToResponder.key == y.initiatorToResponder.key &&
           x.initiatorToResponder.salt == y.initiatorToResponder.salt &&
           x.responderToInitiator.key == y.responderToInitiator.key &&
           x.responderToInitiator.salt == y.responderToInitiator.salt;
}

TEST(OtwayReesExchange, GivenRegisteredAAndB_WhenTheFourMessagesRun_ThenBothHoldTheSameKAndSrtpKeys)
{
    OtwayWorld w;
    auto a = w.Alice();
    auto b = w.Responder(kBob);
    CallRun run = RunCall(w, a, b);
    ASSERT_TRUE(run.reply.IsOk()) << run.reply.error->ToString();
    ASSERT_TRUE(run.atB) << run.atB.GetError().ToString();
    ASSERT_TRUE(run.atA) << run.atA.GetError().ToString();
    const OtwayReesKeys& ka = run.atA.Value();
    const OtwayReesKeys& kb = run.atB.Value().keys;
    EXPECT_EQ(ka.sessionKey.size(), kSessionKeyLength);
    EXPECT_EQ(ka.sessionKey, kb.sessionKey);
    EXPECT_EQ(ka.sessionId, a.SessionId());
    EXPECT_EQ(kb.sessionId, a.SessionId());
    EXPECT_TRUE(SameSrtp(ka.srtp, kb.srtp));
    EXPECT_EQ(ka.initiatorId, kAlice);
    EXPECT_EQ(ka.responderId, kBob);
    EXPECT_EQ(ka.requesterId, kBob);
    EXPECT_TRUE(a.IsEstablished());
    EXPECT_TRUE(b.IsEstablished());
}

TEST(OtwayReesExchange, GivenTheAgreedK_WhenSrtpKeysAreDerived_ThenTheyMatchDeriveOtwayReesSrtpKeys)
{
    OtwayWorld w;
    auto a = w.Alice();
    auto b = w.Responder(kBob);
    CallRun run = RunCall(w, a, b);
    ASSERT_TRUE(run.atA);
    auto direct = DeriveOtwayReesSrtpKeys(run.atA.Value().sessionKey, run.atA.Value().sessionId);
    ASSERT_TRUE(direct);
    EXPECT_TRUE(SameSrtp(direct.Value(), run.atA.Value().srtp));
    EXPECT_EQ(direct.Value().initiatorToResponder.key.size(), 16u);
    EXPECT_EQ(direct.Value().initiatorToResponder.salt.size(), 14u);
    EXPECT_NE(direct.Value().initiatorToResponder.key, direct.Value().responderToInitiator.key);
}

TEST(OtwayReesExchange,
     GivenOneGrantedRequest_WhenTheKmsCounts_ThenItIssuedOneKeyWithFourAeadsAndThreeRandoms)
{
    OtwayWorld w;
    auto a = w.Alice();
    auto b = w.Responder(kBob);
    CallRun run = RunCall(w, a, b);
    ASSERT_TRUE(run.reply.IsOk());
    EXPECT_EQ(w.kms.Stats().keysIssued, 1u);
    EXPECT_EQ(run.reply.ops.cipher, 4u); // open Ea, Eb; seal Ea', Eb'
    EXPECT_EQ(run.reply.ops.random, 3u); // K and two IVs
    EXPECT_EQ(w.kms.Stats().ops.Total(), run.reply.ops.Total());
    EXPECT_EQ(a.Ops().cipher, 2u); // seal Ea, open Ea'
    EXPECT_EQ(a.Ops().mac, kSrtpKeyDerivationMacs);
    for (uint64_t refused : w.kms.Stats().refused)
    {
        EXPECT_EQ(refused, 0u);
    }
}

TEST(OtwayReesExchange, GivenTheSameSeeds_WhenACallRunsTwice_ThenEveryMessageIsIdentical)
{
    OtwayWorld w1;
    OtwayWorld w2;
    CallRun r1 = RunNewCall(w1);
    CallRun r2 = RunNewCall(w2);
    EXPECT_EQ(r1.offer, r2.offer);
    EXPECT_EQ(r1.request, r2.request);
    EXPECT_EQ(r1.reply.message, r2.reply.message);
}

TEST(OtwayReesExchange, GivenTwoCalls_WhenBothComplete_ThenTheirSessionIdsAndKeysDiffer)
{
    OtwayWorld w;
    CallRun r1 = RunNewCall(w);
    CallRun r2 = RunNewCall(w);
    ASSERT_TRUE(r1.atA && r2.atA);
    EXPECT_NE(r1.atA.Value().sessionId, r2.atA.Value().sessionId);
    EXPECT_NE(r1.atA.Value().sessionKey, r2.atA.Value().sessionKey);
    EXPECT_EQ(w.kms.Stats().keysIssued, 2u);
}

TEST(OtwayReesExchange,
     GivenAnAllowedSgw_WhenItAnswersForAPstnCallee_ThenAAndTheMgwHoldTheSameSrtpKeys)
{
    OtwayWorld w;
    auto a = w.Alice();
    auto sgw = w.Responder(kSgw, ResponderRole::Gateway);
    CallRun run = RunCall(w, a, sgw, kPstn);
    ASSERT_TRUE(run.atB) << run.atB.GetError().ToString();
    ASSERT_TRUE(run.atA) << run.atA.GetError().ToString();
    EXPECT_EQ(run.atA.Value().responderId, kPstn);
    EXPECT_EQ(run.atA.Value().requesterId, kSgw); // A sees that the SGW holds K

    Bytes ksm = Drbg::FromSeed(1, "otway/ksm").Generate(kLongTermKeyLength);
    const OtwayReesKeys& atSgw = run.atB.Value().keys;
    auto push = BuildSgwKeyPush(ksm, kSgw, atSgw.sessionId, atSgw.sessionKey, w.drbgB, kT0);
    ASSERT_TRUE(push);
    SgwKeyPushReceiver mgw(ksm, 30 * kSecondNs, 100);
    auto pushed = mgw.Open(push.Value(), kT0 + kSecondNs);
    ASSERT_TRUE(pushed) << pushed.GetError().ToString();
    EXPECT_EQ(pushed.Value().gatewayId, kSgw);
    EXPECT_EQ(pushed.Value().sessionId, run.atA.Value().sessionId);
    EXPECT_TRUE(SameSrtp(pushed.Value().srtp, run.atA.Value().srtp));
}

TEST(OtwayReesExchange,
     GivenAKmsRefusal_WhenBReadsTheErrorMessage_ThenItReportsTheRefusalAndStaysOpen)
{
    OtwayWorld w;
    w.keys.erase(kAlice);
    auto a = OtwayReesInitiator(kAlice, Drbg::FromSeed(2, "unknown").Generate(32));
    auto b = w.Responder(kBob);
    CallRun run = RunCall(w, a, b);
    ASSERT_FALSE(run.atB);
    EXPECT_EQ(run.atB.GetError().code, Errc::InvalidState);
    EXPECT_NE(run.atB.GetError().detail.find("unknown-identity"), std::string::npos);
    EXPECT_FALSE(b.IsEstablished());
    auto error = ParseErrorMessage(run.reply.message);
    ASSERT_TRUE(error);
    EXPECT_EQ(error.Value().sessionId, a.SessionId());
}

TEST(OtwayReesSrtpKeys, GivenDifferentKOrM_WhenDerived_ThenTheKeysDiffer)
{
    Bytes k(kSessionKeyLength, 0x11);
    Bytes m(kSessionIdLength, 0x22);
    Bytes k2 = k;
    k2[0] ^= 1;
    Bytes m2 = m;
    m2[15] ^= 1;
    auto base = DeriveOtwayReesSrtpKeys(k, m);
    auto otherK = DeriveOtwayReesSrtpKeys(k2, m);
    auto otherM = DeriveOtwayReesSrtpKeys(k, m2);
    ASSERT_TRUE(base && otherK && otherM);
    EXPECT_NE(base.Value().initiatorToResponder.key, otherK.Value().initiatorToResponder.key);
    EXPECT_NE(base.Value().initiatorToResponder.key, otherM.Value().initiatorToResponder.key);
    EXPECT_EQ(base.Value().initiatorToResponder.key,
              DeriveOtwayReesSrtpKeys(k, m).Value().initiatorToResponder.key);
}

TEST(OtwayReesSrtpKeys, GivenAShortKOrM_WhenDerived_ThenBadLength)
{
    EXPECT_EQ(DeriveOtwayReesSrtpKeys(Bytes(16, 1), Bytes(16, 2)).GetError().code, Errc::BadLength);
    EXPECT_EQ(DeriveOtwayReesSrtpKeys(Bytes(32, 1), Bytes(15, 2)).GetError().code, Errc::BadLength);
}

} // namespace
} // namespace otway
} // namespace mediasec
