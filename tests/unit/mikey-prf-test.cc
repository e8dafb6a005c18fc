// MIKEY PRF (RFC 3830 4.1.2, RFC 6043 6.1): the self-computed vectors V1-V4 of REFERENCE.md 1.9
// byte for byte, and OpenSSL's TLS1-PRF as an independent oracle in the same run (equal for
// keys of at most 256 bits, XOR of TLS1-PRF over the 256-bit chunks for longer keys).
#include "protocol/crypto/drbg.h"
#include "protocol/mikey/mikey-prf.h"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <algorithm>
#include <numeric>
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

std::string
PrfHex(PrfFunc prf, const Bytes& inkey, const Bytes& label, size_t outkeyBytes)
{
    auto out = Prf(prf, inkey, label, outkeyBytes);
    return out ? ToHex(out.Value()) : "error: " + out.GetError().ToString();
}

/** The OpenSSL 3 TLS1-PRF KDF over one secret (P_hash(secret, seed)), or empty on failure. */
Bytes
Tls1Prf(PrfFunc prf, const Bytes& secret, const Bytes& seed, size_t length)
{
    EVP_KDF* kdf = EVP_KDF_fetch(nullptr, "TLS1-PRF", nullptr);
    EVP_KDF_CTX* ctx = kdf != nullptr ? EVP_KDF_CTX_new(kdf) : nullptr;
    EVP_KDF_free(kdf);
    char digest[] = "SHA1";
    char digest256[] = "SHA256";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
                                         prf == PrfFunc::Mikey1 ? digest : digest256, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SECRET,
                                          const_cast<uint8_t*>(secret.data()), secret.size()),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SEED, const_cast<uint8_t*>(seed.data()),
                                          seed.size()),
        OSSL_PARAM_construct_end()};
    Bytes out(length);
    if (ctx == nullptr || EVP_KDF_derive(ctx, out.data(), out.size(), params) != 1)
    {
        out.clear();
    }
    EVP_KDF_CTX_free(ctx);
    return out;
}

/** The oracle of REFERENCE.md 0 item 2: XOR of TLS1-PRF over the 256-bit chunks of inkey. */
Bytes
ChunkedTls1Prf(PrfFunc prf, const Bytes& inkey, const Bytes& label, size_t length)
{
    Bytes out(length, 0x00);
    for (size_t start = 0; start < inkey.size(); start += 32)
    {
        const Bytes chunk(inkey.begin() + start,
                          inkey.begin() + std::min(start + 32, inkey.size()));
        const Bytes part = Tls1Prf(prf, chunk, label, length);
        if (part.size() != length)
        {
            return {};
        }
        std::transform(out.begin(), out.end(), part.begin(), out.begin(),
                       [](uint8_t x, uint8_t y) { return static_cast<uint8_t>(x ^ y); });
    }
    return out;
}

// REFERENCE.md 1.9 common inputs: RAND 10..1f, csb_id 0x01020304, cs_id 1.
const char* const kTgk = "000102030405060708090a0b0c0d0e0f";
const char* const kPsk = "202122232425262728292a2b2c2d2e2f";
const char* const kTekLabel = "2ad01c640101020304101112131415161718191a1b1c1d1e1f";

TEST(MikeyPrf, GivenV1TgkAndRfc3830Labels_WhenDerivingWithMikey1_ThenTekSaltAuthEncrMatch)
{
    const Bytes tgk = Hex(kTgk);
    EXPECT_EQ(PrfHex(PrfFunc::Mikey1, tgk, Hex(kTekLabel), 16), "a488dab36184e8d41ae26cb6daf5405e");
    EXPECT_EQ(
        PrfHex(PrfFunc::Mikey1, tgk, Hex("39a2c14b0101020304101112131415161718191a1b1c1d1e1f"), 14),
        "bfd77adf6b9118d13fffbcd4b407");
    EXPECT_EQ(
        PrfHex(PrfFunc::Mikey1, tgk, Hex("1b5c79730101020304101112131415161718191a1b1c1d1e1f"), 20),
        "8f3e29854e0fa85a76aec4dfdbe95edb82b84df1");
    EXPECT_EQ(
        PrfHex(PrfFunc::Mikey1, tgk, Hex("15798cef0101020304101112131415161718191a1b1c1d1e1f"), 16),
        "8ac599429ed300e8003dcfa78b664374");
}

TEST(MikeyPrf, GivenV2PskAndPskLabels_WhenDerivingWithMikey1_ThenEncrAuthSaltKeysMatch)
{
    const Bytes psk = Hex(kPsk);
    EXPECT_EQ(
        PrfHex(PrfFunc::Mikey1, psk, Hex("150533e1ff01020304101112131415161718191a1b1c1d1e1f"), 16),
        "dcf2f94a37bc259d3c978d7f621d3485");
    EXPECT_EQ(
        PrfHex(PrfFunc::Mikey1, psk, Hex("2d22ac75ff01020304101112131415161718191a1b1c1d1e1f"), 20),
        "ea63d87c9161ee966e032aa31701a00437ae1d11");
    EXPECT_EQ(
        PrfHex(PrfFunc::Mikey1, psk, Hex("29b88916ff01020304101112131415161718191a1b1c1d1e1f"), 14),
        "7620063d1c32f8b63b4a399be7c0");
}

TEST(MikeyPrf, GivenV3A384BitInkey_WhenDerivingTheTek_ThenTwoChunksAreXoredAsInTheVector)
{
    Bytes inkey(48);
    std::iota(inkey.begin(), inkey.end(), 0x30);
    EXPECT_EQ(PrfHex(PrfFunc::Mikey1, inkey, Hex(kTekLabel), 16),
              "b6170130dd728eff1211338ea489cd5c");
}

TEST(MikeyPrf, GivenV4A256BitTgk_WhenDerivingWithPrfHmacSha256_ThenThe256BitTekMatches)
{
    Bytes tgk(32);
    std::iota(tgk.begin(), tgk.end(), 0x70);
    EXPECT_EQ(PrfHex(PrfFunc::HmacSha256, tgk, Hex(kTekLabel), 32),
              "f4cf2291ae8ab6c442d72386fb035f10f8a68a23be1852964f9ad5479a431cb4");
}

TEST(MikeyPrf, GivenKeysUpTo256Bits_WhenComparedWithOpenSslTls1Prf_ThenOutputsAreEqual)
{
    Drbg drbg = Drbg::FromSeed(1, "mikey-prf-oracle-short");
    for (PrfFunc prf : {PrfFunc::Mikey1, PrfFunc::HmacSha256})
    {
        for (size_t keyLength : {1, 16, 20, 31, 32})
        {
            for (size_t outLength : {1, 14, 16, 20, 21, 32, 33, 64, 100})
            {
                const Bytes inkey = drbg.Generate(keyLength);
                const Bytes label = drbg.Generate(25);
                const Bytes oracle = Tls1Prf(prf, inkey, label, outLength);
                ASSERT_EQ(oracle.size(), outLength);
                EXPECT_EQ(PrfHex(prf, inkey, label, outLength), ToHex(oracle))
                    << "prf " << static_cast<int>(prf) << " key " << keyLength << " out "
                    << outLength;
            }
        }
    }
}

TEST(MikeyPrf, GivenKeysOver256Bits_WhenComparedWithChunkedTls1Prf_ThenOutputsAreEqual)
{
    Drbg drbg = Drbg::FromSeed(1, "mikey-prf-oracle-long");
    for (PrfFunc prf : {PrfFunc::Mikey1, PrfFunc::HmacSha256})
    {
        for (size_t keyLength : {33, 37, 38, 48, 64, 65, 100})
        {
            for (size_t outLength : {14, 16, 20, 32, 64})
            {
                const Bytes inkey = drbg.Generate(keyLength);
                const Bytes label = drbg.Generate(29);
                const Bytes oracle = ChunkedTls1Prf(prf, inkey, label, outLength);
                ASSERT_EQ(oracle.size(), outLength);
                EXPECT_EQ(PrfHex(prf, inkey, label, outLength), ToHex(oracle))
                    << "prf " << static_cast<int>(prf) << " key " << keyLength << " out "
                    << outLength;
            }
        }
    }
}

TEST(MikeyPrf, GivenAnExactly256BitKey_WhenDeriving_ThenItIsOneChunkNotTwo)
{
    Drbg drbg = Drbg::FromSeed(2, "mikey-prf-256");
    const Bytes inkey = drbg.Generate(32);
    const Bytes label = Hex(kTekLabel);
    for (PrfFunc prf : {PrfFunc::Mikey1, PrfFunc::HmacSha256})
    {
        // One TLS1-PRF call over the whole key; an off-by-one chunking (an empty second chunk,
        // or chunks of 256 bytes instead of bits) would not give this.
        EXPECT_EQ(PrfHex(prf, inkey, label, 16), ToHex(Tls1Prf(prf, inkey, label, 16)));
    }
}

TEST(MikeyPrf, GivenA300BitClassKey_WhenDeriving_ThenTheShortLastChunkIsXoredIn)
{
    // Keys are whole bytes: 37 bytes (296 bits) and 38 bytes (304 bits) bracket 300 bits;
    // both give n = 2 with a short last chunk (5 or 6 bytes).
    Drbg drbg = Drbg::FromSeed(3, "mikey-prf-300");
    const Bytes label = Hex(kTekLabel);
    for (size_t keyLength : {37, 38})
    {
        const Bytes inkey = drbg.Generate(keyLength);
        const Bytes first(inkey.begin(), inkey.begin() + 32);
        const Bytes last(inkey.begin() + 32, inkey.end());
        Bytes expected = Tls1Prf(PrfFunc::Mikey1, first, label, 16);
        const Bytes tail = Tls1Prf(PrfFunc::Mikey1, last, label, 16);
        ASSERT_EQ(expected.size(), 16u);
        ASSERT_EQ(tail.size(), 16u);
        for (size_t i = 0; i < expected.size(); ++i)
        {
            expected[i] ^= tail[i];
        }
        EXPECT_EQ(PrfHex(PrfFunc::Mikey1, inkey, label, 16), ToHex(expected));
        EXPECT_NE(PrfHex(PrfFunc::Mikey1, inkey, label, 16),
                  ToHex(Tls1Prf(PrfFunc::Mikey1, inkey, label, 16)));
    }
}

TEST(MikeyPrf, GivenTwoOutputLengths_WhenDeriving_ThenTheShorterIsAPrefixOfTheLonger)
{
    const Bytes tgk = Hex(kTgk);
    auto longer = Prf(PrfFunc::Mikey1, tgk, Hex(kTekLabel), 61);
    auto shorter = Prf(PrfFunc::Mikey1, tgk, Hex(kTekLabel), 14);
    ASSERT_TRUE(longer && shorter);
    EXPECT_TRUE(std::equal(shorter.Value().begin(), shorter.Value().end(), longer.Value().begin()));
}

TEST(MikeyPrf, GivenTheSameInputs_WhenSwitchingThePrfFunc_ThenTheOutputsDiffer)
{
    EXPECT_NE(PrfHex(PrfFunc::Mikey1, Hex(kTgk), Hex(kTekLabel), 16),
              PrfHex(PrfFunc::HmacSha256, Hex(kTgk), Hex(kTekLabel), 16));
}

TEST(MikeyPrf, GivenInvalidArguments_WhenDeriving_ThenTypedErrorsAreReturned)
{
    const Bytes label = Hex(kTekLabel);
    auto emptyKey = Prf(PrfFunc::Mikey1, Bytes{}, label, 16);
    ASSERT_FALSE(emptyKey);
    EXPECT_EQ(emptyKey.GetError().code, Errc::BadLength);
    auto zeroLength = Prf(PrfFunc::Mikey1, Hex(kTgk), label, 0);
    ASSERT_FALSE(zeroLength);
    EXPECT_EQ(zeroLength.GetError().code, Errc::BadLength);
    auto tooLong = Prf(PrfFunc::Mikey1, Hex(kTgk), label, kMaxPrfOutputLength + 1);
    ASSERT_FALSE(tooLong);
    EXPECT_EQ(tooLong.GetError().code, Errc::TooLarge);
    auto unknown = Prf(static_cast<PrfFunc>(2), Hex(kTgk), label, 16);
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.GetError().code, Errc::Unsupported);
}

} // namespace
} // namespace mikey
} // namespace mediasec
