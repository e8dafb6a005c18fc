#include "probe-payload.h"

namespace mediasec
{

Bytes
MakeProbePayload(size_t size, uint16_t sequence, int64_t sendTimeNs)
{
    Bytes payload(size);
    const auto time = static_cast<uint64_t>(sendTimeNs);
    for (size_t i = 0; i < kProbeTimeBytes && i < size; ++i)
    {
        payload[i] = static_cast<uint8_t>(time >> (56 - 8 * i));
    }
    for (size_t i = kProbeTimeBytes; i < size; ++i)
    {
        payload[i] = static_cast<uint8_t>(sequence + i);
    }
    return payload;
}

std::optional<int64_t>
ReadProbePayload(const uint8_t* payload, size_t size, uint16_t sequence)
{
    if (size < kProbeTimeBytes)
    {
        return std::nullopt;
    }
    uint64_t time = 0;
    for (size_t i = 0; i < kProbeTimeBytes; ++i)
    {
        time = time << 8 | payload[i];
    }
    for (size_t i = kProbeTimeBytes; i < size; ++i)
    {
        if (payload[i] != static_cast<uint8_t>(sequence + i))
        {
            return std::nullopt;
        }
    }
    return static_cast<int64_t>(time);
}

} // namespace mediasec
