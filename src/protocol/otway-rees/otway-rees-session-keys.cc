#include "otway-rees-session-keys.h"

#include "otway-rees-srtp-keys.h"
#include "protocol/crypto/hmac.h"

namespace mediasec
{
namespace otway
{

Status
CheckGrant(const KeyGrant& grant, const ExpectedGrant& expected, const char* what)
{
    if (!ConstantTimeEqual(grant.nonce, expected.nonce))
    {
        return MakeError(Errc::Replay, std::string(what) + ": nonce is not ours (replayed grant)");
    }
    if (grant.sessionId != expected.sessionId)
    {
        return MakeError(Errc::Replay, std::string(what) + ": sealed M is another session's");
    }
    if (grant.initiatorId != expected.initiatorId)
    {
        return MakeError(Errc::AuthFailed, std::string(what) + ": sealed ID-A '" +
                                               grant.initiatorId + "' is not '" +
                                               expected.initiatorId + "'");
    }
    if (grant.responderId != expected.responderId)
    {
        return MakeError(Errc::AuthFailed, std::string(what) + ": sealed ID-B '" +
                                               grant.responderId + "' is not the callee '" +
                                               expected.responderId + "'");
    }
    return Ok{};
}

Result<OtwayReesKeys>
KeysFromGrant(const KeyGrant& grant, kms::CryptoOps& ops)
{
    ops.mac += kSrtpKeyDerivationMacs;
    auto srtp = DeriveOtwayReesSrtpKeys(grant.sessionKey, grant.sessionId);
    if (!srtp)
    {
        return srtp.GetError();
    }
    return OtwayReesKeys{grant.sessionId,   grant.sessionKey,  grant.initiatorId,
                         grant.responderId, grant.requesterId, srtp.Value()};
}

} // namespace otway
} // namespace mediasec
