#include "aka-nonce.h"

#include "protocol/common/base64.h"

namespace mediasec
{
namespace http
{

Result<std::string>
FormatAkaNonce(const AkaNonce& nonce)
{
    if (nonce.rand.size() != kAkaRandLength)
    {
        return MakeError(Errc::BadLength, "AKA nonce: RAND is not 16 bytes");
    }
    if (nonce.autn.size() != kAkaAutnLength)
    {
        return MakeError(Errc::BadLength, "AKA nonce: AUTN is not 16 bytes");
    }
    if (nonce.serverData.size() > kMaxAkaServerData)
    {
        return MakeError(Errc::TooLarge, "AKA nonce: server data over 256 bytes");
    }
    Bytes raw = nonce.rand;
    raw.insert(raw.end(), nonce.autn.begin(), nonce.autn.end());
    raw.insert(raw.end(), nonce.serverData.begin(), nonce.serverData.end());
    return Base64Encode(raw);
}

Result<AkaNonce>
ParseAkaNonce(std::string_view nonce)
{
    if (nonce.size() > (kAkaRandLength + kAkaAutnLength + kMaxAkaServerData + 2) / 3 * 4)
    {
        return MakeError(Errc::TooLarge, "AKA nonce: server data over 256 bytes");
    }
    auto raw = Base64Decode(nonce);
    if (!raw)
    {
        return MakeError(Errc::Malformed, "AKA nonce: " + raw.GetError().detail);
    }
    const Bytes& bytes = raw.Value();
    if (bytes.size() < kAkaRandLength + kAkaAutnLength)
    {
        return MakeError(Errc::BadLength, "AKA nonce: shorter than RAND || AUTN");
    }
    if (bytes.size() > kAkaRandLength + kAkaAutnLength + kMaxAkaServerData)
    {
        return MakeError(Errc::TooLarge, "AKA nonce: server data over 256 bytes");
    }
    AkaNonce parts;
    parts.rand.assign(bytes.begin(), bytes.begin() + kAkaRandLength);
    parts.autn.assign(bytes.begin() + kAkaRandLength,
                      bytes.begin() + kAkaRandLength + kAkaAutnLength);
    parts.serverData.assign(bytes.begin() + kAkaRandLength + kAkaAutnLength, bytes.end());
    return parts;
}

} // namespace http
} // namespace mediasec
