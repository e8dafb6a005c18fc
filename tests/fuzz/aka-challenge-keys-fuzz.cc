// Fuzz target for the P-CSCF's parser of the S-CSCF challenge with ck/ik (TS 24.229). An
// accepted value must format and reparse to the same challenge and keys (or be TooLarge when
// formatting made it longer), and the value the P-CSCF forwards to the UE must carry no keys.
#include "protocol/access/aka-challenge-keys.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec;
    using namespace mediasec::access;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto split = ParseChallengeWithKeys(text);
    if (!split)
    {
        return 0;
    }
    auto formatted = FormatChallengeWithKeys(split.Value().challenge, split.Value().keys);
    if (!formatted)
    {
        __builtin_trap();
    }
    auto again = ParseChallengeWithKeys(formatted.Value());
    const bool grew = !again && again.GetError().code == Errc::TooLarge &&
                      formatted.Value().size() > http::kMaxDigestHeaderLength;
    if (!grew && (!again || !(again.Value().challenge == split.Value().challenge) ||
                  again.Value().keys.ck != split.Value().keys.ck ||
                  again.Value().keys.ik != split.Value().keys.ik))
    {
        __builtin_trap();
    }
    sip::SipMessage response = sip::SipMessage::MakeResponse(401, "Unauthorized");
    response.AddHeader("WWW-Authenticate", std::string(text));
    auto taken = TakeChallengeKeys(response);
    if (!taken || taken.Value().ck != split.Value().keys.ck)
    {
        __builtin_trap();
    }
    auto leaked = ParseChallengeWithKeys(response.GetHeader("WWW-Authenticate").value_or(""));
    if (leaked || leaked.GetError().code != Errc::MissingField)
    {
        __builtin_trap();
    }
    return 0;
}
