// Fuzz target: 3GPP ticket data (doc/mikey-ticket-profile.md). Any bytes: a typed error, or
// ticket data that formats back to exactly the input.
#include "protocol/mikey/ticket-data.h"

#include <cstddef>
#include <cstdint>

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const mediasec::Bytes input(data, data + size);
    auto ticket = mediasec::mikey::ParseTicketData(input);
    if (ticket && mediasec::mikey::FormatTicketData(ticket.Value()) != input)
    {
        __builtin_trap();
    }
    return 0;
}
