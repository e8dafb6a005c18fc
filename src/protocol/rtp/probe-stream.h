/**
 * \file
 * The probe media stream of the simulated endpoints: the sender side numbers the RTP packets
 * and fills them with a probe payload, the receiver side checks a decrypted packet and reads
 * the send time back.
 */
#ifndef MEDIASEC_PROBE_STREAM_H
#define MEDIASEC_PROBE_STREAM_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/rtp/rtp-header.h"

#include <cstddef>
#include <cstdint>

namespace mediasec
{

/** \return the RTP timestamp advance of one packet of \p ptimeUs microseconds at 8 kHz */
uint32_t NarrowbandTimestampStep(int64_t ptimeUs);

/** \return the RTP packet with \p header carrying a \p payloadSize byte probe payload */
Bytes BuildProbePacket(const RtpHeader& header, size_t payloadSize, int64_t sendTimeNs);

/**
 * \brief Sender state of one probe stream: sequence numbers from 0, the timestamp advancing by
 * a fixed step per packet, and the marker bit on the first packet (start of the talkspurt).
 */
class ProbeStreamSender
{
  public:
    /** \brief How every packet of the stream is labelled and sized. */
    struct Format
    {
        uint8_t payloadType = 0;    //!< RTP payload type
        size_t payloadSize = 0;     //!< probe payload bytes
        uint32_t timestampStep = 0; //!< RTP timestamp advance per packet
    };

    /** \return the next RTP packet of the stream \p ssrc sent at \p sendTimeNs */
    Bytes Next(const Format& format, uint32_t ssrc, int64_t sendTimeNs);

  private:
    uint16_t m_sequence = 0;  //!< sequence number of the next packet
    uint32_t m_timestamp = 0; //!< timestamp of the next packet
    bool m_first = true;      //!< whether no packet was built yet
};

/** \brief A received probe packet that passed the check. */
struct ProbeReceipt
{
    RtpHeader header;       //!< its RTP header
    int64_t sendTimeNs = 0; //!< the send time carried in the payload
};

/**
 * \brief Checks a decrypted RTP packet carrying a probe payload of any length.
 * \return the header and send time; the errors of ParseRtpHeader; Malformed when the payload
 * is not the probe pattern of the packet's sequence number
 */
Result<ProbeReceipt> ReadProbePacket(const uint8_t* data, size_t size);

/**
 * \brief Checks a decrypted RTP packet carrying a probe payload of \p payloadSize bytes.
 * \return as ReadProbePacket above; BadLength when the payload is not \p payloadSize bytes
 */
Result<ProbeReceipt> ReadProbePacket(const uint8_t* data, size_t size, size_t payloadSize);

} // namespace mediasec

#endif
