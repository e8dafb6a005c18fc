#include "digest-auth.h"

#include "protocol/crypto/md5.h"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace mediasec
{
namespace http
{

namespace
{

using Params = std::vector<std::pair<std::string, std::string>>;

/** \return true for an RFC 7230 tchar. */
bool
IsTokenChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
           std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

/** \return true when \p text is a non-empty token. */
bool
IsToken(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), IsTokenChar);
}

/** \return \p text in ASCII lower case. */
std::string
Lower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
    return out;
}

/** \brief Skips SP and HTAB at \p pos of \p text. */
void
SkipOws(std::string_view text, size_t& pos)
{
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
    {
        ++pos;
    }
}

/** \return the unescaped quoted-string starting at the quote at \p pos, or Malformed. */
Result<std::string>
ReadQuoted(std::string_view text, size_t& pos, const std::string& name)
{
    std::string out;
    for (++pos; pos < text.size(); ++pos)
    {
        char c = text[pos];
        if (c == '"')
        {
            ++pos;
            return out;
        }
        if (c == '\\')
        {
            if (++pos == text.size())
            {
                break;
            }
            c = text[pos];
        }
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
        {
            return MakeError(Errc::Malformed, name + ": control character in quoted string");
        }
        out += c;
    }
    return MakeError(Errc::Malformed, name + ": unterminated quoted string");
}

/**
 * \return the comma-separated auth-params of \p text from \p pos, names in lower case, or
 * the error
 */
Result<Params>
ParseParamList(std::string_view text, size_t pos)
{
    if (text.size() > kMaxDigestHeaderLength)
    {
        return MakeError(Errc::TooLarge, "Digest: header value over 4096 bytes");
    }
    Params params;
    while (true)
    {
        SkipOws(text, pos);
        while (pos < text.size() && text[pos] == ',')
        {
            ++pos;
            SkipOws(text, pos);
        }
        if (pos == text.size())
        {
            return params;
        }
        const size_t nameStart = pos;
        while (pos < text.size() && IsTokenChar(text[pos]))
        {
            ++pos;
        }
        const std::string name = Lower(text.substr(nameStart, pos - nameStart));
        if (name.empty())
        {
            return MakeError(Errc::Malformed, "Digest: parameter name expected");
        }
        SkipOws(text, pos);
        if (pos == text.size() || text[pos] != '=')
        {
            return MakeError(Errc::Malformed, name + ": '=' expected");
        }
        ++pos;
        SkipOws(text, pos);
        std::string value;
        if (pos < text.size() && text[pos] == '"')
        {
            auto quoted = ReadQuoted(text, pos, name);
            if (!quoted)
            {
                return quoted.GetError();
            }
            value = std::move(quoted).Value();
        }
        else
        {
            const size_t valueStart = pos;
            while (pos < text.size() && IsTokenChar(text[pos]))
            {
                ++pos;
            }
            value = std::string(text.substr(valueStart, pos - valueStart));
            if (value.empty())
            {
                return MakeError(Errc::Malformed, name + ": token or quoted string expected");
            }
        }
        SkipOws(text, pos);
        if (pos < text.size() && text[pos] != ',')
        {
            return MakeError(Errc::Malformed, name + ": ',' expected after the value");
        }
        if (std::any_of(params.begin(), params.end(),
                        [&name](const auto& param) { return param.first == name; }))
        {
            return MakeError(Errc::Malformed, name + ": repeated");
        }
        if (params.size() == kMaxDigestParams)
        {
            return MakeError(Errc::TooLarge, "Digest: more than 16 parameters");
        }
        params.emplace_back(name, std::move(value));
    }
}

/** \return the auth-params after the "Digest" scheme, names in lower case, or the error. */
Result<Params>
ParseParams(std::string_view text)
{
    size_t pos = 0;
    SkipOws(text, pos);
    const size_t schemeEnd = std::min(text.find_first_of(" \t", pos), text.size());
    if (Lower(text.substr(pos, schemeEnd - pos)) != "digest")
    {
        return MakeError(text.size() > kMaxDigestHeaderLength ? Errc::TooLarge : Errc::Unsupported,
                         "auth scheme: not Digest");
    }
    return ParseParamList(text, schemeEnd);
}

/** \return the value of parameter \p name, or nullptr. */
const std::string*
Find(const Params& params, std::string_view name)
{
    for (const auto& param : params)
    {
        if (param.first == name)
        {
            return &param.second;
        }
    }
    return nullptr;
}

/** \return Ok after copying mandatory parameter \p name into \p out, else MissingField. */
Status
Require(const Params& params, const char* name, std::string& out)
{
    const std::string* value = Find(params, name);
    if (value == nullptr)
    {
        return MakeError(Errc::MissingField, std::string(name) + ": missing");
    }
    out = *value;
    return Ok{};
}

/** \brief Copies optional parameter \p name into \p out when present. */
void
Optional(const Params& params, const char* name, std::string& out)
{
    const std::string* value = Find(params, name);
    if (value != nullptr)
    {
        out = *value;
    }
}

/** \return true when \p text is \p length hex digits. */
bool
IsHex(std::string_view text, size_t length)
{
    return text.size() == length && std::all_of(text.begin(), text.end(), [](char c) {
               return std::isxdigit(static_cast<unsigned char>(c)) != 0;
           });
}

/** \return \p value as a quoted-string with '"' and '\' escaped. */
std::string
Quote(std::string_view value)
{
    std::string out = "\"";
    for (char c : value)
    {
        if (c == '"' || c == '\\')
        {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

/** \return \p value as a token when it is one, else quoted. */
std::string
TokenOrQuote(std::string_view value)
{
    return IsToken(value) ? std::string(value) : Quote(value);
}

/**
 * \brief Appends "name=value" to \p out, comma-separated unless \p out is empty or ends with
 * the space after the scheme.
 */
void
Append(std::string& out, const char* name, const std::string& formatted)
{
    out += out.empty() || out.back() == ' ' ? "" : ", ";
    out += name;
    out += '=';
    out += formatted;
}

/** \return lower-case hex MD5 of \p text, or CryptoFailure. */
Result<std::string>
Md5Hex(const Bytes& text)
{
    const Bytes digest = Md5(text);
    if (digest.empty())
    {
        return MakeError(Errc::CryptoFailure, "MD5 failed");
    }
    return ToHex(digest);
}

} // namespace

bool
operator==(const DigestChallenge& a, const DigestChallenge& b)
{
    return a.realm == b.realm && a.nonce == b.nonce && a.qop == b.qop && a.opaque == b.opaque &&
           a.algorithm == b.algorithm && a.domain == b.domain && a.stale == b.stale;
}

bool
operator==(const DigestCredentials& a, const DigestCredentials& b)
{
    return a.username == b.username && a.realm == b.realm && a.nonce == b.nonce && a.uri == b.uri &&
           a.response == b.response && a.algorithm == b.algorithm && a.cnonce == b.cnonce &&
           a.opaque == b.opaque && a.qop == b.qop && a.nc == b.nc && a.auts == b.auts;
}

Result<DigestChallenge>
ParseDigestChallenge(std::string_view value)
{
    auto params = ParseParams(value);
    if (!params)
    {
        return params.GetError();
    }
    DigestChallenge challenge;
    for (const auto& [name, field] :
         {std::pair<const char*, std::string*>{"realm", &challenge.realm},
          {"nonce", &challenge.nonce}})
    {
        Status present = Require(params.Value(), name, *field);
        if (!present)
        {
            return present.GetError();
        }
    }
    Optional(params.Value(), "qop", challenge.qop);
    Optional(params.Value(), "opaque", challenge.opaque);
    Optional(params.Value(), "algorithm", challenge.algorithm);
    Optional(params.Value(), "domain", challenge.domain);
    if (const std::string* stale = Find(params.Value(), "stale"))
    {
        const std::string lower = Lower(*stale);
        if (lower != "true" && lower != "false")
        {
            return MakeError(Errc::Malformed, "stale: neither true nor false");
        }
        challenge.stale = lower == "true";
    }
    return challenge;
}

std::string
FormatDigestChallenge(const DigestChallenge& challenge)
{
    std::string out = "Digest ";
    Append(out, "realm", Quote(challenge.realm));
    Append(out, "nonce", Quote(challenge.nonce));
    if (!challenge.qop.empty())
    {
        Append(out, "qop", Quote(challenge.qop));
    }
    if (!challenge.opaque.empty())
    {
        Append(out, "opaque", Quote(challenge.opaque));
    }
    if (!challenge.algorithm.empty())
    {
        Append(out, "algorithm", TokenOrQuote(challenge.algorithm));
    }
    if (!challenge.domain.empty())
    {
        Append(out, "domain", Quote(challenge.domain));
    }
    if (challenge.stale)
    {
        Append(out, "stale", "true");
    }
    return out;
}

Result<DigestCredentials>
ParseDigestCredentials(std::string_view value)
{
    auto params = ParseParams(value);
    if (!params)
    {
        return params.GetError();
    }
    DigestCredentials credentials;
    for (const auto& [name, field] :
         {std::pair<const char*, std::string*>{"username", &credentials.username},
          {"realm", &credentials.realm},
          {"nonce", &credentials.nonce},
          {"uri", &credentials.uri},
          {"response", &credentials.response}})
    {
        Status present = Require(params.Value(), name, *field);
        if (!present)
        {
            return present.GetError();
        }
    }
    Optional(params.Value(), "algorithm", credentials.algorithm);
    Optional(params.Value(), "cnonce", credentials.cnonce);
    Optional(params.Value(), "opaque", credentials.opaque);
    Optional(params.Value(), "qop", credentials.qop);
    Optional(params.Value(), "nc", credentials.nc);
    Optional(params.Value(), "auts", credentials.auts);
    if (!credentials.response.empty() && !IsHex(credentials.response, 32))
    {
        return MakeError(Errc::Malformed, "response: not 32 hex digits");
    }
    if (!credentials.qop.empty())
    {
        if (Find(params.Value(), "nc") == nullptr)
        {
            return MakeError(Errc::MissingField, "nc: missing with qop");
        }
        if (credentials.cnonce.empty())
        {
            return MakeError(Errc::MissingField, "cnonce: missing or empty with qop");
        }
    }
    if (Find(params.Value(), "nc") != nullptr && !IsHex(credentials.nc, 8))
    {
        return MakeError(Errc::Malformed, "nc: not 8 hex digits");
    }
    return credentials;
}

std::string
FormatDigestCredentials(const DigestCredentials& credentials)
{
    std::string out = "Digest ";
    Append(out, "username", Quote(credentials.username));
    Append(out, "realm", Quote(credentials.realm));
    Append(out, "nonce", Quote(credentials.nonce));
    Append(out, "uri", Quote(credentials.uri));
    Append(out, "response", Quote(credentials.response));
    if (!credentials.algorithm.empty())
    {
        Append(out, "algorithm", TokenOrQuote(credentials.algorithm));
    }
    if (!credentials.cnonce.empty())
    {
        Append(out, "cnonce", Quote(credentials.cnonce));
    }
    if (!credentials.opaque.empty())
    {
        Append(out, "opaque", Quote(credentials.opaque));
    }
    if (!credentials.qop.empty())
    {
        Append(out, "qop", TokenOrQuote(credentials.qop));
    }
    if (!credentials.nc.empty())
    {
        Append(out, "nc", TokenOrQuote(credentials.nc));
    }
    if (!credentials.auts.empty())
    {
        Append(out, "auts", Quote(credentials.auts));
    }
    return out;
}

Result<std::string>
DigestResponse(const DigestCredentials& credentials, const Bytes& password, std::string_view method,
               std::string_view body)
{
    const std::string algorithm = Lower(credentials.algorithm);
    if (!algorithm.empty() && algorithm != "md5" && algorithm != "akav1-md5")
    {
        return MakeError(Errc::Unsupported, "algorithm: only MD5 and AKAv1-MD5");
    }
    const std::string& qop = credentials.qop;
    if (!qop.empty() && qop != "auth" && qop != "auth-int")
    {
        return MakeError(Errc::Unsupported, "qop: only auth and auth-int");
    }
    if (!qop.empty() && (credentials.nc.empty() || credentials.cnonce.empty()))
    {
        return MakeError(Errc::MissingField, credentials.nc.empty() ? "nc: missing with qop"
                                                                    : "cnonce: missing with qop");
    }
    Bytes a1 = ToBytes(credentials.username + ":" + credentials.realm + ":");
    a1.insert(a1.end(), password.begin(), password.end());
    auto ha1 = Md5Hex(a1);
    std::fill(a1.begin(), a1.end(), 0);
    std::string a2 = std::string(method) + ":" + credentials.uri;
    if (qop == "auth-int")
    {
        auto bodyHash = Md5Hex(ToBytes(body));
        if (!bodyHash)
        {
            return bodyHash;
        }
        a2 += ":" + bodyHash.Value();
    }
    auto ha2 = Md5Hex(ToBytes(a2));
    if (!ha1 || !ha2)
    {
        return MakeError(Errc::CryptoFailure, "MD5 failed");
    }
    const std::string kd = qop.empty()
                               ? ha1.Value() + ":" + credentials.nonce + ":" + ha2.Value()
                               : ha1.Value() + ":" + credentials.nonce + ":" + credentials.nc +
                                     ":" + credentials.cnonce + ":" + qop + ":" + ha2.Value();
    return Md5Hex(ToBytes(kd));
}

bool
operator==(const DigestAuthenticationInfo& a, const DigestAuthenticationInfo& b)
{
    return a.rspauth == b.rspauth && a.cnonce == b.cnonce && a.nc == b.nc && a.qop == b.qop &&
           a.nextnonce == b.nextnonce;
}

Result<DigestAuthenticationInfo>
ParseDigestAuthenticationInfo(std::string_view value)
{
    auto params = ParseParamList(value, 0);
    if (!params)
    {
        return params.GetError();
    }
    DigestAuthenticationInfo info;
    Optional(params.Value(), "rspauth", info.rspauth);
    Optional(params.Value(), "cnonce", info.cnonce);
    Optional(params.Value(), "nc", info.nc);
    Optional(params.Value(), "qop", info.qop);
    Optional(params.Value(), "nextnonce", info.nextnonce);
    if (!info.rspauth.empty() && !IsHex(info.rspauth, 32))
    {
        return MakeError(Errc::Malformed, "rspauth: not 32 hex digits");
    }
    if (Find(params.Value(), "nc") != nullptr && !IsHex(info.nc, 8))
    {
        return MakeError(Errc::Malformed, "nc: not 8 hex digits");
    }
    return info;
}

std::string
FormatDigestAuthenticationInfo(const DigestAuthenticationInfo& info)
{
    std::string out;
    const std::pair<const char*, std::string> fields[] = {
        {"rspauth", info.rspauth.empty() ? "" : Quote(info.rspauth)},
        {"cnonce", info.cnonce.empty() ? "" : Quote(info.cnonce)},
        {"nc", info.nc.empty() ? "" : TokenOrQuote(info.nc)},
        {"qop", info.qop.empty() ? "" : TokenOrQuote(info.qop)},
        {"nextnonce", info.nextnonce.empty() ? "" : Quote(info.nextnonce)}};
    for (const auto& [name, formatted] : fields)
    {
        if (!formatted.empty())
        {
            Append(out, name, formatted);
        }
    }
    return out;
}

Result<std::string>
DigestRspAuth(const DigestCredentials& credentials, const Bytes& password,
              std::string_view responseBody)
{
    return DigestResponse(credentials, password, "", responseBody);
}

} // namespace http
} // namespace mediasec
