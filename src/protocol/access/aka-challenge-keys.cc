#include "aka-challenge-keys.h"

#include "header-params.h"
#include "protocol/gba/length-check.h"

#include <algorithm>
#include <cctype>

namespace mediasec
{
namespace access
{

namespace
{

constexpr size_t kKeyLength = 16;                   //!< CK and IK length in bytes
constexpr const char* kHeader = "WWW-Authenticate"; //!< the header carrying the keys

/** \return the value of the key parameter \p name in \p value, or the error. */
Result<Bytes>
ReadKey(std::string_view value, const char* name)
{
    size_t pos = 0;
    auto scheme = ReadHeaderParam(value, pos, kHeader); // "Digest", checked by the caller
    if (!scheme)
    {
        return scheme.GetError();
    }
    while (pos < value.size())
    {
        auto param = ReadHeaderParam(value, pos, kHeader);
        if (!param)
        {
            return param.GetError();
        }
        if (param.Value().name == name)
        {
            const std::string& hex = param.Value().value;
            const bool valid =
                hex.size() == 2 * kKeyLength && std::all_of(hex.begin(), hex.end(), [](char c) {
                    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
                });
            if (!valid)
            {
                return MakeError(Errc::Malformed, std::string(name) + ": not 32 hex digits");
            }
            return FromHex(hex);
        }
        pos = std::min(value.find_first_not_of(", \t", pos), value.size());
    }
    return MakeError(Errc::MissingField, std::string(name) + ": missing");
}

} // namespace

Result<std::string>
FormatChallengeWithKeys(const http::DigestChallenge& challenge, const AkaKeys& keys)
{
    for (const auto& [name, key] :
         {std::pair<const char*, const Bytes*>{"CK", &keys.ck}, {"IK", &keys.ik}})
    {
        Status length = gba::CheckLength(name, *key, kKeyLength);
        if (!length)
        {
            return length.GetError();
        }
    }
    return http::FormatDigestChallenge(challenge) + ", ck=\"" + ToHex(keys.ck) + "\", ik=\"" +
           ToHex(keys.ik) + "\"";
}

Result<SplitChallenge>
ParseChallengeWithKeys(std::string_view value)
{
    auto challenge = http::ParseDigestChallenge(value);
    if (!challenge)
    {
        return challenge.GetError();
    }
    auto ck = ReadKey(value, "ck");
    if (!ck)
    {
        return ck.GetError();
    }
    auto ik = ReadKey(value, "ik");
    if (!ik)
    {
        return ik.GetError();
    }
    return SplitChallenge{std::move(challenge).Value(),
                          {std::move(ck).Value(), std::move(ik).Value()}};
}

Result<AkaKeys>
TakeChallengeKeys(sip::SipMessage& response)
{
    const auto values = response.GetHeaders(kHeader);
    if (values.empty())
    {
        return MakeError(Errc::MissingField, std::string(kHeader) + ": missing");
    }
    if (values.size() > 1)
    {
        return MakeError(Errc::Unsupported, std::string(kHeader) + ": more than one challenge");
    }
    auto split = ParseChallengeWithKeys(values.front());
    if (!split)
    {
        return split.GetError();
    }
    response.SetHeader(kHeader, http::FormatDigestChallenge(split.Value().challenge));
    return std::move(split).Value().keys;
}

} // namespace access
} // namespace mediasec
