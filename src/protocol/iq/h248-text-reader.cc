#include "h248-text-reader.h"

#include <algorithm>

namespace mediasec
{
namespace iq
{

namespace
{

/** \brief Longest pathNAME (RFC 3525 B.2: "Total length of pathNAME must not exceed 64"). */
constexpr size_t kMaxTerminationIdLength = 64;

bool
IsAlpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool
IsDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool
IsHex(char c)
{
    return IsDigit(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

bool
IsLwspChar(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char
ToLowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool
EqualsNoCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ToLowerAscii(x) == ToLowerAscii(y);
           });
}

/** \return true for the characters a TerminationID may hold (pathNAME and pathDomainName). */
bool
IsTerminationIdChar(char c)
{
    return IsAlpha(c) || IsDigit(c) || c == '_' || c == '/' || c == '*' || c == '$' || c == '@' ||
           c == '.' || c == '-';
}

/** \return true when \p id follows pathNAME (length checked by the caller). */
bool
IsPathName(std::string_view id)
{
    size_t at = id.find('@');
    std::string_view name = id.substr(0, at);
    size_t i = !name.empty() && name[0] == '*' ? 1 : 0;
    if (i >= name.size() || !IsAlpha(name[i]))
    {
        return false;
    }
    for (char c : name.substr(i))
    {
        if (!(IsAlpha(c) || IsDigit(c) || c == '_' || c == '/' || c == '*' || c == '$'))
        {
            return false;
        }
    }
    if (at == std::string_view::npos)
    {
        return true;
    }
    std::string_view domain = id.substr(at + 1);
    if (domain.empty() || !(IsAlpha(domain[0]) || IsDigit(domain[0]) || domain[0] == '*'))
    {
        return false;
    }
    return std::all_of(domain.begin(), domain.end(), [](char c) {
        return IsAlpha(c) || IsDigit(c) || c == '*' || c == '-' || c == '.';
    });
}

} // namespace

bool
TokenIs(std::string_view word, const H248Token& token)
{
    return EqualsNoCase(word, token.longForm) || EqualsNoCase(word, token.shortForm);
}

H248TextReader::H248TextReader(std::string_view text)
    : m_text(text)
{
}

Error
H248TextReader::Fail(const std::string& what) const
{
    if (m_pos >= m_text.size())
    {
        return MakeError(Errc::Truncated, what + ": input ended");
    }
    unsigned char c = static_cast<unsigned char>(m_text[m_pos]);
    std::string shown = c > 0x20 && c < 0x7f ? "'" + std::string(1, static_cast<char>(c)) + "'"
                                             : "byte " + std::to_string(c);
    return MakeError(Errc::Malformed,
                     what + ": unexpected " + shown + " at offset " + std::to_string(m_pos));
}

void
H248TextReader::SkipLwsp()
{
    while (m_pos < m_text.size())
    {
        char c = m_text[m_pos];
        if (IsLwspChar(c))
        {
            ++m_pos;
        }
        else if (c == ';')
        {
            while (m_pos < m_text.size() && m_text[m_pos] != '\r' && m_text[m_pos] != '\n')
            {
                ++m_pos;
            }
        }
        else
        {
            return;
        }
    }
}

bool
H248TextReader::AtEnd()
{
    SkipLwsp();
    return m_pos >= m_text.size();
}

bool
H248TextReader::AcceptSymbol(char c)
{
    SkipLwsp();
    if (m_pos < m_text.size() && m_text[m_pos] == c)
    {
        ++m_pos;
        SkipLwsp();
        return true;
    }
    return false;
}

Status
H248TextReader::ExpectSymbol(char c, const std::string& what)
{
    if (AcceptSymbol(c))
    {
        return Ok{};
    }
    return Fail(what + ": expected '" + std::string(1, c) + "'");
}

bool
H248TextReader::AcceptChar(char c)
{
    if (m_pos < m_text.size() && m_text[m_pos] == c)
    {
        ++m_pos;
        return true;
    }
    return false;
}

Status
H248TextReader::ExpectChar(char c, const std::string& what)
{
    if (AcceptChar(c))
    {
        return Ok{};
    }
    return Fail(what + ": expected '" + std::string(1, c) + "'");
}

Status
H248TextReader::ExpectSep(const std::string& what)
{
    if (m_pos < m_text.size() && (IsLwspChar(m_text[m_pos]) || m_text[m_pos] == ';'))
    {
        SkipLwsp();
        return Ok{};
    }
    return Fail(what + ": expected a separator");
}

Result<std::string_view>
H248TextReader::ReadName(const std::string& what)
{
    if (m_pos >= m_text.size() || !IsAlpha(m_text[m_pos]))
    {
        return Fail(what);
    }
    size_t start = m_pos;
    while (m_pos < m_text.size() &&
           (IsAlpha(m_text[m_pos]) || IsDigit(m_text[m_pos]) || m_text[m_pos] == '_'))
    {
        ++m_pos;
    }
    if (m_pos == m_text.size())
    {
        return Fail(what); // a message never ends in a name: the input was cut
    }
    return m_text.substr(start, m_pos - start);
}

std::string_view
H248TextReader::PeekName() const
{
    size_t end = m_pos;
    while (end < m_text.size() &&
           (IsAlpha(m_text[end]) || IsDigit(m_text[end]) || m_text[end] == '_'))
    {
        ++end;
    }
    return m_text.substr(m_pos, end - m_pos);
}

Result<uint32_t>
H248TextReader::ReadUint(const std::string& what, size_t maxDigits, uint32_t max)
{
    size_t start = m_pos;
    while (m_pos < m_text.size() && IsDigit(m_text[m_pos]))
    {
        ++m_pos;
    }
    size_t digits = m_pos - start;
    if (digits == 0 || m_pos == m_text.size())
    {
        return Fail(what + ": expected a number"); // a message never ends in a number
    }
    if (digits > maxDigits)
    {
        return MakeError(Errc::OutOfRange,
                         what + ": more than " + std::to_string(maxDigits) + " digits");
    }
    uint64_t value = 0;
    for (size_t i = start; i < m_pos; ++i)
    {
        value = value * 10 + static_cast<uint64_t>(m_text[i] - '0');
    }
    if (value > max)
    {
        return MakeError(Errc::OutOfRange,
                         what + ": " + std::to_string(value) + " exceeds " + std::to_string(max));
    }
    return static_cast<uint32_t>(value);
}

Result<std::string_view>
H248TextReader::ReadTerminationId(const std::string& what)
{
    size_t start = m_pos;
    while (m_pos < m_text.size() && IsTerminationIdChar(m_text[m_pos]))
    {
        ++m_pos;
    }
    std::string_view id = m_text.substr(start, m_pos - start);
    if (id.empty() || m_pos == m_text.size())
    {
        return Fail(what + ": expected a TerminationID");
    }
    if (id.size() > kMaxTerminationIdLength)
    {
        return MakeError(Errc::OutOfRange, what + ": TerminationID longer than " +
                                               std::to_string(kMaxTerminationIdLength));
    }
    if (id != "$" && id != "*" && !IsPathName(id))
    {
        return MakeError(Errc::Malformed,
                         what + ": '" + std::string(id) + "' is not a TerminationID");
    }
    return id;
}

Result<std::string_view>
H248TextReader::ReadMid()
{
    size_t start = m_pos;
    if (AcceptChar('['))
    {
        size_t first = m_pos;
        while (m_pos < m_text.size() &&
               (IsHex(m_text[m_pos]) || m_text[m_pos] == '.' || m_text[m_pos] == ':'))
        {
            ++m_pos;
        }
        if (m_pos == first || !AcceptChar(']'))
        {
            return Fail("mId: domainAddress");
        }
    }
    else if (AcceptChar('<'))
    {
        size_t first = m_pos;
        while (m_pos < m_text.size() &&
               (IsAlpha(m_text[m_pos]) || IsDigit(m_text[m_pos]) ||
                (m_pos > first && (m_text[m_pos] == '-' || m_text[m_pos] == '.'))))
        {
            ++m_pos;
        }
        if (m_pos == first || m_pos - first > 64 || !AcceptChar('>'))
        {
            return Fail("mId: domainName");
        }
    }
    else if (m_pos < m_text.size() && IsAlpha(m_text[m_pos]))
    {
        return MakeError(Errc::Unsupported, "mId: only [address] and <domain name> are supported");
    }
    else
    {
        return Fail("mId");
    }
    if (AcceptChar(':'))
    {
        auto port = ReadUint("mId port", 5, 65535);
        if (!port)
        {
            return port.GetError();
        }
    }
    return m_text.substr(start, m_pos - start);
}

Result<std::string>
H248TextReader::ReadOctetString(const std::string& what)
{
    std::string out;
    while (m_pos < m_text.size())
    {
        char c = m_text[m_pos];
        if (c == '\\' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '}')
        {
            out.push_back('}');
            m_pos += 2;
        }
        else if (c == '}')
        {
            ++m_pos;
            return out;
        }
        else if (c == '\0')
        {
            return Fail(what + ": octet zero in octetString");
        }
        else
        {
            out.push_back(c);
            ++m_pos;
        }
    }
    return Fail(what + ": missing '}' after octetString");
}

Result<std::string>
H248TextReader::ReadQuotedString(const std::string& what)
{
    if (!AcceptChar('"'))
    {
        return Fail(what + ": expected '\"'");
    }
    std::string out;
    while (m_pos < m_text.size())
    {
        char c = m_text[m_pos];
        unsigned char u = static_cast<unsigned char>(c);
        if (c == '"')
        {
            ++m_pos;
            return out;
        }
        if ((u < 0x20 && c != '\t' && c != '\r' && c != '\n') || u == 0x7f)
        {
            return Fail(what + ": control character in quotedString");
        }
        out.push_back(c);
        ++m_pos;
    }
    return Fail(what + ": missing closing '\"'");
}

} // namespace iq
} // namespace mediasec
