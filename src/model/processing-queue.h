/**
 * \file
 * FIFO single-server processing model of a network function (DESIGN section 4).
 */
#ifndef IMS_PROCESSING_QUEUE_H
#define IMS_PROCESSING_QUEUE_H

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>

namespace ns3
{
namespace ims
{

/**
 * \brief A FIFO server: each job occupies the server for its service time, so offered load
 * shows up as queueing delay. Crypto and parsing run at the job's completion time.
 */
class ProcessingQueue
{
  public:
    /**
     * \brief Queues a job. \p done runs when the job completes: after all earlier jobs and
     * \p serviceTime of its own.
     */
    void Submit(Time serviceTime, std::function<void()> done);

    uint64_t Jobs() const;          //!< \return jobs submitted
    Time TotalWait() const;         //!< \return sum of queueing delays (excluding service)
    Time MaxWait() const;           //!< \return largest queueing delay
    Time BusyTime() const;          //!< \return total service time (for utilization)

  private:
    Time m_busyUntil;    //!< when the server becomes free
    uint64_t m_jobs = 0; //!< jobs submitted
    Time m_totalWait;    //!< sum of waits
    Time m_maxWait;      //!< max wait
    Time m_busy;         //!< sum of service times
};

} // namespace ims
} // namespace ns3

#endif
