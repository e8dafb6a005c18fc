#include "access-capability.h"

#include "security-mechanism.h"

#include <algorithm>

namespace mediasec
{
namespace access
{

namespace
{

/** \return true when \p suites holds \p suite. */
bool
Contains(const std::vector<SrtpSuite>& suites, SrtpSuite suite)
{
    return std::find(suites.begin(), suites.end(), suite) != suites.end();
}

/**
 * \brief Appends the known suites of the aka-srtp entries of \p value to \p suites (without
 * duplicates) and sets \p found when there is such an entry.
 * \return Ok, the error of ParseSecurityMechanisms, or MissingField for an entry without suite
 */
Status
AppendSuites(std::string_view value, std::vector<SrtpSuite>& suites, bool& found)
{
    auto mechanisms = ParseSecurityMechanisms(value);
    if (!mechanisms)
    {
        return mechanisms.GetError();
    }
    for (const auto& mechanism : mechanisms.Value())
    {
        if (mechanism.name != kAccessMechanism)
        {
            continue;
        }
        found = true;
        const HeaderParam* suite = FindMechanismParam(mechanism, kAccessSuiteParam);
        if (suite == nullptr || suite->value.empty())
        {
            return MakeError(Errc::MissingField, "aka-srtp: suite missing or empty");
        }
        auto known = SrtpSuiteFromName(suite->value);
        if (known && !Contains(suites, *known))
        {
            suites.push_back(*known);
        }
    }
    return Ok{};
}

/**
 * \return \p suites; MissingField "<where>: no entry" when \p found is false; Unsupported when
 * \p suites is empty
 */
Result<std::vector<SrtpSuite>>
CheckSuites(std::vector<SrtpSuite> suites, bool found, const std::string& where)
{
    if (!found)
    {
        return MakeError(Errc::MissingField, where + ": no entry");
    }
    if (suites.empty())
    {
        return MakeError(Errc::Unsupported, where + " suite: none supported");
    }
    return suites;
}

} // namespace

std::string
FormatAccessCapability(const std::vector<SrtpSuite>& suites)
{
    std::vector<SecurityMechanism> mechanisms;
    for (SrtpSuite suite : suites)
    {
        mechanisms.push_back({kAccessMechanism, {{kAccessSuiteParam, SrtpSuiteName(suite), true}}});
    }
    return FormatSecurityMechanisms(mechanisms);
}

Result<std::vector<SrtpSuite>>
ParseAccessCapability(std::string_view value)
{
    std::vector<SrtpSuite> suites;
    bool found = false;
    Status read = AppendSuites(value, suites, found);
    if (!read)
    {
        return read.GetError();
    }
    return CheckSuites(suites, found, "aka-srtp");
}

Result<std::vector<SrtpSuite>>
ReadAccessCapability(const sip::SipMessage& message, std::string_view headerName)
{
    std::vector<SrtpSuite> suites;
    bool found = false;
    for (const auto& value : message.GetHeaders(headerName))
    {
        Status read = AppendSuites(value, suites, found);
        if (!read)
        {
            return MakeError(read.GetError().code,
                             std::string(headerName) + ": " + read.GetError().detail);
        }
    }
    return CheckSuites(suites, found, std::string(headerName) + ": aka-srtp");
}

Result<SrtpSuite>
SelectAccessSuite(const std::vector<SrtpSuite>& offered, const std::vector<SrtpSuite>& supported)
{
    for (SrtpSuite suite : offered)
    {
        if (Contains(supported, suite))
        {
            return suite;
        }
    }
    return MakeError(Errc::Unsupported, "aka-srtp suite: no offered suite is supported");
}

Result<SrtpSuite>
ReadAccessConfirmation(const sip::SipMessage& response, const std::vector<SrtpSuite>& offered)
{
    auto confirmed = ReadAccessCapability(response, "Security-Server");
    if (!confirmed)
    {
        return confirmed.GetError();
    }
    if (confirmed.Value().size() != 1)
    {
        return MakeError(Errc::Malformed, "Security-Server: more than one aka-srtp suite");
    }
    if (!Contains(offered, confirmed.Value().front()))
    {
        return MakeError(Errc::Unsupported, "Security-Server: aka-srtp suite was not offered");
    }
    return confirmed.Value().front();
}

} // namespace access
} // namespace mediasec
