/**
 * \file
 * RFC 3261 section 25 character classes and small scanners shared by the SIP and SDP parsers:
 * token, word, linear white space, quoted-string, comma lists and generic parameters.
 */
#ifndef MEDIASEC_SIP_SYNTAX_H
#define MEDIASEC_SIP_SYNTAX_H

#include "protocol/common/result.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace sip
{
namespace syntax
{

/** \return true for SP or HTAB (WSP). */
bool IsWsp(char c);

/** \return true for ALPHA / DIGIT. */
bool IsAlphaNum(char c);

/** \return true for HEXDIG (either case). */
bool IsHexDigit(char c);

/** \return the index of the first octet at or after \p pos that is not SP / HTAB. */
size_t SkipWsp(std::string_view s, size_t pos);

/** \return true for a token character: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`"
 * / "'" / "~". */
bool IsTokenChar(char c);

/** \return true when \p s is a non-empty token. */
bool IsToken(std::string_view s);

/** \return true when \p s is a non-empty word (token characters plus "()<>:\"/[]?{}" and DQUOTE).
 */
bool IsWord(std::string_view s);

/** \return true when \p s is 1*DIGIT. */
bool IsDigits(std::string_view s);

/** \return \p s without leading and trailing SP / HTAB. */
std::string_view TrimWsp(std::string_view s);

/** \return the ASCII lower-case form of \p c. */
char ToLowerChar(char c);

/** \return the ASCII lower-case copy of \p s. */
std::string ToLower(std::string_view s);

/** \return true when \p a and \p b are equal ignoring ASCII case. */
bool EqualsNoCase(std::string_view a, std::string_view b);

/**
 * \brief Parses a decimal 1*DIGIT no larger than \p max (leading zeros allowed).
 * \param text the digits
 * \param max the largest accepted value
 * \param field name for the error detail, e.g. "CSeq"
 * \return the value; Malformed when empty or not all digits; OutOfRange when above \p max
 */
Result<uint64_t> ParseDecimal(std::string_view text, uint64_t max, std::string_view field);

/**
 * \brief Finds the end of the quoted-string that starts at \p s[pos] == '"'.
 *
 * qdtext is LWS / %x21 / %x23-5B / %x5D-7E / any octet >= 0x80; a quoted-pair is "\" followed by
 * any octet except CR and LF.
 * \param s the text
 * \param pos index of the opening DQUOTE
 * \return index just past the closing DQUOTE, or std::string_view::npos if unterminated or invalid
 */
size_t ScanQuotedString(std::string_view s, size_t pos);

/**
 * \brief Splits a header value at the commas that are outside quoted-strings and outside "<>".
 *
 * Each element is trimmed of SP / HTAB; empty elements are kept (callers reject them).
 * \param value the header value
 * \return the elements in order (one element when there is no comma)
 */
std::vector<std::string_view> SplitList(std::string_view value);

/** \brief Generic parameters: lower-cased names to raw values ("" for a flag, quotes kept). */
using ParamMap = std::map<std::string, std::string>;

/**
 * \brief Parses *( SEMI generic-param ), generic-param = token [ EQUAL gen-value ] where gen-value
 * is a token, a host (token characters plus ":[]") or a quoted-string; SWS around ";" and "=".
 * \param text the parameters, starting at the first ';' (or empty)
 * \param field name for the error detail, e.g. "Via"
 * \return the parameters; Malformed on an empty or non-token name, a bad value, trailing text
 * or a duplicate name
 */
Result<ParamMap> ParseParams(std::string_view text, std::string_view field);

/**
 * \brief Writes parameters as ";name" or ";name=value" in map order.
 * \param params the parameters
 * \param skip a name not to write (e.g. "branch", written separately), or empty
 * \return the text, empty when there is no parameter
 */
std::string FormatParams(const ParamMap& params, std::string_view skip = {});

/** \return true for hostname (alphanum, "-", "."), IPv4address or an IPv6reference "[...]". */
bool IsHost(std::string_view host);

/** \return \p text with CR and LF replaced by SP, so a formatted field stays on its line. */
std::string OneLine(std::string_view text);

/**
 * \brief Quotes wire text for an error detail: at most 64 octets, non-printable octets as '?'.
 * \param s the text
 * \return e.g. "'SIP/7.0'" or "'aaaa...'"
 */
std::string Excerpt(std::string_view s);

} // namespace syntax
} // namespace sip
} // namespace mediasec

#endif
