// Fuzz target for the SDP a=key-mgmt:mikey value (RFC 4567). An accepted value must format back
// to the exact input (strict, canonical base64), and its MIKEY message must survive the codec's
// lossless round trip.
#include "protocol/mikey/key-mgmt-attribute.h"
#include "protocol/mikey/mikey-message.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec::mikey;
    std::string_view value(reinterpret_cast<const char*>(data), size);
    auto bytes = ParseKeyMgmtMikey(value);
    if (!bytes)
    {
        return 0;
    }
    if (FormatKeyMgmtMikey(bytes.Value()) != value)
    {
        __builtin_trap();
    }
    auto message = ParseMikeyMessage(bytes.Value());
    if (message && FormatMikeyMessage(message.Value()) != bytes.Value())
    {
        __builtin_trap();
    }
    return 0;
}
