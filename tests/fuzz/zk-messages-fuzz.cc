// Fuzz target: Zk messages between KMSs (doc/zk-inter-kms.md). The first byte picks the
// parser (0 envelope, 1 answer body, 2 request body, 3 a ZkLink opening a request); the rest
// is the input. Any bytes: a typed error, or a message that formats back to the input
// (envelope, answer) or to a stable form (request: its TICKET is re-encoded).
#include "protocol/kms/zk-link.h"
#include "protocol/kms/zk-messages.h"

#include <cstddef>
#include <cstdint>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec;
    using namespace mediasec::kms;
    if (size == 0)
    {
        return 0;
    }
    const Bytes input(data + 1, data + size);
    switch (data[0] % 4)
    {
    case 0:
        if (auto e = ParseZkEnvelope(input); e && FormatZkEnvelope(e.Value()) != input)
        {
            __builtin_trap();
        }
        break;
    case 1:
        if (auto a = ParseZkResolveAnswer(input); a && FormatZkResolveAnswer(a.Value()) != input)
        {
            __builtin_trap();
        }
        break;
    case 2:
        if (auto r = ParseZkResolveRequest(input))
        {
            const Bytes once = FormatZkResolveRequest(r.Value());
            auto again = ParseZkResolveRequest(once);
            if (!again || FormatZkResolveRequest(again.Value()) != once)
            {
                __builtin_trap();
            }
        }
        break;
    default: {
        ZkLink link("sip:kms@ims.test", Drbg::FromSeed(1, "zk-fuzz"));
        if (!link.AddPeer("sip:kms@other.test", Bytes(ZkLink::kKeyLength, 0x42)))
        {
            __builtin_trap();
        }
        (void)link.OpenRequest(input, 0);
        break;
    }
    }
    return 0;
}
