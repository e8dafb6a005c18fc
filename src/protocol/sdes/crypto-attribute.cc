#include "crypto-attribute.h"

#include "protocol/common/base64.h"

#include <algorithm>
#include <cstddef>
#include <set>

namespace mediasec
{
namespace sdes
{

namespace
{

/** \brief Registered suite names we cannot run, and two spellings seen in the wild. */
struct KnownSuiteName
{
    std::string_view name; //!< name as written in the attribute
    std::string_view note; //!< why it is not supported
};

const KnownSuiteName kKnownUnsupportedSuites[] = {
    {"F8_128_HMAC_SHA1_80", "registered (RFC 4568) but not supported"},
    {"AES_192_CM_HMAC_SHA1_80", "registered (RFC 6188) but not supported"},
    {"AES_192_CM_HMAC_SHA1_32", "registered (RFC 6188) but not supported"},
    {"AES_256_CM_HMAC_SHA1_80", "registered (RFC 6188) but not supported"},
    {"AES_256_CM_HMAC_SHA1_32", "registered (RFC 6188) but not supported"},
    {"AEAD_AES_256_GCM", "registered (RFC 7714) but not supported"},
    {"AES_CM_256_HMAC_SHA1_80", "non-standard spelling of AES_256_CM_HMAC_SHA1_80"},
    {"AES_CM_256_HMAC_SHA1_32", "non-standard spelling of AES_256_CM_HMAC_SHA1_32"},
};

bool
IsWsp(char c)
{
    return c == ' ' || c == '\t';
}

bool
IsDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool
IsAlpha(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/** \return true for 1*(ALPHA / DIGIT / "_"), the syntax of crypto-suite and key-method. */
bool
IsNameToken(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(),
                                     [](char c) { return IsAlpha(c) || IsDigit(c) || c == '_'; });
}

bool
AllDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

/** \return the value of the decimal \p digits (AllDigits), or nullopt when it exceeds \p max. */
std::optional<uint64_t>
DecimalAtMost(std::string_view digits, uint64_t max)
{
    uint64_t v = 0;
    for (char c : digits)
    {
        uint64_t d = static_cast<uint64_t>(c - '0');
        if (d > max || v > (max - d) / 10)
        {
            return std::nullopt;
        }
        v = v * 10 + d;
    }
    return v;
}

char
ToLowerAscii(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/** \return true when \p a equals the lower-case \p lower, ignoring ASCII case (ABNF literals). */
bool
EqualsNoCase(std::string_view a, std::string_view lower)
{
    return a.size() == lower.size() &&
           std::equal(a.begin(), a.end(), lower.begin(),
                      [](char x, char y) { return ToLowerAscii(x) == y; });
}

/** \return the pieces of \p s between \p sep (empty pieces kept). */
std::vector<std::string_view>
Split(std::string_view s, char sep)
{
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true)
    {
        size_t end = s.find(sep, start);
        out.push_back(s.substr(start, end == std::string_view::npos ? s.npos : end - start));
        if (end == std::string_view::npos)
        {
            return out;
        }
        start = end + 1;
    }
}

/** \brief Parses lifetime = ["2^"] 1*DIGIT (RFC 4568 9.2) into packets, 1..2^48. */
Result<uint64_t>
ParseLifetime(std::string_view text, const std::string& where)
{
    if (text.substr(0, 2) == "2^")
    {
        std::string_view exponent = text.substr(2);
        if (!AllDigits(exponent))
        {
            return MakeError(Errc::Malformed, where + " lifetime: '2^' must be followed by digits");
        }
        auto n = DecimalAtMost(exponent, 63);
        if (!n)
        {
            return MakeError(Errc::OutOfRange, where + " lifetime: 2^" + std::string(exponent) +
                                                   " overflows 64 bits");
        }
        if (*n > kMaxLifetimeExponent)
        {
            return MakeError(Errc::OutOfRange, where + " lifetime: 2^" + std::to_string(*n) +
                                                   " exceeds the SRTP maximum 2^48");
        }
        return uint64_t{1} << *n;
    }
    if (!AllDigits(text))
    {
        return MakeError(Errc::Malformed, where + " lifetime: '" + std::string(text) +
                                              "' is neither 2^n nor decimal");
    }
    auto v = DecimalAtMost(text, uint64_t{1} << kMaxLifetimeExponent);
    if (!v)
    {
        return MakeError(Errc::OutOfRange, where + " lifetime: exceeds the SRTP maximum 2^48");
    }
    if (*v == 0)
    {
        return MakeError(Errc::OutOfRange, where + " lifetime: must be at least 1 packet");
    }
    return *v;
}

/** \brief Parses mki = mki-value ":" mki-length (RFC 4568 9.2). */
Result<Mki>
ParseMki(std::string_view text, const std::string& where)
{
    size_t colon = text.find(':');
    std::string_view value = text.substr(0, colon);
    std::string_view length = colon == text.npos ? std::string_view() : text.substr(colon + 1);
    if (!AllDigits(value) || !AllDigits(length))
    {
        return MakeError(Errc::Malformed,
                         where + " mki: '" + std::string(text) + "' is not value:length");
    }
    auto len = DecimalAtMost(length, 128);
    if (!len || *len == 0 || length.size() > 3)
    {
        return MakeError(Errc::OutOfRange,
                         where + " mki: length " + std::string(length) + " is not 1..128");
    }
    auto v = DecimalAtMost(value, UINT32_MAX);
    if (!v)
    {
        return MakeError(Errc::OutOfRange, where + " mki: value does not fit in 32 bits");
    }
    if (*len < 4 && *v >> (8 * *len) != 0)
    {
        return MakeError(Errc::OutOfRange, where + " mki: value " + std::to_string(*v) +
                                               " does not fit in " + std::to_string(*len) +
                                               " byte(s)");
    }
    return Mki{static_cast<uint32_t>(*v), static_cast<uint8_t>(*len)};
}

/** \brief Parses key-param = "inline:" key-salt ["|" lifetime] ["|" mki]. */
Result<KeyParam>
ParseKeyParam(std::string_view text, SrtpSuite suite, const std::string& where)
{
    size_t colon = text.find(':');
    if (colon == text.npos || !IsNameToken(text.substr(0, colon)))
    {
        return MakeError(Errc::Malformed, where + ": missing key method 'inline:'");
    }
    std::string_view method = text.substr(0, colon);
    if (!EqualsNoCase(method, "inline"))
    {
        return MakeError(Errc::Unsupported,
                         where + ": key method '" + std::string(method) + "' not supported");
    }
    std::vector<std::string_view> parts = Split(text.substr(colon + 1), '|');
    if (parts.size() > 3)
    {
        return MakeError(Errc::Malformed, where + ": more than key|lifetime|mki");
    }
    if (parts[0].empty())
    {
        return MakeError(Errc::Malformed, where + " key-salt: empty");
    }
    for (std::string_view part : parts)
    {
        if (part.empty())
        {
            return MakeError(Errc::Malformed, where + ": empty field between '|'");
        }
    }
    auto keySalt = Base64Decode(parts[0]);
    if (!keySalt)
    {
        return MakeError(Errc::Malformed, where + " key-salt: " + keySalt.GetError().detail);
    }
    size_t keyLength = SrtpMasterKeyLength(suite);
    size_t expected = keyLength + SrtpMasterSaltLength(suite);
    const Bytes& bytes = keySalt.Value();
    if (bytes.size() != expected)
    {
        return MakeError(Errc::BadLength, where + " key-salt: decodes to " +
                                              std::to_string(bytes.size()) + " bytes, " +
                                              SrtpSuiteName(suite) + " needs " +
                                              std::to_string(expected));
    }
    KeyParam key;
    auto saltStart = bytes.begin() + static_cast<std::ptrdiff_t>(keyLength);
    key.masterKey.assign(bytes.begin(), saltStart);
    key.masterSalt.assign(saltStart, bytes.end());
    // With one optional field, a ':' tells an MKI from a lifetime.
    bool hasLifetime =
        parts.size() == 3 || (parts.size() == 2 && parts[1].find(':') == parts[1].npos);
    if (hasLifetime)
    {
        auto lifetime = ParseLifetime(parts[1], where);
        if (!lifetime)
        {
            return lifetime.GetError();
        }
        key.lifetime = lifetime.Value();
    }
    if (parts.size() == 3 || (parts.size() == 2 && !hasLifetime))
    {
        auto mki = ParseMki(parts.back(), where);
        if (!mki)
        {
            return mki.GetError();
        }
        key.mki = mki.Value();
    }
    return key;
}

/** \brief Parses key-params = key-param *(";" key-param) and checks the MKI rules (6.1). */
Result<std::vector<KeyParam>>
ParseKeyParams(std::string_view text, SrtpSuite suite, const std::string& where)
{
    std::vector<std::string_view> pieces = Split(text, ';');
    if (pieces.size() > kMaxKeyParams)
    {
        return MakeError(Errc::TooLarge,
                         where + ": more than " + std::to_string(kMaxKeyParams) + " key-params");
    }
    std::vector<KeyParam> keys;
    for (size_t i = 0; i < pieces.size(); ++i)
    {
        auto key = ParseKeyParam(pieces[i], suite, where + " " + std::to_string(i + 1));
        if (!key)
        {
            return key.GetError();
        }
        keys.push_back(std::move(key).Value());
    }
    if (keys.size() == 1)
    {
        return keys;
    }
    // Several master keys: the MKI tells them apart, so it is present, unique, of one length.
    std::set<uint32_t> values;
    for (size_t i = 0; i < keys.size(); ++i)
    {
        std::string which = where + " " + std::to_string(i + 1);
        if (!keys[i].mki)
        {
            return MakeError(Errc::MissingField,
                             which + ": an MKI is required when several keys are given");
        }
        if (keys[i].mki->length != keys[0].mki->length)
        {
            return MakeError(Errc::BadLength, which + ": MKI length " +
                                                  std::to_string(keys[i].mki->length) +
                                                  " differs from the first key's " +
                                                  std::to_string(keys[0].mki->length));
        }
        if (!values.insert(keys[i].mki->value).second)
        {
            return MakeError(Errc::Malformed,
                             which + ": duplicate MKI value " + std::to_string(keys[i].mki->value));
        }
    }
    return keys;
}

/** \brief Checks one SRTP session parameter (RFC 4568 6.3); unknown ones are Unsupported. */
Status
CheckSessionParam(std::string_view param, SrtpSuite suite)
{
    size_t eq = param.find('=');
    std::string_view name = param.substr(0, eq);
    std::string_view value = eq == param.npos ? std::string_view() : param.substr(eq + 1);
    std::string where = "session parameter " + std::string(name);
    if (name == "UNENCRYPTED_SRTP" || name == "UNENCRYPTED_SRTCP" || name == "UNAUTHENTICATED_SRTP")
    {
        if (eq != param.npos)
        {
            return MakeError(Errc::Malformed, where + ": takes no value");
        }
        return Ok{};
    }
    if (name == "KDR" || name == "WSH")
    {
        bool kdr = name == "KDR";
        if (!AllDigits(value) || (kdr && value.size() > 2) || (!kdr && value.size() < 2))
        {
            return MakeError(Errc::Malformed,
                             where + ": '" + std::string(value) + "' is not a valid number");
        }
        auto n = DecimalAtMost(value, kdr ? 24 : UINT32_MAX);
        if (!n || (!kdr && *n < 64))
        {
            return MakeError(Errc::OutOfRange, where + ": " + std::string(value) +
                                                   (kdr ? " is not 0..24" : " is not 64..2^32-1"));
        }
        return Ok{};
    }
    if (name == "FEC_ORDER")
    {
        if (value != "FEC_SRTP" && value != "SRTP_FEC")
        {
            return MakeError(Errc::Malformed,
                             where + ": '" + std::string(value) + "' is not FEC_SRTP or SRTP_FEC");
        }
        return Ok{};
    }
    if (name == "FEC_KEY")
    {
        auto keys = ParseKeyParams(value, suite, where + " key-param");
        if (!keys)
        {
            return keys.GetError();
        }
        return Ok{};
    }
    return MakeError(Errc::Unsupported, where + " is not supported");
}

} // namespace

bool
operator==(const Mki& a, const Mki& b)
{
    return a.value == b.value && a.length == b.length;
}

bool
operator==(const KeyParam& a, const KeyParam& b)
{
    return a.masterKey == b.masterKey && a.masterSalt == b.masterSalt && a.lifetime == b.lifetime &&
           a.mki == b.mki;
}

bool
operator==(const CryptoAttribute& a, const CryptoAttribute& b)
{
    return a.tag == b.tag && a.suite == b.suite && a.keys == b.keys &&
           a.sessionParams == b.sessionParams;
}

Result<CryptoAttribute>
ParseCryptoAttribute(std::string_view value)
{
    if (value.size() > kMaxCryptoAttributeLength)
    {
        return MakeError(Errc::TooLarge, "a=crypto: " + std::to_string(value.size()) +
                                             " characters exceed the limit of " +
                                             std::to_string(kMaxCryptoAttributeLength));
    }
    for (size_t i = 0; i < value.size(); ++i)
    {
        unsigned char c = static_cast<unsigned char>(value[i]);
        if (!IsWsp(value[i]) && (c < 0x21 || c > 0x7e))
        {
            return MakeError(Errc::Malformed,
                             "a=crypto: invalid character at offset " + std::to_string(i));
        }
    }
    if (!value.empty() && IsWsp(value[0]))
    {
        return MakeError(Errc::Malformed, "a=crypto tag: leading whitespace");
    }
    std::vector<std::string_view> fields;
    size_t pos = 0;
    while (pos < value.size())
    {
        size_t end = pos;
        while (end < value.size() && !IsWsp(value[end]))
        {
            ++end;
        }
        fields.push_back(value.substr(pos, end - pos));
        pos = end;
        while (pos < value.size() && IsWsp(value[pos]))
        {
            ++pos;
        }
    }
    const char* const kRequired[] = {"tag", "crypto-suite", "key-params"};
    if (fields.size() < 3)
    {
        return MakeError(Errc::MissingField,
                         std::string("a=crypto: missing ") + kRequired[fields.size()]);
    }

    CryptoAttribute attribute;
    if (!AllDigits(fields[0]))
    {
        return MakeError(Errc::Malformed,
                         "a=crypto tag: '" + std::string(fields[0]) + "' is not a decimal number");
    }
    if (fields[0].size() > 9)
    {
        return MakeError(Errc::OutOfRange, "a=crypto tag: longer than 9 digits");
    }
    attribute.tag = static_cast<uint32_t>(*DecimalAtMost(fields[0], 999999999));

    std::string_view suiteName = fields[1];
    if (!IsNameToken(suiteName))
    {
        return MakeError(Errc::Malformed, "a=crypto crypto-suite: '" + std::string(suiteName) +
                                              "' is not a suite name");
    }
    auto suite = SrtpSuiteFromName(suiteName);
    if (!suite)
    {
        std::string note = "unknown";
        for (const KnownSuiteName& known : kKnownUnsupportedSuites)
        {
            if (known.name == suiteName)
            {
                note = std::string(known.note);
            }
        }
        return MakeError(Errc::Unsupported,
                         "a=crypto crypto-suite: " + std::string(suiteName) + " (" + note + ")");
    }
    attribute.suite = *suite;

    auto keys = ParseKeyParams(fields[2], attribute.suite, "a=crypto key-param");
    if (!keys)
    {
        return keys.GetError();
    }
    attribute.keys = std::move(keys).Value();

    std::set<std::string_view> seen;
    for (size_t i = 3; i < fields.size(); ++i)
    {
        Status checked = CheckSessionParam(fields[i], attribute.suite);
        if (!checked)
        {
            return checked.GetError();
        }
        std::string_view name = fields[i].substr(0, fields[i].find('='));
        if (!seen.insert(name).second)
        {
            return MakeError(Errc::Malformed,
                             "a=crypto session parameter " + std::string(name) + ": duplicate");
        }
        attribute.sessionParams.emplace_back(fields[i]);
    }
    return attribute;
}

std::string
FormatCryptoAttribute(const CryptoAttribute& attribute)
{
    std::string out = std::to_string(attribute.tag) + " " + SrtpSuiteName(attribute.suite) + " ";
    for (size_t i = 0; i < attribute.keys.size(); ++i)
    {
        const KeyParam& key = attribute.keys[i];
        Bytes keySalt = key.masterKey;
        keySalt.insert(keySalt.end(), key.masterSalt.begin(), key.masterSalt.end());
        out += (i == 0 ? "inline:" : ";inline:") + Base64Encode(keySalt);
        if (key.lifetime)
        {
            uint64_t lifetime = *key.lifetime;
            bool powerOfTwo = lifetime != 0 && (lifetime & (lifetime - 1)) == 0;
            int exponent = 0;
            while (powerOfTwo && (uint64_t{1} << exponent) != lifetime)
            {
                ++exponent;
            }
            out += "|" + (powerOfTwo ? "2^" + std::to_string(exponent) : std::to_string(lifetime));
        }
        if (key.mki)
        {
            out += "|" + std::to_string(key.mki->value) + ":" + std::to_string(key.mki->length);
        }
    }
    for (const std::string& param : attribute.sessionParams)
    {
        out += " " + param;
    }
    return out;
}

} // namespace sdes
} // namespace mediasec
