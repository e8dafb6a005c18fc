/**
 * \file
 * The BootstrappingInfo XML body of the final Ub answer (TS 24.109 Annex C): the B-TID and the
 * key lifetime, with a tiny strict parser for exactly that element set (no DTD, no comments,
 * no CDATA, no entities beyond the five predefined ones, a size limit).
 */
#ifndef MEDIASEC_GBA_UB_BOOTSTRAPPING_INFO_H
#define MEDIASEC_GBA_UB_BOOTSTRAPPING_INFO_H

#include "protocol/common/result.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mediasec
{
namespace gba
{

constexpr size_t kMaxBootstrappingInfoSize = 4096; //!< largest XML body accepted (bytes)
constexpr const char* kBootstrappingInfoNamespace = "uri:3gpp-gba";     //!< root xmlns
constexpr const char* kBsfContentType = "application/vnd.3gpp.bsf+xml"; //!< its media type

/** \brief The content of a BootstrappingInfo document. */
struct BootstrappingInfo
{
    std::string btid;            //!< the B-TID
    int64_t lifetimeUnixSeconds; //!< key expiry as seconds since 1970-01-01T00:00:00Z
};

/**
 * \brief Formats the document as one line:
 * <?xml version="1.0" encoding="UTF-8"?><BootstrappingInfo xmlns="uri:3gpp-gba"><btid>..</btid>
 * <lifetime>..</lifetime></BootstrappingInfo> (text escaped, lifetime as xsd:dateTime in UTC).
 * \return the XML text, or OutOfRange for a lifetime outside the years 1970..9999
 */
Result<std::string> FormatBootstrappingInfo(const BootstrappingInfo& info);

/**
 * \brief Parses the document: an optional XML declaration (version 1.0, encoding UTF-8), the
 * root with exactly xmlns="uri:3gpp-gba" and the children btid and lifetime, once each, with
 * whitespace between elements.
 * \return the content; TooLarge over kMaxBootstrappingInfoSize; Unsupported for a DTD,
 * comment, CDATA, processing instruction, an entity or character reference other than the five
 * predefined ones, an unknown element or attribute; Malformed for broken syntax, a repeated
 * element or a bad lifetime; MissingField naming btid or lifetime
 */
Result<BootstrappingInfo> ParseBootstrappingInfo(std::string_view xml);

/** \return \p unixSeconds as xsd:dateTime "YYYY-MM-DDThh:mm:ssZ", or OutOfRange. */
Result<std::string> FormatXsdDateTime(int64_t unixSeconds);

/**
 * \brief Parses an xsd:dateTime "YYYY-MM-DDThh:mm:ss" with optional fraction (ignored) and a
 * zone "Z" or "+hh:mm"/"-hh:mm".
 * \return seconds since the Unix epoch, or Malformed naming the part
 */
Result<int64_t> ParseXsdDateTime(std::string_view text);

} // namespace gba
} // namespace mediasec

#endif
