// GBA keys (TS 33.220): Ks, B-TID, the Annex B.2 KDF with 2-byte big-endian lengths (including
// lengths of 128 bytes and more) and the REFERENCE.md section 4 Ks_NAF vector on top of
// TS 35.208 test set 1.
#include "protocol/gba/gba-keys.h"
#include "protocol/gba/milenage.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace gba
{
namespace
{

Bytes
H(const char* hex)
{
    return FromHex(hex).Value();
}

// TS 35.208 test set 1 and the REFERENCE.md section 4 identities (Ks_NAF self-computed there
// with Python hmac and checked with `openssl mac`).
const char* const kRand = "23553cbe9637a89d218ae64dae47bf35";
const char* const kCk = "b40ba9a3c58b2a05bbf0d987b21bf8cb";
const char* const kIk = "f769bcd751044604127672711c6d3441";
const char* const kKs = "b40ba9a3c58b2a05bbf0d987b21bf8cbf769bcd751044604127672711c6d3441";
const char* const kImpi = "user1@ims.mnc001.mcc001.3gppnetwork.org";
const char* const kNafFqdn = "kms.ims.mnc001.mcc001.3gppnetwork.org";
const char* const kKsNaf = "68c47473b663f7ffb24de5c971660eaabf825d301531422278db64b7c4aae88c";
const char* const kS =
    "016762612d6d65000623553cbe9637a89d218ae64dae47bf350010757365723140696d732e6d6e633030312e"
    "6d63633030312e336770706e6574776f726b2e6f726700276b6d732e696d732e6d6e633030312e6d63633030"
    "312e336770706e6574776f726b2e6f72670100000006002a";

/** \return the key 00 01 02 .. 1f used for the self-computed length vectors. */
Bytes
CountingKey()
{
    Bytes key(32);
    for (size_t i = 0; i < key.size(); ++i)
    {
        key[i] = static_cast<uint8_t>(i);
    }
    return key;
}

TEST(GbaKeys, GivenTheImsMediaPlaneUaId_WhenReading_ThenItIs0100000006)
{
    EXPECT_EQ(ToHex(kUaProtocolIdImsMediaPlane), "0100000006");
}

TEST(GbaKeys, GivenTestSet1CkAndIk_WhenDerivingKs_ThenKsIsCkThenIk)
{
    auto ks = DeriveKs(H(kCk), H(kIk));
    ASSERT_TRUE(ks) << ks.GetError().ToString();
    EXPECT_EQ(ToHex(ks.Value()), kKs);
}

TEST(GbaKeys, GivenCkOrIkOfWrongLength_WhenDerivingKs_ThenBadLengthNamesTheKey)
{
    auto shortCk = DeriveKs(Bytes(15, 1), H(kIk));
    ASSERT_FALSE(shortCk);
    EXPECT_EQ(shortCk.GetError().code, Errc::BadLength);
    EXPECT_NE(shortCk.GetError().detail.find("CK"), std::string::npos);
    auto longIk = DeriveKs(H(kCk), Bytes(32, 1));
    ASSERT_FALSE(longIk);
    EXPECT_EQ(longIk.GetError().code, Errc::BadLength);
    EXPECT_NE(longIk.GetError().detail.find("IK"), std::string::npos);
}

TEST(GbaKeys, GivenTestSet1Rand_WhenMakingTheBtid_ThenItIsBase64RandAtTheBsfDomain)
{
    EXPECT_EQ(MakeBtid(H(kRand), "bsf.mnc001.mcc001.pub.3gppnetwork.org"),
              "I1U8vpY3qJ0hiuZNrke/NQ==@bsf.mnc001.mcc001.pub.3gppnetwork.org");
}

TEST(GbaKeys, GivenTheKsNafParameters_WhenBuildingS_ThenSMatchesReferenceByteForByte)
{
    Bytes nafId = ToBytes(kNafFqdn);
    nafId.insert(nafId.end(), kUaProtocolIdImsMediaPlane.begin(), kUaProtocolIdImsMediaPlane.end());
    auto s = KdfInput(kFcKsNaf, {ToBytes("gba-me"), H(kRand), ToBytes(kImpi), nafId});
    ASSERT_TRUE(s) << s.GetError().ToString();
    EXPECT_EQ(ToHex(s.Value()), kS);
}

TEST(GbaKeys, GivenReferenceSection4Inputs_WhenDerivingKsNaf_ThenKsNafMatches)
{
    auto ksNaf = DeriveKsNaf(H(kKs), H(kRand), kImpi, kNafFqdn, kUaProtocolIdImsMediaPlane);
    ASSERT_TRUE(ksNaf) << ksNaf.GetError().ToString();
    EXPECT_EQ(ToHex(ksNaf.Value()), kKsNaf);
}

TEST(GbaKeys, GivenTs35208TestSet1_WhenRunningMilenageKsAndKsNaf_ThenTheChainEndsInTheReference)
{
    auto milenage = Milenage::Create(H("465b5ce8b199b49faa5f0a2ee238a6bc"),
                                     H("cdc202d5123e20f62b6d676ac72cb318"), false);
    ASSERT_TRUE(milenage);
    auto keys = milenage.Value().F2345(H(kRand));
    ASSERT_TRUE(keys);
    auto ks = DeriveKs(keys.Value().ck, keys.Value().ik);
    ASSERT_TRUE(ks);
    auto ksNaf = DeriveKsNaf(ks.Value(), H(kRand), kImpi, kNafFqdn, kUaProtocolIdImsMediaPlane);
    ASSERT_TRUE(ksNaf);
    EXPECT_EQ(ToHex(ksNaf.Value()), kKsNaf);
}

TEST(GbaKeys, GivenAnotherUaIdOrNafOrImpi_WhenDerivingKsNaf_ThenTheKeyDiffers)
{
    const Bytes ks = H(kKs);
    const Bytes rand = H(kRand);
    const Bytes tls = H("0100000000");
    auto otherUa = DeriveKsNaf(ks, rand, kImpi, kNafFqdn, tls);
    auto otherNaf = DeriveKsNaf(ks, rand, kImpi, "kms2.ims.mnc001.mcc001.3gppnetwork.org",
                                kUaProtocolIdImsMediaPlane);
    auto otherImpi = DeriveKsNaf(ks, rand, "user2@ims.mnc001.mcc001.3gppnetwork.org", kNafFqdn,
                                 kUaProtocolIdImsMediaPlane);
    ASSERT_TRUE(otherUa && otherNaf && otherImpi);
    EXPECT_NE(ToHex(otherUa.Value()), kKsNaf);
    EXPECT_NE(ToHex(otherNaf.Value()), kKsNaf);
    EXPECT_NE(ToHex(otherImpi.Value()), kKsNaf);
}

TEST(GbaKeys, GivenParametersOf127To65535Bytes_WhenBuildingS_ThenEachLengthIsTwoBytesBigEndian)
{
    const struct
    {
        size_t length;
        const char* li;
    } cases[] = {{0, "0000"},   {1, "0001"},   {127, "007f"}, {128, "0080"},
                 {255, "00ff"}, {256, "0100"}, {300, "012c"}, {65535, "ffff"}};
    for (const auto& c : cases)
    {
        auto s = KdfInput(0x01, {Bytes(c.length, 0xa5), ToBytes("x")});
        ASSERT_TRUE(s) << c.length;
        ASSERT_EQ(s.Value().size(), 1 + c.length + 2 + 1 + 2) << c.length;
        EXPECT_EQ(
            ToHex(Bytes(s.Value().begin() + 1 + c.length, s.Value().begin() + 1 + c.length + 2)),
            c.li)
            << c.length;
        EXPECT_EQ(ToHex(Bytes(s.Value().end() - 3, s.Value().end())), "780001") << c.length;
    }
}

TEST(GbaKeys, GivenAParameterOf128BytesOrMore_WhenRunningTheKdf_ThenOutputsMatchPythonHmac)
{
    // Self-computed: HMAC-SHA-256(00..1f, 01 || "gba-me" || 00 06 || a5*n || n as 2 bytes).
    const struct
    {
        size_t length;
        const char* expected;
    } cases[] = {
        {127, "eb25136a0eaa1e16bf1879589d3d0fe1e8b1cacd392501c004977359a3e1c741"},
        {128, "c22b30131ec3196df3903b9fcee210cf10483e0f4de3fd1b4e78f424804f8a98"},
        {255, "268809a08c2409c82b0c76cb3d7a377070db49888d16ffd8390fd68faeaeff03"},
        {256, "c49c39991fd469b7e7bdb46ae05b78619c18cb681c9fa043014ce38a7a1358e6"},
        {300, "aa63a5dcc2242ae66ccb21f4899cbf67023b58e5acc2102156d1555c95324d96"},
        {65535, "b572c073b389b5c239397120e90c98e2b133a02db0d67d5699f30e5c491973d4"},
    };
    for (const auto& c : cases)
    {
        auto key = Kdf(CountingKey(), 0x01, {ToBytes("gba-me"), Bytes(c.length, 0xa5)});
        ASSERT_TRUE(key) << c.length;
        EXPECT_EQ(ToHex(key.Value()), c.expected) << c.length;
    }
}

TEST(GbaKeys, GivenNoParametersOrAnEmptyOne_WhenRunningTheKdf_ThenOutputsMatchPythonHmac)
{
    auto none = Kdf(CountingKey(), 0x01, {});
    ASSERT_TRUE(none);
    EXPECT_EQ(ToHex(none.Value()),
              "9b4c8120a4823a95f47cde17a244f4507244ee6e3957d1fab9fa29b44d3829b7");
    auto empty = Kdf(CountingKey(), 0x01, {Bytes()});
    ASSERT_TRUE(empty);
    EXPECT_EQ(ToHex(empty.Value()),
              "93e581a4cbc086e8475b4fd3ad5d5042e0bcbead48d61d71c8d5538e545e65e8");
}

TEST(GbaKeys, GivenA200ByteImpi_WhenDerivingKsNaf_ThenL2Is00c8AndTheKeyMatchesPythonHmac)
{
    const std::string impi = std::string(188, 'u') + "@example.org";
    ASSERT_EQ(impi.size(), 200u);
    auto ksNaf = DeriveKsNaf(H(kKs), H(kRand), impi, kNafFqdn, kUaProtocolIdImsMediaPlane);
    ASSERT_TRUE(ksNaf) << ksNaf.GetError().ToString();
    EXPECT_EQ(ToHex(ksNaf.Value()),
              "4bd35509be3f9155c6e96a9738e8cee656ecd6d9574663ffd712119f093995a1");
}

TEST(GbaKeys, GivenAParameterOf65536Bytes_WhenRunningTheKdf_ThenTooLargeNamesIt)
{
    auto s = KdfInput(0x01, {ToBytes("gba-me"), Bytes(65536, 0)});
    ASSERT_FALSE(s);
    EXPECT_EQ(s.GetError().code, Errc::TooLarge);
    EXPECT_NE(s.GetError().detail.find("P1"), std::string::npos) << s.GetError().detail;
    auto key = Kdf(CountingKey(), 0x01, {Bytes(70000, 0)});
    ASSERT_FALSE(key);
    EXPECT_EQ(key.GetError().code, Errc::TooLarge);
    auto ksNaf = DeriveKsNaf(H(kKs), H(kRand), std::string(65536, 'u'), kNafFqdn,
                             kUaProtocolIdImsMediaPlane);
    ASSERT_FALSE(ksNaf);
    EXPECT_EQ(ksNaf.GetError().code, Errc::TooLarge);
}

TEST(GbaKeys, GivenWrongLengthKsRandOrUaId_WhenDerivingKsNaf_ThenBadLengthNamesTheField)
{
    const Bytes ks = H(kKs);
    const Bytes rand = H(kRand);
    const struct
    {
        Result<Bytes> result;
        const char* field;
    } cases[] = {
        {DeriveKsNaf(H(kCk), rand, kImpi, kNafFqdn, kUaProtocolIdImsMediaPlane), "Ks:"},
        {DeriveKsNaf(ks, Bytes(8, 1), kImpi, kNafFqdn, kUaProtocolIdImsMediaPlane), "RAND:"},
        {DeriveKsNaf(ks, rand, kImpi, kNafFqdn, H("01000006")), "protocol id:"},
    };
    for (const auto& c : cases)
    {
        ASSERT_FALSE(c.result) << c.field;
        EXPECT_EQ(c.result.GetError().code, Errc::BadLength) << c.field;
        EXPECT_NE(c.result.GetError().detail.find(c.field), std::string::npos)
            << c.result.GetError().detail;
    }
}

TEST(GbaKeys, GivenAnEmptyOrNonAsciiIdentity_WhenDerivingKsNaf_ThenMissingFieldOrUnsupported)
{
    const Bytes ks = H(kKs);
    const Bytes rand = H(kRand);
    auto emptyImpi = DeriveKsNaf(ks, rand, "", kNafFqdn, kUaProtocolIdImsMediaPlane);
    ASSERT_FALSE(emptyImpi);
    EXPECT_EQ(emptyImpi.GetError().code, Errc::MissingField);
    auto emptyFqdn = DeriveKsNaf(ks, rand, kImpi, "", kUaProtocolIdImsMediaPlane);
    ASSERT_FALSE(emptyFqdn);
    EXPECT_EQ(emptyFqdn.GetError().code, Errc::MissingField);
    // U+FB01 (LATIN SMALL LIGATURE FI) is "fi" after NFKC.
    auto ligature = DeriveKsNaf(ks, rand, "\xef\xac\x81le@ims.example.org", kNafFqdn,
                                kUaProtocolIdImsMediaPlane);
    ASSERT_FALSE(ligature);
    EXPECT_EQ(ligature.GetError().code, Errc::Unsupported);
    EXPECT_NE(ligature.GetError().detail.find("IMPI"), std::string::npos);
}

} // namespace
} // namespace gba
} // namespace mediasec
