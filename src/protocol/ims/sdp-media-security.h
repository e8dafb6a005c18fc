/**
 * \file
 * SDP offer/answer edits that SDES-based schemes perform (RFC 4568 in SDP, RFC 5576 a=ssrc):
 * reading and replacing crypto attributes, switching RTP/AVP <-> RTP/SAVP, media endpoints.
 */
#ifndef MEDIASEC_SDP_MEDIA_SECURITY_H
#define MEDIASEC_SDP_MEDIA_SECURITY_H

#include "protocol/crypto/drbg.h"
#include "protocol/sdes/crypto-attribute.h"
#include "protocol/sip/sdp.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mediasec
{
namespace ims
{

/** \brief Where a media stream is received: the connection address and the m= port. */
struct MediaEndpoint
{
    std::string address; //!< dotted IPv4 address
    uint16_t port = 0;   //!< RTP port
};

/**
 * \return the crypto attributes of \p media that parse, in order. Attributes with an unknown
 * suite or bad parameters are skipped, as RFC 4568 6.1 asks of an answerer.
 */
std::vector<sdes::CryptoAttribute> ReadValidCryptoAttributes(const sip::SdpMedia& media);

/** \brief Makes \p media an SRTP stream (RTP/SAVP) offering exactly \p crypto. */
void SetSrtpTransport(sip::SdpMedia& media, const sdes::CryptoAttribute& crypto);

/** \brief Makes \p media a plain RTP stream (RTP/AVP) and removes every crypto attribute. */
void SetRtpTransport(sip::SdpMedia& media);

/** \return a crypto attribute with a fresh master key and salt drawn from \p drbg. */
sdes::CryptoAttribute MakeCryptoAttribute(uint32_t tag, SrtpSuite suite, Drbg& drbg);

/** \return the SSRC announced by the first a=ssrc attribute (RFC 5576), if any valid. */
std::optional<uint32_t> ReadSsrc(const sip::SdpMedia& media);

/** \return the endpoint of the first audio stream (media-level c= preferred), or an error. */
Result<MediaEndpoint> ReadAudioEndpoint(const sip::SdpSession& sdp);

/** \brief Points the first audio stream at \p endpoint (session and media c=, m= port). */
void SetAudioEndpoint(sip::SdpSession& sdp, const MediaEndpoint& endpoint);

/** \return the first audio media section, or nullptr. */
sip::SdpMedia* FindAudio(sip::SdpSession& sdp);
/** \return the first audio media section, or nullptr. */
const sip::SdpMedia* FindAudio(const sip::SdpSession& sdp);

} // namespace ims
} // namespace mediasec

#endif
