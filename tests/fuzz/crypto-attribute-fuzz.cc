// Fuzz target for the RFC 4568 a=crypto parser. Every line of the input is parsed; an accepted
// line must survive format + reparse unchanged (tag, suite, every key, lifetime, MKI and session
// parameter), otherwise the target traps. All lines together also go through the media-level
// checks (unique tags and keys).
#include "protocol/sdes/crypto-attribute.h"
#include "protocol/sdes/media-crypto-attributes.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec::sdes;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= input.size())
    {
        size_t end = input.find('\n', start);
        if (end == std::string_view::npos)
        {
            end = input.size();
        }
        lines.emplace_back(input.substr(start, end - start));
        start = end + 1;
    }
    for (const std::string& line : lines)
    {
        auto parsed = ParseCryptoAttribute(line);
        if (!parsed)
        {
            continue;
        }
        auto again = ParseCryptoAttribute(FormatCryptoAttribute(parsed.Value()));
        if (!again || !(again.Value() == parsed.Value()))
        {
            __builtin_trap();
        }
    }
    ParseMediaCryptoAttributes("RTP/SAVP", lines);
    return 0;
}
