/**
 * \file
 * RTP fixed header (RFC 3550 5.1): bounds-checked parse and build.
 */
#ifndef MEDIASEC_RTP_HEADER_H
#define MEDIASEC_RTP_HEADER_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <cstdint>

namespace mediasec
{

/** \brief The fields of an RTP header the media models use. */
struct RtpHeader
{
    uint8_t payloadType = 0;  //!< PT (7 bits)
    bool marker = false;      //!< M bit
    uint16_t sequence = 0;    //!< sequence number
    uint32_t timestamp = 0;   //!< media timestamp
    uint32_t ssrc = 0;        //!< synchronization source
    size_t headerLength = 12; //!< fixed header + CSRCs + extension, in bytes
    size_t payloadLength = 0; //!< payload bytes after the header, before any padding
};

/**
 * \brief Parses an RTP header. Checks version 2, the CSRC list, the extension length and the
 * padding count against \p size.
 * \return the header, or Truncated/Malformed/BadLength naming the field.
 */
Result<RtpHeader> ParseRtpHeader(const uint8_t* data, size_t size);

/** \return the SSRC of an RTP or SRTP packet (bytes 8-11), or Truncated if shorter than 12. */
Result<uint32_t> PeekRtpSsrc(const uint8_t* data, size_t size);

/**
 * \brief Sets the payload type of the RTP packet \p packet in place; the M bit and every other
 * byte are kept (a transcoder relabelling a converted stream).
 * \return Ok; OutOfRange when \p payloadType exceeds 7 bits; the errors of ParseRtpHeader
 */
Status SetRtpPayloadType(Bytes& packet, uint8_t payloadType);

/** \return a version-2 RTP packet without CSRC, extension or padding, carrying \p payload. */
Bytes BuildRtpPacket(const RtpHeader& header, const Bytes& payload);

} // namespace mediasec

#endif
