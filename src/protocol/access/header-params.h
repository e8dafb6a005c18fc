/**
 * \file
 * The parameters of the SIP header values the access-msf scheme reads: a name with an optional
 * "=" token or quoted-string value, as in the auth-params of WWW-Authenticate (RFC 7235 2.1)
 * and the mech-parameters of Security-Client (RFC 3329 2.2).
 */
#ifndef MEDIASEC_ACCESS_HEADER_PARAMS_H
#define MEDIASEC_ACCESS_HEADER_PARAMS_H

#include "protocol/common/result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace mediasec
{
namespace access
{

/** \brief One parameter: "name", "name=token" or "name=\"quoted string\"". */
struct HeaderParam
{
    std::string name;      //!< parameter name in ASCII lower case
    std::string value{};   //!< value, unquoted and unescaped ("" for a flag)
    bool hasValue = false; //!< false for a flag without "="
};

/** \return true when name, value and hasValue are equal. */
bool operator==(const HeaderParam& a, const HeaderParam& b);

/** \return true when \p text is a non-empty token (RFC 7230 tchar, a superset of RFC 3261). */
bool IsHeaderToken(std::string_view text);

/**
 * \brief Reads one parameter at \p pos: optional white space, a token name, optionally white
 * space, "=", white space and a token or quoted-string value, then trailing white space.
 * \param text the header value
 * \param pos where to start; on success, the first character after the trailing white space
 * \param header the header name used in error details, e.g. "Security-Client"
 * \return the parameter; Malformed naming the header and parameter for a missing name or value,
 * an unterminated quoted string or a control character inside it
 */
Result<HeaderParam> ReadHeaderParam(std::string_view text, size_t& pos, std::string_view header);

/**
 * \return "name", or "name=value" with the value written as a token when it is one, else as a
 * quoted string with '"' and '\' escaped
 */
std::string FormatHeaderParam(const HeaderParam& param);

} // namespace access
} // namespace mediasec

#endif
