// access-msf: IMS AKA at SIP REGISTER (TS 33.203 6.1.1, Digest AKAv1-MD5 of RFC 3310) on
// TS 35.208 test set 1: the S-CSCF challenge with ck/ik for the P-CSCF, the P-CSCF removing
// them, the UE's AUTN check and answer, the S-CSCF's XRES check, and typed errors.
#include "protocol/access/aka-challenge-keys.h"
#include "protocol/access/register-auth-client.h"
#include "protocol/access/register-auth-server.h"
#include "protocol/gba/aka.h"
#include "protocol/http/aka-nonce.h"
#include "protocol/http/digest-auth.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace access
{
namespace
{

Bytes
H(const char* hex)
{
    return FromHex(hex).Value();
}

const char kImpi[] = "user1@ims.mnc001.mcc001.3gppnetwork.org";
const char kRealm[] = "ims.mnc001.mcc001.3gppnetwork.org";
const char kRequestUri[] = "sip:ims.mnc001.mcc001.3gppnetwork.org";
const Bytes kSqn = H("000000000020");   // SQN of the vector
const Bytes kSqnMs = H("00000000001f"); // the USIM's highest SQN before the challenge

/** \return the Milenage of TS 35.208 test set 1 (K, OP). */
gba::Milenage
TestSet1()
{
    return std::move(gba::Milenage::Create(H("465b5ce8b199b49faa5f0a2ee238a6bc"),
                                           H("cdc202d5123e20f62b6d676ac72cb318"), false)
                         .Value());
}

/** \return the vector of test set 1 (RAND of the test set) for SQN \p sqn. */
gba::AuthVector
Vector(const Bytes& sqn)
{
    gba::Milenage hss = TestSet1();
    return gba::MakeAuthVector(hss, H("23553cbe9637a89d218ae64dae47bf35"), sqn, H("8000")).Value();
}

/** \return a REGISTER of the UE with \p authorization. */
sip::SipMessage
Register(const std::string& authorization)
{
    auto request =
        sip::ParseSipMessage("REGISTER sip:ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n"
                             "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
                             "From: <sip:user1@ims.mnc001.mcc001.3gppnetwork.org>;tag=1\r\n"
                             "To: <sip:user1@ims.mnc001.mcc001.3gppnetwork.org>\r\n"
                             "Call-ID: reg1@10.0.0.1\r\n"
                             "CSeq: 1 REGISTER\r\n\r\n");
    sip::SipMessage out = request.Value();
    out.AddHeader("Authorization", authorization);
    return out;
}

/** \brief One registration run: S-CSCF challenge, P-CSCF split, UE answer. */
struct RegistrationRun
{
    RegisterChallenge scscf;       //!< the S-CSCF's 401 and pending state
    sip::SipMessage toUe;          //!< the 401 after the P-CSCF
    AkaKeys pcscfKeys;             //!< what the P-CSCF took
    Result<RegisterAnswer> answer; //!< the UE's answer
};

/** \return a run with vector SQN \p sqn and USIM SQN_MS \p sqnMs. */
RegistrationRun
Challenge(const Bytes& sqn, const Bytes& sqnMs)
{
    auto initial = Register(FormatInitialAuthorization(kImpi, kRealm, kRequestUri));
    auto challenge = MakeRegisterChallenge(initial, Vector(sqn), kRealm, H("0001"));
    EXPECT_TRUE(challenge) << challenge.GetError().ToString();
    sip::SipMessage toUe = challenge.Value().response;
    auto keys = TakeChallengeKeys(toUe);
    EXPECT_TRUE(keys) << keys.GetError().ToString();
    gba::Milenage usim = TestSet1();
    auto answer = AnswerRegisterChallenge(usim, sqnMs, toUe, {kImpi, kRequestUri, "0a4f113b"});
    return RegistrationRun{challenge.Value(), toUe, keys.Value(), std::move(answer)};
}

TEST(AccessImsAka, GivenTestSet1_WhenRegistering_ThenTheScscfAcceptsAndUeAndPcscfShareCkIk)
{
    RegistrationRun run = Challenge(kSqn, kSqnMs);
    ASSERT_TRUE(run.answer) << run.answer.GetError().ToString();
    EXPECT_EQ(run.scscf.pending.impi, kImpi);
    EXPECT_EQ(ToHex(run.scscf.pending.xres), "a54211d5e3ba50bf"); // TS 35.208 set 1 RES
    Status verified =
        VerifyRegisterAnswer(Register(run.answer.Value().authorization), run.scscf.pending);
    EXPECT_TRUE(verified) << verified.GetError().ToString();
    EXPECT_EQ(ToHex(run.answer.Value().keys.ck), "b40ba9a3c58b2a05bbf0d987b21bf8cb");
    EXPECT_EQ(ToHex(run.answer.Value().keys.ik), "f769bcd751044604127672711c6d3441");
    EXPECT_EQ(run.pcscfKeys.ck, run.answer.Value().keys.ck);
    EXPECT_EQ(run.pcscfKeys.ik, run.answer.Value().keys.ik);
    EXPECT_EQ(run.answer.Value().sqn, kSqn);
}

TEST(AccessImsAka, GivenTheScscfChallenge_WhenRead_ThenItIsAkaV1Md5WithTheVectorInTheNonce)
{
    RegistrationRun run = Challenge(kSqn, kSqnMs);
    EXPECT_EQ(run.scscf.response.StatusCode(), 401);
    EXPECT_EQ(run.scscf.response.GetHeader("Call-ID"), "reg1@10.0.0.1");
    const auto value = run.scscf.response.GetHeader("WWW-Authenticate").value();
    auto split = ParseChallengeWithKeys(value);
    ASSERT_TRUE(split) << split.GetError().ToString();
    EXPECT_EQ(split.Value().challenge.algorithm, "AKAv1-MD5");
    EXPECT_EQ(split.Value().challenge.qop, "auth");
    EXPECT_EQ(split.Value().challenge.realm, kRealm);
    EXPECT_EQ(ToHex(split.Value().keys.ck), "b40ba9a3c58b2a05bbf0d987b21bf8cb");
    EXPECT_NE(value.find("ik=\"f769bcd751044604127672711c6d3441\""), std::string::npos);
    auto nonce = http::ParseAkaNonce(split.Value().challenge.nonce);
    ASSERT_TRUE(nonce) << nonce.GetError().ToString();
    EXPECT_EQ(ToHex(nonce.Value().rand), "23553cbe9637a89d218ae64dae47bf35");
    EXPECT_EQ(nonce.Value().autn, Vector(kSqn).autn);
    EXPECT_EQ(ToHex(nonce.Value().serverData), "0001");
}

TEST(AccessImsAka, GivenThe401_WhenThePcscfForwardsIt_ThenTheUeFacing401HasNoCkOrIk)
{
    RegistrationRun run = Challenge(kSqn, kSqnMs);
    const std::string toUe = run.toUe.Format();
    EXPECT_EQ(toUe.find("ck="), std::string::npos) << toUe;
    EXPECT_EQ(toUe.find("ik="), std::string::npos) << toUe;
    EXPECT_EQ(toUe.find("b40ba9a3c58b2a05bbf0d987b21bf8cb"), std::string::npos);
    EXPECT_EQ(toUe.find("f769bcd751044604127672711c6d3441"), std::string::npos);
    EXPECT_NE(run.scscf.response.Format().find("ck="), std::string::npos);
    auto challenge = http::ParseDigestChallenge(run.toUe.GetHeader("WWW-Authenticate").value());
    ASSERT_TRUE(challenge) << challenge.GetError().ToString();
    EXPECT_EQ(challenge.Value().nonce, run.scscf.pending.nonce);
    EXPECT_EQ(run.toUe.GetHeaders("WWW-Authenticate").size(), 1u);
}

TEST(AccessImsAka, GivenAWrongRes_WhenTheScscfVerifies_ThenAuthFailed)
{
    RegistrationRun run = Challenge(kSqn, kSqnMs);
    ASSERT_TRUE(run.answer);
    auto credentials = http::ParseDigestCredentials(run.answer.Value().authorization).Value();
    auto wrong = http::DigestResponse(credentials, H("a54211d5e3ba50be"), "REGISTER", "");
    ASSERT_TRUE(wrong);
    credentials.response = wrong.Value();
    Status verified = VerifyRegisterAnswer(Register(http::FormatDigestCredentials(credentials)),
                                           run.scscf.pending);
    ASSERT_FALSE(verified);
    EXPECT_EQ(verified.GetError().code, Errc::AuthFailed);
}

TEST(AccessImsAka, GivenAnSqnNotAboveSqnMs_WhenTheUeAnswers_ThenReplayAndNoAnswer)
{
    for (const char* sqnMs : {"000000000020", "000000000021"})
    {
        RegistrationRun run = Challenge(kSqn, H(sqnMs));
        ASSERT_FALSE(run.answer) << sqnMs;
        EXPECT_EQ(run.answer.GetError().code, Errc::Replay);
        EXPECT_NE(run.answer.GetError().detail.find("SQN out of range"), std::string::npos);
    }
}

TEST(AccessImsAka, GivenAChallengeWithAForgedAutn_WhenTheUeAnswers_ThenAuthFailed)
{
    RegistrationRun run = Challenge(kSqn, kSqnMs);
    gba::AuthVector forged = Vector(kSqn);
    forged.autn.back() ^= 0x01; // MAC-A no longer verifies
    auto nonce = http::FormatAkaNonce({forged.rand, forged.autn, {}}).Value();
    auto challenge = http::ParseDigestChallenge(run.toUe.GetHeader("WWW-Authenticate").value());
    challenge.Value().nonce = nonce;
    run.toUe.SetHeader("WWW-Authenticate", http::FormatDigestChallenge(challenge.Value()));
    gba::Milenage usim = TestSet1();
    auto answer = AnswerRegisterChallenge(usim, kSqnMs, run.toUe, {kImpi, kRequestUri, "c"});
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.GetError().code, Errc::AuthFailed);
}

TEST(AccessImsAka, GivenAnAnswerToAnotherNonceOrUser_WhenTheScscfVerifies_ThenRefused)
{
    RegistrationRun run = Challenge(kSqn, kSqnMs);
    ASSERT_TRUE(run.answer);
    PendingAkaChallenge otherNonce = run.scscf.pending;
    otherNonce.nonce += "x";
    Status replayed = VerifyRegisterAnswer(Register(run.answer.Value().authorization), otherNonce);
    ASSERT_FALSE(replayed);
    EXPECT_EQ(replayed.GetError().code, Errc::Replay);
    PendingAkaChallenge otherUser = run.scscf.pending;
    otherUser.impi = "user2@ims.mnc001.mcc001.3gppnetwork.org";
    Status impostor = VerifyRegisterAnswer(Register(run.answer.Value().authorization), otherUser);
    ASSERT_FALSE(impostor);
    EXPECT_EQ(impostor.GetError().code, Errc::AuthFailed);
    sip::SipMessage retargeted = sip::SipMessage::MakeRequest("REGISTER", "sip:other.example.com");
    retargeted.AddHeader("Authorization", run.answer.Value().authorization);
    Status uri = VerifyRegisterAnswer(retargeted, run.scscf.pending);
    ASSERT_FALSE(uri);
    EXPECT_EQ(uri.GetError().code, Errc::Malformed);
}

TEST(AccessImsAka, GivenARegisterWithoutAuthorization_WhenChallenged_ThenMissingField)
{
    sip::SipMessage request = Register("x");
    request.RemoveHeader("Authorization");
    auto challenge = MakeRegisterChallenge(request, Vector(kSqn), kRealm, {});
    ASSERT_FALSE(challenge);
    EXPECT_EQ(challenge.GetError().code, Errc::MissingField);
    EXPECT_NE(challenge.GetError().detail.find("Authorization"), std::string::npos);
    auto impi = ReadRegisterImpi(Register(FormatInitialAuthorization(kImpi, kRealm, kRequestUri)));
    ASSERT_TRUE(impi) << impi.GetError().ToString();
    EXPECT_EQ(impi.Value(), kImpi);
}

/** \return the error of ParseChallengeWithKeys on \p value. */
Error
KeysError(const std::string& value)
{
    auto parsed = ParseChallengeWithKeys(value);
    EXPECT_FALSE(parsed) << value;
    return parsed ? Error{Errc::InvalidState, "parsed"} : parsed.GetError();
}

TEST(AccessImsAka, GivenMalformedKeyParameters_WhenThePcscfParses_ThenTypedErrorsNameTheKey)
{
    const std::string base = "Digest realm=\"r\", nonce=\"n\", algorithm=AKAv1-MD5";
    const std::string ck = ", ck=\"b40ba9a3c58b2a05bbf0d987b21bf8cb\"";
    const std::string ik = ", ik=\"f769bcd751044604127672711c6d3441\"";
    Error noIk = KeysError(base + ck);
    EXPECT_EQ(noIk.code, Errc::MissingField);
    EXPECT_NE(noIk.detail.find("ik"), std::string::npos);
    Error noCk = KeysError(base + ik);
    EXPECT_EQ(noCk.code, Errc::MissingField);
    EXPECT_NE(noCk.detail.find("ck"), std::string::npos);
    Error shortCk = KeysError(base + ", ck=\"b40ba9\"" + ik);
    EXPECT_EQ(shortCk.code, Errc::Malformed);
    EXPECT_NE(shortCk.detail.find("ck"), std::string::npos);
    EXPECT_EQ(KeysError(base + ck + ", ik=\"f769bcd751044604127672711c6d344g\"").code,
              Errc::Malformed);
    EXPECT_EQ(KeysError(base + ck + ck + ik).code, Errc::Malformed);       // repeated
    EXPECT_EQ(KeysError(base + ck + ", ik=\"f769").code, Errc::Malformed); // unterminated
    EXPECT_EQ(KeysError("Basic realm=\"r\"" + ck + ik).code, Errc::Unsupported);
    EXPECT_EQ(KeysError("Digest nonce=\"n\"" + ck + ik).code, Errc::MissingField);
    auto parsed = ParseChallengeWithKeys(base + ",, ck=b40ba9a3c58b2a05bbf0d987b21bf8cb" + ik);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(ToHex(parsed.Value().keys.ck), "b40ba9a3c58b2a05bbf0d987b21bf8cb");
}

TEST(AccessImsAka, GivenA401WithoutOrWithTwoChallenges_WhenThePcscfTakesKeys_ThenUnchanged)
{
    RegistrationRun run = Challenge(kSqn, kSqnMs);
    sip::SipMessage none = run.scscf.response;
    none.RemoveHeader("WWW-Authenticate");
    auto missing = TakeChallengeKeys(none);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.GetError().code, Errc::MissingField);
    sip::SipMessage two = run.scscf.response;
    two.AddHeader("WWW-Authenticate", two.GetHeader("WWW-Authenticate").value());
    const sip::SipMessage before = two;
    auto several = TakeChallengeKeys(two);
    ASSERT_FALSE(several);
    EXPECT_EQ(several.GetError().code, Errc::Unsupported);
    EXPECT_EQ(two, before);
}

TEST(AccessImsAka, GivenWrongLengthKeys_WhenFormattingTheChallenge_ThenBadLengthNamingTheKey)
{
    http::DigestChallenge challenge;
    challenge.realm = "r";
    challenge.nonce = "n";
    auto formatted = FormatChallengeWithKeys(challenge, {H("00"), Bytes(16)});
    ASSERT_FALSE(formatted);
    EXPECT_EQ(formatted.GetError().code, Errc::BadLength);
    EXPECT_NE(formatted.GetError().detail.find("CK"), std::string::npos);
}

} // namespace
} // namespace access
} // namespace mediasec
