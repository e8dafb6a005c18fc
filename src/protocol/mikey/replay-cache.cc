#include "replay-cache.h"

#include "protocol/common/byte-writer.h"
#include "protocol/crypto/digest.h"

#include <algorithm>
#include <limits>
#include <tuple>

namespace mediasec
{
namespace mikey
{

namespace
{
constexpr int64_t kNsPerSecond = 1000000000;
constexpr uint64_t kEraSeconds = 1ULL << 32;   //!< length of an NTP era in seconds
constexpr uint64_t kEraZeroBit = 1ULL << 31;   //!< top bit of the seconds: set in era 0
constexpr uint64_t kHalfFraction = 1ULL << 31; //!< 0.5 in 32-bit fixed point, for rounding

/** \return a + b, clamped to the int64 range. */
int64_t
SaturatingAdd(int64_t a, int64_t b)
{
    if (b > 0 && a > std::numeric_limits<int64_t>::max() - b)
    {
        return std::numeric_limits<int64_t>::max();
    }
    if (b < 0 && a < std::numeric_limits<int64_t>::min() - b)
    {
        return std::numeric_limits<int64_t>::min();
    }
    return a + b;
}
} // namespace

uint64_t
NtpFromNs(int64_t unixNs)
{
    int64_t seconds = unixNs / kNsPerSecond;
    int64_t subsecond = unixNs % kNsPerSecond;
    if (subsecond < 0) // floor division for times before 1970
    {
        subsecond += kNsPerSecond;
        --seconds;
    }
    const uint64_t ntpSeconds =
        static_cast<uint64_t>(seconds + kNtpUnixOffsetSeconds) % kEraSeconds;
    const uint64_t fraction = (static_cast<uint64_t>(subsecond) << 32) / kNsPerSecond;
    return (ntpSeconds << 32) | fraction;
}

int64_t
NsFromNtp(uint64_t ntp)
{
    const uint64_t ntpSeconds = ntp >> 32;
    int64_t seconds = static_cast<int64_t>(ntpSeconds) - kNtpUnixOffsetSeconds;
    if ((ntpSeconds & kEraZeroBit) == 0)
    {
        seconds += static_cast<int64_t>(kEraSeconds); // era 1 (RFC 4330 3)
    }
    const uint64_t fraction = ntp & 0xFFFFFFFFULL;
    const uint64_t subsecond = (fraction * kNsPerSecond + kHalfFraction) >> 32;
    return seconds * kNsPerSecond + static_cast<int64_t>(subsecond);
}

bool
ReplayCache::Entry::operator<(const Entry& other) const
{
    return std::tie(timeNs, timestampNtp, identity) <
           std::tie(other.timeNs, other.timestampNtp, other.identity);
}

ReplayCache::ReplayCache(int64_t skewNs, size_t maxEntries)
    : m_skewNs(std::max<int64_t>(skewNs, 0))
    , m_maxEntries(maxEntries)
    , m_windowStartNs(std::numeric_limits<int64_t>::min())
{
}

void
ReplayCache::Evict(int64_t nowNs)
{
    m_windowStartNs = std::max(m_windowStartNs, SaturatingAdd(nowNs, -m_skewNs));
    auto firstKept = std::find_if(m_entries.begin(), m_entries.end(),
                                  [this](const Entry& e) { return e.timeNs >= m_windowStartNs; });
    m_entries.erase(m_entries.begin(), firstKept);
}

Status
ReplayCache::Check(uint64_t timestampNtp, const Bytes& rand, const std::string& peerId,
                   int64_t nowNs)
{
    Evict(nowNs);
    const int64_t timeNs = NsFromNtp(timestampNtp);
    if (timeNs < m_windowStartNs)
    {
        return MakeError(Errc::OutOfRange, "Invalid TS: " + std::to_string(timeNs) +
                                               " ns is before the replay window start " +
                                               std::to_string(m_windowStartNs) + " ns");
    }
    if (timeNs > SaturatingAdd(nowNs, m_skewNs))
    {
        return MakeError(Errc::OutOfRange, "Invalid TS: " + std::to_string(timeNs) +
                                               " ns is more than the skew ahead of " +
                                               std::to_string(nowNs) + " ns");
    }
    ByteWriter sender;
    sender.WriteU64(peerId.size());
    sender.WriteText(peerId);
    sender.WriteBytes(rand);
    const Bytes digest = Sha256(sender.View());
    Entry entry{timeNs, timestampNtp, {}};
    if (digest.size() != entry.identity.size())
    {
        return MakeError(Errc::CryptoFailure, "replay cache: SHA-256 failed");
    }
    std::copy(digest.begin(), digest.end(), entry.identity.begin());
    if (m_entries.count(entry) != 0)
    {
        return MakeError(Errc::Replay, "replay cache: peer, timestamp and RAND already accepted");
    }
    if (m_entries.size() >= m_maxEntries)
    {
        return MakeError(Errc::TooLarge, "replay cache: full (" + std::to_string(m_maxEntries) +
                                             " messages within the skew window)");
    }
    m_entries.insert(entry);
    return Ok{};
}

void
ReplayCache::Reset(int64_t nowNs)
{
    m_entries.clear();
    m_windowStartNs = std::max(m_windowStartNs, SaturatingAdd(SaturatingAdd(nowNs, m_skewNs), 1));
}

size_t
ReplayCache::Size() const
{
    return m_entries.size();
}

} // namespace mikey
} // namespace mediasec
