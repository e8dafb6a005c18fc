#include "mikey-payloads.h"

#include <string>
#include <type_traits>
#include <utility>

namespace mediasec
{
namespace mikey
{

namespace
{

/** \return an Error "<payload>: <what>". */
Error
PayloadError(Errc code, const char* payload, const std::string& what)
{
    return MakeError(code, std::string(payload) + ": " + what);
}

/** \return Ok when \p n bytes are left, else Truncated naming \p payload and \p fields. */
Status
Need(const ByteReader& r, size_t n, const char* payload, const char* fields)
{
    if (r.Remaining() < n)
    {
        return PayloadError(Errc::Truncated, payload,
                            std::string(fields) + " need " + std::to_string(n) + " bytes, have " +
                                std::to_string(r.Remaining()));
    }
    return Ok{};
}

/** \return \p length bytes announced by the length field of \p field, or BadLength. */
Result<Bytes>
ReadDeclared(ByteReader& r, size_t length, const char* payload, const char* field)
{
    if (length > r.Remaining())
    {
        return PayloadError(Errc::BadLength, payload,
                            std::string(field) + " length " + std::to_string(length) +
                                " exceeds the " + std::to_string(r.Remaining()) + " bytes left");
    }
    return r.ReadBytes(length, field).Value();
}

/**
 * \return Ok when a field of implied length \p need (from \p basis) fits: exactly the rest of
 * the data for the last payload of a chain (BadLength otherwise), at least \p need bytes for
 * any other payload (Truncated otherwise).
 */
Status
CheckImpliedLength(const ByteReader& r, size_t need, bool last, const char* payload,
                   const char* field, const char* basis)
{
    if (last ? r.Remaining() == need : r.Remaining() >= need)
    {
        return Ok{};
    }
    return PayloadError(last ? Errc::BadLength : Errc::Truncated, payload,
                        std::string(field) + " has " + std::to_string(r.Remaining()) + " bytes, " +
                            basis + " needs " + std::to_string(need));
}

const char*
MacAlgName(MacAlg alg)
{
    switch (alg)
    {
    case MacAlg::Null:
        return "NULL";
    case MacAlg::HmacSha1_160:
        return "HMAC-SHA-1-160";
    case MacAlg::HmacSha256_256:
        return "HMAC-SHA-256-256";
    }
    return "unknown";
}

const char*
TsTypeName(TsType type)
{
    switch (type)
    {
    case TsType::NtpUtc:
        return "NTP-UTC";
    case TsType::Ntp:
        return "NTP";
    case TsType::Counter:
        return "COUNTER";
    case TsType::NtpUtc32:
        return "NTP-UTC-32";
    }
    return "unknown";
}

/** \return the MAC alg in \p value, or Unsupported naming \p payload and \p field. */
Result<MacAlg>
ToMacAlg(uint8_t value, const char* payload, const char* field)
{
    if (value > static_cast<uint8_t>(MacAlg::HmacSha256_256))
    {
        return PayloadError(Errc::Unsupported, payload,
                            std::string(field) + " " + std::to_string(value) + " unknown");
    }
    return static_cast<MacAlg>(value);
}

/** \return the TS type in \p value, or Unsupported naming \p payload. */
Result<TsType>
ToTsType(uint8_t value, const char* payload)
{
    if (value > static_cast<uint8_t>(TsType::NtpUtc32))
    {
        return PayloadError(Errc::Unsupported, payload,
                            "TS type " + std::to_string(value) + " unknown");
    }
    return static_cast<TsType>(value);
}

/** \return the ID type in \p value, or Unsupported naming \p payload. */
Result<IdType>
ToIdType(uint8_t value, const char* payload)
{
    if (value > static_cast<uint8_t>(IdType::ByteString))
    {
        return PayloadError(Errc::Unsupported, payload,
                            "ID Type " + std::to_string(value) + " unknown");
    }
    return static_cast<IdType>(value);
}

/** \return Ok when \p role lies in [1, \p max], else Unsupported naming \p payload. */
Status
CheckRole(uint8_t role, uint8_t max, const char* payload, const char* field)
{
    if (role == 0 || role > max)
    {
        return PayloadError(Errc::Unsupported, payload,
                            std::string(field) + " " + std::to_string(role) + " unknown");
    }
    return Ok{};
}

/** \return the TS value of \p type (checked to fit by the caller). */
uint64_t
ReadTsValue(ByteReader& r, TsType type)
{
    return TimestampLength(type) == 8 ? r.ReadU64("TS value").Value()
                                      : r.ReadU32("TS value").Value();
}

void
WriteTsValue(ByteWriter& w, TsType type, uint64_t value)
{
    if (TimestampLength(type) == 8)
    {
        w.WriteU64(value);
    }
    else
    {
        w.WriteU32(static_cast<uint32_t>(value));
    }
}

/** \return a RAND value of at least kMinRandLength bytes, or BadLength/OutOfRange. */
Result<Bytes>
ReadRandValue(ByteReader& r, uint8_t length, const char* payload)
{
    if (length < kMinRandLength)
    {
        return PayloadError(Errc::OutOfRange, payload,
                            "RAND length " + std::to_string(length) + " is below " +
                                std::to_string(kMinRandLength));
    }
    return ReadDeclared(r, length, payload, "RAND");
}

/** \return ID data of 1..65535 bytes, or OutOfRange (empty) / BadLength. */
Result<Bytes>
ReadIdData(ByteReader& r, uint16_t length, const char* payload)
{
    if (length == 0)
    {
        return PayloadError(Errc::OutOfRange, payload, "ID len 0 (an empty identity)");
    }
    return ReadDeclared(r, length, payload, "ID Data");
}

/** \brief Accepts the payload types \p allowed of a chain before they are read. */
using TypeFilter = bool (*)(uint8_t type);

/**
 * \brief Reads the chain starting with \p type until a next payload of 0, hands each payload
 * to \p sink and requires \p r to be consumed exactly.
 */
template<typename Sink>
Status
ReadChain(ByteReader& r, uint8_t type, const char* where, TypeFilter allowed, Sink sink)
{
    size_t count = 0;
    while (type != static_cast<uint8_t>(PayloadType::Last))
    {
        if (++count > kMaxPayloads)
        {
            return PayloadError(Errc::TooLarge, where,
                                "more than " + std::to_string(kMaxPayloads) + " payloads");
        }
        if (allowed != nullptr && !allowed(type))
        {
            return PayloadError(Errc::Malformed, where,
                                std::string("payload ") + PayloadTypeName(type) + " (" +
                                    std::to_string(type) + ") is not allowed here");
        }
        auto read = ReadPayload(r, type);
        if (!read)
        {
            return read.GetError();
        }
        type = read.Value().nextPayload;
        sink(std::move(read.Value().payload));
    }
    if (r.Remaining() != 0)
    {
        return PayloadError(Errc::BadLength, where,
                            std::to_string(r.Remaining()) + " bytes after the last payload");
    }
    return Ok{};
}

bool
AllowedInTicketPolicy(uint8_t type)
{
    return type == static_cast<uint8_t>(PayloadType::Idr) ||
           type == static_cast<uint8_t>(PayloadType::Tr) ||
           type == static_cast<uint8_t>(PayloadType::Kemac);
}

bool
AllowedInInitiatorData(uint8_t type)
{
    return type == static_cast<uint8_t>(PayloadType::V);
}

Result<Payload>
ReadKemac(ByteReader& r, bool last)
{
    const char* name = "KEMAC";
    if (auto s = Need(r, 3, name, "Encr alg and Encr data len"); !s)
    {
        return s.GetError();
    }
    KemacPayload p;
    uint8_t encr = r.ReadU8("KEMAC: Encr alg").Value();
    if (encr > static_cast<uint8_t>(EncrAlg::AesCm256))
    {
        return PayloadError(Errc::Unsupported, name,
                            "Encr alg " + std::to_string(encr) + " unknown");
    }
    p.encrAlg = static_cast<EncrAlg>(encr);
    auto data = ReadDeclared(r, r.ReadU16("KEMAC: Encr data len").Value(), name, "Encr data");
    if (!data)
    {
        return data.GetError();
    }
    p.encrData = std::move(data).Value();
    if (auto s = Need(r, 1, name, "Mac alg"); !s)
    {
        return s.GetError();
    }
    auto alg = ToMacAlg(r.ReadU8("KEMAC: Mac alg").Value(), name, "Mac alg");
    if (!alg)
    {
        return alg.GetError();
    }
    p.macAlg = alg.Value();
    const size_t length = MacLength(p.macAlg);
    if (auto s = CheckImpliedLength(r, length, last, name, "MAC", MacAlgName(p.macAlg)); !s)
    {
        return s.GetError();
    }
    p.mac = r.ReadBytes(length, "KEMAC: MAC").Value();
    return Payload(std::move(p));
}

Result<Payload>
ReadTimestamp(ByteReader& r, bool last)
{
    const char* name = "T";
    if (auto s = Need(r, 1, name, "TS type"); !s)
    {
        return s.GetError();
    }
    auto type = ToTsType(r.ReadU8("T: TS type").Value(), name);
    if (!type)
    {
        return type.GetError();
    }
    if (auto s = CheckImpliedLength(r, TimestampLength(type.Value()), last, name, "TS value",
                                    TsTypeName(type.Value()));
        !s)
    {
        return s.GetError();
    }
    return Payload(TimestampPayload{type.Value(), ReadTsValue(r, type.Value())});
}

Result<Payload>
ReadId(ByteReader& r)
{
    const char* name = "ID";
    if (auto s = Need(r, 3, name, "ID Type and ID len"); !s)
    {
        return s.GetError();
    }
    auto type = ToIdType(r.ReadU8("ID: ID Type").Value(), name);
    if (!type)
    {
        return type.GetError();
    }
    auto data = ReadIdData(r, r.ReadU16("ID: ID len").Value(), name);
    if (!data)
    {
        return data.GetError();
    }
    return Payload(IdPayload{type.Value(), std::move(data).Value()});
}

Result<Payload>
ReadVerification(ByteReader& r, bool last)
{
    const char* name = "V";
    if (auto s = Need(r, 1, name, "Auth alg"); !s)
    {
        return s.GetError();
    }
    auto alg = ToMacAlg(r.ReadU8("V: Auth alg").Value(), name, "Auth alg");
    if (!alg)
    {
        return alg.GetError();
    }
    const size_t length = MacLength(alg.Value());
    if (auto s = CheckImpliedLength(r, length, last, name, "Ver data", MacAlgName(alg.Value())); !s)
    {
        return s.GetError();
    }
    return Payload(VerificationPayload{alg.Value(), r.ReadBytes(length, "V: Ver data").Value()});
}

Result<Payload>
ReadSecurityPolicy(ByteReader& r)
{
    const char* name = "SP";
    if (auto s = Need(r, 4, name, "Policy no, Prot type and Policy param length"); !s)
    {
        return s.GetError();
    }
    SecurityPolicyPayload p;
    p.policyNo = r.ReadU8("SP: Policy no").Value();
    p.protType = r.ReadU8("SP: Prot type").Value();
    auto params =
        ReadDeclared(r, r.ReadU16("SP: Policy param length").Value(), name, "Policy param");
    if (!params)
    {
        return params.GetError();
    }
    ByteReader pr(params.Value());
    while (pr.Remaining() > 0)
    {
        if (pr.Remaining() < 2)
        {
            return PayloadError(Errc::BadLength, name,
                                "policy param at offset " + std::to_string(pr.Position()) +
                                    " has 1 byte, type and length need 2");
        }
        PolicyParam param;
        param.type = pr.ReadU8("SP: param type").Value();
        auto value =
            ReadDeclared(pr, pr.ReadU8("SP: param length").Value(), name, "policy param value");
        if (!value)
        {
            return value.GetError();
        }
        param.value = std::move(value).Value();
        p.params.push_back(std::move(param));
    }
    return Payload(std::move(p));
}

Result<Payload>
ReadRand(ByteReader& r)
{
    const char* name = "RAND";
    if (auto s = Need(r, 1, name, "RAND len"); !s)
    {
        return s.GetError();
    }
    auto rand = ReadRandValue(r, r.ReadU8("RAND: RAND len").Value(), name);
    if (!rand)
    {
        return rand.GetError();
    }
    return Payload(RandPayload{std::move(rand).Value()});
}

Result<Payload>
ReadError(ByteReader& r)
{
    if (auto s = Need(r, 3, "ERR", "Error no and Reserved"); !s)
    {
        return s.GetError();
    }
    ErrorPayload p;
    p.errorNo = static_cast<ErrorNo>(r.ReadU8("ERR: Error no").Value());
    p.reserved = r.ReadU16("ERR: Reserved").Value();
    return Payload(p);
}

Result<Payload>
ReadGeneralExt(ByteReader& r)
{
    const char* name = "General Ext";
    if (auto s = Need(r, 3, name, "Type and Length"); !s)
    {
        return s.GetError();
    }
    GeneralExtPayload p;
    p.extType = r.ReadU8("General Ext: Type").Value();
    auto data = ReadDeclared(r, r.ReadU16("General Ext: Length").Value(), name, "Data");
    if (!data)
    {
        return data.GetError();
    }
    p.data = std::move(data).Value();
    return Payload(std::move(p));
}

Result<Payload>
ReadTimestampRole(ByteReader& r, bool last)
{
    const char* name = "TR";
    if (auto s = Need(r, 2, name, "TS Role and TS Type"); !s)
    {
        return s.GetError();
    }
    TimestampRolePayload p;
    uint8_t role = r.ReadU8("TR: TS Role").Value();
    if (auto s = CheckRole(role, static_cast<uint8_t>(TsRole::RekeyInterval), name, "TS Role"); !s)
    {
        return s.GetError();
    }
    p.role = static_cast<TsRole>(role);
    auto type = ToTsType(r.ReadU8("TR: TS Type").Value(), name);
    if (!type)
    {
        return type.GetError();
    }
    p.tsType = type.Value();
    if (auto s = CheckImpliedLength(r, TimestampLength(p.tsType), last, name, "TS Value",
                                    TsTypeName(p.tsType));
        !s)
    {
        return s.GetError();
    }
    p.value = ReadTsValue(r, p.tsType);
    return Payload(p);
}

Result<Payload>
ReadIdRole(ByteReader& r)
{
    const char* name = "IDR";
    if (auto s = Need(r, 4, name, "ID Role, ID Type and ID len"); !s)
    {
        return s.GetError();
    }
    IdRolePayload p;
    uint8_t role = r.ReadU8("IDR: ID Role").Value();
    if (auto s = CheckRole(role, static_cast<uint8_t>(IdRole::ResponderKms), name, "ID Role"); !s)
    {
        return s.GetError();
    }
    p.role = static_cast<IdRole>(role);
    auto type = ToIdType(r.ReadU8("IDR: ID Type").Value(), name);
    if (!type)
    {
        return type.GetError();
    }
    p.idType = type.Value();
    auto data = ReadIdData(r, r.ReadU16("IDR: ID len").Value(), name);
    if (!data)
    {
        return data.GetError();
    }
    p.data = std::move(data).Value();
    return Payload(std::move(p));
}

Result<Payload>
ReadRandRole(ByteReader& r)
{
    const char* name = "RANDR";
    if (auto s = Need(r, 2, name, "RAND Role and RAND length"); !s)
    {
        return s.GetError();
    }
    RandRolePayload p;
    uint8_t role = r.ReadU8("RANDR: RAND Role").Value();
    if (auto s = CheckRole(role, static_cast<uint8_t>(RandRole::Kms), name, "RAND Role"); !s)
    {
        return s.GetError();
    }
    p.role = static_cast<RandRole>(role);
    auto rand = ReadRandValue(r, r.ReadU8("RANDR: RAND length").Value(), name);
    if (!rand)
    {
        return rand.GetError();
    }
    p.rand = std::move(rand).Value();
    return Payload(std::move(p));
}

/** \brief Reads the policy part shared by TP and TICKET (through TP Data). */
Result<TicketPolicyPayload>
ReadTicketPolicy(ByteReader& r, const char* name)
{
    if (auto s =
            Need(r, 9, name, "Ticket Type, Subtype, Version, PRF Func/flags and TP Data length");
        !s)
    {
        return s.GetError();
    }
    TicketPolicyPayload p;
    p.ticketType = r.ReadU16("Ticket Type").Value();
    p.subtype = r.ReadU8("Subtype").Value();
    p.version = r.ReadU8("Version").Value();
    uint32_t bits = r.ReadU8("PRF Func").Value();
    bits = bits << 8 | r.ReadU8("flags").Value();
    bits = bits << 8 | r.ReadU8("flags").Value();
    uint8_t prf = static_cast<uint8_t>(bits >> 17);
    if (prf > static_cast<uint8_t>(PrfFunc::HmacSha256))
    {
        return PayloadError(Errc::Unsupported, name,
                            "PRF Func " + std::to_string(prf) + " unknown");
    }
    p.prfFunc = static_cast<PrfFunc>(prf);
    auto bit = [bits](int n) { return (bits >> n & 1) != 0; };
    p.flags.kmsGenerated = bit(16);
    p.flags.resolveMandatory = bit(15);
    p.flags.responseRequired = bit(14);
    p.flags.responderRand = bit(13);
    p.flags.initiatorRandInTgk = bit(12);
    p.flags.keyForking = bit(11);
    p.flags.reusable = bit(10);
    p.flags.kmsChanged = bit(9);
    p.flags.initiatorKeys = bit(8);
    p.flags.responderKeys = bit(7);
    p.flags.initiatorCompliant = bit(6);
    p.flags.responderCompliant = bit(5);
    p.reserved = static_cast<uint8_t>(bits & 0x1f);
    uint16_t length = r.ReadU16("TP Data length").Value();
    if (length == 0)
    {
        return PayloadError(Errc::BadLength, name,
                            "TP Data length 0 (the First Payload byte is missing)");
    }
    auto data = ReadDeclared(r, length, name, "TP Data");
    if (!data)
    {
        return data.GetError();
    }
    ByteReader tr(data.Value());
    uint8_t first = tr.ReadU8("TP Data: First Payload").Value();
    auto sink = [&p](Payload&& payload) {
        if (auto* idr = std::get_if<IdRolePayload>(&payload))
        {
            p.payloads.emplace_back(std::move(*idr));
        }
        else if (auto* tsr = std::get_if<TimestampRolePayload>(&payload))
        {
            p.payloads.emplace_back(std::move(*tsr));
        }
        else
        {
            p.payloads.emplace_back(std::get<KemacPayload>(std::move(payload)));
        }
    };
    if (auto s = ReadChain(tr, first, "TP Data", AllowedInTicketPolicy, sink); !s)
    {
        return s.GetError();
    }
    return p;
}

Result<Payload>
ReadTicketPolicyPayload(ByteReader& r)
{
    auto policy = ReadTicketPolicy(r, "TP");
    if (!policy)
    {
        return policy.GetError();
    }
    return Payload(std::move(policy).Value());
}

Result<Payload>
ReadTicket(ByteReader& r)
{
    const char* name = "TICKET";
    auto policy = ReadTicketPolicy(r, name);
    if (!policy)
    {
        return policy.GetError();
    }
    TicketPayload p;
    p.policy = std::move(policy).Value();
    if (auto s = Need(r, 2, name, "Ticket Data length"); !s)
    {
        return s.GetError();
    }
    auto ticket = ReadDeclared(r, r.ReadU16("Ticket Data length").Value(), name, "Ticket Data");
    if (!ticket)
    {
        return ticket.GetError();
    }
    p.ticketData = std::move(ticket).Value();
    if (auto s = Need(r, 2, name, "Initiator Data length"); !s)
    {
        return s.GetError();
    }
    auto initiator =
        ReadDeclared(r, r.ReadU16("Initiator Data length").Value(), name, "Initiator Data");
    if (!initiator)
    {
        return initiator.GetError();
    }
    if (!initiator.Value().empty())
    {
        ByteReader ir(initiator.Value());
        uint8_t first = ir.ReadU8("Initiator Data: First Payload").Value();
        if (first == static_cast<uint8_t>(PayloadType::Last))
        {
            return PayloadError(Errc::Malformed, name, "Initiator Data holds no payload");
        }
        auto sink = [&p](Payload&& payload) {
            p.initiatorData.push_back(std::get<VerificationPayload>(std::move(payload)));
        };
        if (auto s = ReadChain(ir, first, "Initiator Data", AllowedInInitiatorData, sink); !s)
        {
            return s.GetError();
        }
    }
    return Payload(std::move(p));
}

/** \return Unsupported naming payload type \p type. */
Error
UnsupportedType(uint8_t type)
{
    return MakeError(Errc::Unsupported, std::string("payload type ") + std::to_string(type) + " (" +
                                            PayloadTypeName(type) + ") is not supported");
}

/** \brief Reads the fields after the next-payload byte of a payload of type \p type. */
Result<Payload>
ReadBody(ByteReader& r, PayloadType type, bool last)
{
    switch (type)
    {
    case PayloadType::Kemac:
        return ReadKemac(r, last);
    case PayloadType::T:
        return ReadTimestamp(r, last);
    case PayloadType::Id:
        return ReadId(r);
    case PayloadType::V:
        return ReadVerification(r, last);
    case PayloadType::Sp:
        return ReadSecurityPolicy(r);
    case PayloadType::Rand:
        return ReadRand(r);
    case PayloadType::Err:
        return ReadError(r);
    case PayloadType::GeneralExt:
        return ReadGeneralExt(r);
    case PayloadType::Tr:
        return ReadTimestampRole(r, last);
    case PayloadType::Idr:
        return ReadIdRole(r);
    case PayloadType::Randr:
        return ReadRandRole(r);
    case PayloadType::Tp:
        return ReadTicketPolicyPayload(r);
    case PayloadType::Ticket:
        return ReadTicket(r);
    default:
        break;
    }
    return UnsupportedType(static_cast<uint8_t>(type));
}

/** \return true for the payload types ReadBody handles. */
bool
IsSupported(uint8_t type)
{
    return (type >= static_cast<uint8_t>(PayloadType::T) &&
            type <= static_cast<uint8_t>(PayloadType::Id)) ||
           (type >= static_cast<uint8_t>(PayloadType::V) &&
            type <= static_cast<uint8_t>(PayloadType::Ticket)) ||
           type == static_cast<uint8_t>(PayloadType::Kemac) ||
           type == static_cast<uint8_t>(PayloadType::GeneralExt);
}

/** \brief Calls \p f with the alternative held by \p v. */
template<typename F, typename... Ts>
void
Apply(const std::variant<Ts...>& v, F&& f)
{
    std::visit(std::forward<F>(f), v);
}

/** \brief Calls \p f with \p v (chains of a single payload struct). */
template<typename F, typename T>
void
Apply(const T& v, F&& f)
{
    f(v);
}

/** \return the type number of the payload held by \p v. */
template<typename T>
uint8_t
TypeNumber(const T& v)
{
    uint8_t type = 0;
    Apply(v, [&type](const auto& p) {
        type = static_cast<uint8_t>(std::decay_t<decltype(p)>::kType);
    });
    return type;
}

void WriteBody(ByteWriter& w, const KemacPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const TimestampPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const IdPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const VerificationPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const SecurityPolicyPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const RandPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const ErrorPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const GeneralExtPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const TimestampRolePayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const IdRolePayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const RandRolePayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const TicketPolicyPayload& p, WriteOmissions omit);
void WriteBody(ByteWriter& w, const TicketPayload& p, WriteOmissions omit);

/**
 * \brief Writes a nested chain: First Payload byte, then each entry with its next-payload
 * field naming the following entry.
 */
template<typename T>
void
WriteNestedChain(ByteWriter& w, const std::vector<T>& entries)
{
    w.WriteU8(entries.empty() ? 0 : TypeNumber(entries.front()));
    for (size_t i = 0; i < entries.size(); ++i)
    {
        uint8_t next = i + 1 < entries.size() ? TypeNumber(entries[i + 1]) : 0;
        Apply(entries[i], [&w, next](const auto& p) {
            w.WriteU8(next);
            WriteBody(w, p, WriteOmissions{});
        });
    }
}

/** \brief Writes a 16-bit length field followed by whatever \p body appends. */
template<typename F>
void
WriteLengthPrefixed(ByteWriter& w, F&& body)
{
    size_t at = w.Size();
    w.WriteU16(0);
    body();
    w.PatchU16(at, static_cast<uint16_t>(w.Size() - at - 2));
}

void
WriteBody(ByteWriter& w, const KemacPayload& p, WriteOmissions omit)
{
    w.WriteU8(static_cast<uint8_t>(p.encrAlg));
    w.WriteU16(static_cast<uint16_t>(p.encrData.size()));
    w.WriteBytes(p.encrData);
    w.WriteU8(static_cast<uint8_t>(p.macAlg));
    if (!omit.mac)
    {
        w.WriteBytes(p.mac);
    }
}

void
WriteBody(ByteWriter& w, const TimestampPayload& p, WriteOmissions)
{
    w.WriteU8(static_cast<uint8_t>(p.tsType));
    WriteTsValue(w, p.tsType, p.value);
}

void
WriteBody(ByteWriter& w, const IdPayload& p, WriteOmissions)
{
    w.WriteU8(static_cast<uint8_t>(p.idType));
    w.WriteU16(static_cast<uint16_t>(p.data.size()));
    w.WriteBytes(p.data);
}

void
WriteBody(ByteWriter& w, const VerificationPayload& p, WriteOmissions omit)
{
    w.WriteU8(static_cast<uint8_t>(p.macAlg));
    if (!omit.mac)
    {
        w.WriteBytes(p.mac);
    }
}

void
WriteBody(ByteWriter& w, const SecurityPolicyPayload& p, WriteOmissions)
{
    w.WriteU8(p.policyNo);
    w.WriteU8(p.protType);
    WriteLengthPrefixed(w, [&w, &p]() {
        for (const PolicyParam& param : p.params)
        {
            w.WriteU8(param.type);
            w.WriteU8(static_cast<uint8_t>(param.value.size()));
            w.WriteBytes(param.value);
        }
    });
}

void
WriteBody(ByteWriter& w, const RandPayload& p, WriteOmissions)
{
    w.WriteU8(static_cast<uint8_t>(p.rand.size()));
    w.WriteBytes(p.rand);
}

void
WriteBody(ByteWriter& w, const ErrorPayload& p, WriteOmissions)
{
    w.WriteU8(static_cast<uint8_t>(p.errorNo));
    w.WriteU16(p.reserved);
}

void
WriteBody(ByteWriter& w, const GeneralExtPayload& p, WriteOmissions)
{
    w.WriteU8(p.extType);
    w.WriteU16(static_cast<uint16_t>(p.data.size()));
    w.WriteBytes(p.data);
}

void
WriteBody(ByteWriter& w, const TimestampRolePayload& p, WriteOmissions)
{
    w.WriteU8(static_cast<uint8_t>(p.role));
    w.WriteU8(static_cast<uint8_t>(p.tsType));
    WriteTsValue(w, p.tsType, p.value);
}

void
WriteBody(ByteWriter& w, const IdRolePayload& p, WriteOmissions)
{
    w.WriteU8(static_cast<uint8_t>(p.role));
    w.WriteU8(static_cast<uint8_t>(p.idType));
    w.WriteU16(static_cast<uint16_t>(p.data.size()));
    w.WriteBytes(p.data);
}

void
WriteBody(ByteWriter& w, const RandRolePayload& p, WriteOmissions)
{
    w.WriteU8(static_cast<uint8_t>(p.role));
    w.WriteU8(static_cast<uint8_t>(p.rand.size()));
    w.WriteBytes(p.rand);
}

void
WriteBody(ByteWriter& w, const TicketPolicyPayload& p, WriteOmissions)
{
    w.WriteU16(p.ticketType);
    w.WriteU8(p.subtype);
    w.WriteU8(p.version);
    const TicketFlags& f = p.flags;
    const bool flags[] = {f.kmsGenerated,  f.resolveMandatory,   f.responseRequired,
                          f.responderRand, f.initiatorRandInTgk, f.keyForking,
                          f.reusable,      f.kmsChanged,         f.initiatorKeys,
                          f.responderKeys, f.initiatorCompliant, f.responderCompliant};
    uint32_t bits = static_cast<uint32_t>(static_cast<uint8_t>(p.prfFunc) & 0x7f) << 17;
    for (int i = 0; i < 12; ++i)
    {
        bits |= static_cast<uint32_t>(flags[i]) << (16 - i);
    }
    bits |= p.reserved & 0x1f;
    w.WriteU8(static_cast<uint8_t>(bits >> 16));
    w.WriteU8(static_cast<uint8_t>(bits >> 8));
    w.WriteU8(static_cast<uint8_t>(bits));
    WriteLengthPrefixed(w, [&w, &p]() { WriteNestedChain(w, p.payloads); });
}

void
WriteBody(ByteWriter& w, const TicketPayload& p, WriteOmissions omit)
{
    WriteBody(w, p.policy, omit);
    w.WriteU16(static_cast<uint16_t>(p.ticketData.size()));
    w.WriteBytes(p.ticketData);
    if (omit.initiatorData)
    {
        return;
    }
    WriteLengthPrefixed(w, [&w, &p]() {
        if (!p.initiatorData.empty())
        {
            WriteNestedChain(w, p.initiatorData);
        }
    });
}

/** \return a KV data field: length (8 bits) and value. */
Result<Bytes>
ReadKvField(ByteReader& r, const char* field)
{
    if (auto s = Need(r, 1, "Key data", field); !s)
    {
        return s.GetError();
    }
    return ReadDeclared(r, r.ReadU8("Key data: KV length").Value(), "Key data", field);
}

Result<KeyDataPayload>
ReadKeyData(ByteReader& r)
{
    const char* name = "Key data";
    if (auto s = Need(r, 3, name, "Type/KV and Key data len"); !s)
    {
        return s.GetError();
    }
    KeyDataPayload k;
    uint8_t typeKv = r.ReadU8("Key data: Type/KV").Value();
    if ((typeKv >> 4) > static_cast<uint8_t>(KeyDataType::Mpk))
    {
        return PayloadError(Errc::Unsupported, name,
                            "Type " + std::to_string(typeKv >> 4) + " unknown");
    }
    if ((typeKv & 0x0f) > static_cast<uint8_t>(KeyValidity::Interval))
    {
        return PayloadError(Errc::Unsupported, name,
                            "KV " + std::to_string(typeKv & 0x0f) + " unknown");
    }
    k.type = static_cast<KeyDataType>(typeKv >> 4);
    k.validity = static_cast<KeyValidity>(typeKv & 0x0f);
    uint16_t keyLength = r.ReadU16("Key data: Key data len").Value();
    if (keyLength == 0)
    {
        return PayloadError(Errc::OutOfRange, name, "Key data len 0 (an empty key)");
    }
    auto key = ReadDeclared(r, keyLength, name, "Key data");
    if (!key)
    {
        return key.GetError();
    }
    k.key = std::move(key).Value();
    if (HasSalt(k.type))
    {
        if (auto s = Need(r, 2, name, "Salt len"); !s)
        {
            return s.GetError();
        }
        uint16_t saltLength = r.ReadU16("Key data: Salt len").Value();
        if (saltLength == 0)
        {
            return PayloadError(Errc::OutOfRange, name, "Salt len 0 (an empty salt)");
        }
        auto salt = ReadDeclared(r, saltLength, name, "Salt data");
        if (!salt)
        {
            return salt.GetError();
        }
        k.salt = std::move(salt).Value();
    }
    if (k.validity == KeyValidity::SpiMki)
    {
        auto spi = ReadKvField(r, "SPI");
        if (!spi)
        {
            return spi.GetError();
        }
        k.spi = std::move(spi).Value();
    }
    else if (k.validity == KeyValidity::Interval)
    {
        auto from = ReadKvField(r, "VF");
        if (!from)
        {
            return from.GetError();
        }
        k.validFrom = std::move(from).Value();
        auto to = ReadKvField(r, "VT");
        if (!to)
        {
            return to.GetError();
        }
        k.validTo = std::move(to).Value();
    }
    return k;
}

void
WriteKvField(ByteWriter& w, const Bytes& value)
{
    w.WriteU8(static_cast<uint8_t>(value.size()));
    w.WriteBytes(value);
}

} // namespace

const char*
PayloadTypeName(uint8_t type)
{
    switch (static_cast<PayloadType>(type))
    {
    case PayloadType::Last:
        return "Last payload";
    case PayloadType::Kemac:
        return "KEMAC";
    case PayloadType::Pke:
        return "PKE";
    case PayloadType::Dh:
        return "DH";
    case PayloadType::Sign:
        return "SIGN";
    case PayloadType::T:
        return "T";
    case PayloadType::Id:
        return "ID";
    case PayloadType::Cert:
        return "CERT";
    case PayloadType::Chash:
        return "CHASH";
    case PayloadType::V:
        return "V";
    case PayloadType::Sp:
        return "SP";
    case PayloadType::Rand:
        return "RAND";
    case PayloadType::Err:
        return "ERR";
    case PayloadType::Tr:
        return "TR";
    case PayloadType::Idr:
        return "IDR";
    case PayloadType::Randr:
        return "RANDR";
    case PayloadType::Tp:
        return "TP";
    case PayloadType::Ticket:
        return "TICKET";
    case PayloadType::KeyData:
        return "Key data";
    case PayloadType::GeneralExt:
        return "General Ext";
    case PayloadType::Sakke:
        return "SAKKE";
    }
    return "unknown";
}

size_t
MacLength(MacAlg alg)
{
    switch (alg)
    {
    case MacAlg::Null:
        return 0;
    case MacAlg::HmacSha1_160:
        return 20;
    case MacAlg::HmacSha256_256:
        return 32;
    }
    return 0;
}

size_t
TimestampLength(TsType type)
{
    return type == TsType::Counter || type == TsType::NtpUtc32 ? 4 : 8;
}

PayloadType
TypeOf(const Payload& payload)
{
    return static_cast<PayloadType>(TypeNumber(payload));
}

Result<ReadPayloadResult>
ReadPayload(ByteReader& reader, uint8_t type)
{
    if (!IsSupported(type))
    {
        return UnsupportedType(type);
    }
    const char* name = PayloadTypeName(type);
    if (auto s = Need(reader, 1, name, "next payload"); !s)
    {
        return s.GetError();
    }
    uint8_t next = reader.ReadU8("next payload").Value();
    auto body = ReadBody(reader, static_cast<PayloadType>(type),
                         next == static_cast<uint8_t>(PayloadType::Last));
    if (!body)
    {
        return body.GetError();
    }
    return ReadPayloadResult{std::move(body).Value(), next};
}

Result<std::vector<Payload>>
ReadPayloadChain(ByteReader& reader, uint8_t firstType, const char* where)
{
    std::vector<Payload> payloads;
    auto sink = [&payloads](Payload&& payload) { payloads.push_back(std::move(payload)); };
    if (auto s = ReadChain(reader, firstType, where, nullptr, sink); !s)
    {
        return s.GetError();
    }
    return payloads;
}

void
WritePayload(ByteWriter& writer, const Payload& payload, uint8_t nextPayload, WriteOmissions omit)
{
    writer.WriteU8(nextPayload);
    std::visit([&writer, omit](const auto& p) { WriteBody(writer, p, omit); }, payload);
}

Result<Bytes>
FormatTicketForMac(const TicketPayload& ticket, size_t macLength)
{
    if (ticket.ticketData.size() < macLength)
    {
        return MakeError(Errc::OutOfRange,
                         "TICKET: Ticket Data has " + std::to_string(ticket.ticketData.size()) +
                             " bytes, less than the " + std::to_string(macLength) + "-byte MAC");
    }
    ByteWriter w;
    WriteOmissions omit;
    omit.initiatorData = true;
    WriteBody(w, ticket, omit);
    Bytes out = w.Take();
    out.resize(out.size() - macLength);
    return out;
}

bool
HasSalt(KeyDataType type)
{
    return type == KeyDataType::TgkSalt || type == KeyDataType::TekSalt ||
           type == KeyDataType::GtgkSalt;
}

Result<std::vector<KeyDataPayload>>
ParseKeyDataList(const Bytes& plaintext)
{
    ByteReader r(plaintext);
    std::vector<KeyDataPayload> keys;
    uint8_t next = static_cast<uint8_t>(PayloadType::KeyData);
    while (next != static_cast<uint8_t>(PayloadType::Last))
    {
        if (next != static_cast<uint8_t>(PayloadType::KeyData))
        {
            return PayloadError(Errc::Unsupported, "Key data",
                                "next payload " + std::to_string(next) + " (" +
                                    PayloadTypeName(next) + ") is not Key data");
        }
        if (keys.size() == kMaxPayloads)
        {
            return PayloadError(Errc::TooLarge, "Key data",
                                "more than " + std::to_string(kMaxPayloads) + " keys");
        }
        if (auto s = Need(r, 1, "Key data", "next payload"); !s)
        {
            return s.GetError();
        }
        next = r.ReadU8("Key data: next payload").Value();
        auto key = ReadKeyData(r);
        if (!key)
        {
            return key.GetError();
        }
        keys.push_back(std::move(key).Value());
    }
    if (r.Remaining() != 0)
    {
        return PayloadError(Errc::BadLength, "Key data",
                            std::to_string(r.Remaining()) + " bytes after the last key");
    }
    return keys;
}

Bytes
FormatKeyDataList(const std::vector<KeyDataPayload>& keys)
{
    ByteWriter w;
    for (size_t i = 0; i < keys.size(); ++i)
    {
        const KeyDataPayload& k = keys[i];
        w.WriteU8(i + 1 < keys.size() ? static_cast<uint8_t>(PayloadType::KeyData) : 0);
        w.WriteU8(static_cast<uint8_t>(static_cast<uint8_t>(k.type) << 4 |
                                       (static_cast<uint8_t>(k.validity) & 0x0f)));
        w.WriteU16(static_cast<uint16_t>(k.key.size()));
        w.WriteBytes(k.key);
        if (HasSalt(k.type))
        {
            w.WriteU16(static_cast<uint16_t>(k.salt.size()));
            w.WriteBytes(k.salt);
        }
        if (k.validity == KeyValidity::SpiMki)
        {
            WriteKvField(w, k.spi);
        }
        else if (k.validity == KeyValidity::Interval)
        {
            WriteKvField(w, k.validFrom);
            WriteKvField(w, k.validTo);
        }
    }
    return w.Take();
}

bool
operator==(const KemacPayload& a, const KemacPayload& b)
{
    return a.encrAlg == b.encrAlg && a.encrData == b.encrData && a.macAlg == b.macAlg &&
           a.mac == b.mac;
}

bool
operator==(const TimestampPayload& a, const TimestampPayload& b)
{
    return a.tsType == b.tsType && a.value == b.value;
}

bool
operator==(const IdPayload& a, const IdPayload& b)
{
    return a.idType == b.idType && a.data == b.data;
}

bool
operator==(const VerificationPayload& a, const VerificationPayload& b)
{
    return a.macAlg == b.macAlg && a.mac == b.mac;
}

bool
operator==(const PolicyParam& a, const PolicyParam& b)
{
    return a.type == b.type && a.value == b.value;
}

bool
operator==(const SecurityPolicyPayload& a, const SecurityPolicyPayload& b)
{
    return a.policyNo == b.policyNo && a.protType == b.protType && a.params == b.params;
}

bool
operator==(const RandPayload& a, const RandPayload& b)
{
    return a.rand == b.rand;
}

bool
operator==(const ErrorPayload& a, const ErrorPayload& b)
{
    return a.errorNo == b.errorNo && a.reserved == b.reserved;
}

bool
operator==(const GeneralExtPayload& a, const GeneralExtPayload& b)
{
    return a.extType == b.extType && a.data == b.data;
}

bool
operator==(const TimestampRolePayload& a, const TimestampRolePayload& b)
{
    return a.role == b.role && a.tsType == b.tsType && a.value == b.value;
}

bool
operator==(const IdRolePayload& a, const IdRolePayload& b)
{
    return a.role == b.role && a.idType == b.idType && a.data == b.data;
}

bool
operator==(const RandRolePayload& a, const RandRolePayload& b)
{
    return a.role == b.role && a.rand == b.rand;
}

bool
operator==(const TicketFlags& a, const TicketFlags& b)
{
    return a.kmsGenerated == b.kmsGenerated && a.resolveMandatory == b.resolveMandatory &&
           a.responseRequired == b.responseRequired && a.responderRand == b.responderRand &&
           a.initiatorRandInTgk == b.initiatorRandInTgk && a.keyForking == b.keyForking &&
           a.reusable == b.reusable && a.kmsChanged == b.kmsChanged &&
           a.initiatorKeys == b.initiatorKeys && a.responderKeys == b.responderKeys &&
           a.initiatorCompliant == b.initiatorCompliant &&
           a.responderCompliant == b.responderCompliant;
}

bool
operator==(const TicketPolicyPayload& a, const TicketPolicyPayload& b)
{
    return a.ticketType == b.ticketType && a.subtype == b.subtype && a.version == b.version &&
           a.prfFunc == b.prfFunc && a.flags == b.flags && a.reserved == b.reserved &&
           a.payloads == b.payloads;
}

bool
operator==(const TicketPayload& a, const TicketPayload& b)
{
    return a.policy == b.policy && a.ticketData == b.ticketData &&
           a.initiatorData == b.initiatorData;
}

bool
operator==(const KeyDataPayload& a, const KeyDataPayload& b)
{
    return a.type == b.type && a.validity == b.validity && a.key == b.key && a.salt == b.salt &&
           a.spi == b.spi && a.validFrom == b.validFrom && a.validTo == b.validTo;
}

} // namespace mikey
} // namespace mediasec
