/**
 * \file
 * The P-CSCF -> MSF key push of access-msf (seed 003 steps 7 and 10: the P-CSCF "pushes the
 * master key and other information needed to the MSF and requests that it enables media
 * protection"), carried by the existing Iq message (iq/iq-message.h) so that the IMS-AGW in the
 * MSF role needs nothing new.
 *
 * The push is one Iq Add (context CHOOSE) of two terminations, each with one stream:
 * - "access" (towards the UE), RTP/SAVP: its Local descriptor is the MSF's side, with the MSF
 *   address and an a=crypto carrying the downlink key (the MSF protects with it); its Remote
 *   descriptor is the UE's side, with the UE address and an a=crypto carrying the uplink key
 *   (the UE protects with it, the MSF verifies). As in RFC 4568, each side's SDP holds the key
 *   that side sends with.
 * - "core" (towards the far end), RTP/AVP without keys: Local = the MSF address, Remote = the
 *   far end's SDP.
 * The Add itself is the instruction to enable protection; an Iq Subtract of the context ends it.
 */
#ifndef MEDIASEC_ACCESS_MSF_KEY_PUSH_H
#define MEDIASEC_ACCESS_MSF_KEY_PUSH_H

#include "media-key-derivation.h"
#include "protocol/ims/sdp-media-security.h"
#include "protocol/iq/iq-message.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace mediasec
{
namespace access
{

constexpr const char* kAccessTermination = "access"; //!< TerminationID towards the UE
constexpr const char* kCoreTermination = "core";     //!< TerminationID towards the far end

/** \brief What the P-CSCF pushes to the MSF for the audio stream of a call. */
struct MsfKeyPush
{
    uint32_t transactionId = 0; //!< Iq TransactionID
    std::string mid;            //!< the P-CSCF's H.248 mId, e.g. "[10.0.0.2]:2944"
    std::string ueSdp;          //!< the UE's SDP (its audio endpoint and a=ssrc)
    std::string coreSdp;        //!< the far end's SDP
    ims::MediaEndpoint msf;     //!< where the MSF receives media
    MediaKeyPair keys;          //!< the derived keys of the stream
};

/**
 * \brief Builds the Iq Add request of a key push.
 * \param push the call's SDPs, the MSF endpoint and the keys
 * \return the request; the errors of ParseSdp prefixed with "UE SDP"/"core SDP"; MissingField
 * for an SDP without audio; Malformed when the two keys are for different suites or equal;
 * BadLength when a key or salt does not have its suite's length
 */
Result<iq::IqRequest> BuildMsfKeyPush(const MsfKeyPush& push);

/** \brief What the MSF learns from a key push. */
struct MsfKeyInstruction
{
    ims::MediaEndpoint ue;   //!< where the UE receives (access Remote)
    ims::MediaEndpoint core; //!< where the far end receives (core Remote)
    MediaKeyPair keys;       //!< uplink from the access Remote, downlink from the access Local
};

/**
 * \brief Reads a key push at the MSF.
 * \param request a parsed Iq request
 * \return the instruction; Unsupported for a command other than Add; Malformed when the
 * terminations are not "access" then "core", the two keys are for different suites or equal
 * (one keystream for both directions); the errors of ParseSdp, ReadAudioEndpoint and
 * ParseMediaCryptoAttributes, prefixed with the descriptor; MissingField for a descriptor
 * without audio or without a=crypto
 */
Result<MsfKeyInstruction> ReadMsfKeyPush(const iq::IqRequest& request);

/**
 * \brief Parses the H.248 text of a key push: ParseIqRequest() then ReadMsfKeyPush().
 * \return the instruction or the first error
 */
Result<MsfKeyInstruction> ParseMsfKeyPush(std::string_view text);

} // namespace access
} // namespace mediasec

#endif
