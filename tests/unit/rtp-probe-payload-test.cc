// The simulated voice payload: the send time reads back, and any changed byte or a payload read
// against another sequence number is detected.
#include "protocol/rtp/probe-payload.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace
{

TEST(ProbePayloadTest, GivenAPayload_WhenReadWithItsSequence_ThenTheSendTimeComesBack)
{
    const Bytes p = MakeProbePayload(160, 65535, 0x0102030405060708LL);
    EXPECT_EQ(p[0], 0x01);
    EXPECT_EQ(p[7], 0x08);
    EXPECT_EQ(p[8], static_cast<uint8_t>(65535 + 8));
    auto time = ReadProbePayload(p.data(), p.size(), 65535);
    ASSERT_TRUE(time.has_value());
    EXPECT_EQ(*time, 0x0102030405060708LL);
}

TEST(ProbePayloadTest, GivenAFlippedByteOrAnotherSequence_WhenRead_ThenRejected)
{
    Bytes p = MakeProbePayload(160, 7, 42);
    EXPECT_FALSE(ReadProbePayload(p.data(), p.size(), 8).has_value());
    p[100] ^= 0x01;
    EXPECT_FALSE(ReadProbePayload(p.data(), p.size(), 7).has_value());
    EXPECT_FALSE(ReadProbePayload(p.data(), 7, 7).has_value());
}

} // namespace
} // namespace mediasec
