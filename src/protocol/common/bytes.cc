#include "bytes.h"

namespace mediasec
{

std::string
ToHex(const Bytes& data)
{
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (uint8_t b : data)
    {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0f]);
    }
    return out;
}

namespace
{
int
HexValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}
} // namespace

Result<Bytes>
FromHex(std::string_view hex)
{
    Bytes out;
    int high = -1;
    for (char c : hex)
    {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
        {
            continue;
        }
        int v = HexValue(c);
        if (v < 0)
        {
            return MakeError(Errc::Malformed, std::string("hex: bad digit '") + c + "'");
        }
        if (high < 0)
        {
            high = v;
        }
        else
        {
            out.push_back(static_cast<uint8_t>(high << 4 | v));
            high = -1;
        }
    }
    if (high >= 0)
    {
        return MakeError(Errc::Malformed, "hex: odd number of digits");
    }
    return out;
}

Bytes
ToBytes(std::string_view text)
{
    return Bytes(text.begin(), text.end());
}

} // namespace mediasec
