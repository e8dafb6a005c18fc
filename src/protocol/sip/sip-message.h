/**
 * \file
 * A SIP request or response (RFC 3261 section 7) as a start line, an ordered header list and a
 * body; the parser of a UDP datagram and the formatter.
 */
#ifndef MEDIASEC_SIP_MESSAGE_H
#define MEDIASEC_SIP_MESSAGE_H

#include "protocol/common/result.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace sip
{

/** \brief Largest accepted message, in octets (one UDP datagram). */
constexpr size_t kMaxSipMessageSize = 65535;
/** \brief Largest accepted number of header fields, Content-Length not counted. */
constexpr size_t kMaxSipHeaders = 200;
/** \brief Largest accepted header line "Canonical-Name: value" after unfolding, in octets. */
constexpr size_t kMaxSipHeaderLine = 8192;

/** \brief One header field. */
struct SipHeader
{
    std::string name;  //!< canonical long form ("Call-ID", "Via", "CSeq", "Security-Client", ...)
    std::string value; //!< unfolded value without leading and trailing white space
};

/**
 * \brief A SIP request or response.
 *
 * Header names are stored in canonical long form (compact forms expanded, see
 * CanonicalHeaderName) and looked up case-insensitively by compact or long name. Content-Length is
 * not stored: it is always the body size (GetHeader("Content-Length") returns it, Format() writes
 * it, and the header setters ignore it).
 */
class SipMessage
{
  public:
    /**
     * \brief Creates a request without headers or body.
     * \param method the method token, e.g. "INVITE"
     * \param requestUri the Request-URI, e.g. "sip:bob@ims.example.com"
     * \return the request
     */
    static SipMessage MakeRequest(std::string method, std::string requestUri);

    /**
     * \brief Creates a response without headers or body.
     * \param statusCode 100..699
     * \param reasonPhrase e.g. "OK"
     * \return the response
     */
    static SipMessage MakeResponse(int statusCode, std::string reasonPhrase);

    /** \return true for a request, false for a response. */
    bool IsRequest() const;
    /** \return the request method, "" for a response. */
    const std::string& Method() const;
    /** \return the Request-URI, "" for a response. */
    const std::string& RequestUri() const;
    /** \return the status code, 0 for a request. */
    int StatusCode() const;
    /** \return the reason phrase, "" for a request. */
    const std::string& ReasonPhrase() const;

    /**
     * \brief Returns the first value of a header.
     *
     * For Via, Route, Record-Route and Contact this is the first comma-separated entry.
     * \param name compact or long name, any case
     * \return the value, or nullopt when absent
     */
    std::optional<std::string> GetHeader(std::string_view name) const;

    /**
     * \brief Returns all values of a header in order; comma-separated entries of Via, Route,
     * Record-Route and Contact are split (commas inside quotes and "<>" do not split).
     * \param name compact or long name, any case
     * \return the values, empty when absent
     */
    std::vector<std::string> GetHeaders(std::string_view name) const;

    /** \brief Appends a header. \param name any form \param value the value */
    void AddHeader(std::string name, std::string value);

    /**
     * \brief Inserts a header before the first header of that name, or at the top if there is
     * none (a proxy adding its Via).
     * \param name any form
     * \param value the value
     */
    void PushFrontHeader(std::string name, std::string value);

    /**
     * \brief Replaces all headers of that name by one at the place of the first (appends when
     * absent).
     * \param name any form
     * \param value the value
     */
    void SetHeader(std::string name, std::string value);

    /** \brief Removes all headers of that name. \param name any form */
    void RemoveHeader(std::string_view name);

    /**
     * \brief Removes the first value of a header: for Via, Route, Record-Route and Contact the
     * first entry of a comma-separated line, otherwise the first header line.
     * \param name any form
     * \return true when something was removed
     */
    bool RemoveFirstHeader(std::string_view name);

    /** \return the headers in order (Content-Length excluded). */
    const std::vector<SipHeader>& Headers() const;

    /** \return the body (may hold any octets). */
    const std::string& Body() const;

    /**
     * \brief Sets the body and its Content-Type; an empty body removes Content-Type.
     * \param body the body
     * \param contentType e.g. "application/sdp"
     */
    void SetBody(std::string body, std::string contentType);

    /**
     * \brief Formats the message: start line, headers in order, "Content-Length: <body size>",
     * an empty line and the body; CRLF line ends. CR or LF inside a field is written as SP.
     * \return the message text
     */
    std::string Format() const;

  private:
    friend Result<SipMessage> ParseSipMessage(std::string_view text);
    friend bool operator==(const SipMessage& a, const SipMessage& b);

    SipMessage() = default;

    bool m_isRequest = true;          //!< request or response
    std::string m_method;             //!< request method
    std::string m_requestUri;         //!< Request-URI
    int m_statusCode = 0;             //!< response status code
    std::string m_reasonPhrase;       //!< response reason phrase
    std::vector<SipHeader> m_headers; //!< header fields in order, Content-Length excluded
    std::string m_body;               //!< message body
};

/** \return true when start line, headers (names, values, order) and body are equal. */
bool operator==(const SipMessage& a, const SipMessage& b);
/** \return true when name and value are equal. */
bool operator==(const SipHeader& a, const SipHeader& b);

/**
 * \brief Parses one SIP message received in a UDP datagram (RFC 3261 subset).
 *
 * Grammar: Request-Line = Method SP Request-URI SP "SIP/2.0" (single SPs, absolute URI without
 * white space; SIP URIs parsed, headers in a Request-URI rejected); Status-Line = "SIP/2.0" SP
 * 3DIGIT [SP Reason-Phrase]. Lines end in CRLF (a bare LF is accepted); empty lines before the
 * start line are skipped; folded lines are unfolded (the fold becomes one SP); the header
 * section ends with an empty line, or with the end of the datagram right after a line end (then
 * the body is empty). Checks:
 * - TooLarge: more than kMaxSipMessageSize octets, more than kMaxSipHeaders headers, a header
 *   line over kMaxSipHeaderLine;
 * - MissingField: no To, From, Call-ID, CSeq or Via;
 * - Malformed: bad start line or header name, bare CR, a truncated line, two of To / From / Call-ID
 * / CSeq / Max-Forwards / Content-Length, bad Via / To / From / Contact / Route / Record-Route /
 * Call-ID / CSeq / Max-Forwards value, CSeq method differing from the request method, non-decimal
 *   Content-Length;
 * - OutOfRange: status code outside 100..699, CSeq above 2^32-1, Max-Forwards above 255, a
 *   Content-Length that overflows 32 bits, a port above 65535;
 * - BadLength: Content-Length larger than the body (a longer body is truncated, RFC 3261 18.3;
 *   without Content-Length the rest of the datagram is the body);
 * - Unsupported: a SIP version other than 2.0, a Via protocol other than SIP/2.0.
 * Each detail names the header or line. Unknown methods and headers are accepted.
 * \param text the datagram
 * \return the message or the typed error
 */
Result<SipMessage> ParseSipMessage(std::string_view text);

} // namespace sip
} // namespace mediasec

#endif
