#include "otway-rees-sdp.h"

#include "otway-rees-constants.h"
#include "protocol/common/base64.h"

namespace mediasec
{
namespace otway
{

std::string
FormatKeyMgmtOtwayRees(const Bytes& message)
{
    return std::string(kKeyMgmtProtocolId) + " " + Base64Encode(message);
}

Result<Bytes>
ParseKeyMgmtOtwayRees(std::string_view attributeValue)
{
    size_t space = attributeValue.find(' ');
    if (space == std::string_view::npos)
    {
        return MakeError(Errc::Malformed, "key-mgmt: no space after the prtcl-id");
    }
    if (attributeValue.substr(0, space) != kKeyMgmtProtocolId)
    {
        return MakeError(Errc::Unsupported, "key-mgmt: prtcl-id is not otway-rees");
    }
    std::string_view data = attributeValue.substr(space + 1);
    if (data.empty())
    {
        return MakeError(Errc::MissingField, "key-mgmt: empty keymgmt-data");
    }
    if (data.size() > (kMaxMessageSize + 2) / 3 * 4)
    {
        return MakeError(Errc::TooLarge, "key-mgmt: keymgmt-data too long");
    }
    auto bytes = Base64Decode(data);
    if (!bytes)
    {
        return MakeError(Errc::Malformed, "key-mgmt: " + bytes.GetError().detail);
    }
    if (Base64Encode(bytes.Value()) != data)
    {
        return MakeError(Errc::Malformed, "key-mgmt: non-canonical base64");
    }
    return bytes;
}

} // namespace otway
} // namespace mediasec
