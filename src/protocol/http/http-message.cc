#include "http-message.h"

#include <algorithm>
#include <cctype>

namespace mediasec
{
namespace http
{

namespace
{

/** \return true for an RFC 7230 tchar (token character). */
bool
IsTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    {
        return true;
    }
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

/** \return true when \p text is a non-empty token. */
bool
IsToken(std::string_view text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), IsTokenChar);
}

/** \return true for a field-value octet: VCHAR, obs-text, SP or HTAB. */
bool
IsFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || (u >= 0x20 && u != 0x7f);
}

/** \return \p text without leading and trailing SP/HTAB. */
std::string_view
TrimOws(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    {
        text.remove_suffix(1);
    }
    return text;
}

/** \return true when \p a and \p b are equal ignoring ASCII case. */
bool
EqualsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

/** \return Ok when \p version is "HTTP/1.0" or "HTTP/1.1", else Malformed or Unsupported. */
Status
CheckVersion(std::string_view version)
{
    if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' ||
        !std::isdigit(static_cast<unsigned char>(version[5])) ||
        !std::isdigit(static_cast<unsigned char>(version[7])))
    {
        return MakeError(Errc::Malformed, "HTTP version: expected HTTP/x.y");
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
    {
        return MakeError(Errc::Unsupported, "HTTP version: only 1.0 and 1.1");
    }
    return Ok{};
}

/** \return Ok after appending the parsed header \p line to \p headers, or Malformed. */
Status
ParseHeaderLine(std::string_view line, HeaderList& headers)
{
    if (line.front() == ' ' || line.front() == '\t')
    {
        return MakeError(Errc::Malformed, "header: obsolete line folding");
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos)
    {
        return MakeError(Errc::Malformed, "header: missing colon");
    }
    const std::string_view name = line.substr(0, colon);
    if (!IsToken(name))
    {
        return MakeError(Errc::Malformed, "header: bad field name");
    }
    const std::string_view value = TrimOws(line.substr(colon + 1));
    if (!std::all_of(value.begin(), value.end(), IsFieldValueChar))
    {
        return MakeError(Errc::Malformed, "header " + std::string(name) + ": control character");
    }
    headers.emplace_back(std::string(name), std::string(value));
    return Ok{};
}

/** \return the decimal Content-Length, TooLarge over \p maxBody, or Malformed. */
Result<size_t>
ParseContentLength(std::string_view text, size_t maxBody)
{
    if (text.empty() ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    {
        return MakeError(Errc::Malformed, "Content-Length: not a decimal number");
    }
    size_t value = 0;
    for (char c : text)
    {
        value = value * 10 + static_cast<size_t>(c - '0');
        if (value > maxBody)
        {
            return MakeError(Errc::TooLarge, "Content-Length: over the body limit");
        }
    }
    return value;
}

/** \return the chunk size of a chunk-size line (extensions ignored), or the error. */
Result<size_t>
ParseChunkSize(std::string_view line, size_t bodySoFar, size_t maxBody)
{
    const std::string_view digits = TrimOws(line.substr(0, line.find(';')));
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c)) != 0;
        }))
    {
        return MakeError(Errc::Malformed, "chunk size: not a hexadecimal number");
    }
    size_t value = 0;
    for (char c : digits)
    {
        const int digit = std::isdigit(static_cast<unsigned char>(c))
                              ? c - '0'
                              : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
        value = value * 16 + static_cast<size_t>(digit);
        if (value > maxBody - bodySoFar)
        {
            return MakeError(Errc::TooLarge, "chunk size: body over the limit");
        }
    }
    return value;
}

/** \return the start line and headers of a message, framing headers dropped. */
std::string
FormatHead(const std::string& startLine, const HeaderList& headers, size_t bodySize)
{
    std::string out = startLine + "\r\n";
    for (const auto& [name, value] : headers)
    {
        if (EqualsIgnoreCase(name, "Content-Length") || EqualsIgnoreCase(name, "Transfer-Encoding"))
        {
            continue;
        }
        out += name + ": " + value + "\r\n";
    }
    out += "Content-Length: " + std::to_string(bodySize) + "\r\n\r\n";
    return out;
}

} // namespace

bool
operator==(const HttpRequest& a, const HttpRequest& b)
{
    return a.method == b.method && a.target == b.target && a.headers == b.headers &&
           a.body == b.body;
}

bool
operator==(const HttpResponse& a, const HttpResponse& b)
{
    return a.status == b.status && a.reason == b.reason && a.headers == b.headers &&
           a.body == b.body;
}

const std::string*
FindHeader(const HeaderList& headers, std::string_view name)
{
    for (const auto& header : headers)
    {
        if (EqualsIgnoreCase(header.first, name))
        {
            return &header.second;
        }
    }
    return nullptr;
}

std::string
Format(const HttpRequest& request)
{
    return FormatHead(request.method + " " + request.target + " HTTP/1.1", request.headers,
                      request.body.size()) +
           request.body;
}

std::string
Format(const HttpResponse& response)
{
    return FormatHead("HTTP/1.1 " + std::to_string(response.status) + " " + response.reason,
                      response.headers, response.body.size()) +
           response.body;
}

Status
ParseRequestLine(std::string_view line, HttpRequest& request)
{
    const size_t first = line.find(' ');
    const size_t second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (second == std::string_view::npos)
    {
        return MakeError(Errc::Malformed, "request line: expected method, target and version");
    }
    const std::string_view method = line.substr(0, first);
    const std::string_view target = line.substr(first + 1, second - first - 1);
    if (!IsToken(method))
    {
        return MakeError(Errc::Malformed, "request line: bad method");
    }
    if (target.empty() || !std::all_of(target.begin(), target.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return u > 0x20 && u != 0x7f;
        }))
    {
        return MakeError(Errc::Malformed, "request line: bad target");
    }
    Status version = CheckVersion(line.substr(second + 1));
    if (!version)
    {
        return version;
    }
    request.method = std::string(method);
    request.target = std::string(target);
    return Ok{};
}

Status
ParseStatusLine(std::string_view line, HttpResponse& response)
{
    Status version = CheckVersion(line.substr(0, std::min<size_t>(line.size(), 8)));
    if (!version)
    {
        return version;
    }
    const std::string_view rest = line.substr(8);
    if (rest.size() < 4 || rest[0] != ' ' || !std::isdigit(static_cast<unsigned char>(rest[1])) ||
        !std::isdigit(static_cast<unsigned char>(rest[2])) ||
        !std::isdigit(static_cast<unsigned char>(rest[3])) || (rest.size() > 4 && rest[4] != ' '))
    {
        return MakeError(Errc::Malformed, "status line: expected a 3-digit status code");
    }
    const int status = (rest[1] - '0') * 100 + (rest[2] - '0') * 10 + (rest[3] - '0');
    if (status < 100 || status > 599)
    {
        return MakeError(Errc::OutOfRange, "status line: status code not in 100..599");
    }
    const std::string_view reason = rest.size() > 4 ? rest.substr(5) : std::string_view();
    if (!std::all_of(reason.begin(), reason.end(), IsFieldValueChar))
    {
        return MakeError(Errc::Malformed, "status line: control character in reason");
    }
    response.status = status;
    response.reason = std::string(reason);
    return Ok{};
}

HttpStreamParser::HttpStreamParser(size_t maxBodyLength)
    : m_maxBody(maxBodyLength)
{
}

bool
HttpStreamParser::Failed() const
{
    return m_failed;
}

size_t
HttpStreamParser::Buffered() const
{
    return m_buffer.size() - m_pos;
}

Status
HttpStreamParser::UseMode(Mode mode)
{
    if (m_mode != Mode::Unset && m_mode != mode)
    {
        return MakeError(Errc::InvalidState, "HTTP parser: requests and responses mixed");
    }
    m_mode = mode;
    return Ok{};
}

Error
HttpStreamParser::Fail(Error error)
{
    m_failed = true;
    m_failure = error.ToString();
    m_buffer.clear();
    m_pos = 0;
    return error;
}

Result<bool>
HttpStreamParser::NextLine(std::string& line)
{
    const size_t end = m_buffer.find('\n', m_pos);
    const size_t available = (end == std::string::npos ? m_buffer.size() : end) - m_pos;
    if (available > kMaxHeaderLineLength)
    {
        return MakeError(Errc::TooLarge, "line longer than 8 KiB");
    }
    if (end == std::string::npos)
    {
        return false;
    }
    if (available == 0 || m_buffer[end - 1] != '\r')
    {
        return MakeError(Errc::Malformed, "line not terminated by CRLF");
    }
    line.assign(m_buffer, m_pos, available - 1);
    m_pos = end + 1;
    if (line.find_first_of(std::string_view("\r\0", 2)) != std::string::npos)
    {
        return MakeError(Errc::Malformed, "CR or NUL inside a line");
    }
    return true;
}

Status
HttpStreamParser::StartBody(std::vector<RawMessage>& done)
{
    HeaderList kept;
    const std::string* transferEncoding = nullptr;
    const std::string* contentLength = nullptr;
    for (const auto& header : m_current.headers)
    {
        const bool isTe = EqualsIgnoreCase(header.first, "Transfer-Encoding");
        const bool isCl = EqualsIgnoreCase(header.first, "Content-Length");
        if ((isTe && transferEncoding != nullptr) || (isCl && contentLength != nullptr))
        {
            return MakeError(Errc::Malformed, header.first + ": repeated");
        }
        transferEncoding = isTe ? &header.second : transferEncoding;
        contentLength = isCl ? &header.second : contentLength;
    }
    if (transferEncoding != nullptr && contentLength != nullptr)
    {
        return MakeError(Errc::Malformed, "Transfer-Encoding: together with Content-Length");
    }
    size_t length = 0;
    if (contentLength != nullptr)
    {
        auto parsed = ParseContentLength(*contentLength, m_maxBody);
        if (!parsed)
        {
            return parsed.GetError();
        }
        length = parsed.Value();
    }
    if (transferEncoding != nullptr && !EqualsIgnoreCase(*transferEncoding, "chunked"))
    {
        return MakeError(Errc::Unsupported, "Transfer-Encoding: only chunked");
    }
    if (m_mode == Mode::Responses)
    {
        HttpResponse head;
        ParseStatusLine(m_current.startLine, head);
        if (head.status < 200 || head.status == 204 || head.status == 304)
        {
            transferEncoding = nullptr;
            length = 0;
        }
    }
    const bool chunked = transferEncoding != nullptr;
    for (auto& header : m_current.headers)
    {
        if (!EqualsIgnoreCase(header.first, "Transfer-Encoding") &&
            !EqualsIgnoreCase(header.first, "Content-Length"))
        {
            kept.push_back(std::move(header));
        }
    }
    m_current.headers = std::move(kept);
    m_remaining = length;
    if (chunked)
    {
        m_state = State::ChunkSize;
    }
    else if (length > 0)
    {
        m_state = State::FixedBody;
    }
    else
    {
        done.push_back(std::move(m_current));
        m_current = RawMessage{};
        m_state = State::StartLine;
    }
    return Ok{};
}

Status
HttpStreamParser::Step(bool& progressed, std::vector<RawMessage>& done)
{
    progressed = false;
    std::string line;
    switch (m_state)
    {
    case State::FixedBody:
    case State::ChunkData: {
        const size_t take = std::min(m_remaining, m_buffer.size() - m_pos);
        m_current.body.append(m_buffer, m_pos, take);
        m_pos += take;
        m_remaining -= take;
        progressed = take > 0 || m_remaining == 0;
        if (m_remaining == 0 && m_state == State::ChunkData)
        {
            m_state = State::ChunkEnd;
        }
        else if (m_remaining == 0)
        {
            done.push_back(std::move(m_current));
            m_current = RawMessage{};
            m_state = State::StartLine;
        }
        return Ok{};
    }
    case State::ChunkEnd:
        if (m_buffer.size() - m_pos < 2)
        {
            return Ok{};
        }
        if (m_buffer.compare(m_pos, 2, "\r\n") != 0)
        {
            return MakeError(Errc::Malformed, "chunk data: not followed by CRLF");
        }
        m_pos += 2;
        m_state = State::ChunkSize;
        progressed = true;
        return Ok{};
    default:
        break;
    }
    auto got = NextLine(line);
    if (!got)
    {
        return got.GetError();
    }
    if (!got.Value())
    {
        return Ok{};
    }
    progressed = true;
    switch (m_state)
    {
    case State::StartLine: {
        if (line.empty())
        {
            return Ok{};
        }
        HttpRequest request;
        HttpResponse response;
        Status valid = m_mode == Mode::Requests ? ParseRequestLine(line, request)
                                                : ParseStatusLine(line, response);
        if (!valid)
        {
            return valid;
        }
        m_current.startLine = std::move(line);
        m_lineCount = 0;
        m_state = State::Headers;
        return Ok{};
    }
    case State::ChunkSize: {
        auto size = ParseChunkSize(line, m_current.body.size(), m_maxBody);
        if (!size)
        {
            return size.GetError();
        }
        m_remaining = size.Value();
        m_state = m_remaining == 0 ? State::Trailers : State::ChunkData;
        return Ok{};
    }
    default:
        break;
    }
    if (line.empty())
    {
        if (m_state == State::Headers)
        {
            return StartBody(done);
        }
        done.push_back(std::move(m_current));
        m_current = RawMessage{};
        m_state = State::StartLine;
        return Ok{};
    }
    if (++m_lineCount > kMaxHeaderCount)
    {
        return MakeError(Errc::TooLarge, "more than 100 header lines");
    }
    HeaderList trailers;
    return ParseHeaderLine(line, m_state == State::Headers ? m_current.headers : trailers);
}

Result<std::vector<HttpStreamParser::RawMessage>>
HttpStreamParser::Feed(const uint8_t* data, size_t size)
{
    if (m_failed)
    {
        return MakeError(Errc::InvalidState, "HTTP parser failed earlier: " + m_failure);
    }
    if (size > 0)
    {
        m_buffer.append(reinterpret_cast<const char*>(data), size);
    }
    std::vector<RawMessage> done;
    bool progressed = true;
    while (progressed)
    {
        Status step = Step(progressed, done);
        if (!step)
        {
            return Fail(step.GetError());
        }
    }
    m_buffer.erase(0, m_pos);
    m_pos = 0;
    return done;
}

Result<std::vector<HttpRequest>>
HttpStreamParser::FeedRequests(const uint8_t* data, size_t size)
{
    Status mode = UseMode(Mode::Requests);
    if (!mode)
    {
        return mode.GetError();
    }
    auto raw = Feed(data, size);
    if (!raw)
    {
        return raw.GetError();
    }
    std::vector<HttpRequest> requests;
    for (RawMessage& message : raw.Value())
    {
        HttpRequest request;
        ParseRequestLine(message.startLine, request);
        request.headers = std::move(message.headers);
        request.body = std::move(message.body);
        requests.push_back(std::move(request));
    }
    return requests;
}

Result<std::vector<HttpResponse>>
HttpStreamParser::FeedResponses(const uint8_t* data, size_t size)
{
    Status mode = UseMode(Mode::Responses);
    if (!mode)
    {
        return mode.GetError();
    }
    auto raw = Feed(data, size);
    if (!raw)
    {
        return raw.GetError();
    }
    std::vector<HttpResponse> responses;
    for (RawMessage& message : raw.Value())
    {
        HttpResponse response;
        ParseStatusLine(message.startLine, response);
        response.headers = std::move(message.headers);
        response.body = std::move(message.body);
        responses.push_back(std::move(response));
    }
    return responses;
}

} // namespace http
} // namespace mediasec
