// MIKEY replay cache (RFC 3830 5.4) and the NTP <-> nanosecond conversion: timestamps outside
// the skew, replays within the window, eviction without reopening replay, bounded memory,
// cache loss, and NTP values of known instants.
#include "protocol/mikey/replay-cache.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>

namespace mediasec
{
namespace mikey
{
namespace
{

constexpr int64_t kSecond = 1000000000;
constexpr int64_t kSkew = 60 * kSecond;
// 2006-10-20 13:43:06 UTC: the T of REFERENCE.md 1.9 V5 (NTP c8e350ea00000000).
constexpr int64_t kNow = 1161351786 * kSecond;

Bytes
Rand(uint8_t fill)
{
    return Bytes(16, fill);
}

Errc
CodeOf(const Status& status)
{
    EXPECT_FALSE(status);
    return status ? Errc::InvalidState : status.GetError().code;
}

TEST(MikeyReplayCache, GivenTheV5Timestamp_WhenConverting_ThenItIs2006_10_20At13_43_06Utc)
{
    EXPECT_EQ(NsFromNtp(0xc8e350ea00000000ULL), kNow);
    EXPECT_EQ(NtpFromNs(kNow), 0xc8e350ea00000000ULL);
}

TEST(MikeyReplayCache, GivenKnownInstants_WhenConvertingToNtp_ThenSecondsAndFractionMatch)
{
    EXPECT_EQ(NtpFromNs(0), static_cast<uint64_t>(kNtpUnixOffsetSeconds) << 32);
    EXPECT_EQ(NtpFromNs(kSecond / 2),
              (static_cast<uint64_t>(kNtpUnixOffsetSeconds) << 32) | 0x80000000ULL);
    // 1969-07-20 20:17:40 UTC (before the Unix epoch, still NTP era 0).
    EXPECT_EQ(NtpFromNs(-14182940 * kSecond), 0x82d2146400000000ULL);
    // 2040-01-01 00:00:00 UTC is in NTP era 1: the seconds wrapped.
    EXPECT_EQ(NtpFromNs(2208988800 * kSecond), 0x0754fd0000000000ULL);
    EXPECT_EQ(NsFromNtp(0x0754fd0000000000ULL), 2208988800 * kSecond);
}

TEST(MikeyReplayCache, GivenTimesAcrossBothEras_WhenRoundTrippingThroughNtp_ThenTheNsReturn)
{
    const int64_t times[] = {0,
                             1,
                             -1,
                             kNow + 123456789,
                             kNow + 999999999,
                             -14182940 * kSecond + 7,
                             2085978495 * kSecond + 999999999, // last ns of era 0
                             2085978496 * kSecond,             // first second of era 1
                             4233462143 * kSecond + 999999999};
    for (int64_t t : times)
    {
        EXPECT_EQ(NsFromNtp(NtpFromNs(t)), t) << t;
    }
}

TEST(MikeyReplayCache, GivenAFreshMessage_WhenCheckedTwice_ThenTheSecondIsAReplay)
{
    ReplayCache cache(kSkew, 100);
    const uint64_t t = NtpFromNs(kNow);
    EXPECT_TRUE(cache.Check(t, Rand(1), "alice@example.com", kNow));
    EXPECT_EQ(CodeOf(cache.Check(t, Rand(1), "alice@example.com", kNow + kSecond)), Errc::Replay);
    EXPECT_EQ(cache.Size(), 1u);
}

TEST(MikeyReplayCache, GivenOneFieldChanged_WhenChecked_ThenTheMessageIsNotAReplay)
{
    ReplayCache cache(kSkew, 100);
    const uint64_t t = NtpFromNs(kNow);
    ASSERT_TRUE(cache.Check(t, Rand(1), "alice@example.com", kNow));
    EXPECT_TRUE(cache.Check(t, Rand(1), "bob@example.com", kNow));       // another peer
    EXPECT_TRUE(cache.Check(t, Rand(2), "alice@example.com", kNow));     // another RAND
    EXPECT_TRUE(cache.Check(t + 1, Rand(1), "alice@example.com", kNow)); // another T
    // The peer/RAND boundary is unambiguous: "ab" + "c..." is not "a" + "bc...".
    Bytes rand = Rand(1);
    rand.insert(rand.begin(), 'b');
    EXPECT_TRUE(cache.Check(t, Rand(1), "ab", kNow));
    EXPECT_TRUE(cache.Check(t, rand, "a", kNow));
    EXPECT_EQ(cache.Size(), 6u);
}

TEST(MikeyReplayCache, GivenTimestampsAroundTheSkew_WhenChecked_ThenOnlyThoseOutsideAreInvalidTs)
{
    ReplayCache cache(kSkew, 100);
    EXPECT_TRUE(cache.Check(NtpFromNs(kNow - kSkew), Rand(1), "a", kNow));
    EXPECT_TRUE(cache.Check(NtpFromNs(kNow + kSkew), Rand(2), "a", kNow));
    EXPECT_EQ(CodeOf(cache.Check(NtpFromNs(kNow - kSkew - 1), Rand(3), "a", kNow)),
              Errc::OutOfRange);
    const Status ahead = cache.Check(NtpFromNs(kNow + kSkew + 1), Rand(4), "a", kNow);
    EXPECT_EQ(CodeOf(ahead), Errc::OutOfRange);
    EXPECT_NE(ahead.GetError().detail.find("Invalid TS"), std::string::npos);
}

TEST(MikeyReplayCache, GivenAnExpiredEntry_WhenTimePasses_ThenItIsEvictedAndItsReplayIsStillRefused)
{
    ReplayCache cache(kSkew, 100);
    const uint64_t old = NtpFromNs(kNow);
    ASSERT_TRUE(cache.Check(old, Rand(1), "a", kNow));
    ASSERT_TRUE(cache.Check(NtpFromNs(kNow + 30 * kSecond), Rand(2), "a", kNow + 30 * kSecond));
    const int64_t later = kNow + kSkew + 10 * kSecond; // only the first entry left the window
    EXPECT_EQ(CodeOf(cache.Check(old, Rand(1), "a", later)), Errc::OutOfRange);
    EXPECT_EQ(cache.Size(), 1u);
    // A call with an earlier clock does not move the window back nor revive the entry.
    EXPECT_EQ(CodeOf(cache.Check(old, Rand(1), "a", kNow)), Errc::OutOfRange);
}

TEST(MikeyReplayCache, GivenAFullCache_WhenANewMessageArrives_ThenItIsRefusedAndNoEntryIsLost)
{
    ReplayCache cache(kSkew, 3);
    for (uint8_t i = 1; i <= 3; ++i)
    {
        ASSERT_TRUE(cache.Check(NtpFromNs(kNow + i), Rand(i), "a", kNow));
    }
    EXPECT_EQ(CodeOf(cache.Check(NtpFromNs(kNow + 4), Rand(4), "a", kNow)), Errc::TooLarge);
    EXPECT_EQ(cache.Size(), 3u);
    for (uint8_t i = 1; i <= 3; ++i) // every cached message is still detected as a replay
    {
        EXPECT_EQ(CodeOf(cache.Check(NtpFromNs(kNow + i), Rand(i), "a", kNow)), Errc::Replay);
    }
    // Once the entries leave the window there is room again.
    const int64_t later = kNow + kSkew + 10;
    EXPECT_TRUE(cache.Check(NtpFromNs(later), Rand(5), "a", later));
    EXPECT_EQ(cache.Size(), 1u);
}

TEST(MikeyReplayCache, GivenALostCache_WhenMessagesArrive_ThenAllAreRefusedUntilTheSkewHasPassed)
{
    ReplayCache cache(kSkew, 100);
    const uint64_t seen = NtpFromNs(kNow + 10 * kSecond); // accepted before the loss
    ASSERT_TRUE(cache.Check(seen, Rand(1), "a", kNow));
    cache.Reset(kNow);
    EXPECT_EQ(cache.Size(), 0u);
    EXPECT_EQ(CodeOf(cache.Check(seen, Rand(1), "a", kNow + kSecond)), Errc::OutOfRange);
    const int64_t fresh = kNow + 30 * kSecond;
    EXPECT_EQ(CodeOf(cache.Check(NtpFromNs(fresh), Rand(2), "a", fresh)), Errc::OutOfRange);
    const int64_t afterSkew = kNow + kSkew + 1;
    EXPECT_TRUE(cache.Check(NtpFromNs(afterSkew), Rand(3), "a", afterSkew));
}

TEST(MikeyReplayCache, GivenExtremeClocksAndZeroSizes_WhenChecking_ThenNoOverflowAndTypedErrors)
{
    ReplayCache none(kSkew, 0);
    EXPECT_EQ(CodeOf(none.Check(NtpFromNs(kNow), Rand(1), "a", kNow)), Errc::TooLarge);
    // now + skew and now - skew saturate instead of overflowing.
    ReplayCache huge(std::numeric_limits<int64_t>::max(), 10);
    EXPECT_TRUE(huge.Check(NtpFromNs(kNow), Rand(1), "a", std::numeric_limits<int64_t>::max()));
    EXPECT_EQ(
        CodeOf(huge.Check(NtpFromNs(kNow), Rand(2), "a", std::numeric_limits<int64_t>::min())),
        Errc::OutOfRange);
    ReplayCache negative(-5, 10); // counts as a zero skew
    EXPECT_TRUE(negative.Check(NtpFromNs(kNow), Rand(1), "a", kNow));
    EXPECT_EQ(CodeOf(negative.Check(NtpFromNs(kNow + 1), Rand(1), "a", kNow)), Errc::OutOfRange);
}

} // namespace
} // namespace mikey
} // namespace mediasec
