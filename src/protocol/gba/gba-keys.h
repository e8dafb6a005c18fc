/**
 * \file
 * GBA key material (3GPP TS 33.220): Ks = CK || IK, the B-TID, the generic key derivation
 * function of Annex B.2 and the NAF-specific key Ks_(ext)_NAF of Annex B.3.
 */
#ifndef MEDIASEC_GBA_GBA_KEYS_H
#define MEDIASEC_GBA_GBA_KEYS_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace gba
{

/**
 * \brief The Ua security protocol identifier of IMS media plane security, TS 33.328 (TS 33.220
 * Annex H): organization octet 0x01 (3GPP) and protocol 00 00 00 06.
 */
inline const Bytes kUaProtocolIdImsMediaPlane = {0x01, 0x00, 0x00, 0x00, 0x06};

constexpr uint8_t kFcKsNaf = 0x01;           //!< FC of Ks_(ext)_NAF and Ks_int_NAF (B.3)
constexpr size_t kKsLength = 32;             //!< Ks and Ks_NAF length in bytes (256 bits)
constexpr size_t kUaProtocolIdLength = 5;    //!< Ua security protocol identifier length
constexpr size_t kKdfMaxParamLength = 65535; //!< the largest Pi a 2-byte Li can describe

/**
 * \brief Forms the bootstrapped key Ks = CK || IK (TS 33.220 4.5.2).
 * \param ck the cipher key CK (16 bytes)
 * \param ik the integrity key IK (16 bytes)
 * \return Ks (32 bytes), or BadLength naming CK or IK
 */
Result<Bytes> DeriveKs(const Bytes& ck, const Bytes& ik);

/**
 * \brief Forms the bootstrapping transaction identifier in NAI form (TS 33.220 4.5.2).
 * \param rand the RAND of the bootstrapping run (16 bytes in GBA)
 * \param bsfDomain the BSF server's domain name, e.g. "bsf.mnc001.mcc001.pub.3gppnetwork.org"
 * \return "base64(RAND)@bsfDomain", with the padded RFC 4648 alphabet
 */
std::string MakeBtid(const Bytes& rand, std::string_view bsfDomain);

/**
 * \brief Builds the KDF input string S = FC || P0 || L0 || P1 || L1 || ... || Pn || Ln of
 * TS 33.220 B.2.2, each Li being the length of Pi in 2 bytes, big-endian.
 * \param fc the function code (one octet)
 * \param params P0 .. Pn (any number, each 0 to 65535 bytes)
 * \return S, or TooLarge naming the first Pi longer than 65535 bytes
 */
Result<Bytes> KdfInput(uint8_t fc, const std::vector<Bytes>& params);

/**
 * \brief The generic key derivation function of TS 33.220 B.2: HMAC-SHA-256(key, S) with S
 * from KdfInput().
 * \param key the key (Ks for the NAF keys)
 * \param fc the function code
 * \param params P0 .. Pn
 * \return the 32-byte derived key, TooLarge for a Pi longer than 65535 bytes, or CryptoFailure
 */
Result<Bytes> Kdf(const Bytes& key, uint8_t fc, const std::vector<Bytes>& params);

/**
 * \brief Derives Ks_NAF = Ks_ext_NAF = KDF(Ks, "gba-me", RAND, IMPI, NAF_Id) with FC 0x01
 * (TS 33.220 B.3), where NAF_Id = FQDN of the NAF || Ua security protocol identifier.
 *
 * The strings are used as their UTF-8 bytes. B.2.1.2 requires NFKC normalisation, which
 * leaves ASCII unchanged; non-ASCII input is rejected instead of being derived unnormalised.
 * \param ks Ks = CK || IK (32 bytes)
 * \param rand the RAND of the bootstrapping run (16 bytes)
 * \param impi the IMS private user identity (ASCII, not empty)
 * \param nafFqdn the NAF's fully qualified domain name (ASCII, not empty)
 * \param uaSecurityProtocolId the 5-byte Ua security protocol identifier, e.g.
 * kUaProtocolIdImsMediaPlane
 * \return Ks_NAF (32 bytes); BadLength naming Ks, RAND or the Ua id; MissingField for an empty
 * IMPI or FQDN; Unsupported for a non-ASCII character; or CryptoFailure
 */
Result<Bytes> DeriveKsNaf(const Bytes& ks, const Bytes& rand, std::string_view impi,
                          std::string_view nafFqdn, const Bytes& uaSecurityProtocolId);

} // namespace gba
} // namespace mediasec

#endif
