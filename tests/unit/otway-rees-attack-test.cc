// The published Otway-Rees attacks (REFERENCE.md 6.1) and the other refusals of the seed 001/000
// model (doc/otway-rees.md), each replayed against the real messages: the party under attack
// refuses with the typed error and refusal naming the reason, and learns no key (the KMS issues
// none, A and B stay unestablished).
#include "otway-rees-test-world.h"
#include "protocol/otway-rees/otway-rees-aead.h"
#include "protocol/otway-rees/otway-rees-fields.h"
#include "protocol/otway-rees/otway-rees-messages.h"
#include "protocol/otway-rees/otway-rees-parts.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace otway
{
namespace
{

using namespace test;

/** \brief A's offer and B's request of one call, before the KMS sees it. */
class OtwayReesAttack : public ::testing::Test
{
  protected:
    void
    SetUp() override
    {
        offer = a.BuildOffer(kBob, w.drbgA, kT0).Value();
        request = ParseKmsRequest(b.BuildKmsRequest(offer, w.drbgB, kT0).Value()).Value();
    }

    /** \brief Expects the KMS to refuse \p bytes with \p refusal and \p code, issuing nothing. */
    void
    ExpectRefused(const Bytes& bytes, Refusal refusal, Errc code, int64_t nowNs = kT0)
    {
        uint64_t issued = w.kms.Stats().keysIssued;
        auto out = w.kms.Handle(bytes, nowNs);
        ASSERT_FALSE(out.IsOk());
        EXPECT_EQ(*out.refusal, refusal) << out.error->ToString();
        EXPECT_EQ(out.error->code, code) << out.error->ToString();
        auto error = ParseErrorMessage(out.message);
        ASSERT_TRUE(error) << "the refusal is sent as an Error message";
        EXPECT_EQ(error.Value().refusal, refusal);
        EXPECT_EQ(w.kms.Stats().keysIssued, issued);
        EXPECT_GE(w.kms.Stats().refused[static_cast<size_t>(refusal)], 1u);
    }

    /** \return the KmsReply of the genuine request */
    Bytes
    GenuineReply()
    {
        auto out = w.kms.Handle(FormatKmsRequest(request), kT0);
        EXPECT_TRUE(out.IsOk());
        return out.message;
    }

    /** \return the Answer B builds from the genuine reply */
    Bytes
    GenuineAnswer()
    {
        auto atB = b.ProcessKmsReply(GenuineReply());
        EXPECT_TRUE(atB);
        return atB ? atB.Value().answer : Bytes{};
    }

    OtwayWorld w;
    OtwayReesInitiator a = w.Alice();
    OtwayReesResponder b = w.Responder(kBob);
    Bytes offer;
    KmsRequest request;
};

TEST_F(OtwayReesAttack, GivenOneFlippedByteInEa_WhenTheKmsOpensIt_ThenOpenFailedAuthFailed)
{
    request.sealedInitiator[20] ^= 0x01;
    ExpectRefused(FormatKmsRequest(request), Refusal::OpenFailed, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack, GivenOneFlippedByteInEb_WhenTheKmsOpensIt_ThenOpenFailedAuthFailed)
{
    request.sealedRequester.back() ^= 0x80;
    ExpectRefused(FormatKmsRequest(request), Refusal::OpenFailed, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack, GivenAFlippedByteInEbPrime_WhenBOpensTheReply_ThenAuthFailedAndNoKey)
{
    KmsReply reply = ParseKmsReply(GenuineReply()).Value();
    reply.sealedRequesterGrant[30] ^= 0x04;
    auto out = b.ProcessKmsReply(FormatKmsReply(reply));
    ExpectError(out, Errc::AuthFailed);
    EXPECT_FALSE(b.IsEstablished());
}

TEST_F(OtwayReesAttack, GivenAFlippedByteInEaPrime_WhenAOpensTheAnswer_ThenAuthFailedAndNoKey)
{
    Answer answer = ParseAnswer(GenuineAnswer()).Value();
    answer.sealedInitiatorGrant[5] ^= 0x10; // in the IV
    auto out = a.ProcessAnswer(FormatAnswer(answer));
    ExpectError(out, Errc::AuthFailed);
    EXPECT_FALSE(a.IsEstablished());
}

TEST_F(OtwayReesAttack, GivenEaPrimePresentedAsEa_WhenTheKmsOpensIt_ThenTheTypeTagRefusesIt)
{
    KmsReply reply = ParseKmsReply(GenuineReply()).Value();
    request.sealedInitiator = reply.sealedInitiatorGrant; // same key Ka, other type
    ExpectRefused(FormatKmsRequest(request), Refusal::OpenFailed, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack, GivenAsOwnEaPresentedAsEbByA_WhenTheKmsOpensIt_ThenTheTypeTagRefusesIt)
{
    request.requesterId = kAlice; // Eb must open under Ka now, but carries the Ea tag
    request.sealedRequester = request.sealedInitiator;
    ExpectRefused(FormatKmsRequest(request), Refusal::OpenFailed, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack,
       GivenBsEbPresentedAsEaOfACallFromB_WhenTheKmsOpensIt_ThenTheTypeTagRefusesIt)
{
    // Same key Kb under both parts: only the type tag tells Eb from Ea.
    request.initiatorId = kBob;
    request.sealedInitiator = request.sealedRequester;
    ExpectRefused(FormatKmsRequest(request), Refusal::OpenFailed, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack,
       GivenMessageTwoCiphertextsReturnedAsMessageThree_WhenBOpensThem_ThenAuthFailed)
{
    // Gurgens-Peralta arity attack: the intruder answers B with Ea, Eb as Ea', Eb'.
    KmsReply fake{request.sessionId, request.sealedInitiator, request.sealedRequester};
    auto out = b.ProcessKmsReply(FormatKmsReply(fake));
    ExpectError(out, Errc::AuthFailed);
    EXPECT_FALSE(b.IsEstablished());
}

TEST_F(OtwayReesAttack, GivenAsOfferReflectedAsTheAnswer_WhenAReadsIt_ThenRefusedAsAnotherMessage)
{
    // Cole's reflection: the bare offer, then its Ea repackaged as an Answer.
    auto raw = a.ProcessAnswer(offer);
    ExpectError(raw, Errc::Malformed);
    Offer parsed = ParseOffer(offer).Value();
    auto repackaged =
        a.ProcessAnswer(FormatAnswer(Answer{parsed.sessionId, parsed.sealedInitiator}));
    ExpectError(repackaged, Errc::AuthFailed);
    EXPECT_FALSE(a.IsEstablished());
}

TEST_F(OtwayReesAttack, GivenEaWithAnExtraFieldSealedUnderKa_WhenTheKmsOpensIt_ThenMalformedArity)
{
    kms::CryptoOps ops;
    Bytes plaintext =
        EncodeRequestPart(RequestPart{Bytes(16, 1), request.sessionId, kAlice, kBob, kT0});
    FieldWriter extra;
    extra.Add(FieldType::SessionKey, Bytes(kSessionKeyLength, 7));
    Bytes tail = extra.Take();
    plaintext.insert(plaintext.end(), tail.begin(), tail.end());
    request.sealedInitiator =
        SealPart(w.keys[kAlice], FieldType::SealedInitiatorRequest, plaintext, w.drbgA, ops)
            .Value();
    ExpectRefused(FormatKmsRequest(request), Refusal::OpenFailed, Errc::Malformed);
}

TEST_F(OtwayReesAttack, GivenEaWithoutItsTimestampSealedUnderKa_WhenTheKmsOpensIt_ThenMissingField)
{
    kms::CryptoOps ops;
    FieldWriter fields;
    fields.Add(FieldType::Nonce, Bytes(kNonceLength, 1));
    fields.Add(FieldType::SessionId, request.sessionId);
    fields.AddText(FieldType::InitiatorId, kAlice);
    fields.AddText(FieldType::ResponderId, kBob);
    request.sealedInitiator =
        SealPart(w.keys[kAlice], FieldType::SealedInitiatorRequest, fields.Take(), w.drbgA, ops)
            .Value();
    ExpectRefused(FormatKmsRequest(request), Refusal::OpenFailed, Errc::MissingField);
}

TEST_F(OtwayReesAttack, GivenCarolReusingEaWithHerOwnPlainIds_WhenTheKmsChecks_ThenIdentityMismatch)
{
    // Boyd-Mao: C sends M, A, C, Ea, Ec with Ec = {Nc, M, A, C}Kc.
    auto carol = w.Responder(kCarol);
    Offer forged = ParseOffer(offer).Value();
    forged.responderId = kCarol;
    auto carolRequest = carol.BuildKmsRequest(FormatOffer(forged), w.drbgB, kT0);
    ASSERT_TRUE(carolRequest);
    ExpectRefused(carolRequest.Value(), Refusal::IdentityMismatch, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack,
       GivenCarolRequestingAsRequesterForBobsCall_WhenTheKmsChecks_ThenNotAuthorized)
{
    auto carol = w.Responder(kCarol, ResponderRole::Gateway); // builds for any callee
    auto carolRequest = carol.BuildKmsRequest(offer, w.drbgB, kT0);
    ASSERT_TRUE(carolRequest);
    ExpectRefused(carolRequest.Value(), Refusal::NotAuthorized, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack, GivenASealedMOtherThanThePlainM_WhenTheKmsChecks_ThenSessionMismatch)
{
    request.sessionId[0] ^= 0xff;
    ExpectRefused(FormatKmsRequest(request), Refusal::SessionMismatch, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack, GivenAnOldAnswer_WhenReplayedToAInANewSession_ThenReplayAndNoKey)
{
    Bytes old = GenuineAnswer();
    ASSERT_TRUE(a.ProcessAnswer(old));

    auto a2 = w.Alice();
    Bytes offer2 = a2.BuildOffer(kBob, w.drbgA, kT0 + kSecondNs).Value();
    auto asIs = a2.ProcessAnswer(old);
    ExpectError(asIs, Errc::Replay);
    Answer relabelled = ParseAnswer(old).Value();
    relabelled.sessionId = ParseOffer(offer2).Value().sessionId; // old Ea(K) under the new M
    auto rewritten = a2.ProcessAnswer(FormatAnswer(relabelled));
    ExpectError(rewritten, Errc::Replay);
    EXPECT_FALSE(a2.IsEstablished());
}

TEST_F(OtwayReesAttack, GivenAnEstablishedA_WhenTheAnswerArrivesAgain_ThenInvalidState)
{
    Bytes answer = GenuineAnswer();
    ASSERT_TRUE(a.ProcessAnswer(answer));
    auto again = a.ProcessAnswer(answer);
    ExpectError(again, Errc::InvalidState);
}

TEST_F(OtwayReesAttack, GivenAGrantedRequest_WhenReplayedToTheKms_ThenReplayAndNoSecondKey)
{
    // Different-keys disruption: a replayed message 2 must not yield a second K.
    Bytes bytes = FormatKmsRequest(request);
    ASSERT_TRUE(w.kms.Handle(bytes, kT0).IsOk());
    auto again = w.kms.Handle(bytes, kT0 + kSecondNs);
    ASSERT_FALSE(again.IsOk());
    EXPECT_EQ(*again.refusal, Refusal::Replay);
    EXPECT_EQ(again.error->code, Errc::Replay);
    EXPECT_EQ(w.kms.Stats().keysIssued, 1u);
}

TEST_F(OtwayReesAttack, GivenAsEaWithAFreshEb_WhenSentAgain_ThenReplayOnAsNonce)
{
    ASSERT_TRUE(w.kms.Handle(FormatKmsRequest(request), kT0).IsOk());
    auto b2 = w.Responder(kBob);
    auto second = b2.BuildKmsRequest(offer, w.drbgB, kT0 + kSecondNs);
    ASSERT_TRUE(second);
    auto out = w.kms.Handle(second.Value(), kT0 + kSecondNs);
    ASSERT_FALSE(out.IsOk());
    EXPECT_EQ(*out.refusal, Refusal::Replay);
    EXPECT_NE(out.error->detail.find("Ea"), std::string::npos);
}

TEST_F(OtwayReesAttack, GivenTheKmsClockPastTheSkew_WhenTheRequestArrives_ThenStaleOutOfRange)
{
    OtwayReesKmsConfig config;
    ExpectRefused(FormatKmsRequest(request), Refusal::Stale, Errc::OutOfRange,
                  kT0 + config.skewNs + 1);
}

TEST_F(OtwayReesAttack, GivenAnEbFromTheFuture_WhenTheRequestArrives_ThenStaleOutOfRange)
{
    OtwayReesKmsConfig config;
    auto b2 = w.Responder(kBob);
    auto future = b2.BuildKmsRequest(offer, w.drbgB, kT0 + config.skewNs + kSecondNs);
    ASSERT_TRUE(future);
    ExpectRefused(future.Value(), Refusal::Stale, Errc::OutOfRange);
}

TEST_F(OtwayReesAttack, GivenAStaleEb_WhenRefused_ThenAsNonceIsNotConsumedAndAFreshEbSucceeds)
{
    OtwayReesKmsConfig config;
    auto late = w.Responder(kBob);
    auto stale = late.BuildKmsRequest(offer, w.drbgB, kT0 - config.skewNs - kSecondNs);
    ASSERT_TRUE(stale);
    ExpectRefused(stale.Value(), Refusal::Stale, Errc::OutOfRange);
    EXPECT_TRUE(w.kms.Handle(FormatKmsRequest(request), kT0).IsOk());
}

TEST_F(OtwayReesAttack, GivenAnUnknownInitiator_WhenTheKmsLooksItUp_ThenUnknownIdentity)
{
    w.keys.erase(kAlice);
    ExpectRefused(FormatKmsRequest(request), Refusal::UnknownIdentity, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack, GivenAnUnknownRequester_WhenTheKmsLooksItUp_ThenUnknownIdentity)
{
    request.requesterId = "sip:mallory@elsewhere.example.org";
    ExpectRefused(FormatKmsRequest(request), Refusal::UnknownIdentity, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack, GivenAnSgwNotOnTheAllowList_WhenItRequestsForAPstnCall_ThenNotAuthorized)
{
    auto a2 = w.Alice();
    auto rogue = w.Responder(kRogueSgw, ResponderRole::Gateway);
    Bytes pstnOffer = a2.BuildOffer(kPstn, w.drbgA, kT0).Value();
    auto rogueRequest = rogue.BuildKmsRequest(pstnOffer, w.drbgB, kT0);
    ASSERT_TRUE(rogueRequest);
    ExpectRefused(rogueRequest.Value(), Refusal::NotAuthorized, Errc::AuthFailed);
}

TEST_F(OtwayReesAttack, GivenAnOfferForAnotherCallee_WhenAUeBuildsItsRequest_ThenInvalidState)
{
    auto carol = w.Responder(kCarol);
    auto out = carol.BuildKmsRequest(offer, w.drbgB, kT0);
    ExpectError(out, Errc::InvalidState);
}

TEST_F(OtwayReesAttack, GivenAReplyForAnotherSession_WhenBReadsIt_ThenReplay)
{
    KmsReply reply = ParseKmsReply(GenuineReply()).Value();
    reply.sessionId[3] ^= 1;
    auto out = b.ProcessKmsReply(FormatKmsReply(reply));
    ExpectError(out, Errc::Replay);
}

TEST_F(OtwayReesAttack,
       GivenTheSameSealedPartAndKey_WhenOpenedWithEachOtherTag_ThenOnlyItsOwnTagOpens)
{
    kms::CryptoOps ops;
    const Bytes& ka = w.keys[kAlice];
    Bytes sealed =
        SealPart(ka, FieldType::SealedInitiatorRequest, Bytes{1, 2, 3}, w.drbgA, ops).Value();
    EXPECT_TRUE(OpenPart(ka, FieldType::SealedInitiatorRequest, sealed, "Ea", ops));
    for (FieldType other : {FieldType::SealedRequesterRequest, FieldType::SealedInitiatorGrant,
                            FieldType::SealedRequesterGrant, FieldType::SealedKeyPush})
    {
        auto opened = OpenPart(ka, other, sealed, "other", ops);
        ASSERT_FALSE(opened);
        EXPECT_EQ(opened.GetError().code, Errc::AuthFailed);
    }
}

} // namespace
} // namespace otway
} // namespace mediasec
