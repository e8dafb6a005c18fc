// Fuzz target for the HTTP stream parser. The first byte picks a split position; the rest is fed
// as a request stream and as a response stream, once whole and once in two parts. Both feedings
// must give the same messages or both fail, and every parsed message must format and reparse to
// an equal message. The only allowed reparse failure is TooLarge: Format adds Content-Length and
// a space after each colon, which can push a message at a limit (100 headers, 8 KiB line) over.
#include "protocol/http/http-message.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace
{

using namespace mediasec;
using namespace mediasec::http;

/** \brief Feeds \p data whole and split at \p split and traps when the outcomes differ. */
template<typename Message, typename FeedFn>
std::vector<Message>
FeedBothWays(const uint8_t* data, size_t size, size_t split, FeedFn feed)
{
    HttpStreamParser whole;
    auto once = feed(whole, data, size);
    HttpStreamParser parts;
    auto first = feed(parts, data, split);
    std::vector<Message> twice;
    bool failed = !first;
    if (first)
    {
        twice = first.Value();
        auto second = feed(parts, data + split, size - split);
        failed = !second;
        if (second)
        {
            twice.insert(twice.end(), second.Value().begin(), second.Value().end());
        }
    }
    if (once.IsOk() == failed || (once && !(once.Value() == twice)))
    {
        __builtin_trap();
    }
    return twice;
}

/** \brief Traps unless every message of \p messages survives Format + parse unchanged. */
template<typename Message, typename FeedFn>
void
CheckRoundTrip(const std::vector<Message>& messages, FeedFn feed)
{
    for (const Message& message : messages)
    {
        const std::string text = Format(message);
        HttpStreamParser parser;
        auto again = feed(parser, reinterpret_cast<const uint8_t*>(text.data()), text.size());
        if (!again && again.GetError().code == Errc::TooLarge)
        {
            continue;
        }
        if (!again || again.Value().size() != 1 || !(again.Value()[0] == message))
        {
            __builtin_trap();
        }
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
    {
        return 0;
    }
    const size_t split = data[0] % size;
    ++data;
    --size;
    auto requests = [](HttpStreamParser& p, const uint8_t* d, size_t n) {
        return p.FeedRequests(d, n);
    };
    auto responses = [](HttpStreamParser& p, const uint8_t* d, size_t n) {
        return p.FeedResponses(d, n);
    };
    CheckRoundTrip(FeedBothWays<HttpRequest>(data, size, split, requests), requests);
    CheckRoundTrip(FeedBothWays<HttpResponse>(data, size, split, responses), responses);
    return 0;
}
