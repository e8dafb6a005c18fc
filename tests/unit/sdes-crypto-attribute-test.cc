// RFC 4568 a=crypto parse/format: the RFC examples (decoded bytes from REFERENCE.md 3.4),
// lifetimes and MKIs seen in the wild (REFERENCE.md 3.6), round trips, and every SDES bad
// input of PERF.md section 3 with its typed error.
#include "protocol/common/base64.h"
#include "protocol/sdes/crypto-attribute.h"
#include "protocol/sdes/media-crypto-attributes.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace sdes
{
namespace
{

const char kRfc4568Key45[] = "d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj";
const char kRfc4568Key715[] = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";
const char kRfc4568KeySha132[] = "NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj";

CryptoAttribute
ParseOk(const std::string& value)
{
    auto parsed = ParseCryptoAttribute(value);
    EXPECT_TRUE(parsed.IsOk()) << value << " -> " << parsed.GetError().ToString();
    return parsed.IsOk() ? parsed.Value() : CryptoAttribute{};
}

TEST(SdesCryptoAttribute, GivenRfc4568Section45Line_WhenParsed_ThenKeySaltLifetimeAndMkiMatch)
{
    CryptoAttribute a =
        ParseOk(std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|2^20|1:32");
    EXPECT_EQ(a.tag, 1u);
    EXPECT_EQ(a.suite, SrtpSuite::AesCm128HmacSha1_80);
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_EQ(ToHex(a.keys[0].masterKey), "774466766726542b2978473740666235");
    EXPECT_EQ(ToHex(a.keys[0].masterSalt), "6a552c5261417d5c7c7030252a23");
    EXPECT_EQ(a.keys[0].lifetime, std::optional<uint64_t>(1u << 20));
    ASSERT_TRUE(a.keys[0].mki.has_value());
    EXPECT_EQ(a.keys[0].mki->value, 1u);
    EXPECT_EQ(a.keys[0].mki->length, 32u);
    EXPECT_TRUE(a.sessionParams.empty());
}

TEST(SdesCryptoAttribute, GivenRfc4568Section715InlineKey_WhenParsed_ThenKeySaltAndMki4Match)
{
    CryptoAttribute a =
        ParseOk(std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key715 + "|2^20|1:4");
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_EQ(ToHex(a.keys[0].masterKey), "3d2d6e40255e7821426a75667239293f");
    EXPECT_EQ(ToHex(a.keys[0].masterSalt), "2c2335685c603d265d7b71695051");
    ASSERT_TRUE(a.keys[0].mki.has_value());
    EXPECT_EQ(a.keys[0].mki->length, 4u);
}

TEST(SdesCryptoAttribute, GivenRfc4568Sha1_32Example_WhenParsed_ThenSuiteKeyAndSaltMatch)
{
    CryptoAttribute a = ParseOk(std::string("2 AES_CM_128_HMAC_SHA1_32 inline:") +
                                kRfc4568KeySha132 + "|2^20|1:32");
    EXPECT_EQ(a.tag, 2u);
    EXPECT_EQ(a.suite, SrtpSuite::AesCm128HmacSha1_32);
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_EQ(ToHex(a.keys[0].masterKey), "37307877504835402f2c4c3a53317759");
    EXPECT_EQ(ToHex(a.keys[0].masterSalt), "227e3d27457067542528695f5663");
}

TEST(SdesCryptoAttribute, GivenTwoInlineKeysSeparatedBySemicolon_WhenParsed_ThenBothKeysInOrder)
{
    // The key-params of RFC 4568's two-key F8 example, with a suite we run.
    CryptoAttribute a = ParseOk("1 AES_CM_128_HMAC_SHA1_80 "
                                "inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
                                "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 "
                                "FEC_ORDER=FEC_SRTP");
    ASSERT_EQ(a.keys.size(), 2u);
    EXPECT_EQ(a.keys[0].masterKey, ToBytes("123456789ABCDE01"));
    EXPECT_EQ(a.keys[0].masterSalt, ToBytes("23456789ABcdef"));
    EXPECT_EQ(a.keys[1].masterKey, ToBytes("ABcdef123456789A"));
    EXPECT_EQ(a.keys[1].masterSalt, ToBytes("BCDE0123456789"));
    ASSERT_TRUE(a.keys[0].mki.has_value() && a.keys[1].mki.has_value());
    EXPECT_EQ(a.keys[0].mki->value, 1u);
    EXPECT_EQ(a.keys[1].mki->value, 2u);
    EXPECT_EQ(a.sessionParams, std::vector<std::string>{"FEC_ORDER=FEC_SRTP"});
}

TEST(SdesCryptoAttribute, GivenRfc4568TwoKeyF8Example_WhenParsed_ThenUnsupportedNamingF8)
{
    auto parsed = ParseCryptoAttribute("1 F8_128_HMAC_SHA1_80 "
                                       "inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
                                       "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 "
                                       "FEC_ORDER=FEC_SRTP");
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::Unsupported);
    EXPECT_NE(parsed.GetError().detail.find("F8_128_HMAC_SHA1_80"), std::string::npos);
}

TEST(SdesCryptoAttribute, GivenLifetime2Pow31AsSentBySbcs_WhenParsed_ThenAcceptedAs2147483648)
{
    // AudioCodes Mediant (emiago/diago#182), Grandstream (sipwise/rtpengine#57).
    CryptoAttribute a =
        ParseOk(std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|2^31");
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_EQ(a.keys[0].lifetime, std::optional<uint64_t>(2147483648u));
    EXPECT_FALSE(a.keys[0].mki.has_value());
}

TEST(SdesCryptoAttribute, GivenLifetime2Pow31AndMki1Colon1_WhenParsed_ThenBothKept)
{
    // The Asterisk 20.6 shape (asterisk/asterisk#825).
    CryptoAttribute a =
        ParseOk(std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|2^31|1:1");
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_EQ(a.keys[0].lifetime, std::optional<uint64_t>(2147483648u));
    ASSERT_TRUE(a.keys[0].mki.has_value());
    EXPECT_EQ(a.keys[0].mki->value, 1u);
    EXPECT_EQ(a.keys[0].mki->length, 1u);
}

TEST(SdesCryptoAttribute, GivenMkiWithoutLifetime_WhenParsed_ThenMkiNotTakenForLifetime)
{
    CryptoAttribute a =
        ParseOk(std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|7:2");
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_FALSE(a.keys[0].lifetime.has_value());
    ASSERT_TRUE(a.keys[0].mki.has_value());
    EXPECT_EQ(a.keys[0].mki->value, 7u);
    EXPECT_EQ(a.keys[0].mki->length, 2u);
}

TEST(SdesCryptoAttribute,
     GivenDecimalLifetime_WhenParsedAndFormatted_ThenValueKeptAndDecimalWritten)
{
    std::string line =
        std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|1000000";
    CryptoAttribute a = ParseOk(line);
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_EQ(a.keys[0].lifetime, std::optional<uint64_t>(1000000u));
    EXPECT_EQ(FormatCryptoAttribute(a), line);
}

TEST(SdesCryptoAttribute, GivenDecimalPowerOfTwoLifetime_WhenFormatted_ThenWrittenAs2PowN)
{
    CryptoAttribute a =
        ParseOk(std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|1048576");
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_EQ(a.keys[0].lifetime, std::optional<uint64_t>(1u << 20));
    EXPECT_EQ(FormatCryptoAttribute(a),
              std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|2^20");
}

TEST(SdesCryptoAttribute, GivenLifetime2Pow48_WhenParsed_ThenAcceptedAtTheSrtpMaximum)
{
    CryptoAttribute a =
        ParseOk(std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|2^48");
    ASSERT_EQ(a.keys.size(), 1u);
    EXPECT_EQ(a.keys[0].lifetime, std::optional<uint64_t>(uint64_t{1} << 48));
}

TEST(SdesCryptoAttribute, GivenGcmSuiteWith28ByteKeySalt_WhenParsed_Then16ByteKeyAnd12ByteSalt)
{
    // RFC 7714 16.1.1 key and salt ("Quid pro quo").
    CryptoAttribute a =
        ParseOk("3 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1bw==");
    EXPECT_EQ(a.suite, SrtpSuite::AeadAes128Gcm);
    EXPECT_EQ(ToHex(a.keys[0].masterKey), "000102030405060708090a0b0c0d0e0f");
    EXPECT_EQ(ToHex(a.keys[0].masterSalt), "517569642070726f2071756f");
}

TEST(SdesCryptoAttribute, GivenGcmSuiteWith30ByteAesCmKeySalt_WhenParsed_ThenBadLength)
{
    auto parsed = ParseCryptoAttribute(std::string("1 AEAD_AES_128_GCM inline:") + kRfc4568Key45);
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::BadLength);
}

TEST(SdesCryptoAttribute, GivenCanonicalLines_WhenFormatAfterParse_ThenByteIdentical)
{
    const std::string lines[] = {
        std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|2^20|1:32",
        std::string("1 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key715 + "|2^20|1:4",
        std::string("2 AES_CM_128_HMAC_SHA1_32 inline:") + kRfc4568KeySha132,
        std::string("999999999 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 + "|2^31",
        "3 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1bw== KDR=0",
        "1 AES_CM_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;"
        "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP",
        std::string("7 AES_CM_128_HMAC_SHA1_80 inline:") + kRfc4568Key45 +
            " KDR=24 UNENCRYPTED_SRTP UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP WSH=64 "
            "FEC_KEY=inline:" +
            kRfc4568Key715,
    };
    for (const std::string& line : lines)
    {
        EXPECT_EQ(FormatCryptoAttribute(ParseOk(line)), line);
    }
}

TEST(SdesCryptoAttribute, GivenAttributeBuiltInCode_WhenFormattedAndParsed_ThenEqual)
{
    CryptoAttribute a;
    a.tag = 42;
    a.suite = SrtpSuite::AesCm128HmacSha1_32;
    KeyParam k1{Bytes(16, 0xa5), Bytes(14, 0x5a), uint64_t{1} << 31, Mki{255, 1}};
    KeyParam k2{Bytes(16, 0x11), Bytes(14, 0x22), uint64_t{12345}, Mki{3, 1}};
    a.keys = {k1, k2};
    a.sessionParams = {"KDR=0", "UNENCRYPTED_SRTCP"};
    auto parsed = ParseCryptoAttribute(FormatCryptoAttribute(a));
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    EXPECT_TRUE(parsed.Value() == a);
}

TEST(SdesCryptoAttribute, GivenTabsAndTrailingSpace_WhenParsed_ThenFieldsSplitOnAnyWsp)
{
    CryptoAttribute a =
        ParseOk(std::string("5\tAES_CM_128_HMAC_SHA1_80  inline:") + kRfc4568Key45 + " \t");
    EXPECT_EQ(a.tag, 5u);
    EXPECT_EQ(a.keys.size(), 1u);
}

/** \brief One SDES bad input of PERF.md section 3 and the error it must give. */
struct BadInput
{
    const char* name;     //!< test name suffix
    std::string value;    //!< attribute value
    Errc code;            //!< expected category
    const char* mentions; //!< the detail must name this field or value
};

std::string
Line(const std::string& keyParams, const std::string& rest = "")
{
    return "1 AES_CM_128_HMAC_SHA1_80 " + keyParams + rest;
}

std::string
Inline(const std::string& suffix = "")
{
    return std::string("inline:") + kRfc4568Key45 + suffix;
}

class SdesCryptoAttributeBadInput : public testing::TestWithParam<BadInput>
{
};

TEST_P(SdesCryptoAttributeBadInput, GivenPerfSection3BadInput_WhenParsed_ThenTypedErrorNamingField)
{
    const BadInput& bad = GetParam();
    auto parsed = ParseCryptoAttribute(bad.value);
    ASSERT_FALSE(parsed.IsOk()) << bad.value;
    EXPECT_EQ(parsed.GetError().code, bad.code)
        << bad.value << " -> " << parsed.GetError().ToString();
    EXPECT_NE(parsed.GetError().detail.find(bad.mentions), std::string::npos)
        << parsed.GetError().detail;
}

std::string
SeventeenKeys()
{
    std::string keys;
    for (int i = 1; i <= 17; ++i)
    {
        keys += (i == 1 ? "" : ";") + Inline("|" + std::to_string(i) + ":1");
    }
    return keys;
}

const BadInput kBadInputs[] = {
    {"NonNumericTag", "a1 AES_CM_128_HMAC_SHA1_80 " + Inline(), Errc::Malformed, "tag"},
    {"TagLongerThan9Digits", "1234567890 AES_CM_128_HMAC_SHA1_80 " + Inline(), Errc::OutOfRange,
     "tag"},
    {"EmptyValue", "", Errc::MissingField, "tag"},
    {"TagOnly", "1", Errc::MissingField, "crypto-suite"},
    {"NoKeyParams", "1 AES_CM_128_HMAC_SHA1_80", Errc::MissingField, "key-params"},
    {"LeadingWhitespace", " 1 AES_CM_128_HMAC_SHA1_80 " + Inline(), Errc::Malformed, "tag"},
    {"UnknownSuite", "1 FOO_128_BAR " + Inline(), Errc::Unsupported, "FOO_128_BAR"},
    {"ZoiperSuiteSpelling", "1 AES_CM_256_HMAC_SHA1_80 " + Inline(), Errc::Unsupported,
     "AES_CM_256_HMAC_SHA1_80"},
    {"Rfc6188Suite", "1 AES_256_CM_HMAC_SHA1_80 " + Inline(), Errc::Unsupported,
     "AES_256_CM_HMAC_SHA1_80"},
    {"SuiteWithBadCharacters", "1 AES-CM " + Inline(), Errc::Malformed, "crypto-suite"},
    {"MissingInlinePrefix", Line(std::string(kRfc4568Key45) + "|2^20|1:32"), Errc::Malformed,
     "inline"},
    {"BareKeyWithoutMethod", Line(kRfc4568Key45), Errc::Malformed, "inline"},
    {"OtherKeyMethod", Line("uri:http://kms.example/key"), Errc::Unsupported, "uri"},
    {"KeySaltDecodesTo33Bytes", Line(Inline("AAAA")), Errc::BadLength, "30"},
    {"KeySaltDecodesTo27Bytes", Line("inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAw"),
     Errc::BadLength, "30"},
    {"BadBase64Character", Line("inline:d0Rmdm*mVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj"), Errc::Malformed,
     "key-salt"},
    {"Base64LengthNotMultipleOf4", Line("inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSo"),
     Errc::Malformed, "key-salt"},
    {"EmptyKeySalt", Line("inline:"), Errc::Malformed, "key-salt"},
    {"Lifetime2Pow64Overflows", Line(Inline("|2^64")), Errc::OutOfRange, "lifetime"},
    {"Lifetime2PowHugeOverflows", Line(Inline("|2^99999999999999999999")), Errc::OutOfRange,
     "lifetime"},
    {"Lifetime2Pow49AboveSrtpMax", Line(Inline("|2^49")), Errc::OutOfRange, "lifetime"},
    {"DecimalLifetimeAbove2Pow48", Line(Inline("|281474976710657")), Errc::OutOfRange, "lifetime"},
    {"DecimalLifetimeOverflows64Bits", Line(Inline("|99999999999999999999999")), Errc::OutOfRange,
     "lifetime"},
    {"LifetimeZero", Line(Inline("|0")), Errc::OutOfRange, "lifetime"},
    {"LifetimeNotANumber", Line(Inline("|2^x")), Errc::Malformed, "lifetime"},
    {"LifetimeHex", Line(Inline("|0x100")), Errc::Malformed, "lifetime"},
    {"EmptyFieldBetweenBars", Line(Inline("||1:4")), Errc::Malformed, "|"},
    {"FourBarFields", Line(Inline("|2^20|1:4|9")), Errc::Malformed, "lifetime|mki"},
    {"MkiLength129", Line(Inline("|2^20|1:129")), Errc::OutOfRange, "mki"},
    {"MkiLengthZero", Line(Inline("|1:0")), Errc::OutOfRange, "mki"},
    {"MkiLengthFourDigits", Line(Inline("|1:1000")), Errc::OutOfRange, "mki"},
    {"MkiValueDoesNotFitOneByte", Line(Inline("|2^20|256:1")), Errc::OutOfRange, "mki"},
    {"MkiValueDoesNotFitTwoBytes", Line(Inline("|65536:2")), Errc::OutOfRange, "mki"},
    {"MkiValueAbove32Bits", Line(Inline("|4294967296:8")), Errc::OutOfRange, "mki"},
    {"MkiNotValueColonLength", Line(Inline("|2^20|1:x")), Errc::Malformed, "mki"},
    {"MkiLengthsDiffer", Line(Inline("|1:1;") + "inline:" + kRfc4568Key715 + "|2:2"),
     Errc::BadLength, "MKI length"},
    {"SecondKeyWithoutMki", Line(Inline("|1:4;") + "inline:" + kRfc4568Key715), Errc::MissingField,
     "MKI"},
    {"DuplicateMkiValue", Line(Inline("|1:4;") + "inline:" + kRfc4568Key715 + "|1:4"),
     Errc::Malformed, "duplicate MKI"},
    {"EmptyKeyParamAfterSemicolon", Line(Inline("|1:4;")), Errc::Malformed, "inline"},
    {"SeventeenKeys", Line(SeventeenKeys()), Errc::TooLarge, "key-params"},
    {"UnknownSessionParam", Line(Inline(), " FOO=1"), Errc::Unsupported, "FOO"},
    {"UnknownFlagSessionParam", Line(Inline(), " UNENCRYPTED_RTP"), Errc::Unsupported,
     "UNENCRYPTED_RTP"},
    {"KdrAbove24", Line(Inline(), " KDR=25"), Errc::OutOfRange, "KDR"},
    {"KdrNotANumber", Line(Inline(), " KDR=x"), Errc::Malformed, "KDR"},
    {"WshBelow64", Line(Inline(), " WSH=32"), Errc::OutOfRange, "WSH"},
    {"FecOrderUnknown", Line(Inline(), " FEC_ORDER=FEC_FIRST"), Errc::Malformed, "FEC_ORDER"},
    {"FecKeyWrongLength", Line(Inline(), " FEC_KEY=inline:AAAA"), Errc::BadLength, "FEC_KEY"},
    {"FlagWithValue", Line(Inline(), " UNENCRYPTED_SRTP=1"), Errc::Malformed, "UNENCRYPTED_SRTP"},
    {"DuplicateSessionParam", Line(Inline(), " KDR=0 KDR=1"), Errc::Malformed, "KDR"},
    {"ControlCharacter", Line(Inline(), "\r\n"), Errc::Malformed, "character"},
    {"NonAsciiByte", Line(Inline(), " \xc3\xa9"), Errc::Malformed, "character"},
    {"Oversized", Line(Inline(), " " + std::string(5000, 'A')), Errc::TooLarge, "limit"},
};

INSTANTIATE_TEST_SUITE_P(Perf3, SdesCryptoAttributeBadInput, testing::ValuesIn(kBadInputs),
                         [](const testing::TestParamInfo<BadInput>& info) {
                             return std::string(info.param.name);
                         });

TEST(SdesMediaCryptoAttributes, GivenTwoOffersOnRtpSavp_WhenParsed_ThenBothReturnedInOrder)
{
    auto parsed = ParseMediaCryptoAttributes(
        "RTP/SAVP", {Line(Inline()), std::string("2 AEAD_AES_128_GCM inline:") +
                                         "AAECAwQFBgcICQoLDA0OD1F1aWQgcHJvIHF1bw=="});
    ASSERT_TRUE(parsed.IsOk()) << parsed.GetError().ToString();
    ASSERT_EQ(parsed.Value().size(), 2u);
    EXPECT_EQ(parsed.Value()[1].suite, SrtpSuite::AeadAes128Gcm);
}

TEST(SdesMediaCryptoAttributes, GivenDuplicateTags_WhenParsed_ThenMalformedNamingTag)
{
    auto parsed = ParseMediaCryptoAttributes(
        "RTP/SAVP",
        {Line(Inline()), "1 AES_CM_128_HMAC_SHA1_32 inline:" + std::string(kRfc4568KeySha132)});
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::Malformed);
    EXPECT_NE(parsed.GetError().detail.find("duplicate tag 1"), std::string::npos);
}

TEST(SdesMediaCryptoAttributes, GivenCryptoLineInRtpAvpSection_WhenParsed_ThenMalformedNamingProto)
{
    auto parsed = ParseMediaCryptoAttributes("RTP/AVP", {Line(Inline())});
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::Malformed);
    EXPECT_NE(parsed.GetError().detail.find("RTP/AVP"), std::string::npos);
}

TEST(SdesMediaCryptoAttributes, GivenSameMasterKeyInTwoAttributes_WhenParsed_ThenMalformed)
{
    auto parsed = ParseMediaCryptoAttributes(
        "RTP/SAVPF", {Line(Inline()), "2 AES_CM_128_HMAC_SHA1_32 " + Inline()});
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::Malformed);
    EXPECT_NE(parsed.GetError().detail.find("master key"), std::string::npos);
}

TEST(SdesMediaCryptoAttributes, GivenBadSecondAttribute_WhenParsed_ThenErrorNamesAttribute2)
{
    auto parsed = ParseMediaCryptoAttributes("RTP/SAVP", {Line(Inline()), "2 FOO " + Inline()});
    ASSERT_FALSE(parsed.IsOk());
    EXPECT_EQ(parsed.GetError().code, Errc::Unsupported);
    EXPECT_NE(parsed.GetError().detail.find("attribute 2"), std::string::npos);
}

} // namespace
} // namespace sdes
} // namespace mediasec
