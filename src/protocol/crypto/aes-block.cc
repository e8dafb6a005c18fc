#include "aes-block.h"

#include <openssl/evp.h>

namespace mediasec
{

namespace
{
/** \return the process-wide prefetched AES-128-ECB cipher. */
EVP_CIPHER*
FetchEcbCipher()
{
    static EVP_CIPHER* const aes128 = EVP_CIPHER_fetch(nullptr, "AES-128-ECB", nullptr);
    return aes128;
}
} // namespace

/** \brief The keyed OpenSSL context. */
struct AesBlock::Impl
{
    EVP_CIPHER_CTX* ctx = nullptr; //!< keyed encryption context, padding off

    ~Impl()
    {
        EVP_CIPHER_CTX_free(ctx);
    }
};

AesBlock::AesBlock(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

AesBlock::~AesBlock() = default;
AesBlock::AesBlock(AesBlock&& other) noexcept = default;
AesBlock& AesBlock::operator=(AesBlock&& other) noexcept = default;

Result<AesBlock>
AesBlock::Create(const Bytes& key16)
{
    if (key16.size() != 16)
    {
        return MakeError(Errc::BadLength,
                         "AES block key: " + std::to_string(key16.size()) + " bytes, expected 16");
    }
    EVP_CIPHER* cipher = FetchEcbCipher();
    if (cipher == nullptr)
    {
        return MakeError(Errc::CryptoFailure, "AES block: EVP_CIPHER_fetch failed");
    }
    auto impl = std::make_unique<Impl>();
    impl->ctx = EVP_CIPHER_CTX_new();
    if (impl->ctx == nullptr ||
        EVP_EncryptInit_ex2(impl->ctx, cipher, key16.data(), nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_set_padding(impl->ctx, 0) != 1)
    {
        return MakeError(Errc::CryptoFailure, "AES block: context set-up failed");
    }
    return AesBlock(std::move(impl));
}

Result<AesBlock::Block>
AesBlock::Encrypt(const Block& in)
{
    if (!m_impl)
    {
        return MakeError(Errc::InvalidState, "AES block: moved-from instance");
    }
    Block out{};
    int outLength = 0;
    // ECB without padding keeps no state between whole blocks, so the context needs no reset.
    if (EVP_EncryptUpdate(m_impl->ctx, out.data(), &outLength, in.data(),
                          static_cast<int>(in.size())) != 1 ||
        static_cast<size_t>(outLength) != out.size())
    {
        return MakeError(Errc::CryptoFailure, "AES block: EVP_EncryptUpdate failed");
    }
    return out;
}

} // namespace mediasec
