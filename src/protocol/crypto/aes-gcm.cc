#include "aes-gcm.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <climits>

namespace mediasec
{

namespace
{
/** \return the process-wide prefetched AES-GCM cipher for a key of \p keyLength bytes. */
EVP_CIPHER*
FetchGcmCipher(size_t keyLength)
{
    static EVP_CIPHER* const aes128 = EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr);
    static EVP_CIPHER* const aes256 = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    return keyLength == 16 ? aes128 : aes256;
}

/** \return true when both inputs fit the int lengths of the EVP interface. */
bool
IsIntSized(const Bytes& a, const Bytes& b)
{
    return a.size() <= static_cast<size_t>(INT_MAX) && b.size() <= static_cast<size_t>(INT_MAX);
}
} // namespace

/** \brief The keyed OpenSSL contexts, one per direction. */
struct AesGcm::Impl
{
    EVP_CIPHER_CTX* seal = nullptr; //!< keyed encryption context
    EVP_CIPHER_CTX* open = nullptr; //!< keyed decryption context

    ~Impl()
    {
        EVP_CIPHER_CTX_free(seal);
        EVP_CIPHER_CTX_free(open);
    }
};

AesGcm::AesGcm(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

AesGcm::~AesGcm() = default;
AesGcm::AesGcm(AesGcm&& other) noexcept = default;
AesGcm& AesGcm::operator=(AesGcm&& other) noexcept = default;

Result<AesGcm>
AesGcm::Create(const Bytes& key)
{
    if (key.size() != 16 && key.size() != 32)
    {
        return MakeError(Errc::BadLength, "AES-GCM key: " + std::to_string(key.size()) +
                                              " bytes, expected 16 or 32");
    }
    EVP_CIPHER* cipher = FetchGcmCipher(key.size());
    if (cipher == nullptr)
    {
        return MakeError(Errc::CryptoFailure, "AES-GCM: EVP_CIPHER_fetch failed");
    }
    auto impl = std::make_unique<Impl>();
    impl->seal = EVP_CIPHER_CTX_new();
    impl->open = EVP_CIPHER_CTX_new();
    if (impl->seal == nullptr || impl->open == nullptr ||
        EVP_EncryptInit_ex2(impl->seal, cipher, key.data(), nullptr, nullptr) != 1 ||
        EVP_DecryptInit_ex2(impl->open, cipher, key.data(), nullptr, nullptr) != 1)
    {
        return MakeError(Errc::CryptoFailure, "AES-GCM: context set-up failed");
    }
    return AesGcm(std::move(impl));
}

Result<Bytes>
AesGcm::Seal(const Bytes& iv12, const Bytes& aad, const Bytes& plaintext)
{
    if (!m_impl)
    {
        return MakeError(Errc::InvalidState, "AES-GCM: moved-from instance");
    }
    if (iv12.size() != kIvLength)
    {
        return MakeError(Errc::BadLength,
                         "AES-GCM IV: " + std::to_string(iv12.size()) + " bytes, expected 12");
    }
    if (!IsIntSized(aad, plaintext))
    {
        return MakeError(Errc::TooLarge, "AES-GCM: input longer than INT_MAX");
    }
    EVP_CIPHER_CTX* ctx = m_impl->seal;
    Bytes out(plaintext.size() + kTagLength);
    int length = 0;
    int finalLength = 0;
    if (EVP_EncryptInit_ex2(ctx, nullptr, nullptr, iv12.data(), nullptr) != 1 ||
        EVP_EncryptUpdate(ctx, nullptr, &length, aad.data(), static_cast<int>(aad.size())) != 1 ||
        EVP_EncryptUpdate(ctx, out.data(), &length, plaintext.data(),
                          static_cast<int>(plaintext.size())) != 1 ||
        EVP_EncryptFinal_ex(ctx, out.data() + length, &finalLength) != 1 ||
        static_cast<size_t>(length + finalLength) != plaintext.size())
    {
        return MakeError(Errc::CryptoFailure, "AES-GCM: encryption failed");
    }
    OSSL_PARAM params[] = {OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG,
                                                             out.data() + plaintext.size(),
                                                             kTagLength),
                           OSSL_PARAM_construct_end()};
    if (EVP_CIPHER_CTX_get_params(ctx, params) != 1)
    {
        return MakeError(Errc::CryptoFailure, "AES-GCM: reading the tag failed");
    }
    return out;
}

Result<Bytes>
AesGcm::Open(const Bytes& iv12, const Bytes& aad, const Bytes& ciphertextAndTag)
{
    if (!m_impl)
    {
        return MakeError(Errc::InvalidState, "AES-GCM: moved-from instance");
    }
    if (iv12.size() != kIvLength)
    {
        return MakeError(Errc::BadLength,
                         "AES-GCM IV: " + std::to_string(iv12.size()) + " bytes, expected 12");
    }
    if (ciphertextAndTag.size() < kTagLength)
    {
        return MakeError(Errc::Truncated,
                         "AES-GCM input: " + std::to_string(ciphertextAndTag.size()) +
                             " bytes, shorter than the 16-byte tag");
    }
    if (!IsIntSized(aad, ciphertextAndTag))
    {
        return MakeError(Errc::TooLarge, "AES-GCM: input longer than INT_MAX");
    }
    EVP_CIPHER_CTX* ctx = m_impl->open;
    const size_t textLength = ciphertextAndTag.size() - kTagLength;
    // OpenSSL only reads the expected tag; the cast spares a copy.
    auto* tag = const_cast<uint8_t*>(ciphertextAndTag.data() + textLength);
    Bytes out(textLength);
    int length = 0;
    int finalLength = 0;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, kTagLength),
        OSSL_PARAM_construct_end()};
    if (EVP_DecryptInit_ex2(ctx, nullptr, nullptr, iv12.data(), nullptr) != 1 ||
        EVP_DecryptUpdate(ctx, nullptr, &length, aad.data(), static_cast<int>(aad.size())) != 1 ||
        EVP_DecryptUpdate(ctx, out.data(), &length, ciphertextAndTag.data(),
                          static_cast<int>(textLength)) != 1 ||
        EVP_CIPHER_CTX_set_params(ctx, params) != 1)
    {
        return MakeError(Errc::CryptoFailure, "AES-GCM: decryption failed");
    }
    if (EVP_DecryptFinal_ex(ctx, out.data() + length, &finalLength) != 1)
    {
        return MakeError(Errc::AuthFailed, "AES-GCM: tag does not verify");
    }
    return out;
}

} // namespace mediasec
