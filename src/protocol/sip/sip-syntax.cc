#include "sip-syntax.h"

#include <algorithm>

namespace mediasec
{
namespace sip
{
namespace syntax
{

namespace
{

/** \return true for the characters of a gen-value that is a token or a host. */
bool
IsGenValueChar(char c)
{
    return IsTokenChar(c) || c == ':' || c == '[' || c == ']';
}

} // namespace

bool
IsWsp(char c)
{
    return c == ' ' || c == '\t';
}

bool
IsAlphaNum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool
IsHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

size_t
SkipWsp(std::string_view s, size_t pos)
{
    while (pos < s.size() && IsWsp(s[pos]))
    {
        ++pos;
    }
    return pos;
}

bool
IsTokenChar(char c)
{
    switch (c)
    {
    case '-':
    case '.':
    case '!':
    case '%':
    case '*':
    case '_':
    case '+':
    case '`':
    case '\'':
    case '~':
        return true;
    default:
        return IsAlphaNum(c);
    }
}

bool
IsToken(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar);
}

bool
IsWord(std::string_view s)
{
    static constexpr std::string_view kExtra = "()<>:\\\"/[]?{}";
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return IsTokenChar(c) || kExtra.find(c) != std::string_view::npos;
    });
}

bool
IsDigits(std::string_view s)
{
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view
TrimWsp(std::string_view s)
{
    size_t begin = SkipWsp(s, 0);
    size_t end = s.size();
    while (end > begin && IsWsp(s[end - 1]))
    {
        --end;
    }
    return s.substr(begin, end - begin);
}

std::string
ToLower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
    {
        c = ToLowerChar(c);
    }
    return out;
}

char
ToLowerChar(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool
EqualsNoCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ToLowerChar(x) == ToLowerChar(y);
           });
}

Result<uint64_t>
ParseDecimal(std::string_view text, uint64_t max, std::string_view field)
{
    if (!IsDigits(text))
    {
        return MakeError(Errc::Malformed,
                         std::string(field) + ": " + Excerpt(text) + " is not a decimal number");
    }
    uint64_t value = 0;
    for (char c : text)
    {
        const uint64_t digit = static_cast<uint64_t>(c - '0');
        if (digit > max || value > (max - digit) / 10)
        {
            return MakeError(Errc::OutOfRange, std::string(field) + ": " + Excerpt(text) +
                                                   " exceeds " + std::to_string(max));
        }
        value = value * 10 + digit;
    }
    return value;
}

size_t
ScanQuotedString(std::string_view s, size_t pos)
{
    for (size_t i = pos + 1; i < s.size(); ++i)
    {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        if (c == '"')
        {
            return i + 1;
        }
        if (c == '\\')
        {
            if (i + 1 >= s.size() || s[i + 1] == '\r' || s[i + 1] == '\n')
            {
                return std::string_view::npos;
            }
            ++i;
            continue;
        }
        const bool qdtext = IsWsp(c) || u >= 0x80 || (u >= 0x21 && u <= 0x7e);
        if (!qdtext)
        {
            return std::string_view::npos;
        }
    }
    return std::string_view::npos;
}

std::vector<std::string_view>
SplitList(std::string_view value)
{
    std::vector<std::string_view> out;
    bool quoted = false;
    size_t depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < value.size(); ++i)
    {
        const char c = value[i];
        if (quoted)
        {
            if (c == '\\')
            {
                ++i;
            }
            else if (c == '"')
            {
                quoted = false;
            }
        }
        else if (c == '"')
        {
            quoted = true;
        }
        else if (c == '<')
        {
            ++depth;
        }
        else if (c == '>' && depth > 0)
        {
            --depth;
        }
        else if (c == ',' && depth == 0)
        {
            out.push_back(TrimWsp(value.substr(start, i - start)));
            start = i + 1;
        }
    }
    out.push_back(TrimWsp(value.substr(std::min(start, value.size()))));
    return out;
}

Result<ParamMap>
ParseParams(std::string_view text, std::string_view field)
{
    const std::string where(field);
    ParamMap params;
    size_t pos = SkipWsp(text, 0);
    while (pos < text.size())
    {
        if (text[pos] != ';')
        {
            return MakeError(Errc::Malformed,
                             where + ": unexpected text " + Excerpt(text.substr(pos)));
        }
        pos = SkipWsp(text, pos + 1);
        const size_t nameStart = pos;
        while (pos < text.size() && IsTokenChar(text[pos]))
        {
            ++pos;
        }
        if (pos == nameStart)
        {
            return MakeError(Errc::Malformed, where + ": empty parameter name");
        }
        std::string name = ToLower(text.substr(nameStart, pos - nameStart));
        pos = SkipWsp(text, pos);
        std::string value;
        if (pos < text.size() && text[pos] == '=')
        {
            pos = SkipWsp(text, pos + 1);
            const size_t valueStart = pos;
            if (pos < text.size() && text[pos] == '"')
            {
                pos = ScanQuotedString(text, pos);
                if (pos == std::string_view::npos)
                {
                    return MakeError(Errc::Malformed,
                                     where + ": parameter " + name + " has a bad quoted-string");
                }
            }
            else
            {
                while (pos < text.size() && IsGenValueChar(text[pos]))
                {
                    ++pos;
                }
            }
            if (pos == valueStart)
            {
                return MakeError(Errc::Malformed, where + ": parameter " + name + " has no value");
            }
            value = std::string(text.substr(valueStart, pos - valueStart));
            pos = SkipWsp(text, pos);
        }
        if (!params.emplace(name, std::move(value)).second)
        {
            return MakeError(Errc::Malformed, where + ": duplicate parameter " + name);
        }
    }
    return params;
}

std::string
FormatParams(const ParamMap& params, std::string_view skip)
{
    std::string out;
    for (const auto& [name, value] : params)
    {
        if (!skip.empty() && name == skip)
        {
            continue;
        }
        out += ';';
        out += name;
        if (!value.empty())
        {
            out += '=';
            out += value;
        }
    }
    return out;
}

bool
IsHost(std::string_view host)
{
    if (host.empty())
    {
        return false;
    }
    if (host.front() == '[')
    {
        if (host.size() < 4 || host.back() != ']')
        {
            return false;
        }
        std::string_view inner = host.substr(1, host.size() - 2);
        return inner.find(':') != std::string_view::npos &&
               std::all_of(inner.begin(), inner.end(),
                           [](char c) { return IsHexDigit(c) || c == ':' || c == '.'; });
    }
    return IsAlphaNum(host.front()) && std::all_of(host.begin(), host.end(), [](char c) {
               return IsAlphaNum(c) || c == '-' || c == '.';
           });
}

std::string
OneLine(std::string_view text)
{
    std::string out(text);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return out;
}

std::string
Excerpt(std::string_view s)
{
    constexpr size_t kMax = 64;
    std::string out = "'";
    for (char c : s.substr(0, kMax))
    {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7f) ? c : '?';
    }
    out += s.size() > kMax ? "...'" : "'";
    return out;
}

} // namespace syntax
} // namespace sip
} // namespace mediasec
