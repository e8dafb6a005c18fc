#include "srtp-kdf.h"

#include "protocol/crypto/aes-ctr.h"

#include <algorithm>
#include <string>

namespace mediasec
{

namespace
{
constexpr size_t kSaltBlock = 14;          //!< the 112-bit field the label and index are XORed into
constexpr size_t kAuthKeyLength = 20;      //!< n_a = 160 bits (HMAC-SHA1)
constexpr uint64_t kMaxIndex = 1ULL << 48; //!< r is a 48-bit value

/** \return the AES-CM PRF output of \p length bytes for \p label (RFC 3711 4.3.1, 4.3.3). */
Result<Bytes>
Prf(AesCtr& prf, const Bytes& masterSalt, uint8_t label, uint64_t index, size_t length)
{
    Bytes iv(16, 0x00);
    std::copy(masterSalt.begin(), masterSalt.end(), iv.begin());
    iv[7] ^= label;
    for (size_t i = 0; i < 6; ++i)
    {
        iv[8 + i] ^= static_cast<uint8_t>(index >> (40 - 8 * i));
    }
    return prf.Apply(iv, Bytes(length, 0x00));
}
} // namespace

Result<SrtpSessionKeys>
DeriveSrtpSessionKeys(const Bytes& masterKey, const Bytes& masterSalt, uint64_t index,
                      SrtpKeyUse use)
{
    if (masterSalt.size() != kSaltBlock && masterSalt.size() != 12)
    {
        return MakeError(Errc::BadLength, "SRTP master salt: " + std::to_string(masterSalt.size()) +
                                              " bytes, expected 14 or 12");
    }
    if (index >= kMaxIndex)
    {
        return MakeError(Errc::OutOfRange,
                         "SRTP KDF index: " + std::to_string(index) + " does not fit 48 bits");
    }
    auto prf = AesCtr::Create(masterKey);
    if (!prf)
    {
        return MakeError(prf.GetError().code, "SRTP master key: " + prf.GetError().detail);
    }
    const uint8_t base = use == SrtpKeyUse::Srtp ? 0x00 : 0x03;
    auto cipherKey = Prf(prf.Value(), masterSalt, base, index, masterKey.size());
    auto authKey = Prf(prf.Value(), masterSalt, base + 1, index, kAuthKeyLength);
    auto cipherSalt = Prf(prf.Value(), masterSalt, base + 2, index, masterSalt.size());
    for (const auto* part : {&cipherKey, &authKey, &cipherSalt})
    {
        if (!*part)
        {
            return part->GetError();
        }
    }
    return SrtpSessionKeys{std::move(cipherKey).Value(), std::move(cipherSalt).Value(),
                           std::move(authKey).Value()};
}

} // namespace mediasec
