#include "security-mechanism.h"

#include <algorithm>

namespace mediasec
{
namespace access
{

namespace
{
constexpr const char* kHeader = "Security-Client/Server"; //!< name used in error details
} // namespace

bool
operator==(const SecurityMechanism& a, const SecurityMechanism& b)
{
    return a.name == b.name && a.params == b.params;
}

Result<std::vector<SecurityMechanism>>
ParseSecurityMechanisms(std::string_view value)
{
    if (value.size() > kMaxSecurityHeaderLength)
    {
        return MakeError(Errc::TooLarge, std::string(kHeader) + ": value over 4096 bytes");
    }
    std::vector<SecurityMechanism> mechanisms;
    size_t pos = 0;
    for (char separator = ',';;)
    {
        auto param = ReadHeaderParam(value, pos, kHeader);
        if (!param)
        {
            return param.GetError();
        }
        const std::string& name = param.Value().name;
        if (separator == ',')
        {
            if (param.Value().hasValue)
            {
                return MakeError(Errc::Malformed, std::string(kHeader) + " " + name +
                                                      ": mechanism name with a value");
            }
            if (mechanisms.size() == kMaxSecurityMechanisms)
            {
                return MakeError(Errc::TooLarge, std::string(kHeader) + ": over 16 mechanisms");
            }
            mechanisms.push_back({name});
        }
        else
        {
            auto& params = mechanisms.back().params;
            if (FindMechanismParam(mechanisms.back(), name) != nullptr)
            {
                return MakeError(Errc::Malformed, std::string(kHeader) + " " + name + ": repeated");
            }
            if (params.size() == kMaxMechanismParams)
            {
                return MakeError(Errc::TooLarge, std::string(kHeader) + " " +
                                                     mechanisms.back().name +
                                                     ": over 16 parameters");
            }
            params.push_back(std::move(param).Value());
        }
        if (pos == value.size())
        {
            return mechanisms;
        }
        separator = value[pos++];
        if (separator != ',' && separator != ';')
        {
            return MakeError(Errc::Malformed,
                             std::string(kHeader) + " " + name + ": ';' or ',' expected");
        }
    }
}

std::string
FormatSecurityMechanisms(const std::vector<SecurityMechanism>& mechanisms)
{
    std::string out;
    for (const auto& mechanism : mechanisms)
    {
        out += (out.empty() ? "" : ", ") + mechanism.name;
        for (const auto& param : mechanism.params)
        {
            out += ";" + FormatHeaderParam(param);
        }
    }
    return out;
}

const HeaderParam*
FindMechanismParam(const SecurityMechanism& mechanism, std::string_view name)
{
    auto it = std::find_if(mechanism.params.begin(), mechanism.params.end(),
                           [name](const HeaderParam& param) { return param.name == name; });
    return it == mechanism.params.end() ? nullptr : &*it;
}

} // namespace access
} // namespace mediasec
