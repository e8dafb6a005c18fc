#include "otway-rees-kms.h"

#include <utility>

namespace mediasec
{
namespace otway
{

AuthorizationPolicy
CalleeOrGateway(std::set<std::string> gateways)
{
    return [gateways = std::move(gateways)](const std::string& requesterId,
                                            const std::string& /* initiatorId */,
                                            const std::string& responderId) {
        return requesterId == responderId || gateways.count(requesterId) != 0;
    };
}

OtwayReesKms::OtwayReesKms(KeyLookup keys, AuthorizationPolicy authorize, Drbg drbg,
                           OtwayReesKmsConfig config)
    : m_keys(std::move(keys))
    , m_authorize(std::move(authorize))
    , m_drbg(std::move(drbg))
    , m_config(config)
    , m_replay(config.skewNs, config.replayCacheEntries)
{
}

std::variant<Bytes, OtwayReesKms::Failure>
OtwayReesKms::KeyOf(const std::string& identity, const char* role)
{
    auto key = m_keys(identity);
    if (!key)
    {
        return Failure{Refusal::UnknownIdentity,
                       MakeError(Errc::AuthFailed, std::string("KmsRequest: no key for ") + role +
                                                       " '" + identity + "' (" +
                                                       key.GetError().detail + ")")};
    }
    return std::move(key).Value();
}

std::variant<RequestPart, OtwayReesKms::Failure>
OtwayReesKms::OpenPart(Party party, const Bytes& key, const Bytes& sealed,
                       const KmsRequest& request, kms::CryptoOps& ops)
{
    const std::string what = party == Party::Initiator ? "Ea" : "Eb";
    auto part = OpenRequestPart(party, key, sealed, ops);
    if (!part)
    {
        return Failure{Refusal::OpenFailed, part.GetError()};
    }
    if (part.Value().sessionId != request.sessionId)
    {
        return Failure{Refusal::SessionMismatch,
                       MakeError(Errc::AuthFailed, what + ": sealed M differs from the plain M")};
    }
    if (part.Value().initiatorId != request.initiatorId ||
        part.Value().responderId != request.responderId)
    {
        return Failure{Refusal::IdentityMismatch,
                       MakeError(Errc::AuthFailed, what + ": sealed (" + part.Value().initiatorId +
                                                       ", " + part.Value().responderId +
                                                       ") differ from plain (" +
                                                       request.initiatorId + ", " +
                                                       request.responderId + ") (Boyd-Mao)")};
    }
    return std::move(part).Value();
}

std::optional<OtwayReesKms::Failure>
OtwayReesKms::CheckFresh(const Opened& opened, int64_t nowNs)
{
    struct Sender
    {
        const RequestPart& part;     //!< its request part
        const std::string& identity; //!< its identity
        const char* what;            //!< the part's name
    };
    const Sender senders[] = {{opened.initiator, opened.request.initiatorId, "Ea"},
                              {opened.requester, opened.request.requesterId, "Eb"}};
    // Both clocks first: a stale part must not consume the other part's nonce.
    for (const Sender& s : senders)
    {
        if (!IsWithinSkew(s.part.timestampNs, nowNs, m_config.skewNs))
        {
            return Failure{Refusal::Stale, MakeError(Errc::OutOfRange,
                                                     std::string(s.what) +
                                                         ": T is outside the allowed clock skew")};
        }
    }
    for (const Sender& s : senders)
    {
        auto seen =
            m_replay.Check(mikey::NtpFromNs(s.part.timestampNs), s.part.nonce, s.identity, nowNs);
        if (!seen)
        {
            Error error{seen.GetError().code, std::string(s.what) + ": " + seen.GetError().detail};
            Refusal refusal = error.code == Errc::OutOfRange      ? Refusal::Stale
                              : error.code == Errc::CryptoFailure ? Refusal::Internal
                                                                  : Refusal::Replay;
            return Failure{refusal, error};
        }
    }
    return std::nullopt;
}

std::variant<OtwayReesKms::Opened, OtwayReesKms::Failure>
OtwayReesKms::Check(const KmsRequest& request, int64_t nowNs, kms::CryptoOps& ops)
{
    auto initiatorKey = KeyOf(request.initiatorId, "ID-A");
    if (auto* f = std::get_if<Failure>(&initiatorKey))
    {
        return *f;
    }
    auto requesterKey = KeyOf(request.requesterId, "requester");
    if (auto* f = std::get_if<Failure>(&requesterKey))
    {
        return *f;
    }
    Opened opened{request, {}, {}, std::get<Bytes>(initiatorKey), std::get<Bytes>(requesterKey)};
    auto ea =
        OpenPart(Party::Initiator, opened.initiatorKey, request.sealedInitiator, request, ops);
    if (auto* f = std::get_if<Failure>(&ea))
    {
        return *f;
    }
    auto eb =
        OpenPart(Party::Requester, opened.requesterKey, request.sealedRequester, request, ops);
    if (auto* f = std::get_if<Failure>(&eb))
    {
        return *f;
    }
    opened.initiator = std::get<RequestPart>(ea);
    opened.requester = std::get<RequestPart>(eb);
    if (!m_authorize(request.requesterId, request.initiatorId, request.responderId))
    {
        return Failure{Refusal::NotAuthorized,
                       MakeError(Errc::AuthFailed, "KmsRequest: requester '" + request.requesterId +
                                                       "' may not act for callee '" +
                                                       request.responderId + "'")};
    }
    if (auto f = CheckFresh(opened, nowNs))
    {
        return *f;
    }
    return opened;
}

std::variant<Bytes, OtwayReesKms::Failure>
OtwayReesKms::Grant(const Opened& opened, kms::CryptoOps& ops)
{
    const KmsRequest& r = opened.request;
    ++ops.random;
    KeyGrant grant{opened.initiator.nonce, r.sessionId,   m_drbg.Generate(kSessionKeyLength),
                   r.initiatorId,          r.responderId, r.requesterId};
    auto ea = SealKeyGrant(Party::Initiator, opened.initiatorKey, grant, m_drbg, ops);
    grant.nonce = opened.requester.nonce;
    auto eb = SealKeyGrant(Party::Requester, opened.requesterKey, grant, m_drbg, ops);
    if (!ea || !eb)
    {
        return Failure{Refusal::Internal, (ea ? eb : ea).GetError()};
    }
    return FormatKmsReply(KmsReply{r.sessionId, ea.Value(), eb.Value()});
}

std::variant<Bytes, OtwayReesKms::Failure>
OtwayReesKms::Respond(const KmsRequest& request, int64_t nowNs, kms::CryptoOps& ops)
{
    auto checked = Check(request, nowNs, ops);
    if (auto* f = std::get_if<Failure>(&checked))
    {
        return *f;
    }
    return Grant(std::get<Opened>(checked), ops);
}

OtwayReesKmsOutcome
OtwayReesKms::Handle(const Bytes& request, int64_t nowNs)
{
    OtwayReesKmsOutcome out;
    auto parsed = ParseKmsRequest(request);
    auto reply = parsed
                     ? Respond(parsed.Value(), nowNs, out.ops)
                     : std::variant<Bytes, Failure>(Failure{Refusal::Malformed, parsed.GetError()});
    if (auto* f = std::get_if<Failure>(&reply))
    {
        Bytes sessionId = parsed ? parsed.Value().sessionId : Bytes(kSessionIdLength, 0);
        out.refusal = f->refusal;
        out.error = f->error;
        out.message = FormatErrorMessage(ErrorMessage{sessionId, f->refusal});
        ++m_stats.refused[static_cast<size_t>(f->refusal)];
    }
    else
    {
        out.message = std::move(std::get<Bytes>(reply));
        ++m_stats.keysIssued;
    }
    m_stats.ops += out.ops;
    return out;
}

const OtwayReesKmsStats&
OtwayReesKms::Stats() const
{
    return m_stats;
}

} // namespace otway
} // namespace mediasec
