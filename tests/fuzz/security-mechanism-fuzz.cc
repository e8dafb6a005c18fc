// Fuzz target for the Security-Client / Security-Server parsers of access-msf (RFC 3329
// sec-mechanism lists and the aka-srtp capability). An accepted list must format and reparse
// to an equal list (or be TooLarge when formatting made it longer than the limit); accepted
// suites must format and reparse to the same suites.
#include "protocol/access/access-capability.h"
#include "protocol/access/security-mechanism.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec;
    using namespace mediasec::access;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto mechanisms = ParseSecurityMechanisms(text);
    if (mechanisms)
    {
        const std::string formatted = FormatSecurityMechanisms(mechanisms.Value());
        auto again = ParseSecurityMechanisms(formatted);
        const bool grew = !again && again.GetError().code == Errc::TooLarge &&
                          formatted.size() > kMaxSecurityHeaderLength;
        if (!grew && (!again || !(again.Value() == mechanisms.Value())))
        {
            __builtin_trap();
        }
    }
    auto suites = ParseAccessCapability(text);
    if (suites)
    {
        auto again = ParseAccessCapability(FormatAccessCapability(suites.Value()));
        if (!again || again.Value() != suites.Value())
        {
            __builtin_trap();
        }
    }
    return 0;
}
