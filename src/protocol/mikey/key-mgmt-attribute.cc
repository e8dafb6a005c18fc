#include "key-mgmt-attribute.h"

#include "protocol/common/base64.h"

namespace mediasec
{
namespace mikey
{

Result<Bytes>
ParseKeyMgmtMikey(std::string_view attributeValue)
{
    const size_t space = attributeValue.find(' ');
    if (space == std::string_view::npos)
    {
        return MakeError(Errc::Malformed, "key-mgmt: no space between prtcl-id and keymgmt-data");
    }
    std::string_view protocol = attributeValue.substr(0, space);
    if (protocol != kMikeyProtocolId)
    {
        return MakeError(Errc::Unsupported,
                         "key-mgmt: prtcl-id \"" + std::string(protocol) + "\" is not \"mikey\"");
    }
    std::string_view data = attributeValue.substr(space + 1);
    if (data.empty())
    {
        return MakeError(Errc::MissingField, "key-mgmt: empty keymgmt-data");
    }
    if (data.size() > kMaxKeyMgmtDataLength)
    {
        return MakeError(Errc::TooLarge, "key-mgmt: keymgmt-data of " +
                                             std::to_string(data.size()) +
                                             " characters exceeds the limit of " +
                                             std::to_string(kMaxKeyMgmtDataLength));
    }
    auto decoded = Base64Decode(data);
    if (!decoded)
    {
        return MakeError(Errc::Malformed, "key-mgmt: keymgmt-data: " + decoded.GetError().detail);
    }
    if (Base64Encode(decoded.Value()) != data)
    {
        return MakeError(Errc::Malformed,
                         "key-mgmt: keymgmt-data is not canonical base64 (padding bits set)");
    }
    return decoded;
}

std::string
FormatKeyMgmtMikey(const Bytes& message)
{
    return std::string(kMikeyProtocolId) + " " + Base64Encode(message);
}

} // namespace mikey
} // namespace mediasec
