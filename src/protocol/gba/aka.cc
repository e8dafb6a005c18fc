#include "aka.h"

#include "length-check.h"
#include "protocol/crypto/hmac.h"

#include <algorithm>

namespace mediasec
{
namespace gba
{

namespace
{
/** \return \p a xor \p b over the length of \p a (the caller ensures \p b is as long). */
Bytes
Xor(const Bytes& a, const Bytes& b)
{
    Bytes out(a.size());
    for (size_t i = 0; i < a.size(); ++i)
    {
        out[i] = a[i] ^ b[i];
    }
    return out;
}

/** \return bytes [\p from, \p from + \p length) of \p data (the caller checked the length). */
Bytes
Slice(const Bytes& data, size_t from, size_t length)
{
    return Bytes(data.begin() + from, data.begin() + from + length);
}

/** \return the dummy AMF of all zeros used in MAC-S (TS 33.102 6.3.3). */
Bytes
DummyAmf()
{
    return Bytes(Milenage::kAmfLength, 0x00);
}
} // namespace

Result<AuthVector>
MakeAuthVector(Milenage& milenage, const Bytes& rand16, const Bytes& sqn6, const Bytes& amf2)
{
    auto f1 = milenage.F1(rand16, sqn6, amf2);
    if (!f1)
    {
        return f1.GetError();
    }
    auto f2345 = milenage.F2345(rand16);
    if (!f2345)
    {
        return f2345.GetError();
    }
    Bytes autn = Xor(sqn6, f2345.Value().ak);
    autn.insert(autn.end(), amf2.begin(), amf2.end());
    autn.insert(autn.end(), f1.Value().macA.begin(), f1.Value().macA.end());
    return AuthVector{rand16, f2345.Value().res, f2345.Value().ck, f2345.Value().ik,
                      std::move(autn)};
}

Result<AkaResult>
VerifyAutn(Milenage& milenage, const Bytes& rand16, const Bytes& autn16, const Bytes& sqnMs6)
{
    if (auto st = CheckLength("AKA AUTN", autn16, kAutnLength); !st)
    {
        return st.GetError();
    }
    if (auto st = CheckLength("AKA SQN_MS", sqnMs6, Milenage::kSqnLength); !st)
    {
        return st.GetError();
    }
    auto f2345 = milenage.F2345(rand16);
    if (!f2345)
    {
        return f2345.GetError();
    }
    const Bytes sqn = Xor(Slice(autn16, 0, Milenage::kSqnLength), f2345.Value().ak);
    const Bytes amf = Slice(autn16, Milenage::kSqnLength, Milenage::kAmfLength);
    const Bytes mac =
        Slice(autn16, Milenage::kSqnLength + Milenage::kAmfLength, Milenage::kMacLength);
    auto f1 = milenage.F1(rand16, sqn, amf);
    if (!f1)
    {
        return f1.GetError();
    }
    if (!ConstantTimeEqual(f1.Value().macA, mac))
    {
        return MakeError(Errc::AuthFailed, "AUTN: MAC-A does not verify (XMAC != MAC)");
    }
    // Equal-length big-endian byte strings compare like the 48-bit numbers they encode.
    if (!std::lexicographical_compare(sqnMs6.begin(), sqnMs6.end(), sqn.begin(), sqn.end()))
    {
        return MakeError(Errc::Replay, "AUTN: SQN out of range (synchronisation failure): SQN " +
                                           ToHex(sqn) + " is not greater than SQN_MS " +
                                           ToHex(sqnMs6));
    }
    return AkaResult{f2345.Value().res, f2345.Value().ck, f2345.Value().ik, sqn};
}

Result<Bytes>
MakeAuts(Milenage& milenage, const Bytes& rand16, const Bytes& sqnMs6)
{
    auto f1 = milenage.F1(rand16, sqnMs6, DummyAmf());
    if (!f1)
    {
        return f1.GetError();
    }
    auto akStar = milenage.F5Star(rand16);
    if (!akStar)
    {
        return akStar.GetError();
    }
    Bytes auts = Xor(sqnMs6, akStar.Value());
    auts.insert(auts.end(), f1.Value().macS.begin(), f1.Value().macS.end());
    return auts;
}

Result<Bytes>
VerifyAuts(Milenage& milenage, const Bytes& rand16, const Bytes& auts14)
{
    if (auto st = CheckLength("AKA AUTS", auts14, kAutsLength); !st)
    {
        return st.GetError();
    }
    auto akStar = milenage.F5Star(rand16);
    if (!akStar)
    {
        return akStar.GetError();
    }
    Bytes sqnMs = Xor(Slice(auts14, 0, Milenage::kSqnLength), akStar.Value());
    auto f1 = milenage.F1(rand16, sqnMs, DummyAmf());
    if (!f1)
    {
        return f1.GetError();
    }
    if (!ConstantTimeEqual(f1.Value().macS,
                           Slice(auts14, Milenage::kSqnLength, Milenage::kMacLength)))
    {
        return MakeError(Errc::AuthFailed, "AUTS: MAC-S does not verify");
    }
    return sqnMs;
}

} // namespace gba
} // namespace mediasec
