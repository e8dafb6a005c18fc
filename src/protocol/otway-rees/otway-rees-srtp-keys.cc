#include "otway-rees-srtp-keys.h"

#include "otway-rees-constants.h"
#include "protocol/crypto/hmac.h"
#include "protocol/srtp/srtp-suite.h"

namespace mediasec
{
namespace otway
{

namespace
{

/** \return the master key and salt of direction \p direction (one HMAC), or CryptoFailure */
Result<kms::SrtpMasterKey>
DirectionKey(Hmac& prf, uint8_t direction, const Bytes& sessionId, SrtpSuite suite)
{
    Bytes input = ToBytes("otway-rees srtp");
    input.push_back(direction);
    input.insert(input.end(), sessionId.begin(), sessionId.end());
    Bytes out = prf.Compute(input);
    size_t keyLength = SrtpMasterKeyLength(suite);
    size_t saltLength = SrtpMasterSaltLength(suite);
    if (out.size() < keyLength + saltLength)
    {
        return MakeError(Errc::CryptoFailure, "Otway-Rees SRTP key derivation: HMAC failed");
    }
    return kms::SrtpMasterKey{Bytes(out.begin(), out.begin() + keyLength),
                              Bytes(out.begin() + keyLength, out.begin() + keyLength + saltLength)};
}

} // namespace

Result<kms::SrtpSessionKeys>
DeriveOtwayReesSrtpKeys(const Bytes& sessionKey, const Bytes& sessionId)
{
    if (sessionKey.size() != kSessionKeyLength || sessionId.size() != kSessionIdLength)
    {
        return MakeError(Errc::BadLength, "Otway-Rees SRTP key derivation: K must be 32 and M "
                                          "16 bytes");
    }
    auto prf = Hmac::Create(HmacDigest::Sha256, sessionKey);
    if (!prf)
    {
        return prf.GetError();
    }
    kms::SrtpSessionKeys keys;
    auto forward = DirectionKey(prf.Value(), kDirectionInitiatorToResponder, sessionId, keys.suite);
    auto backward =
        DirectionKey(prf.Value(), kDirectionResponderToInitiator, sessionId, keys.suite);
    if (!forward || !backward)
    {
        return (forward ? backward : forward).GetError();
    }
    keys.initiatorToResponder = forward.Value();
    keys.responderToInitiator = backward.Value();
    return keys;
}

} // namespace otway
} // namespace mediasec
