// Fuzz target for the SIP parser. Any bytes give a message or a typed error; an accepted message
// must format, reparse to an equal message, and format to the same text again (a fixed point).
// The only allowed reparse failure is TooLarge when expanding compact names and adding
// Content-Length pushed a message near the size limit past kMaxSipMessageSize. The header value
// parsers run on every header and on the Request-URI, each with its own format + reparse check.
#include "protocol/sip/sip-header-values.h"
#include "protocol/sip/sip-message.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

namespace
{

using namespace mediasec;
using namespace mediasec::sip;

/** \brief Traps unless a value accepted by \p parse survives \p format + \p parse unchanged. */
template<typename Parse, typename Format>
void
CheckValueRoundTrip(std::string_view value, Parse parse, Format format)
{
    auto parsed = parse(value);
    if (!parsed)
    {
        return;
    }
    auto again = parse(format(parsed.Value()));
    if (!again || !(again.Value() == parsed.Value()))
    {
        __builtin_trap();
    }
}

void
CheckValues(const SipMessage& message)
{
    CheckValueRoundTrip(message.RequestUri(), ParseSipUri, FormatSipUri);
    std::set<std::string> names;
    for (const SipHeader& header : message.Headers())
    {
        if (!names.insert(header.name).second)
        {
            continue;
        }
        for (const std::string& value : message.GetHeaders(header.name))
        {
            CheckValueRoundTrip(value, ParseVia, FormatVia);
            CheckValueRoundTrip(value, ParseNameAddr, FormatNameAddr);
            CheckValueRoundTrip(value, ParseCSeq, FormatCSeq);
            CheckValueRoundTrip(value, ParseSipUri, FormatSipUri);
        }
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    auto parsed = ParseSipMessage(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed)
    {
        return 0;
    }
    const std::string text = parsed.Value().Format();
    auto again = ParseSipMessage(text);
    if (!again)
    {
        if (again.GetError().code == Errc::TooLarge && text.size() > kMaxSipMessageSize)
        {
            return 0;
        }
        __builtin_trap();
    }
    if (!(again.Value() == parsed.Value()) || again.Value().Format() != text)
    {
        __builtin_trap();
    }
    CheckValues(parsed.Value());
    return 0;
}
