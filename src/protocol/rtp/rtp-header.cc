#include "rtp-header.h"

#include "protocol/common/byte-reader.h"
#include "protocol/common/byte-writer.h"

namespace mediasec
{

Result<RtpHeader>
ParseRtpHeader(const uint8_t* data, size_t size)
{
    ByteReader r(data, size);
    auto b0 = r.ReadU8("RTP V/P/X/CC");
    auto b1 = r.ReadU8("RTP M/PT");
    auto seq = r.ReadU16("RTP sequence");
    auto ts = r.ReadU32("RTP timestamp");
    auto ssrc = r.ReadU32("RTP SSRC");
    if (!ssrc)
    {
        return ssrc.GetError();
    }
    if ((b0.Value() >> 6) != 2)
    {
        return MakeError(Errc::Unsupported,
                         "RTP version " + std::to_string(b0.Value() >> 6) + " (expected 2)");
    }
    RtpHeader h;
    h.marker = (b1.Value() & 0x80) != 0;
    h.payloadType = b1.Value() & 0x7f;
    h.sequence = seq.Value();
    h.timestamp = ts.Value();
    h.ssrc = ssrc.Value();
    const size_t csrcCount = b0.Value() & 0x0f;
    if (auto s = r.Skip(csrcCount * 4, "RTP CSRC list"); !s)
    {
        return s.GetError();
    }
    if (b0.Value() & 0x10)
    {
        auto profile = r.ReadU16("RTP extension profile");
        auto words = r.ReadU16("RTP extension length");
        if (!words)
        {
            return words.GetError();
        }
        if (auto s = r.Skip(size_t(words.Value()) * 4, "RTP extension"); !s)
        {
            return s.GetError();
        }
    }
    h.headerLength = r.Position();
    size_t padding = 0;
    if (b0.Value() & 0x20)
    {
        padding = r.Remaining() == 0 ? 0 : data[size - 1];
        if (padding == 0 || padding > r.Remaining())
        {
            return MakeError(Errc::BadLength, "RTP padding count " + std::to_string(padding) +
                                                  " with " + std::to_string(r.Remaining()) +
                                                  " bytes after the header");
        }
    }
    h.payloadLength = r.Remaining() - padding;
    return h;
}

Result<uint32_t>
PeekRtpSsrc(const uint8_t* data, size_t size)
{
    ByteReader r(data, size);
    if (auto s = r.Skip(8, "RTP header before SSRC"); !s)
    {
        return s.GetError();
    }
    return r.ReadU32("RTP SSRC");
}

Status
SetRtpPayloadType(Bytes& packet, uint8_t payloadType)
{
    if (payloadType > 0x7f)
    {
        return MakeError(Errc::OutOfRange,
                         "RTP payload type " + std::to_string(payloadType) + " exceeds 7 bits");
    }
    if (auto header = ParseRtpHeader(packet.data(), packet.size()); !header)
    {
        return header.GetError();
    }
    packet[1] = static_cast<uint8_t>((packet[1] & 0x80) | payloadType);
    return Ok{};
}

Bytes
BuildRtpPacket(const RtpHeader& header, const Bytes& payload)
{
    ByteWriter w;
    w.WriteU8(0x80);
    w.WriteU8(static_cast<uint8_t>((header.marker ? 0x80 : 0) | (header.payloadType & 0x7f)));
    w.WriteU16(header.sequence);
    w.WriteU32(header.timestamp);
    w.WriteU32(header.ssrc);
    w.WriteBytes(payload);
    return w.Take();
}

} // namespace mediasec
