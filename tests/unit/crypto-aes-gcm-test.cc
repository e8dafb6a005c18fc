// AesGcm: RFC 7714 16.1.1 at the cipher layer, tag and AAD tampering, typed errors.
#include "protocol/crypto/aes-gcm.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace
{

// RFC 7714 16.1.1: session key and IV (already XORed with the salt), header as AAD.
const char* const kKey = "000102030405060708090a0b0c0d0e0f";
const char* const kIv = "51753c6580c2726f20718414";
const char* const kAad = "8040f17b8041f8d35501a0b2";
const char* const kPlaintext = "Gallia est omnis divisa in partes tres";
const char* const kSealed = "f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b"
                            "36de3adf8833899d7f27beb16a9152cf765ee4390cce";

TEST(AesGcm, GivenRfc7714Vector_WhenSealing_ThenCiphertextAndTagMatch)
{
    auto gcm = AesGcm::Create(FromHex(kKey).Value());
    ASSERT_TRUE(gcm);
    auto sealed =
        gcm.Value().Seal(FromHex(kIv).Value(), FromHex(kAad).Value(), ToBytes(kPlaintext));
    ASSERT_TRUE(sealed);
    EXPECT_EQ(ToHex(sealed.Value()), kSealed);
}

TEST(AesGcm, GivenRfc7714Vector_WhenOpening_ThenPlaintextReturns)
{
    auto gcm = AesGcm::Create(FromHex(kKey).Value());
    ASSERT_TRUE(gcm);
    auto opened =
        gcm.Value().Open(FromHex(kIv).Value(), FromHex(kAad).Value(), FromHex(kSealed).Value());
    ASSERT_TRUE(opened);
    EXPECT_EQ(opened.Value(), ToBytes(kPlaintext));
}

TEST(AesGcm, GivenAFlippedTagBit_WhenOpening_ThenAuthFailed)
{
    auto gcm = AesGcm::Create(FromHex(kKey).Value());
    ASSERT_TRUE(gcm);
    Bytes sealed = FromHex(kSealed).Value();
    sealed.back() ^= 0x01;
    auto opened = gcm.Value().Open(FromHex(kIv).Value(), FromHex(kAad).Value(), sealed);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.GetError().code, Errc::AuthFailed);
}

TEST(AesGcm, GivenAModifiedAad_WhenOpening_ThenAuthFailed)
{
    auto gcm = AesGcm::Create(FromHex(kKey).Value());
    ASSERT_TRUE(gcm);
    Bytes aad = FromHex(kAad).Value();
    aad[3] ^= 0x01; // sequence number
    auto opened = gcm.Value().Open(FromHex(kIv).Value(), aad, FromHex(kSealed).Value());
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.GetError().code, Errc::AuthFailed);
}

TEST(AesGcm, GivenAFailedOpen_WhenOpeningTheGenuineMessage_ThenTheContextStillWorks)
{
    auto gcm = AesGcm::Create(FromHex(kKey).Value());
    ASSERT_TRUE(gcm);
    Bytes forged = FromHex(kSealed).Value();
    forged[0] ^= 0x80;
    EXPECT_FALSE(gcm.Value().Open(FromHex(kIv).Value(), FromHex(kAad).Value(), forged));
    auto opened =
        gcm.Value().Open(FromHex(kIv).Value(), FromHex(kAad).Value(), FromHex(kSealed).Value());
    ASSERT_TRUE(opened);
    EXPECT_EQ(opened.Value(), ToBytes(kPlaintext));
}

TEST(AesGcm, GivenEmptyAadAndPlaintextWith256BitKey_WhenSealingAndOpening_ThenRoundTrip)
{
    auto gcm = AesGcm::Create(Bytes(32, 0x5a));
    ASSERT_TRUE(gcm);
    auto sealed = gcm.Value().Seal(Bytes(12, 0x01), {}, {});
    ASSERT_TRUE(sealed);
    EXPECT_EQ(sealed.Value().size(), AesGcm::kTagLength);
    auto opened = gcm.Value().Open(Bytes(12, 0x01), {}, sealed.Value());
    ASSERT_TRUE(opened);
    EXPECT_TRUE(opened.Value().empty());
}

TEST(AesGcm, GivenInputShorterThanTheTag_WhenOpening_ThenTruncated)
{
    auto gcm = AesGcm::Create(Bytes(16, 0x01));
    ASSERT_TRUE(gcm);
    auto opened = gcm.Value().Open(Bytes(12, 0x00), {}, Bytes(15, 0x00));
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.GetError().code, Errc::Truncated);
}

TEST(AesGcm, GivenA16ByteIv_WhenSealing_ThenBadLength)
{
    auto gcm = AesGcm::Create(Bytes(16, 0x01));
    ASSERT_TRUE(gcm);
    auto sealed = gcm.Value().Seal(Bytes(16, 0x00), {}, Bytes(4, 0x00));
    ASSERT_FALSE(sealed);
    EXPECT_EQ(sealed.GetError().code, Errc::BadLength);
}

TEST(AesGcm, GivenA15ByteKey_WhenCreating_ThenBadLength)
{
    auto gcm = AesGcm::Create(Bytes(15, 0x01));
    ASSERT_FALSE(gcm);
    EXPECT_EQ(gcm.GetError().code, Errc::BadLength);
}

} // namespace
} // namespace mediasec
