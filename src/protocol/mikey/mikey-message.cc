#include "mikey-message.h"

#include <string>

namespace mediasec
{
namespace mikey
{

namespace
{

/** \return the next-payload field written before payload \p i (HDR's for i = 0). */
uint8_t
NextType(const std::vector<Payload>& payloads, size_t i)
{
    return i < payloads.size() ? static_cast<uint8_t>(TypeOf(payloads[i])) : 0;
}

/** \return the MAC bytes of \p payload, or nullptr unless it is KEMAC or V. */
const Bytes*
MacOf(const Payload& payload)
{
    if (const auto* kemac = std::get_if<KemacPayload>(&payload))
    {
        return &kemac->mac;
    }
    if (const auto* v = std::get_if<VerificationPayload>(&payload))
    {
        return &v->mac;
    }
    return nullptr;
}

/** \return the MAC of the last payload, or MissingField. */
Result<const Bytes*>
LastMac(const MikeyMessage& message)
{
    const Bytes* mac = message.payloads.empty() ? nullptr : MacOf(message.payloads.back());
    if (mac == nullptr)
    {
        return MakeError(Errc::MissingField,
                         "message: the last payload is not KEMAC or V, so there is no MAC field");
    }
    return mac;
}

/** \brief Formats \p message, leaving out the fields \p omit names (MAC: last payload only). */
Bytes
Format(const MikeyMessage& message, WriteOmissions omit)
{
    ByteWriter w;
    WriteMikeyHeader(w, message.header, NextType(message.payloads, 0));
    for (size_t i = 0; i < message.payloads.size(); ++i)
    {
        WriteOmissions here = omit;
        here.mac = omit.mac && i + 1 == message.payloads.size();
        WritePayload(w, message.payloads[i], NextType(message.payloads, i + 1), here);
    }
    return w.Take();
}

} // namespace

Result<MikeyMessage>
ParseMikeyMessage(const Bytes& data)
{
    if (data.size() > kMaxMikeyMessageSize)
    {
        return MakeError(Errc::TooLarge, "message: " + std::to_string(data.size()) +
                                             " bytes exceed the " +
                                             std::to_string(kMaxMikeyMessageSize) + "-byte limit");
    }
    ByteReader r(data);
    auto header = ReadMikeyHeader(r);
    if (!header)
    {
        return header.GetError();
    }
    auto payloads = ReadPayloadChain(r, header.Value().nextPayload, "message");
    if (!payloads)
    {
        return payloads.GetError();
    }
    return MikeyMessage{header.Value().header, std::move(payloads).Value()};
}

Bytes
FormatMikeyMessage(const MikeyMessage& message)
{
    return Format(message, WriteOmissions{});
}

Result<MacField>
LocateMacField(const MikeyMessage& message)
{
    auto mac = LastMac(message);
    if (!mac)
    {
        return mac.GetError();
    }
    const size_t size = FormatMikeyMessage(message).size();
    return MacField{size - mac.Value()->size(), mac.Value()->size()};
}

Result<Bytes>
FormatForMac(const MikeyMessage& message)
{
    if (auto mac = LastMac(message); !mac)
    {
        return mac.GetError();
    }
    WriteOmissions omit;
    omit.mac = true;
    omit.initiatorData = message.header.dataType == DataType::TransferInit;
    return Format(message, omit);
}

bool
operator==(const MikeyMessage& a, const MikeyMessage& b)
{
    return a.header == b.header && a.payloads == b.payloads;
}

} // namespace mikey
} // namespace mediasec
