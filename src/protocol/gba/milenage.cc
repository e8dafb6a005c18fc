#include "milenage.h"

#include "length-check.h"

#include <algorithm>

namespace mediasec
{
namespace gba
{

namespace
{
using Block = AesBlock::Block;

/** \return \p a xor \p b. */
Block
Xor(const Block& a, const Block& b)
{
    Block out{};
    for (size_t i = 0; i < out.size(); ++i)
    {
        out[i] = a[i] ^ b[i];
    }
    return out;
}

/** \return \p data as a block (the caller has checked that it holds 16 bytes). */
Block
ToBlock(const Bytes& data)
{
    Block out{};
    std::copy_n(data.begin(), out.size(), out.begin());
    return out;
}

/** \return bytes [\p from, \p from + \p length) of \p block. */
Bytes
Slice(const Block& block, size_t from, size_t length)
{
    return Bytes(block.begin() + from, block.begin() + from + length);
}

} // namespace

Milenage::Milenage(AesBlock cipher, const AesBlock::Block& opc)
    : m_cipher(std::move(cipher))
    , m_opc(opc)
{
}

Result<Milenage>
Milenage::Create(const Bytes& k16, const Bytes& op16OrOpc16, bool isOpc)
{
    if (auto st = CheckLength("Milenage K", k16, kKeyLength); !st)
    {
        return st.GetError();
    }
    if (auto st = CheckLength(isOpc ? "Milenage OPc" : "Milenage OP", op16OrOpc16, kKeyLength); !st)
    {
        return st.GetError();
    }
    auto cipher = AesBlock::Create(k16);
    if (!cipher)
    {
        return cipher.GetError();
    }
    const Block given = ToBlock(op16OrOpc16);
    if (isOpc)
    {
        return Milenage(std::move(cipher.Value()), given);
    }
    // TS 35.206 4.1: OPc = OP xor E_K(OP).
    auto encryptedOp = cipher.Value().Encrypt(given);
    if (!encryptedOp)
    {
        return encryptedOp.GetError();
    }
    return Milenage(std::move(cipher.Value()), Xor(given, encryptedOp.Value()));
}

Bytes
Milenage::Opc() const
{
    return Bytes(m_opc.begin(), m_opc.end());
}

Result<AesBlock::Block>
Milenage::Temp(const Bytes& rand16)
{
    if (auto st = CheckLength("Milenage RAND", rand16, kRandLength); !st)
    {
        return st.GetError();
    }
    return m_cipher.Encrypt(Xor(ToBlock(rand16), m_opc));
}

Result<AesBlock::Block>
Milenage::Out(const AesBlock::Block& in, const AesBlock::Block& mask, size_t rotateBytes,
              uint8_t constant)
{
    const Block masked = Xor(in, m_opc);
    Block input{};
    for (size_t i = 0; i < input.size(); ++i)
    {
        // rot(x, r) moves bit r to the front: a cyclic left shift by r bits (r = 8 * bytes).
        input[i] = masked[(i + rotateBytes) % input.size()] ^ mask[i];
    }
    input.back() ^= constant;
    auto encrypted = m_cipher.Encrypt(input);
    if (!encrypted)
    {
        return encrypted.GetError();
    }
    return Xor(encrypted.Value(), m_opc);
}

Result<Milenage::F1Out>
Milenage::F1(const Bytes& rand16, const Bytes& sqn6, const Bytes& amf2)
{
    if (auto st = CheckLength("Milenage SQN", sqn6, kSqnLength); !st)
    {
        return st.GetError();
    }
    if (auto st = CheckLength("Milenage AMF", amf2, kAmfLength); !st)
    {
        return st.GetError();
    }
    auto temp = Temp(rand16);
    if (!temp)
    {
        return temp.GetError();
    }
    // IN1 = SQN || AMF || SQN || AMF; OUT1 with r1 = 64 bits and c1 = 0.
    Block in1{};
    for (size_t half = 0; half < 2; ++half)
    {
        std::copy(sqn6.begin(), sqn6.end(), in1.begin() + half * 8);
        std::copy(amf2.begin(), amf2.end(), in1.begin() + half * 8 + kSqnLength);
    }
    auto out1 = Out(in1, temp.Value(), 8, 0x00);
    if (!out1)
    {
        return out1.GetError();
    }
    return F1Out{Slice(out1.Value(), 0, kMacLength), Slice(out1.Value(), 8, kMacLength)};
}

Result<Milenage::F2345Out>
Milenage::F2345(const Bytes& rand16)
{
    auto temp = Temp(rand16);
    if (!temp)
    {
        return temp.GetError();
    }
    const Block zero{};
    auto out2 = Out(temp.Value(), zero, 0, 0x01);
    auto out3 = Out(temp.Value(), zero, 4, 0x02);
    auto out4 = Out(temp.Value(), zero, 8, 0x04);
    for (const auto* out : {&out2, &out3, &out4})
    {
        if (!*out)
        {
            return out->GetError();
        }
    }
    return F2345Out{Slice(out2.Value(), 8, kResLength), Slice(out3.Value(), 0, kKeyLength),
                    Slice(out4.Value(), 0, kKeyLength), Slice(out2.Value(), 0, kAkLength)};
}

Result<Bytes>
Milenage::F5Star(const Bytes& rand16)
{
    auto temp = Temp(rand16);
    if (!temp)
    {
        return temp.GetError();
    }
    auto out5 = Out(temp.Value(), Block{}, 12, 0x08);
    if (!out5)
    {
        return out5.GetError();
    }
    return Slice(out5.Value(), 0, kAkLength);
}

} // namespace gba
} // namespace mediasec
