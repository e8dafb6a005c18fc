// Fuzz target for the MIKEY codec (RFC 3830/6043). An accepted message must format back to the
// exact input bytes (the codec is lossless), its MAC input must be the bytes before the MAC,
// and the MAC field must lie at the end. The input is also tried as a Key data sub-payload list
// (KEMAC plaintext), which must round-trip the same way, as must the NULL-encrypted KEMAC data
// of a parsed message. The B-TIDs a KMS reads from a request (RequestBtids) exist exactly when
// the message parses, and are non-empty without duplicates.
#include "protocol/kms/request-btids.h"
#include "protocol/mikey/mikey-message.h"

#include <set>
#include <string>

#include <cstddef>
#include <cstdint>

namespace
{

using namespace mediasec;
using namespace mediasec::mikey;

void
CheckKeyData(const Bytes& data)
{
    auto keys = ParseKeyDataList(data);
    if (keys && FormatKeyDataList(keys.Value()) != data)
    {
        __builtin_trap();
    }
}

void
CheckMac(const MikeyMessage& message, const Bytes& input)
{
    auto field = LocateMacField(message);
    auto macInput = FormatForMac(message);
    if (field.IsOk() != macInput.IsOk())
    {
        __builtin_trap();
    }
    if (!field)
    {
        return;
    }
    const MacField f = field.Value();
    if (f.offset + f.length != input.size())
    {
        __builtin_trap();
    }
    if (message.header.dataType != DataType::TransferInit &&
        macInput.Value() != Bytes(input.begin(), input.begin() + f.offset))
    {
        __builtin_trap();
    }
}

void
CheckBtids(const Bytes& input, bool parses)
{
    auto btids = kms::RequestBtids(input);
    if (!parses && btids)
    {
        __builtin_trap();
    }
    if (!btids)
    {
        return;
    }
    const auto& list = btids.Value();
    if (list.empty() || std::set<std::string>(list.begin(), list.end()).size() != list.size())
    {
        __builtin_trap();
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const Bytes input(data, data + size);
    CheckKeyData(input);
    auto message = ParseMikeyMessage(input);
    CheckBtids(input, message.IsOk());
    if (!message)
    {
        return 0;
    }
    if (FormatMikeyMessage(message.Value()) != input)
    {
        __builtin_trap();
    }
    CheckMac(message.Value(), input);
    for (const Payload& payload : message.Value().payloads)
    {
        const auto* kemac = std::get_if<KemacPayload>(&payload);
        if (kemac != nullptr && kemac->encrAlg == EncrAlg::Null)
        {
            CheckKeyData(kemac->encrData);
        }
    }
    return 0;
}
