/**
 * \file
 * GBA bootstrapping results for the UEs of a run computed at time 0 (scenario key gba.mode =
 * time0), and the USIM secrets that the simulated HSS and UEs share (gba.mode = simulated).
 */
#ifndef IMS_GBA_BOOTSTRAP_H
#define IMS_GBA_BOOTSTRAP_H

#include "protocol/common/bytes.h"
#include "protocol/kms/kms-core.h"
#include "protocol/kms/ticket-agent.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace ims
{

/** \brief The KMS's FQDN as GBA NAF (with the IMS media plane Ua protocol id, its NAF_Id). */
inline constexpr const char* kKmsFqdn = "kms.ims.test";

/** \brief What a completed Ub bootstrap leaves at the UE and at the KMS (as NAF). */
struct GbaBootstrap
{
    mediasec::kms::UeCredentials ue; //!< the UE's B-TID and Ks_NAF towards the KMS
    mediasec::kms::KmsUser kmsUser;  //!< what Zn gives the KMS for that B-TID
};

/** \brief The secrets of one subscriber's USIM, shared with the HSS. */
struct UsimKeys
{
    mediasec::Bytes k;   //!< subscriber key K (16 bytes)
    mediasec::Bytes opc; //!< operator variant OPc (16 bytes)
};

/**
 * \brief The USIM of subscriber \p label in the run \p seed: the K and OPc that GBA
 * (BootstrapForKms) and IMS AKA at REGISTER (access-msf) both use.
 * \return K and OPc
 */
UsimKeys MakeUsimKeys(uint64_t seed, const std::string& label);

/**
 * \brief Runs the GBA key chain of TS 33.220 for one subscriber with the project's real
 * functions: a per-subscriber K and RAND from the run seed, Milenage f2-f5 (TS 35.206) for
 * CK and IK, Ks = CK || IK, B-TID = base64(RAND)@bsf.<domain>, and Ks_NAF for the KMS
 * \p kmsUri as the NAF KmsFqdn(kmsUri) with the IMS media plane Ua protocol id. The Ub and Zn message exchanges
 * themselves are not simulated here: bootstrapping is complete at time 0.
 * \param domain the home domain of the subscriber and its BSF
 * \return the UE and KMS views of the bootstrap
 */
GbaBootstrap BootstrapForKms(uint64_t seed, const std::string& label, const std::string& impu,
                             const std::string& kmsUri, const std::string& domain = "ims.test");

/**
 * \brief The same chain for a given \p rand (16 bytes), e.g. the RAND an HSS chose when GBA runs
 * in simulation (its B-TID carries it): with the subscriber's MakeUsimKeys, the Ks_NAF a
 * simulated bootstrap must give.
 * \param domain the home domain of the subscriber and its BSF
 * \return the UE and KMS views of the bootstrap
 */
GbaBootstrap BootstrapForKms(uint64_t seed, const std::string& label, const std::string& impu,
                             const std::string& kmsUri, const mediasec::Bytes& rand,
                             const std::string& domain = "ims.test");

} // namespace ims
} // namespace ns3

#endif
