/**
 * \file
 * The access-msf media keys: the UE and the P-CSCF each derive the SRTP master key and salt of
 * each direction of a media stream from the IMS AKA keys of the registration (seed 003:
 * "Ck,IK passed through a PDF to generate a media security master key"), so no key travels
 * over the access.
 *
 * The PRF is the generic KDF of TS 33.220 Annex B.2, HMAC-SHA-256(CK || IK, S) with
 * S = FC || P0 || L0 || P1 || L1 || P2 || L2 || P3 || L3 || P4 || L4, where (project's choice,
 * not a 3GPP allocation):
 * - FC = kFcAccessMediaKey (0x5A);
 * - P0 = "access-msf-srtp" (the label);
 * - P1 = the SIP Call-ID of the dialog (ASCII);
 * - P2 = the index of the m= line in the SDP, 2 octets big-endian;
 * - P3 = the direction, 1 octet: 0x00 uplink (UE -> MSF), 0x01 downlink (MSF -> UE);
 * - P4 = the RFC 4568 name of the SRTP suite (ASCII), binding the key to its use.
 * The master key is the first SrtpMasterKeyLength(suite) octets of the output and the master
 * salt the next SrtpMasterSaltLength(suite) octets (16 + 14 of 32 for AES_CM_128_HMAC_SHA1_80).
 */
#ifndef MEDIASEC_ACCESS_MEDIA_KEY_DERIVATION_H
#define MEDIASEC_ACCESS_MEDIA_KEY_DERIVATION_H

#include "aka-challenge-keys.h"
#include "protocol/common/bytes.h"
#include "protocol/srtp/srtp-session.h"
#include "protocol/srtp/srtp-suite.h"

#include <cstdint>
#include <string>

namespace mediasec
{
namespace access
{

constexpr uint8_t kFcAccessMediaKey = 0x5A;                     //!< FC of the media key KDF
constexpr const char* kAccessMediaKeyLabel = "access-msf-srtp"; //!< P0 of the media key KDF

/** \brief The direction of a media stream on the access leg (P3 of the KDF). */
enum class MediaDirection : uint8_t
{
    Uplink = 0x00,   //!< UE -> MSF: the UE protects, the MSF verifies
    Downlink = 0x01, //!< MSF -> UE: the MSF protects, the UE verifies
};

/** \brief What one media key is bound to. */
struct MediaKeyContext
{
    std::string callId;                                //!< SIP Call-ID of the dialog
    uint16_t mediaIndex = 0;                           //!< index of the m= line (0 = first)
    MediaDirection direction = MediaDirection::Uplink; //!< direction of the stream
    SrtpSuite suite = SrtpSuite::AesCm128HmacSha1_80;  //!< the SRTP suite the key is for
};

/**
 * \brief Derives the SRTP master key and salt of one direction of one media stream.
 * \param keys CK and IK of the registration
 * \param context Call-ID, m= line, direction and suite
 * \return the key material for \p context.suite; BadLength naming CK or IK; MissingField for an
 * empty Call-ID; Malformed for a Call-ID with a character outside printable ASCII; TooLarge
 * for a Call-ID over 65535 bytes; CryptoFailure
 */
Result<SrtpKeyMaterial> DeriveMediaKey(const AkaKeys& keys, const MediaKeyContext& context);

/** \brief The keys of both directions of one media stream. */
struct MediaKeyPair
{
    SrtpKeyMaterial uplink;   //!< UE -> MSF
    SrtpKeyMaterial downlink; //!< MSF -> UE
};

/**
 * \brief Derives both directions of one media stream (DeriveMediaKey() twice).
 * \return the pair, or the error of DeriveMediaKey()
 */
Result<MediaKeyPair> DeriveMediaKeyPair(const AkaKeys& keys, const std::string& callId,
                                        uint16_t mediaIndex, SrtpSuite suite);

} // namespace access
} // namespace mediasec

#endif
