#include "header-params.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace mediasec
{
namespace access
{

namespace
{

/** \return true for an RFC 7230 tchar. */
bool
IsTchar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

/** \brief Moves \p pos past SP and HTAB. */
void
SkipSpace(std::string_view text, size_t& pos)
{
    pos = std::min(text.find_first_not_of(" \t", pos), text.size());
}

/** \return the token starting at \p pos (possibly empty); \p pos moves past it. */
std::string_view
TakeToken(std::string_view text, size_t& pos)
{
    const size_t start = pos;
    pos = std::find_if_not(text.begin() + pos, text.end(), IsTchar) - text.begin();
    return text.substr(start, pos - start);
}

/** \return true for a character a quoted string may not hold unescaped or escaped. */
bool
IsForbiddenControl(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\t') || u == 0x7f;
}

} // namespace

bool
operator==(const HeaderParam& a, const HeaderParam& b)
{
    return a.name == b.name && a.value == b.value && a.hasValue == b.hasValue;
}

bool
IsHeaderToken(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), IsTchar);
}

Result<HeaderParam>
ReadHeaderParam(std::string_view text, size_t& pos, std::string_view header)
{
    SkipSpace(text, pos);
    HeaderParam param;
    const std::string_view name = TakeToken(text, pos);
    if (name.empty())
    {
        return MakeError(Errc::Malformed, std::string(header) + ": parameter name expected");
    }
    std::transform(name.begin(), name.end(), std::back_inserter(param.name), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    const std::string where = std::string(header) + " " + param.name;
    SkipSpace(text, pos);
    if (pos == text.size() || text[pos] != '=')
    {
        return param;
    }
    param.hasValue = true;
    SkipSpace(text, ++pos);
    if (pos < text.size() && text[pos] == '"')
    {
        bool closed = false;
        for (++pos; pos < text.size() && !closed; ++pos)
        {
            char c = text[pos];
            if (c == '\\' && pos + 1 < text.size())
            {
                c = text[++pos];
            }
            else if (c == '"')
            {
                closed = true;
                continue;
            }
            if (IsForbiddenControl(c))
            {
                return MakeError(Errc::Malformed, where + ": control character in quoted value");
            }
            param.value += c;
        }
        if (!closed)
        {
            return MakeError(Errc::Malformed, where + ": unterminated quoted value");
        }
    }
    else
    {
        param.value = std::string(TakeToken(text, pos));
        if (param.value.empty())
        {
            return MakeError(Errc::Malformed, where + ": token or quoted value expected");
        }
    }
    SkipSpace(text, pos);
    return param;
}

std::string
FormatHeaderParam(const HeaderParam& param)
{
    if (!param.hasValue)
    {
        return param.name;
    }
    if (IsHeaderToken(param.value))
    {
        return param.name + "=" + param.value;
    }
    std::string out = param.name + "=\"";
    for (char c : param.value)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

} // namespace access
} // namespace mediasec
