// KEMAC crypto (RFC 3830 4.2.3/4.2.4, RFC 6043 Tables 6.5/6.6): the golden PSK I_MESSAGE of
// REFERENCE.md 1.9 V5 (MAC verified and TGK decrypted from the listed PSK), the RFC 3711 B.2
// AES-CM keystream through the KEMAC IV, round trips, tampering and typed errors.
#include "protocol/common/byte-writer.h"
#include "protocol/mikey/kemac-crypto.h"
#include "protocol/mikey/mikey-key-derivation.h"

#include <gtest/gtest.h>

#include <string>

namespace mediasec
{
namespace mikey
{
namespace
{

Bytes
Hex(const char* hex)
{
    return FromHex(hex).Value();
}

Bytes
Slice(const Bytes& data, size_t from, size_t to)
{
    return Bytes(data.begin() + from, data.begin() + to);
}

// REFERENCE.md 1.9 V5: HDR (19 bytes: CSB ID at 4..7, one SRTP-ID map entry) | T (19..28,
// NTP-UTC value at 21..28) | RAND (29..46, value at 31..46) | KEMAC (47..91: next 0, Encr alg 1
// at 48, Encr data len 20 at 49..50, Encr data at 51..70, MAC alg 1 at 71, MAC at 72..91).
const char* const kV5Message =
    "010005800102030401000012345678000000000b00c8e350ea000000000110101112131415161718191a1b1c"
    "1d1e1f00010014be771f68039d82b78786986a3b837e06329c0bad0118043d90f1190885011fcdcaab58b991"
    "e18ba783";
const char* const kV5Psk = "202122232425262728292a2b2c2d2e2f";
const char* const kV5KeyData = "00000010000102030405060708090a0b0c0d0e0f"; // TGK, KV Null

/** The V5 message cut at the offsets above, with the keys derived from the listed PSK. */
struct V5
{
    Bytes message = Hex(kV5Message);
    uint32_t csbId = 0x01020304;
    uint64_t timestamp = 0xc8e350ea00000000ULL;
    Bytes rand = Slice(message, 31, 47);
    Bytes encrData = Slice(message, 51, 71);
    Bytes covered = Slice(message, 0, 72); // everything before the MAC field
    Bytes mac = Slice(message, 72, 92);
    MessageKeyLabelContext context = Rfc3830MessageKeyContext(csbId, rand);
    Bytes psk = Hex(kV5Psk);

    KemacCipherParams
    Cipher() const
    {
        KemacCipherParams params;
        params.encrAlg = EncrAlg::AesCm128;
        params.encrKey = DeriveEncrKey(PrfFunc::Mikey1, psk, context, 16).Value();
        params.saltKey = DeriveSaltKey(PrfFunc::Mikey1, psk, context, kKemacSaltKeyLength).Value();
        params.csbId = csbId;
        params.timestamp = timestamp;
        return params;
    }

    Bytes
    AuthKey() const
    {
        return DeriveAuthKey(PrfFunc::Mikey1, psk, context, 20).Value();
    }
};

TEST(KemacCrypto, GivenTheV5Message_WhenCuttingIt_ThenTheFieldsAreWhereTheTestExpects)
{
    const V5 v5;
    ASSERT_EQ(v5.message.size(), 92u);
    EXPECT_EQ(ToHex(Slice(v5.message, 4, 8)), "01020304");
    EXPECT_EQ(ToHex(Slice(v5.message, 21, 29)), "c8e350ea00000000");
    EXPECT_EQ(ToHex(Slice(v5.message, 47, 51)), "00010014"); // last, AES-CM-128, 20 bytes
    EXPECT_EQ(v5.message[71], static_cast<uint8_t>(MacAlg::HmacSha1_160));
}

TEST(KemacCrypto, GivenTheV5MessageAndItsPsk_WhenVerifyingTheMac_ThenItVerifies)
{
    const V5 v5;
    EXPECT_TRUE(VerifyMac(MacAlg::HmacSha1_160, v5.AuthKey(), v5.covered, v5.mac));
    EXPECT_EQ(ToHex(ComputeMac(MacAlg::HmacSha1_160, v5.AuthKey(), v5.covered)),
              "18043d90f1190885011fcdcaab58b991e18ba783");
}

TEST(KemacCrypto, GivenTheV5MessageAndItsPsk_WhenDecryptingTheKemac_ThenTheTgkKeyDataResults)
{
    const V5 v5;
    const KemacCipherParams params = v5.Cipher();
    auto iv = KemacAesCmIv(params.saltKey, v5.csbId, v5.timestamp);
    ASSERT_TRUE(iv);
    EXPECT_EQ(ToHex(iv.Value()), "7620073f1f3630556ba0399be7c00000");
    auto plaintext = KemacDecrypt(params, v5.encrData);
    ASSERT_TRUE(plaintext);
    EXPECT_EQ(ToHex(plaintext.Value()), kV5KeyData);
    EXPECT_EQ(ToHex(Slice(plaintext.Value(), 4, 20)), "000102030405060708090a0b0c0d0e0f");
}

TEST(KemacCrypto, GivenTheV5KeyData_WhenEncryptingAndMacingAgain_ThenTheMessageIsReproduced)
{
    const V5 v5;
    auto encrData = KemacEncrypt(v5.Cipher(), Hex(kV5KeyData));
    ASSERT_TRUE(encrData);
    ByteWriter rebuilt;
    rebuilt.WriteBytes(Slice(v5.message, 0, 51)); // up to the KEMAC Encr data
    rebuilt.WriteBytes(encrData.Value());
    rebuilt.WriteU8(static_cast<uint8_t>(MacAlg::HmacSha1_160));
    rebuilt.WriteBytes(ComputeMac(MacAlg::HmacSha1_160, v5.AuthKey(), rebuilt.View()));
    EXPECT_EQ(ToHex(rebuilt.View()), kV5Message);
}

TEST(KemacCrypto, GivenTheV5MessageWithAnyBitFlipped_WhenVerifyingTheMac_ThenAuthFails)
{
    const V5 v5;
    const Bytes authKey = v5.AuthKey();
    for (size_t i = 0; i < v5.covered.size(); ++i)
    {
        Bytes tampered = v5.covered;
        tampered[i] ^= 0x01;
        Status status = VerifyMac(MacAlg::HmacSha1_160, authKey, tampered, v5.mac);
        ASSERT_FALSE(status) << "byte " << i;
        EXPECT_EQ(status.GetError().code, Errc::AuthFailed);
    }
    Bytes badMac = v5.mac;
    badMac.back() ^= 0x80;
    EXPECT_FALSE(VerifyMac(MacAlg::HmacSha1_160, authKey, v5.covered, badMac));
}

TEST(KemacCrypto, GivenAWrongKeyOrMacLength_WhenVerifying_ThenAuthFails)
{
    const V5 v5;
    Status wrongPsk =
        VerifyMac(MacAlg::HmacSha1_160,
                  DeriveAuthKey(PrfFunc::Mikey1, Bytes(16, 0x20), v5.context, 20).Value(),
                  v5.covered, v5.mac);
    ASSERT_FALSE(wrongPsk);
    EXPECT_EQ(wrongPsk.GetError().code, Errc::AuthFailed);
    Status truncated =
        VerifyMac(MacAlg::HmacSha1_160, v5.AuthKey(), v5.covered, Slice(v5.mac, 0, 10));
    ASSERT_FALSE(truncated);
    EXPECT_EQ(truncated.GetError().code, Errc::AuthFailed);
    Status asSha256 = VerifyMac(MacAlg::HmacSha256_256, v5.AuthKey(), v5.covered, v5.mac);
    ASSERT_FALSE(asSha256);
    EXPECT_EQ(asSha256.GetError().code, Errc::AuthFailed);
}

TEST(KemacCrypto, GivenNullOrUnknownMacAlg_WhenVerifying_ThenItIsRefusedAsUnsupported)
{
    const V5 v5;
    EXPECT_TRUE(ComputeMac(MacAlg::Null, v5.AuthKey(), v5.covered).empty());
    Status null = VerifyMac(MacAlg::Null, v5.AuthKey(), v5.covered, Bytes{});
    ASSERT_FALSE(null);
    EXPECT_EQ(null.GetError().code, Errc::Unsupported);
    Status unknown = VerifyMac(static_cast<MacAlg>(7), v5.AuthKey(), v5.covered, v5.mac);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.GetError().code, Errc::Unsupported);
}

TEST(KemacCrypto, GivenRfc4231Case2_WhenComputingHmacSha256_256_ThenTheFull256BitMacMatches)
{
    const Bytes key = ToBytes("Jefe");
    const Bytes data = ToBytes("what do ya want for nothing?");
    const Bytes mac = ComputeMac(MacAlg::HmacSha256_256, key, data);
    EXPECT_EQ(ToHex(mac), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_TRUE(VerifyMac(MacAlg::HmacSha256_256, key, data, mac));
}

TEST(KemacCrypto, GivenRfc3711B2Inputs_WhenEncryptingZerosWithZeroCsbIdAndT_ThenB2KeystreamResults)
{
    // With CSB ID 0 and T 0 the KEMAC IV is salt || 0x0000, the SRTP AES-CM counter of B.2.
    KemacCipherParams params;
    params.encrKey = Hex("2b7e151628aed2a6abf7158809cf4f3c");
    params.saltKey = Hex("f0f1f2f3f4f5f6f7f8f9fafbfcfd");
    auto keystream = KemacEncrypt(params, Bytes(48, 0x00));
    ASSERT_TRUE(keystream);
    EXPECT_EQ(ToHex(keystream.Value()), "e03ead0935c95e80e166b16dd92b4eb4"
                                        "d23513162b02d0f72a43a2fe4a5f97ab"
                                        "41e95b3bb0a2e8dd477901e4fca894c0");
}

TEST(KemacCrypto, GivenAesCm256Params_WhenEncryptingAndDecrypting_ThenThePlaintextReturns)
{
    KemacCipherParams params;
    params.encrAlg = EncrAlg::AesCm256;
    params.encrKey = Bytes(32, 0x42);
    params.saltKey = Bytes(kKemacSaltKeyLength, 0x24);
    params.csbId = 0xdeadbeef;
    params.timestamp = 0x0123456789abcdefULL;
    const Bytes plaintext = Hex("0000002000"
                                "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    auto encrData = KemacEncrypt(params, plaintext);
    ASSERT_TRUE(encrData);
    EXPECT_EQ(encrData.Value().size(), plaintext.size());
    EXPECT_NE(encrData.Value(), plaintext);
    auto decrypted = KemacDecrypt(params, encrData.Value());
    ASSERT_TRUE(decrypted);
    EXPECT_EQ(decrypted.Value(), plaintext);
    // Another T (or CSB ID) gives another keystream: the IV binds the message.
    params.timestamp ^= 1;
    auto otherT = KemacEncrypt(params, plaintext);
    ASSERT_TRUE(otherT);
    EXPECT_NE(otherT.Value(), encrData.Value());
}

TEST(KemacCrypto, GivenNullEncryption_WhenEncrypting_ThenTheDataIsUnchanged)
{
    KemacCipherParams params;
    params.encrAlg = EncrAlg::Null;
    auto out = KemacEncrypt(params, Hex(kV5KeyData));
    ASSERT_TRUE(out);
    EXPECT_EQ(ToHex(out.Value()), kV5KeyData);
}

TEST(KemacCrypto, GivenBadCipherParams_WhenEncrypting_ThenTypedErrorsAreReturned)
{
    const V5 v5;
    KemacCipherParams params = v5.Cipher();
    params.encrAlg = EncrAlg::AesKw128;
    auto keyWrap = KemacEncrypt(params, Hex(kV5KeyData));
    ASSERT_FALSE(keyWrap);
    EXPECT_EQ(keyWrap.GetError().code, Errc::Unsupported);
    params.encrAlg = EncrAlg::AesCm256; // with a 16-byte key
    auto shortKey = KemacEncrypt(params, Hex(kV5KeyData));
    ASSERT_FALSE(shortKey);
    EXPECT_EQ(shortKey.GetError().code, Errc::BadLength);
    params = v5.Cipher();
    params.saltKey.pop_back();
    auto shortSalt = KemacDecrypt(params, v5.encrData);
    ASSERT_FALSE(shortSalt);
    EXPECT_EQ(shortSalt.GetError().code, Errc::BadLength);
    auto tooLong = KemacEncrypt(v5.Cipher(), Bytes(kMaxKemacEncrDataLength + 1, 0x00));
    ASSERT_FALSE(tooLong);
    EXPECT_EQ(tooLong.GetError().code, Errc::TooLarge);
    EXPECT_TRUE(KemacEncrypt(v5.Cipher(), Bytes(kMaxKemacEncrDataLength, 0x00)));
}

TEST(KemacCrypto, GivenEachTsType_WhenWideningForTheIv_ThenThe64BitTFollowsReference12)
{
    EXPECT_EQ(KemacIvTimestamp(TsType::NtpUtc, 0xc8e350ea00000001ULL), 0xc8e350ea00000001ULL);
    EXPECT_EQ(KemacIvTimestamp(TsType::Ntp, 0xc8e350ea00000001ULL), 0xc8e350ea00000001ULL);
    EXPECT_EQ(KemacIvTimestamp(TsType::Counter, 0x12345678ULL), 0x0000000012345678ULL);
    EXPECT_EQ(KemacIvTimestamp(TsType::NtpUtc32, 0xc8e350eaULL), 0xc8e350ea00000000ULL);
}

TEST(KemacCrypto, GivenEachEncrAlg_WhenAskingTheKeyLength_ThenRfcLengthsResult)
{
    EXPECT_EQ(KemacEncrKeyLength(EncrAlg::Null), 0u);
    EXPECT_EQ(KemacEncrKeyLength(EncrAlg::AesCm128), 16u);
    EXPECT_EQ(KemacEncrKeyLength(EncrAlg::AesKw128), 16u);
    EXPECT_EQ(KemacEncrKeyLength(EncrAlg::AesCm256), 32u);
}

} // namespace
} // namespace mikey
} // namespace mediasec
