#include "otway-rees-responder.h"

#include "otway-rees-parts.h"

#include <utility>

namespace mediasec
{
namespace otway
{

OtwayReesResponder::OtwayReesResponder(std::string identity, Bytes longTermKey, ResponderRole role)
    : m_identity(std::move(identity))
    , m_key(std::move(longTermKey))
    , m_role(role)
{
}

Result<Bytes>
OtwayReesResponder::BuildKmsRequest(const Bytes& offer, Drbg& drbg, int64_t nowNs)
{
    if (m_state != State::Idle)
    {
        return MakeError(Errc::InvalidState, "KmsRequest: this session already started");
    }
    if (!IsValidIdentityLength(m_identity.size()))
    {
        return MakeError(Errc::BadLength, "KmsRequest: requester identity of " +
                                              std::to_string(m_identity.size()) + " bytes");
    }
    auto parsed = ParseOffer(offer);
    if (!parsed)
    {
        return parsed.GetError();
    }
    const Offer& o = parsed.Value();
    if (m_role == ResponderRole::Callee && o.responderId != m_identity)
    {
        return MakeError(Errc::InvalidState,
                         "Offer: ID-B '" + o.responderId + "' is not this UE '" + m_identity + "'");
    }
    ++m_ops.random;
    RequestPart part{drbg.Generate(kNonceLength), o.sessionId, o.initiatorId, o.responderId, nowNs};
    auto sealed = SealRequestPart(Party::Requester, m_key, part, drbg, m_ops);
    if (!sealed)
    {
        return sealed.GetError();
    }
    m_offer = o;
    m_nonce = part.nonce;
    m_state = State::AwaitingReply;
    return FormatKmsRequest(KmsRequest{o.sessionId, o.initiatorId, o.responderId, m_identity,
                                       o.sealedInitiator, sealed.Value()});
}

Error
OtwayReesResponder::RefusalError(const Bytes& reply)
{
    auto error = ParseErrorMessage(reply);
    if (!error)
    {
        return error.GetError();
    }
    return MakeError(Errc::InvalidState,
                     std::string("KMS refused: ") + RefusalName(error.Value().refusal));
}

Result<ResponderOutcome>
OtwayReesResponder::ProcessKmsReply(const Bytes& reply)
{
    if (m_state != State::AwaitingReply)
    {
        return MakeError(Errc::InvalidState, m_state == State::Idle
                                                 ? "KmsReply: no request was sent"
                                                 : "KmsReply: session already established");
    }
    auto type = PeekMessageType(reply);
    if (type && type.Value() == MessageType::Error)
    {
        return RefusalError(reply);
    }
    auto parsed = ParseKmsReply(reply);
    if (!parsed)
    {
        return parsed.GetError();
    }
    if (parsed.Value().sessionId != m_offer.sessionId)
    {
        return MakeError(Errc::Replay, "KmsReply: plain M is another session's");
    }
    auto grant = OpenKeyGrant(Party::Requester, m_key, parsed.Value().sealedRequesterGrant, m_ops);
    if (!grant)
    {
        return grant.GetError();
    }
    ExpectedGrant expected{m_nonce, m_offer.sessionId, m_offer.initiatorId, m_offer.responderId};
    auto checked = CheckGrant(grant.Value(), expected, "Eb'");
    if (!checked)
    {
        return checked.GetError();
    }
    if (grant.Value().requesterId != m_identity)
    {
        return MakeError(Errc::AuthFailed,
                         "Eb': sealed requester '" + grant.Value().requesterId + "' is not us");
    }
    auto keys = KeysFromGrant(grant.Value(), m_ops);
    if (!keys)
    {
        return keys.GetError();
    }
    m_state = State::Established;
    return ResponderOutcome{
        keys.Value(), FormatAnswer(Answer{m_offer.sessionId, parsed.Value().sealedInitiatorGrant})};
}

bool
OtwayReesResponder::IsEstablished() const
{
    return m_state == State::Established;
}

const kms::CryptoOps&
OtwayReesResponder::Ops() const
{
    return m_ops;
}

} // namespace otway
} // namespace mediasec
