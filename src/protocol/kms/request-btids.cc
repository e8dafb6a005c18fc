#include "request-btids.h"

#include "protocol/mikey/mikey-message.h"
#include "protocol/mikey/ticket-data.h"
#include "protocol/mikey/ticket-fields.h"

#include <algorithm>

namespace mediasec
{
namespace kms
{

Result<std::vector<std::string>>
RequestBtids(const Bytes& message)
{
    auto parsed = mikey::ParseMikeyMessage(message);
    if (!parsed)
    {
        return parsed.GetError();
    }
    const auto* psk = mikey::FindIdr(parsed.Value(), mikey::IdRole::PreSharedKey);
    if (psk == nullptr)
    {
        return MakeError(Errc::MissingField, "MIKEY request: no IDRpsk (B-TID)");
    }
    std::vector<std::string> btids{mikey::IdText(*psk)};
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(parsed.Value());
    if (ticket == nullptr)
    {
        return btids;
    }
    auto data = mikey::ParseTicketData(ticket->ticketData);
    if (data && data.Value().psk)
    {
        const std::string initiator = mikey::IdText(*data.Value().psk);
        if (std::find(btids.begin(), btids.end(), initiator) == btids.end())
        {
            btids.push_back(initiator);
        }
    }
    return btids;
}

} // namespace kms
} // namespace mediasec
