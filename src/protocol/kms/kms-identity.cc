#include "kms-identity.h"

#include <vector>

namespace mediasec
{
namespace kms
{

namespace
{

/** \return true when \p prefix starts \p text, ignoring ASCII case. */
bool
StartsWithNoCase(std::string_view text, std::string_view prefix)
{
    if (text.size() < prefix.size())
    {
        return false;
    }
    for (size_t i = 0; i < prefix.size(); ++i)
    {
        char c = text[i];
        if (c >= 'A' && c <= 'Z')
        {
            c = static_cast<char>(c - 'A' + 'a');
        }
        if (c != prefix[i])
        {
            return false;
        }
    }
    return true;
}

} // namespace

std::string
KmsUserIdentity(std::string_view uri)
{
    if (!uri.empty() && uri.front() == '<')
    {
        uri.remove_prefix(1);
        size_t close = uri.find('>');
        uri = uri.substr(0, close);
    }
    if (StartsWithNoCase(uri, "sips:"))
    {
        uri.remove_prefix(5);
    }
    else if (StartsWithNoCase(uri, "sip:"))
    {
        uri.remove_prefix(4);
    }
    return std::string(uri.substr(0, uri.find_first_of(";?")));
}

std::string
KmsFqdn(std::string_view kmsUri)
{
    const std::string identity = KmsUserIdentity(kmsUri);
    return "kms." + identity.substr(identity.find('@') + 1);
}

bool
IsGroupIdentity(std::string_view identity)
{
    return identity.find('*') != std::string_view::npos;
}

bool
MatchesRecipient(std::string_view pattern, std::string_view identity)
{
    const std::string p = KmsUserIdentity(pattern);
    const std::string s = KmsUserIdentity(identity);
    // reach[j]: the first i pattern characters match the first j identity characters.
    std::vector<bool> reach(s.size() + 1, false);
    reach[0] = true;
    for (char pc : p)
    {
        std::vector<bool> next(s.size() + 1, false);
        for (size_t j = 0; j < s.size(); ++j)
        {
            if (!reach[j])
            {
                continue;
            }
            if (pc == '*')
            {
                // one or more characters: every later position becomes reachable
                for (size_t k = j + 1; k <= s.size(); ++k)
                {
                    next[k] = true;
                }
                break;
            }
            if (s[j] == pc)
            {
                next[j + 1] = true;
            }
        }
        reach = std::move(next);
    }
    return reach[s.size()];
}

} // namespace kms
} // namespace mediasec
