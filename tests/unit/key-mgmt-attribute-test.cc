// SDP key management attribute for MIKEY (RFC 4567 3.1): the V5 golden message of
// REFERENCE.md 1.9 in its base64 form, the round trip, and the PERF.md section 3 bad inputs.
#include "protocol/mikey/key-mgmt-attribute.h"
#include "protocol/mikey/mikey-message.h"

#include <gtest/gtest.h>

#include <string>

namespace mediasec
{
namespace mikey
{
namespace
{

const char kV5Base64[] = "AQAFgAECAwQBAAASNFZ4AAAAAAsAyONQ6gAAAAABEBAREhMUFRYXGBkaGxwdHh8AAQAU"
                         "vncfaAOdgreHhphqO4N+BjKcC60BGAQ9kPEZCIUBH83Kq1i5keGLp4M=";

TEST(KeyMgmtAttribute, GivenTheV5AttributeValue_WhenParsed_ThenItYieldsTheGoldenMikeyMessage)
{
    auto bytes = ParseKeyMgmtMikey(std::string("mikey ") + kV5Base64);
    ASSERT_TRUE(bytes) << bytes.GetError().ToString();
    EXPECT_EQ(ToHex(bytes.Value()),
              "010005800102030401000012345678000000000b00c8e350ea000000000110101112131415161718"
              "191a1b1c1d1e1f00010014be771f68039d82b78786986a3b837e06329c0bad0118043d90f11908850"
              "11fcdcaab58b991e18ba783");
    auto message = ParseMikeyMessage(bytes.Value());
    ASSERT_TRUE(message) << message.GetError().ToString();
    EXPECT_EQ(message.Value().header.csbId, 0x01020304u);
}

TEST(KeyMgmtAttribute, GivenMikeyBytes_WhenFormattedAndParsed_ThenTheyRoundTrip)
{
    const Bytes v5 = ParseKeyMgmtMikey(std::string("mikey ") + kV5Base64).Value();
    EXPECT_EQ(FormatKeyMgmtMikey(v5), std::string("mikey ") + kV5Base64);
    for (size_t n : {1u, 2u, 3u, 10u, 11u})
    {
        const Bytes data(v5.begin(), v5.begin() + n);
        auto back = ParseKeyMgmtMikey(FormatKeyMgmtMikey(data));
        ASSERT_TRUE(back) << n << ": " << back.GetError().ToString();
        EXPECT_EQ(back.Value(), data);
    }
}

TEST(KeyMgmtAttribute, GivenBadAttributeValues_WhenParsed_ThenTypedErrorsNameTheProblem)
{
    struct Case
    {
        std::string value;
        Errc code;
        const char* detail;
    };
    const std::string good = kV5Base64;
    const Case cases[] = {
        {"", Errc::Malformed, "no space"},
        {"mikey", Errc::Malformed, "no space"},
        {"mikey ", Errc::MissingField, "empty keymgmt-data"},
        {"MIKEY " + good, Errc::Unsupported, "prtcl-id \"MIKEY\""},
        {"kerberos " + good, Errc::Unsupported, "prtcl-id \"kerberos\""},
        {" mikey " + good, Errc::Unsupported, "prtcl-id \"\""},
        {"mikey  " + good, Errc::Malformed, "not a multiple of 4"},
        {"mikey  " + good.substr(1), Errc::Malformed, "bad character at offset 0"},
        {"mikey " + good + " ", Errc::Malformed, "not a multiple of 4"},
        {"mikey " + good + "\r\n", Errc::Malformed, "not a multiple of 4"},
        {"mikey " + good.substr(0, 8) + "\r\n" + good.substr(8, 10), Errc::Malformed,
         "bad character"},
        {"mikey " + good.substr(0, 8) + " " + good.substr(9), Errc::Malformed, "bad character"},
        {"mikey AQAF*AEC", Errc::Malformed, "bad character at offset 4"},
        {"mikey AQAFg===", Errc::Malformed, "bad character at offset 5"},
        {"mikey AQA=gAEC", Errc::Malformed, "bad character"},
        {"mikey AQAFgAE", Errc::Malformed, "not a multiple of 4"},
        {"mikey AR==", Errc::Malformed, "not canonical"},
        {"mikey " + std::string(kMaxKeyMgmtDataLength + 4, 'A'), Errc::TooLarge, "exceeds"},
    };
    for (const Case& c : cases)
    {
        auto parsed = ParseKeyMgmtMikey(c.value);
        ASSERT_FALSE(parsed) << c.value.substr(0, 40);
        EXPECT_EQ(parsed.GetError().code, c.code)
            << c.value.substr(0, 40) << ": " << parsed.GetError().ToString();
        EXPECT_NE(parsed.GetError().detail.find(c.detail), std::string::npos)
            << c.value.substr(0, 40) << ": " << parsed.GetError().ToString();
    }
    EXPECT_TRUE(ParseKeyMgmtMikey("mikey " + std::string(kMaxKeyMgmtDataLength, 'A')));
}

} // namespace
} // namespace mikey
} // namespace mediasec
