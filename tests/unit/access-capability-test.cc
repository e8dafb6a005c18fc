// access-msf capability registration (seed 003 steps 1-3): RFC 3329 sec-mechanism lists, the
// aka-srtp entries of Security-Client / Security-Server, the network's choice and the UE's
// check of the confirmation, with typed errors.
#include "protocol/access/access-capability.h"
#include "protocol/access/security-mechanism.h"
#include "protocol/ims/media-security-indications.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace access
{
namespace
{

TEST(AccessCapability, GivenAnIpsec3gppSecurityClient_WhenParsed_ThenEntriesAndParamsAreRead)
{
    auto parsed =
        ParseSecurityMechanisms("ipsec-3gpp; alg=hmac-sha-1-96; spi-c=23456789; port-c=2468, "
                                "Digest;d-alg=md5;d-qop=\"auth\";q=0.1");
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    ASSERT_EQ(parsed.Value().size(), 2u);
    EXPECT_EQ(parsed.Value()[0].name, "ipsec-3gpp");
    ASSERT_EQ(parsed.Value()[0].params.size(), 3u);
    EXPECT_EQ(parsed.Value()[0].params[1], (HeaderParam{"spi-c", "23456789", true}));
    EXPECT_EQ(parsed.Value()[1].name, "digest");
    const HeaderParam* qop = FindMechanismParam(parsed.Value()[1], "d-qop");
    ASSERT_NE(qop, nullptr);
    EXPECT_EQ(qop->value, "auth");
    EXPECT_EQ(FindMechanismParam(parsed.Value()[1], "spi-c"), nullptr);
}

TEST(AccessCapability, GivenMechanismsWithFlagsAndQuotes_WhenFormattedAndParsed_ThenEqual)
{
    const std::vector<SecurityMechanism> mechanisms = {
        {"sdes-srtp", {{"mediasec"}}},
        {"aka-srtp", {{"suite", "AES_CM_128_HMAC_SHA1_80", true}, {"note", "a \"b\" c\\", true}}},
        {"tls", {{"empty", "", true}}}};
    const std::string text = FormatSecurityMechanisms(mechanisms);
    EXPECT_EQ(text, "sdes-srtp;mediasec, aka-srtp;suite=AES_CM_128_HMAC_SHA1_80;"
                    "note=\"a \\\"b\\\" c\\\\\", tls;empty=\"\"");
    auto parsed = ParseSecurityMechanisms(text);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value(), mechanisms);
}

/** \return the error of ParseSecurityMechanisms on \p value. */
Error
MechanismError(const std::string& value)
{
    auto parsed = ParseSecurityMechanisms(value);
    EXPECT_FALSE(parsed) << value;
    return parsed ? Error{Errc::InvalidState, "parsed"} : parsed.GetError();
}

TEST(AccessCapability, GivenMalformedSecurityHeaders_WhenParsed_ThenTypedErrorsNameTheParameter)
{
    EXPECT_EQ(MechanismError("").code, Errc::Malformed);
    EXPECT_EQ(MechanismError("aka-srtp,").code, Errc::Malformed);
    EXPECT_EQ(MechanismError("aka-srtp;;suite=x").code, Errc::Malformed);
    Error named = MechanismError("aka-srtp=1");
    EXPECT_EQ(named.code, Errc::Malformed);
    EXPECT_NE(named.detail.find("aka-srtp"), std::string::npos);
    Error repeated = MechanismError("aka-srtp;suite=a;SUITE=b");
    EXPECT_EQ(repeated.code, Errc::Malformed);
    EXPECT_NE(repeated.detail.find("suite"), std::string::npos);
    Error unterminated = MechanismError("aka-srtp;suite=\"abc");
    EXPECT_EQ(unterminated.code, Errc::Malformed);
    EXPECT_NE(unterminated.detail.find("suite"), std::string::npos);
    EXPECT_EQ(MechanismError("aka-srtp;suite=\"a\x01\"").code, Errc::Malformed);
    EXPECT_EQ(MechanismError("aka-srtp;suite=").code, Errc::Malformed);
    EXPECT_EQ(MechanismError("aka-srtp suite").code, Errc::Malformed);
    EXPECT_EQ(MechanismError(std::string(4097, 'a')).code, Errc::TooLarge);
    std::string many = "m";
    for (int i = 0; i < 16; ++i)
    {
        many += ", m";
    }
    EXPECT_EQ(MechanismError(many).code, Errc::TooLarge);
    std::string params = "m";
    for (int i = 0; i < 17; ++i)
    {
        params += ";p" + std::to_string(i);
    }
    EXPECT_EQ(MechanismError(params).code, Errc::TooLarge);
}

TEST(AccessCapability, GivenTheUeSuites_WhenFormatted_ThenOneAkaSrtpEntryPerSuiteInOrder)
{
    const std::vector<SrtpSuite> suites = {SrtpSuite::AeadAes128Gcm,
                                           SrtpSuite::AesCm128HmacSha1_80};
    const std::string value = FormatAccessCapability(suites);
    EXPECT_EQ(value, "aka-srtp;suite=AEAD_AES_128_GCM, aka-srtp;suite=AES_CM_128_HMAC_SHA1_80");
    auto parsed = ParseAccessCapability(value);
    ASSERT_TRUE(parsed) << parsed.GetError().ToString();
    EXPECT_EQ(parsed.Value(), suites);
    // Not mistaken for the SDES e2ae capability, which looks for the "mediasec" flag.
    EXPECT_FALSE(ims::HasMediasecCapability(value));
}

TEST(AccessCapability, GivenARegisterAndA200_WhenNegotiated_ThenTheUeGetsTheSelectedSuite)
{
    // Step 1: REGISTER with the UE's capability next to another mechanism.
    sip::SipMessage request = sip::SipMessage::MakeRequest("REGISTER", "sip:ims.test");
    request.AddHeader("Security-Client", "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2");
    const std::vector<SrtpSuite> offered = {SrtpSuite::AesCm128HmacSha1_32,
                                            SrtpSuite::AesCm128HmacSha1_80};
    request.AddHeader("Security-Client",
                      FormatAccessCapability(offered) + ", aka-srtp;suite=FUTURE_SUITE");
    auto read = ReadAccessCapability(request, "Security-Client");
    ASSERT_TRUE(read) << read.GetError().ToString();
    EXPECT_EQ(read.Value(), offered);
    // Step 3: the network selects and confirms in the 200 OK.
    auto selected = SelectAccessSuite(read.Value(), {SrtpSuite::AesCm128HmacSha1_80});
    ASSERT_TRUE(selected) << selected.GetError().ToString();
    EXPECT_EQ(selected.Value(), SrtpSuite::AesCm128HmacSha1_80);
    sip::SipMessage ok = sip::SipMessage::MakeResponse(200, "OK");
    ok.AddHeader("Security-Server", FormatAccessCapability({selected.Value()}));
    auto confirmed = ReadAccessConfirmation(ok, offered);
    ASSERT_TRUE(confirmed) << confirmed.GetError().ToString();
    EXPECT_EQ(confirmed.Value(), SrtpSuite::AesCm128HmacSha1_80);
}

TEST(AccessCapability, GivenNoCommonSuite_WhenSelecting_ThenUnsupported)
{
    auto selected =
        SelectAccessSuite({SrtpSuite::AesCm128HmacSha1_32}, {SrtpSuite::AesCm128HmacSha1_80});
    ASSERT_FALSE(selected);
    EXPECT_EQ(selected.GetError().code, Errc::Unsupported);
}

/** \return the error of ReadAccessConfirmation for a 200 with \p securityServer. */
Error
ConfirmationError(const std::string& securityServer)
{
    sip::SipMessage ok = sip::SipMessage::MakeResponse(200, "OK");
    if (!securityServer.empty())
    {
        ok.AddHeader("Security-Server", securityServer);
    }
    auto confirmed = ReadAccessConfirmation(ok, {SrtpSuite::AesCm128HmacSha1_80});
    EXPECT_FALSE(confirmed) << securityServer;
    return confirmed ? Error{Errc::InvalidState, "confirmed"} : confirmed.GetError();
}

TEST(AccessCapability, GivenBadConfirmations_WhenTheUeReadsThe200_ThenTypedErrors)
{
    EXPECT_EQ(ConfirmationError("").code, Errc::MissingField);
    EXPECT_EQ(ConfirmationError("sdes-srtp;mediasec").code, Errc::MissingField);
    Error noSuite = ConfirmationError("aka-srtp");
    EXPECT_EQ(noSuite.code, Errc::MissingField);
    EXPECT_NE(noSuite.detail.find("Security-Server"), std::string::npos);
    EXPECT_EQ(ConfirmationError("aka-srtp;suite=FUTURE").code, Errc::Unsupported);
    EXPECT_EQ(ConfirmationError("aka-srtp;suite=AES_CM_128_HMAC_SHA1_32").code,
              Errc::Unsupported); // not offered
    EXPECT_EQ(ConfirmationError("aka-srtp;suite=AES_CM_128_HMAC_SHA1_80, "
                                "aka-srtp;suite=AEAD_AES_128_GCM")
                  .code,
              Errc::Malformed);
    EXPECT_EQ(ConfirmationError("aka-srtp;suite=\"x").code, Errc::Malformed);
}

} // namespace
} // namespace access
} // namespace mediasec
