#include "sip-header-names.h"

#include "sip-syntax.h"

namespace mediasec
{
namespace sip
{

namespace
{

/** \brief A registered header name and its compact form ('\0' when it has none). */
struct KnownHeader
{
    std::string_view name; //!< canonical spelling
    char compact;          //!< compact form, lower case
};

const KnownHeader kKnownHeaders[] = {
    {"Accept", '\0'},
    {"Accept-Contact", 'a'},
    {"Accept-Encoding", '\0'},
    {"Accept-Language", '\0'},
    {"Alert-Info", '\0'},
    {"Allow", '\0'},
    {"Allow-Events", 'u'},
    {"Authentication-Info", '\0'},
    {"Authorization", '\0'},
    {"Call-ID", 'i'},
    {"Call-Info", '\0'},
    {"Contact", 'm'},
    {"Content-Disposition", '\0'},
    {"Content-Encoding", 'e'},
    {"Content-Language", '\0'},
    {"Content-Length", 'l'},
    {"Content-Type", 'c'},
    {"CSeq", '\0'},
    {"Date", '\0'},
    {"Error-Info", '\0'},
    {"Event", 'o'},
    {"Expires", '\0'},
    {"From", 'f'},
    {"Identity", 'y'},
    {"Identity-Info", 'n'},
    {"In-Reply-To", '\0'},
    {"Max-Forwards", '\0'},
    {"MIME-Version", '\0'},
    {"Min-Expires", '\0'},
    {"Min-SE", '\0'},
    {"Organization", '\0'},
    {"P-Access-Network-Info", '\0'},
    {"P-Asserted-Identity", '\0'},
    {"P-Associated-URI", '\0'},
    {"P-Called-Party-ID", '\0'},
    {"P-Charging-Function-Addresses", '\0'},
    {"P-Charging-Vector", '\0'},
    {"P-Preferred-Identity", '\0'},
    {"P-Visited-Network-ID", '\0'},
    {"Path", '\0'},
    {"Priority", '\0'},
    {"Privacy", '\0'},
    {"Proxy-Authenticate", '\0'},
    {"Proxy-Authorization", '\0'},
    {"Proxy-Require", '\0'},
    {"RAck", '\0'},
    {"Reason", '\0'},
    {"Record-Route", '\0'},
    {"Refer-To", 'r'},
    {"Referred-By", 'b'},
    {"Reject-Contact", 'j'},
    {"Reply-To", '\0'},
    {"Request-Disposition", 'd'},
    {"Require", '\0'},
    {"Retry-After", '\0'},
    {"Route", '\0'},
    {"RSeq", '\0'},
    {"Security-Client", '\0'},
    {"Security-Server", '\0'},
    {"Security-Verify", '\0'},
    {"Server", '\0'},
    {"Service-Route", '\0'},
    {"Session-Expires", 'x'},
    {"Subject", 's'},
    {"Subscription-State", '\0'},
    {"Supported", 'k'},
    {"Timestamp", '\0'},
    {"To", 't'},
    {"Unsupported", '\0'},
    {"User-Agent", '\0'},
    {"Via", 'v'},
    {"Warning", '\0'},
    {"WWW-Authenticate", '\0'},
};

} // namespace

std::string
CanonicalHeaderName(std::string_view name)
{
    for (const KnownHeader& known : kKnownHeaders)
    {
        if ((name.size() == 1 && syntax::ToLowerChar(name[0]) == known.compact) ||
            syntax::EqualsNoCase(name, known.name))
        {
            return std::string(known.name);
        }
    }
    return std::string(name);
}

bool
IsListHeader(std::string_view canonicalName)
{
    return canonicalName == "Via" || canonicalName == "Route" || canonicalName == "Record-Route" ||
           canonicalName == "Contact";
}

} // namespace sip
} // namespace mediasec
