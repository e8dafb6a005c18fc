// The probe media stream: sender numbering, timestamp step, marker, and the typed receive check.
#include "protocol/rtp/probe-payload.h"
#include "protocol/rtp/probe-stream.h"

#include <gtest/gtest.h>

namespace
{

using mediasec::Bytes;
using mediasec::Errc;
using mediasec::ProbeStreamSender;

const ProbeStreamSender::Format kFormat{0, 160, 160};

TEST(ProbeStream, GivenA20msPtime_WhenTheNarrowbandStepIsComputed_ThenItIs160)
{
    EXPECT_EQ(mediasec::NarrowbandTimestampStep(20000), 160u);
    EXPECT_EQ(mediasec::NarrowbandTimestampStep(30000), 240u);
}

TEST(ProbeStream, GivenASender_WhenTwoPacketsAreBuilt_ThenOnlyTheFirstIsMarkedAndFieldsStep)
{
    ProbeStreamSender sender;
    const Bytes first = sender.Next(kFormat, 0x01020304, 1000);
    const Bytes second = sender.Next(kFormat, 0x01020304, 21000);
    auto a = mediasec::ParseRtpHeader(first.data(), first.size());
    auto b = mediasec::ParseRtpHeader(second.data(), second.size());
    ASSERT_TRUE(a && b);
    EXPECT_TRUE(a.Value().marker);
    EXPECT_FALSE(b.Value().marker);
    EXPECT_EQ(a.Value().sequence, 0);
    EXPECT_EQ(b.Value().sequence, 1);
    EXPECT_EQ(a.Value().timestamp, 0u);
    EXPECT_EQ(b.Value().timestamp, 160u);
    EXPECT_EQ(b.Value().ssrc, 0x01020304u);
    EXPECT_EQ(b.Value().payloadLength, 160u);
}

TEST(ProbeStream, GivenASentPacket_WhenRead_ThenTheSendTimeAndHeaderComeBack)
{
    ProbeStreamSender sender;
    const Bytes packet = sender.Next(kFormat, 7, 123456789);
    auto receipt = mediasec::ReadProbePacket(packet.data(), packet.size(), 160);
    ASSERT_TRUE(receipt) << receipt.GetError().ToString();
    EXPECT_EQ(receipt.Value().sendTimeNs, 123456789);
    EXPECT_EQ(receipt.Value().header.ssrc, 7u);
}

TEST(ProbeStream, GivenAFlippedPayloadByte_WhenRead_ThenMalformed)
{
    ProbeStreamSender sender;
    Bytes packet = sender.Next(kFormat, 7, 5);
    packet.back() ^= 0x01;
    auto receipt = mediasec::ReadProbePacket(packet.data(), packet.size());
    ASSERT_FALSE(receipt);
    EXPECT_EQ(receipt.GetError().code, Errc::Malformed);
}

TEST(ProbeStream, GivenAnotherPayloadSize_WhenReadWithTheExpectedSize_ThenBadLength)
{
    ProbeStreamSender sender;
    const Bytes packet = sender.Next(kFormat, 7, 5);
    EXPECT_TRUE(mediasec::ReadProbePacket(packet.data(), packet.size()));
    auto receipt = mediasec::ReadProbePacket(packet.data(), packet.size(), 80);
    ASSERT_FALSE(receipt);
    EXPECT_EQ(receipt.GetError().code, Errc::BadLength);
}

TEST(ProbeStream, GivenATruncatedHeader_WhenRead_ThenTheHeaderErrorComesBack)
{
    const Bytes packet(5, 0x80);
    auto receipt = mediasec::ReadProbePacket(packet.data(), packet.size(), 160);
    ASSERT_FALSE(receipt);
    EXPECT_EQ(receipt.GetError().code, Errc::Truncated);
}

TEST(ProbeStream, GivenAHeader_WhenAProbePacketIsBuilt_ThenItCarriesTheProbePayload)
{
    mediasec::RtpHeader header;
    header.sequence = 42;
    const Bytes packet = mediasec::BuildProbePacket(header, 20, 99);
    const Bytes expected = mediasec::BuildRtpPacket(header, mediasec::MakeProbePayload(20, 42, 99));
    EXPECT_EQ(packet, expected);
}

} // namespace
