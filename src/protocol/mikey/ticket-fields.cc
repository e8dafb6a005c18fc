#include "ticket-fields.h"

#include "replay-cache.h"

namespace mediasec
{
namespace mikey
{

const IdRolePayload*
FindIdr(const MikeyMessage& message, IdRole role)
{
    for (const Payload& p : message.payloads)
    {
        const auto* idr = std::get_if<IdRolePayload>(&p);
        if (idr != nullptr && idr->role == role)
        {
            return idr;
        }
    }
    return nullptr;
}

const RandRolePayload*
FindRandr(const MikeyMessage& message, RandRole role)
{
    for (const Payload& p : message.payloads)
    {
        const auto* randr = std::get_if<RandRolePayload>(&p);
        if (randr != nullptr && randr->role == role)
        {
            return randr;
        }
    }
    return nullptr;
}

std::vector<std::string>
PolicyIdentities(const TicketPolicyPayload& policy, IdRole role)
{
    std::vector<std::string> ids;
    for (const TicketPolicyEntry& e : policy.payloads)
    {
        const auto* idr = std::get_if<IdRolePayload>(&e);
        if (idr != nullptr && idr->role == role)
        {
            ids.push_back(IdText(*idr));
        }
    }
    return ids;
}

const TimestampRolePayload*
PolicyTimestamp(const TicketPolicyPayload& policy, TsRole role)
{
    for (const TicketPolicyEntry& e : policy.payloads)
    {
        const auto* tr = std::get_if<TimestampRolePayload>(&e);
        if (tr != nullptr && tr->role == role)
        {
            return tr;
        }
    }
    return nullptr;
}

std::string
IdText(const IdRolePayload& idr)
{
    return std::string(idr.data.begin(), idr.data.end());
}

IdRolePayload
MakeIdr(IdRole role, const std::string& text)
{
    return IdRolePayload{role, IdType::Uri, Bytes(text.begin(), text.end())};
}

TimestampPayload
MakeNtpTimestamp(int64_t unixNs)
{
    return TimestampPayload{TsType::NtpUtc, NtpFromNs(unixNs)};
}

TimestampRolePayload
MakeNtpTimestampRole(TsRole role, int64_t unixNs)
{
    return TimestampRolePayload{role, TsType::NtpUtc, NtpFromNs(unixNs)};
}

KeyDataPayload
MakeKeyData(KeyDataType type, const Bytes& key)
{
    KeyDataPayload k;
    k.type = type;
    k.key = key;
    return k;
}

} // namespace mikey
} // namespace mediasec
