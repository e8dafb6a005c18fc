// RTP fixed header (RFC 3550 5.1): parse, build, and typed errors on bad lengths.
#include "protocol/rtp/rtp-header.h"

#include <gtest/gtest.h>

namespace
{

using mediasec::Bytes;
using mediasec::Errc;
using mediasec::FromHex;

TEST(RtpHeader, GivenTheLibsrtpReferencePacket_WhenParsed_ThenFieldsMatch)
{
    // RTP packet of libsrtp's srtp_validate (REFERENCE.md 3.3).
    const Bytes packet =
        FromHex("800f1234decafbadcafebabeabababababababababababababababab").Value();
    auto h = mediasec::ParseRtpHeader(packet.data(), packet.size());
    ASSERT_TRUE(h) << h.GetError().ToString();
    EXPECT_EQ(h.Value().payloadType, 15);
    EXPECT_FALSE(h.Value().marker);
    EXPECT_EQ(h.Value().sequence, 0x1234);
    EXPECT_EQ(h.Value().timestamp, 0xdecafbadu);
    EXPECT_EQ(h.Value().ssrc, 0xcafebabeu);
    EXPECT_EQ(h.Value().headerLength, 12u);
    EXPECT_EQ(h.Value().payloadLength, 16u);
}

TEST(RtpHeader, GivenAHeader_WhenBuiltAndParsed_ThenItRoundTrips)
{
    mediasec::RtpHeader in;
    in.payloadType = 0;
    in.marker = true;
    in.sequence = 65535;
    in.timestamp = 160;
    in.ssrc = 0x01020304;
    const Bytes payload(160, 0x5a);
    const Bytes packet = mediasec::BuildRtpPacket(in, payload);
    ASSERT_EQ(packet.size(), 172u);
    auto out = mediasec::ParseRtpHeader(packet.data(), packet.size());
    ASSERT_TRUE(out);
    EXPECT_TRUE(out.Value().marker);
    EXPECT_EQ(out.Value().sequence, 65535);
    EXPECT_EQ(out.Value().ssrc, 0x01020304u);
    EXPECT_EQ(out.Value().payloadLength, 160u);
}

TEST(RtpHeader, GivenCsrcAndExtension_WhenParsed_ThenHeaderLengthCoversThem)
{
    // CC=1, X=1: 12 + 4 (CSRC) + 4 (ext header) + 4 (one ext word), then 2 payload bytes.
    const Bytes packet =
        FromHex("9100000100000002000000030000000400010001deadbeefcafe").Value();
    auto h = mediasec::ParseRtpHeader(packet.data(), packet.size());
    ASSERT_TRUE(h) << h.GetError().ToString();
    EXPECT_EQ(h.Value().headerLength, 24u);
    EXPECT_EQ(h.Value().payloadLength, 2u);
}

TEST(RtpHeader, GivenBadLengths_WhenParsed_ThenTypedErrorsNameTheField)
{
    const Bytes shortPacket = FromHex("80000001000000").Value();
    auto a = mediasec::ParseRtpHeader(shortPacket.data(), shortPacket.size());
    ASSERT_FALSE(a);
    EXPECT_EQ(a.GetError().code, Errc::Truncated);

    const Bytes csrcPastEnd = FromHex("8f000001000000020000000300000004").Value();
    auto b = mediasec::ParseRtpHeader(csrcPastEnd.data(), csrcPastEnd.size());
    ASSERT_FALSE(b);
    EXPECT_NE(b.GetError().detail.find("CSRC"), std::string::npos);

    const Bytes extensionPastEnd = FromHex("9000000100000002000000030001ffff").Value();
    auto c = mediasec::ParseRtpHeader(extensionPastEnd.data(), extensionPastEnd.size());
    ASSERT_FALSE(c);
    EXPECT_EQ(c.GetError().code, Errc::Truncated);

    const Bytes paddingTooLarge = FromHex("a0000001000000020000000301ff").Value();
    auto d = mediasec::ParseRtpHeader(paddingTooLarge.data(), paddingTooLarge.size());
    ASSERT_FALSE(d);
    EXPECT_EQ(d.GetError().code, Errc::BadLength);

    const Bytes version1 = FromHex("400000010000000200000003").Value();
    auto e = mediasec::ParseRtpHeader(version1.data(), version1.size());
    ASSERT_FALSE(e);
    EXPECT_EQ(e.GetError().code, Errc::Unsupported);
}

TEST(RtpHeader, GivenElevenBytes_WhenPeekingTheSsrc_ThenTruncated)
{
    const Bytes packet(11, 0x80);
    EXPECT_FALSE(mediasec::PeekRtpSsrc(packet.data(), packet.size()));
    const Bytes twelve = FromHex("800000000000000011223344").Value();
    EXPECT_EQ(mediasec::PeekRtpSsrc(twelve.data(), twelve.size()).Value(), 0x11223344u);
}

TEST(RtpHeader, GivenAPcmuPacketWithMarker_WhenSetToPcma_ThenOnlyThePayloadTypeChanges)
{
    mediasec::RtpHeader header;
    header.payloadType = 0;
    header.marker = true;
    header.sequence = 7;
    header.ssrc = 0xdeadbeef;
    const Bytes payload{1, 2, 3, 4};
    Bytes packet = mediasec::BuildRtpPacket(header, payload);
    const Bytes before = packet;
    ASSERT_TRUE(mediasec::SetRtpPayloadType(packet, 8));
    auto parsed = mediasec::ParseRtpHeader(packet.data(), packet.size());
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed.Value().payloadType, 8u);
    EXPECT_TRUE(parsed.Value().marker);
    EXPECT_EQ(packet[1], 0x88);
    packet[1] = before[1];
    EXPECT_EQ(packet, before);
}

TEST(RtpHeader, GivenABadPacketOrType_WhenSettingThePayloadType_ThenTypedErrorAndNoChange)
{
    Bytes shortPacket(11, 0x80);
    auto e = mediasec::SetRtpPayloadType(shortPacket, 8);
    ASSERT_FALSE(e);
    EXPECT_EQ(e.GetError().code, Errc::Truncated);
    EXPECT_EQ(shortPacket, Bytes(11, 0x80));
    Bytes packet = FromHex("800000010000000200000003").Value();
    auto tooLarge = mediasec::SetRtpPayloadType(packet, 128);
    ASSERT_FALSE(tooLarge);
    EXPECT_EQ(tooLarge.GetError().code, Errc::OutOfRange);
    EXPECT_EQ(packet, FromHex("800000010000000200000003").Value());
}

} // namespace
