#include "network-function-resolver.h"

#include "protocol/mikey/ticket-fields.h"

#include <utility>

namespace mediasec
{
namespace kms
{

using mikey::IdRole;
using mikey::KeyDataType;
using mikey::MikeyMessage;
using mikey::RandRole;

NetworkFunctionResolver::NetworkFunctionResolver(UeCredentials me, Drbg drbg)
    : m_me(std::move(me))
    , m_drbg(std::move(drbg))
{
}

const CryptoOps&
NetworkFunctionResolver::Ops() const
{
    return m_ops;
}

Result<Bytes>
NetworkFunctionResolver::BuildResolveInit(const Bytes& transferInit, const Bytes& transferResp,
                                          int64_t nowNs)
{
    auto offer = ParseExpected(transferInit, mikey::DataType::TransferInit, "TRANSFER_INIT");
    if (!offer)
    {
        return offer.GetError();
    }
    auto answer = ParseExpected(transferResp, mikey::DataType::TransferResp, "TRANSFER_RESP");
    if (!answer)
    {
        return answer.GetError();
    }
    const MikeyMessage& ti = offer.Value();
    const MikeyMessage& tr = answer.Value();
    if (ti.header.csbId != tr.header.csbId)
    {
        return MakeError(Errc::InvalidState, "TRANSFER_RESP: answers another CSB ID");
    }
    const auto* ticket = mikey::FindPayload<mikey::TicketPayload>(ti);
    const auto* idrr = mikey::FindIdr(tr, IdRole::Responder);
    const auto* randRr = mikey::FindRandr(tr, RandRole::Responder);
    const auto* randRkms = mikey::FindRandr(tr, RandRole::Kms);
    if (ticket == nullptr || mikey::FindRandr(ti, RandRole::Initiator) == nullptr ||
        idrr == nullptr || randRr == nullptr || randRkms == nullptr)
    {
        return MakeError(Errc::MissingField, "network function: needs the TRANSFER_INIT's TICKET "
                                             "and RANDRi, the TRANSFER_RESP's IDRr, RANDRr and "
                                             "RANDRkms");
    }
    if (auto s = CheckProfilePolicy(ticket->policy, "TRANSFER_INIT"); !s)
    {
        return s.GetError();
    }
    if (auto s = CheckValidity(ticket->policy, nowNs, "TRANSFER_INIT"); !s)
    {
        return s.GetError();
    }
    ++m_ops.random;
    Bytes resolveRandRr = m_drbg.Generate(kProfileRandLength);
    auto resolve = kms::BuildResolveInit(m_me, ti.header.csbId, *ticket, resolveRandRr,
                                         {*idrr, *randRkms}, nowNs, m_ops);
    if (!resolve)
    {
        return resolve.GetError();
    }
    m_pending[ti.header.csbId] =
        PendingCall{ti, *idrr, *randRkms, randRr->rand, resolve.Value(), resolveRandRr};
    return resolve;
}

Result<NetworkFunctionKeys>
NetworkFunctionResolver::ProcessResolveResp(const Bytes& message)
{
    auto matched = MatchResolveResp(message, m_pending);
    if (!matched)
    {
        return matched.GetError();
    }
    const MikeyMessage& m = matched.Value().first;
    const auto it = matched.Value().second;
    const PendingCall& p = it->second;
    auto keyData = OpenResolveResp(m, m_me.psk, p.resolveRandRr, p.resolveBytes,
                                   {KeyDataType::Mpk, KeyDataType::Tgk}, m_ops);
    if (!keyData)
    {
        return keyData.GetError();
    }
    const auto* idr = mikey::FindIdr(m, IdRole::Responder);
    const auto* randRkms = mikey::FindRandr(m, RandRole::Kms);
    if (!(*idr == p.answering) || !(*randRkms == p.randRkms))
    {
        return MakeError(Errc::AuthFailed, "RESOLVE_RESP: keys forked for another modifier");
    }
    if (auto s = VerifyTransferInit(p.transfer, keyData.Value()[0].key, m_ops); !s)
    {
        return s.GetError();
    }
    const auto* idri = mikey::FindIdr(p.transfer, IdRole::Initiator);
    const auto* randRi = mikey::FindRandr(p.transfer, RandRole::Initiator);
    auto srtp = DeriveSrtpKeys(keyData.Value()[1].key, randRi->rand, p.callRandRr, m_ops);
    if (!srtp)
    {
        return srtp.GetError();
    }
    NetworkFunctionKeys keys{mikey::IdText(*idri), mikey::IdText(p.answering),
                             std::move(srtp).Value()};
    m_pending.erase(it);
    return keys;
}

} // namespace kms
} // namespace mediasec
