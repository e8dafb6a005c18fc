#include "gba-keys.h"

#include "length-check.h"
#include "milenage.h"
#include "protocol/common/base64.h"
#include "protocol/crypto/hmac.h"

namespace mediasec
{
namespace gba
{

namespace
{
/** \return Ok, MissingField if \p text is empty, or Unsupported for a non-ASCII byte. */
Status
CheckAsciiIdentity(const char* field, std::string_view text)
{
    if (text.empty())
    {
        return MakeError(Errc::MissingField, std::string("Ks_NAF ") + field + ": empty");
    }
    for (char c : text)
    {
        if (static_cast<unsigned char>(c) >= 0x80)
        {
            return MakeError(Errc::Unsupported,
                             std::string("Ks_NAF ") + field +
                                 ": non-ASCII character needs NFKC normalisation (TS 33.220 "
                                 "B.2.1.2), not supported");
        }
    }
    return Ok{};
}
} // namespace

Result<Bytes>
DeriveKs(const Bytes& ck, const Bytes& ik)
{
    if (auto st = CheckLength("Ks CK", ck, Milenage::kKeyLength); !st)
    {
        return st.GetError();
    }
    if (auto st = CheckLength("Ks IK", ik, Milenage::kKeyLength); !st)
    {
        return st.GetError();
    }
    Bytes ks = ck;
    ks.insert(ks.end(), ik.begin(), ik.end());
    return ks;
}

std::string
MakeBtid(const Bytes& rand, std::string_view bsfDomain)
{
    std::string btid = Base64Encode(rand);
    btid += '@';
    btid += bsfDomain;
    return btid;
}

Result<Bytes>
KdfInput(uint8_t fc, const std::vector<Bytes>& params)
{
    size_t total = 1;
    for (size_t i = 0; i < params.size(); ++i)
    {
        if (params[i].size() > kKdfMaxParamLength)
        {
            return MakeError(Errc::TooLarge,
                             "KDF P" + std::to_string(i) + ": " + std::to_string(params[i].size()) +
                                 " bytes, a 2-byte L" + std::to_string(i) + " holds at most 65535");
        }
        total += params[i].size() + 2;
    }
    Bytes s;
    s.reserve(total);
    s.push_back(fc);
    for (const Bytes& p : params)
    {
        s.insert(s.end(), p.begin(), p.end());
        s.push_back(static_cast<uint8_t>(p.size() >> 8));
        s.push_back(static_cast<uint8_t>(p.size() & 0xff));
    }
    return s;
}

Result<Bytes>
Kdf(const Bytes& key, uint8_t fc, const std::vector<Bytes>& params)
{
    auto s = KdfInput(fc, params);
    if (!s)
    {
        return s.GetError();
    }
    auto hmac = Hmac::Create(HmacDigest::Sha256, key);
    if (!hmac)
    {
        return hmac.GetError();
    }
    Bytes derived = hmac.Value().Compute(s.Value());
    if (derived.size() != kKsLength)
    {
        return MakeError(Errc::CryptoFailure, "KDF: HMAC-SHA-256 failed");
    }
    return derived;
}

Result<Bytes>
DeriveKsNaf(const Bytes& ks, const Bytes& rand, std::string_view impi, std::string_view nafFqdn,
            const Bytes& uaSecurityProtocolId)
{
    if (auto st = CheckLength("Ks_NAF Ks", ks, kKsLength); !st)
    {
        return st.GetError();
    }
    if (auto st = CheckLength("Ks_NAF RAND", rand, Milenage::kRandLength); !st)
    {
        return st.GetError();
    }
    if (auto st = CheckLength("Ks_NAF Ua security protocol id", uaSecurityProtocolId,
                              kUaProtocolIdLength);
        !st)
    {
        return st.GetError();
    }
    if (auto st = CheckAsciiIdentity("IMPI", impi); !st)
    {
        return st.GetError();
    }
    if (auto st = CheckAsciiIdentity("NAF FQDN", nafFqdn); !st)
    {
        return st.GetError();
    }
    Bytes nafId = ToBytes(nafFqdn);
    nafId.insert(nafId.end(), uaSecurityProtocolId.begin(), uaSecurityProtocolId.end());
    return Kdf(ks, kFcKsNaf, {ToBytes("gba-me"), rand, ToBytes(impi), nafId});
}

} // namespace gba
} // namespace mediasec
