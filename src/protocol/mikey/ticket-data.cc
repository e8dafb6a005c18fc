#include "ticket-data.h"

#include "protocol/common/byte-reader.h"
#include "protocol/common/byte-writer.h"

#include <vector>

namespace mediasec
{
namespace mikey
{

Bytes
FormatTicketData(const ThreeGppTicketData& data)
{
    ByteWriter w;
    w.WriteU8(static_cast<uint8_t>(PayloadType::T));
    WritePayload(w, data.issued, static_cast<uint8_t>(PayloadType::Rand));
    WritePayload(w, data.rand, static_cast<uint8_t>(PayloadType::Kemac));
    const auto afterKemac = data.psk ? PayloadType::Idr : PayloadType::V;
    WritePayload(w, data.kemac, static_cast<uint8_t>(afterKemac));
    if (data.psk)
    {
        WritePayload(w, *data.psk, static_cast<uint8_t>(PayloadType::V));
    }
    WritePayload(w, data.mac, static_cast<uint8_t>(PayloadType::Last));
    return w.Take();
}

Result<ThreeGppTicketData>
ParseTicketData(const Bytes& ticketData)
{
    ByteReader r(ticketData);
    auto first = r.ReadU8("Ticket Data: First Payload");
    if (!first)
    {
        return first.GetError();
    }
    auto chain = ReadPayloadChain(r, first.Value(), "Ticket Data");
    if (!chain)
    {
        return chain.GetError();
    }
    const std::vector<Payload>& p = chain.Value();
    const auto* psk = p.size() == 5 ? std::get_if<IdRolePayload>(&p[3]) : nullptr;
    if ((p.size() != 4 && (psk == nullptr || psk->role != IdRole::PreSharedKey)) ||
        !std::holds_alternative<TimestampPayload>(p[0]) ||
        !std::holds_alternative<RandPayload>(p[1]) || !std::holds_alternative<KemacPayload>(p[2]) ||
        !std::holds_alternative<VerificationPayload>(p.back()))
    {
        return MakeError(Errc::Malformed, "Ticket Data: expected T, RAND, KEMAC, [IDRpsk], V");
    }
    ThreeGppTicketData data{std::get<TimestampPayload>(p[0]), std::get<RandPayload>(p[1]),
                            std::get<KemacPayload>(p[2]), std::get<VerificationPayload>(p.back()),
                            std::nullopt};
    if (psk != nullptr)
    {
        data.psk = *psk;
    }
    return data;
}

Status
ValidateTicketFlags(const TicketFlags& f)
{
    struct Rule
    {
        bool holds;       //!< the implication holds
        const char* name; //!< its text
    };
    const Rule rules[] = {
        {f.kmsGenerated || f.initiatorKeys, "NOT D => L"},
        {!f.responderRand || f.responseRequired, "G => F"},
        {f.responderRand || f.initiatorRandInTgk, "NOT G => H"},
        {f.initiatorRandInTgk || f.responderRand, "NOT H => G"},
        {!f.keyForking || f.resolveMandatory, "I => E"},
        {!f.kmsChanged || f.kmsGenerated, "K => D"},
        {!f.responderKeys || f.responseRequired, "M => F"},
    };
    for (const Rule& rule : rules)
    {
        if (!rule.holds)
        {
            return MakeError(Errc::Unsupported, std::string("TP: flags violate ") + rule.name);
        }
    }
    return Ok{};
}

} // namespace mikey
} // namespace mediasec
