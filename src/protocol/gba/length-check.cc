#include "length-check.h"

#include <string>

namespace mediasec
{
namespace gba
{

Status
CheckLength(std::string_view field, const Bytes& data, size_t expected)
{
    if (data.size() != expected)
    {
        return MakeError(Errc::BadLength, std::string(field) + ": " + std::to_string(data.size()) +
                                              " bytes, expected " + std::to_string(expected));
    }
    return Ok{};
}

} // namespace gba
} // namespace mediasec
