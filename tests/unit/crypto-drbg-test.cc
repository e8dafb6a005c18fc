// Drbg: NIST CAVP HMAC_DRBG known answer, per-node determinism and independence, sanity.
#include "protocol/crypto/drbg.h"

#include <gtest/gtest.h>

#include <array>
#include <bitset>

namespace mediasec
{
namespace
{

// NIST CAVP drbgvectors_no_reseed/HMAC_DRBG.rsp, [SHA-256], PredictionResistance = False,
// EntropyInputLen = 256, NonceLen = 128, PersonalizationStringLen = 0,
// AdditionalInputLen = 0, ReturnedBitsLen = 1024, COUNT = 0.
TEST(Drbg, GivenNistCavpHmacDrbgSha256Count0_WhenGeneratingTwice_ThenSecondOutputMatches)
{
    auto drbg = Drbg::FromEntropy(
        FromHex("ca851911349384bffe89de1cbdc46e6831e44d34a4fb935ee285dd14b71a7488").Value(),
        FromHex("659ba96c601dc69fc902940805ec0ca8").Value(), {});
    ASSERT_TRUE(drbg);
    drbg.Value().Generate(128);
    EXPECT_EQ(ToHex(drbg.Value().Generate(128)),
              "e528e9abf2dece54d47c7e75e5fe302149f817ea9fb4bee6f4199697d04d5b89"
              "d54fbb978a15b5c443c9ec21036d2460b6f73ebad0dc2aba6e624abf07745bc1"
              "07694bb7547bb0995f70de25d6b29e2d3011bb19d27676c07162c8b5ccde0668"
              "961df86803482cb37ed6d5c0bb8d50cf1f50d476aa0458bdaba806f48be9dcb8");
}

TEST(Drbg, GivenTheSameSeedAndLabel_WhenGenerating_ThenTheStreamsAreIdentical)
{
    Drbg a = Drbg::FromSeed(42, "ue-1");
    Drbg b = Drbg::FromSeed(42, "ue-1");
    EXPECT_EQ(a.Generate(100), b.Generate(100));
    EXPECT_EQ(a.NextU64(), b.NextU64());
    EXPECT_EQ(a.NextU32(), b.NextU32());
}

TEST(Drbg, GivenAnotherLabelOrSeed_WhenGenerating_ThenTheStreamsDiffer)
{
    const Bytes base = Drbg::FromSeed(42, "ue-1").Generate(32);
    EXPECT_NE(base, Drbg::FromSeed(42, "ue-2").Generate(32));
    EXPECT_NE(base, Drbg::FromSeed(43, "ue-1").Generate(32));
    EXPECT_NE(base, Drbg::FromSeed(42, "ue-1 ").Generate(32));
}

TEST(Drbg, GivenTwinGenerators_WhenReadingIntegers_ThenTheyAreBigEndianBytesOfTheStream)
{
    Drbg a = Drbg::FromSeed(7, "kms");
    Drbg b = Drbg::FromSeed(7, "kms");
    const Bytes four = b.Generate(4);
    EXPECT_EQ(a.NextU32(), (uint32_t{four[0]} << 24) | (uint32_t{four[1]} << 16) |
                               (uint32_t{four[2]} << 8) | four[3]);
    const Bytes eight = b.Generate(8);
    uint64_t expected = 0;
    for (uint8_t byte : eight)
    {
        expected = (expected << 8) | byte;
    }
    EXPECT_EQ(a.NextU64(), expected);
}

TEST(Drbg, GivenARequestAbove65536Bytes_WhenGenerating_ThenItEqualsTwoConsecutiveRequests)
{
    Drbg a = Drbg::FromSeed(1, "big");
    Drbg b = Drbg::FromSeed(1, "big");
    Bytes expected = b.Generate(65536);
    const Bytes tail = b.Generate(70000 - 65536);
    expected.insert(expected.end(), tail.begin(), tail.end());
    EXPECT_EQ(a.Generate(70000), expected);
}

TEST(Drbg, GivenAZeroLengthRequest_WhenGenerating_ThenEmptyAndTheStateAdvances)
{
    Drbg a = Drbg::FromSeed(1, "zero");
    Drbg b = Drbg::FromSeed(1, "zero");
    EXPECT_TRUE(a.Generate(0).empty());
    EXPECT_NE(a.Generate(16), b.Generate(16));
}

// Statistical sanity only (the construction is the standard's); the stream is deterministic,
// so these bounds (about 9 and 7 standard deviations) cannot flake.
TEST(Drbg, GivenASeededStream_WhenCountingBitsAndByteValues_ThenTheyAreBalanced)
{
    const Bytes stream = Drbg::FromSeed(2024, "stats").Generate(100000);
    size_t ones = 0;
    std::array<size_t, 256> histogram{};
    for (uint8_t byte : stream)
    {
        ones += std::bitset<8>(byte).count();
        ++histogram[byte];
    }
    EXPECT_NEAR(static_cast<double>(ones) / (8.0 * stream.size()), 0.5, 0.005);
    for (size_t count : histogram)
    {
        EXPECT_GT(count, 250u); // expectation 390.6, standard deviation 19.7
        EXPECT_LT(count, 530u);
    }
}

TEST(Drbg, GivenTwoOsSeededGenerators_WhenGenerating_ThenTheStreamsDiffer)
{
    EXPECT_NE(Drbg::FromOs().Generate(32), Drbg::FromOs().Generate(32));
}

} // namespace
} // namespace mediasec
