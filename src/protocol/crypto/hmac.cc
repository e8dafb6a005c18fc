#include "hmac.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

namespace mediasec
{

namespace
{
/** \return the process-wide prefetched HMAC algorithm. */
EVP_MAC*
FetchHmac()
{
    static EVP_MAC* const mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

/** \return the OpenSSL digest name of \p digest. */
const char*
DigestName(HmacDigest digest)
{
    return digest == HmacDigest::Sha1 ? "SHA1" : "SHA256";
}

/** \return a non-null pointer to the key bytes (OpenSSL treats a null key as "keep the key"). */
const uint8_t*
KeyPointer(const Bytes& key)
{
    static const uint8_t empty = 0;
    return key.empty() ? &empty : key.data();
}
} // namespace

size_t
HmacLength(HmacDigest digest)
{
    return digest == HmacDigest::Sha1 ? 20 : 32;
}

/** \brief The keyed OpenSSL context. */
struct Hmac::Impl
{
    EVP_MAC_CTX* ctx = nullptr; //!< keyed MAC context
    size_t length = 0;          //!< output length in bytes

    ~Impl()
    {
        EVP_MAC_CTX_free(ctx);
    }
};

Hmac::Hmac(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

Hmac::~Hmac() = default;
Hmac::Hmac(Hmac&& other) noexcept = default;
Hmac& Hmac::operator=(Hmac&& other) noexcept = default;

Result<Hmac>
Hmac::Create(HmacDigest digest, const Bytes& key)
{
    EVP_MAC* mac = FetchHmac();
    if (mac == nullptr)
    {
        return MakeError(Errc::CryptoFailure, "HMAC: EVP_MAC_fetch failed");
    }
    auto impl = std::make_unique<Impl>();
    impl->length = HmacLength(digest);
    impl->ctx = EVP_MAC_CTX_new(mac);
    OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(
                               OSSL_MAC_PARAM_DIGEST, const_cast<char*>(DigestName(digest)), 0),
                           OSSL_PARAM_construct_end()};
    if (impl->ctx == nullptr || EVP_MAC_init(impl->ctx, KeyPointer(key), key.size(), params) != 1)
    {
        return MakeError(Errc::CryptoFailure,
                         std::string("HMAC-") + DigestName(digest) + ": context set-up failed");
    }
    return Hmac(std::move(impl));
}

Bytes
Hmac::Compute(const Bytes& data)
{
    if (!m_impl)
    {
        return {};
    }
    Bytes out(m_impl->length);
    size_t outLength = 0;
    if (EVP_MAC_init(m_impl->ctx, nullptr, 0, nullptr) != 1 ||
        EVP_MAC_update(m_impl->ctx, data.data(), data.size()) != 1 ||
        EVP_MAC_final(m_impl->ctx, out.data(), &outLength, out.size()) != 1 ||
        outLength != out.size())
    {
        return {};
    }
    return out;
}

Status
Hmac::SetKey(const Bytes& key)
{
    if (!m_impl)
    {
        return MakeError(Errc::InvalidState, "HMAC: moved-from instance");
    }
    if (EVP_MAC_init(m_impl->ctx, KeyPointer(key), key.size(), nullptr) != 1)
    {
        return MakeError(Errc::CryptoFailure, "HMAC: re-keying failed");
    }
    return Ok{};
}

size_t
Hmac::Length() const
{
    return m_impl ? m_impl->length : 0;
}

bool
ConstantTimeEqual(const Bytes& a, const Bytes& b)
{
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace mediasec
