#include "sip-header-values.h"

#include "sip-syntax.h"

#include <algorithm>
#include <functional>

namespace mediasec
{
namespace sip
{

using syntax::Excerpt;
using syntax::IsHexDigit;
using syntax::IsWsp;
using syntax::SkipWsp;

namespace
{

/** \return true for unreserved = alphanum / mark (RFC 3261 25.1). */
bool
IsUnreserved(char c)
{
    return syntax::IsAlphaNum(c) || std::string_view("-_.!~*'()").find(c) != std::string_view::npos;
}

/** \return a predicate accepting unreserved and the characters of \p extra. */
std::function<bool(char)>
UnreservedOr(std::string_view extra)
{
    return [extra](char c) { return IsUnreserved(c) || extra.find(c) != std::string_view::npos; };
}

/** \return true when every octet of \p s is accepted by \p plain or starts a valid "%" HEX HEX. */
bool
IsEscapedText(std::string_view s, const std::function<bool(char)>& plain)
{
    for (size_t i = 0; i < s.size(); ++i)
    {
        if (s[i] == '%')
        {
            if (i + 2 >= s.size() || !IsHexDigit(s[i + 1]) || !IsHexDigit(s[i + 2]))
            {
                return false;
            }
            i += 2;
        }
        else if (!plain(s[i]))
        {
            return false;
        }
    }
    return true;
}

/** \return true for scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ). */
bool
IsScheme(std::string_view s)
{
    if (s.empty() || !syntax::IsAlphaNum(s.front()) || (s.front() >= '0' && s.front() <= '9'))
    {
        return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
        return syntax::IsAlphaNum(c) || c == '+' || c == '-' || c == '.';
    });
}

/** \brief Parses the digits of a port into 1..65535; \p field names the header. */
Result<uint16_t>
ParsePort(std::string_view digits, std::string_view field)
{
    auto port = syntax::ParseDecimal(digits, 65535, std::string(field) + " port");
    if (!port)
    {
        return port.GetError();
    }
    if (port.Value() == 0)
    {
        return MakeError(Errc::OutOfRange, std::string(field) + " port: 0 is not a port");
    }
    return static_cast<uint16_t>(port.Value());
}

/** \brief Scans a host (hostname / IPv4 / "[IPv6]") starting at \p pos; returns its end. */
size_t
ScanHost(std::string_view s, size_t pos)
{
    if (pos < s.size() && s[pos] == '[')
    {
        const size_t close = s.find(']', pos);
        return close == std::string_view::npos ? s.size() : close + 1;
    }
    while (pos < s.size() && (syntax::IsAlphaNum(s[pos]) || s[pos] == '-' || s[pos] == '.'))
    {
        ++pos;
    }
    return pos;
}

std::string
UnescapeQuoted(std::string_view inner)
{
    std::string out;
    for (size_t i = 0; i < inner.size(); ++i)
    {
        if (inner[i] == '\\' && i + 1 < inner.size())
        {
            ++i;
        }
        out += inner[i];
    }
    return out;
}

std::string
QuoteDisplayName(std::string_view name)
{
    std::string out = "\"";
    for (char c : name)
    {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\r' || c == '\n')
        {
            out += ' ';
        }
        else if (c == '"' || c == '\\' || (u < 0x20 && c != '\t') || u == 0x7f)
        {
            out += '\\';
            out += c;
        }
        else
        {
            out += c;
        }
    }
    out += '"';
    return out;
}

/** \brief Parses the SIP URI parameters and headers that follow the host:port at \p pos. */
Status
ParseUriTail(std::string_view s, size_t pos, SipUri& uri)
{
    const auto paramChar = UnreservedOr("[]/:&+$");
    while (pos < s.size() && s[pos] == ';')
    {
        ++pos;
        size_t end = pos;
        while (end < s.size() && s[end] != ';' && s[end] != '?')
        {
            ++end;
        }
        std::string_view param = s.substr(pos, end - pos);
        const size_t eq = param.find('=');
        std::string_view name = param.substr(0, eq);
        std::string_view value =
            eq == std::string_view::npos ? std::string_view() : param.substr(eq + 1);
        if (name.empty() || !IsEscapedText(name, paramChar) ||
            (eq != std::string_view::npos && (value.empty() || !IsEscapedText(value, paramChar))))
        {
            return MakeError(Errc::Malformed, "SIP URI: bad parameter " + Excerpt(param));
        }
        if (!uri.params.emplace(syntax::ToLower(name), std::string(value)).second)
        {
            return MakeError(Errc::Malformed, "SIP URI: duplicate parameter " + Excerpt(name));
        }
        pos = end;
    }
    if (pos < s.size())
    {
        std::string_view headers = s.substr(pos + 1);
        if (s[pos] != '?' || headers.empty() || !IsEscapedText(headers, UnreservedOr("[]/?:+$=&")))
        {
            return MakeError(Errc::Malformed, "SIP URI: bad headers " + Excerpt(s.substr(pos)));
        }
        uri.headers = std::string(headers);
    }
    return Ok{};
}

} // namespace

Result<CSeq>
ParseCSeq(std::string_view value)
{
    std::string_view v = syntax::TrimWsp(value);
    size_t digitsEnd = 0;
    while (digitsEnd < v.size() && v[digitsEnd] >= '0' && v[digitsEnd] <= '9')
    {
        ++digitsEnd;
    }
    if (digitsEnd == 0)
    {
        return MakeError(Errc::Malformed, "CSeq: " + Excerpt(v) + " has no sequence number");
    }
    auto number = syntax::ParseDecimal(v.substr(0, digitsEnd), UINT32_MAX, "CSeq");
    if (!number)
    {
        return number.GetError();
    }
    const size_t methodStart = SkipWsp(v, digitsEnd);
    std::string_view method = v.substr(methodStart);
    if (methodStart == digitsEnd || !syntax::IsToken(method))
    {
        return MakeError(Errc::Malformed, "CSeq: " + Excerpt(v) + " has no method token");
    }
    return CSeq{static_cast<uint32_t>(number.Value()), std::string(method)};
}

std::string
FormatCSeq(const CSeq& cseq)
{
    return std::to_string(cseq.number) + " " + cseq.method;
}

Result<Via>
ParseVia(std::string_view value)
{
    std::string_view v = syntax::TrimWsp(value);
    // sent-protocol = protocol-name SLASH protocol-version SLASH transport
    std::string_view parts[3];
    size_t pos = 0;
    for (int i = 0; i < 3; ++i)
    {
        pos = SkipWsp(v, pos);
        if (i > 0)
        {
            if (pos >= v.size() || v[pos] != '/')
            {
                return MakeError(Errc::Malformed, "Via: bad sent-protocol " + Excerpt(v));
            }
            pos = SkipWsp(v, pos + 1);
        }
        const size_t start = pos;
        while (pos < v.size() && syntax::IsTokenChar(v[pos]))
        {
            ++pos;
        }
        parts[i] = v.substr(start, pos - start);
        if (parts[i].empty())
        {
            return MakeError(Errc::Malformed, "Via: bad sent-protocol " + Excerpt(v));
        }
    }
    if (!syntax::EqualsNoCase(parts[0], "SIP") || parts[1] != "2.0")
    {
        return MakeError(Errc::Unsupported,
                         "Via: protocol " + Excerpt(v.substr(0, pos)) + " is not SIP/2.0");
    }
    Via via;
    via.transport.clear();
    for (char c : parts[2])
    {
        via.transport += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    const size_t hostStart = SkipWsp(v, pos);
    if (hostStart == pos)
    {
        return MakeError(Errc::Malformed, "Via: no white space before sent-by");
    }
    const size_t hostEnd = ScanHost(v, hostStart);
    via.host = std::string(v.substr(hostStart, hostEnd - hostStart));
    if (!syntax::IsHost(via.host))
    {
        return MakeError(Errc::Malformed, "Via: bad host " + Excerpt(via.host));
    }
    pos = SkipWsp(v, hostEnd);
    if (pos < v.size() && v[pos] == ':')
    {
        const size_t digitsStart = SkipWsp(v, pos + 1);
        size_t digitsEnd = digitsStart;
        while (digitsEnd < v.size() && syntax::IsAlphaNum(v[digitsEnd]))
        {
            ++digitsEnd;
        }
        auto port = ParsePort(v.substr(digitsStart, digitsEnd - digitsStart), "Via");
        if (!port)
        {
            return port.GetError();
        }
        via.port = port.Value();
        pos = digitsEnd;
    }
    auto params = syntax::ParseParams(v.substr(pos), "Via");
    if (!params)
    {
        return params.GetError();
    }
    via.params = std::move(params).Value();
    if (auto it = via.params.find("branch"); it != via.params.end())
    {
        if (it->second.empty())
        {
            return MakeError(Errc::Malformed, "Via: branch without value");
        }
        via.branch = it->second;
        via.params.erase(it);
    }
    return via;
}

std::string
FormatVia(const Via& via)
{
    std::string out = "SIP/2.0/" + via.transport + " " + via.host + ":" + std::to_string(via.port);
    if (!via.branch.empty())
    {
        out += ";branch=" + via.branch;
    }
    return out + syntax::FormatParams(via.params, "branch");
}

Result<NameAddr>
ParseNameAddr(std::string_view value)
{
    std::string_view v = syntax::TrimWsp(value);
    NameAddr out;
    size_t pos = 0;
    bool angle = false;
    if (!v.empty() && v.front() == '"')
    {
        const size_t end = syntax::ScanQuotedString(v, 0);
        if (end == std::string_view::npos)
        {
            return MakeError(Errc::Malformed,
                             "name-addr: unterminated or bad quoted display name " + Excerpt(v));
        }
        out.displayName = UnescapeQuoted(v.substr(1, end - 2));
        pos = SkipWsp(v, end);
        if (pos >= v.size() || v[pos] != '<')
        {
            return MakeError(Errc::Malformed, "name-addr: quoted display name without <URI>");
        }
        angle = true;
    }
    else
    {
        size_t i = 0;
        while (i < v.size() && (syntax::IsTokenChar(v[i]) || IsWsp(v[i])))
        {
            ++i;
        }
        if (i < v.size() && v[i] == '<')
        {
            // display-name = *(token LWS): white space runs become one SP.
            std::string_view tokens = syntax::TrimWsp(v.substr(0, i));
            for (size_t j = 0; j < tokens.size();)
            {
                if (IsWsp(tokens[j]))
                {
                    out.displayName += ' ';
                    j = SkipWsp(tokens, j);
                }
                else
                {
                    out.displayName += tokens[j++];
                }
            }
            pos = i;
            angle = true;
        }
    }
    size_t paramsStart = 0;
    if (angle)
    {
        const size_t close = v.find('>', pos);
        if (close == std::string_view::npos)
        {
            return MakeError(Errc::Malformed, "name-addr: missing '>' in " + Excerpt(v));
        }
        out.uri = std::string(v.substr(pos + 1, close - pos - 1));
        paramsStart = close + 1;
    }
    else
    {
        size_t end = 0;
        while (end < v.size() && v[end] != ';' && !IsWsp(v[end]))
        {
            ++end;
        }
        out.uri = std::string(v.substr(0, end));
        if (out.uri.find_first_of(",?") != std::string::npos)
        {
            return MakeError(Errc::Malformed,
                             "name-addr: a URI with ',' or '?' needs <>: " + Excerpt(out.uri));
        }
        paramsStart = end;
    }
    if (auto status = ValidateUri(out.uri); !status)
    {
        return status.GetError();
    }
    auto params = syntax::ParseParams(v.substr(paramsStart), "name-addr");
    if (!params)
    {
        return params.GetError();
    }
    out.params = std::move(params).Value();
    return out;
}

std::string
FormatNameAddr(const NameAddr& nameAddr)
{
    std::string out;
    if (!nameAddr.displayName.empty())
    {
        out = QuoteDisplayName(nameAddr.displayName) + " ";
    }
    return out + "<" + nameAddr.uri + ">" + syntax::FormatParams(nameAddr.params);
}

Result<SipUri>
ParseSipUri(std::string_view text)
{
    const size_t colon = text.find(':');
    std::string_view scheme = text.substr(0, colon);
    SipUri uri;
    if (colon == std::string_view::npos || !IsScheme(scheme))
    {
        return MakeError(Errc::Malformed, "SIP URI: no scheme in " + Excerpt(text));
    }
    if (syntax::EqualsNoCase(scheme, "sips"))
    {
        uri.secure = true;
    }
    else if (!syntax::EqualsNoCase(scheme, "sip"))
    {
        return MakeError(Errc::Unsupported,
                         "SIP URI: scheme " + Excerpt(scheme) + " is not sip or sips");
    }
    std::string_view rest = text.substr(colon + 1);
    const size_t at = rest.find('@');
    if (at != std::string_view::npos)
    {
        std::string_view userinfo = rest.substr(0, at);
        const size_t pc = userinfo.find(':');
        std::string_view user = userinfo.substr(0, pc);
        std::string_view password =
            pc == std::string_view::npos ? std::string_view() : userinfo.substr(pc + 1);
        if (user.empty() || !IsEscapedText(user, UnreservedOr("&=+$,;?/")))
        {
            return MakeError(Errc::Malformed, "SIP URI: bad user " + Excerpt(user));
        }
        if (!IsEscapedText(password, UnreservedOr("&=+$,")))
        {
            return MakeError(Errc::Malformed, "SIP URI: bad password");
        }
        uri.user = std::string(user);
        uri.password = std::string(password);
        rest = rest.substr(at + 1);
    }
    const size_t hostEnd = ScanHost(rest, 0);
    uri.host = std::string(rest.substr(0, hostEnd));
    if (!syntax::IsHost(uri.host))
    {
        return MakeError(Errc::Malformed, "SIP URI: bad host in " + Excerpt(text));
    }
    size_t pos = hostEnd;
    if (pos < rest.size() && rest[pos] == ':')
    {
        size_t end = pos + 1;
        while (end < rest.size() && rest[end] != ';' && rest[end] != '?')
        {
            ++end;
        }
        auto port = ParsePort(rest.substr(pos + 1, end - pos - 1), "SIP URI");
        if (!port)
        {
            return port.GetError();
        }
        uri.port = port.Value();
        pos = end;
    }
    if (auto status = ParseUriTail(rest, pos, uri); !status)
    {
        return status.GetError();
    }
    return uri;
}

std::string
FormatSipUri(const SipUri& uri)
{
    std::string out = uri.secure ? "sips:" : "sip:";
    if (!uri.user.empty())
    {
        out += uri.user;
        if (!uri.password.empty())
        {
            out += ":" + uri.password;
        }
        out += "@";
    }
    out += uri.host;
    if (uri.port != 0)
    {
        out += ":" + std::to_string(uri.port);
    }
    out += syntax::FormatParams(uri.params);
    if (!uri.headers.empty())
    {
        out += "?" + uri.headers;
    }
    return out;
}

Status
ValidateUri(std::string_view uri)
{
    const size_t colon = uri.find(':');
    std::string_view scheme = uri.substr(0, colon);
    if (colon == std::string_view::npos || !IsScheme(scheme) || colon + 1 == uri.size())
    {
        return MakeError(Errc::Malformed, "URI: " + Excerpt(uri) + " is not an absolute URI");
    }
    if (syntax::EqualsNoCase(scheme, "sip") || syntax::EqualsNoCase(scheme, "sips"))
    {
        auto parsed = ParseSipUri(uri);
        if (!parsed)
        {
            return parsed.GetError();
        }
        return Ok{};
    }
    const bool printable = std::all_of(uri.begin(), uri.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u > 0x20 && u < 0x7f && c != '"' && c != '<' && c != '>';
    });
    if (!printable)
    {
        return MakeError(Errc::Malformed, "URI: " + Excerpt(uri) + " has a forbidden character");
    }
    return Ok{};
}

bool
operator==(const CSeq& a, const CSeq& b)
{
    return a.number == b.number && a.method == b.method;
}

bool
operator==(const Via& a, const Via& b)
{
    return a.transport == b.transport && a.host == b.host && a.port == b.port &&
           a.branch == b.branch && a.params == b.params;
}

bool
operator==(const NameAddr& a, const NameAddr& b)
{
    return a.displayName == b.displayName && a.uri == b.uri && a.params == b.params;
}

bool
operator==(const SipUri& a, const SipUri& b)
{
    return a.user == b.user && a.host == b.host && a.port == b.port && a.params == b.params &&
           a.secure == b.secure && a.password == b.password && a.headers == b.headers;
}

} // namespace sip
} // namespace mediasec
