#include "ticket-agent.h"

#include "kms-identity.h"
#include "protocol/mikey/ticket-data.h"
#include "protocol/mikey/ticket-fields.h"
#include "ticket-messages.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace mediasec
{
namespace kms
{

using mikey::DataType;
using mikey::IdRole;
using mikey::KeyDataType;
using mikey::MikeyMessage;
using mikey::RandRole;

namespace
{

/** \brief The KEMAC of REQUEST_RESP and RESOLVE_RESP: MPKi, MPKr (or MPKr'), TGK (or TGK'). */
const std::vector<KeyDataType> kKmsResponseKeys{KeyDataType::Mpk, KeyDataType::Mpk,
                                                KeyDataType::Tgk};

} // namespace

TicketInitiator::TicketInitiator(UeCredentials me, Drbg drbg)
    : m_me(std::move(me))
    , m_drbg(std::move(drbg))
{
}

const CryptoOps&
TicketInitiator::Ops() const
{
    return m_ops;
}

Result<Bytes>
TicketInitiator::BuildRequestInit(const std::vector<std::string>& recipients, bool reusable,
                                  int64_t nowNs, const std::vector<std::string>& networkFunctions)
{
    if (recipients.empty())
    {
        return MakeError(Errc::OutOfRange, "REQUEST_INIT: no recipient");
    }
    MikeyMessage m;
    m.header.dataType = DataType::RequestInitPsk;
    m.header.verify = true;
    m.header.prfFunc = kProfilePrf;
    m.header.csbId = m_drbg.NextU32();
    m.header.csIdMap = mikey::EmptyMap{0};
    m_ops.random += 2;
    Bytes randRi = m_drbg.Generate(kProfileRandLength);
    mikey::TicketPolicyPayload tp = ProfileTicketPolicy(reusable);
    tp.payloads.push_back(mikey::MakeIdr(IdRole::Initiator, m_me.impu));
    AddPolicyIdentities(tp, IdRole::Application, networkFunctions);
    AddPolicyIdentities(tp, IdRole::Responder, recipients);
    m.payloads = {mikey::MakeNtpTimestamp(nowNs),
                  mikey::RandRolePayload{RandRole::Initiator, randRi},
                  mikey::MakeIdr(IdRole::Initiator, m_me.impu),
                  mikey::MakeIdr(IdRole::Kms, m_me.kmsUri),
                  tp,
                  PskIdr(m_me),
                  EmptyV()};
    auto keys = DeriveMessageAuthKey(m_me.psk, m.header.csbId, mikey::TicketMessageKind::Initial,
                                     randRi, {}, m_ops);
    if (!keys)
    {
        return keys.GetError();
    }
    const Bytes extra = Concat(Bytes(m_me.impu.begin(), m_me.impu.end()), m_me.kmsUri);
    if (auto s = SignMessage(m, keys.Value(), extra, m_ops); !s)
    {
        return s.GetError();
    }
    Bytes bytes = mikey::FormatMikeyMessage(m);
    m_request = PendingRequest{bytes, randRi};
    return bytes;
}

Status
TicketInitiator::ProcessRequestResp(const Bytes& message, int64_t nowNs)
{
    const char* where = "REQUEST_RESP";
    if (!m_request)
    {
        return MakeError(Errc::InvalidState, "REQUEST_RESP: no request pending");
    }
    auto parsed = ParseExpected(message, DataType::RequestResp, where);
    if (!parsed)
    {
        return parsed.GetError();
    }
    const MikeyMessage& m = parsed.Value();
    auto request = mikey::ParseMikeyMessage(m_request->bytes);
    const auto* t = mikey::FindPayload<mikey::TimestampPayload>(m);
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(m);
    const auto* kemac = mikey::FindPayload<mikey::KemacPayload>(m);
    if (!request || request.Value().header.csbId != m.header.csbId)
    {
        return MakeError(Errc::InvalidState, "REQUEST_RESP: CSB ID of no pending request");
    }
    if (t == nullptr || ticket == nullptr || kemac == nullptr)
    {
        return MakeError(Errc::MissingField, "REQUEST_RESP: needs T, TICKET, KEMAC");
    }
    auto keyData = OpenKmsResponse(m, m_me.psk, m_request->randRi, {}, m_request->bytes, *t, *kemac,
                                   kKmsResponseKeys, m_ops, where);
    if (!keyData)
    {
        return keyData.GetError();
    }
    const auto& k = keyData.Value();
    if (auto s = CheckProfilePolicy(ticket->policy, where); !s)
    {
        return s;
    }
    CacheTicket(*ticket, k[0].key, k[1].key, k[2].key, nowNs);
    m_request.reset();
    return CheckValidity(ticket->policy, nowNs, where);
}

void
TicketInitiator::CacheTicket(const mikey::TicketPayload& ticket, const Bytes& mpki,
                             const Bytes& mpkr, const Bytes& tgk, int64_t nowNs)
{
    // Spent one-call tickets and expired tickets go; pending Transfers keep their own copy.
    m_tickets.erase(std::remove_if(m_tickets.begin(), m_tickets.end(),
                                   [nowNs](const CachedTicket& t) {
                                       return (t.used && !t.ticket.policy.flags.reusable) ||
                                              (t.notAfterNs && *t.notAfterNs < nowNs);
                                   }),
                    m_tickets.end());
    CachedTicket cached;
    cached.ticket = ticket;
    cached.ticket.initiatorData.clear();
    cached.mpki = mpki;
    cached.mpkr = mpkr;
    cached.tgk = tgk;
    if (const auto* trs = mikey::PolicyTimestamp(ticket.policy, mikey::TsRole::ValidityStart))
    {
        cached.notBeforeNs = mikey::NsFromNtp(trs->value);
    }
    if (const auto* tre = mikey::PolicyTimestamp(ticket.policy, mikey::TsRole::ValidityEnd))
    {
        cached.notAfterNs = mikey::NsFromNtp(tre->value);
    }
    cached.recipients = mikey::PolicyIdentities(ticket.policy, IdRole::Responder);
    m_tickets.push_back(std::move(cached));
}

std::optional<size_t>
TicketInitiator::FindTicket(const std::string& responderUri, int64_t nowNs) const
{
    std::optional<size_t> newestFor;
    for (size_t i = m_tickets.size(); i-- > 0;)
    {
        const CachedTicket* t = &m_tickets[i];
        const bool forResponder =
            responderUri.empty() ||
            std::any_of(t->recipients.begin(), t->recipients.end(),
                        [&](const std::string& r) { return MatchesRecipient(r, responderUri); });
        if (!forResponder)
        {
            continue;
        }
        newestFor = newestFor ? newestFor : i;
        if ((!t->used || t->ticket.policy.flags.reusable) &&
            CheckValidity(t->ticket.policy, nowNs, "ticket").IsOk())
        {
            return i;
        }
    }
    return newestFor;
}

Result<Bytes>
TicketInitiator::BuildInitiatorTicketTransfer(const InitiatorTicketRequest& request,
                                              const std::string& responderUri, int64_t nowNs)
{
    if (request.recipients.empty())
    {
        return MakeError(Errc::OutOfRange, "TICKET (D=0): no recipient");
    }
    // RFC 6043 mode 3: the ticket protection key is the Ks_NAF shared with the KMS, named by
    // IDRpsk in the Ticket Data; NOT D => L (the profile sends no KEMAC in TRANSFER_INIT).
    mikey::TicketPolicyPayload tp = ProfileTicketPolicy(request.reusable);
    tp.flags.kmsGenerated = false;
    tp.flags.initiatorKeys = true;
    tp.payloads = {
        mikey::MakeIdr(IdRole::Kms, m_me.kmsUri), mikey::MakeIdr(IdRole::Initiator, m_me.impu),
        mikey::MakeNtpTimestampRole(mikey::TsRole::ValidityStart, nowNs),
        mikey::MakeNtpTimestampRole(mikey::TsRole::ValidityEnd, nowNs + request.lifetimeNs)};
    AddPolicyIdentities(tp, IdRole::Application, request.networkFunctions);
    AddPolicyIdentities(tp, IdRole::Responder, request.recipients);
    m_ops.random += 3;
    TicketSecrets secrets;
    secrets.mpk = m_drbg.Generate(kProfileKeyLength);
    secrets.tgk = m_drbg.Generate(kProfileKeyLength);
    secrets.rand = m_drbg.Generate(kProfileRandLength);
    auto ticket = SealTicket(m_me.psk, tp, secrets, nowNs, PskIdr(m_me), m_ops);
    if (!ticket)
    {
        return ticket.GetError();
    }
    auto master = DeriveTicketMasterKeys(secrets.mpk, secrets.rand, m_ops);
    if (!master)
    {
        return master.GetError();
    }
    CacheTicket(ticket.Value(), master.Value().mpki, master.Value().mpkr, secrets.tgk, nowNs);
    return BuildTransferInit(responderUri, nowNs);
}

bool
TicketInitiator::HasUsableTicket(int64_t nowNs, const std::string& responderUri) const
{
    const auto index = FindTicket(responderUri, nowNs);
    const CachedTicket* t = index ? &m_tickets[*index] : nullptr;
    return t != nullptr && (!t->used || t->ticket.policy.flags.reusable) &&
           CheckValidity(t->ticket.policy, nowNs, "ticket").IsOk();
}

Result<Bytes>
TicketInitiator::BuildTransferInit(const std::string& responderUri, int64_t nowNs)
{
    const char* where = "TRANSFER_INIT";
    const auto index = FindTicket(responderUri, nowNs);
    if (!index)
    {
        return MakeError(Errc::InvalidState, "TRANSFER_INIT: no ticket for " + responderUri);
    }
    CachedTicket& cached = m_tickets[*index];
    if (cached.used && !cached.ticket.policy.flags.reusable)
    {
        return MakeError(Errc::InvalidState, "TRANSFER_INIT: ticket is not reusable (J=0)");
    }
    if (auto s = CheckValidity(cached.ticket.policy, nowNs, where); !s)
    {
        return s.GetError();
    }
    MikeyMessage m;
    m.header.dataType = DataType::TransferInit;
    m.header.verify = cached.ticket.policy.flags.responseRequired;
    m.header.prfFunc = kProfilePrf;
    m.header.csbId = m_drbg.NextU32();
    m.header.csIdMap = mikey::SrtpIdMap{{{0, 0, 0}, {0, 0, 0}}};
    m_ops.random += 2;
    Bytes randRi = m_drbg.Generate(kProfileRandLength);
    m.payloads = {mikey::MakeNtpTimestamp(nowNs),
                  mikey::RandRolePayload{RandRole::Initiator, randRi},
                  mikey::MakeIdr(IdRole::Initiator, m_me.impu),
                  mikey::MakeIdr(IdRole::Responder, responderUri),
                  cached.ticket,
                  EmptyV()};
    auto keys = DeriveMessageAuthKey(cached.mpki, m.header.csbId,
                                     mikey::TicketMessageKind::Initial, randRi, {}, m_ops);
    if (!keys)
    {
        return keys.GetError();
    }
    const Bytes extra = Concat(Bytes(m_me.impu.begin(), m_me.impu.end()), responderUri);
    if (auto s = SignMessage(m, keys.Value(), extra, m_ops); !s)
    {
        return s.GetError();
    }
    // Initiator Data (RFC 6043 6.10): Vi = this message's V, Vr under the unforked MPKr. The
    // V MAC does not cover it, so adding it keeps the signature valid.
    const auto vi = std::get<mikey::VerificationPayload>(m.payloads.back());
    auto vr = ComputeInitiatorDataMac(cached.mpkr, vi, m_ops);
    if (!vr)
    {
        return vr.GetError();
    }
    std::get<mikey::TicketPayload>(m.payloads[4]).initiatorData = {
        vi, mikey::VerificationPayload{kProfileMac, vr.Value()}};
    Bytes bytes = mikey::FormatMikeyMessage(m);
    cached.used = true;
    // Transfers stay open for further forked answers until their ticket expires.
    for (auto t = m_transfers.begin(); t != m_transfers.end();)
    {
        const auto& end = t->second.ticket.notAfterNs;
        t = end && *end < nowNs ? m_transfers.erase(t) : std::next(t);
    }
    m_transfers[m.header.csbId] = PendingTransfer{bytes, randRi, cached};
    return bytes;
}

Result<EstablishedKeys>
TicketInitiator::ProcessTransferResp(const Bytes& message)
{
    const char* where = "TRANSFER_RESP";
    auto parsed = ParseExpected(message, DataType::TransferResp, where);
    if (!parsed)
    {
        return parsed.GetError();
    }
    const MikeyMessage& m = parsed.Value();
    auto pending = m_transfers.find(m.header.csbId);
    if (pending == m_transfers.end())
    {
        return MakeError(Errc::InvalidState, "TRANSFER_RESP: CSB ID of no pending Transfer");
    }
    const PendingTransfer& p = pending->second;
    const auto* idr = mikey::FindIdr(m, IdRole::Responder);
    const auto* randRr = mikey::FindRandr(m, RandRole::Responder);
    const auto* randRkms = mikey::FindRandr(m, RandRole::Kms);
    if (idr == nullptr || randRr == nullptr || randRkms == nullptr)
    {
        return MakeError(Errc::MissingField, "TRANSFER_RESP: needs IDRr, RANDRr, RANDRkms");
    }
    const std::string peer = mikey::IdText(*idr);
    bool allowed = false;
    for (const std::string& r : p.ticket.recipients)
    {
        allowed = allowed || MatchesRecipient(r, peer);
    }
    if (!allowed)
    {
        return MakeError(Errc::AuthFailed,
                         "TRANSFER_RESP: IDRr " + peer + " is not an allowed recipient");
    }
    m_ops.prf += 2;
    auto mpkr = mikey::DeriveForkedMpkr(kProfilePrf, p.ticket.mpkr, idr->data, randRkms->rand);
    auto tgk = mikey::DeriveForkedTgk(kProfilePrf, p.ticket.tgk, idr->data, randRkms->rand);
    if (!mpkr || !tgk)
    {
        return !mpkr ? mpkr.GetError() : tgk.GetError();
    }
    auto keys =
        DeriveMessageAuthKey(mpkr.Value(), m.header.csbId, mikey::TicketMessageKind::Response,
                             p.randRi, randRr->rand, m_ops);
    if (!keys)
    {
        return keys.GetError();
    }
    if (auto s = VerifyMessage(m, keys.Value(), p.bytes, m_ops); !s)
    {
        return Prefixed(s.GetError(), where);
    }
    auto srtp = DeriveSrtpKeys(tgk.Value(), p.randRi, randRr->rand, m_ops);
    if (!srtp)
    {
        return srtp.GetError();
    }
    return EstablishedKeys{peer, std::move(srtp).Value(), tgk.Value()};
}

Result<EstablishedKeys>
TicketInitiator::DeferredKeys(const Bytes& transferInit)
{
    auto parsed = mikey::ParseMikeyMessage(transferInit);
    if (!parsed)
    {
        return parsed.GetError();
    }
    const MikeyMessage& m = parsed.Value();
    auto pending = m_transfers.find(m.header.csbId);
    const auto* idrr = mikey::FindIdr(m, IdRole::Responder);
    if (pending == m_transfers.end() || pending->second.bytes != transferInit || idrr == nullptr)
    {
        return MakeError(Errc::InvalidState, "deferred delivery: not a pending TRANSFER_INIT");
    }
    const PendingTransfer& p = pending->second;
    auto srtp = DeriveDeferredSrtpKeys(p.ticket.mpki, m.header.csbId, p.randRi, m_ops);
    if (!srtp)
    {
        return srtp.GetError();
    }
    return EstablishedKeys{mikey::IdText(*idrr), std::move(srtp).Value(), p.ticket.mpki};
}

TicketResponder::TicketResponder(UeCredentials me, Drbg drbg, bool cacheReusableTickets,
                                 int64_t replaySkewNs)
    : m_me(std::move(me))
    , m_drbg(std::move(drbg))
    , m_cacheReusable(cacheReusableTickets)
    , m_replay(replaySkewNs, 100000)
{
}

const CryptoOps&
TicketResponder::Ops() const
{
    return m_ops;
}

Result<ResponderStep>
TicketResponder::ProcessTransferInit(const Bytes& message, int64_t nowNs)
{
    return BeginResolve(message, nowNs, false);
}

Result<Bytes>
TicketResponder::ResolveStoredTransferInit(const Bytes& message, int64_t nowNs)
{
    auto step = BeginResolve(message, nowNs, true);
    if (!step)
    {
        return step.GetError();
    }
    return std::move(*step.Value().resolveInit);
}

Result<ResponderStep>
TicketResponder::BeginResolve(const Bytes& message, int64_t nowNs, bool deferred)
{
    const char* where = "TRANSFER_INIT";
    auto parsed = ParseExpected(message, DataType::TransferInit, where);
    if (!parsed)
    {
        return parsed.GetError();
    }
    const MikeyMessage& m = parsed.Value();
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(m);
    const auto* idri = mikey::FindIdr(m, IdRole::Initiator);
    if (ticket == nullptr || idri == nullptr || mikey::FindIdr(m, IdRole::Responder) == nullptr ||
        mikey::FindRandr(m, RandRole::Initiator) == nullptr ||
        mikey::FindPayload<mikey::TimestampPayload>(m) == nullptr)
    {
        return MakeError(Errc::MissingField, "TRANSFER_INIT: needs T, RANDRi, IDRi, IDRr, TICKET");
    }
    if (auto s = CheckProfilePolicy(ticket->policy, where); !s)
    {
        return s.GetError();
    }
    if (auto s = CheckValidity(ticket->policy, nowNs, where); !s)
    {
        return s.GetError();
    }
    const auto ticketInitiator = mikey::PolicyIdentities(ticket->policy, IdRole::Initiator);
    if (ticketInitiator.empty() ||
        KmsUserIdentity(ticketInitiator.front()) != KmsUserIdentity(mikey::IdText(*idri)))
    {
        return MakeError(Errc::AuthFailed, "TRANSFER_INIT: IDRi is not the ticket's initiator");
    }
    ++m_ops.random;
    Bytes randRr = m_drbg.Generate(kProfileRandLength);
    auto cached = deferred ? m_resolved.end() : m_resolved.find(ticket->ticketData);
    if (cached != m_resolved.end())
    {
        auto outcome = Answer(PendingResolve{message, m, {}, randRr}, cached->second, nowNs);
        if (!outcome)
        {
            return outcome.GetError();
        }
        return ResponderStep{std::nullopt, std::move(outcome).Value()};
    }
    auto resolve = BuildResolveInit(m_me, m.header.csbId, *ticket, randRr, {}, nowNs, m_ops);
    if (!resolve)
    {
        return resolve.GetError();
    }
    Bytes bytes = std::move(resolve).Value();
    m_pending[m.header.csbId] = PendingResolve{message, m, bytes, randRr, deferred};
    return ResponderStep{std::move(bytes), std::nullopt};
}

Result<ResponderOutcome>
TicketResponder::ProcessResolveResp(const Bytes& message, int64_t nowNs)
{
    auto matched = MatchResolveResp(message, m_pending);
    if (!matched)
    {
        return matched.GetError();
    }
    const MikeyMessage& m = matched.Value().first;
    const auto it = matched.Value().second;
    const PendingResolve& p = it->second;
    auto keyData =
        OpenResolveResp(m, m_me.psk, p.randRr, p.resolveBytes, kKmsResponseKeys, m_ops);
    if (!keyData)
    {
        return keyData.GetError();
    }
    const auto* idr = mikey::FindIdr(m, IdRole::Responder);
    const auto* randRkms = mikey::FindRandr(m, RandRole::Kms);
    const auto& k = keyData.Value();
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(p.transfer);
    ResolvedTicket resolved{k[0].key, k[1].key, k[2].key, *idr, *randRkms, std::nullopt};
    if (const auto* tre = mikey::PolicyTimestamp(ticket->policy, mikey::TsRole::ValidityEnd))
    {
        resolved.notAfterNs = mikey::NsFromNtp(tre->value);
    }
    if (p.deferred)
    {
        auto outcome = AnswerDeferred(p, resolved);
        m_pending.erase(it);
        return outcome;
    }
    auto outcome = Answer(p, resolved, nowNs);
    if (!outcome)
    {
        return outcome.GetError();
    }
    // Only a ticket whose TRANSFER_INIT verified is cached; expired entries are dropped.
    for (auto e = m_resolved.begin(); e != m_resolved.end();)
    {
        const auto& end = e->second.notAfterNs;
        e = end && *end < nowNs ? m_resolved.erase(e) : std::next(e);
    }
    if (m_cacheReusable && ticket->policy.flags.reusable)
    {
        m_resolved[ticket->ticketData] = resolved;
    }
    m_pending.erase(it);
    return outcome;
}

Result<ResponderOutcome>
TicketResponder::AnswerDeferred(const PendingResolve& p, const ResolvedTicket& r)
{
    if (auto s = VerifyTransferInit(p.transfer, r.mpki, m_ops); !s)
    {
        return s.GetError();
    }
    const auto* idri = mikey::FindIdr(p.transfer, IdRole::Initiator);
    const auto* randRi = mikey::FindRandr(p.transfer, RandRole::Initiator);
    auto srtp = DeriveDeferredSrtpKeys(r.mpki, p.transfer.header.csbId, randRi->rand, m_ops);
    if (!srtp)
    {
        return srtp.GetError();
    }
    return ResponderOutcome{{}, EstablishedKeys{mikey::IdText(*idri), std::move(srtp).Value(), r.mpki}};
}

Result<ResponderOutcome>
TicketResponder::Answer(const PendingResolve& p, const ResolvedTicket& r, int64_t nowNs)
{
    if (auto s = VerifyTransferInit(p.transfer, r.mpki, m_ops); !s)
    {
        return s.GetError();
    }
    const MikeyMessage& transfer = p.transfer;
    const auto* idri = mikey::FindIdr(transfer, IdRole::Initiator);
    const auto* randRi = mikey::FindRandr(transfer, RandRole::Initiator);
    const auto* transferT = mikey::FindPayload<mikey::TimestampPayload>(transfer);
    if (auto s = m_replay.Check(transferT->value, randRi->rand, mikey::IdText(*idri), nowNs); !s)
    {
        return Prefixed(s.GetError(), "TRANSFER_INIT");
    }
    MikeyMessage resp;
    resp.header = transfer.header;
    resp.header.dataType = DataType::TransferResp;
    resp.header.verify = false;
    resp.payloads = {mikey::MakeNtpTimestamp(nowNs),
                     mikey::RandRolePayload{RandRole::Responder, p.randRr}, r.idr, r.randRkms,
                     EmptyV()};
    auto respKeys =
        DeriveMessageAuthKey(r.forkedMpkr, resp.header.csbId, mikey::TicketMessageKind::Response,
                             randRi->rand, p.randRr, m_ops);
    if (!respKeys)
    {
        return respKeys.GetError();
    }
    if (auto s = SignMessage(resp, respKeys.Value(), p.transferBytes, m_ops); !s)
    {
        return s.GetError();
    }
    auto srtp = DeriveSrtpKeys(r.forkedTgk, randRi->rand, p.randRr, m_ops);
    if (!srtp)
    {
        return srtp.GetError();
    }
    return ResponderOutcome{mikey::FormatMikeyMessage(resp),
                            EstablishedKeys{mikey::IdText(*idri), std::move(srtp).Value(),
                                            r.forkedTgk}};
}

} // namespace kms
} // namespace mediasec
