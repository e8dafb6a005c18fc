// AesCtr: RFC 3711 B.2 AES-CM keystream, NIST SP 800-38A F.5 CTR vectors, typed errors.
#include "protocol/crypto/aes-ctr.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace
{

Bytes
Block(const Bytes& stream, size_t index)
{
    return Bytes(stream.begin() + index * 16, stream.begin() + (index + 1) * 16);
}

TEST(AesCtr, GivenRfc3711B2SessionKeyAndOffset_WhenApplyingToZeros_ThenFirstAndLastBlocksMatch)
{
    auto ctr = AesCtr::Create(FromHex("2B7E151628AED2A6ABF7158809CF4F3C").Value());
    ASSERT_TRUE(ctr);
    const size_t blocks = 65282; // 1044512 octets, the keystream segment of B.2
    auto stream = ctr.Value().Apply(FromHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000").Value(),
                                    Bytes(blocks * 16, 0x00));
    ASSERT_TRUE(stream);
    ASSERT_EQ(stream.Value().size(), blocks * 16);
    EXPECT_EQ(ToHex(Block(stream.Value(), 0)), "e03ead0935c95e80e166b16dd92b4eb4");
    EXPECT_EQ(ToHex(Block(stream.Value(), 1)), "d23513162b02d0f72a43a2fe4a5f97ab");
    EXPECT_EQ(ToHex(Block(stream.Value(), 2)), "41e95b3bb0a2e8dd477901e4fca894c0");
    EXPECT_EQ(ToHex(Block(stream.Value(), 0xfeff)), "ec8cdf7398607cb0f2d21675ea9ea1e4");
    EXPECT_EQ(ToHex(Block(stream.Value(), 0xff00)), "362b7c3c6773516318a077d7fc5073ae");
    EXPECT_EQ(ToHex(Block(stream.Value(), 0xff01)), "6a2cc3787889374fbeb4c81b17ba6c44");
}

TEST(AesCtr, GivenSp80038aCtrAes128_WhenEncryptingBlock1_ThenCiphertextMatches)
{
    auto ctr = AesCtr::Create(FromHex("2b7e151628aed2a6abf7158809cf4f3c").Value());
    ASSERT_TRUE(ctr);
    auto out = ctr.Value().Apply(FromHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff").Value(),
                                 FromHex("6bc1bee22e409f96e93d7e117393172a").Value());
    ASSERT_TRUE(out);
    EXPECT_EQ(ToHex(out.Value()), "874d6191b620e3261bef6864990db6ce");
}

TEST(AesCtr, GivenSp80038aCtrAes256_WhenEncryptingBlock1_ThenCiphertextMatches)
{
    auto ctr = AesCtr::Create(
        FromHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4").Value());
    ASSERT_TRUE(ctr);
    auto out = ctr.Value().Apply(FromHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff").Value(),
                                 FromHex("6bc1bee22e409f96e93d7e117393172a").Value());
    ASSERT_TRUE(out);
    EXPECT_EQ(ToHex(out.Value()), "601ec313775789a5b7a7f504bbf3d228");
}

TEST(AesCtr, GivenAReusedContext_WhenApplyingTwiceAfterAPartialBlock_ThenTheKeystreamRestarts)
{
    auto ctr = AesCtr::Create(Bytes(16, 0x42));
    ASSERT_TRUE(ctr);
    const Bytes iv(16, 0x07);
    auto partial = ctr.Value().Apply(iv, Bytes(5, 0x00));
    auto full = ctr.Value().Apply(iv, Bytes(40, 0x00));
    ASSERT_TRUE(partial && full);
    EXPECT_EQ(partial.Value(), Bytes(full.Value().begin(), full.Value().begin() + 5));
}

TEST(AesCtr, GivenCiphertext_WhenApplyingAgainWithTheSameIv_ThenPlaintextReturns)
{
    auto ctr = AesCtr::Create(Bytes(32, 0x11));
    ASSERT_TRUE(ctr);
    const Bytes iv(16, 0x99);
    const Bytes text = ToBytes("counter mode is its own inverse");
    auto cipher = ctr.Value().Apply(iv, text);
    ASSERT_TRUE(cipher);
    EXPECT_NE(cipher.Value(), text);
    auto back = ctr.Value().Apply(iv, cipher.Value());
    ASSERT_TRUE(back);
    EXPECT_EQ(back.Value(), text);
}

TEST(AesCtr, GivenEmptyData_WhenApplying_ThenEmptyOutput)
{
    auto ctr = AesCtr::Create(Bytes(16, 0x01));
    ASSERT_TRUE(ctr);
    auto out = ctr.Value().Apply(Bytes(16, 0x00), {});
    ASSERT_TRUE(out);
    EXPECT_TRUE(out.Value().empty());
}

TEST(AesCtr, GivenA24ByteKey_WhenCreating_ThenBadLength)
{
    auto ctr = AesCtr::Create(Bytes(24, 0x01));
    ASSERT_FALSE(ctr);
    EXPECT_EQ(ctr.GetError().code, Errc::BadLength);
}

TEST(AesCtr, GivenA12ByteIv_WhenApplying_ThenBadLength)
{
    auto ctr = AesCtr::Create(Bytes(16, 0x01));
    ASSERT_TRUE(ctr);
    auto out = ctr.Value().Apply(Bytes(12, 0x00), Bytes(4, 0x00));
    ASSERT_FALSE(out);
    EXPECT_EQ(out.GetError().code, Errc::BadLength);
}

TEST(AesCtr, GivenAMovedFromInstance_WhenApplying_ThenInvalidState)
{
    auto ctr = AesCtr::Create(Bytes(16, 0x01));
    ASSERT_TRUE(ctr);
    AesCtr moved = std::move(ctr).Value();
    auto out = ctr.Value().Apply(Bytes(16, 0x00), Bytes(4, 0x00));
    ASSERT_FALSE(out);
    EXPECT_EQ(out.GetError().code, Errc::InvalidState);
    EXPECT_TRUE(moved.Apply(Bytes(16, 0x00), Bytes(4, 0x00)));
}

} // namespace
} // namespace mediasec
