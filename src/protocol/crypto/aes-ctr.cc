#include "aes-ctr.h"

#include <openssl/evp.h>

#include <climits>

namespace mediasec
{

namespace
{
/** \return the process-wide prefetched AES-CTR cipher for a key of \p keyLength bytes. */
EVP_CIPHER*
FetchCtrCipher(size_t keyLength)
{
    static EVP_CIPHER* const aes128 = EVP_CIPHER_fetch(nullptr, "AES-128-CTR", nullptr);
    static EVP_CIPHER* const aes256 = EVP_CIPHER_fetch(nullptr, "AES-256-CTR", nullptr);
    return keyLength == 16 ? aes128 : aes256;
}
} // namespace

/** \brief The keyed OpenSSL context. */
struct AesCtr::Impl
{
    EVP_CIPHER_CTX* ctx = nullptr; //!< keyed encryption context

    ~Impl()
    {
        EVP_CIPHER_CTX_free(ctx);
    }
};

AesCtr::AesCtr(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

AesCtr::~AesCtr() = default;
AesCtr::AesCtr(AesCtr&& other) noexcept = default;
AesCtr& AesCtr::operator=(AesCtr&& other) noexcept = default;

Result<AesCtr>
AesCtr::Create(const Bytes& key)
{
    if (key.size() != 16 && key.size() != 32)
    {
        return MakeError(Errc::BadLength, "AES-CTR key: " + std::to_string(key.size()) +
                                              " bytes, expected 16 or 32");
    }
    EVP_CIPHER* cipher = FetchCtrCipher(key.size());
    if (cipher == nullptr)
    {
        return MakeError(Errc::CryptoFailure, "AES-CTR: EVP_CIPHER_fetch failed");
    }
    auto impl = std::make_unique<Impl>();
    impl->ctx = EVP_CIPHER_CTX_new();
    if (impl->ctx == nullptr ||
        EVP_EncryptInit_ex2(impl->ctx, cipher, key.data(), nullptr, nullptr) != 1)
    {
        return MakeError(Errc::CryptoFailure, "AES-CTR: context set-up failed");
    }
    return AesCtr(std::move(impl));
}

Result<Bytes>
AesCtr::Apply(const Bytes& iv16, const Bytes& data)
{
    if (!m_impl)
    {
        return MakeError(Errc::InvalidState, "AES-CTR: moved-from instance");
    }
    if (iv16.size() != 16)
    {
        return MakeError(Errc::BadLength,
                         "AES-CTR IV: " + std::to_string(iv16.size()) + " bytes, expected 16");
    }
    if (data.size() > static_cast<size_t>(INT_MAX))
    {
        return MakeError(Errc::TooLarge, "AES-CTR data: longer than INT_MAX");
    }
    Bytes out(data.size());
    int outLength = 0;
    // A null cipher and key keep the schedule; the IV resets the counter and the block offset.
    if (EVP_EncryptInit_ex2(m_impl->ctx, nullptr, nullptr, iv16.data(), nullptr) != 1 ||
        EVP_EncryptUpdate(m_impl->ctx, out.data(), &outLength, data.data(),
                          static_cast<int>(data.size())) != 1 ||
        static_cast<size_t>(outLength) != data.size())
    {
        return MakeError(Errc::CryptoFailure, "AES-CTR: EVP_EncryptUpdate failed");
    }
    return out;
}

} // namespace mediasec
