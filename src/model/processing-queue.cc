#include "processing-queue.h"

#include "ns3/simulator.h"

namespace ns3
{
namespace ims
{

void
ProcessingQueue::Submit(Time serviceTime, std::function<void()> done)
{
    const Time now = Simulator::Now();
    const Time start = std::max(now, m_busyUntil);
    const Time wait = start - now;
    m_busyUntil = start + serviceTime;
    ++m_jobs;
    m_totalWait += wait;
    m_maxWait = std::max(m_maxWait, wait);
    m_busy += serviceTime;
    Simulator::Schedule(m_busyUntil - now, [done = std::move(done)]() { done(); });
}

uint64_t
ProcessingQueue::Jobs() const
{
    return m_jobs;
}

Time
ProcessingQueue::TotalWait() const
{
    return m_totalWait;
}

Time
ProcessingQueue::MaxWait() const
{
    return m_maxWait;
}

Time
ProcessingQueue::BusyTime() const
{
    return m_busy;
}

} // namespace ims
} // namespace ns3
