// AesBlock: FIPS 197 C.1 and NIST SP 800-38A F.1.1 ECB-AES128 vectors, context reuse, errors.
#include "protocol/crypto/aes-block.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace mediasec
{
namespace
{

AesBlock::Block
ToBlock(const char* hex)
{
    AesBlock::Block block{};
    const Bytes bytes = FromHex(hex).Value();
    std::copy_n(bytes.begin(), std::min(bytes.size(), block.size()), block.begin());
    return block;
}

std::string
EncryptHex(AesBlock& aes, const char* plaintextHex)
{
    auto out = aes.Encrypt(ToBlock(plaintextHex));
    return out ? ToHex(Bytes(out.Value().begin(), out.Value().end())) : out.GetError().ToString();
}

TEST(AesBlock, GivenFips197AppendixC1Key_WhenEncryptingTheExampleBlock_ThenCiphertextMatches)
{
    auto aes = AesBlock::Create(FromHex("000102030405060708090a0b0c0d0e0f").Value());
    ASSERT_TRUE(aes);
    EXPECT_EQ(EncryptHex(aes.Value(), "00112233445566778899aabbccddeeff"),
              "69c4e0d86a7b0430d8cdb78070b4c55a");
}

TEST(AesBlock, GivenSp80038aEcbAes128_WhenEncryptingFourBlocksWithOneContext_ThenEachMatches)
{
    auto aes = AesBlock::Create(FromHex("2b7e151628aed2a6abf7158809cf4f3c").Value());
    ASSERT_TRUE(aes);
    EXPECT_EQ(EncryptHex(aes.Value(), "6bc1bee22e409f96e93d7e117393172a"),
              "3ad77bb40d7a3660a89ecaf32466ef97");
    EXPECT_EQ(EncryptHex(aes.Value(), "ae2d8a571e03ac9c9eb76fac45af8e51"),
              "f5d3d58503b9699de785895a96fdbaaf");
    EXPECT_EQ(EncryptHex(aes.Value(), "30c81c46a35ce411e5fbc1191a0a52ef"),
              "43b1cd7f598ece23881b00e3ed030688");
    EXPECT_EQ(EncryptHex(aes.Value(), "f69f2445df4f9b17ad2b417be66c3710"),
              "7b0c785e27e8ad3f8223207104725dd4");
}

TEST(AesBlock, GivenTheSameBlockTwice_WhenEncrypting_ThenOutputsAreEqual)
{
    auto aes = AesBlock::Create(Bytes(16, 0x5a));
    ASSERT_TRUE(aes);
    const std::string first = EncryptHex(aes.Value(), "000102030405060708090a0b0c0d0e0f");
    EXPECT_EQ(EncryptHex(aes.Value(), "000102030405060708090a0b0c0d0e0f"), first);
    EXPECT_NE(first, "000102030405060708090a0b0c0d0e0f");
}

TEST(AesBlock, GivenKeysOf0And15And24And32Bytes_WhenCreating_ThenBadLength)
{
    for (size_t length : {0, 15, 24, 32})
    {
        auto aes = AesBlock::Create(Bytes(length, 0x01));
        ASSERT_FALSE(aes) << length;
        EXPECT_EQ(aes.GetError().code, Errc::BadLength) << length;
    }
}

TEST(AesBlock, GivenAMovedFromInstance_WhenEncrypting_ThenInvalidStateAndTheTargetStillWorks)
{
    auto aes = AesBlock::Create(FromHex("000102030405060708090a0b0c0d0e0f").Value());
    ASSERT_TRUE(aes);
    AesBlock target = std::move(aes.Value());
    auto fromSource = aes.Value().Encrypt(AesBlock::Block{});
    ASSERT_FALSE(fromSource);
    EXPECT_EQ(fromSource.GetError().code, Errc::InvalidState);
    EXPECT_EQ(EncryptHex(target, "00112233445566778899aabbccddeeff"),
              "69c4e0d86a7b0430d8cdb78070b4c55a");
}

} // namespace
} // namespace mediasec
