/**
 * \file
 * The access-msf capability indications at REGISTER (seed 003 steps 1 and 3): the UE lists the
 * SRTP suites it can key from its IMS AKA keys in Security-Client, the network confirms the one
 * it selected in Security-Server of the 200 OK.
 *
 * The encoding is the project's: one RFC 3329 sec-mechanism entry "aka-srtp;suite=<RFC 4568
 * suite name>" per suite, in the UE's order of preference. The TS 24.229 "mediasec" flag is
 * deliberately not used: it announces the SDES e2ae capability (ims/media-security-indications.h)
 * and a node looking only for that flag must not take an access-msf UE for an e2ae one.
 */
#ifndef MEDIASEC_ACCESS_ACCESS_CAPABILITY_H
#define MEDIASEC_ACCESS_ACCESS_CAPABILITY_H

#include "protocol/common/result.h"
#include "protocol/sip/sip-message.h"
#include "protocol/srtp/srtp-suite.h"

#include <string>
#include <string_view>
#include <vector>

namespace mediasec
{
namespace access
{

constexpr const char* kAccessMechanism = "aka-srtp"; //!< the sec-mechanism name of access-msf
constexpr const char* kAccessSuiteParam = "suite";   //!< its parameter naming the SRTP suite

/**
 * \return the header value announcing \p suites, e.g.
 * "aka-srtp;suite=AES_CM_128_HMAC_SHA1_80, aka-srtp;suite=AEAD_AES_128_GCM"
 */
std::string FormatAccessCapability(const std::vector<SrtpSuite>& suites);

/**
 * \brief Reads the suites of the aka-srtp entries of one header value; entries of other
 * mechanisms and suites the project does not know are skipped.
 * \return the known suites in order (no duplicates); the errors of ParseSecurityMechanisms;
 * MissingField when there is no aka-srtp entry or an entry has no suite value; Unsupported when
 * no suite is known
 */
Result<std::vector<SrtpSuite>> ParseAccessCapability(std::string_view value);

/**
 * \brief Reads the capability from every \p headerName line of \p message ("Security-Client"
 * at the P-CSCF, "Security-Server" at the UE); lines without an aka-srtp entry are skipped.
 * \return the known suites in order; MissingField when no line has an aka-srtp entry;
 * Unsupported when none of their suites is known; the errors of ParseSecurityMechanisms and
 * MissingField for an entry without suite, naming the header, for the first bad line
 */
Result<std::vector<SrtpSuite>> ReadAccessCapability(const sip::SipMessage& message,
                                                    std::string_view headerName);

/**
 * \brief The network's choice (step 3): the first suite of the UE's list it supports.
 * \return the suite, or Unsupported when none of \p offered is in \p supported
 */
Result<SrtpSuite> SelectAccessSuite(const std::vector<SrtpSuite>& offered,
                                    const std::vector<SrtpSuite>& supported);

/**
 * \brief The UE's check of the network's confirmation in the Security-Server of the 200 OK.
 * \return the confirmed suite; the errors of ReadAccessCapability; Malformed when the network
 * confirms more than one suite; Unsupported when it confirms a suite the UE did not offer
 */
Result<SrtpSuite> ReadAccessConfirmation(const sip::SipMessage& response,
                                         const std::vector<SrtpSuite>& offered);

} // namespace access
} // namespace mediasec

#endif
