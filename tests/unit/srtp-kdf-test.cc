// DeriveSrtpSessionKeys: RFC 3711 B.3, and an independent recomputation of the packets
// libsrtp produces (srtp_validate SRTP/SRTCP bytes, an AEAD_AES_128_GCM packet).
#include "protocol/crypto/aes-ctr.h"
#include "protocol/crypto/aes-gcm.h"
#include "protocol/crypto/hmac.h"
#include "protocol/srtp/srtp-kdf.h"
#include "protocol/srtp/srtp-session.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace
{

// RFC 3711 B.3 (also the srtp_validate master key and salt).
const char* const kMasterKey = "e1f97a0d3e018be0d64fa32c06de4139";
const char* const kMasterSalt = "0ec675ad498afeebb6960b3aabe6";

Bytes
Concat(Bytes a, const Bytes& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

Bytes
Slice(const Bytes& data, size_t from, size_t to)
{
    return Bytes(data.begin() + from, data.begin() + to);
}

/** XORs \p value, big-endian, into \p block so that its last byte lands on \p lastByte. */
void
XorBigEndian(Bytes& block, size_t lastByte, uint64_t value, size_t width)
{
    for (size_t i = 0; i < width; ++i)
    {
        block[lastByte - i] ^= static_cast<uint8_t>(value >> (8 * i));
    }
}

/** RFC 3711 4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16). */
Bytes
AesCmIv(const Bytes& sessionSalt, uint32_t ssrc, uint64_t index)
{
    Bytes iv = Concat(sessionSalt, Bytes(2, 0x00));
    XorBigEndian(iv, 7, ssrc, 4);
    XorBigEndian(iv, 13, index, 6);
    return iv;
}

TEST(SrtpKdf, GivenRfc3711B3MasterKeyAndSalt_WhenDeriving_ThenSessionKeysMatch)
{
    auto keys = DeriveSrtpSessionKeys(FromHex(kMasterKey).Value(), FromHex(kMasterSalt).Value(), 0);
    ASSERT_TRUE(keys);
    EXPECT_EQ(ToHex(keys.Value().cipherKey), "c61e7a93744f39ee10734afe3ff7a087");
    EXPECT_EQ(ToHex(keys.Value().cipherSalt), "30cbbc08863d8c85d49db34a9ae1");
    EXPECT_EQ(ToHex(keys.Value().authKey), "cebe321f6ff7716b6fd4ab49af256a156d38baa4");
}

TEST(SrtpKdf, GivenANonZeroIndex_WhenDeriving_ThenEveryKeyChanges)
{
    const Bytes key = FromHex(kMasterKey).Value();
    const Bytes salt = FromHex(kMasterSalt).Value();
    auto zero = DeriveSrtpSessionKeys(key, salt, 0);
    auto one = DeriveSrtpSessionKeys(key, salt, 1);
    ASSERT_TRUE(zero && one);
    EXPECT_NE(zero.Value().cipherKey, one.Value().cipherKey);
    EXPECT_NE(zero.Value().cipherSalt, one.Value().cipherSalt);
    EXPECT_NE(zero.Value().authKey, one.Value().authKey);
}

TEST(SrtpKdf, GivenSrtpValidateKeys_WhenProtectingByHandWithDerivedKeys_ThenLibsrtpBytesResult)
{
    auto keys = DeriveSrtpSessionKeys(FromHex(kMasterKey).Value(), FromHex(kMasterSalt).Value(), 0);
    ASSERT_TRUE(keys);
    auto cipher = AesCtr::Create(keys.Value().cipherKey);
    auto mac = Hmac::Create(HmacDigest::Sha1, keys.Value().authKey);
    ASSERT_TRUE(cipher && mac);
    const Bytes header = FromHex("800f1234decafbadcafebabe").Value();
    auto payload =
        cipher.Value().Apply(AesCmIv(keys.Value().cipherSalt, 0xcafebabe, 0x1234), Bytes(16, 0xab));
    ASSERT_TRUE(payload);
    const Bytes authenticated = Concat(header, payload.Value());
    const Bytes tag = mac.Value().Compute(Concat(authenticated, Bytes(4, 0x00))); // ROC = 0
    EXPECT_EQ(ToHex(Concat(authenticated, Slice(tag, 0, 10))),
              "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
}

TEST(SrtpKdf, GivenSrtpValidateKeys_WhenProtectingRtcpByHandWithSrtcpKeys_ThenLibsrtpBytesResult)
{
    auto keys = DeriveSrtpSessionKeys(FromHex(kMasterKey).Value(), FromHex(kMasterSalt).Value(), 0,
                                      SrtpKeyUse::Srtcp);
    ASSERT_TRUE(keys);
    auto cipher = AesCtr::Create(keys.Value().cipherKey);
    auto mac = Hmac::Create(HmacDigest::Sha1, keys.Value().authKey);
    ASSERT_TRUE(cipher && mac);
    const Bytes header = FromHex("81c8000bcafebabe").Value();
    auto payload =
        cipher.Value().Apply(AesCmIv(keys.Value().cipherSalt, 0xcafebabe, 1), Bytes(16, 0xab));
    ASSERT_TRUE(payload);
    const Bytes authenticated =
        Concat(Concat(header, payload.Value()), FromHex("80000001").Value()); // E || index 1
    const Bytes tag = mac.Value().Compute(authenticated);
    EXPECT_EQ(ToHex(Concat(authenticated, Slice(tag, 0, 10))),
              "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
}

TEST(SrtpKdf, GivenGcmMasterKeys_WhenSealingByHandWithDerivedKeys_ThenEqualsLibsrtpProtect)
{
    const SrtpKeyMaterial material{SrtpSuite::AeadAes128Gcm,
                                   FromHex("000102030405060708090a0b0c0d0e0f").Value(),
                                   FromHex("517569642070726f2071756f").Value()};
    auto session = SrtpSession::Create(SrtpDirection::Outbound, material);
    ASSERT_TRUE(session);
    const Bytes header = FromHex("8040f17b8041f8d35501a0b2").Value();
    const Bytes payload = ToBytes("Gallia est omnis divisa in partes tres");
    Bytes packet = Concat(header, payload);
    ASSERT_TRUE(session.Value()->Protect(packet));

    auto keys = DeriveSrtpSessionKeys(material.masterKey, material.masterSalt, 0);
    ASSERT_TRUE(keys);
    ASSERT_EQ(keys.Value().cipherSalt.size(), 12u);
    // RFC 7714 8.1: IV = (00 00 || SSRC || ROC || SEQ) XOR session salt.
    Bytes iv = keys.Value().cipherSalt;
    XorBigEndian(iv, 5, 0x5501a0b2, 4);
    XorBigEndian(iv, 11, 0xf17b, 2);
    auto gcm = AesGcm::Create(keys.Value().cipherKey);
    ASSERT_TRUE(gcm);
    auto sealed = gcm.Value().Seal(iv, header, payload);
    ASSERT_TRUE(sealed);
    EXPECT_EQ(ToHex(packet), ToHex(Concat(header, sealed.Value())));
}

TEST(SrtpKdf, GivenA13ByteSalt_WhenDeriving_ThenBadLength)
{
    auto keys = DeriveSrtpSessionKeys(Bytes(16, 1), Bytes(13, 2), 0);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.GetError().code, Errc::BadLength);
}

TEST(SrtpKdf, GivenA20ByteMasterKey_WhenDeriving_ThenBadLength)
{
    auto keys = DeriveSrtpSessionKeys(Bytes(20, 1), Bytes(14, 2), 0);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.GetError().code, Errc::BadLength);
}

TEST(SrtpKdf, GivenAnIndexOf2Pow48_WhenDeriving_ThenOutOfRange)
{
    auto keys = DeriveSrtpSessionKeys(Bytes(16, 1), Bytes(14, 2), 1ULL << 48);
    ASSERT_FALSE(keys);
    EXPECT_EQ(keys.GetError().code, Errc::OutOfRange);
}

} // namespace
} // namespace mediasec
