/**
 * \file
 * Session Description Protocol (RFC 4566 subset): the session and media lines the IMS nodes
 * read and rewrite (o, s, c, t, m, a), a parser with typed errors and a canonical formatter.
 */
#ifndef MEDIASEC_SIP_SDP_H
#define MEDIASEC_SIP_SDP_H

#include "protocol/common/result.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace sip
{

/** \brief Largest accepted session description, in octets. */
constexpr size_t kMaxSdpSize = 64 * 1024;
/** \brief Largest accepted number of m= sections. */
constexpr size_t kMaxSdpMedia = 64;
/** \brief Largest accepted number of a= lines at session level and in each m= section. */
constexpr size_t kMaxSdpAttributes = 256;

/** \brief An attribute line: "a=name:value" or the flag "a=name". */
struct SdpAttribute
{
    std::string name;      //!< attribute name (a token, case-sensitive)
    std::string value;     //!< value after the first ':', as written
    bool hasValue = false; //!< false for a flag attribute (no ':')
};

/** \brief A c= line: "IN IP4 192.0.2.1". */
struct SdpConnection
{
    std::string netType = "IN";   //!< network type
    std::string addrType = "IP4"; //!< address type
    std::string address;          //!< connection address as written (may carry "/ttl")
};

/** \brief The o= line: "username sess-id sess-version nettype addrtype address". */
struct SdpOrigin
{
    std::string username = "-";   //!< user name, "-" when none
    uint64_t sessionId = 0;       //!< session id
    uint64_t sessionVersion = 0;  //!< session version
    std::string netType = "IN";   //!< network type
    std::string addrType = "IP4"; //!< address type
    std::string address;          //!< unicast address of the originator
};

/** \brief One m= section with its c= and a= lines. */
struct SdpMedia
{
    std::string media;                       //!< "audio", "video", ...
    uint16_t port = 0;                       //!< transport port, 0 = rejected stream
    std::string proto;                       //!< "RTP/AVP", "RTP/SAVP", ...
    std::vector<std::string> formats;        //!< payload formats, at least one
    std::optional<SdpConnection> connection; //!< media-level c=, if any
    std::vector<SdpAttribute> attributes;    //!< a= lines in order

    /** \return the values of the attributes named \p name, in order ("" for a flag). */
    std::vector<std::string> AttributeValues(std::string_view name) const;
    /** \return true when an attribute named \p name is present. */
    bool HasAttribute(std::string_view name) const;
    /** \brief Removes every attribute named \p name. */
    void RemoveAttributes(std::string_view name);
    /** \brief Appends "a=name:value", or the flag "a=name" when \p value is empty. */
    void AddAttribute(std::string name, std::string value);
};

/** \brief A session description. */
struct SdpSession
{
    SdpOrigin origin;                        //!< o=
    std::string sessionName = "-";           //!< s=
    std::optional<SdpConnection> connection; //!< session-level c=, if any
    std::string timing = "0 0";              //!< first t= line, "start stop"
    std::vector<SdpAttribute> attributes;    //!< session-level a= lines in order
    std::vector<SdpMedia> media;             //!< m= sections in order

    /** \return the values of the session attributes named \p name, in order ("" for a flag). */
    std::vector<std::string> AttributeValues(std::string_view name) const;
    /** \return true when a session attribute named \p name is present. */
    bool HasAttribute(std::string_view name) const;
    /** \brief Removes every session attribute named \p name. */
    void RemoveAttributes(std::string_view name);
    /** \brief Appends "a=name:value", or the flag "a=name" when \p value is empty. */
    void AddAttribute(std::string name, std::string value);
};

/**
 * \brief Parses a session description.
 *
 * Lines end in CRLF or LF (the last line may lack it; empty lines are allowed only at the end).
 * v=0 must be first, then o= and s=; t= and c= follow at session level (only the first t= is
 * kept); each m= starts a media section that may hold i=, c=, b=, k= and a=. The lines i, u, e,
 * p, b, z, k and r are skipped. Errors (the detail names the line number and type):
 * - MissingField: no v= first, no o= or s= after it, no t=, no c= at session level nor in a
 *   media section;
 * - Malformed: a line that is not "<letter>=<value>", a CR or NUL inside a line, an empty line
 *   before the end, a duplicate v/o/s or session c=, a session-only line after m=, o= or c=
 *   without its fields, non-decimal numbers, a bad port, proto or attribute name;
 * - OutOfRange: a port above 65535, a number above 2^64-1;
 * - Unsupported: v other than 0, an unknown line type, a port "/count", two c= in one media;
 * - TooLarge: over kMaxSdpSize octets, kMaxSdpMedia m= lines or kMaxSdpAttributes a= lines per
 *   level.
 * \param text the description
 * \return the session or the typed error
 */
Result<SdpSession> ParseSdp(std::string_view text);

/**
 * \brief Formats a session description in the canonical order v o s c t a* (m c a*)* with CRLF
 * line ends; fields are separated by one SP and CR / LF inside a field is written as SP.
 * \param session the session
 * \return the text
 */
std::string FormatSdp(const SdpSession& session);

/** \return true when every field is equal. */
bool operator==(const SdpAttribute& a, const SdpAttribute& b);
/** \return true when every field is equal. */
bool operator==(const SdpConnection& a, const SdpConnection& b);
/** \return true when every field is equal. */
bool operator==(const SdpOrigin& a, const SdpOrigin& b);
/** \return true when every field is equal. */
bool operator==(const SdpMedia& a, const SdpMedia& b);
/** \return true when every field is equal. */
bool operator==(const SdpSession& a, const SdpSession& b);

} // namespace sip
} // namespace mediasec

#endif
