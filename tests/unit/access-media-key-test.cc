// access-msf media keys: the TS 33.220 Annex B.2 KDF over CK || IK with the project's FC and
// parameters. The vector below was computed twice, independently of this code: with python3
// hmac/hashlib over the S written out by hand, and with
// `openssl mac -digest SHA256 -macopt hexkey:<CK||IK> -in S.bin HMAC`; both agree.
#include "protocol/access/media-key-derivation.h"
#include "protocol/gba/gba-keys.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace access
{
namespace
{

/** \return CK and IK of TS 35.208 test set 1. */
AkaKeys
TestSet1Keys()
{
    const Bytes ckIk =
        FromHex("b40ba9a3c58b2a05bbf0d987b21bf8cb f769bcd751044604127672711c6d3441").Value();
    return {Bytes(ckIk.begin(), ckIk.begin() + 16), Bytes(ckIk.begin() + 16, ckIk.end())};
}

const char kCallId[] = "a84b4c76e66710@pc33.atlanta.example.com"; // RFC 3261 24.2

TEST(AccessMediaKey, GivenTestSet1KeysAndACallId_WhenBuildingS_ThenItIsFcLabelCallIdIndexDirSuite)
{
    auto s = gba::KdfInput(kFcAccessMediaKey, {ToBytes(kAccessMediaKeyLabel),
                                               ToBytes(kCallId),
                                               {0x00, 0x00},
                                               {0x01},
                                               ToBytes("AES_CM_128_HMAC_SHA1_80")});
    ASSERT_TRUE(s);
    EXPECT_EQ(ToHex(s.Value()),
              "5a6163636573732d6d73662d73727470000f" // FC, P0
              "613834623463373665363637313040706333332e61746c616e74612e6578616d706c652e636f6d0027"
              "00000002"                                             // P2
              "010001"                                               // P3
              "4145535f434d5f3132385f484d41435f534841315f38300017"); // P4
}

TEST(AccessMediaKey, GivenTestSet1KeysAndACallId_WhenDerived_ThenTheKeysAreTheComputedVector)
{
    auto up = DeriveMediaKey(TestSet1Keys(),
                             {kCallId, 0, MediaDirection::Uplink, SrtpSuite::AesCm128HmacSha1_80});
    ASSERT_TRUE(up) << up.GetError().ToString();
    EXPECT_EQ(up.Value().suite, SrtpSuite::AesCm128HmacSha1_80);
    EXPECT_EQ(ToHex(up.Value().masterKey), "8cad7ef04c5a9638d0d77a72af623102");
    EXPECT_EQ(ToHex(up.Value().masterSalt), "fb9d1af7ebc3ee7be9a0442fbc1d");
    auto down = DeriveMediaKey(
        TestSet1Keys(), {kCallId, 0, MediaDirection::Downlink, SrtpSuite::AesCm128HmacSha1_80});
    ASSERT_TRUE(down) << down.GetError().ToString();
    EXPECT_EQ(ToHex(down.Value().masterKey), "eba96e61ac20e8ff48f2ed2ae7c1db89");
    EXPECT_EQ(ToHex(down.Value().masterSalt), "e3c36f1c77534d0a335c447b0857");
}

TEST(AccessMediaKey, GivenTheSameCkIk_WhenUeAndPcscfDerive_ThenBothHoldTheSamePair)
{
    const AkaKeys ue = TestSet1Keys();
    const AkaKeys pcscf = TestSet1Keys();
    auto atUe = DeriveMediaKeyPair(ue, kCallId, 0, SrtpSuite::AesCm128HmacSha1_80);
    auto atPcscf = DeriveMediaKeyPair(pcscf, kCallId, 0, SrtpSuite::AesCm128HmacSha1_80);
    ASSERT_TRUE(atUe && atPcscf);
    EXPECT_EQ(atUe.Value().uplink.masterKey, atPcscf.Value().uplink.masterKey);
    EXPECT_EQ(atUe.Value().uplink.masterSalt, atPcscf.Value().uplink.masterSalt);
    EXPECT_EQ(atUe.Value().downlink.masterKey, atPcscf.Value().downlink.masterKey);
    EXPECT_EQ(atUe.Value().downlink.masterSalt, atPcscf.Value().downlink.masterSalt);
    EXPECT_NE(atUe.Value().uplink.masterKey, atUe.Value().downlink.masterKey);
    EXPECT_EQ(ToHex(atUe.Value().uplink.masterKey), "8cad7ef04c5a9638d0d77a72af623102");
}

/** \return the uplink master key||salt for \p context with the test set 1 keys. */
Bytes
KeyOf(const MediaKeyContext& context, const AkaKeys& keys = TestSet1Keys())
{
    auto key = DeriveMediaKey(keys, context);
    EXPECT_TRUE(key) << key.GetError().ToString();
    Bytes out = key.Value().masterKey;
    out.insert(out.end(), key.Value().masterSalt.begin(), key.Value().masterSalt.end());
    return out;
}

TEST(AccessMediaKey, GivenAnyInputChanged_WhenDerived_ThenTheKeyDiffers)
{
    const auto suite = SrtpSuite::AesCm128HmacSha1_80;
    const Bytes base = KeyOf({kCallId, 0, MediaDirection::Uplink, suite});
    EXPECT_NE(base,
              KeyOf({"b84b4c76e66710@pc33.atlanta.example.com", 0, MediaDirection::Uplink, suite}));
    EXPECT_NE(base, KeyOf({kCallId, 0, MediaDirection::Downlink, suite}));
    EXPECT_NE(base, KeyOf({kCallId, 1, MediaDirection::Uplink, suite}));
    EXPECT_NE(base, KeyOf({kCallId, 256, MediaDirection::Uplink, suite}));
    AkaKeys other = TestSet1Keys();
    other.ik.back() ^= 1;
    EXPECT_NE(base, KeyOf({kCallId, 0, MediaDirection::Uplink, suite}, other));
    const Bytes sha32 = KeyOf({kCallId, 0, MediaDirection::Uplink, SrtpSuite::AesCm128HmacSha1_32});
    EXPECT_NE(base, sha32);
}

TEST(AccessMediaKey, GivenTheGcmSuite_WhenDerived_ThenKeyAndSaltHaveItsLengths)
{
    auto key = DeriveMediaKey(TestSet1Keys(),
                              {kCallId, 0, MediaDirection::Uplink, SrtpSuite::AeadAes128Gcm});
    ASSERT_TRUE(key) << key.GetError().ToString();
    EXPECT_EQ(key.Value().masterKey.size(), 16u);
    EXPECT_EQ(key.Value().masterSalt.size(), 12u);
}

/** \return the error of deriving with \p keys and \p callId. */
Error
DeriveError(const AkaKeys& keys, const std::string& callId)
{
    auto key =
        DeriveMediaKey(keys, {callId, 0, MediaDirection::Uplink, SrtpSuite::AesCm128HmacSha1_80});
    EXPECT_FALSE(key) << callId;
    return key ? Error{Errc::InvalidState, "derived"} : key.GetError();
}

TEST(AccessMediaKey, GivenBadInputs_WhenDerived_ThenTypedErrorsNameTheField)
{
    AkaKeys shortCk = TestSet1Keys();
    shortCk.ck.pop_back();
    Error ck = DeriveError(shortCk, kCallId);
    EXPECT_EQ(ck.code, Errc::BadLength);
    EXPECT_NE(ck.detail.find("CK"), std::string::npos);
    Error empty = DeriveError(TestSet1Keys(), "");
    EXPECT_EQ(empty.code, Errc::MissingField);
    EXPECT_NE(empty.detail.find("Call-ID"), std::string::npos);
    EXPECT_EQ(DeriveError(TestSet1Keys(), "a b").code, Errc::Malformed);
    EXPECT_EQ(DeriveError(TestSet1Keys(), "caf\xc3\xa9").code, Errc::Malformed);
    EXPECT_EQ(DeriveError(TestSet1Keys(), std::string(65536, 'a')).code, Errc::TooLarge);
}

} // namespace
} // namespace access
} // namespace mediasec
