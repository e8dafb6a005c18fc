#include "media-key-derivation.h"

#include "protocol/gba/gba-keys.h"

#include <algorithm>
#include <cstddef>

namespace mediasec
{
namespace access
{

Result<SrtpKeyMaterial>
DeriveMediaKey(const AkaKeys& keys, const MediaKeyContext& context)
{
    auto ks = gba::DeriveKs(keys.ck, keys.ik);
    if (!ks)
    {
        return ks.GetError();
    }
    const std::string& callId = context.callId;
    if (callId.empty())
    {
        return MakeError(Errc::MissingField, "Call-ID: empty");
    }
    if (!std::all_of(callId.begin(), callId.end(), [](char c) { return c > 0x20 && c < 0x7f; }))
    {
        return MakeError(Errc::Malformed, "Call-ID: character outside printable ASCII");
    }
    const std::vector<Bytes> params = {
        ToBytes(kAccessMediaKeyLabel),
        ToBytes(callId),
        {static_cast<uint8_t>(context.mediaIndex >> 8), static_cast<uint8_t>(context.mediaIndex)},
        {static_cast<uint8_t>(context.direction)},
        ToBytes(SrtpSuiteName(context.suite))};
    auto derived = gba::Kdf(ks.Value(), kFcAccessMediaKey, params);
    std::fill(ks.Value().begin(), ks.Value().end(), 0);
    if (!derived)
    {
        return derived.GetError();
    }
    const Bytes& out = derived.Value();
    const auto keyEnd =
        out.begin() + static_cast<std::ptrdiff_t>(SrtpMasterKeyLength(context.suite));
    const auto saltEnd = keyEnd + static_cast<std::ptrdiff_t>(SrtpMasterSaltLength(context.suite));
    return SrtpKeyMaterial{context.suite, Bytes(out.begin(), keyEnd), Bytes(keyEnd, saltEnd)};
}

Result<MediaKeyPair>
DeriveMediaKeyPair(const AkaKeys& keys, const std::string& callId, uint16_t mediaIndex,
                   SrtpSuite suite)
{
    auto uplink = DeriveMediaKey(keys, {callId, mediaIndex, MediaDirection::Uplink, suite});
    if (!uplink)
    {
        return uplink.GetError();
    }
    auto downlink = DeriveMediaKey(keys, {callId, mediaIndex, MediaDirection::Downlink, suite});
    if (!downlink)
    {
        return downlink.GetError();
    }
    return MediaKeyPair{std::move(uplink).Value(), std::move(downlink).Value()};
}

} // namespace access
} // namespace mediasec
