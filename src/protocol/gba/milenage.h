/**
 * \file
 * The Milenage authentication and key generation functions f1, f1*, f2, f3, f4, f5 and f5*
 * (3GPP TS 35.206) with AES-128 as the kernel.
 */
#ifndef MEDIASEC_GBA_MILENAGE_H
#define MEDIASEC_GBA_MILENAGE_H

#include "protocol/common/bytes.h"
#include "protocol/crypto/aes-block.h"

#include <cstddef>

namespace mediasec
{
namespace gba
{

/**
 * \brief Milenage (TS 35.206 clause 4) keyed with a subscriber key K and the operator variant
 * OPc, with the default rotations r1..r5 = 64, 0, 32, 64, 96 and constants c1..c5 = 0, 1, 2,
 * 4, 8 (in the last byte).
 *
 * Every function checks the lengths of its inputs and returns BadLength naming the field.
 * Movable, not copyable, not thread-safe (the AES context is reused).
 */
class Milenage
{
  public:
    static constexpr size_t kKeyLength = 16;  //!< K, OP and OPc length in bytes
    static constexpr size_t kRandLength = 16; //!< RAND length in bytes
    static constexpr size_t kSqnLength = 6;   //!< SQN length in bytes
    static constexpr size_t kAmfLength = 2;   //!< AMF length in bytes
    static constexpr size_t kMacLength = 8;   //!< MAC-A / MAC-S length in bytes
    static constexpr size_t kResLength = 8;   //!< RES length in bytes
    static constexpr size_t kAkLength = 6;    //!< AK length in bytes

    /**
     * \brief Keys a new instance.
     * \param k16 the 16-byte subscriber key K
     * \param op16OrOpc16 the 16-byte OP, or OPc when \p isOpc is true
     * \param isOpc true when \p op16OrOpc16 already is OPc = OP xor E_K(OP)
     * \return the instance, BadLength naming K or OP/OPc, CryptoFailure if OpenSSL fails
     */
    static Result<Milenage> Create(const Bytes& k16, const Bytes& op16OrOpc16, bool isOpc);

    /** \return OPc (16 bytes), derived from OP at Create() or given there. */
    Bytes Opc() const;

    /** \brief The network and resynchronisation authentication codes of f1 and f1*. */
    struct F1Out
    {
        Bytes macA; //!< f1: MAC-A (8 bytes), authenticates the challenge in AUTN
        Bytes macS; //!< f1*: MAC-S (8 bytes), authenticates SQN_MS in AUTS
    };

    /**
     * \brief Computes f1 and f1*.
     * \param rand16 RAND (16 bytes)
     * \param sqn6 SQN (6 bytes)
     * \param amf2 AMF (2 bytes)
     * \return MAC-A and MAC-S, BadLength naming the field, or CryptoFailure
     */
    Result<F1Out> F1(const Bytes& rand16, const Bytes& sqn6, const Bytes& amf2);

    /** \brief The response and keys of f2, f3, f4 and f5. */
    struct F2345Out
    {
        Bytes res; //!< f2: RES / XRES (8 bytes)
        Bytes ck;  //!< f3: cipher key CK (16 bytes)
        Bytes ik;  //!< f4: integrity key IK (16 bytes)
        Bytes ak;  //!< f5: anonymity key AK (6 bytes)
    };

    /**
     * \brief Computes f2, f3, f4 and f5.
     * \param rand16 RAND (16 bytes)
     * \return RES, CK, IK and AK, BadLength naming RAND, or CryptoFailure
     */
    Result<F2345Out> F2345(const Bytes& rand16);

    /**
     * \brief Computes f5*, the anonymity key that conceals SQN_MS in AUTS.
     * \param rand16 RAND (16 bytes)
     * \return AK (6 bytes), BadLength naming RAND, or CryptoFailure
     */
    Result<Bytes> F5Star(const Bytes& rand16);

  private:
    /** \brief Keeps the keyed cipher and OPc. \param cipher E_K \param opc OPc */
    Milenage(AesBlock cipher, const AesBlock::Block& opc);

    /**
     * \return TEMP = E_K(RAND xor OPc), BadLength if \p rand16 is not 16 bytes, or
     * CryptoFailure
     */
    Result<AesBlock::Block> Temp(const Bytes& rand16);

    /**
     * \brief Computes E_K(rot(\p in xor OPc, 8 * \p rotateBytes) xor \p mask xor c) xor OPc,
     * where c has \p constant in its last byte: OUT1 with IN1 and TEMP as the mask, OUT2..OUT5
     * with TEMP and a zero mask.
     * \return the output block or CryptoFailure
     */
    Result<AesBlock::Block> Out(const AesBlock::Block& in, const AesBlock::Block& mask,
                                size_t rotateBytes, uint8_t constant);

    AesBlock m_cipher;     //!< E_K, keyed with K
    AesBlock::Block m_opc; //!< OPc
};

} // namespace gba
} // namespace mediasec

#endif
