/**
 * \file
 * UMTS AKA (3GPP TS 33.102 6.3) on top of Milenage: authentication vectors on the network side,
 * AUTN verification and resynchronisation (AUTS) on the USIM side.
 */
#ifndef MEDIASEC_GBA_AKA_H
#define MEDIASEC_GBA_AKA_H

#include "milenage.h"
#include "protocol/common/bytes.h"

#include <cstddef>

namespace mediasec
{
namespace gba
{

constexpr size_t kAutnLength = 16; //!< AUTN = SQN xor AK (6) || AMF (2) || MAC-A (8)
constexpr size_t kAutsLength = 14; //!< AUTS = SQN_MS xor AK* (6) || MAC-S (8)

/** \brief An authentication vector, the quintet of TS 33.102 6.3.2 (figure 8). */
struct AuthVector
{
    Bytes rand; //!< the random challenge RAND (16 bytes)
    Bytes xres; //!< the expected response XRES = f2(RAND) (8 bytes)
    Bytes ck;   //!< the cipher key CK = f3(RAND) (16 bytes)
    Bytes ik;   //!< the integrity key IK = f4(RAND) (16 bytes)
    Bytes autn; //!< the authentication token AUTN (16 bytes)
};

/**
 * \brief Generates an authentication vector in the HE/AuC (TS 33.102 6.3.2):
 * AUTN = SQN xor AK || AMF || MAC-A with MAC-A = f1(SQN, RAND, AMF) and AK = f5(RAND).
 * \param milenage the subscriber's Milenage instance (K, OPc)
 * \param rand16 the fresh challenge RAND (16 bytes, from the caller's DRBG)
 * \param sqn6 the sequence number SQN (6 bytes)
 * \param amf2 the authentication management field AMF (2 bytes)
 * \return the vector, BadLength naming a wrong-length input, or CryptoFailure
 */
Result<AuthVector> MakeAuthVector(Milenage& milenage, const Bytes& rand16, const Bytes& sqn6,
                                  const Bytes& amf2);

/** \brief What the USIM returns after accepting a challenge. */
struct AkaResult
{
    Bytes res; //!< the response RES = f2(RAND) (8 bytes)
    Bytes ck;  //!< the cipher key CK (16 bytes)
    Bytes ik;  //!< the integrity key IK (16 bytes)
    Bytes sqn; //!< the accepted SQN (6 bytes), the USIM's new highest SQN_MS
};

/**
 * \brief Verifies AUTN in the USIM (TS 33.102 6.3.3): recovers SQN = (SQN xor AK) xor f5(RAND),
 * checks MAC-A against f1(SQN, RAND, AMF) in constant time, then checks that SQN is greater
 * than the highest SQN accepted so far (the sequence number check, without the optional
 * window of Annex C).
 * \param milenage the subscriber's Milenage instance (K, OPc)
 * \param rand16 RAND (16 bytes)
 * \param autn16 AUTN (16 bytes)
 * \param sqnMs6 SQN_MS, the highest SQN accepted so far (6 bytes, all zero before the first)
 * \return RES, CK, IK and the accepted SQN; BadLength naming a wrong-length input;
 * AuthFailed when MAC-A does not verify (user authentication reject); Replay with the detail
 * "SQN out of range (synchronisation failure)" when SQN is not greater than \p sqnMs6 (the
 * USIM then answers with MakeAuts()); or CryptoFailure
 */
Result<AkaResult> VerifyAutn(Milenage& milenage, const Bytes& rand16, const Bytes& autn16,
                             const Bytes& sqnMs6);

/**
 * \brief Builds the resynchronisation token of the USIM (TS 33.102 6.3.3):
 * AUTS = SQN_MS xor f5*(RAND) || MAC-S, with MAC-S = f1*(SQN_MS, RAND, AMF) and the dummy
 * AMF of all zeros.
 * \param milenage the subscriber's Milenage instance (K, OPc)
 * \param rand16 the RAND of the rejected challenge (16 bytes)
 * \param sqnMs6 SQN_MS, the highest SQN accepted by the USIM (6 bytes)
 * \return AUTS (14 bytes), BadLength naming a wrong-length input, or CryptoFailure
 */
Result<Bytes> MakeAuts(Milenage& milenage, const Bytes& rand16, const Bytes& sqnMs6);

/**
 * \brief Verifies AUTS in the HE/AuC (TS 33.102 6.3.5): recovers SQN_MS with f5*(RAND) and
 * checks MAC-S against f1*(SQN_MS, RAND, 0000) in constant time.
 * \param milenage the subscriber's Milenage instance (K, OPc)
 * \param rand16 the RAND sent in the rejected challenge (16 bytes)
 * \param auts14 AUTS (14 bytes)
 * \return SQN_MS (6 bytes), from which the HE resets its SQN; BadLength naming a wrong-length
 * input; AuthFailed when MAC-S does not verify; or CryptoFailure
 */
Result<Bytes> VerifyAuts(Milenage& milenage, const Bytes& rand16, const Bytes& auts14);

} // namespace gba
} // namespace mediasec

#endif
