// Fuzz target for the MSF's parser of the access-msf key push (an Iq Add with a=crypto keys).
// An accepted push must hold keys of its suite's lengths, different in the two directions, and
// a push rebuilt from its SDPs and keys must read back to the same keys and endpoints.
#include "protocol/access/msf-key-push.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec;
    using namespace mediasec::access;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto instruction = ParseMsfKeyPush(text);
    if (!instruction)
    {
        return 0;
    }
    const MediaKeyPair& keys = instruction.Value().keys;
    for (const SrtpKeyMaterial* key : {&keys.uplink, &keys.downlink})
    {
        if (key->masterKey.size() != SrtpMasterKeyLength(key->suite) ||
            key->masterSalt.size() != SrtpMasterSaltLength(key->suite))
        {
            __builtin_trap();
        }
    }
    const auto request = iq::ParseIqRequest(text).Value();
    MsfKeyPush push;
    push.ueSdp = request.terminations[0].remoteSdp;
    push.coreSdp = request.terminations[1].remoteSdp;
    push.msf = {"10.9.9.9", 9000};
    push.keys = keys;
    auto rebuilt = BuildMsfKeyPush(push);
    auto again = rebuilt ? ReadMsfKeyPush(rebuilt.Value()) : rebuilt.GetError();
    if (!again || again.Value().keys.uplink.masterKey != keys.uplink.masterKey ||
        again.Value().keys.downlink.masterSalt != keys.downlink.masterSalt ||
        again.Value().ue.port != instruction.Value().ue.port ||
        again.Value().core.address != instruction.Value().core.address)
    {
        __builtin_trap();
    }
    return 0;
}
