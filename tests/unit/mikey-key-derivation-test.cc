// MIKEY key derivation (RFC 3830 4.1.3/4.1.4, RFC 6043 5.1/A.2): the self-computed vectors of
// REFERENCE.md 1.9 (V1, V2) and 2.7 byte for byte, labels included, the RFC 3830-vs-6043 TEK
// pair, label discipline (initial vs response, forking per identity) and typed errors.
#include "protocol/mikey/mikey-key-derivation.h"
#include "protocol/mikey/mikey-prf.h"

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

std::string
HexOf(const Result<Bytes>& result)
{
    return result ? ToHex(result.Value()) : "error: " + result.GetError().ToString();
}

// REFERENCE.md 1.9 and 2.7 inputs.
const char* const kRand = "101112131415161718191a1b1c1d1e1f"; // RAND / RANDRi
const char* const kRandRr = "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf";
const char* const kRandRkms = "505152535455565758595a5b5c5d5e5f";
const char* const kTgk = "000102030405060708090a0b0c0d0e0f";
const char* const kPsk = "202122232425262728292a2b2c2d2e2f";
const char* const kMpkr = "404142434445464748494a4b4c4d4e4f";
const char* const kMpki = "606162636465666768696a6b6c6d6e6f";
const char* const kMpk = "808182838485868788898a8b8c8d8e8f";
const uint32_t kCsbId = 0x01020304;
const std::string kBob = "sip:bob@example.com";

TEST(MikeyKeyDerivation, GivenTheSameTgkAndRand_WhenUsingRfc3830And6043Labels_ThenTheTeksDiffer)
{
    const Bytes tgk = Hex(kTgk);
    const TgkLabelContext rfc3830 = Rfc3830TgkContext(1, kCsbId, Hex(kRand));
    auto ticket = TicketTgkContext(1, Hex(kRand), Bytes{});
    ASSERT_TRUE(ticket);
    const std::string tek3830 = HexOf(DeriveTek(PrfFunc::Mikey1, tgk, rfc3830, 16));
    const std::string tek6043 = HexOf(DeriveTek(PrfFunc::Mikey1, tgk, ticket.Value(), 16));
    EXPECT_EQ(tek3830, "a488dab36184e8d41ae26cb6daf5405e");
    EXPECT_EQ(tek6043, "deaf177284d04252b70d4f6720adf7fe");
    EXPECT_NE(tek3830, tek6043);
}

TEST(MikeyKeyDerivation, GivenV1Inputs_WhenBuildingRfc3830TgkLabels_ThenLabelsAndKeysMatch)
{
    const Bytes tgk = Hex(kTgk);
    const TgkLabelContext context = Rfc3830TgkContext(1, kCsbId, Hex(kRand));
    EXPECT_EQ(ToHex(context.Label(kTekConstant)),
              "2ad01c640101020304101112131415161718191a1b1c1d1e1f");
    EXPECT_EQ(ToHex(context.Label(kSaltConstant)),
              "39a2c14b0101020304101112131415161718191a1b1c1d1e1f");
    EXPECT_EQ(HexOf(DeriveTek(PrfFunc::Mikey1, tgk, context, 16)),
              "a488dab36184e8d41ae26cb6daf5405e");
    EXPECT_EQ(HexOf(DeriveSalt(PrfFunc::Mikey1, tgk, context, 14)), "bfd77adf6b9118d13fffbcd4b407");
    EXPECT_EQ(HexOf(Prf(PrfFunc::Mikey1, tgk, context.Label(kTgkAuthKeyConstant), 20)),
              "8f3e29854e0fa85a76aec4dfdbe95edb82b84df1");
    EXPECT_EQ(HexOf(Prf(PrfFunc::Mikey1, tgk, context.Label(kTgkEncrKeyConstant), 16)),
              "8ac599429ed300e8003dcfa78b664374");
}

TEST(MikeyKeyDerivation, GivenV2Psk_WhenDerivingRfc3830MessageKeys_ThenLabelsAndKeysMatch)
{
    const Bytes psk = Hex(kPsk);
    const MessageKeyLabelContext context = Rfc3830MessageKeyContext(kCsbId, Hex(kRand));
    EXPECT_EQ(ToHex(context.Label(kEncrKeyConstant)),
              "150533e1ff01020304101112131415161718191a1b1c1d1e1f");
    EXPECT_EQ(HexOf(DeriveEncrKey(PrfFunc::Mikey1, psk, context, 16)),
              "dcf2f94a37bc259d3c978d7f621d3485");
    EXPECT_EQ(HexOf(DeriveAuthKey(PrfFunc::Mikey1, psk, context, 20)),
              "ea63d87c9161ee966e032aa31701a00437ae1d11");
    EXPECT_EQ(HexOf(DeriveSaltKey(PrfFunc::Mikey1, psk, context, 14)),
              "7620063d1c32f8b63b4a399be7c0");
}

TEST(MikeyKeyDerivation, GivenTable27Inputs_WhenForkingMpkrAndTgk_ThenForkedKeysMatch)
{
    const Bytes bob = ToBytes(kBob);
    EXPECT_EQ(HexOf(DeriveForkedMpkr(PrfFunc::Mikey1, Hex(kMpkr), bob, Hex(kRandRkms))),
              "b85513904e091463d86918932bfc9f5d");
    EXPECT_EQ(HexOf(DeriveForkedTgk(PrfFunc::Mikey1, Hex(kTgk), bob, Hex(kRandRkms))),
              "f278bc4afc36e8f787bde181073992be");
    // The labels of the table, recomputed through the PRF: the forked key must equal
    // PRF(inkey, label) for exactly this label.
    const char* const mpkrLabel = "2b288856ffffffffff0000137369703a626f62406578616d706c652e636f6d"
                                  "10505152535455565758595a5b5c5d5e5f";
    EXPECT_EQ(HexOf(Prf(PrfFunc::Mikey1, Hex(kMpkr), Hex(mpkrLabel), 16)),
              "b85513904e091463d86918932bfc9f5d");
}

TEST(MikeyKeyDerivation, GivenTable27Inputs_WhenDerivingTransferMessageKeys_ThenAuthKeysMatch)
{
    auto init = TicketMessageKeyContext(kCsbId, TicketMessageKind::Initial, Hex(kRand), Bytes{});
    auto resp =
        TicketMessageKeyContext(kCsbId, TicketMessageKind::Response, Hex(kRand), Hex(kRandRr));
    ASSERT_TRUE(init && resp);
    EXPECT_EQ(ToHex(init.Value().Label(kAuthKeyConstant)),
              "2d22ac75ff010203040110101112131415161718191a1b1c1d1e1f00");
    EXPECT_EQ(ToHex(resp.Value().Label(kAuthKeyConstant)),
              "2d22ac75ff010203040210101112131415161718191a1b1c1d1e1f10a0a1a2a3a4a5a6a7a8a9aaabac"
              "adaeaf");
    EXPECT_EQ(HexOf(DeriveAuthKey(PrfFunc::Mikey1, Hex(kMpki), init.Value(), 20)),
              "014cc17085b01b0e67e36d16a853ad9023305055");
    // TRANSFER_RESP is protected with the forked MPKr' of the row above.
    EXPECT_EQ(HexOf(DeriveAuthKey(PrfFunc::Mikey1, Hex("b85513904e091463d86918932bfc9f5d"),
                                  resp.Value(), 20)),
              "bc8a0e7f2e7a87bd92746d95eec514382f78dabd");
}

TEST(MikeyKeyDerivation, GivenTable27Inputs_WhenDerivingTekAndSaltFromTgk_ThenTheyMatch)
{
    auto context = TicketTgkContext(1, Hex(kRand), Bytes{});
    ASSERT_TRUE(context);
    EXPECT_EQ(ToHex(context.Value().Label(kTekConstant)),
              "2ad01c6401ffffffff0310101112131415161718191a1b1c1d1e1f00");
    EXPECT_EQ(ToHex(context.Value().Label(kSaltConstant)),
              "39a2c14b01ffffffff0310101112131415161718191a1b1c1d1e1f00");
    EXPECT_EQ(HexOf(DeriveTek(PrfFunc::Mikey1, Hex(kTgk), context.Value(), 16)),
              "deaf177284d04252b70d4f6720adf7fe");
    EXPECT_EQ(HexOf(DeriveSalt(PrfFunc::Mikey1, Hex(kTgk), context.Value(), 14)),
              "cfbc88196bee9a3697a5bb2767ba");
}

TEST(MikeyKeyDerivation, GivenTable27Mpk_WhenDerivingMpkiAndMpkr_ThenTheyMatch)
{
    EXPECT_EQ(HexOf(DeriveMpki(PrfFunc::Mikey1, Hex(kMpk), Hex(kRand))),
              "5f19dd8e064856f9d318b664b6abca4a");
    EXPECT_EQ(HexOf(DeriveMpkr(PrfFunc::Mikey1, Hex(kMpk), Hex(kRand))),
              "b17b77128db03ee5410f5675d584ac50");
    EXPECT_EQ(HexOf(Prf(PrfFunc::Mikey1, Hex(kMpk),
                        Hex("1f4d675bffffffffff0610101112131415161718191a1b1c1d1e1f"), 16)),
              "b17b77128db03ee5410f5675d584ac50");
}

TEST(MikeyKeyDerivation, GivenOneInkeyAndRands_WhenDerivingInitialAndResponseKeys_ThenTheyDiffer)
{
    const Bytes psk = Hex(kPsk);
    auto init = TicketMessageKeyContext(kCsbId, TicketMessageKind::Initial, Hex(kRand), Bytes{});
    auto resp = TicketMessageKeyContext(kCsbId, TicketMessageKind::Response, Hex(kRand), Bytes{});
    ASSERT_TRUE(init && resp);
    const Bytes initLabel = init.Value().Label(kAuthKeyConstant);
    const Bytes respLabel = resp.Value().Label(kAuthKeyConstant);
    ASSERT_EQ(initLabel.size(), respLabel.size());
    EXPECT_EQ(initLabel[9], 0x01);
    EXPECT_EQ(respLabel[9], 0x02);
    EXPECT_NE(HexOf(DeriveAuthKey(PrfFunc::Mikey1, psk, init.Value(), 20)),
              HexOf(DeriveAuthKey(PrfFunc::Mikey1, psk, resp.Value(), 20)));
    EXPECT_NE(HexOf(DeriveEncrKey(PrfFunc::Mikey1, psk, init.Value(), 16)),
              HexOf(DeriveEncrKey(PrfFunc::Mikey1, psk, resp.Value(), 16)));
}

TEST(MikeyKeyDerivation, GivenTwoForkedEndPoints_WhenForkingOneTgk_ThenEachGetsItsOwnKey)
{
    const Bytes tgk(32, 0x5a);
    auto bob = DeriveForkedTgk(PrfFunc::HmacSha256, tgk, ToBytes(kBob), Hex(kRandRkms));
    auto bob2 =
        DeriveForkedTgk(PrfFunc::HmacSha256, tgk, ToBytes("sip:bob2@example.com"), Hex(kRandRkms));
    auto mpkr = DeriveForkedMpkr(PrfFunc::HmacSha256, tgk, ToBytes(kBob), Hex(kRandRkms));
    ASSERT_TRUE(bob && bob2 && mpkr);
    EXPECT_EQ(bob.Value().size(), tgk.size()); // outkey_len = inkey_len
    EXPECT_NE(bob.Value(), bob2.Value());
    EXPECT_NE(bob.Value(), mpkr.Value()); // the constants separate TGK' from MPKr'
}

TEST(MikeyKeyDerivation, GivenInitiatorDataAndTpkContexts_WhenBuildingLabels_ThenLayoutsMatch)
{
    EXPECT_EQ(ToHex(TicketInitiatorDataContext().Label(kAuthKeyConstant)), "2d22ac75ffffffffff04");
    auto tpk = TicketTpkContext(Hex(kRand));
    ASSERT_TRUE(tpk);
    EXPECT_EQ(ToHex(tpk.Value().Label(kEncrKeyConstant)),
              "150533e1ffffffffff0510101112131415161718191a1b1c1d1e1f");
}

TEST(MikeyKeyDerivation, GivenTheConstants_WhenReadInDecimal_ThenTheyAreConsecutiveDigitsOfE)
{
    // RFC 3830 4.1.3/4.1.4 and RFC 6043 take the constants from the decimal expansion of e:
    // e = 2.718281828 459045235 360287471 352662497 757247093 699959574 966967627 724076630
    //       353547594 571382178 525166427...
    const uint32_t inOrder[] = {kTekConstant,     kTgkAuthKeyConstant, kTgkEncrKeyConstant,
                                kEncrKeyConstant, kAuthKeyConstant,    kSaltKeyConstant,
                                kSaltConstant,    kForkedMpkrConstant, kForkedTgkConstant,
                                kMpkiConstant,    kMpkrConstant};
    const uint32_t digitsOfE[] = {718281828, 459045235, 360287471, 352662497, 757247093, 699959574,
                                  966967627, 724076630, 353547594, 571382178, 525166427};
    for (size_t i = 0; i < 11; ++i)
    {
        EXPECT_EQ(inOrder[i], digitsOfE[i]) << "constant " << i;
    }
}

TEST(MikeyKeyDerivation, GivenBadLabelInputs_WhenBuildingContexts_ThenTypedErrorsAreReturned)
{
    auto noRand = TicketTgkContext(1, Bytes{}, Bytes{});
    ASSERT_FALSE(noRand);
    EXPECT_EQ(noRand.GetError().code, Errc::MissingField);
    auto noRandMessage = TicketMessageKeyContext(kCsbId, TicketMessageKind::Initial, {}, {});
    ASSERT_FALSE(noRandMessage);
    EXPECT_EQ(noRandMessage.GetError().code, Errc::MissingField);
    const Bytes longRand(kMaxLabelRandLength + 1, 0x11);
    auto longRi = TicketTgkContext(1, longRand, Bytes{});
    ASSERT_FALSE(longRi);
    EXPECT_EQ(longRi.GetError().code, Errc::OutOfRange);
    auto longRr =
        TicketMessageKeyContext(kCsbId, TicketMessageKind::Response, Hex(kRand), longRand);
    ASSERT_FALSE(longRr);
    EXPECT_EQ(longRr.GetError().code, Errc::OutOfRange);
    auto longTpk = TicketTpkContext(longRand);
    ASSERT_FALSE(longTpk);
    EXPECT_EQ(longTpk.GetError().code, Errc::OutOfRange);
    auto longMpk = DeriveMpki(PrfFunc::Mikey1, Hex(kMpk), longRand);
    ASSERT_FALSE(longMpk);
    EXPECT_EQ(longMpk.GetError().code, Errc::OutOfRange);
    auto longId = DeriveForkedTgk(PrfFunc::Mikey1, Hex(kTgk), Bytes(kMaxLabelIdLength + 1, 'a'),
                                  Hex(kRandRkms));
    ASSERT_FALSE(longId);
    EXPECT_EQ(longId.GetError().code, Errc::OutOfRange);
    auto emptyTgk = DeriveForkedTgk(PrfFunc::Mikey1, Bytes{}, ToBytes(kBob), Hex(kRandRkms));
    ASSERT_FALSE(emptyTgk);
    EXPECT_EQ(emptyTgk.GetError().code, Errc::BadLength);
}

TEST(MikeyKeyDerivation, GivenMaximalRandAndIdLengths_WhenBuildingLabels_ThenTheyAreAccepted)
{
    const Bytes rand(kMaxLabelRandLength, 0x22);
    auto context = TicketTgkContext(1, rand, rand);
    ASSERT_TRUE(context);
    // CS ID, 0xFFFFFFFF, 0x03, then 0xFF || RANDRi || 0xFF || RANDRr.
    EXPECT_EQ(context.Value().afterConstant.size(), 1 + 4 + 1 + 2 * (1 + kMaxLabelRandLength));
    EXPECT_EQ(context.Value().afterConstant[6], 0xFF);
    EXPECT_TRUE(DeriveForkedTgk(PrfFunc::Mikey1, Hex(kTgk), Bytes(kMaxLabelIdLength, 'a'), rand));
}

} // namespace
} // namespace mikey
} // namespace mediasec
