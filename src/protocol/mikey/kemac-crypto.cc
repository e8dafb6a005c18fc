#include "kemac-crypto.h"

#include "protocol/crypto/aes-ctr.h"
#include "protocol/crypto/hmac.h"

#include <string>

namespace mediasec
{
namespace mikey
{

namespace
{
constexpr size_t kIvLength = 16; //!< AES block: S (14 bytes) || 0x0000

/** \return the HMAC digest of \p alg, or false for NULL and unknown values. \param digest out */
bool
HmacDigestOf(MacAlg alg, HmacDigest& digest)
{
    switch (alg)
    {
    case MacAlg::HmacSha1_160:
        digest = HmacDigest::Sha1;
        return true;
    case MacAlg::HmacSha256_256:
        digest = HmacDigest::Sha256;
        return true;
    default:
        return false;
    }
}

/** \return the AES-CM keystream XOR \p data under \p params (encryption and decryption). */
Result<Bytes>
ApplyKemacCipher(const KemacCipherParams& params, const Bytes& data)
{
    if (data.size() > kMaxKemacEncrDataLength)
    {
        return MakeError(Errc::TooLarge, "KEMAC Encr data: " + std::to_string(data.size()) +
                                             " bytes exceed the 16-bit length field");
    }
    switch (params.encrAlg)
    {
    case EncrAlg::Null:
        return data;
    case EncrAlg::AesCm128:
    case EncrAlg::AesCm256:
        break;
    default:
        return MakeError(Errc::Unsupported,
                         "KEMAC Encr alg " + std::to_string(static_cast<unsigned>(params.encrAlg)));
    }
    const size_t keyLength = KemacEncrKeyLength(params.encrAlg);
    if (params.encrKey.size() != keyLength)
    {
        return MakeError(Errc::BadLength,
                         "KEMAC encr_key: " + std::to_string(params.encrKey.size()) +
                             " bytes, expected " + std::to_string(keyLength));
    }
    auto iv = KemacAesCmIv(params.saltKey, params.csbId, params.timestamp);
    if (!iv)
    {
        return iv.GetError();
    }
    auto cipher = AesCtr::Create(params.encrKey);
    if (!cipher)
    {
        return MakeError(cipher.GetError().code, "KEMAC encr_key: " + cipher.GetError().detail);
    }
    return cipher.Value().Apply(iv.Value(), data);
}
} // namespace

size_t
KemacEncrKeyLength(EncrAlg alg)
{
    switch (alg)
    {
    case EncrAlg::AesCm128:
    case EncrAlg::AesKw128:
        return 16;
    case EncrAlg::AesCm256:
        return 32;
    default:
        return 0;
    }
}

uint64_t
KemacIvTimestamp(TsType type, uint64_t value)
{
    switch (type)
    {
    case TsType::Counter:
        return value & 0xFFFFFFFFULL;
    case TsType::NtpUtc32:
        return (value & 0xFFFFFFFFULL) << 32;
    default:
        return value;
    }
}

Result<Bytes>
KemacAesCmIv(const Bytes& saltKey, uint32_t csbId, uint64_t timestamp)
{
    if (saltKey.size() != kKemacSaltKeyLength)
    {
        return MakeError(Errc::BadLength, "KEMAC salt_key: " + std::to_string(saltKey.size()) +
                                              " bytes, expected 14");
    }
    Bytes iv(saltKey);
    iv.resize(kIvLength, 0x00); // || 0x0000
    for (size_t i = 0; i < 4; ++i)
    {
        iv[2 + i] ^= static_cast<uint8_t>(csbId >> (24 - 8 * i)); // after 0x0000
    }
    for (size_t i = 0; i < 8; ++i)
    {
        iv[6 + i] ^= static_cast<uint8_t>(timestamp >> (56 - 8 * i));
    }
    return iv;
}

Result<Bytes>
KemacEncrypt(const KemacCipherParams& params, const Bytes& plaintext)
{
    return ApplyKemacCipher(params, plaintext);
}

Result<Bytes>
KemacDecrypt(const KemacCipherParams& params, const Bytes& encrData)
{
    return ApplyKemacCipher(params, encrData);
}

Bytes
ComputeMac(MacAlg alg, const Bytes& authKey, const Bytes& coveredBytes)
{
    HmacDigest digest = HmacDigest::Sha1;
    if (!HmacDigestOf(alg, digest))
    {
        return {};
    }
    auto hmac = Hmac::Create(digest, authKey);
    return hmac ? hmac.Value().Compute(coveredBytes) : Bytes{};
}

Status
VerifyMac(MacAlg alg, const Bytes& authKey, const Bytes& coveredBytes, const Bytes& mac)
{
    HmacDigest digest = HmacDigest::Sha1;
    if (alg == MacAlg::Null)
    {
        return MakeError(Errc::Unsupported,
                         "MIKEY MAC alg NULL: refused (allowed only over a secured transport)");
    }
    if (!HmacDigestOf(alg, digest))
    {
        return MakeError(Errc::Unsupported,
                         "MIKEY MAC alg " + std::to_string(static_cast<unsigned>(alg)));
    }
    if (mac.size() != HmacLength(digest))
    {
        return MakeError(Errc::AuthFailed, "MIKEY MAC: " + std::to_string(mac.size()) +
                                               " bytes, expected " +
                                               std::to_string(HmacLength(digest)));
    }
    const Bytes expected = ComputeMac(alg, authKey, coveredBytes);
    if (expected.size() != HmacLength(digest))
    {
        return MakeError(Errc::CryptoFailure, "MIKEY MAC: HMAC computation failed");
    }
    if (!ConstantTimeEqual(expected, mac))
    {
        return MakeError(Errc::AuthFailed, "MIKEY MAC: verification failed");
    }
    return Ok{};
}

} // namespace mikey
} // namespace mediasec
