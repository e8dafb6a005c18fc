#include "ticket-messages.h"

#include "protocol/mikey/replay-cache.h"
#include "protocol/mikey/ticket-data.h"
#include "protocol/mikey/ticket-fields.h"

namespace mediasec
{
namespace kms
{

using mikey::DataType;
using mikey::IdRole;
using mikey::KeyDataType;
using mikey::MikeyMessage;
using mikey::RandRole;

Result<MikeyMessage>
ParseExpected(const Bytes& bytes, DataType type, const char* where)
{
    auto parsed = mikey::ParseMikeyMessage(bytes);
    if (!parsed)
    {
        return parsed.GetError();
    }
    if (auto err = ReceivedMikeyError(parsed.Value(), where))
    {
        return *err;
    }
    if (parsed.Value().header.dataType != type || parsed.Value().header.prfFunc != kProfilePrf)
    {
        return MakeError(Errc::Unsupported, std::string(where) + ": unexpected data type or PRF");
    }
    return parsed;
}

Status
CheckProfilePolicy(const mikey::TicketPolicyPayload& tp, const char* where)
{
    if (tp.ticketType != mikey::k3gppTicketType || tp.subtype != mikey::k3gppTicketSubtype ||
        tp.version != mikey::k3gppTicketVersion || tp.prfFunc != kProfilePrf)
    {
        return MakeError(Errc::Unsupported,
                         std::string(where) + ": not a 3GPP base ticket type 2/1/1");
    }
    if (auto s = mikey::ValidateTicketFlags(tp.flags); !s)
    {
        return s;
    }
    if (!tp.flags.keyForking || !tp.flags.resolveMandatory || !tp.flags.responseRequired)
    {
        return MakeError(Errc::Unsupported, std::string(where) + ": profile requires I, E, F");
    }
    return Ok{};
}

Status
CheckValidity(const mikey::TicketPolicyPayload& tp, int64_t nowNs, const char* where)
{
    const auto* trs = mikey::PolicyTimestamp(tp, mikey::TsRole::ValidityStart);
    const auto* tre = mikey::PolicyTimestamp(tp, mikey::TsRole::ValidityEnd);
    if ((trs != nullptr && nowNs < mikey::NsFromNtp(trs->value)) ||
        (tre != nullptr && nowNs > mikey::NsFromNtp(tre->value)))
    {
        return MakeError(Errc::OutOfRange, std::string(where) + ": ticket outside TRs..TRe");
    }
    return Ok{};
}

mikey::VerificationPayload
EmptyV()
{
    return mikey::VerificationPayload{kProfileMac, {}};
}

Bytes
Concat(const Bytes& a, const std::string& b)
{
    Bytes out = a;
    out.insert(out.end(), b.begin(), b.end());
    return out;
}

Error
Prefixed(const Error& error, const char* where)
{
    return MakeError(error.code, std::string(where) + ": " + error.detail);
}

Result<std::vector<mikey::KeyDataPayload>>
OpenKmsResponse(const MikeyMessage& m, const Bytes& psk, const Bytes& randRi, const Bytes& randRr,
                const Bytes& requestBytes, const mikey::TimestampPayload& t,
                const mikey::KemacPayload& kemac, const std::vector<KeyDataType>& expected,
                CryptoOps& ops, const char* where)
{
    auto keys = DeriveMessageKeys(psk, m.header.csbId, mikey::TicketMessageKind::Response, randRi,
                                  randRr, ops);
    if (!keys)
    {
        return keys.GetError();
    }
    if (auto s = VerifyMessage(m, keys.Value().authKey, requestBytes, ops); !s)
    {
        return Prefixed(s.GetError(), where);
    }
    auto keyData = OpenKeys(keys.Value(), m.header.csbId, t, kemac, ops);
    if (!keyData)
    {
        return Prefixed(keyData.GetError(), where);
    }
    const auto& k = keyData.Value();
    bool asExpected = k.size() == expected.size();
    for (size_t i = 0; asExpected && i < k.size(); ++i)
    {
        asExpected = k[i].type == expected[i];
    }
    if (!asExpected)
    {
        return MakeError(Errc::Malformed, std::string(where) + ": KEMAC holds other key types");
    }
    return keyData;
}

std::optional<Error>
ReceivedMikeyError(const MikeyMessage& message, const char* where)
{
    if (message.header.dataType != DataType::Error)
    {
        return std::nullopt;
    }
    const auto* err = mikey::FindPayload<mikey::ErrorPayload>(message);
    return MakeError(Errc::AuthFailed,
                     std::string(where) + ": peer sent MIKEY Error " +
                         (err ? std::to_string(static_cast<int>(err->errorNo)) : "(no ERR)"));
}

Result<MikeyMessage>
ParseResolveResp(const Bytes& message, std::optional<uint32_t>& refusedCsbId)
{
    auto parsed = ParseExpected(message, DataType::ResolveResp, "RESOLVE_RESP");
    if (!parsed)
    {
        auto header = mikey::ParseMikeyMessage(message);
        if (header && header.Value().header.dataType == DataType::Error)
        {
            refusedCsbId = header.Value().header.csbId;
        }
        return parsed.GetError();
    }
    const MikeyMessage& m = parsed.Value();
    if (mikey::FindPayload<mikey::TimestampPayload>(m) == nullptr ||
        mikey::FindPayload<mikey::KemacPayload>(m) == nullptr ||
        mikey::FindIdr(m, IdRole::Responder) == nullptr ||
        mikey::FindRandr(m, RandRole::Kms) == nullptr)
    {
        return MakeError(Errc::MissingField, "RESOLVE_RESP: needs T, KEMAC, IDRr, RANDRkms");
    }
    return parsed;
}

Result<std::vector<mikey::KeyDataPayload>>
OpenResolveResp(const MikeyMessage& m, const Bytes& psk, const Bytes& randRr,
                const Bytes& resolveBytes, const std::vector<KeyDataType>& expected, CryptoOps& ops)
{
    return OpenKmsResponse(
        m, psk, {}, randRr, resolveBytes, *mikey::FindPayload<mikey::TimestampPayload>(m),
        *mikey::FindPayload<mikey::KemacPayload>(m), expected, ops, "RESOLVE_RESP");
}

mikey::IdRolePayload
PskIdr(const UeCredentials& me)
{
    return mikey::IdRolePayload{IdRole::PreSharedKey, mikey::IdType::ByteString,
                                Bytes(me.btid.begin(), me.btid.end())};
}

Result<Bytes>
BuildResolveInit(const UeCredentials& me, uint32_t csbId, const mikey::TicketPayload& ticket,
                 const Bytes& randRr, const std::vector<mikey::Payload>& modifier, int64_t nowNs,
                 CryptoOps& ops)
{
    MikeyMessage r;
    r.header.dataType = DataType::ResolveInitPsk;
    r.header.verify = true;
    r.header.prfFunc = kProfilePrf;
    r.header.csbId = csbId;
    r.header.csIdMap = mikey::EmptyMap{0};
    r.payloads = {mikey::MakeNtpTimestamp(nowNs),
                  mikey::RandRolePayload{RandRole::Responder, randRr},
                  mikey::MakeIdr(IdRole::Responder, me.impu),
                  mikey::MakeIdr(IdRole::Kms, me.kmsUri),
                  ticket,
                  PskIdr(me)};
    r.payloads.insert(r.payloads.end(), modifier.begin(), modifier.end());
    r.payloads.push_back(EmptyV());
    auto keys = DeriveMessageAuthKey(me.psk, r.header.csbId, mikey::TicketMessageKind::Initial, {},
                                     randRr, ops);
    if (!keys)
    {
        return keys.GetError();
    }
    const Bytes extra = Concat(Bytes(me.impu.begin(), me.impu.end()), me.kmsUri);
    if (auto s = SignMessage(r, keys.Value(), extra, ops); !s)
    {
        return s.GetError();
    }
    return mikey::FormatMikeyMessage(r);
}

Status
VerifyTransferInit(const MikeyMessage& transfer, const Bytes& mpki, CryptoOps& ops)
{
    // The TRANSFER_INIT can now be verified with MPKi, and its V must be the ticket's Vi.
    const auto* idri = mikey::FindIdr(transfer, IdRole::Initiator);
    const auto* idrr = mikey::FindIdr(transfer, IdRole::Responder);
    const auto* randRi = mikey::FindRandr(transfer, RandRole::Initiator);
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(transfer);
    if (idri == nullptr || idrr == nullptr || randRi == nullptr || ticket == nullptr)
    {
        return MakeError(Errc::MissingField, "TRANSFER_INIT: needs RANDRi, IDRi, IDRr, TICKET");
    }
    auto tiKeys = DeriveMessageAuthKey(mpki, transfer.header.csbId,
                                       mikey::TicketMessageKind::Initial, randRi->rand, {}, ops);
    if (!tiKeys)
    {
        return tiKeys.GetError();
    }
    const Bytes extra = Concat(idri->data, mikey::IdText(*idrr));
    if (auto s = VerifyMessage(transfer, tiKeys.Value(), extra, ops); !s)
    {
        return Prefixed(s.GetError(), "TRANSFER_INIT");
    }
    const auto& v = std::get<mikey::VerificationPayload>(transfer.payloads.back());
    if (ticket->initiatorData.size() != 2 || !(ticket->initiatorData[0] == v))
    {
        return MakeError(Errc::AuthFailed,
                         "TRANSFER_INIT: V differs from the ticket's Vi (ticket replayed)");
    }
    return Ok();
}

} // namespace kms
} // namespace mediasec
