// Fuzz target for the Iq (H.248 text subset) parsers. The input is parsed both as a request and
// as a reply; an accepted message must survive format + reparse unchanged (transaction, mId,
// context, command, terminations, SDP, error), otherwise the target traps.
#include "protocol/iq/iq-message.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec::iq;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto request = ParseIqRequest(text);
    if (request)
    {
        auto again = ParseIqRequest(FormatIqRequest(request.Value()));
        if (!again || !(again.Value() == request.Value()))
        {
            __builtin_trap();
        }
    }
    auto reply = ParseIqReply(text);
    if (reply)
    {
        auto again = ParseIqReply(FormatIqReply(reply.Value()));
        if (!again || !(again.Value() == reply.Value()))
        {
            __builtin_trap();
        }
    }
    return 0;
}
