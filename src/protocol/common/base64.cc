#include "base64.h"

namespace mediasec
{

namespace
{
const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int
Base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
    {
        return c - 'A';
    }
    if (c >= 'a' && c <= 'z')
    {
        return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9')
    {
        return c - '0' + 52;
    }
    if (c == '+')
    {
        return 62;
    }
    if (c == '/')
    {
        return 63;
    }
    return -1;
}
} // namespace

std::string
Base64Encode(const Bytes& data)
{
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 3 <= data.size(); i += 3)
    {
        uint32_t v = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
        out.push_back(kAlphabet[v >> 18 & 63]);
        out.push_back(kAlphabet[v >> 12 & 63]);
        out.push_back(kAlphabet[v >> 6 & 63]);
        out.push_back(kAlphabet[v & 63]);
    }
    size_t rest = data.size() - i;
    if (rest > 0)
    {
        uint32_t v = data[i] << 16 | (rest == 2 ? data[i + 1] << 8 : 0);
        out.push_back(kAlphabet[v >> 18 & 63]);
        out.push_back(kAlphabet[v >> 12 & 63]);
        out.push_back(rest == 2 ? kAlphabet[v >> 6 & 63] : '=');
        out.push_back('=');
    }
    return out;
}

Result<Bytes>
Base64Decode(std::string_view text)
{
    if (text.size() % 4 != 0)
    {
        return MakeError(Errc::Malformed, "base64: length " + std::to_string(text.size()) +
                                              " is not a multiple of 4");
    }
    Bytes out;
    out.reserve(text.size() / 4 * 3);
    for (size_t i = 0; i < text.size(); i += 4)
    {
        bool last = i + 4 == text.size();
        int pad = 0;
        uint32_t v = 0;
        for (size_t j = 0; j < 4; ++j)
        {
            char c = text[i + j];
            if (c == '=' && last && j >= 2)
            {
                ++pad;
                v <<= 6;
                continue;
            }
            int d = Base64Value(c);
            if (d < 0 || pad > 0)
            {
                return MakeError(Errc::Malformed,
                                 "base64: bad character at offset " + std::to_string(i + j));
            }
            v = v << 6 | static_cast<uint32_t>(d);
        }
        out.push_back(static_cast<uint8_t>(v >> 16));
        if (pad < 2)
        {
            out.push_back(static_cast<uint8_t>(v >> 8));
        }
        if (pad < 1)
        {
            out.push_back(static_cast<uint8_t>(v));
        }
    }
    return out;
}

} // namespace mediasec
