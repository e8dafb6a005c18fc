#include "media-crypto-attributes.h"

#include <set>

namespace mediasec
{
namespace sdes
{

Result<std::vector<CryptoAttribute>>
ParseMediaCryptoAttributes(std::string_view transport, const std::vector<std::string>& values)
{
    if (!values.empty() && transport != "RTP/SAVP" && transport != "RTP/SAVPF")
    {
        return MakeError(Errc::Malformed,
                         "a=crypto: not allowed in an m= section with transport '" +
                             std::string(transport) + "' (needs RTP/SAVP or RTP/SAVPF)");
    }
    std::vector<CryptoAttribute> attributes;
    std::set<uint32_t> tags;
    std::set<Bytes> masterKeys;
    for (size_t i = 0; i < values.size(); ++i)
    {
        std::string which = "a=crypto attribute " + std::to_string(i + 1);
        auto attribute = ParseCryptoAttribute(values[i]);
        if (!attribute)
        {
            return MakeError(attribute.GetError().code, which + ": " + attribute.GetError().detail);
        }
        if (!tags.insert(attribute.Value().tag).second)
        {
            return MakeError(Errc::Malformed,
                             which + ": duplicate tag " + std::to_string(attribute.Value().tag));
        }
        for (const KeyParam& key : attribute.Value().keys)
        {
            if (!masterKeys.insert(key.masterKey).second)
            {
                return MakeError(Errc::Malformed, which + ": master key offered twice");
            }
        }
        attributes.push_back(std::move(attribute).Value());
    }
    return attributes;
}

} // namespace sdes
} // namespace mediasec
