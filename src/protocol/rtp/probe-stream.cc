#include "probe-stream.h"

#include "probe-payload.h"

#include <optional>
#include <string>

namespace mediasec
{

namespace
{

/** \return the receipt of the probe packet \p data, checking the payload length if given */
Result<ProbeReceipt>
CheckProbePacket(const uint8_t* data, size_t size, std::optional<size_t> payloadSize)
{
    auto header = ParseRtpHeader(data, size);
    if (!header)
    {
        return header.GetError();
    }
    const RtpHeader& h = header.Value();
    if (payloadSize && h.payloadLength != *payloadSize)
    {
        return MakeError(Errc::BadLength, "probe payload: " + std::to_string(h.payloadLength) +
                                              " bytes, expected " + std::to_string(*payloadSize));
    }
    const auto sent = ReadProbePayload(data + h.headerLength, h.payloadLength, h.sequence);
    if (!sent)
    {
        return MakeError(Errc::Malformed, "probe payload: not the pattern of its sequence number");
    }
    return ProbeReceipt{h, *sent};
}

} // namespace

uint32_t
NarrowbandTimestampStep(int64_t ptimeUs)
{
    return static_cast<uint32_t>(ptimeUs * 8 / 1000);
}

Bytes
BuildProbePacket(const RtpHeader& header, size_t payloadSize, int64_t sendTimeNs)
{
    return BuildRtpPacket(header, MakeProbePayload(payloadSize, header.sequence, sendTimeNs));
}

Bytes
ProbeStreamSender::Next(const Format& format, uint32_t ssrc, int64_t sendTimeNs)
{
    RtpHeader header;
    header.payloadType = format.payloadType;
    header.marker = m_first;
    header.sequence = m_sequence++;
    header.timestamp = m_timestamp;
    header.ssrc = ssrc;
    m_timestamp += format.timestampStep;
    m_first = false;
    return BuildProbePacket(header, format.payloadSize, sendTimeNs);
}

Result<ProbeReceipt>
ReadProbePacket(const uint8_t* data, size_t size)
{
    return CheckProbePacket(data, size, std::nullopt);
}

Result<ProbeReceipt>
ReadProbePacket(const uint8_t* data, size_t size, size_t payloadSize)
{
    return CheckProbePacket(data, size, payloadSize);
}

} // namespace mediasec
