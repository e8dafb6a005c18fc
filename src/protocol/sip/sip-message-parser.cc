// ParseSipMessage: framing, start line, header section and the checks of the mandatory headers
// (declared in sip-message.h).
#include "sip-header-names.h"
#include "sip-header-values.h"
#include "sip-message.h"
#include "sip-syntax.h"

#include <algorithm>

namespace mediasec
{
namespace sip
{

namespace
{

using syntax::Excerpt;

const char kContentLength[] = "Content-Length";

/** \brief The parts of a start line. */
struct StartLine
{
    bool request = true;    //!< Request-Line or Status-Line
    std::string method;     //!< request method
    std::string requestUri; //!< Request-URI
    int statusCode = 0;     //!< status code
    std::string reason;     //!< reason phrase
};

/** \brief Reads lines ending in LF (a CR before the LF is dropped). */
class LineReader
{
  public:
    /** \param text the whole message */
    explicit LineReader(std::string_view text)
        : m_text(text)
    {
    }

    /** \brief Reads the next line. \param line set to the line \return false when no LF is left */
    bool
    Next(std::string_view& line)
    {
        const size_t lf = m_text.find('\n', m_pos);
        if (lf == std::string_view::npos)
        {
            return false;
        }
        line = m_text.substr(m_pos, lf - m_pos);
        if (!line.empty() && line.back() == '\r')
        {
            line.remove_suffix(1);
        }
        m_pos = lf + 1;
        return true;
    }

    /** \return everything after the last line read. */
    std::string_view
    Rest() const
    {
        return m_text.substr(m_pos);
    }

  private:
    std::string_view m_text; //!< the message
    size_t m_pos = 0;        //!< start of the next line
};

Error
Prefixed(std::string_view header, const Error& error)
{
    return MakeError(error.code, std::string(header) + ": " + error.detail);
}

/** \brief Checks SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT and that it is 2.0. */
Status
CheckVersion(std::string_view version)
{
    std::string_view number = version.substr(std::min<size_t>(4, version.size()));
    const size_t dot = number.find('.');
    if (!syntax::EqualsNoCase(version.substr(0, 4), "SIP/") || dot == std::string_view::npos ||
        !syntax::IsDigits(number.substr(0, dot)) || !syntax::IsDigits(number.substr(dot + 1)))
    {
        return MakeError(Errc::Malformed, "start line: bad SIP-Version " + Excerpt(version));
    }
    if (number != "2.0")
    {
        return MakeError(Errc::Unsupported,
                         "start line: SIP-Version " + Excerpt(version) + " is not SIP/2.0");
    }
    return Ok{};
}

Result<StartLine>
ParseStatusLine(std::string_view line)
{
    StartLine start;
    start.request = false;
    const size_t sp = line.find(' ');
    if (auto status = CheckVersion(line.substr(0, sp)); !status)
    {
        return status.GetError();
    }
    if (sp == std::string_view::npos)
    {
        return MakeError(Errc::Malformed, "Status-Line: no status code");
    }
    std::string_view rest = line.substr(sp + 1);
    const size_t sp2 = rest.find(' ');
    std::string_view code = rest.substr(0, sp2);
    auto value = syntax::ParseDecimal(code, 699, "Status-Line code");
    if (!value)
    {
        return value.GetError();
    }
    if (code.size() != 3 || value.Value() < 100)
    {
        return MakeError(Errc::OutOfRange,
                         "Status-Line: code " + Excerpt(code) + " is not 3 digits 100..699");
    }
    start.statusCode = static_cast<int>(value.Value());
    if (sp2 != std::string_view::npos)
    {
        start.reason = std::string(rest.substr(sp2 + 1));
    }
    const bool printable = std::all_of(start.reason.begin(), start.reason.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return c == '\t' || (u >= 0x20 && u != 0x7f);
    });
    if (!printable)
    {
        return MakeError(Errc::Malformed, "Status-Line: control character in the reason phrase");
    }
    return start;
}

Result<StartLine>
ParseRequestLine(std::string_view line)
{
    StartLine start;
    const size_t sp1 = line.find(' ');
    const size_t sp2 = line.rfind(' ');
    if (sp1 == std::string_view::npos || sp1 == sp2)
    {
        return MakeError(Errc::Malformed, "Request-Line: " + Excerpt(line) +
                                              " is not Method SP Request-URI SP SIP-Version");
    }
    std::string_view method = line.substr(0, sp1);
    std::string_view uri = line.substr(sp1 + 1, sp2 - sp1 - 1);
    if (!syntax::IsToken(method))
    {
        return MakeError(Errc::Malformed,
                         "Request-Line: method " + Excerpt(method) + " is not a token");
    }
    if (auto status = CheckVersion(line.substr(sp2 + 1)); !status)
    {
        return status.GetError();
    }
    if (uri.empty() || std::any_of(uri.begin(), uri.end(), syntax::IsWsp))
    {
        return MakeError(Errc::Malformed,
                         "Request-Line: Request-URI " + Excerpt(uri) + " is empty or has LWS");
    }
    if (auto status = ValidateUri(uri); !status)
    {
        return Prefixed("Request-URI", status.GetError());
    }
    if (auto sipUri = ParseSipUri(uri); sipUri && !sipUri.Value().headers.empty())
    {
        return MakeError(Errc::Malformed,
                         "Request-URI: headers are not allowed in " + Excerpt(uri));
    }
    start.method = std::string(method);
    start.requestUri = std::string(uri);
    return start;
}

/**
 * \brief Reads the header section up to the empty line (or the end of the datagram right after a
 * line end, as in RFC 4475 baddn), unfolding continuation lines.
 */
Result<std::vector<SipHeader>>
ReadHeaders(LineReader& reader)
{
    std::vector<SipHeader> headers;
    size_t counted = 0;
    std::string_view line;
    while (true)
    {
        if (!reader.Next(line))
        {
            if (reader.Rest().empty())
            {
                return headers; // the datagram ends after a header line: no body
            }
            return MakeError(Errc::Malformed,
                             "header section: truncated line " + Excerpt(reader.Rest()));
        }
        if (line.find('\r') != std::string_view::npos)
        {
            return MakeError(Errc::Malformed, "header section: bare CR in " + Excerpt(line));
        }
        if (line.empty())
        {
            return headers;
        }
        if (syntax::IsWsp(line.front()))
        {
            if (headers.empty())
            {
                return MakeError(Errc::Malformed, "header section: continuation line first");
            }
            std::string_view more = syntax::TrimWsp(line);
            std::string& value = headers.back().value;
            if (!more.empty())
            {
                value += value.empty() ? "" : " ";
                value += more;
            }
        }
        else
        {
            const size_t colon = line.find(':');
            std::string_view name = syntax::TrimWsp(line.substr(0, colon));
            if (colon == std::string_view::npos || !syntax::IsToken(name))
            {
                return MakeError(Errc::Malformed,
                                 "header section: " + Excerpt(line) + " is not name: value");
            }
            std::string canonical = CanonicalHeaderName(name);
            if (canonical != kContentLength && ++counted > kMaxSipHeaders)
            {
                return MakeError(Errc::TooLarge, "header section: more than " +
                                                     std::to_string(kMaxSipHeaders) + " headers");
            }
            headers.push_back(
                {std::move(canonical), std::string(syntax::TrimWsp(line.substr(colon + 1)))});
        }
        const SipHeader& last = headers.back();
        if (last.name.size() + 2 + last.value.size() > kMaxSipHeaderLine)
        {
            return MakeError(Errc::TooLarge, last.name + ": header line longer than " +
                                                 std::to_string(kMaxSipHeaderLine) + " octets");
        }
    }
}

size_t
CountHeaders(const std::vector<SipHeader>& headers, std::string_view name)
{
    return static_cast<size_t>(std::count_if(headers.begin(), headers.end(),
                                             [&](const SipHeader& h) { return h.name == name; }));
}

/** \brief Applies Content-Length to \p body (RFC 3261 18.3 for UDP). */
Status
FrameBody(const std::vector<SipHeader>& headers, std::string_view& body)
{
    const size_t count = CountHeaders(headers, kContentLength);
    if (count > 1)
    {
        return MakeError(Errc::Malformed, "Content-Length: more than one");
    }
    if (count == 0)
    {
        return Ok{};
    }
    auto it = std::find_if(headers.begin(), headers.end(),
                           [](const SipHeader& h) { return h.name == kContentLength; });
    auto length = syntax::ParseDecimal(it->value, UINT32_MAX, kContentLength);
    if (!length)
    {
        return length.GetError();
    }
    if (length.Value() > body.size())
    {
        return MakeError(Errc::BadLength, "Content-Length: " + std::to_string(length.Value()) +
                                              " exceeds the " + std::to_string(body.size()) +
                                              " octets of body");
    }
    body = body.substr(0, static_cast<size_t>(length.Value()));
    return Ok{};
}

/** \brief Checks presence and multiplicity of the mandatory and single-valued headers. */
Status
CheckPresence(const std::vector<SipHeader>& headers)
{
    for (const char* name : {"Via", "From", "To", "Call-ID", "CSeq"})
    {
        if (CountHeaders(headers, name) == 0)
        {
            return MakeError(Errc::MissingField, std::string(name) + ": missing");
        }
    }
    for (const char* name : {"From", "To", "Call-ID", "CSeq", "Max-Forwards"})
    {
        if (CountHeaders(headers, name) > 1)
        {
            return MakeError(Errc::Malformed, std::string(name) + ": more than one");
        }
    }
    return Ok{};
}

/** \brief Parses the values of the headers the stack acts on. */
Status
CheckValues(const SipMessage& message)
{
    for (const std::string& entry : message.GetHeaders("Via"))
    {
        if (auto via = ParseVia(entry); !via)
        {
            return via.GetError();
        }
    }
    for (const char* name : {"From", "To", "Contact", "Route", "Record-Route"})
    {
        for (const std::string& entry : message.GetHeaders(name))
        {
            if (std::string_view(name) == "Contact" && entry == "*")
            {
                continue;
            }
            if (auto nameAddr = ParseNameAddr(entry); !nameAddr)
            {
                return Prefixed(name, nameAddr.GetError());
            }
        }
    }
    const std::string callId = *message.GetHeader("Call-ID");
    const size_t at = callId.find('@');
    if (!syntax::IsWord(callId.substr(0, at)) ||
        (at != std::string::npos && !syntax::IsWord(callId.substr(at + 1))))
    {
        return MakeError(Errc::Malformed, "Call-ID: " + Excerpt(callId) + " is not word[@word]");
    }
    auto cseq = ParseCSeq(*message.GetHeader("CSeq"));
    if (!cseq)
    {
        return cseq.GetError();
    }
    if (message.IsRequest() && cseq.Value().method != message.Method())
    {
        return MakeError(Errc::Malformed, "CSeq: method " + Excerpt(cseq.Value().method) +
                                              " does not match the request method " +
                                              Excerpt(message.Method()));
    }
    if (auto maxForwards = message.GetHeader("Max-Forwards"))
    {
        if (auto hops = syntax::ParseDecimal(*maxForwards, 255, "Max-Forwards"); !hops)
        {
            return hops.GetError();
        }
    }
    return Ok{};
}

} // namespace

Result<SipMessage>
ParseSipMessage(std::string_view text)
{
    if (text.size() > kMaxSipMessageSize)
    {
        return MakeError(Errc::TooLarge, "message: " + std::to_string(text.size()) +
                                             " octets exceed " +
                                             std::to_string(kMaxSipMessageSize));
    }
    LineReader reader(text);
    std::string_view line;
    do
    {
        if (!reader.Next(line))
        {
            return MakeError(Errc::Malformed, "start line: missing");
        }
    } while (line.empty());
    if (line.find('\r') != std::string_view::npos)
    {
        return MakeError(Errc::Malformed, "start line: bare CR");
    }
    const bool response = syntax::EqualsNoCase(line.substr(0, 4), "SIP/");
    auto start = response ? ParseStatusLine(line) : ParseRequestLine(line);
    if (!start)
    {
        return start.GetError();
    }
    auto headers = ReadHeaders(reader);
    if (!headers)
    {
        return headers.GetError();
    }
    std::string_view body = reader.Rest();
    if (auto status = FrameBody(headers.Value(), body); !status)
    {
        return status.GetError();
    }
    if (auto status = CheckPresence(headers.Value()); !status)
    {
        return status.GetError();
    }
    StartLine& s = start.Value();
    SipMessage message = s.request
                             ? SipMessage::MakeRequest(std::move(s.method), std::move(s.requestUri))
                             : SipMessage::MakeResponse(s.statusCode, std::move(s.reason));
    for (SipHeader& header : headers.Value())
    {
        if (header.name != kContentLength)
        {
            message.m_headers.push_back(std::move(header));
        }
    }
    message.m_body = std::string(body);
    if (auto status = CheckValues(message); !status)
    {
        return status.GetError();
    }
    return message;
}

} // namespace sip
} // namespace mediasec
