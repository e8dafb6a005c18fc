// SHA-256 (FIPS 180-4 examples) and the media key fingerprint.
#include "protocol/crypto/digest.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace
{

TEST(Sha256, GivenFips180Examples_WhenHashing_ThenDigestsMatch)
{
    EXPECT_EQ(ToHex(Sha256(ToBytes("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(ToHex(Sha256({})),
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(KeyFingerprint, GivenRfc3711B3MasterKeyAndSalt_WhenFingerprinting_ThenFirst8BytesOfSha256)
{
    const Bytes key = FromHex("e1f97a0d3e018be0d64fa32c06de4139").Value();
    const Bytes salt = FromHex("0ec675ad498afeebb6960b3aabe6").Value();
    // SHA-256(key || salt) = 05e33d617bc415a8...
    EXPECT_EQ(KeyFingerprint(key, salt), "05e33d617bc415a8");
}

TEST(KeyFingerprint, GivenTheSameKeyWithAnotherSalt_WhenFingerprinting_ThenTheNameDiffers)
{
    const Bytes key(16, 0x01);
    const std::string a = KeyFingerprint(key, Bytes(14, 0x02));
    const std::string b = KeyFingerprint(key, Bytes(14, 0x03));
    EXPECT_EQ(a.size(), 16u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, b);
}

} // namespace
} // namespace mediasec
