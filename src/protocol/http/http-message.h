/**
 * \file
 * HTTP/1.1 messages (RFC 7230) for the GBA Ub and KMS Ua interfaces: request and response
 * structures, formatting, and a sans-I/O stream parser for a TCP byte stream with
 * Content-Length and chunked framing under fixed limits.
 */
#ifndef MEDIASEC_HTTP_MESSAGE_H
#define MEDIASEC_HTTP_MESSAGE_H

#include "protocol/common/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mediasec
{
namespace http
{

constexpr size_t kMaxHeaderLineLength = 8192; //!< longest start, header or chunk line (bytes)
constexpr size_t kMaxHeaderCount = 100;       //!< most header (plus trailer) lines per message
constexpr size_t kMaxBodyLength = 65536;      //!< largest body, after chunked decoding (bytes)

/** \brief Header fields in wire order, names as received. */
using HeaderList = std::vector<std::pair<std::string, std::string>>;

/**
 * \brief An HTTP request. The parser removes the framing headers (Content-Length,
 * Transfer-Encoding) because the body is already delimited and decoded.
 */
struct HttpRequest
{
    std::string method; //!< e.g. "GET"
    std::string target; //!< request target, e.g. "/"
    HeaderList headers; //!< header fields other than the framing ones
    std::string body;   //!< decoded body
};

/** \brief An HTTP response (framing headers removed by the parser, as for HttpRequest). */
struct HttpResponse
{
    int status = 0;     //!< status code 100..599
    std::string reason; //!< reason phrase (may be empty)
    HeaderList headers; //!< header fields other than the framing ones
    std::string body;   //!< decoded body
};

/** \return true when both requests have equal fields. */
bool operator==(const HttpRequest& a, const HttpRequest& b);
/** \return true when both responses have equal fields. */
bool operator==(const HttpResponse& a, const HttpResponse& b);

/** \return the value of the first header named \p name (case-insensitive), or nullptr. */
const std::string* FindHeader(const HeaderList& headers, std::string_view name);

/**
 * \brief Formats an HTTP/1.1 request. Any Content-Length or Transfer-Encoding in the header
 * list is dropped; "Content-Length: <body size>" is always written after the other headers.
 * \return the wire text
 */
std::string Format(const HttpRequest& request);
/** \brief Formats an HTTP/1.1 response like Format(const HttpRequest&). \return wire text */
std::string Format(const HttpResponse& response);

/**
 * \brief Incremental parser of one direction of an HTTP/1.1 connection.
 *
 * Feed it the bytes as they arrive; it returns every message completed so far and keeps a
 * partial one. Framing: "Transfer-Encoding: chunked" (decoded, extensions and trailers
 * ignored), else Content-Length, else an empty body (the project's peers always send
 * Content-Length; reading until close is not supported). Both framing headers together are
 * rejected (request smuggling). Errors: Malformed (syntax, bad Content-Length, bad chunk size or
 * chunk delimiter), TooLarge (a line over kMaxHeaderLineLength, more than kMaxHeaderCount
 * headers, a Content-Length or decoded body over kMaxBodyLength), Unsupported (HTTP version
 * other than 1.0/1.1, a transfer coding other than chunked). After the first error the parser
 * is failed for good: every later call returns InvalidState (close the connection).
 * One instance parses either requests or responses; mixing returns InvalidState.
 */
class HttpStreamParser
{
  public:
    /** \brief A parser accepting bodies of up to \p maxBodyLength bytes. */
    explicit HttpStreamParser(size_t maxBodyLength = kMaxBodyLength);

    /**
     * \brief Adds bytes of a request stream.
     * \return the requests completed by these bytes (possibly none), or the error
     */
    Result<std::vector<HttpRequest>> FeedRequests(const uint8_t* data, size_t size);
    /**
     * \brief Adds bytes of a response stream.
     * \return the responses completed by these bytes (possibly none), or the error
     */
    Result<std::vector<HttpResponse>> FeedResponses(const uint8_t* data, size_t size);
    /** \return true after an error (the connection must be closed). */
    bool Failed() const;
    /** \return the number of buffered bytes of an incomplete message. */
    size_t Buffered() const;

  private:
    /** \brief One parsed message before it is typed as a request or a response. */
    struct RawMessage
    {
        std::string startLine; //!< the request or status line
        HeaderList headers;    //!< header fields without the framing ones
        std::string body;      //!< decoded body
    };

    /** \brief Where the parser is inside the current message. */
    enum class State
    {
        StartLine, //!< waiting for the request/status line
        Headers,   //!< reading header lines
        FixedBody, //!< reading m_remaining body bytes
        ChunkSize, //!< reading a chunk-size line
        ChunkData, //!< reading m_remaining chunk bytes
        ChunkEnd,  //!< reading the CRLF after chunk data
        Trailers,  //!< reading trailer lines after the last chunk
    };
    /** \brief Which kind of message the instance parses. */
    enum class Mode
    {
        Unset,     //!< nothing fed yet
        Requests,  //!< FeedRequests in use
        Responses, //!< FeedResponses in use
    };

    /** \return Ok after switching to or checking \p mode, else InvalidState */
    Status UseMode(Mode mode);
    /**
     * \brief Appends \p data and advances the state machine.
     * \return the raw messages completed, or the error (the parser is then failed)
     */
    Result<std::vector<RawMessage>> Feed(const uint8_t* data, size_t size);
    /**
     * \brief Advances by at most one line, chunk delimiter or block of body bytes; a completed
     * message is appended to \p done.
     * \return Ok (with \p progressed telling whether input was consumed), or the error
     */
    Status Step(bool& progressed, std::vector<RawMessage>& done);
    /**
     * \brief Takes the next CRLF-terminated line (without CRLF) into \p line.
     * \return true when a complete line was taken, false when more bytes are needed, or
     * TooLarge/Malformed
     */
    Result<bool> NextLine(std::string& line);
    /**
     * \brief Picks the body framing from the headers (and completes a body-less message).
     * \return Ok, or the error
     */
    Status StartBody(std::vector<RawMessage>& done);
    /** \brief Records \p error and fails the parser. \return the error */
    Error Fail(Error error);

    size_t m_maxBody;                 //!< largest accepted body
    Mode m_mode = Mode::Unset;        //!< requests or responses
    State m_state = State::StartLine; //!< position in the current message
    std::string m_buffer;             //!< received, not yet consumed bytes
    size_t m_pos = 0;                 //!< consumed prefix of m_buffer
    RawMessage m_current;             //!< message being parsed
    size_t m_remaining = 0;           //!< body or chunk bytes still to read
    size_t m_lineCount = 0;           //!< header and trailer lines of the current message
    bool m_failed = false;            //!< true after an error
    std::string m_failure;            //!< the error that failed the parser
};

/**
 * \brief Parses a request line "METHOD SP target SP HTTP/1.x".
 * \return Ok after filling method and target of \p request, or Malformed/Unsupported
 */
Status ParseRequestLine(std::string_view line, HttpRequest& request);
/**
 * \brief Parses a status line "HTTP/1.x SP 3DIGIT SP reason".
 * \return Ok after filling status and reason of \p response, Malformed/Unsupported, or
 * OutOfRange for a status code outside 100..599
 */
Status ParseStatusLine(std::string_view line, HttpResponse& response);

} // namespace http
} // namespace mediasec

#endif
