#include "kms-core.h"

#include "kms-identity.h"
#include "protocol/crypto/hmac.h"
#include "protocol/mikey/kemac-crypto.h"
#include "protocol/mikey/ticket-data.h"
#include "protocol/mikey/ticket-fields.h"

#include <algorithm>
#include <utility>

namespace mediasec
{
namespace kms
{

using mikey::DataType;
using mikey::IdRole;
using mikey::KeyDataPayload;
using mikey::KeyDataType;
using mikey::MikeyMessage;
using mikey::RandRole;

namespace
{

/** \return \p text as bytes. */
Bytes
TextBytes(const std::string& text)
{
    return Bytes(text.begin(), text.end());
}

/** \return true when \p claimed is one of the user's identities (as KMS user identities). */
bool
OwnsIdentity(const KmsUser& user, const std::string& claimed)
{
    const std::string wanted = KmsUserIdentity(claimed);
    for (const std::string& id : user.identities)
    {
        if (KmsUserIdentity(id) == wanted)
        {
            return true;
        }
    }
    return false;
}

/** \return true when \p identity matches one of \p recipients. */
bool
IsRecipient(const std::vector<std::string>& recipients, const std::string& identity)
{
    for (const std::string& r : recipients)
    {
        if (MatchesRecipient(r, identity))
        {
            return true;
        }
    }
    return false;
}

/** \return why \p recipients break \p policy (none, or a group when groups are off), or nullopt */
std::optional<Error>
RecipientsPolicyError(const std::vector<std::string>& recipients, const KmsPolicy& policy)
{
    if (recipients.empty())
    {
        return MakeError(Errc::MissingField, "TP: no IDRr recipient");
    }
    for (const std::string& r : recipients)
    {
        if (IsGroupIdentity(KmsUserIdentity(r)) && !policy.allowGroupTickets)
        {
            return MakeError(Errc::Unsupported, "TP: group recipient " + r + " not allowed");
        }
    }
    return std::nullopt;
}

/** \return the response HDR for \p request with data type \p type. */
mikey::MikeyHeader
ResponseHeader(const mikey::MikeyHeader& request, DataType type)
{
    mikey::MikeyHeader h = request;
    h.dataType = type;
    h.verify = false;
    return h;
}

} // namespace

const char*
RefusalName(Refusal refusal)
{
    switch (refusal)
    {
    case Refusal::Malformed:
        return "malformed";
    case Refusal::UnknownUser:
        return "unknown-user";
    case Refusal::AuthFailed:
        return "auth-failed";
    case Refusal::Replay:
        return "replay";
    case Refusal::IdentityNotOwned:
        return "identity-not-owned";
    case Refusal::InvalidTicket:
        return "invalid-ticket";
    case Refusal::TicketExpired:
        return "ticket-expired";
    case Refusal::NotRecipient:
        return "not-recipient";
    case Refusal::PolicyDenied:
        return "policy-denied";
    case Refusal::Internal:
        return "internal";
    case Refusal::NotAuthorizedFunction:
        return "not-authorized-function";
    case Refusal::UnknownIssuer:
        return "unknown-issuer";
    case Refusal::ZkRefused:
        return "zk-refused";
    case Refusal::ZkLinkFailed:
        return "zk-link-failed";
    }
    return "unknown";
}

mikey::ErrorNo
RefusalErrorNo(Refusal refusal)
{
    switch (refusal)
    {
    case Refusal::UnknownUser:
    case Refusal::AuthFailed:
    case Refusal::NotRecipient:
    case Refusal::NotAuthorizedFunction:
    case Refusal::ZkLinkFailed:
        return mikey::ErrorNo::AuthFailure;
    case Refusal::Replay:
        return mikey::ErrorNo::InvalidTs;
    case Refusal::IdentityNotOwned:
        return mikey::ErrorNo::InvalidId;
    case Refusal::InvalidTicket:
    case Refusal::TicketExpired:
    case Refusal::UnknownIssuer:
        return mikey::ErrorNo::InvalidTicket;
    case Refusal::PolicyDenied:
        return mikey::ErrorNo::InvalidTpPar;
    case Refusal::Malformed:
    case Refusal::Internal:
    case Refusal::ZkRefused:
        break;
    }
    return mikey::ErrorNo::Unspecified;
}

KmsCore::KmsCore(std::string kmsUri, UserLookup users, Drbg drbg, KmsPolicy policy)
    : m_kmsUri(std::move(kmsUri))
    , m_users(std::move(users))
    , m_drbg(std::move(drbg))
    , m_policy(policy)
    , m_tpk(DrawTicketProtectionKey(m_drbg))
    , m_replay(policy.replaySkewNs, policy.replayCacheEntries)
{
}

KmsCore::KmsCore(std::string kmsUri, UserLookup users, Drbg secretDrbg, Drbg freshDrbg,
                 KmsPolicy policy)
    : m_kmsUri(std::move(kmsUri))
    , m_users(std::move(users))
    , m_drbg(std::move(freshDrbg))
    , m_policy(policy)
    , m_tpk(DrawTicketProtectionKey(secretDrbg))
    , m_replay(policy.replaySkewNs, policy.replayCacheEntries)
{
}

Bytes
KmsCore::DrawTicketProtectionKey(Drbg& secretDrbg)
{
    return secretDrbg.Generate(kProfileKeyLength);
}

const KmsStats&
KmsCore::Stats() const
{
    return m_stats;
}

const std::string&
KmsCore::Identity() const
{
    return m_kmsUri;
}

Bytes
KmsCore::Random(size_t n, CryptoOps& ops)
{
    ++ops.random;
    return m_drbg.Generate(n);
}

KmsReply
KmsCore::HandleRequestInit(const Bytes& message, int64_t nowNs)
{
    return Handle(message, DataType::RequestInitPsk, nowNs, &KmsCore::IssueTicket,
                  m_stats.ticketsIssued);
}

KmsReply
KmsCore::HandleResolveInit(const Bytes& message, int64_t nowNs)
{
    ResolveStep step = BeginResolve(message, nowNs);
    if (step.reply)
    {
        return std::move(*step.reply);
    }
    return FinishRelayedResolve(
        step.relay->id, MakeError(Errc::Unsupported, "no Zk transport for this Resolve"), nowNs);
}

KmsReply
KmsCore::Handle(const Bytes& message, DataType type, int64_t nowNs, Step step, uint64_t& served)
{
    CryptoOps ops;
    Authenticated req;
    std::optional<Bytes> errorKey;
    if (auto refused = Admit(message, type, nowNs, ops, req, errorKey))
    {
        return std::move(*refused);
    }
    Failure fail{Refusal::Internal, MakeError(Errc::InvalidState, "")};
    auto response = (this->*step)(req, message, nowNs, ops, fail);
    return Complete(std::move(response), fail, req.message, errorKey, nowNs, ops, served);
}

std::optional<KmsReply>
KmsCore::Admit(const Bytes& message, DataType type, int64_t nowNs, CryptoOps& ops,
               Authenticated& req, std::optional<Bytes>& errorKey)
{
    Failure fail{Refusal::Internal, MakeError(Errc::InvalidState, "")};
    if (Authenticate(message, type, nowNs, ops, req, errorKey, fail))
    {
        return std::nullopt;
    }
    return Refuse(fail, req.message.payloads.empty() ? nullptr : &req.message, errorKey, nowNs,
                  ops);
}

KmsReply
KmsCore::Complete(std::optional<Grant> response, const Failure& fail, const MikeyMessage& request,
                  const std::optional<Bytes>& errorKey, int64_t nowNs, CryptoOps ops,
                  uint64_t& served)
{
    if (!response)
    {
        return Refuse(fail, &request, errorKey, nowNs, ops);
    }
    ++served;
    m_stats.ops += ops;
    return KmsReply{std::move(response->message), std::nullopt, std::nullopt, ops,
                    std::move(response->mediaRootKeys)};
}

bool
KmsCore::Authenticate(const Bytes& bytes, DataType type, int64_t nowNs, CryptoOps& ops,
                      Authenticated& out, std::optional<Bytes>& errorAuthKey, Failure& fail)
{
    auto parsed = mikey::ParseMikeyMessage(bytes);
    if (!parsed)
    {
        fail = {Refusal::Malformed, parsed.GetError()};
        return false;
    }
    out.message = std::move(parsed).Value();
    const MikeyMessage& m = out.message;
    const bool isRequest = type == DataType::RequestInitPsk;
    const char* name = isRequest ? "REQUEST_INIT" : "RESOLVE_INIT";
    const auto* t = mikey::FindPayload<mikey::TimestampPayload>(m);
    const auto* rand = mikey::FindRandr(m, isRequest ? RandRole::Initiator : RandRole::Responder);
    const auto* id = mikey::FindIdr(m, isRequest ? IdRole::Initiator : IdRole::Responder);
    const auto* psk = mikey::FindIdr(m, IdRole::PreSharedKey);
    if (m.header.dataType != type || m.header.prfFunc != kProfilePrf || t == nullptr ||
        rand == nullptr || id == nullptr || psk == nullptr ||
        (t->tsType != mikey::TsType::NtpUtc && t->tsType != mikey::TsType::Ntp))
    {
        fail = {Refusal::Malformed,
                MakeError(Errc::MissingField, std::string(name) +
                                                  ": needs the profile PRF, an NTP T, RANDR, IDR "
                                                  "of the sender and IDRpsk")};
        return false;
    }
    const std::string btid = mikey::IdText(*psk);
    auto user = m_users(btid);
    if (!user)
    {
        fail = {Refusal::UnknownUser,
                MakeError(Errc::AuthFailed, std::string(name) + ": IDRpsk: unknown B-TID " + btid +
                                                " (" + user.GetError().detail + ")")};
        return false;
    }
    out.user = std::move(user).Value();
    out.rand = rand->rand;
    out.identity = mikey::IdText(*id);
    auto keys = isRequest
                    ? DeriveMessageAuthKey(out.user.psk, m.header.csbId,
                                           mikey::TicketMessageKind::Initial, out.rand, {}, ops)
                    : DeriveMessageAuthKey(out.user.psk, m.header.csbId,
                                           mikey::TicketMessageKind::Initial, {}, out.rand, ops);
    if (!keys)
    {
        fail = {Refusal::Internal, keys.GetError()};
        return false;
    }
    Bytes extra = id->data;
    extra.insert(extra.end(), m_kmsUri.begin(), m_kmsUri.end());
    if (auto s = VerifyMessage(m, keys.Value(), extra, ops); !s)
    {
        fail = {Refusal::AuthFailed,
                MakeError(s.GetError().code, std::string(name) + ": " + s.GetError().detail)};
        return false;
    }
    errorAuthKey = keys.Value();
    if (auto s = m_replay.Check(t->value, out.rand, btid, nowNs); !s)
    {
        fail = {Refusal::Replay,
                MakeError(s.GetError().code, std::string(name) + ": " + s.GetError().detail)};
        return false;
    }
    if (!OwnsIdentity(out.user, out.identity))
    {
        fail = {Refusal::IdentityNotOwned,
                MakeError(Errc::AuthFailed, std::string(name) + ": identity " + out.identity +
                                                " is not a KMS user identity of " + btid)};
        return false;
    }
    return true;
}

std::optional<KmsCore::Grant>
KmsCore::IssueTicket(const Authenticated& req, const Bytes& requestBytes, int64_t nowNs,
                     CryptoOps& ops, Failure& fail)
{
    const auto* tp = mikey::FindPayload<mikey::TicketPolicyPayload>(req.message);
    if (tp == nullptr)
    {
        fail = {Refusal::Malformed, MakeError(Errc::MissingField, "REQUEST_INIT: no TP")};
        return std::nullopt;
    }
    if (tp->ticketType != mikey::k3gppTicketType)
    {
        fail = {Refusal::InvalidTicket,
                MakeError(Errc::Unsupported, "TP: Ticket Type " + std::to_string(tp->ticketType) +
                                                 " (only 2, 3GPP base ticket)")};
        return std::nullopt;
    }
    const std::vector<std::string> recipients = mikey::PolicyIdentities(*tp, IdRole::Responder);
    if (auto denied = RecipientsPolicyError(recipients, m_policy))
    {
        fail = {Refusal::PolicyDenied, *denied};
        return std::nullopt;
    }
    mikey::TicketPolicyPayload granted =
        ProfileTicketPolicy(tp->flags.reusable && m_policy.allowReuse);
    mikey::TicketFlags& f = granted.flags;
    mikey::TicketFlags asked = tp->flags;
    asked.kmsChanged = false;
    f.kmsChanged = !(asked == f) || tp->subtype != granted.subtype ||
                   tp->version != granted.version || tp->prfFunc != granted.prfFunc;
    granted.payloads.push_back(mikey::MakeIdr(IdRole::Kms, m_kmsUri));
    granted.payloads.push_back(mikey::MakeIdr(IdRole::Initiator, req.identity));
    granted.payloads.push_back(mikey::MakeNtpTimestampRole(mikey::TsRole::ValidityStart, nowNs));
    granted.payloads.push_back(
        mikey::MakeNtpTimestampRole(mikey::TsRole::ValidityEnd, nowNs + m_policy.ticketLifetimeNs));
    AddPolicyIdentities(granted, IdRole::Application,
                        mikey::PolicyIdentities(*tp, IdRole::Application));
    AddPolicyIdentities(granted, IdRole::Responder, recipients);

    TicketSecrets secrets;
    secrets.mpk = Random(kProfileKeyLength, ops);
    secrets.tgk = Random(kProfileKeyLength, ops);
    secrets.rand = Random(kProfileRandLength, ops);
    auto ticket = SealTicket(m_tpk, granted, secrets, nowNs, std::nullopt, ops);
    if (!ticket)
    {
        fail = {Refusal::Internal, ticket.GetError()};
        return std::nullopt;
    }
    auto master = DeriveTicketMasterKeys(secrets.mpk, secrets.rand, ops);
    auto respKeys = DeriveMessageKeys(req.user.psk, req.message.header.csbId,
                                      mikey::TicketMessageKind::Response, req.rand, {}, ops);
    if (!master || !respKeys)
    {
        fail = {Refusal::Internal, MakeError(Errc::CryptoFailure, "REQUEST_RESP: key derivation")};
        return std::nullopt;
    }
    MikeyMessage resp;
    resp.header = ResponseHeader(req.message.header, DataType::RequestResp);
    const mikey::TimestampPayload t = mikey::MakeNtpTimestamp(nowNs);
    auto kemac = SealKeys(respKeys.Value(), resp.header.csbId, t,
                          {mikey::MakeKeyData(KeyDataType::Mpk, master.Value().mpki),
                           mikey::MakeKeyData(KeyDataType::Mpk, master.Value().mpkr),
                           mikey::MakeKeyData(KeyDataType::Tgk, secrets.tgk)},
                          ops);
    if (!kemac)
    {
        fail = {Refusal::Internal, kemac.GetError()};
        return std::nullopt;
    }
    resp.payloads = {t, mikey::MakeIdr(IdRole::Kms, m_kmsUri), std::move(ticket).Value(),
                     std::move(kemac).Value(), mikey::VerificationPayload{kProfileMac, {}}};
    if (auto s = SignMessage(resp, respKeys.Value().authKey, requestBytes, ops); !s)
    {
        fail = {Refusal::Internal, s.GetError()};
        return std::nullopt;
    }
    return Grant{mikey::FormatMikeyMessage(resp), {master.Value().mpki}};
}

std::optional<KmsUser>
KmsCore::InitiatorTicketUser(const mikey::ThreeGppTicketData& data, Failure& fail)
{
    if (!m_policy.allowInitiatorTickets)
    {
        fail = {Refusal::PolicyDenied,
                MakeError(Errc::Unsupported, "TP: initiator-made tickets (D=0) not allowed")};
        return std::nullopt;
    }
    if (!data.psk)
    {
        fail = {Refusal::InvalidTicket,
                MakeError(Errc::MissingField, "TICKET: a D=0 ticket needs IDRpsk in Ticket Data")};
        return std::nullopt;
    }
    auto user = m_users(mikey::IdText(*data.psk));
    if (!user)
    {
        fail = {Refusal::InvalidTicket,
                MakeError(Errc::AuthFailed,
                          "TICKET: IDRpsk names no known B-TID (" + user.GetError().detail + ")")};
        return std::nullopt;
    }
    return std::move(user).Value();
}

std::optional<KmsCore::Failure>
KmsCore::CheckInitiatorTicket(const mikey::TicketPolicyPayload& tp, const KmsUser& initiator) const
{
    const auto initiators = mikey::PolicyIdentities(tp, IdRole::Initiator);
    if (initiators.size() != 1 || !OwnsIdentity(initiator, initiators.front()))
    {
        return Failure{Refusal::IdentityNotOwned,
                       MakeError(Errc::AuthFailed, "TICKET: the D=0 ticket's IDRi is not an "
                                                   "identity of the B-TID in IDRpsk")};
    }
    const auto kms = mikey::PolicyIdentities(tp, IdRole::Kms);
    const auto* trs = mikey::PolicyTimestamp(tp, mikey::TsRole::ValidityStart);
    const auto* tre = mikey::PolicyTimestamp(tp, mikey::TsRole::ValidityEnd);
    if (kms.size() != 1 || kms.front() != m_kmsUri || trs == nullptr || tre == nullptr ||
        mikey::NsFromNtp(tre->value) - mikey::NsFromNtp(trs->value) > m_policy.ticketLifetimeNs)
    {
        return Failure{Refusal::PolicyDenied,
                       MakeError(Errc::OutOfRange, "TP: a D=0 ticket needs this IDRkms and "
                                                   "TRs..TRe within the KMS ticket lifetime")};
    }
    if (tp.flags.reusable && !m_policy.allowReuse)
    {
        return Failure{Refusal::PolicyDenied,
                       MakeError(Errc::Unsupported, "TP: reusable tickets (J=1) not allowed")};
    }
    if (auto denied =
            RecipientsPolicyError(mikey::PolicyIdentities(tp, IdRole::Responder), m_policy))
    {
        return Failure{Refusal::PolicyDenied, *denied};
    }
    return std::nullopt;
}

std::optional<KmsCore::OpenedTicket>
KmsCore::OpenResolvedTicket(const mikey::TicketPayload& ticket, int64_t nowNs, CryptoOps& ops,
                            Failure& fail)
{
    auto refuse = [&fail](Refusal r, Errc code, const std::string& detail) {
        fail = {r, MakeError(code, detail)};
        return std::nullopt;
    };
    const mikey::TicketPolicyPayload& tp = ticket.policy;
    if (tp.ticketType != mikey::k3gppTicketType || tp.subtype != mikey::k3gppTicketSubtype ||
        tp.version != mikey::k3gppTicketVersion || tp.prfFunc != kProfilePrf)
    {
        return refuse(Refusal::InvalidTicket, Errc::Unsupported,
                      "TICKET: not a 3GPP base ticket type 2 subtype 1 version 1");
    }
    auto data = mikey::ParseTicketData(ticket.ticketData);
    if (!data || data.Value().mac.macAlg != kProfileMac)
    {
        return refuse(Refusal::InvalidTicket, Errc::Malformed,
                      "TICKET: Ticket Data " +
                          (data ? std::string("MAC alg") : data.GetError().ToString()));
    }
    // D=1: the KMS's own TPK; D=0: the Ks_NAF of the initiator named by IDRpsk (mode 3).
    std::optional<KmsUser> initiator;
    if (!tp.flags.kmsGenerated && !(initiator = InitiatorTicketUser(data.Value(), fail)))
    {
        return std::nullopt;
    }
    auto secrets = OpenTicket(initiator ? initiator->psk : m_tpk, ticket, data.Value(), ops);
    if (!secrets)
    {
        return refuse(Refusal::InvalidTicket, secrets.GetError().code, secrets.GetError().detail);
    }
    if (auto s = mikey::ValidateTicketFlags(tp.flags); !s || !tp.flags.keyForking)
    {
        return refuse(Refusal::PolicyDenied, Errc::Unsupported,
                      s ? "TP: profile requires I=1" : s.GetError().detail);
    }
    if (initiator)
    {
        if (auto denied = CheckInitiatorTicket(tp, *initiator))
        {
            fail = *denied;
            return std::nullopt;
        }
    }
    const auto* trs = mikey::PolicyTimestamp(tp, mikey::TsRole::ValidityStart);
    const auto* tre = mikey::PolicyTimestamp(tp, mikey::TsRole::ValidityEnd);
    if ((trs != nullptr && nowNs < mikey::NsFromNtp(trs->value)) ||
        (tre != nullptr && nowNs > mikey::NsFromNtp(tre->value)))
    {
        return refuse(Refusal::TicketExpired, Errc::OutOfRange,
                      "TICKET: outside its validity TRs..TRe");
    }
    auto master = DeriveTicketMasterKeys(secrets.Value().mpk, secrets.Value().rand, ops);
    if (!master)
    {
        return refuse(Refusal::Internal, Errc::CryptoFailure, "TICKET: MPKi/MPKr");
    }
    if (ticket.initiatorData.size() != 2)
    {
        return refuse(Refusal::InvalidTicket, Errc::MissingField,
                      "TICKET: I=1 requires Initiator Data Vi, Vr");
    }
    auto vr = ComputeInitiatorDataMac(master.Value().mpkr, ticket.initiatorData[0], ops);
    if (!vr || !ConstantTimeEqual(vr.Value(), ticket.initiatorData[1].mac))
    {
        return refuse(Refusal::InvalidTicket, Errc::AuthFailed,
                      "TICKET: Initiator Data Vr does not verify");
    }
    return OpenedTicket{std::move(secrets).Value(), std::move(master).Value()};
}

std::optional<KmsCore::ForkTarget>
KmsCore::ChooseForkTarget(const Authenticated& req, const mikey::TicketPolicyPayload& tp,
                          CryptoOps& ops, Failure& fail)
{
    auto refuse = [&fail](Refusal r, Errc code, const std::string& detail) {
        fail = {r, MakeError(code, detail)};
        return std::nullopt;
    };
    const std::vector<std::string> recipients = mikey::PolicyIdentities(tp, IdRole::Responder);
    const auto* modifierRand = mikey::FindRandr(req.message, RandRole::Kms);
    if (modifierRand == nullptr)
    {
        // TS 33.328 6.2.3.5: at least one identity of the user must be an allowed recipient;
        // the one carried in the request is preferred.
        std::optional<std::string> chosen;
        if (IsRecipient(recipients, req.identity))
        {
            chosen = req.identity;
        }
        for (size_t i = 0; !chosen && i < req.user.identities.size(); ++i)
        {
            if (IsRecipient(recipients, req.user.identities[i]))
            {
                chosen = req.user.identities[i];
            }
        }
        if (!chosen)
        {
            return refuse(Refusal::NotRecipient, Errc::AuthFailed,
                          "RESOLVE_INIT: no identity of " + req.identity +
                              "'s user is an allowed recipient of the ticket");
        }
        return ForkTarget{*chosen, Random(kProfileRandLength, ops), false};
    }
    // A network function asks for the keys the KMS forked for the answering endpoint, whose
    // modifier (IDRr, RANDRkms) it copied from the TRANSFER_RESP.
    if (!IsRecipient(m_policy.networkFunctions, req.identity))
    {
        return refuse(Refusal::NotAuthorizedFunction, Errc::AuthFailed,
                      "RESOLVE_INIT: " + req.identity + " is not an authorized network function");
    }
    if (!IsRecipient(mikey::PolicyIdentities(tp, IdRole::Application), req.identity))
    {
        return refuse(Refusal::NotRecipient, Errc::AuthFailed,
                      "RESOLVE_INIT: the ticket names no IDRapp matching network function " +
                          req.identity);
    }
    const mikey::IdRolePayload* answering = nullptr;
    for (const auto& p : req.message.payloads)
    {
        const auto* idr = std::get_if<mikey::IdRolePayload>(&p);
        if (idr != nullptr && idr->role == IdRole::Responder && mikey::IdText(*idr) != req.identity)
        {
            answering = idr;
        }
    }
    if (answering == nullptr || !IsRecipient(recipients, mikey::IdText(*answering)))
    {
        return refuse(Refusal::NotRecipient, Errc::AuthFailed,
                      "RESOLVE_INIT: the answering endpoint's IDRr is not an allowed recipient");
    }
    return ForkTarget{mikey::IdText(*answering), modifierRand->rand, true};
}

std::optional<KmsCore::ForkedKeys>
KmsCore::OpenAndFork(const Authenticated& req, const mikey::TicketPayload& ticket, int64_t nowNs,
                     CryptoOps& ops, Failure& fail)
{
    auto opened = OpenResolvedTicket(ticket, nowNs, ops, fail);
    if (!opened)
    {
        return std::nullopt;
    }
    auto target = ChooseForkTarget(req, ticket.policy, ops, fail);
    if (!target)
    {
        return std::nullopt;
    }
    const Bytes idData = TextBytes(target->identity);
    ops.prf += 2;
    auto forkedMpkr =
        mikey::DeriveForkedMpkr(kProfilePrf, opened->master.mpkr, idData, target->randRkms);
    auto forkedTgk =
        mikey::DeriveForkedTgk(kProfilePrf, opened->secrets.tgk, idData, target->randRkms);
    if (!forkedMpkr || !forkedTgk)
    {
        fail = {Refusal::Internal, MakeError(Errc::CryptoFailure, "RESOLVE: key forking")};
        return std::nullopt;
    }
    ForkedKeys keys{opened->master.mpki, std::nullopt, std::move(forkedTgk).Value(),
                    target->identity, target->randRkms};
    // A network function gets no MPKr': it cannot answer the initiator in the endpoint's name.
    if (!target->forNetworkFunction)
    {
        keys.forkedMpkr = std::move(forkedMpkr).Value();
    }
    return keys;
}

std::optional<KmsCore::Grant>
KmsCore::BuildResolveResp(const Authenticated& req, const Bytes& requestBytes,
                          const ForkedKeys& forked, int64_t nowNs, CryptoOps& ops, Failure& fail)
{
    auto refuse = [&fail](Refusal r, Errc code, const std::string& detail) {
        fail = {r, MakeError(code, detail)};
        return std::nullopt;
    };
    auto respKeys = DeriveMessageKeys(req.user.psk, req.message.header.csbId,
                                      mikey::TicketMessageKind::Response, {}, req.rand, ops);
    if (!respKeys)
    {
        return refuse(Refusal::Internal, Errc::CryptoFailure, "RESOLVE_RESP: key derivation");
    }
    std::vector<KeyDataPayload> keys{mikey::MakeKeyData(KeyDataType::Mpk, forked.mpki)};
    if (forked.forkedMpkr)
    {
        keys.push_back(mikey::MakeKeyData(KeyDataType::Mpk, *forked.forkedMpkr));
    }
    keys.push_back(mikey::MakeKeyData(KeyDataType::Tgk, forked.forkedTgk));
    MikeyMessage resp;
    resp.header = ResponseHeader(req.message.header, DataType::ResolveResp);
    const mikey::TimestampPayload t = mikey::MakeNtpTimestamp(nowNs);
    auto kemac = SealKeys(respKeys.Value(), resp.header.csbId, t, keys, ops);
    if (!kemac)
    {
        return refuse(Refusal::Internal, kemac.GetError().code, kemac.GetError().detail);
    }
    resp.payloads = {t,
                     mikey::MakeIdr(IdRole::Kms, m_kmsUri),
                     std::move(kemac).Value(),
                     mikey::MakeIdr(IdRole::Responder, forked.identity),
                     mikey::RandRolePayload{RandRole::Kms, forked.randRkms},
                     mikey::VerificationPayload{kProfileMac, {}}};
    if (auto s = SignMessage(resp, respKeys.Value().authKey, requestBytes, ops); !s)
    {
        return refuse(Refusal::Internal, s.GetError().code, s.GetError().detail);
    }
    return Grant{mikey::FormatMikeyMessage(resp), {forked.mpki, forked.forkedTgk}};
}

std::optional<KmsCore::Grant>
KmsCore::ResolveTicket(const Authenticated& req, const Bytes& requestBytes, int64_t nowNs,
                       CryptoOps& ops, Failure& fail)
{
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(req.message);
    if (ticket == nullptr)
    {
        fail = {Refusal::Malformed, MakeError(Errc::MissingField, "RESOLVE_INIT: no TICKET")};
        return std::nullopt;
    }
    auto forked = OpenAndFork(req, *ticket, nowNs, ops, fail);
    if (!forked)
    {
        return std::nullopt;
    }
    return BuildResolveResp(req, requestBytes, *forked, nowNs, ops, fail);
}

std::optional<std::string>
KmsCore::ForeignIssuer(const mikey::TicketPayload& ticket) const
{
    const auto issuers = mikey::PolicyIdentities(ticket.policy, IdRole::Kms);
    if (!ticket.policy.flags.kmsGenerated || issuers.size() != 1 || issuers.front() == m_kmsUri)
    {
        return std::nullopt;
    }
    return issuers.front();
}

ResolveStep
KmsCore::BeginResolve(const Bytes& message, int64_t nowNs)
{
    CryptoOps ops;
    Authenticated req;
    std::optional<Bytes> errorKey;
    if (auto refused = Admit(message, DataType::ResolveInitPsk, nowNs, ops, req, errorKey))
    {
        return {std::move(refused), std::nullopt};
    }
    Failure fail{Refusal::Internal, MakeError(Errc::InvalidState, "")};
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(req.message);
    const auto issuer = ticket != nullptr ? ForeignIssuer(*ticket) : std::nullopt;
    if (!issuer)
    {
        auto response = ResolveTicket(req, message, nowNs, ops, fail);
        return {Complete(std::move(response), fail, req.message, errorKey, nowNs, ops,
                         m_stats.ticketsResolved),
                std::nullopt};
    }
    const bool known = std::find(m_policy.zkPeers.begin(), m_policy.zkPeers.end(), *issuer) !=
                       m_policy.zkPeers.end();
    if (!known || mikey::FindRandr(req.message, RandRole::Kms) != nullptr)
    {
        fail = {known ? Refusal::PolicyDenied : Refusal::UnknownIssuer,
                MakeError(Errc::Unsupported,
                          known ? "RESOLVE_INIT: a network function's request for a ticket of " +
                                      *issuer + " is not relayed over Zk"
                                : "RESOLVE_INIT: the ticket's issuer " + *issuer +
                                      " is not a KMS reached over Zk")};
        return {Refuse(fail, &req.message, errorKey, nowNs, ops), std::nullopt};
    }
    ZkRelay relay{++m_nextRelay, *issuer,
                  ZkResolveRequest{*ticket, req.identity, req.user.identities}};
    m_relays.emplace(relay.id, PendingRelay{*issuer, std::move(req), message, errorKey, ops});
    ++m_stats.zkRelayed;
    return {std::nullopt, std::move(relay)};
}

KmsReply
KmsCore::FinishRelayedResolve(uint64_t relayId, const Result<ZkResolveAnswer>& answer,
                              int64_t nowNs)
{
    auto pending = m_relays.find(relayId);
    if (pending == m_relays.end())
    {
        return Refuse({Refusal::Internal,
                       MakeError(Errc::InvalidState, "Zk: no relay " + std::to_string(relayId))},
                      nullptr, std::nullopt, nowNs, CryptoOps{});
    }
    PendingRelay p = std::move(pending->second);
    m_relays.erase(pending);
    const std::string& issuer = p.issuer;
    Failure fail{Refusal::Internal, MakeError(Errc::InvalidState, "")};
    std::optional<Grant> response;
    if (!answer)
    {
        fail = {Refusal::ZkLinkFailed,
                MakeError(answer.GetError().code,
                          "Zk Resolve with " + issuer + ": " + answer.GetError().detail)};
    }
    else if (const auto& refusal = answer.Value().refusal; !answer.Value().keys)
    {
        const uint8_t code = refusal ? refusal->refusal : 0;
        const auto reason = static_cast<Refusal>(code);
        const bool named = code < kRefusalCount;
        fail = {Refusal::ZkRefused,
                MakeError(Errc::AuthFailed, "issuing KMS " + issuer + " refused: " +
                                                (named ? std::string(RefusalName(reason))
                                                       : "code " + std::to_string(code)) +
                                                (refusal ? ": " + refusal->detail : std::string())),
                named ? RefusalErrorNo(reason) : mikey::ErrorNo::Unspecified};
    }
    else if (const ZkForkedKeys& k = *answer.Value().keys; !OwnsIdentity(p.req.user, k.identity))
    {
        fail = {Refusal::ZkLinkFailed,
                MakeError(Errc::AuthFailed, "Zk: " + issuer + " forked for " + k.identity +
                                                ", not an identity of the user")};
    }
    else
    {
        response =
            BuildResolveResp(p.req, p.requestBytes,
                             ForkedKeys{k.mpki, k.forkedMpkr, k.forkedTgk, k.identity, k.randRkms},
                             nowNs, p.ops, fail);
    }
    return Complete(std::move(response), fail, p.req.message, p.errorKey, nowNs, p.ops,
                    m_stats.ticketsResolved);
}

ZkResolveAnswer
KmsCore::HandleZkResolve(const std::string& peerKms, const std::vector<std::string>& assertable,
                         const ZkResolveRequest& request, int64_t nowNs)
{
    CryptoOps ops;
    Failure fail{Refusal::Internal, MakeError(Errc::InvalidState, "")};
    Authenticated asserted;
    asserted.identity = request.identity;
    asserted.user.identities = request.identities;
    std::optional<ForkedKeys> forked;
    bool mayAssert = IsRecipient(assertable, request.identity);
    for (const std::string& id : request.identities)
    {
        mayAssert = mayAssert && IsRecipient(assertable, id);
    }
    if (!mayAssert || !OwnsIdentity(asserted.user, request.identity))
    {
        fail = {Refusal::IdentityNotOwned,
                MakeError(Errc::AuthFailed, "Zk: " + peerKms + " may not assert " +
                                                request.identity + " and its identities")};
    }
    else
    {
        forked = OpenAndFork(asserted, request.ticket, nowNs, ops, fail);
    }
    m_stats.ops += ops;
    if (!forked)
    {
        ++m_stats.refused[static_cast<size_t>(fail.refusal)];
        return ZkResolveAnswer{std::nullopt,
                               ZkRefusal{static_cast<uint8_t>(fail.refusal), fail.error.detail}};
    }
    ++m_stats.zkResolved;
    // The asserted request carries no modifier (RANDRkms), so MPKr' was forked.
    return ZkResolveAnswer{ZkForkedKeys{forked->identity, forked->randRkms, forked->mpki,
                                        *forked->forkedMpkr, forked->forkedTgk},
                           std::nullopt};
}

KmsReply
KmsCore::Refuse(const Failure& fail, const MikeyMessage* request,
                const std::optional<Bytes>& authKey, int64_t nowNs, CryptoOps ops)
{
    MikeyMessage err;
    if (request != nullptr)
    {
        err.header = ResponseHeader(request->header, DataType::Error);
    }
    else
    {
        err.header.dataType = DataType::Error;
        err.header.prfFunc = kProfilePrf;
    }
    err.header.csIdMap = mikey::EmptyMap{0};
    err.payloads = {mikey::MakeNtpTimestamp(nowNs),
                    mikey::ErrorPayload{fail.errorNo.value_or(RefusalErrorNo(fail.refusal)), 0}};
    if (authKey)
    {
        err.payloads.push_back(mikey::VerificationPayload{kProfileMac, {}});
        if (!SignMessage(err, *authKey, {}, ops))
        {
            err.payloads.pop_back();
        }
    }
    ++m_stats.refused[static_cast<size_t>(fail.refusal)];
    m_stats.ops += ops;
    return KmsReply{mikey::FormatMikeyMessage(err), fail.error, fail.refusal, ops, {}};
}

} // namespace kms
} // namespace mediasec
