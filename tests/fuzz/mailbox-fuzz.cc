// Fuzz target for the voice-mail mailbox decoder: an accepted mailbox must survive format +
// reparse unchanged, otherwise the target traps.
#include "protocol/voicemail/stored-message.h"

#include <cstddef>
#include <cstdint>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace mediasec::voicemail;
    auto mailbox = ParseMailbox(mediasec::Bytes(data, data + size));
    if (mailbox)
    {
        auto bytes = FormatMailbox(mailbox.Value());
        auto again = bytes ? ParseMailbox(bytes.Value()) : mailbox;
        if (!bytes || !again || !(again.Value() == mailbox.Value()))
        {
            __builtin_trap();
        }
    }
    return 0;
}
