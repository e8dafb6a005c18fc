#include "msf-key-push.h"

#include "protocol/sdes/media-crypto-attributes.h"

namespace mediasec
{
namespace access
{

namespace
{

/** \return \p error with \p where prefixed to its detail. */
Error
Prefixed(const std::string& where, const Error& error)
{
    return MakeError(error.code, where + ": " + error.detail);
}

/** \return the session of \p text with an audio stream, or the error naming \p where. */
Result<sip::SdpSession>
ParseAudioSdp(std::string_view text, const std::string& where)
{
    auto sdp = sip::ParseSdp(text);
    if (!sdp)
    {
        return Prefixed(where, sdp.GetError());
    }
    if (ims::FindAudio(sdp.Value()) == nullptr)
    {
        return MakeError(Errc::MissingField, where + ": no audio m= line");
    }
    return sdp;
}

/** \return Ok when the two keys suit one stream, else the error. */
Status
CheckKeyPair(const MediaKeyPair& keys)
{
    if (keys.uplink.suite != keys.downlink.suite)
    {
        return MakeError(Errc::Malformed, "a=crypto: different suites in the two directions");
    }
    if (keys.uplink.masterKey == keys.downlink.masterKey &&
        keys.uplink.masterSalt == keys.downlink.masterSalt)
    {
        return MakeError(Errc::Malformed, "a=crypto: the same key in both directions");
    }
    return Ok{};
}

/** \return the SDP text of \p sdp with its audio stream keyed by \p key (RTP/SAVP). */
std::string
KeyedSdp(sip::SdpSession sdp, const SrtpKeyMaterial& key)
{
    ims::SetSrtpTransport(*ims::FindAudio(sdp),
                          sdes::CryptoAttribute{1, key.suite, {{key.masterKey, key.masterSalt}}});
    return sip::FormatSdp(sdp);
}

/** \return \p sdp moved to \p endpoint, without a=ssrc: the MSF's own side of a stream. */
sip::SdpSession
MsfSide(sip::SdpSession sdp, const ims::MediaEndpoint& endpoint)
{
    ims::FindAudio(sdp)->RemoveAttributes("ssrc");
    ims::SetAudioEndpoint(sdp, endpoint);
    return sdp;
}

/** \return the first key of the a=crypto lines of the audio stream of \p text, or the error. */
Result<SrtpKeyMaterial>
ReadKey(std::string_view text, const std::string& where)
{
    auto sdp = ParseAudioSdp(text, where);
    if (!sdp)
    {
        return sdp.GetError();
    }
    const sip::SdpMedia& audio = *ims::FindAudio(sdp.Value());
    auto crypto = sdes::ParseMediaCryptoAttributes(audio.proto, audio.AttributeValues("crypto"));
    if (!crypto)
    {
        return Prefixed(where, crypto.GetError());
    }
    if (crypto.Value().empty())
    {
        return MakeError(Errc::MissingField, where + ": no a=crypto");
    }
    const sdes::CryptoAttribute& first = crypto.Value().front();
    return SrtpKeyMaterial{first.suite, first.keys.front().masterKey,
                           first.keys.front().masterSalt};
}

/** \return the audio endpoint of \p text, or the error naming \p where. */
Result<ims::MediaEndpoint>
ReadEndpoint(std::string_view text, const std::string& where)
{
    auto sdp = ParseAudioSdp(text, where);
    if (!sdp)
    {
        return sdp.GetError();
    }
    auto endpoint = ims::ReadAudioEndpoint(sdp.Value());
    return endpoint ? endpoint : Prefixed(where, endpoint.GetError());
}

} // namespace

Result<iq::IqRequest>
BuildMsfKeyPush(const MsfKeyPush& push)
{
    Status pair = CheckKeyPair(push.keys);
    if (!pair)
    {
        return pair.GetError();
    }
    for (const SrtpKeyMaterial* key : {&push.keys.uplink, &push.keys.downlink})
    {
        if (key->masterKey.size() != SrtpMasterKeyLength(key->suite) ||
            key->masterSalt.size() != SrtpMasterSaltLength(key->suite))
        {
            return MakeError(Errc::BadLength, "key push: key or salt length of the suite");
        }
    }
    auto ue = ParseAudioSdp(push.ueSdp, "UE SDP");
    auto core = ParseAudioSdp(push.coreSdp, "core SDP");
    if (!ue || !core)
    {
        return (!ue ? ue : core).GetError();
    }
    sip::SdpSession coreLocal = MsfSide(core.Value(), push.msf);
    ims::SetRtpTransport(*ims::FindAudio(coreLocal));
    iq::IqRequest request;
    request.transactionId = push.transactionId;
    request.mid = push.mid;
    request.command = iq::IqCommand::Add;
    request.terminations = {{kAccessTermination,
                             KeyedSdp(MsfSide(ue.Value(), push.msf), push.keys.downlink),
                             KeyedSdp(ue.Value(), push.keys.uplink)},
                            {kCoreTermination, sip::FormatSdp(coreLocal), push.coreSdp}};
    return request;
}

Result<MsfKeyInstruction>
ReadMsfKeyPush(const iq::IqRequest& request)
{
    if (request.command != iq::IqCommand::Add)
    {
        return MakeError(Errc::Unsupported, "key push: not an Add");
    }
    const auto& terms = request.terminations;
    if (terms.size() != 2 || terms[0].terminationId != kAccessTermination ||
        terms[1].terminationId != kCoreTermination)
    {
        return MakeError(Errc::Malformed, "key push: terminations access and core expected");
    }
    auto downlink = ReadKey(terms[0].localSdp, "access Local");
    if (!downlink)
    {
        return downlink.GetError();
    }
    auto uplink = ReadKey(terms[0].remoteSdp, "access Remote");
    if (!uplink)
    {
        return uplink.GetError();
    }
    MediaKeyPair keys{std::move(uplink).Value(), std::move(downlink).Value()};
    Status pair = CheckKeyPair(keys);
    if (!pair)
    {
        return pair.GetError();
    }
    auto ue = ReadEndpoint(terms[0].remoteSdp, "access Remote");
    auto core = ReadEndpoint(terms[1].remoteSdp, "core Remote");
    if (!ue || !core)
    {
        return (!ue ? ue : core).GetError();
    }
    return MsfKeyInstruction{ue.Value(), core.Value(), std::move(keys)};
}

Result<MsfKeyInstruction>
ParseMsfKeyPush(std::string_view text)
{
    auto request = iq::ParseIqRequest(text);
    if (!request)
    {
        return request.GetError();
    }
    return ReadMsfKeyPush(request.Value());
}

} // namespace access
} // namespace mediasec
