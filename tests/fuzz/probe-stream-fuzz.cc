// Fuzz target: the probe packet check. Any bytes: a typed error or a receipt whose header and
// probe payload fit in the input.
#include "protocol/rtp/probe-payload.h"
#include "protocol/rtp/probe-stream.h"

#include <cstddef>
#include <cstdint>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto receipt = mediasec::ReadProbePacket(data, size);
    if (receipt)
    {
        const auto& header = receipt.Value().header;
        if (header.payloadLength < mediasec::kProbeTimeBytes ||
            header.headerLength + header.payloadLength > size)
        {
            __builtin_trap();
        }
    }
    auto sized = mediasec::ReadProbePacket(data, size, 160);
    if (sized && sized.Value().header.payloadLength != 160)
    {
        __builtin_trap();
    }
    return 0;
}
