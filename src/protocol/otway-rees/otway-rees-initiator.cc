#include "otway-rees-initiator.h"

#include "otway-rees-messages.h"
#include "otway-rees-parts.h"

#include <utility>

namespace mediasec
{
namespace otway
{

OtwayReesInitiator::OtwayReesInitiator(std::string identity, Bytes longTermKey)
    : m_identity(std::move(identity))
    , m_key(std::move(longTermKey))
{
}

Result<Bytes>
OtwayReesInitiator::BuildOffer(const std::string& calleeId, Drbg& drbg, int64_t nowNs)
{
    if (m_state != State::Idle)
    {
        return MakeError(Errc::InvalidState, "Offer: this session already started");
    }
    if (!IsValidIdentityLength(m_identity.size()) || !IsValidIdentityLength(calleeId.size()))
    {
        return MakeError(Errc::BadLength, "Offer: ID-A or ID-B is empty or too long");
    }
    m_ops.random += 2;
    RequestPart part{drbg.Generate(kNonceLength), drbg.Generate(kSessionIdLength), m_identity,
                     calleeId, nowNs};
    auto sealed = SealRequestPart(Party::Initiator, m_key, part, drbg, m_ops);
    if (!sealed)
    {
        return sealed.GetError();
    }
    m_callee = calleeId;
    m_sessionId = part.sessionId;
    m_nonce = part.nonce;
    m_state = State::AwaitingAnswer;
    return FormatOffer(Offer{m_sessionId, m_identity, m_callee, sealed.Value()});
}

Result<OtwayReesKeys>
OtwayReesInitiator::ProcessAnswer(const Bytes& message)
{
    if (m_state == State::Idle)
    {
        return MakeError(Errc::InvalidState, "Answer: no offer was sent");
    }
    if (m_state == State::Established)
    {
        return MakeError(Errc::InvalidState,
                         "Answer: session already established (second or replayed answer)");
    }
    auto answer = ParseAnswer(message);
    if (!answer)
    {
        return answer.GetError();
    }
    if (answer.Value().sessionId != m_sessionId)
    {
        return MakeError(Errc::Replay, "Answer: plain M is another session's");
    }
    auto grant = OpenKeyGrant(Party::Initiator, m_key, answer.Value().sealedInitiatorGrant, m_ops);
    if (!grant)
    {
        return grant.GetError();
    }
    auto checked =
        CheckGrant(grant.Value(), ExpectedGrant{m_nonce, m_sessionId, m_identity, m_callee}, "Ea'");
    if (!checked)
    {
        return checked.GetError();
    }
    auto keys = KeysFromGrant(grant.Value(), m_ops);
    if (keys)
    {
        m_state = State::Established;
    }
    return keys;
}

bool
OtwayReesInitiator::IsEstablished() const
{
    return m_state == State::Established;
}

const Bytes&
OtwayReesInitiator::SessionId() const
{
    return m_sessionId;
}

const kms::CryptoOps&
OtwayReesInitiator::Ops() const
{
    return m_ops;
}

} // namespace otway
} // namespace mediasec
