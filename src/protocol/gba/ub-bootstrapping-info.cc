#include "ub-bootstrapping-info.h"

#include <cctype>
#include <cstdio>
#include <utility>
#include <vector>

namespace mediasec
{
namespace gba
{

namespace
{

/** \return the days since 1970-01-01 of a proleptic Gregorian date. */
int64_t
DaysFromCivil(int64_t year, int64_t month, int64_t day)
{
    year -= month <= 2 ? 1 : 0;
    const int64_t era = (year >= 0 ? year : year - 399) / 400;
    const int64_t yearOfEra = year - era * 400;
    const int64_t dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

/** \return the number of days of \p month in \p year. */
int64_t
DaysInMonth(int64_t year, int64_t month)
{
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

/** \return the \p count-digit decimal at \p pos of \p text, or -1. */
int64_t
Digits(std::string_view text, size_t pos, size_t count)
{
    if (pos + count > text.size())
    {
        return -1;
    }
    int64_t value = 0;
    for (size_t i = pos; i < pos + count; ++i)
    {
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
        {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

/** \return \p text escaped for element content (&, <, >; quotes need no escape there). */
std::string
Escape(std::string_view text)
{
    std::string out;
    for (char c : text)
    {
        switch (c)
        {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

/** \return \p text with the five predefined entities replaced, or Unsupported/Malformed. */
Result<std::string>
Unescape(std::string_view text, const std::string& where)
{
    static const std::pair<std::string_view, char> kEntities[] = {
        {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    std::string out;
    for (size_t pos = 0; pos < text.size();)
    {
        if (text[pos] != '&')
        {
            const auto u = static_cast<unsigned char>(text[pos]);
            if (u < 0x20 && u != '\t' && u != '\n' && u != '\r')
            {
                return MakeError(Errc::Malformed, where + ": control character");
            }
            out += text[pos++];
            continue;
        }
        bool found = false;
        for (const auto& [entity, c] : kEntities)
        {
            if (text.substr(pos, entity.size()) == entity)
            {
                out += c;
                pos += entity.size();
                found = true;
                break;
            }
        }
        if (!found)
        {
            return MakeError(Errc::Unsupported, where + ": entity or character reference");
        }
    }
    return out;
}

/** \brief A strict cursor over the document. */
class Reader
{
  public:
    /** \brief Starts at the beginning of \p text. */
    explicit Reader(std::string_view text)
        : m_text(text)
    {
    }

    /** \brief Skips XML whitespace. */
    void
    SkipSpace()
    {
        while (m_pos < m_text.size() &&
               std::string_view(" \t\r\n").find(m_text[m_pos]) != std::string_view::npos)
        {
            ++m_pos;
        }
    }

    /** \return true (and consumes it) when \p literal follows. */
    bool
    Accept(std::string_view literal)
    {
        if (m_text.substr(m_pos, literal.size()) != literal)
        {
            return false;
        }
        m_pos += literal.size();
        return true;
    }

    /** \return true when \p literal follows (not consumed). */
    bool
    Peek(std::string_view literal) const
    {
        return m_text.substr(m_pos, literal.size()) == literal;
    }

    /** \return true at the end of the text. */
    bool
    AtEnd() const
    {
        return m_pos == m_text.size();
    }

    /** \return the XML name at the cursor (ASCII letters, digits, '_', '-', '.', ':'). */
    std::string_view
    Name()
    {
        const size_t start = m_pos;
        while (m_pos < m_text.size() &&
               (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) ||
                std::string_view("_-.:").find(m_text[m_pos]) != std::string_view::npos))
        {
            ++m_pos;
        }
        return m_text.substr(start, m_pos - start);
    }

    /** \return the attributes up to (not including) \p end, unescaped, or the error. */
    Result<std::vector<std::pair<std::string, std::string>>>
    Attributes(std::string_view end, const std::string& where)
    {
        std::vector<std::pair<std::string, std::string>> attributes;
        while (true)
        {
            const size_t before = m_pos;
            SkipSpace();
            if (Peek(end) || Peek("/>"))
            {
                return attributes;
            }
            const std::string name(Name());
            if (name.empty() || before == m_pos - name.size())
            {
                return MakeError(Errc::Malformed, where + ": attribute expected");
            }
            SkipSpace();
            if (!Accept("="))
            {
                return MakeError(Errc::Malformed, where + ": '=' expected after " + name);
            }
            SkipSpace();
            if (m_pos == m_text.size() || (m_text[m_pos] != '"' && m_text[m_pos] != '\''))
            {
                return MakeError(Errc::Malformed, where + ": quoted value expected for " + name);
            }
            const char quote = m_text[m_pos++];
            const size_t close = m_text.find(quote, m_pos);
            if (close == std::string_view::npos)
            {
                return MakeError(Errc::Malformed, where + ": unterminated value of " + name);
            }
            auto value = Unescape(m_text.substr(m_pos, close - m_pos), where + " " + name);
            if (!value)
            {
                return value.GetError();
            }
            if (value.Value().find('<') != std::string::npos)
            {
                return MakeError(Errc::Malformed, where + ": '<' in the value of " + name);
            }
            m_pos = close + 1;
            for (const auto& attribute : attributes)
            {
                if (attribute.first == name)
                {
                    return MakeError(Errc::Malformed, where + ": attribute " + name + " repeated");
                }
            }
            attributes.emplace_back(name, std::move(value).Value());
        }
    }

    /** \return the raw text up to the next '<' (consumed). */
    std::string_view
    Text()
    {
        const size_t start = m_pos;
        const size_t end = m_text.find('<', m_pos);
        m_pos = end == std::string_view::npos ? m_text.size() : end;
        return m_text.substr(start, m_pos - start);
    }

  private:
    std::string_view m_text; //!< the document
    size_t m_pos = 0;        //!< cursor
};

/** \return Ok when no markup declaration, comment, CDATA or PI follows, else Unsupported. */
Status
RejectSpecialMarkup(const Reader& reader)
{
    if (reader.Peek("<!"))
    {
        return MakeError(Errc::Unsupported, "BootstrappingInfo: DTD, comment or CDATA");
    }
    if (reader.Peek("<?"))
    {
        return MakeError(Errc::Unsupported, "BootstrappingInfo: processing instruction");
    }
    return Ok{};
}

/** \return Ok after reading the optional XML declaration, or the error. */
Status
ReadDeclaration(Reader& reader)
{
    if (!reader.Accept("<?xml"))
    {
        return Ok{};
    }
    auto attributes = reader.Attributes("?>", "XML declaration");
    if (!attributes || !reader.Accept("?>"))
    {
        return attributes ? MakeError(Errc::Malformed, "XML declaration: '?>' expected")
                          : attributes.GetError();
    }
    bool hasVersion = false;
    for (const auto& [name, value] : attributes.Value())
    {
        std::string lower = value;
        for (char& c : lower)
        {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (name == "version" && value == "1.0")
        {
            hasVersion = true;
        }
        else if (!(name == "encoding" && lower == "utf-8") &&
                 !(name == "standalone" && (value == "yes" || value == "no")))
        {
            return MakeError(Errc::Unsupported, "XML declaration: " + name + "=\"" + value + "\"");
        }
    }
    if (!hasVersion)
    {
        return MakeError(Errc::MissingField, "XML declaration: version");
    }
    return Ok{};
}

/** \return Ok after reading one child element into \p info, or the error. */
Status
ReadChild(Reader& reader, BootstrappingInfo& info, bool& haveBtid, bool& haveLifetime)
{
    const std::string name(reader.Name());
    if (name != "btid" && name != "lifetime")
    {
        return MakeError(Errc::Unsupported, "BootstrappingInfo: unknown element <" + name + ">");
    }
    bool& seen = name == "btid" ? haveBtid : haveLifetime;
    if (seen)
    {
        return MakeError(Errc::Malformed, name + ": repeated");
    }
    seen = true;
    reader.SkipSpace();
    if (!reader.Accept(">"))
    {
        return MakeError(Errc::Malformed, name + ": '>' expected (no attributes allowed)");
    }
    auto text = Unescape(reader.Text(), name);
    if (!text)
    {
        return text.GetError();
    }
    if (!reader.Accept("</" + name))
    {
        Status special = RejectSpecialMarkup(reader);
        return special ? MakeError(Errc::Malformed, name + ": closing tag expected") : special;
    }
    reader.SkipSpace();
    if (!reader.Accept(">"))
    {
        return MakeError(Errc::Malformed, name + ": '>' of the closing tag expected");
    }
    if (name == "btid")
    {
        if (text.Value().empty())
        {
            return MakeError(Errc::MissingField, "btid: empty");
        }
        info.btid = std::move(text).Value();
        return Ok{};
    }
    auto lifetime = ParseXsdDateTime(text.Value());
    if (!lifetime)
    {
        return lifetime.GetError();
    }
    info.lifetimeUnixSeconds = lifetime.Value();
    return Ok{};
}

} // namespace

Result<std::string>
FormatXsdDateTime(int64_t unixSeconds)
{
    if (unixSeconds < 0 || unixSeconds >= DaysFromCivil(10000, 1, 1) * 86400)
    {
        return MakeError(Errc::OutOfRange, "lifetime: outside the years 1970..9999");
    }
    int64_t days = unixSeconds / 86400;
    const int64_t secondOfDay = unixSeconds % 86400;
    int64_t year = 1970;
    while (days >= DaysFromCivil(year + 1, 1, 1) - DaysFromCivil(year, 1, 1))
    {
        days -= DaysFromCivil(year + 1, 1, 1) - DaysFromCivil(year, 1, 1);
        ++year;
    }
    int64_t month = 1;
    while (days >= DaysInMonth(year, month))
    {
        days -= DaysInMonth(year, month);
        ++month;
    }
    char out[32];
    std::snprintf(out, sizeof(out), "%04d-%02d-%02dT%02d:%02d:%02dZ", static_cast<int>(year),
                  static_cast<int>(month), static_cast<int>(days + 1),
                  static_cast<int>(secondOfDay / 3600), static_cast<int>(secondOfDay / 60 % 60),
                  static_cast<int>(secondOfDay % 60));
    return std::string(out);
}

Result<int64_t>
ParseXsdDateTime(std::string_view text)
{
    const int64_t year = Digits(text, 0, 4);
    const int64_t month = Digits(text, 5, 2);
    const int64_t day = Digits(text, 8, 2);
    const int64_t hour = Digits(text, 11, 2);
    const int64_t minute = Digits(text, 14, 2);
    const int64_t second = Digits(text, 17, 2);
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || year < 0 || month < 1 || month > 12 || day < 1 ||
        day > DaysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
        second < 0 || second > 59)
    {
        return MakeError(Errc::Malformed, "lifetime: not an xsd:dateTime");
    }
    if (year < 1970)
    {
        // Same range as FormatXsdDateTime: a key lifetime before the epoch is not a lifetime.
        return MakeError(Errc::OutOfRange, "lifetime: outside the years 1970..9999");
    }
    size_t pos = 19;
    if (text[pos] == '.')
    {
        do
        {
            ++pos;
        } while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])));
        if (pos == 20)
        {
            return MakeError(Errc::Malformed, "lifetime: empty fraction");
        }
    }
    int64_t offset = 0;
    if (text.substr(pos) != "Z")
    {
        const int64_t zoneHour = Digits(text, pos + 1, 2);
        const int64_t zoneMinute = Digits(text, pos + 4, 2);
        if (text.size() != pos + 6 || (text[pos] != '+' && text[pos] != '-') ||
            text[pos + 3] != ':' || zoneHour < 0 || zoneHour > 14 || zoneMinute < 0 ||
            zoneMinute > 59)
        {
            return MakeError(Errc::Malformed, "lifetime: bad time zone");
        }
        offset = (text[pos] == '+' ? 1 : -1) * (zoneHour * 3600 + zoneMinute * 60);
    }
    return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
}

Result<std::string>
FormatBootstrappingInfo(const BootstrappingInfo& info)
{
    auto lifetime = FormatXsdDateTime(info.lifetimeUnixSeconds);
    if (!lifetime)
    {
        return lifetime;
    }
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><BootstrappingInfo xmlns=\"") +
           kBootstrappingInfoNamespace + "\"><btid>" + Escape(info.btid) + "</btid><lifetime>" +
           lifetime.Value() + "</lifetime></BootstrappingInfo>";
}

Result<BootstrappingInfo>
ParseBootstrappingInfo(std::string_view xml)
{
    if (xml.size() > kMaxBootstrappingInfoSize)
    {
        return MakeError(Errc::TooLarge, "BootstrappingInfo: over 4096 bytes");
    }
    Reader reader(xml);
    Status declaration = ReadDeclaration(reader);
    if (!declaration)
    {
        return declaration.GetError();
    }
    reader.SkipSpace();
    Status special = RejectSpecialMarkup(reader);
    if (!special)
    {
        return special.GetError();
    }
    if (!reader.Accept("<") || reader.Name() != "BootstrappingInfo")
    {
        return MakeError(Errc::Malformed, "BootstrappingInfo: root element expected");
    }
    auto attributes = reader.Attributes(">", "BootstrappingInfo");
    if (!attributes)
    {
        return attributes.GetError();
    }
    for (const auto& [name, value] : attributes.Value())
    {
        if (name != "xmlns" || value != kBootstrappingInfoNamespace)
        {
            return MakeError(Errc::Unsupported,
                             "BootstrappingInfo: attribute " + name + "=\"" + value + "\"");
        }
    }
    if (attributes.Value().empty())
    {
        return MakeError(Errc::MissingField, "BootstrappingInfo: xmlns");
    }
    if (!reader.Accept(">"))
    {
        return MakeError(Errc::MissingField, "btid: missing (empty root)");
    }
    BootstrappingInfo info{};
    bool haveBtid = false;
    bool haveLifetime = false;
    while (true)
    {
        reader.SkipSpace();
        if (reader.Accept("</"))
        {
            break;
        }
        Status markup = RejectSpecialMarkup(reader);
        if (!markup)
        {
            return markup.GetError();
        }
        if (!reader.Accept("<"))
        {
            return MakeError(Errc::Malformed, "BootstrappingInfo: text outside the children");
        }
        Status child = ReadChild(reader, info, haveBtid, haveLifetime);
        if (!child)
        {
            return child.GetError();
        }
    }
    if (reader.Name() != "BootstrappingInfo")
    {
        return MakeError(Errc::Malformed, "BootstrappingInfo: closing tag expected");
    }
    reader.SkipSpace();
    if (!reader.Accept(">"))
    {
        return MakeError(Errc::Malformed, "BootstrappingInfo: '>' of the closing tag expected");
    }
    reader.SkipSpace();
    if (!reader.AtEnd())
    {
        return MakeError(Errc::Malformed, "BootstrappingInfo: content after the root element");
    }
    if (!haveBtid || !haveLifetime)
    {
        return MakeError(Errc::MissingField, haveBtid ? "lifetime: missing" : "btid: missing");
    }
    return info;
}

} // namespace gba
} // namespace mediasec
