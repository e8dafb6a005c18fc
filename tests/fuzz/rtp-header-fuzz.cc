// Fuzz target: RTP header parser. Any bytes: a typed error or a header whose lengths fit.
#include "protocol/rtp/rtp-header.h"

#include <cstddef>
#include <cstdint>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto header = mediasec::ParseRtpHeader(data, size);
    if (header && header.Value().headerLength + header.Value().payloadLength > size)
    {
        __builtin_trap();
    }
    return 0;
}
