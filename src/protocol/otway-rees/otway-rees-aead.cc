#include "otway-rees-aead.h"

#include "protocol/crypto/aes-gcm.h"

namespace mediasec
{
namespace otway
{

namespace
{

/** \return an AES-256-GCM instance keyed with \p key, BadLength unless it has 32 bytes */
Result<AesGcm>
KeyedAead(const Bytes& key)
{
    if (key.size() != kLongTermKeyLength)
    {
        return MakeError(Errc::BadLength,
                         "Otway-Rees key is " + std::to_string(key.size()) + " bytes, need 32");
    }
    return AesGcm::Create(key);
}

} // namespace

Bytes
SealedPartAad(FieldType tag)
{
    Bytes aad = ToBytes("otway-rees");
    aad.push_back(kVersion);
    aad.push_back(static_cast<uint8_t>(tag));
    return aad;
}

Result<Bytes>
SealPart(const Bytes& key, FieldType tag, const Bytes& plaintext, Drbg& drbg, kms::CryptoOps& ops)
{
    auto aead = KeyedAead(key);
    if (!aead)
    {
        return aead.GetError();
    }
    ++ops.random;
    Bytes sealed = drbg.Generate(AesGcm::kIvLength);
    ++ops.cipher;
    auto ciphertext = aead.Value().Seal(sealed, SealedPartAad(tag), plaintext);
    if (!ciphertext)
    {
        return ciphertext.GetError();
    }
    sealed.insert(sealed.end(), ciphertext.Value().begin(), ciphertext.Value().end());
    return sealed;
}

Result<Bytes>
OpenPart(const Bytes& key, FieldType tag, const Bytes& sealed, const char* what,
         kms::CryptoOps& ops)
{
    if (sealed.size() < kMinSealedLength)
    {
        return MakeError(Errc::Truncated, std::string(what) + ": sealed part of " +
                                              std::to_string(sealed.size()) + " bytes");
    }
    auto aead = KeyedAead(key);
    if (!aead)
    {
        return aead.GetError();
    }
    Bytes iv(sealed.begin(), sealed.begin() + AesGcm::kIvLength);
    Bytes body(sealed.begin() + AesGcm::kIvLength, sealed.end());
    ++ops.cipher;
    auto plaintext = aead.Value().Open(iv, SealedPartAad(tag), body);
    if (!plaintext)
    {
        return MakeError(Errc::AuthFailed,
                         std::string(what) + " does not open (wrong key, type or altered)");
    }
    return plaintext;
}

} // namespace otway
} // namespace mediasec
