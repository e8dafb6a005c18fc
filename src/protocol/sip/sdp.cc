#include "sdp.h"

#include "sip-syntax.h"

#include <algorithm>

namespace mediasec
{
namespace sip
{

namespace
{

using syntax::Excerpt;

/** \return the values of the attributes named \p name. */
std::vector<std::string>
ValuesOf(const std::vector<SdpAttribute>& attributes, std::string_view name)
{
    std::vector<std::string> values;
    for (const SdpAttribute& a : attributes)
    {
        if (a.name == name)
        {
            values.push_back(a.value);
        }
    }
    return values;
}

/** \return true when an attribute is named \p name. */
bool
Contains(const std::vector<SdpAttribute>& attributes, std::string_view name)
{
    return std::any_of(attributes.begin(), attributes.end(),
                       [&](const SdpAttribute& a) { return a.name == name; });
}

/** \brief Erases the attributes named \p name. */
void
RemoveNamed(std::vector<SdpAttribute>& attributes, std::string_view name)
{
    attributes.erase(std::remove_if(attributes.begin(), attributes.end(),
                                    [&](const SdpAttribute& a) { return a.name == name; }),
                     attributes.end());
}

/** \brief Appends an attribute, a flag when \p value is empty. */
void
Append(std::vector<SdpAttribute>& attributes, std::string name, std::string value)
{
    const bool hasValue = !value.empty();
    attributes.push_back({std::move(name), std::move(value), hasValue});
}

/** \return the fields of \p value separated by runs of SP. */
std::vector<std::string_view>
Fields(std::string_view value)
{
    std::vector<std::string_view> fields;
    size_t pos = 0;
    while (pos < value.size())
    {
        if (value[pos] == ' ')
        {
            ++pos;
            continue;
        }
        const size_t end = std::min(value.find(' ', pos), value.size());
        fields.push_back(value.substr(pos, end - pos));
        pos = end;
    }
    return fields;
}

/** \return true for the characters of a proto such as "RTP/SAVP" or "UDP/TLS/RTP/SAVPF". */
bool
IsProto(std::string_view proto)
{
    return !proto.empty() && std::all_of(proto.begin(), proto.end(),
                                         [](char c) { return syntax::IsTokenChar(c) || c == '/'; });
}

/** \brief Parser state: where in the description the next line is. */
enum class Section
{
    ExpectVersion, //!< before v=
    ExpectOrigin,  //!< after v=
    ExpectName,    //!< after o=
    Session,       //!< session-level lines
    Media,         //!< inside an m= section
};

/** \brief Builds an SdpSession line by line. */
class SdpParser
{
  public:
    /** \brief Parses one line. \param number 1-based line number \param line the line */
    Status Line(size_t number, std::string_view line);
    /** \brief Checks what must be present once all lines are read. \return the session */
    Result<SdpSession> Finish();

  private:
    /** \return an error whose detail names the current line number and type. */
    Error Fail(Errc code, const std::string& what) const;
    /** \brief Parses the o= value into m_session.origin. */
    Status ParseOrigin(std::string_view value);
    /** \return the c= value as a connection. */
    Result<SdpConnection> ParseConnection(std::string_view value) const;
    /** \brief Checks a t= value and keeps the first one. */
    Status ParseTiming(std::string_view value);
    /** \brief Parses an m= value and opens its media section. */
    Status ParseMedia(std::string_view value);
    /** \brief Appends an a= value to \p attributes. */
    Status ParseAttribute(std::string_view value, std::vector<SdpAttribute>& attributes);

    SdpSession m_session;                       //!< the result so far
    Section m_section = Section::ExpectVersion; //!< current section
    bool m_hasTiming = false;                   //!< a t= line was seen
    size_t m_number = 0;                        //!< current line number
    char m_type = 'v';                          //!< current line type
};

Error
SdpParser::Fail(Errc code, const std::string& what) const
{
    return MakeError(code, "SDP line " + std::to_string(m_number) + " (" + std::string(1, m_type) +
                               "=): " + what);
}

Status
SdpParser::Line(size_t number, std::string_view line)
{
    m_number = number;
    m_type = line.empty() ? '?' : line[0];
    if (line.find_first_of(std::string_view("\r\0", 2)) != std::string_view::npos)
    {
        return Fail(Errc::Malformed, "CR or NUL inside the line");
    }
    if (line.size() < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z')
    {
        return Fail(Errc::Malformed, Excerpt(line) + " is not <type>=<value>");
    }
    std::string_view value = line.substr(2);
    switch (m_section)
    {
    case Section::ExpectVersion:
        if (m_type != 'v')
        {
            return Fail(Errc::MissingField, "v= must be the first line");
        }
        if (value != "0")
        {
            return Fail(Errc::Unsupported, "version " + Excerpt(value) + " is not 0");
        }
        m_section = Section::ExpectOrigin;
        return Ok{};
    case Section::ExpectOrigin:
        if (m_type != 'o')
        {
            return Fail(Errc::MissingField, "o= must follow v=");
        }
        m_section = Section::ExpectName;
        return ParseOrigin(value);
    case Section::ExpectName:
        if (m_type != 's')
        {
            return Fail(Errc::MissingField, "s= must follow o=");
        }
        m_session.sessionName = std::string(value);
        m_section = Section::Session;
        return Ok{};
    case Section::Session:
    case Section::Media:
        break;
    }
    const bool inMedia = m_section == Section::Media;
    switch (m_type)
    {
    case 'v':
    case 'o':
    case 's':
        return Fail(Errc::Malformed, "duplicate line");
    case 'm':
        return ParseMedia(value);
    case 'a':
        return ParseAttribute(value,
                              inMedia ? m_session.media.back().attributes : m_session.attributes);
    case 'c': {
        std::optional<SdpConnection>& target =
            inMedia ? m_session.media.back().connection : m_session.connection;
        if (target)
        {
            return Fail(inMedia ? Errc::Unsupported : Errc::Malformed, "more than one c=");
        }
        auto connection = ParseConnection(value);
        if (!connection)
        {
            return connection.GetError();
        }
        target = std::move(connection).Value();
        return Ok{};
    }
    case 'i':
    case 'b':
    case 'k':
        return Ok{};
    case 't':
    case 'u':
    case 'e':
    case 'p':
    case 'r':
    case 'z':
        if (inMedia)
        {
            return Fail(Errc::Malformed, "session-level line after m=");
        }
        return m_type == 't' ? ParseTiming(value) : Status(Ok{});
    default:
        return Fail(Errc::Unsupported, "unknown line type");
    }
}

Status
SdpParser::ParseOrigin(std::string_view value)
{
    const auto f = Fields(value);
    if (f.size() != 6)
    {
        return Fail(Errc::Malformed, "needs username sess-id sess-version nettype addrtype "
                                     "address");
    }
    auto id = syntax::ParseDecimal(f[1], UINT64_MAX, "sess-id");
    auto version = syntax::ParseDecimal(f[2], UINT64_MAX, "sess-version");
    if (!id || !version)
    {
        const Error& e = id ? version.GetError() : id.GetError();
        return Fail(e.code, e.detail);
    }
    m_session.origin = {std::string(f[0]), id.Value(),        version.Value(),
                        std::string(f[3]), std::string(f[4]), std::string(f[5])};
    return Ok{};
}

Result<SdpConnection>
SdpParser::ParseConnection(std::string_view value) const
{
    const auto f = Fields(value);
    if (f.size() != 3)
    {
        return Fail(Errc::Malformed, "needs nettype addrtype connection-address");
    }
    return SdpConnection{std::string(f[0]), std::string(f[1]), std::string(f[2])};
}

Status
SdpParser::ParseTiming(std::string_view value)
{
    const auto f = Fields(value);
    if (f.size() != 2)
    {
        return Fail(Errc::Malformed, "needs start-time stop-time");
    }
    for (std::string_view time : f)
    {
        if (auto t = syntax::ParseDecimal(time, UINT64_MAX, "time"); !t)
        {
            return Fail(t.GetError().code, t.GetError().detail);
        }
    }
    if (!m_hasTiming)
    {
        m_session.timing = std::string(f[0]) + " " + std::string(f[1]);
        m_hasTiming = true;
    }
    return Ok{};
}

Status
SdpParser::ParseMedia(std::string_view value)
{
    if (m_session.media.size() >= kMaxSdpMedia)
    {
        return Fail(Errc::TooLarge, "more than " + std::to_string(kMaxSdpMedia) + " m= lines");
    }
    const auto f = Fields(value);
    if (f.size() < 4)
    {
        return Fail(Errc::Malformed, "needs media port proto fmt...");
    }
    if (!syntax::IsToken(f[0]))
    {
        return Fail(Errc::Malformed, "media " + Excerpt(f[0]) + " is not a token");
    }
    if (f[1].find('/') != std::string_view::npos)
    {
        return Fail(Errc::Unsupported, "port count " + Excerpt(f[1]));
    }
    auto port = syntax::ParseDecimal(f[1], 65535, "port");
    if (!port)
    {
        return Fail(port.GetError().code, port.GetError().detail);
    }
    if (!IsProto(f[2]))
    {
        return Fail(Errc::Malformed, "proto " + Excerpt(f[2]) + " is not a token list");
    }
    SdpMedia media;
    media.media = std::string(f[0]);
    media.port = static_cast<uint16_t>(port.Value());
    media.proto = std::string(f[2]);
    media.formats.assign(f.begin() + 3, f.end());
    m_session.media.push_back(std::move(media));
    m_section = Section::Media;
    return Ok{};
}

Status
SdpParser::ParseAttribute(std::string_view value, std::vector<SdpAttribute>& attributes)
{
    if (attributes.size() >= kMaxSdpAttributes)
    {
        return Fail(Errc::TooLarge,
                    "more than " + std::to_string(kMaxSdpAttributes) + " a= lines at this level");
    }
    const size_t colon = value.find(':');
    std::string_view name = value.substr(0, colon);
    if (!syntax::IsToken(name))
    {
        return Fail(Errc::Malformed, "attribute name " + Excerpt(name) + " is not a token");
    }
    const bool hasValue = colon != std::string_view::npos;
    attributes.push_back({std::string(name),
                          hasValue ? std::string(value.substr(colon + 1)) : std::string(),
                          hasValue});
    return Ok{};
}

Result<SdpSession>
SdpParser::Finish()
{
    if (m_section != Section::Session && m_section != Section::Media)
    {
        const char* missing = m_section == Section::ExpectVersion  ? "v="
                              : m_section == Section::ExpectOrigin ? "o="
                                                                   : "s=";
        return MakeError(Errc::MissingField, std::string("SDP: ") + missing + " missing");
    }
    if (!m_hasTiming)
    {
        return MakeError(Errc::MissingField, "SDP: t= missing");
    }
    if (!m_session.connection)
    {
        for (size_t i = 0; i < m_session.media.size(); ++i)
        {
            if (!m_session.media[i].connection)
            {
                return MakeError(Errc::MissingField,
                                 "SDP: c= missing at session level and in m= section " +
                                     std::to_string(i + 1));
            }
        }
    }
    return std::move(m_session);
}

/** \brief Appends "<type>=<value>" CRLF. */
void
WriteLine(std::string& out, char type, std::string_view value)
{
    out += type;
    out += '=';
    out += syntax::OneLine(value);
    out += "\r\n";
}

/** \brief Appends a c= line when \p c is set. */
void
WriteConnection(std::string& out, const std::optional<SdpConnection>& c)
{
    if (c)
    {
        WriteLine(out, 'c', c->netType + " " + c->addrType + " " + c->address);
    }
}

/** \brief Appends the a= lines. */
void
WriteAttributes(std::string& out, const std::vector<SdpAttribute>& attributes)
{
    for (const SdpAttribute& a : attributes)
    {
        WriteLine(out, 'a', a.hasValue ? a.name + ":" + a.value : a.name);
    }
}

} // namespace

std::vector<std::string>
SdpMedia::AttributeValues(std::string_view name) const
{
    return ValuesOf(attributes, name);
}

bool
SdpMedia::HasAttribute(std::string_view name) const
{
    return Contains(attributes, name);
}

void
SdpMedia::RemoveAttributes(std::string_view name)
{
    RemoveNamed(attributes, name);
}

void
SdpMedia::AddAttribute(std::string name, std::string value)
{
    Append(attributes, std::move(name), std::move(value));
}

std::vector<std::string>
SdpSession::AttributeValues(std::string_view name) const
{
    return ValuesOf(attributes, name);
}

bool
SdpSession::HasAttribute(std::string_view name) const
{
    return Contains(attributes, name);
}

void
SdpSession::RemoveAttributes(std::string_view name)
{
    RemoveNamed(attributes, name);
}

void
SdpSession::AddAttribute(std::string name, std::string value)
{
    Append(attributes, std::move(name), std::move(value));
}

Result<SdpSession>
ParseSdp(std::string_view text)
{
    if (text.size() > kMaxSdpSize)
    {
        return MakeError(Errc::TooLarge, "SDP: " + std::to_string(text.size()) + " octets exceed " +
                                             std::to_string(kMaxSdpSize));
    }
    SdpParser parser;
    size_t pos = 0;
    size_t number = 0;
    while (pos < text.size())
    {
        const size_t lf = std::min(text.find('\n', pos), text.size());
        std::string_view line = text.substr(pos, lf - pos);
        if (!line.empty() && line.back() == '\r')
        {
            line.remove_suffix(1);
        }
        pos = lf + 1;
        ++number;
        if (line.empty())
        {
            if (text.find_first_not_of("\r\n", pos) != std::string_view::npos)
            {
                return MakeError(Errc::Malformed,
                                 "SDP line " + std::to_string(number) + ": empty line");
            }
            break;
        }
        if (auto status = parser.Line(number, line); !status)
        {
            return status.GetError();
        }
    }
    return parser.Finish();
}

std::string
FormatSdp(const SdpSession& session)
{
    std::string out = "v=0\r\n";
    const SdpOrigin& o = session.origin;
    WriteLine(out, 'o',
              o.username + " " + std::to_string(o.sessionId) + " " +
                  std::to_string(o.sessionVersion) + " " + o.netType + " " + o.addrType + " " +
                  o.address);
    WriteLine(out, 's', session.sessionName);
    WriteConnection(out, session.connection);
    WriteLine(out, 't', session.timing);
    WriteAttributes(out, session.attributes);
    for (const SdpMedia& m : session.media)
    {
        std::string line = m.media + " " + std::to_string(m.port) + " " + m.proto;
        for (const std::string& format : m.formats)
        {
            line += " " + format;
        }
        WriteLine(out, 'm', line);
        WriteConnection(out, m.connection);
        WriteAttributes(out, m.attributes);
    }
    return out;
}

bool
operator==(const SdpAttribute& a, const SdpAttribute& b)
{
    return a.name == b.name && a.value == b.value && a.hasValue == b.hasValue;
}

bool
operator==(const SdpConnection& a, const SdpConnection& b)
{
    return a.netType == b.netType && a.addrType == b.addrType && a.address == b.address;
}

bool
operator==(const SdpOrigin& a, const SdpOrigin& b)
{
    return a.username == b.username && a.sessionId == b.sessionId &&
           a.sessionVersion == b.sessionVersion && a.netType == b.netType &&
           a.addrType == b.addrType && a.address == b.address;
}

bool
operator==(const SdpMedia& a, const SdpMedia& b)
{
    return a.media == b.media && a.port == b.port && a.proto == b.proto && a.formats == b.formats &&
           a.connection == b.connection && a.attributes == b.attributes;
}

bool
operator==(const SdpSession& a, const SdpSession& b)
{
    return a.origin == b.origin && a.sessionName == b.sessionName && a.connection == b.connection &&
           a.timing == b.timing && a.attributes == b.attributes && a.media == b.media;
}

} // namespace sip
} // namespace mediasec
