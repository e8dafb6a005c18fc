// HTTP Digest (RFC 2617) and Digest AKA (RFC 3310): MD5 (RFC 1321 A.5), the RFC 2617 3.5
// example, challenge/credentials round trips and typed errors, the AKA nonce, and an AKA
// round trip on TS 35.208 test set 1.
#include "protocol/crypto/md5.h"
#include "protocol/gba/aka.h"
#include "protocol/gba/milenage.h"
#include "protocol/http/aka-nonce.h"
#include "protocol/http/digest-auth.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace http
{
namespace
{

Bytes
H(const char* hex)
{
    return FromHex(hex).Value();
}

/** \return the RFC 2617 3.5 credentials without the response. */
DigestCredentials
Mufasa()
{
    DigestCredentials c;
    c.username = "Mufasa";
    c.realm = "testrealm@host.com";
    c.nonce = "dcd98b7102dd2f0e8b11d0f600bfb0c093";
    c.uri = "/dir/index.html";
    c.qop = "auth";
    c.nc = "00000001";
    c.cnonce = "0a4f113b";
    c.opaque = "5ccc069c403ebaf9f0171e9517f40e41";
    return c;
}

TEST(DigestAka, GivenRfc1321Inputs_WhenHashedWithMd5_ThenTheTestSuiteDigestsResult)
{
    EXPECT_EQ(ToHex(Md5({})), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(ToHex(Md5(ToBytes("abc"))), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(ToHex(Md5(ToBytes("message digest"))), "f96b697d7cb7938d525a2f31aaf161d0");
}

TEST(DigestAka, GivenTheRfc2617Example_WhenComputingTheResponse_ThenItIs6629fae4)
{
    auto response = DigestResponse(Mufasa(), ToBytes("Circle Of Life"), "GET", "");
    ASSERT_TRUE(response) << response.GetError().ToString();
    EXPECT_EQ(response.Value(), "6629fae49393a05397450978507c4ef1");
}

TEST(DigestAka, GivenTheRfc2617ExampleHeaders_WhenParsed_ThenTheFieldsAreRead)
{
    auto challenge =
        ParseDigestChallenge("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                             "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", "
                             "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    ASSERT_TRUE(challenge) << challenge.GetError().ToString();
    EXPECT_EQ(challenge.Value().qop, "auth,auth-int");
    EXPECT_EQ(challenge.Value().nonce, Mufasa().nonce);

    auto credentials = ParseDigestCredentials(
        "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
        "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, "
        "nc=00000001, cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
        "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    ASSERT_TRUE(credentials) << credentials.GetError().ToString();
    DigestCredentials expected = Mufasa();
    expected.response = "6629fae49393a05397450978507c4ef1";
    EXPECT_EQ(credentials.Value(), expected);
}

TEST(DigestAka, GivenChallengeAndCredentialsWithEscapes_WhenFormattedAndParsed_ThenEqual)
{
    DigestChallenge challenge;
    challenge.realm = "a \"quoted\" realm \\ here";
    challenge.nonce = "n";
    challenge.qop = "auth";
    challenge.algorithm = kAlgorithmAkaV1Md5;
    challenge.stale = true;
    auto again = ParseDigestChallenge(FormatDigestChallenge(challenge));
    ASSERT_TRUE(again) << again.GetError().ToString();
    EXPECT_EQ(again.Value(), challenge);

    DigestCredentials credentials = Mufasa();
    credentials.username = "user1@ims.mnc001.mcc001.3gppnetwork.org";
    credentials.auts = "AAECAwQFBgcICQoLDA0=";
    credentials.algorithm = kAlgorithmAkaV1Md5;
    auto parsed = ParseDigestCredentials(FormatDigestCredentials(credentials));
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value(), credentials);
}

/** \return the error of parsing \p value as credentials. */
Error
CredentialsError(const std::string& value)
{
    auto parsed = ParseDigestCredentials(value);
    EXPECT_FALSE(parsed) << value;
    return parsed ? Error{Errc::InvalidState, ""} : parsed.GetError();
}

TEST(DigestAka, GivenBadDigestValues_WhenParsed_ThenTypedErrorsNameTheParameter)
{
    const std::string base = "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"/\"";
    EXPECT_EQ(CredentialsError("Basic dXNlcjpwYXNz").code, Errc::Unsupported);
    Error missing = CredentialsError(base);
    EXPECT_EQ(missing.code, Errc::MissingField);
    EXPECT_NE(missing.detail.find("response"), std::string::npos);
    Error unterminated = CredentialsError(base + ", response=\"abc");
    EXPECT_EQ(unterminated.code, Errc::Malformed);
    EXPECT_NE(unterminated.detail.find("response"), std::string::npos);
    Error repeated = CredentialsError(base + ", response=\"\", uri=\"/x\"");
    EXPECT_EQ(repeated.code, Errc::Malformed);
    EXPECT_NE(repeated.detail.find("uri"), std::string::npos);
    EXPECT_EQ(CredentialsError(base + ", response=\"xyz\"").code, Errc::Malformed);
    EXPECT_EQ(CredentialsError(base + ", response=\"\", qop=auth, cnonce=\"c\"").code,
              Errc::MissingField);
    EXPECT_EQ(CredentialsError(base + ", response=\"\", qop=auth, nc=00000001, cnonce=\"\"").code,
              Errc::MissingField);
    EXPECT_EQ(CredentialsError(base + ", response=\"\", qop=auth, nc=1, cnonce=\"c\"").code,
              Errc::Malformed);
    EXPECT_EQ(CredentialsError(base + ", response=\"\" junk").code, Errc::Malformed);
    EXPECT_EQ(CredentialsError(base + ", response=").code, Errc::Malformed);
    EXPECT_EQ(CredentialsError(base + ", response=\"\", x=\"" + std::string(5000, 'a') + "\"").code,
              Errc::TooLarge);
    std::string many = base + ", response=\"\"";
    for (int i = 0; i < 12; ++i)
    {
        many += ", p" + std::to_string(i) + "=v";
    }
    EXPECT_EQ(CredentialsError(many).code, Errc::TooLarge);
    auto badStale = ParseDigestChallenge("Digest realm=r, nonce=n, stale=maybe");
    ASSERT_FALSE(badStale);
    EXPECT_EQ(badStale.GetError().code, Errc::Malformed);
    auto noNonce = ParseDigestChallenge("Digest realm=r");
    ASSERT_FALSE(noNonce);
    EXPECT_EQ(noNonce.GetError().detail, "nonce: missing");
}

TEST(DigestAka, GivenAuthenticationInfo_WhenFormattedAndParsed_ThenEqualAndBadValuesTyped)
{
    DigestAuthenticationInfo info{"6629fae49393a05397450978507c4ef1", "0a4f113b", "00000001",
                                  "auth-int", ""};
    const std::string text = FormatDigestAuthenticationInfo(info);
    EXPECT_EQ(text, "rspauth=\"6629fae49393a05397450978507c4ef1\", cnonce=\"0a4f113b\", "
                    "nc=00000001, qop=auth-int");
    auto parsed = ParseDigestAuthenticationInfo(text);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value(), info);
    EXPECT_EQ(ParseDigestAuthenticationInfo("rspauth=\"zz\"").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseDigestAuthenticationInfo("nc=1").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseDigestAuthenticationInfo("rspauth").GetError().code, Errc::Malformed);
}

TEST(DigestAka, GivenTheRfc2617Example_WhenComputingRspauth_ThenTheSelfComputedValueResults)
{
    // Self-computed with Python hashlib: A2 = ":/dir/index.html" (RFC 2617 3.2.3), the rest as
    // in the 3.5 example.
    auto rspauth = DigestRspAuth(Mufasa(), ToBytes("Circle Of Life"), "");
    ASSERT_TRUE(rspauth) << rspauth.GetError().ToString();
    EXPECT_EQ(rspauth.Value(), "376602cfd2f4e8e5e78b948a85263e85");
}

TEST(DigestAka, GivenUnsupportedAlgorithmOrQop_WhenComputing_ThenUnsupported)
{
    DigestCredentials c = Mufasa();
    c.algorithm = "MD5-sess";
    EXPECT_EQ(DigestResponse(c, {}, "GET", "").GetError().code, Errc::Unsupported);
    c = Mufasa();
    c.qop = "auth-conf";
    EXPECT_EQ(DigestResponse(c, {}, "GET", "").GetError().code, Errc::Unsupported);
}

TEST(DigestAka, GivenAuthInt_WhenTheBodyChanges_ThenTheResponseChanges)
{
    DigestCredentials c = Mufasa();
    c.qop = "auth-int";
    auto first = DigestResponse(c, ToBytes("Circle Of Life"), "POST", "body");
    auto second = DigestResponse(c, ToBytes("Circle Of Life"), "POST", "bodY");
    ASSERT_TRUE(first && second);
    EXPECT_NE(first.Value(), second.Value());
    c.qop = "auth";
    EXPECT_EQ(DigestResponse(c, ToBytes("Circle Of Life"), "POST", "body").Value(),
              DigestResponse(c, ToBytes("Circle Of Life"), "POST", "bodY").Value());
}

TEST(DigestAka, GivenRandAutnAndServerData_WhenTheNonceIsFormattedAndParsed_ThenPartsReturn)
{
    AkaNonce nonce{H("23553cbe9637a89d218ae64dae47bf35"), Bytes(16, 0x42), {1, 2, 3}};
    auto text = FormatAkaNonce(nonce);
    ASSERT_TRUE(text);
    EXPECT_EQ(text.Value().substr(0, 20), "I1U8vpY3qJ0hiuZNrke/");
    auto parsed = ParseAkaNonce(text.Value());
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed.Value().rand, nonce.rand);
    EXPECT_EQ(parsed.Value().autn, nonce.autn);
    EXPECT_EQ(parsed.Value().serverData, nonce.serverData);
    EXPECT_EQ(ParseAkaNonce("AAAA").GetError().code, Errc::BadLength);
    EXPECT_EQ(ParseAkaNonce("not base64!").GetError().code, Errc::Malformed);
    EXPECT_EQ(ParseAkaNonce(std::string(400, 'A')).GetError().code, Errc::TooLarge);
    nonce.rand.pop_back();
    EXPECT_EQ(FormatAkaNonce(nonce).GetError().code, Errc::BadLength);
}

TEST(DigestAka, GivenTestSet1_WhenUeAnswersWithRes_ThenTheServerRecomputesTheSameResponse)
{
    auto network = gba::Milenage::Create(H("465b5ce8b199b49faa5f0a2ee238a6bc"),
                                         H("cdc202d5123e20f62b6d676ac72cb318"), false);
    auto usim = gba::Milenage::Create(H("465b5ce8b199b49faa5f0a2ee238a6bc"),
                                      H("cdc202d5123e20f62b6d676ac72cb318"), false);
    ASSERT_TRUE(network && usim);
    auto av = gba::MakeAuthVector(network.Value(), H("23553cbe9637a89d218ae64dae47bf35"),
                                  H("ff9bb4d0b607"), H("b9b9"));
    ASSERT_TRUE(av);
    DigestChallenge challenge;
    challenge.realm = "bsf.mnc001.mcc001.pub.3gppnetwork.org";
    challenge.nonce = FormatAkaNonce({av.Value().rand, av.Value().autn, {}}).Value();
    challenge.qop = "auth-int";
    challenge.algorithm = kAlgorithmAkaV1Md5;

    auto received = ParseDigestChallenge(FormatDigestChallenge(challenge));
    ASSERT_TRUE(received);
    auto nonce = ParseAkaNonce(received.Value().nonce);
    ASSERT_TRUE(nonce);
    auto aka = gba::VerifyAutn(usim.Value(), nonce.Value().rand, nonce.Value().autn, Bytes(6, 0));
    ASSERT_TRUE(aka) << aka.GetError().ToString();
    EXPECT_EQ(ToHex(aka.Value().res), "a54211d5e3ba50bf");
    DigestCredentials answer;
    answer.username = "user1@ims.mnc001.mcc001.3gppnetwork.org";
    answer.realm = received.Value().realm;
    answer.nonce = received.Value().nonce;
    answer.uri = "/";
    answer.algorithm = received.Value().algorithm;
    answer.qop = "auth-int";
    answer.nc = "00000001";
    answer.cnonce = "c0ffee";
    answer.response = DigestResponse(answer, aka.Value().res, "GET", "").Value();

    auto atServer = ParseDigestCredentials(FormatDigestCredentials(answer));
    ASSERT_TRUE(atServer);
    auto expected = DigestResponse(atServer.Value(), av.Value().xres, "GET", "");
    ASSERT_TRUE(expected);
    EXPECT_EQ(atServer.Value().response, expected.Value());
    Bytes wrongRes = av.Value().xres;
    wrongRes[0] ^= 1;
    EXPECT_NE(atServer.Value().response,
              DigestResponse(atServer.Value(), wrongRes, "GET", "").Value());
}

} // namespace
} // namespace http
} // namespace mediasec
