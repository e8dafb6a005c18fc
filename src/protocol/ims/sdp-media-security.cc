#include "sdp-media-security.h"

#include <cstdlib>

namespace mediasec
{
namespace ims
{

namespace
{
const char kCrypto[] = "crypto";
} // namespace

std::vector<sdes::CryptoAttribute>
ReadValidCryptoAttributes(const sip::SdpMedia& media)
{
    std::vector<sdes::CryptoAttribute> out;
    for (const auto& value : media.AttributeValues(kCrypto))
    {
        if (auto parsed = sdes::ParseCryptoAttribute(value))
        {
            out.push_back(std::move(parsed).Value());
        }
    }
    return out;
}

void
SetSrtpTransport(sip::SdpMedia& media, const sdes::CryptoAttribute& crypto)
{
    media.proto = "RTP/SAVP";
    media.RemoveAttributes(kCrypto);
    media.AddAttribute(kCrypto, sdes::FormatCryptoAttribute(crypto));
}

void
SetRtpTransport(sip::SdpMedia& media)
{
    media.proto = "RTP/AVP";
    media.RemoveAttributes(kCrypto);
}

sdes::CryptoAttribute
MakeCryptoAttribute(uint32_t tag, SrtpSuite suite, Drbg& drbg)
{
    sdes::KeyParam key;
    key.masterKey = drbg.Generate(SrtpMasterKeyLength(suite));
    key.masterSalt = drbg.Generate(SrtpMasterSaltLength(suite));
    sdes::CryptoAttribute crypto;
    crypto.tag = tag;
    crypto.suite = suite;
    crypto.keys.push_back(std::move(key));
    return crypto;
}

std::optional<uint32_t>
ReadSsrc(const sip::SdpMedia& media)
{
    for (const auto& value : media.AttributeValues("ssrc"))
    {
        const std::string digits = value.substr(0, value.find(' '));
        if (digits.empty() || digits.size() > 10 ||
            digits.find_first_not_of("0123456789") != std::string::npos)
        {
            continue;
        }
        const unsigned long long v = std::strtoull(digits.c_str(), nullptr, 10);
        if (v <= 0xffffffffULL)
        {
            return static_cast<uint32_t>(v);
        }
    }
    return std::nullopt;
}

sip::SdpMedia*
FindAudio(sip::SdpSession& sdp)
{
    for (auto& media : sdp.media)
    {
        if (media.media == "audio")
        {
            return &media;
        }
    }
    return nullptr;
}

const sip::SdpMedia*
FindAudio(const sip::SdpSession& sdp)
{
    return FindAudio(const_cast<sip::SdpSession&>(sdp));
}

Result<MediaEndpoint>
ReadAudioEndpoint(const sip::SdpSession& sdp)
{
    const sip::SdpMedia* audio = FindAudio(sdp);
    if (audio == nullptr)
    {
        return MakeError(Errc::MissingField, "SDP: no audio m= line");
    }
    const auto& connection = audio->connection ? audio->connection : sdp.connection;
    if (!connection)
    {
        return MakeError(Errc::MissingField, "SDP: no c= line for the audio stream");
    }
    return MediaEndpoint{connection->address, audio->port};
}

void
SetAudioEndpoint(sip::SdpSession& sdp, const MediaEndpoint& endpoint)
{
    sip::SdpMedia* audio = FindAudio(sdp);
    if (audio == nullptr)
    {
        return;
    }
    sip::SdpConnection connection;
    connection.address = endpoint.address;
    sdp.connection = connection;
    if (audio->connection)
    {
        audio->connection = connection;
    }
    audio->port = endpoint.port;
}

} // namespace ims
} // namespace mediasec
