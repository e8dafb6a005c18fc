// RFC 3261 retransmission timers: Timer A doubles without cap (17.1.1.2), Timer E doubles up to
// T2 (17.1.2.2), Timer G doubles up to T2 (13.3.1.4), Timers B / F / H are 64*T1.
#include "protocol/sip/transaction-timers.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <vector>

namespace mediasec
{
namespace sip
{
namespace
{

constexpr int64_t kMs = 1'000'000;

template<typename Schedule>
std::vector<int64_t>
Intervals(Schedule& schedule, size_t count)
{
    std::vector<int64_t> out;
    for (size_t i = 0; i < count; ++i)
    {
        out.push_back(schedule.NextIntervalNs() / kMs);
    }
    return out;
}

TEST(SipTransactionTimers, GivenInviteClient_WhenRetransmitting_ThenTimerADoublesWithoutCap)
{
    ClientRetransmitSchedule timerA(true, SipTimerConfig{});
    EXPECT_EQ(Intervals(timerA, 7),
              (std::vector<int64_t>{500, 1000, 2000, 4000, 8000, 16000, 32000}));
    EXPECT_EQ(timerA.TimeoutNs(), 32'000 * kMs) << "Timer B = 64*T1";
}

TEST(SipTransactionTimers, GivenNonInviteClient_WhenRetransmitting_ThenTimerEIsCappedAtT2)
{
    ClientRetransmitSchedule timerE(false, SipTimerConfig{});
    EXPECT_EQ(Intervals(timerE, 7),
              (std::vector<int64_t>{500, 1000, 2000, 4000, 4000, 4000, 4000}));
    EXPECT_EQ(timerE.TimeoutNs(), 32'000 * kMs) << "Timer F = 64*T1";
}

TEST(SipTransactionTimers, GivenUas2xx_WhenRetransmitting_ThenTimerGIsCappedAtT2AndHIs64T1)
{
    ServerRetransmitSchedule timerG(SipTimerConfig{});
    EXPECT_EQ(Intervals(timerG, 6), (std::vector<int64_t>{500, 1000, 2000, 4000, 4000, 4000}));
    EXPECT_EQ(timerG.TimeoutNs(), 32'000 * kMs) << "Timer H = 64*T1";
}

TEST(SipTransactionTimers, GivenCustomT1AndT2_WhenRetransmitting_ThenTheyScaleTheSequences)
{
    const SipTimerConfig fast{100 * kMs, 300 * kMs, 1000 * kMs};
    ClientRetransmitSchedule nonInvite(false, fast);
    EXPECT_EQ(Intervals(nonInvite, 4), (std::vector<int64_t>{100, 200, 300, 300}));
    EXPECT_EQ(nonInvite.TimeoutNs(), 6400 * kMs);
    ServerRetransmitSchedule server(fast);
    EXPECT_EQ(Intervals(server, 3), (std::vector<int64_t>{100, 200, 300}));
}

TEST(SipTransactionTimers,
     GivenEndlessInviteRetransmissions_WhenDoubling_ThenSaturatesWithoutOverflow)
{
    ClientRetransmitSchedule timerA(true, SipTimerConfig{});
    int64_t last = 0;
    for (int i = 0; i < 100; ++i)
    {
        const int64_t next = timerA.NextIntervalNs();
        EXPECT_GE(next, last);
        last = next;
    }
    EXPECT_EQ(last, std::numeric_limits<int64_t>::max());
    const SipTimerConfig huge{std::numeric_limits<int64_t>::max() / 2, 0, 0};
    EXPECT_EQ(ClientRetransmitSchedule(true, huge).TimeoutNs(),
              std::numeric_limits<int64_t>::max());
}

} // namespace
} // namespace sip
} // namespace mediasec
