// SrtpSession over Debian libsrtp2: srtp_validate reference packets, replay and tamper
// rejection with counters, AEAD_AES_128_GCM round trip, typed errors.
#include "protocol/crypto/drbg.h"
#include "protocol/srtp/srtp-session.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace
{

// libsrtp test/srtp_driver.c srtp_validate(): RFC 3711 B.3 master key || salt.
const char* const kRtp = "800f1234decafbadcafebabeabababababababababababababababab";
const char* const kSrtp =
    "800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb";
const char* const kRtcp = "81c8000bcafebabeabababababababababababababababab";
const char* const kSrtcp =
    "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798";

SrtpKeyMaterial
ValidateKeys()
{
    return {SrtpSuite::AesCm128HmacSha1_80, FromHex("e1f97a0d3e018be0d64fa32c06de4139").Value(),
            FromHex("0ec675ad498afeebb6960b3aabe6").Value()};
}

std::unique_ptr<SrtpSession>
MakeSession(SrtpDirection direction, const SrtpKeyMaterial& keys)
{
    auto session = SrtpSession::Create(direction, keys);
    EXPECT_TRUE(session) << session.GetError().ToString();
    return session ? std::move(session).Value() : nullptr;
}

/** A G.711 RTP packet: 12-byte header (SSRC 0xdeadbeef) and 160 payload bytes. */
Bytes
RtpPacket(uint16_t sequence)
{
    Bytes packet{0x80,
                 0x00,
                 static_cast<uint8_t>(sequence >> 8),
                 static_cast<uint8_t>(sequence),
                 0x00,
                 0x00,
                 0x00,
                 0x00,
                 0xde,
                 0xad,
                 0xbe,
                 0xef};
    packet.resize(12 + 160, 0xd5);
    return packet;
}

TEST(SrtpSession, GivenSrtpValidateRtp_WhenProtecting_ThenLibsrtpReferenceBytes)
{
    auto tx = MakeSession(SrtpDirection::Outbound, ValidateKeys());
    ASSERT_TRUE(tx);
    Bytes packet = FromHex(kRtp).Value();
    ASSERT_TRUE(tx->Protect(packet));
    EXPECT_EQ(ToHex(packet), kSrtp);
    EXPECT_EQ(tx->Counters().protectedPackets, 1u);
}

TEST(SrtpSession, GivenSrtpValidateSrtp_WhenUnprotecting_ThenTheRtpPacketReturns)
{
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(rx);
    Bytes packet = FromHex(kSrtp).Value();
    ASSERT_TRUE(rx->Unprotect(packet));
    EXPECT_EQ(ToHex(packet), kRtp);
    EXPECT_EQ(rx->Counters().unprotectedPackets, 1u);
}

TEST(SrtpSession, GivenSrtpValidateRtcp_WhenProtectingAndUnprotecting_ThenReferenceBytesBothWays)
{
    auto tx = MakeSession(SrtpDirection::Outbound, ValidateKeys());
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(tx && rx);
    Bytes packet = FromHex(kRtcp).Value();
    ASSERT_TRUE(tx->ProtectRtcp(packet));
    EXPECT_EQ(ToHex(packet), kSrtcp);
    ASSERT_TRUE(rx->UnprotectRtcp(packet));
    EXPECT_EQ(ToHex(packet), kRtcp);
}

TEST(SrtpSession, GivenAnAcceptedPacket_WhenUnprotectingItAgain_ThenReplayAndCounted)
{
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(rx);
    Bytes first = FromHex(kSrtp).Value();
    Bytes second = first;
    ASSERT_TRUE(rx->Unprotect(first));
    auto status = rx->Unprotect(second);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.GetError().code, Errc::Replay);
    EXPECT_EQ(ToHex(second), kSrtp); // length kept on failure
    EXPECT_EQ(rx->Counters().rejectedReplay, 1u);
    EXPECT_EQ(rx->Counters().unprotectedPackets, 1u);
}

TEST(SrtpSession, GivenAnAcceptedSrtcpPacket_WhenUnprotectingItAgain_ThenReplay)
{
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(rx);
    Bytes first = FromHex(kSrtcp).Value();
    Bytes second = first;
    ASSERT_TRUE(rx->UnprotectRtcp(first));
    auto status = rx->UnprotectRtcp(second);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.GetError().code, Errc::Replay);
    EXPECT_EQ(rx->Counters().rejectedReplay, 1u);
}

TEST(SrtpSession, GivenAPacketBehindTheReplayWindow_WhenUnprotecting_ThenReplay)
{
    auto tx = MakeSession(SrtpDirection::Outbound, ValidateKeys());
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(tx && rx);
    Bytes old = RtpPacket(1);
    ASSERT_TRUE(tx->Protect(old));
    for (uint16_t seq = 2; seq < 300; ++seq)
    {
        Bytes packet = RtpPacket(seq);
        ASSERT_TRUE(tx->Protect(packet));
        ASSERT_TRUE(rx->Unprotect(packet));
    }
    auto status = rx->Unprotect(old);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.GetError().code, Errc::Replay);
    EXPECT_EQ(rx->Counters().rejectedReplay, 1u);
}

TEST(SrtpSession, GivenOneFlippedBit_WhenUnprotecting_ThenAuthFailedAndCounted)
{
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(rx);
    Bytes packet = FromHex(kSrtp).Value();
    packet[20] ^= 0x01;
    auto status = rx->Unprotect(packet);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.GetError().code, Errc::AuthFailed);
    EXPECT_EQ(rx->Counters().rejectedAuth, 1u);
    EXPECT_EQ(rx->Counters().unprotectedPackets, 0u);
    // The forgery did not consume the index: the genuine packet is still accepted.
    Bytes genuine = FromHex(kSrtp).Value();
    EXPECT_TRUE(rx->Unprotect(genuine));
}

TEST(SrtpSession, GivenAeadAes128Gcm_WhenProtectingAndUnprotecting_ThenRoundTripWith16ByteTag)
{
    const SrtpKeyMaterial keys{SrtpSuite::AeadAes128Gcm, Bytes(16, 0x3c), Bytes(12, 0xa5)};
    auto tx = MakeSession(SrtpDirection::Outbound, keys);
    auto rx = MakeSession(SrtpDirection::Inbound, keys);
    ASSERT_TRUE(tx && rx);
    for (uint16_t seq = 100; seq < 110; ++seq)
    {
        const Bytes rtp = RtpPacket(seq);
        Bytes packet = rtp;
        ASSERT_TRUE(tx->Protect(packet));
        EXPECT_EQ(packet.size(), rtp.size() + 16);
        EXPECT_NE(Bytes(packet.begin() + 12, packet.begin() + 172),
                  Bytes(rtp.begin() + 12, rtp.end()));
        ASSERT_TRUE(rx->Unprotect(packet));
        EXPECT_EQ(packet, rtp);
    }
    EXPECT_EQ(tx->Counters().protectedPackets, 10u);
    EXPECT_EQ(rx->Counters().unprotectedPackets, 10u);
}

TEST(SrtpSession, GivenAeadAes128GcmAndAFlippedBit_WhenUnprotecting_ThenAuthFailed)
{
    const SrtpKeyMaterial keys{SrtpSuite::AeadAes128Gcm, Bytes(16, 0x3c), Bytes(12, 0xa5)};
    auto tx = MakeSession(SrtpDirection::Outbound, keys);
    auto rx = MakeSession(SrtpDirection::Inbound, keys);
    ASSERT_TRUE(tx && rx);
    Bytes packet = RtpPacket(7);
    ASSERT_TRUE(tx->Protect(packet));
    packet[50] ^= 0x10;
    auto status = rx->Unprotect(packet);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.GetError().code, Errc::AuthFailed);
    EXPECT_EQ(rx->Counters().rejectedAuth, 1u);
}

TEST(SrtpSession, GivenAesCm128HmacSha1_32_WhenProtecting_ThenRtpGets4AndRtcp14TrailerBytes)
{
    const SrtpKeyMaterial keys{SrtpSuite::AesCm128HmacSha1_32, Bytes(16, 0x01), Bytes(14, 0x02)};
    auto tx = MakeSession(SrtpDirection::Outbound, keys);
    auto rx = MakeSession(SrtpDirection::Inbound, keys);
    ASSERT_TRUE(tx && rx);
    Bytes rtp = RtpPacket(1);
    ASSERT_TRUE(tx->Protect(rtp));
    EXPECT_EQ(rtp.size(), 172u + 4);
    Bytes rtcp = FromHex(kRtcp).Value();
    ASSERT_TRUE(tx->ProtectRtcp(rtcp));
    EXPECT_EQ(rtcp.size(), 24u + 4 + 10); // SRTCP keeps the 80-bit tag
    EXPECT_TRUE(rx->Unprotect(rtp));
    EXPECT_TRUE(rx->UnprotectRtcp(rtcp));
    EXPECT_EQ(rtp, RtpPacket(1));
}

TEST(SrtpSession, GivenABufferWithTrailerCapacity_WhenProtecting_ThenItIsNotReallocated)
{
    auto tx = MakeSession(SrtpDirection::Outbound, ValidateKeys());
    ASSERT_TRUE(tx);
    Bytes packet = RtpPacket(1);
    packet.reserve(packet.size() + 256);
    const uint8_t* before = packet.data();
    ASSERT_TRUE(tx->Protect(packet));
    EXPECT_EQ(packet.data(), before);
    EXPECT_EQ(packet.size(), 182u);
}

TEST(SrtpSession, GivenA15ByteMasterKey_WhenCreating_ThenBadLength)
{
    auto session = SrtpSession::Create(
        SrtpDirection::Outbound, {SrtpSuite::AesCm128HmacSha1_80, Bytes(15, 1), Bytes(14, 2)});
    ASSERT_FALSE(session);
    EXPECT_EQ(session.GetError().code, Errc::BadLength);
}

TEST(SrtpSession, GivenAGcmSuiteWithA14ByteSalt_WhenCreating_ThenBadLength)
{
    auto session = SrtpSession::Create(SrtpDirection::Inbound,
                                       {SrtpSuite::AeadAes128Gcm, Bytes(16, 1), Bytes(14, 2)});
    ASSERT_FALSE(session);
    EXPECT_EQ(session.GetError().code, Errc::BadLength);
}

TEST(SrtpSession, GivenAReplayWindowOf32_WhenCreating_ThenOutOfRange)
{
    auto session = SrtpSession::Create(SrtpDirection::Inbound, ValidateKeys(), 32);
    ASSERT_FALSE(session);
    EXPECT_EQ(session.GetError().code, Errc::OutOfRange);
}

TEST(SrtpSession, GivenAnInboundSession_WhenProtecting_ThenInvalidStateAndCountedAsOther)
{
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(rx);
    Bytes packet = FromHex(kRtp).Value();
    auto status = rx->Protect(packet);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.GetError().code, Errc::InvalidState);
    EXPECT_EQ(ToHex(packet), kRtp);
    EXPECT_EQ(rx->Counters().rejectedOther, 1u);
}

TEST(SrtpSession, GivenAPacketShorterThanTheRtpHeader_WhenUnprotecting_ThenTruncated)
{
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(rx);
    Bytes packet(11, 0x80);
    auto status = rx->Unprotect(packet);
    ASSERT_FALSE(status);
    EXPECT_EQ(status.GetError().code, Errc::Truncated);
}

TEST(SrtpSession, GivenRandomBytesOfEveryLength_WhenUnprotecting_ThenATypedErrorAndNoGrowth)
{
    auto rx = MakeSession(SrtpDirection::Inbound, ValidateKeys());
    ASSERT_TRUE(rx);
    Drbg drbg = Drbg::FromSeed(5, "srtp-garbage");
    for (size_t length = 0; length < 120; ++length)
    {
        Bytes packet = drbg.Generate(length);
        if (length > 0)
        {
            packet[0] = (packet[0] & 0x3f) | 0x80; // version 2, so libsrtp parses further
        }
        Bytes rtcp = packet;
        EXPECT_FALSE(rx->Unprotect(packet)) << length;
        EXPECT_FALSE(rx->UnprotectRtcp(rtcp)) << length;
        EXPECT_EQ(packet.size(), length);
        EXPECT_EQ(rtcp.size(), length);
    }
    EXPECT_EQ(rx->Counters().unprotectedPackets, 0u);
}

} // namespace
} // namespace mediasec
