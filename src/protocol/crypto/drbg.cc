#include "drbg.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace mediasec
{

namespace
{
constexpr size_t kOutLength = 32;     //!< SHA-256 output length (outlen)
constexpr size_t kMaxRequest = 65536; //!< max_number_of_bits_per_request / 8
constexpr std::string_view kSeedNonce = "ims-mediasec drbg v1"; //!< domain separation

/** \brief Reports \p why and terminates (the generator has no error channel). */
[[noreturn]] void
Die(const std::string& why)
{
    std::fprintf(stderr, "mediasec::Drbg: %s\n", why.c_str());
    std::abort();
}

/** \return \p result's value, or terminates. */
Drbg
ValueOrDie(Result<Drbg> result)
{
    if (!result)
    {
        Die(result.GetError().ToString());
    }
    return std::move(result).Value();
}

/** \return \p n bytes read big-endian from the start of \p bytes. */
uint64_t
ReadBigEndian(const Bytes& bytes, size_t n)
{
    uint64_t value = 0;
    for (size_t i = 0; i < n; ++i)
    {
        value = (value << 8) | bytes[i];
    }
    return value;
}
} // namespace

Drbg::Drbg(Hmac hmac, Bytes v)
    : m_hmac(std::move(hmac))
    , m_v(std::move(v))
{
}

Drbg::~Drbg()
{
    OPENSSL_cleanse(m_v.data(), m_v.size());
}

Result<Drbg>
Drbg::FromEntropy(const Bytes& entropy, const Bytes& nonce, const Bytes& personalization)
{
    auto hmac = Hmac::Create(HmacDigest::Sha256, Bytes(kOutLength, 0x00));
    if (!hmac)
    {
        return hmac.GetError();
    }
    Drbg drbg(std::move(hmac).Value(), Bytes(kOutLength, 0x01));
    Bytes seedMaterial(entropy);
    seedMaterial.insert(seedMaterial.end(), nonce.begin(), nonce.end());
    seedMaterial.insert(seedMaterial.end(), personalization.begin(), personalization.end());
    drbg.Update(seedMaterial);
    OPENSSL_cleanse(seedMaterial.data(), seedMaterial.size());
    return drbg;
}

Drbg
Drbg::FromSeed(uint64_t runSeed, std::string_view nodeLabel)
{
    Bytes entropy(8);
    for (size_t i = 0; i < entropy.size(); ++i)
    {
        entropy[i] = static_cast<uint8_t>(runSeed >> (56 - 8 * i));
    }
    return ValueOrDie(FromEntropy(entropy, ToBytes(kSeedNonce), ToBytes(nodeLabel)));
}

Drbg
Drbg::FromOs()
{
    Bytes entropy(32);
    Bytes nonce(16);
    if (RAND_bytes(entropy.data(), static_cast<int>(entropy.size())) != 1 ||
        RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1)
    {
        Die("RAND_bytes failed");
    }
    Drbg drbg = ValueOrDie(FromEntropy(entropy, nonce, {}));
    OPENSSL_cleanse(entropy.data(), entropy.size());
    return drbg;
}

void
Drbg::Update(const Bytes& provided)
{
    UpdateRound(0x00, provided);
    if (!provided.empty())
    {
        UpdateRound(0x01, provided);
    }
}

void
Drbg::UpdateRound(uint8_t round, const Bytes& provided)
{
    Bytes input(m_v);
    input.push_back(round);
    input.insert(input.end(), provided.begin(), provided.end());
    Bytes key = m_hmac.Compute(input);
    const bool rekeyed = key.size() == kOutLength && m_hmac.SetKey(key).IsOk();
    OPENSSL_cleanse(key.data(), key.size());
    OPENSSL_cleanse(input.data(), input.size());
    if (!rekeyed)
    {
        Die("HMAC-SHA-256 failed while updating the state (or the instance was moved from)");
    }
    NextV();
}

void
Drbg::NextV()
{
    m_v = m_hmac.Compute(m_v);
    if (m_v.size() != kOutLength)
    {
        Die("HMAC-SHA-256 failed while generating (or the instance was moved from)");
    }
}

void
Drbg::GenerateRequest(size_t n, Bytes& out)
{
    while (n > 0)
    {
        NextV();
        const size_t take = std::min(n, m_v.size());
        out.insert(out.end(), m_v.begin(), m_v.begin() + take);
        n -= take;
    }
    Update({});
}

Bytes
Drbg::Generate(size_t n)
{
    Bytes out;
    out.reserve(n);
    do
    {
        GenerateRequest(std::min(n - out.size(), kMaxRequest), out);
    } while (out.size() < n);
    return out;
}

uint32_t
Drbg::NextU32()
{
    return static_cast<uint32_t>(ReadBigEndian(Generate(4), 4));
}

uint64_t
Drbg::NextU64()
{
    return ReadBigEndian(Generate(8), 8);
}

} // namespace mediasec
