/**
 * \file
 * The MIKEY replay cache of RFC 3830 5.4 (timestamps plus a cache of the messages seen within
 * the allowed clock skew), and the conversion between the project's int64 nanosecond clocks and
 * 64-bit NTP timestamps (the TS types NTP-UTC and NTP of RFC 3830 6.6).
 */
#ifndef MEDIASEC_REPLAY_CACHE_H
#define MEDIASEC_REPLAY_CACHE_H

#include "protocol/common/bytes.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

namespace mediasec
{
namespace mikey
{

/** \brief Seconds from the NTP epoch (1900-01-01 00:00 UTC) to the Unix epoch (1970-01-01). */
constexpr int64_t kNtpUnixOffsetSeconds = 2208988800;

/**
 * \brief The 64-bit NTP timestamp (32-bit seconds since 1900-01-01 00:00 UTC || 32-bit binary
 * fraction, RFC 5905 6; the NTP-UTC TS value of RFC 3830 6.6) of a time given in nanoseconds
 * since the Unix epoch.
 *
 * The project's clocks are int64 nanoseconds counted from the Unix epoch: an ns-3 adapter maps
 * simulation time 0 to a chosen UTC instant by adding that instant in nanoseconds. The seconds
 * are taken modulo 2^32 (so times after 2036-02-07 fall in NTP era 1, as on the wire) and the
 * fraction is truncated (its resolution is about 0.23 ns).
 * \param unixNs nanoseconds since 1970-01-01 00:00 UTC (negative before)
 * \return the NTP timestamp
 */
uint64_t NtpFromNs(int64_t unixNs);

/**
 * \brief The time in nanoseconds since the Unix epoch of a 64-bit NTP timestamp; the inverse of
 * NtpFromNs. The era follows RFC 4330 3: seconds with the top bit set are in era 0 (1968-01-20
 * to 2036-02-07), the others in era 1 (2036-02-07 to 2104-02-26). The fraction is rounded to the
 * nearest nanosecond, so NsFromNtp(NtpFromNs(t)) == t for every t in that range.
 * \param ntp the NTP timestamp
 * \return nanoseconds since 1970-01-01 00:00 UTC
 */
int64_t NsFromNtp(uint64_t ntp);

/**
 * \brief The replay protection of RFC 3830 5.4: a message is accepted only when its timestamp is
 * within the allowed clock skew of the local clock and the same (peer, timestamp, RAND) has not
 * been accepted before.
 *
 * Entries whose timestamp has left the window (is older than now - skew) are evicted: such a
 * message would fail the timestamp check anyway, so replaying it is still refused. The start of
 * the window never moves back, even if a later call passes an earlier now. Memory is bounded:
 * an entry stores the timestamp and a SHA-256 of the peer and RAND (about 100 bytes with the
 * tree node), at most maxEntries of them. When the cache is full a new message is refused
 * (TooLarge) instead of evicting an entry that is still inside the window, which would reopen
 * it to replay. RFC 3830 5.4 sizes the cache from the call rate and the skew (its example:
 * about 204 messages for 10 calls per minute and a 20-minute skew).
 *
 * Call Check only for messages whose MAC or signature has been verified, so that forged
 * messages can neither fill the cache nor block a genuine one. Not thread-safe.
 */
class ReplayCache
{
  public:
    /**
     * \brief An empty cache.
     * \param skewNs the allowed clock difference in nanoseconds (negative values count as 0)
     * \param maxEntries the most messages kept at once
     */
    ReplayCache(int64_t skewNs, size_t maxEntries);

    /**
     * \brief Checks a received message and, if it is accepted, records it.
     * \param timestampNtp the 64-bit NTP-UTC (or NTP) T of the message; a NTP-UTC-32 value is
     * widened with a zero fraction by the caller (KemacIvTimestamp)
     * \param rand the RAND (or RANDRi/RANDRr) of the message
     * \param peerId the sender's identity (e.g. the ID/IDR data)
     * \param nowNs the local clock, nanoseconds since the Unix epoch
     * \return Ok (recorded); OutOfRange "Invalid TS" when the timestamp is more than the skew
     * away from nowNs or before the window start (see Reset); Replay when (peer, timestamp,
     * RAND) was already accepted; TooLarge when the cache is full; CryptoFailure if hashing fails
     */
    Status Check(uint64_t timestampNtp, const Bytes& rand, const std::string& peerId,
                 int64_t nowNs);

    /**
     * \brief Models the loss of the cache (e.g. a restart) at \p nowNs: every entry is dropped
     * and, as RFC 3830 5.4 requires, every message whose timestamp is not later than
     * nowNs + skew is refused, since it might have been accepted before the loss. In practice
     * nothing is accepted until the skew interval has passed.
     * \param nowNs the local clock at the loss, nanoseconds since the Unix epoch
     */
    void Reset(int64_t nowNs);

    /** \return the number of messages currently cached. */
    size_t Size() const;

  private:
    /** \brief One accepted message. */
    struct Entry
    {
        int64_t timeNs;                   //!< the timestamp in ns (eviction order)
        uint64_t timestampNtp;            //!< the timestamp as received
        std::array<uint8_t, 32> identity; //!< SHA-256(len(peer) || peer || RAND)

        /** \return true when this entry orders before \p other (by time first). */
        bool operator<(const Entry& other) const;
    };

    /** \brief Moves the window start to nowNs - skew (never back) and drops older entries. */
    void Evict(int64_t nowNs);

    int64_t m_skewNs;          //!< allowed clock skew
    size_t m_maxEntries;       //!< capacity
    int64_t m_windowStartNs;   //!< timestamps before this are refused
    std::set<Entry> m_entries; //!< accepted messages, oldest timestamp first
};

} // namespace mikey
} // namespace mediasec

#endif
