#include "ticket-crypto.h"

#include "protocol/common/byte-writer.h"
#include "protocol/mikey/kemac-crypto.h"
#include "protocol/mikey/ticket-data.h"
#include "protocol/mikey/ticket-fields.h"

#include <algorithm>
#include <functional>

namespace mediasec
{
namespace kms
{

CryptoOps&
CryptoOps::operator+=(const CryptoOps& other)
{
    prf += other.prf;
    mac += other.mac;
    cipher += other.cipher;
    random += other.random;
    return *this;
}

uint64_t
CryptoOps::Total() const
{
    return prf + mac + cipher + random;
}

namespace
{

/** \return the three keys of \p context from \p inkey (three PRF calls). */
Result<MessageKeys>
KeysFromContext(const Bytes& inkey, const mikey::MessageKeyLabelContext& context, CryptoOps& ops)
{
    ops.prf += 3;
    auto encr =
        mikey::DeriveEncrKey(kProfilePrf, inkey, context, mikey::KemacEncrKeyLength(kProfileEncr));
    auto salt = mikey::DeriveSaltKey(kProfilePrf, inkey, context, mikey::kKemacSaltKeyLength);
    auto auth = mikey::DeriveAuthKey(kProfilePrf, inkey, context, mikey::MacLength(kProfileMac));
    for (const auto* r : {&encr, &salt, &auth})
    {
        if (!*r)
        {
            return r->GetError();
        }
    }
    return MessageKeys{encr.Value(), salt.Value(), auth.Value()};
}

/** \return the cipher parameters of a KEMAC sealed with \p mk. */
mikey::KemacCipherParams
CipherParams(const MessageKeys& mk, uint32_t csbId, const mikey::TimestampPayload& t)
{
    return mikey::KemacCipherParams{kProfileEncr, mk.encrKey, mk.saltKey, csbId,
                                    mikey::KemacIvTimestamp(t.tsType, t.value)};
}

/** \return the MAC input of \p message: FormatForMac(message) || extra. */
Result<Bytes>
MacInput(const mikey::MikeyMessage& message, const Bytes& extra)
{
    auto covered = mikey::FormatForMac(message);
    if (!covered)
    {
        return covered.GetError();
    }
    Bytes input = std::move(covered).Value();
    input.insert(input.end(), extra.begin(), extra.end());
    return input;
}

} // namespace

Result<MessageKeys>
DeriveMessageKeys(const Bytes& inkey, uint32_t csbId, mikey::TicketMessageKind kind,
                  const Bytes& randRi, const Bytes& randRr, CryptoOps& ops)
{
    auto context = mikey::TicketMessageKeyContext(csbId, kind, randRi, randRr);
    if (!context)
    {
        return context.GetError();
    }
    return KeysFromContext(inkey, context.Value(), ops);
}

Result<Bytes>
DeriveMessageAuthKey(const Bytes& inkey, uint32_t csbId, mikey::TicketMessageKind kind,
                     const Bytes& randRi, const Bytes& randRr, CryptoOps& ops)
{
    auto context = mikey::TicketMessageKeyContext(csbId, kind, randRi, randRr);
    if (!context)
    {
        return context.GetError();
    }
    ++ops.prf;
    return mikey::DeriveAuthKey(kProfilePrf, inkey, context.Value(), mikey::MacLength(kProfileMac));
}

Result<MessageKeys>
DeriveTicketKeys(const Bytes& tpk, const Bytes& rand, CryptoOps& ops)
{
    auto context = mikey::TicketTpkContext(rand);
    if (!context)
    {
        return context.GetError();
    }
    return KeysFromContext(tpk, context.Value(), ops);
}

namespace
{

/** \brief CSB ID of the ticket KEMAC IV (RFC 6043 A.1). */
constexpr uint32_t kTicketCsbId = 0xFFFFFFFF;

} // namespace

Result<mikey::TicketPayload>
SealTicket(const Bytes& tpk, const mikey::TicketPolicyPayload& policy, const TicketSecrets& secrets,
           int64_t nowNs, const std::optional<mikey::IdRolePayload>& psk, CryptoOps& ops)
{
    mikey::ThreeGppTicketData data;
    data.issued = mikey::MakeNtpTimestamp(nowNs);
    data.rand.rand = secrets.rand;
    data.psk = psk;
    auto keys = DeriveTicketKeys(tpk, data.rand.rand, ops);
    if (!keys)
    {
        return keys.GetError();
    }
    auto sealed = SealKeys(keys.Value(), kTicketCsbId, data.issued,
                           {mikey::MakeKeyData(mikey::KeyDataType::Mpk, secrets.mpk),
                            mikey::MakeKeyData(mikey::KeyDataType::Tgk, secrets.tgk)},
                           ops);
    if (!sealed)
    {
        return sealed.GetError();
    }
    data.kemac = std::move(sealed).Value();
    data.mac = mikey::VerificationPayload{kProfileMac, Bytes(mikey::MacLength(kProfileMac), 0)};
    mikey::TicketPayload ticket;
    ticket.policy = policy;
    ticket.ticketData = mikey::FormatTicketData(data);
    auto macInput = mikey::FormatTicketForMac(ticket, mikey::MacLength(kProfileMac));
    if (!macInput)
    {
        return macInput.GetError();
    }
    ++ops.mac;
    const Bytes mac = mikey::ComputeMac(kProfileMac, keys.Value().authKey, macInput.Value());
    if (mac.empty())
    {
        return MakeError(Errc::CryptoFailure, "TICKET: MAC failed");
    }
    std::copy(mac.begin(), mac.end(), ticket.ticketData.end() - mac.size());
    return ticket;
}

Result<TicketSecrets>
OpenTicket(const Bytes& tpk, const mikey::TicketPayload& ticket,
           const mikey::ThreeGppTicketData& data, CryptoOps& ops)
{
    auto keys = DeriveTicketKeys(tpk, data.rand.rand, ops);
    auto macInput = mikey::FormatTicketForMac(ticket, mikey::MacLength(kProfileMac));
    if (!keys || !macInput)
    {
        return MakeError(Errc::Malformed, "TICKET: MAC input");
    }
    ++ops.mac;
    if (auto s =
            mikey::VerifyMac(kProfileMac, keys.Value().authKey, macInput.Value(), data.mac.mac);
        !s)
    {
        return MakeError(Errc::AuthFailed,
                         "TICKET: ticket MAC does not verify (" + s.GetError().detail + ")");
    }
    auto opened = OpenKeys(keys.Value(), kTicketCsbId, data.issued, data.kemac, ops);
    if (!opened || opened.Value().size() != 2 ||
        opened.Value()[0].type != mikey::KeyDataType::Mpk ||
        opened.Value()[1].type != mikey::KeyDataType::Tgk)
    {
        return MakeError(Errc::Malformed, "TICKET: KEMAC is not MPK, TGK");
    }
    return TicketSecrets{opened.Value()[0].key, opened.Value()[1].key, data.rand.rand};
}

Result<TicketMasterKeys>
DeriveTicketMasterKeys(const Bytes& mpk, const Bytes& rand, CryptoOps& ops)
{
    ops.prf += 2;
    auto mpki = mikey::DeriveMpki(kProfilePrf, mpk, rand);
    auto mpkr = mikey::DeriveMpkr(kProfilePrf, mpk, rand);
    if (!mpki || !mpkr)
    {
        return !mpki ? mpki.GetError() : mpkr.GetError();
    }
    return TicketMasterKeys{mpki.Value(), mpkr.Value()};
}

Result<mikey::KemacPayload>
SealKeys(const MessageKeys& mk, uint32_t csbId, const mikey::TimestampPayload& t,
         const std::vector<mikey::KeyDataPayload>& keys, CryptoOps& ops)
{
    ++ops.cipher;
    auto encr = mikey::KemacEncrypt(CipherParams(mk, csbId, t), mikey::FormatKeyDataList(keys));
    if (!encr)
    {
        return encr.GetError();
    }
    return mikey::KemacPayload{kProfileEncr, std::move(encr).Value(), mikey::MacAlg::Null, {}};
}

Result<std::vector<mikey::KeyDataPayload>>
OpenKeys(const MessageKeys& mk, uint32_t csbId, const mikey::TimestampPayload& t,
         const mikey::KemacPayload& kemac, CryptoOps& ops)
{
    if (kemac.encrAlg != kProfileEncr || kemac.macAlg != mikey::MacAlg::Null)
    {
        return MakeError(Errc::Unsupported, "KEMAC: profile requires AES-CM-256 and NULL MAC");
    }
    ++ops.cipher;
    auto plain = mikey::KemacDecrypt(CipherParams(mk, csbId, t), kemac.encrData);
    if (!plain)
    {
        return plain.GetError();
    }
    return mikey::ParseKeyDataList(plain.Value());
}

Status
SignMessage(mikey::MikeyMessage& message, const Bytes& authKey, const Bytes& extra, CryptoOps& ops)
{
    if (message.payloads.empty() ||
        !std::holds_alternative<mikey::VerificationPayload>(message.payloads.back()))
    {
        return MakeError(Errc::MissingField, "V: not the last payload");
    }
    auto input = MacInput(message, extra);
    if (!input)
    {
        return input.GetError();
    }
    ++ops.mac;
    Bytes mac = mikey::ComputeMac(kProfileMac, authKey, input.Value());
    if (mac.empty())
    {
        return MakeError(Errc::CryptoFailure, "V: HMAC failed");
    }
    auto& v = std::get<mikey::VerificationPayload>(message.payloads.back());
    v.macAlg = kProfileMac;
    v.mac = std::move(mac);
    return Ok{};
}

Status
VerifyMessage(const mikey::MikeyMessage& message, const Bytes& authKey, const Bytes& extra,
              CryptoOps& ops)
{
    const auto* v = message.payloads.empty()
                        ? nullptr
                        : std::get_if<mikey::VerificationPayload>(&message.payloads.back());
    if (v == nullptr)
    {
        return MakeError(Errc::MissingField, "V: not the last payload");
    }
    if (v->macAlg != kProfileMac)
    {
        return MakeError(Errc::Unsupported, "V: profile requires HMAC-SHA-256-256");
    }
    auto input = MacInput(message, extra);
    if (!input)
    {
        return input.GetError();
    }
    ++ops.mac;
    return mikey::VerifyMac(kProfileMac, authKey, input.Value(), v->mac);
}

Result<Bytes>
ComputeInitiatorDataMac(const Bytes& mpkr, const mikey::VerificationPayload& vi, CryptoOps& ops)
{
    ++ops.prf;
    auto key = mikey::DeriveAuthKey(kProfilePrf, mpkr, mikey::TicketInitiatorDataContext(),
                                    mikey::MacLength(kProfileMac));
    if (!key)
    {
        return key.GetError();
    }
    ByteWriter w;
    w.WriteU8(static_cast<uint8_t>(mikey::PayloadType::V));
    mikey::WritePayload(w, vi, static_cast<uint8_t>(mikey::PayloadType::V));
    mikey::WritePayload(w, mikey::VerificationPayload{kProfileMac, {}},
                        static_cast<uint8_t>(mikey::PayloadType::Last), {true, false});
    ++ops.mac;
    Bytes mac = mikey::ComputeMac(kProfileMac, key.Value(), w.View());
    if (mac.empty())
    {
        return MakeError(Errc::CryptoFailure, "Initiator Data: HMAC failed");
    }
    return mac;
}

namespace
{

/** \return TEK and salt of CS 1 and CS 2 from \p inkey, each with the label \p contextOf gives */
Result<SrtpSessionKeys>
DeriveBothCryptoSessions(const Bytes& inkey,
                         const std::function<Result<mikey::TgkLabelContext>(uint8_t)>& contextOf,
                         CryptoOps& ops)
{
    SrtpSessionKeys keys;
    for (uint8_t csId : {kCsIdInitiatorToResponder, kCsIdResponderToInitiator})
    {
        auto context = contextOf(csId);
        if (!context)
        {
            return context.GetError();
        }
        ops.prf += 2;
        auto tek = mikey::DeriveTek(kProfilePrf, inkey, context.Value(),
                                    SrtpMasterKeyLength(keys.suite));
        auto salt = mikey::DeriveSalt(kProfilePrf, inkey, context.Value(),
                                      SrtpMasterSaltLength(keys.suite));
        if (!tek || !salt)
        {
            return !tek ? tek.GetError() : salt.GetError();
        }
        SrtpMasterKey& out = csId == kCsIdInitiatorToResponder ? keys.initiatorToResponder
                                                               : keys.responderToInitiator;
        out = SrtpMasterKey{tek.Value(), salt.Value()};
    }
    return keys;
}

} // namespace

Result<SrtpSessionKeys>
DeriveSrtpKeys(const Bytes& forkedTgk, const Bytes& randRi, const Bytes& randRr, CryptoOps& ops)
{
    return DeriveBothCryptoSessions(
        forkedTgk,
        [&](uint8_t csId) { return mikey::TicketTgkContext(csId, randRi, randRr); },
        ops);
}

Result<SrtpSessionKeys>
DeriveDeferredSrtpKeys(const Bytes& mpki, uint32_t csbId, const Bytes& randRi, CryptoOps& ops)
{
    return DeriveBothCryptoSessions(
        mpki,
        [&](uint8_t csId) -> Result<mikey::TgkLabelContext> {
            return mikey::Rfc3830TgkContext(csId, csbId, randRi);
        },
        ops);
}

mikey::TicketPolicyPayload
ProfileTicketPolicy(bool reusable)
{
    mikey::TicketPolicyPayload tp;
    tp.ticketType = mikey::k3gppTicketType;
    tp.subtype = mikey::k3gppTicketSubtype;
    tp.version = mikey::k3gppTicketVersion;
    tp.prfFunc = kProfilePrf;
    mikey::TicketFlags& f = tp.flags;
    f.kmsGenerated = f.resolveMandatory = f.responseRequired = f.responderRand = true;
    f.initiatorRandInTgk = f.keyForking = f.initiatorCompliant = f.responderCompliant = true;
    f.reusable = reusable;
    return tp;
}

void
AddPolicyIdentities(mikey::TicketPolicyPayload& tp, mikey::IdRole role,
                    const std::vector<std::string>& identities)
{
    for (const std::string& id : identities)
    {
        tp.payloads.push_back(mikey::MakeIdr(role, id));
    }
}

} // namespace kms
} // namespace mediasec
