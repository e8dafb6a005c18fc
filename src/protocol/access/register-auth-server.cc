#include "register-auth-server.h"

#include "aka-challenge-keys.h"
#include "protocol/crypto/hmac.h"
#include "protocol/http/aka-nonce.h"
#include "protocol/http/digest-auth.h"
#include "protocol/ims/proxy-routing.h"

namespace mediasec
{
namespace access
{

namespace
{

/** \return the Authorization credentials of a REGISTER, or the error. */
Result<http::DigestCredentials>
ReadCredentials(const sip::SipMessage& request)
{
    if (request.Method() != kRegisterMethod)
    {
        return MakeError(Errc::Unsupported, "IMS AKA: not a REGISTER");
    }
    const auto header = request.GetHeader("Authorization");
    if (!header)
    {
        return MakeError(Errc::MissingField, "Authorization: missing");
    }
    auto credentials = http::ParseDigestCredentials(*header);
    if (credentials && credentials.Value().username.empty())
    {
        return MakeError(Errc::MissingField, "Authorization: empty username");
    }
    return credentials;
}

} // namespace

Result<std::string>
ReadRegisterImpi(const sip::SipMessage& request)
{
    auto credentials = ReadCredentials(request);
    if (!credentials)
    {
        return credentials.GetError();
    }
    return std::move(credentials).Value().username;
}

Result<RegisterChallenge>
MakeRegisterChallenge(const sip::SipMessage& request, const gba::AuthVector& vector,
                      std::string_view realm, const Bytes& serverData)
{
    auto impi = ReadRegisterImpi(request);
    if (!impi)
    {
        return impi.GetError();
    }
    auto nonce = http::FormatAkaNonce({vector.rand, vector.autn, serverData});
    if (!nonce)
    {
        return nonce.GetError();
    }
    http::DigestChallenge challenge;
    challenge.realm = std::string(realm);
    challenge.nonce = nonce.Value();
    challenge.qop = kRegisterQop;
    challenge.algorithm = http::kAlgorithmAkaV1Md5;
    auto value = FormatChallengeWithKeys(challenge, {vector.ck, vector.ik});
    if (!value)
    {
        return value.GetError();
    }
    RegisterChallenge out{ims::MakeResponseTo(request, 401, "Unauthorized"),
                          {std::move(impi).Value(), challenge.realm, nonce.Value(), vector.xres}};
    out.response.AddHeader("WWW-Authenticate", value.Value());
    return out;
}

Status
VerifyRegisterAnswer(const sip::SipMessage& request, const PendingAkaChallenge& pending)
{
    auto read = ReadCredentials(request);
    if (!read)
    {
        return read.GetError();
    }
    const http::DigestCredentials& credentials = read.Value();
    if (credentials.nonce != pending.nonce)
    {
        return MakeError(Errc::Replay, "nonce: not the pending challenge");
    }
    if (credentials.username != pending.impi || credentials.realm != pending.realm)
    {
        return MakeError(Errc::AuthFailed, "username/realm: not those challenged");
    }
    if (!credentials.auts.empty())
    {
        return MakeError(Errc::Unsupported, "auts: re-synchronisation is not supported");
    }
    if (credentials.algorithm != http::kAlgorithmAkaV1Md5)
    {
        return MakeError(Errc::Unsupported, "algorithm: AKAv1-MD5 required");
    }
    if (credentials.qop != kRegisterQop)
    {
        return MakeError(Errc::Unsupported, "qop: auth required");
    }
    if (credentials.uri != request.RequestUri())
    {
        return MakeError(Errc::Malformed, "uri: not the Request-URI");
    }
    auto expected = http::DigestResponse(credentials, pending.xres, kRegisterMethod, "");
    if (!expected)
    {
        return expected.GetError();
    }
    if (!ConstantTimeEqual(ToBytes(expected.Value()), ToBytes(credentials.response)))
    {
        return MakeError(Errc::AuthFailed, "response: RES does not match XRES");
    }
    return Ok{};
}

} // namespace access
} // namespace mediasec
