#include "transaction-timers.h"

#include <algorithm>
#include <limits>

namespace mediasec
{
namespace sip
{

namespace
{

constexpr int64_t kMaxNs = std::numeric_limits<int64_t>::max();

/** \return \p ns * \p factor, saturated at INT64_MAX (negative inputs count as 0). */
int64_t
SaturatingTimes(int64_t ns, int64_t factor)
{
    if (ns <= 0)
    {
        return 0;
    }
    return ns > kMaxNs / factor ? kMaxNs : ns * factor;
}

/** \return the current interval, then advances \p next to its double capped at \p cap. */
int64_t
TakeAndDouble(int64_t& next, int64_t cap)
{
    const int64_t current = next;
    next = std::min(SaturatingTimes(next, 2), cap);
    return current;
}

} // namespace

ClientRetransmitSchedule::ClientRetransmitSchedule(bool invite, SipTimerConfig config)
    : m_invite(invite)
    , m_config(config)
    , m_next(std::max<int64_t>(config.t1Ns, 0))
{
}

int64_t
ClientRetransmitSchedule::NextIntervalNs()
{
    return TakeAndDouble(m_next, m_invite ? kMaxNs : std::max(m_config.t2Ns, m_config.t1Ns));
}

int64_t
ClientRetransmitSchedule::TimeoutNs() const
{
    return SaturatingTimes(m_config.t1Ns, 64);
}

ServerRetransmitSchedule::ServerRetransmitSchedule(SipTimerConfig config)
    : m_config(config)
    , m_next(std::max<int64_t>(config.t1Ns, 0))
{
}

int64_t
ServerRetransmitSchedule::NextIntervalNs()
{
    return TakeAndDouble(m_next, std::max(m_config.t2Ns, m_config.t1Ns));
}

int64_t
ServerRetransmitSchedule::TimeoutNs() const
{
    return SaturatingTimes(m_config.t1Ns, 64);
}

} // namespace sip
} // namespace mediasec
