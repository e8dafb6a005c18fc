// Hmac: RFC 2202 (SHA-1) and RFC 4231 (SHA-256) vectors, context reuse, re-keying.
#include "protocol/crypto/hmac.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace
{

std::string
HmacHex(HmacDigest digest, const Bytes& key, const Bytes& data)
{
    auto hmac = Hmac::Create(digest, key);
    return hmac ? ToHex(hmac.Value().Compute(data)) : "create failed";
}

const char* const kLargeKeyText = "Test Using Larger Than Block-Size Key - Hash Key First";

TEST(Hmac, GivenRfc2202Cases1And2And6_WhenComputingHmacSha1_ThenDigestsMatch)
{
    EXPECT_EQ(HmacHex(HmacDigest::Sha1, Bytes(20, 0x0b), ToBytes("Hi There")),
              "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(HmacHex(HmacDigest::Sha1, ToBytes("Jefe"), ToBytes("what do ya want for nothing?")),
              "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    EXPECT_EQ(HmacHex(HmacDigest::Sha1, Bytes(80, 0xaa), ToBytes(kLargeKeyText)),
              "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

TEST(Hmac, GivenRfc4231Cases1And2And6_WhenComputingHmacSha256_ThenDigestsMatch)
{
    EXPECT_EQ(HmacHex(HmacDigest::Sha256, Bytes(20, 0x0b), ToBytes("Hi There")),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(HmacHex(HmacDigest::Sha256, ToBytes("Jefe"), ToBytes("what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(HmacHex(HmacDigest::Sha256, Bytes(131, 0xaa), ToBytes(kLargeKeyText)),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(Hmac, GivenAReusedContext_WhenComputingThreeMessages_ThenEachMatchesAFreshContext)
{
    auto hmac = Hmac::Create(HmacDigest::Sha1, Bytes(20, 0x0b));
    ASSERT_TRUE(hmac);
    EXPECT_EQ(ToHex(hmac.Value().Compute(ToBytes("Hi There"))),
              "b617318655057264e28bc0b6fb378c8ef146be00");
    EXPECT_EQ(ToHex(hmac.Value().Compute(ToBytes("other"))),
              HmacHex(HmacDigest::Sha1, Bytes(20, 0x0b), ToBytes("other")));
    EXPECT_EQ(ToHex(hmac.Value().Compute(ToBytes("Hi There"))),
              "b617318655057264e28bc0b6fb378c8ef146be00");
}

TEST(Hmac, GivenAKeyedContext_WhenSettingANewKey_ThenTheNewKeyIsUsed)
{
    auto hmac = Hmac::Create(HmacDigest::Sha256, Bytes(20, 0x0b));
    ASSERT_TRUE(hmac);
    ASSERT_TRUE(hmac.Value().SetKey(ToBytes("Jefe")));
    EXPECT_EQ(ToHex(hmac.Value().Compute(ToBytes("what do ya want for nothing?"))),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Hmac, GivenAnEmptyKeyAndMessage_WhenComputingHmacSha256_ThenKnownDigest)
{
    EXPECT_EQ(HmacHex(HmacDigest::Sha256, {}, {}),
              "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(Hmac, GivenEachDigest_WhenAskingTheLength_ThenOutputLengthMatches)
{
    auto sha1 = Hmac::Create(HmacDigest::Sha1, Bytes(4, 1));
    auto sha256 = Hmac::Create(HmacDigest::Sha256, Bytes(4, 1));
    ASSERT_TRUE(sha1 && sha256);
    EXPECT_EQ(sha1.Value().Length(), 20u);
    EXPECT_EQ(sha256.Value().Length(), 32u);
    EXPECT_EQ(sha1.Value().Compute({}).size(), HmacLength(HmacDigest::Sha1));
    EXPECT_EQ(sha256.Value().Compute({}).size(), HmacLength(HmacDigest::Sha256));
}

TEST(Hmac, GivenAMovedFromInstance_WhenSettingAKey_ThenInvalidState)
{
    auto hmac = Hmac::Create(HmacDigest::Sha1, Bytes(4, 1));
    ASSERT_TRUE(hmac);
    Hmac moved = std::move(hmac).Value();
    auto status = hmac.Value().SetKey(Bytes(4, 2));
    ASSERT_FALSE(status);
    EXPECT_EQ(status.GetError().code, Errc::InvalidState);
    EXPECT_TRUE(hmac.Value().Compute({}).empty());
    EXPECT_EQ(moved.Compute({}).size(), 20u);
}

TEST(ConstantTimeEqual, GivenEqualDifferentAndShorterInputs_WhenComparing_ThenOnlyEqualMatches)
{
    const Bytes tag = FromHex("b617318655057264e28b").Value();
    Bytes flipped = tag;
    flipped[9] ^= 0x01;
    EXPECT_TRUE(ConstantTimeEqual(tag, tag));
    EXPECT_FALSE(ConstantTimeEqual(tag, flipped));
    EXPECT_FALSE(ConstantTimeEqual(tag, Bytes(tag.begin(), tag.end() - 1)));
    EXPECT_TRUE(ConstantTimeEqual({}, {}));
}

} // namespace
} // namespace mediasec
