#include "media-security-indications.h"

namespace mediasec
{
namespace ims
{

namespace
{
const char kAttribute[] = "3ge2ae";

const char*
IndicationValue(E2aeIndication indication)
{
    return indication == E2aeIndication::Requested ? "requested" : "applied";
}
} // namespace

std::string
MediasecCapabilityValue()
{
    return "sdes-srtp;mediasec";
}

bool
HasMediasecCapability(std::string_view headerValue)
{
    // Parameters follow ';'; the flag may be alone or among others, e.g. "sdes-srtp;mediasec".
    size_t pos = 0;
    while ((pos = headerValue.find(';', pos)) != std::string_view::npos)
    {
        ++pos;
        size_t end = headerValue.find_first_of(";,", pos);
        std::string_view param = headerValue.substr(pos, end - pos);
        while (!param.empty() && (param.front() == ' ' || param.front() == '\t'))
        {
            param.remove_prefix(1);
        }
        while (!param.empty() && (param.back() == ' ' || param.back() == '\t'))
        {
            param.remove_suffix(1);
        }
        if (param == "mediasec")
        {
            return true;
        }
    }
    return false;
}

bool
HasE2aeIndication(const sip::SdpSession& sdp, E2aeIndication indication)
{
    for (const auto& media : sdp.media)
    {
        for (const auto& value : media.AttributeValues(kAttribute))
        {
            if (value == IndicationValue(indication))
            {
                return true;
            }
        }
    }
    return false;
}

void
AddE2aeIndication(sip::SdpSession& sdp, E2aeIndication indication)
{
    for (auto& media : sdp.media)
    {
        if (media.media == "audio")
        {
            media.AddAttribute(kAttribute, IndicationValue(indication));
        }
    }
}

size_t
RemoveE2aeIndication(sip::SdpSession& sdp, E2aeIndication indication)
{
    size_t removed = 0;
    for (auto& media : sdp.media)
    {
        auto& attrs = media.attributes;
        for (auto it = attrs.begin(); it != attrs.end();)
        {
            if (it->name == kAttribute && it->value == IndicationValue(indication))
            {
                it = attrs.erase(it);
                ++removed;
            }
            else
            {
                ++it;
            }
        }
    }
    return removed;
}

} // namespace ims
} // namespace mediasec
