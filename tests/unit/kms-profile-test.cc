// The profile pieces under the KMS: KMS user (group) identities with '*' wildcards
// (TS 33.328 6.2.3.2) and the profile's PRF-HMAC-SHA-256 derivations. The derivation vectors
// are self-computed with Python's hmac/hashlib (P_SHA256 of RFC 6043 6.1 written out), since
// no published MIKEY-TICKET vectors exist:
//   TGK' = 00..1f, RANDRi = 10..2f, RANDRr = a0..bf, labels of RFC 6043 5.1 (CS ID 1 and 2);
//   Vr: MPKr = 40..5f, Vi = V payload (next 9, alg 2, MAC 55 x 32).
#include "protocol/kms/kms-identity.h"
#include "protocol/kms/ticket-crypto.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace kms
{
namespace
{

Bytes
Range(uint8_t from, size_t n)
{
    Bytes b(n);
    for (size_t i = 0; i < n; ++i)
    {
        b[i] = static_cast<uint8_t>(from + i);
    }
    return b;
}

TEST(KmsIdentity, GivenSipUris_WhenReducedToKmsUserIdentities_ThenSchemeAndParametersGo)
{
    EXPECT_EQ(KmsUserIdentity("sip:alice@example.com"), "alice@example.com");
    EXPECT_EQ(KmsUserIdentity("<sips:alice@example.com;transport=tls>"), "alice@example.com");
    EXPECT_EQ(KmsUserIdentity("SIP:bob@example.com?subject=x"), "bob@example.com");
    EXPECT_EQ(KmsUserIdentity("carol@example.com"), "carol@example.com");
}

TEST(KmsIdentity, GivenKmsIdentities_WhenNamedAsNafs_ThenKmsDotTheirDomain)
{
    EXPECT_EQ(KmsFqdn("sip:kms@ims.test"), "kms.ims.test");
    EXPECT_EQ(KmsFqdn("<sip:kms@other.test;transport=tcp>"), "kms.other.test");
    EXPECT_EQ(KmsFqdn("example.com"), "kms.example.com");
}

TEST(KmsIdentity, GivenTheSeedGroupExamples_WhenMatched_ThenMembersOnly)
{
    EXPECT_TRUE(IsGroupIdentity("*.department@company"));
    EXPECT_FALSE(IsGroupIdentity("user1.department@company"));
    EXPECT_TRUE(MatchesRecipient("*.department@company", "sip:user1.department@company"));
    EXPECT_TRUE(MatchesRecipient("sip:*.department@company", "user2.department@company"));
    EXPECT_FALSE(MatchesRecipient("*.department@company", "user1.sales@company"));
    EXPECT_FALSE(MatchesRecipient("*.department@company", "user1.department@company.evil"));
    // '*' is one or more characters, not zero
    EXPECT_FALSE(MatchesRecipient("*.department@company", ".department@company"));
    EXPECT_TRUE(MatchesRecipient("*@*", "anyone@anywhere"));
    EXPECT_FALSE(MatchesRecipient("*@*", "no-at-sign"));
    EXPECT_TRUE(MatchesRecipient("sip:bob@example.com", "sip:bob@example.com;gr=1"));
    EXPECT_FALSE(MatchesRecipient("sip:bob@example.com", "sip:bob2@example.com"));
}

TEST(KmsProfileKeys, GivenTgkAndBothRands_WhenSrtpKeysDerived_ThenSelfComputedVectorsMatch)
{
    CryptoOps ops;
    auto keys = DeriveSrtpKeys(Range(0x00, 32), Range(0x10, 32), Range(0xa0, 32), ops);
    ASSERT_TRUE(keys.IsOk()) << keys.GetError().ToString();
    EXPECT_EQ(ToHex(keys.Value().initiatorToResponder.key), "eadaab21f07071f1b7b101e3f384b709");
    EXPECT_EQ(ToHex(keys.Value().initiatorToResponder.salt), "d848143f4adafe70849ded5e58e1");
    EXPECT_EQ(ToHex(keys.Value().responderToInitiator.key), "547018159e96310b112bf7bf43e15106");
    EXPECT_EQ(ToHex(keys.Value().responderToInitiator.salt), "ab566a4493c66bd8595b67b5d037");
    EXPECT_EQ(ops.prf, 4u);
}

TEST(KmsProfileKeys, GivenMpkrAndVi_WhenTheInitiatorDataMacIsComputed_ThenTheVectorMatches)
{
    CryptoOps ops;
    mikey::VerificationPayload vi{mikey::MacAlg::HmacSha256_256, Bytes(32, 0x55)};
    auto vr = ComputeInitiatorDataMac(Range(0x40, 32), vi, ops);
    ASSERT_TRUE(vr.IsOk()) << vr.GetError().ToString();
    EXPECT_EQ(ToHex(vr.Value()),
              "7b885e7d4696e7f05744413a3202b3dd21e0520e8560ab90d6118e768e5b2ba5");
    EXPECT_EQ(ops.prf, 1u);
    EXPECT_EQ(ops.mac, 1u);
}

} // namespace
} // namespace kms
} // namespace mediasec
