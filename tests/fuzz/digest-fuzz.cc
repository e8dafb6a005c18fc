// Fuzz target for the HTTP Digest (RFC 2617 / RFC 3310) parsers. The input is parsed as a
// challenge, as credentials, as Authentication-Info and as an AKA nonce; an accepted value must
// format and reparse to an equal value (the nonce: equal parts), and the request-digest of
// accepted credentials must compute or fail typed.
#include "protocol/http/aka-nonce.h"
#include "protocol/http/digest-auth.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec;
    using namespace mediasec::http;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto challenge = ParseDigestChallenge(text);
    if (challenge)
    {
        auto again = ParseDigestChallenge(FormatDigestChallenge(challenge.Value()));
        if (!again || !(again.Value() == challenge.Value()))
        {
            __builtin_trap();
        }
    }
    auto credentials = ParseDigestCredentials(text);
    if (credentials)
    {
        auto again = ParseDigestCredentials(FormatDigestCredentials(credentials.Value()));
        if (!again || !(again.Value() == credentials.Value()))
        {
            __builtin_trap();
        }
        auto response = DigestResponse(credentials.Value(), ToBytes("pw"), "GET", text);
        if (response && response.Value().size() != 32)
        {
            __builtin_trap();
        }
    }
    auto info = ParseDigestAuthenticationInfo(text);
    if (info)
    {
        auto again = ParseDigestAuthenticationInfo(FormatDigestAuthenticationInfo(info.Value()));
        if (!again || !(again.Value() == info.Value()))
        {
            __builtin_trap();
        }
    }
    auto nonce = ParseAkaNonce(text);
    if (nonce)
    {
        auto formatted = FormatAkaNonce(nonce.Value());
        auto again = formatted ? ParseAkaNonce(formatted.Value()) : formatted.GetError();
        if (!again || again.Value().rand != nonce.Value().rand ||
            again.Value().autn != nonce.Value().autn ||
            again.Value().serverData != nonce.Value().serverData)
        {
            __builtin_trap();
        }
    }
    return 0;
}
