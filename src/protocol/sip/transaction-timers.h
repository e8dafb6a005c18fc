/**
 * \file
 * RFC 3261 retransmission timers as pure arithmetic on int64 nanoseconds: the client transaction
 * Timers A/B (INVITE) and E/F (non-INVITE) of section 17.1, and the UAS 2xx retransmission
 * Timers G/H of sections 13.3.1.4 and 17.2.1. The caller schedules the events.
 */
#ifndef MEDIASEC_SIP_TRANSACTION_TIMERS_H
#define MEDIASEC_SIP_TRANSACTION_TIMERS_H

#include <cstdint>

namespace mediasec
{
namespace sip
{

/** \brief The RFC 3261 timer base values (section 17.1.1.1 and table 4), in nanoseconds. */
struct SipTimerConfig
{
    int64_t t1Ns = 500'000'000;   //!< T1, round-trip time estimate (500 ms)
    int64_t t2Ns = 4'000'000'000; //!< T2, maximum retransmit interval of non-INVITE (4 s)
    int64_t t4Ns = 5'000'000'000; //!< T4, maximum duration a message stays in the network (5 s)
};

/**
 * \brief Retransmission intervals of a client transaction over an unreliable transport.
 *
 * INVITE (Timer A): T1, 2*T1, 4*T1, ... without cap. Non-INVITE (Timer E): T1, 2*T1, ... capped
 * at T2. Both give up after Timer B / F = 64*T1. Intervals saturate at INT64_MAX.
 */
class ClientRetransmitSchedule
{
  public:
    /**
     * \param invite true for an INVITE transaction (Timer A), false otherwise (Timer E)
     * \param config the timer base values
     */
    ClientRetransmitSchedule(bool invite, SipTimerConfig config);

    /**
     * \brief Returns the wait before the next retransmission; call once after the first
     * transmission and once after each retransmission.
     * \return the interval in nanoseconds
     */
    int64_t NextIntervalNs();

    /** \return Timer B (INVITE) or F (non-INVITE): 64*T1 from the first transmission. */
    int64_t TimeoutNs() const;

  private:
    bool m_invite;           //!< Timer A (no cap) or Timer E (cap T2)
    SipTimerConfig m_config; //!< base values
    int64_t m_next;          //!< interval returned by the next call
};

/**
 * \brief Retransmission intervals of a 2xx response to INVITE at a UAS until the ACK arrives:
 * Timer G = T1, 2*T1, ... capped at T2; Timer H = 64*T1 ends the retransmissions.
 */
class ServerRetransmitSchedule
{
  public:
    /** \param config the timer base values */
    explicit ServerRetransmitSchedule(SipTimerConfig config);

    /**
     * \brief Returns the wait before the next retransmission; call once after the first send
     * and once after each retransmission.
     * \return the interval in nanoseconds
     */
    int64_t NextIntervalNs();

    /** \return Timer H: 64*T1 from the first send. */
    int64_t TimeoutNs() const;

  private:
    SipTimerConfig m_config; //!< base values
    int64_t m_next;          //!< interval returned by the next call
};

} // namespace sip
} // namespace mediasec

#endif
