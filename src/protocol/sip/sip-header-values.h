/**
 * \file
 * Parsers and formatters of the SIP header values the IMS nodes act on (RFC 3261 section 25):
 * CSeq, one Via entry, name-addr / addr-spec (To, From, Contact, Route) and SIP / SIPS URIs.
 * Every parser returns a typed error whose detail names the header.
 */
#ifndef MEDIASEC_SIP_HEADER_VALUES_H
#define MEDIASEC_SIP_HEADER_VALUES_H

#include "protocol/common/result.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace mediasec
{
namespace sip
{

/** \brief The value of a CSeq header: "4711 INVITE". */
struct CSeq
{
    uint32_t number = 0; //!< sequence number, 0..2^32-1
    std::string method;  //!< request method (a token, case-sensitive)
};

/**
 * \brief Parses CSeq = 1*DIGIT LWS Method.
 * \param value the header value (unfolded)
 * \return the CSeq; Malformed for a missing or non-decimal number, a missing separator or a
 * non-token method; OutOfRange for a number above 2^32-1
 */
Result<CSeq> ParseCSeq(std::string_view value);

/** \return "number method". \param cseq the value */
std::string FormatCSeq(const CSeq& cseq);

/** \brief One Via entry: "SIP/2.0/UDP host:port;branch=z9hG4bK...;rport". */
struct Via
{
    std::string transport = "UDP"; //!< transport token, upper-cased (UDP, TCP, TLS, SCTP, ...)
    std::string host;              //!< sent-by host: hostname, IPv4 or "[IPv6]"
    uint16_t port = 5060;          //!< sent-by port, 5060 when absent
    std::string branch;            //!< branch parameter value, empty when absent (RFC 2543)
    std::map<std::string, std::string> params; //!< other parameters, lower-case names, "" = flag
};

/**
 * \brief Parses one via-parm (one element of a comma-separated Via value).
 *
 * LWS is allowed around "/", ":", ";" and "=" (RFC 3261 SLASH, COLON, SEMI, EQUAL).
 * \param value one Via entry
 * \return the entry; Unsupported for a protocol other than SIP/2.0; Malformed for a bad
 * sent-protocol, host, parameter or a branch without value; OutOfRange for a port outside 1..65535
 */
Result<Via> ParseVia(std::string_view value);

/** \return "SIP/2.0/<transport> <host>:<port>;branch=<branch>;<params>". \param via the entry */
std::string FormatVia(const Via& via);

/** \brief A name-addr or addr-spec with header parameters (To, From, Contact, Route). */
struct NameAddr
{
    std::string displayName; //!< display name, unquoted and unescaped; empty when absent
    std::string uri;         //!< the URI as written (any scheme), without "<>"
    std::map<std::string, std::string> params; //!< header parameters, lower-case names, raw values
};

/**
 * \brief Parses name-addr = [display-name] "<" URI ">" or a bare addr-spec, followed by
 * *(";" generic-param).
 *
 * The display name is a quoted-string or tokens separated by LWS (no LWS is needed before "<",
 * RFC 4475 3.1.1.6). A bare addr-spec ends at the first ";" or white space and must not contain
 * "," or "?" (RFC 3261 20). The URI must have a scheme; SIP and SIPS URIs are fully checked by
 * ParseSipUri. Quoted parameter values keep their quotes.
 * \param value the header value (one element of a list)
 * \return the value; Malformed for an unterminated quote, a non-token display name, missing ">",
 * white space inside "<>", a bad URI or parameter; Unsupported/OutOfRange as from ParseSipUri
 */
Result<NameAddr> ParseNameAddr(std::string_view value);

/**
 * \brief Formats a name-addr, always with "<>": "\"Alice\" <sip:a@x>;tag=1".
 *
 * The display name is quoted; DQUOTE, backslash and control characters are escaped and CR / LF
 * are written as SP.
 * \param nameAddr the value
 * \return the header value
 */
std::string FormatNameAddr(const NameAddr& nameAddr);

/** \brief A SIP or SIPS URI: sip:user:password@host:port;params?headers. */
struct SipUri
{
    std::string user;                          //!< user part as written (%HH kept), may be empty
    std::string host;                          //!< hostname, IPv4 or "[IPv6]"
    uint16_t port = 0;                         //!< port, 0 = absent
    std::map<std::string, std::string> params; //!< uri-parameters, lower-case names, "" = flag
    bool secure = false;                       //!< true for "sips:"
    std::string password;                      //!< password as written, empty when absent
    std::string headers;                       //!< raw headers after "?", empty when absent
};

/**
 * \brief Parses a SIP-URI or SIPS-URI (RFC 3261 19.1.1, character classes of section 25).
 * \param uri the URI
 * \return the URI; Unsupported for another scheme; Malformed for a bad user, password, host,
 * parameter, header or %-escape; OutOfRange for a port outside 1..65535
 */
Result<SipUri> ParseSipUri(std::string_view uri);

/** \return the URI text, e.g. "sip:alice@ims.example.com:5060;transport=udp". \param uri parts */
std::string FormatSipUri(const SipUri& uri);

/**
 * \brief Checks an absoluteURI: scheme ":" then printable ASCII without SP, DQUOTE, "<" or ">".
 * SIP and SIPS URIs are parsed with ParseSipUri.
 * \param uri the URI
 * \return Ok, or the typed error
 */
Status ValidateUri(std::string_view uri);

/** \return true when every field is equal. */
bool operator==(const CSeq& a, const CSeq& b);
/** \return true when every field is equal. */
bool operator==(const Via& a, const Via& b);
/** \return true when every field is equal. */
bool operator==(const NameAddr& a, const NameAddr& b);
/** \return true when every field is equal. */
bool operator==(const SipUri& a, const SipUri& b);

} // namespace sip
} // namespace mediasec

#endif
