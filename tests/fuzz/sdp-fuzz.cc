// Fuzz target for the SDP parser. Any bytes give a session or a typed error; an accepted session
// must format, reparse to an equal session, and format to the same text again (a fixed point).
// The only allowed reparse failure is TooLarge when CRLF line ends pushed a description near the
// size limit past kMaxSdpSize.
#include "protocol/sip/sdp.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec;
    using namespace mediasec::sip;
    auto parsed = ParseSdp(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed)
    {
        return 0;
    }
    const std::string text = FormatSdp(parsed.Value());
    auto again = ParseSdp(text);
    if (!again)
    {
        if (again.GetError().code == Errc::TooLarge && text.size() > kMaxSdpSize)
        {
            return 0;
        }
        __builtin_trap();
    }
    if (!(again.Value() == parsed.Value()) || FormatSdp(again.Value()) != text)
    {
        __builtin_trap();
    }
    return 0;
}
