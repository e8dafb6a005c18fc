#include "mikey-prf.h"

#include "protocol/crypto/hmac.h"

#include <openssl/crypto.h>

#include <algorithm>
#include <string>

namespace mediasec
{
namespace mikey
{

namespace
{
/** \brief Overwrites \p data with zeros in a way the compiler keeps. \param data key material */
void
Wipe(Bytes& data)
{
    OPENSSL_cleanse(data.data(), data.size());
}

/**
 * \brief XORs P(s, label, m) into \p out, with s the current key of \p hmac and
 * m = out.size() / hmac.Length().
 * \return Ok, or CryptoFailure if an HMAC could not be computed
 */
Status
XorP(Hmac& hmac, const Bytes& label, Bytes& out)
{
    const size_t h = hmac.Length();
    Bytes a = label; // A_0
    Bytes block;
    for (size_t offset = 0; offset < out.size(); offset += h)
    {
        a = hmac.Compute(a); // A_i = HMAC(s, A_(i-1))
        Bytes input = a;
        input.insert(input.end(), label.begin(), label.end());
        block = hmac.Compute(input); // HMAC(s, A_i || label)
        if (a.size() != h || block.size() != h)
        {
            return MakeError(Errc::CryptoFailure, "MIKEY PRF: HMAC computation failed");
        }
        for (size_t j = 0; j < h; ++j)
        {
            out[offset + j] ^= block[j];
        }
        Wipe(input);
    }
    Wipe(a);
    Wipe(block);
    return Ok{};
}
} // namespace

Result<Bytes>
Prf(PrfFunc prf, const Bytes& inkey, const Bytes& label, size_t outkeyBytes)
{
    if (prf != PrfFunc::Mikey1 && prf != PrfFunc::HmacSha256)
    {
        return MakeError(Errc::Unsupported,
                         "MIKEY PRF: PRF func " + std::to_string(static_cast<unsigned>(prf)));
    }
    if (inkey.empty())
    {
        return MakeError(Errc::BadLength, "MIKEY PRF: empty inkey");
    }
    if (outkeyBytes == 0)
    {
        return MakeError(Errc::BadLength, "MIKEY PRF: zero outkey length");
    }
    if (outkeyBytes > kMaxPrfOutputLength)
    {
        return MakeError(Errc::TooLarge,
                         "MIKEY PRF: outkey length " + std::to_string(outkeyBytes) + " bytes");
    }
    const HmacDigest digest = prf == PrfFunc::Mikey1 ? HmacDigest::Sha1 : HmacDigest::Sha256;
    auto hmac = Hmac::Create(digest, Bytes{});
    if (!hmac)
    {
        return hmac.GetError();
    }
    const size_t h = HmacLength(digest);
    Bytes out(((outkeyBytes + h - 1) / h) * h, 0x00); // m * h bytes
    for (size_t start = 0; start < inkey.size(); start += kPrfKeyChunkLength)
    {
        const size_t end = std::min(start + kPrfKeyChunkLength, inkey.size());
        Bytes chunk(inkey.begin() + start, inkey.begin() + end); // s_i
        Status keyed = hmac.Value().SetKey(chunk);
        Wipe(chunk);
        Status xored = keyed ? XorP(hmac.Value(), label, out) : keyed;
        if (!xored)
        {
            Wipe(out);
            return xored.GetError();
        }
    }
    std::fill(out.begin() + outkeyBytes, out.end(), 0x00);
    out.resize(outkeyBytes);
    return out;
}

} // namespace mikey
} // namespace mediasec
