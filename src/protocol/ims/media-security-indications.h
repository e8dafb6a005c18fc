/**
 * \file
 * Stage-3 encodings of the TS 33.328 clause 7 media security indications.
 *
 * TS 33.328 names the indications only as placeholders; the encodings follow TS 24.229:
 * - "e2ae-security supported by UE" / "... supported by network": the "mediasec" parameter of
 *   the Security-Client header (REGISTER) and Security-Server header (200 OK to REGISTER)
 *   with the mechanism "sdes-srtp";
 * - "e2ae-security requested by UE": media-level SDP attribute "a=3ge2ae:requested";
 * - "e2ae-security confirmed by network" (answer) and "offered by network" (offer): media-level
 *   SDP attribute "a=3ge2ae:applied" (TS 24.229 7.5.2 defines one value for both).
 */
#ifndef MEDIASEC_MEDIA_SECURITY_INDICATIONS_H
#define MEDIASEC_MEDIA_SECURITY_INDICATIONS_H

#include "protocol/sip/sdp.h"

#include <string>
#include <string_view>

namespace mediasec
{
namespace ims
{

/** \brief The e2ae indications carried in SDP. */
enum class E2aeIndication
{
    Requested, //!< a=3ge2ae:requested, from the UE
    Applied,   //!< a=3ge2ae:applied, from the P-CSCF ("confirmed"/"offered" by network)
};

/** \return the Security-Client/Security-Server value announcing e2ae capability. */
std::string MediasecCapabilityValue();

/** \return true if a Security-Client/Server header value carries the mediasec parameter. */
bool HasMediasecCapability(std::string_view headerValue);

/** \return true if any media section of \p sdp carries \p indication. */
bool HasE2aeIndication(const sip::SdpSession& sdp, E2aeIndication indication);

/** \brief Adds \p indication to every audio media section of \p sdp. */
void AddE2aeIndication(sip::SdpSession& sdp, E2aeIndication indication);

/** \return the number of 3ge2ae attributes with value \p indication removed from \p sdp. */
size_t RemoveE2aeIndication(sip::SdpSession& sdp, E2aeIndication indication);

} // namespace ims
} // namespace mediasec

#endif
