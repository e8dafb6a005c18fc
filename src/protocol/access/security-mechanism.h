/**
 * \file
 * The sec-mechanism lists of the Security-Client, Security-Server and Security-Verify headers
 * (RFC 3329 2.2): "mechanism-name *(";" mech-parameter)" entries separated by commas.
 */
#ifndef MEDIASEC_ACCESS_SECURITY_MECHANISM_H
#define MEDIASEC_ACCESS_SECURITY_MECHANISM_H

#include "header-params.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace access
{

constexpr size_t kMaxSecurityHeaderLength = 4096; //!< longest accepted header value
constexpr size_t kMaxSecurityMechanisms = 16;     //!< most entries in one header value
constexpr size_t kMaxMechanismParams = 16;        //!< most parameters of one entry

/** \brief One sec-mechanism entry, e.g. "ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1234". */
struct SecurityMechanism
{
    std::string name;                  //!< mechanism-name in ASCII lower case
    std::vector<HeaderParam> params{}; //!< mech-parameters in order, names unique
};

/** \return true when name and parameters are equal. */
bool operator==(const SecurityMechanism& a, const SecurityMechanism& b);

/**
 * \brief Parses a Security-Client / Security-Server / Security-Verify value.
 * \param value the header value (one header line; several lines are parsed one by one)
 * \return the entries in order; TooLarge over kMaxSecurityHeaderLength bytes,
 * kMaxSecurityMechanisms entries or kMaxMechanismParams parameters; Malformed for an empty
 * entry, a mechanism name with a value, a repeated parameter, a bad parameter or anything
 * other than ";" or "," after a parameter (the detail names the header and the parameter)
 */
Result<std::vector<SecurityMechanism>> ParseSecurityMechanisms(std::string_view value);

/** \return the entries as "name;param=value, name2" (values quoted when not tokens). */
std::string FormatSecurityMechanisms(const std::vector<SecurityMechanism>& mechanisms);

/** \return the parameter \p name of \p mechanism, or nullptr. */
const HeaderParam* FindMechanismParam(const SecurityMechanism& mechanism, std::string_view name);

} // namespace access
} // namespace mediasec

#endif
