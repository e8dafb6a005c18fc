/**
 * \file
 * The voice payload the simulated UEs send: the send time (8 bytes, big-endian ns) followed by
 * a pattern derived from the RTP sequence number, so a receiver can measure delay and detect a
 * payload that decrypted to the wrong bytes.
 */
#ifndef MEDIASEC_PROBE_PAYLOAD_H
#define MEDIASEC_PROBE_PAYLOAD_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace mediasec
{

/** \brief Bytes of the send-time prefix; shorter payloads carry only a prefix of it. */
constexpr size_t kProbeTimeBytes = 8;

/** \return a \p size byte payload for sequence number \p sequence sent at \p sendTimeNs */
Bytes MakeProbePayload(size_t size, uint16_t sequence, int64_t sendTimeNs);

/**
 * \brief Checks a received payload.
 * \return the send time when the pattern after it matches \p sequence and the payload has at
 * least kProbeTimeBytes bytes; nothing otherwise
 */
std::optional<int64_t> ReadProbePayload(const uint8_t* payload, size_t size, uint16_t sequence);

} // namespace mediasec

#endif
