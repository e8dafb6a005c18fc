// Fuzz target: the Ub BootstrappingInfo XML parser (strict subset, no DTD or entities).
// Any bytes: a typed error, or a value that formats and parses back to the same value.
#include "protocol/gba/ub-bootstrapping-info.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    auto info = mediasec::gba::ParseBootstrappingInfo(xml);
    if (!info)
    {
        return 0;
    }
    auto formatted = mediasec::gba::FormatBootstrappingInfo(info.Value());
    if (!formatted)
    {
        __builtin_trap();
    }
    auto again = mediasec::gba::ParseBootstrappingInfo(formatted.Value());
    if (!again && again.GetError().code == mediasec::Errc::TooLarge)
    {
        return 0; // escaping '>' can push a document at the size limit over it
    }
    if (!again || again.Value().btid != info.Value().btid ||
        again.Value().lifetimeUnixSeconds != info.Value().lifetimeUnixSeconds)
    {
        __builtin_trap();
    }
    return 0;
}
