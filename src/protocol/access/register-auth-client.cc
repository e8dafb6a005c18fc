#include "register-auth-client.h"

#include "header-params.h"
#include "protocol/gba/aka.h"
#include "protocol/http/aka-nonce.h"
#include "protocol/http/digest-auth.h"
#include "register-auth-server.h"

namespace mediasec
{
namespace access
{

namespace
{

constexpr const char* kNonceCount = "00000001"; //!< each nonce is answered once

/** \return true when the comma-separated token list \p list contains \p token. */
bool
ListHasToken(std::string_view list, std::string_view token)
{
    size_t pos = 0;
    while (pos < list.size())
    {
        auto item = ReadHeaderParam(list, pos, "qop");
        if (!item)
        {
            return false;
        }
        if (item.Value().name == token && !item.Value().hasValue)
        {
            return true;
        }
        pos += pos < list.size() && list[pos] == ',';
    }
    return false;
}

} // namespace

std::string
FormatInitialAuthorization(std::string_view impi, std::string_view realm, std::string_view uri)
{
    http::DigestCredentials credentials;
    credentials.username = std::string(impi);
    credentials.realm = std::string(realm);
    credentials.uri = std::string(uri);
    return http::FormatDigestCredentials(credentials);
}

Result<RegisterAnswer>
AnswerRegisterChallenge(gba::Milenage& usim, const Bytes& sqnMs, const sip::SipMessage& challenge,
                        const RegisterIdentity& identity)
{
    if (challenge.StatusCode() != 401)
    {
        return MakeError(Errc::Unsupported, "IMS AKA: not a 401 challenge");
    }
    const auto values = challenge.GetHeaders("WWW-Authenticate");
    if (values.size() != 1)
    {
        return MakeError(values.empty() ? Errc::MissingField : Errc::Unsupported,
                         "WWW-Authenticate: exactly one challenge expected");
    }
    auto parsed = http::ParseDigestChallenge(values.front());
    if (!parsed)
    {
        return parsed.GetError();
    }
    const http::DigestChallenge& offer = parsed.Value();
    if (offer.algorithm != http::kAlgorithmAkaV1Md5)
    {
        return MakeError(Errc::Unsupported, "algorithm: AKAv1-MD5 required");
    }
    http::DigestCredentials credentials;
    credentials.username = identity.impi;
    credentials.realm = offer.realm;
    credentials.nonce = offer.nonce;
    credentials.uri = identity.uri;
    credentials.algorithm = offer.algorithm;
    credentials.opaque = offer.opaque;
    if (!offer.qop.empty())
    {
        if (!ListHasToken(offer.qop, kRegisterQop))
        {
            return MakeError(Errc::Unsupported, "qop: auth not offered");
        }
        if (identity.cnonce.empty())
        {
            return MakeError(Errc::MissingField, "cnonce: empty with qop");
        }
        credentials.qop = kRegisterQop;
        credentials.nc = kNonceCount;
        credentials.cnonce = identity.cnonce;
    }
    auto nonce = http::ParseAkaNonce(offer.nonce);
    if (!nonce)
    {
        return nonce.GetError();
    }
    auto aka = gba::VerifyAutn(usim, nonce.Value().rand, nonce.Value().autn, sqnMs);
    if (!aka)
    {
        return aka.GetError();
    }
    auto response = http::DigestResponse(credentials, aka.Value().res, kRegisterMethod, "");
    if (!response)
    {
        return response.GetError();
    }
    credentials.response = response.Value();
    return RegisterAnswer{http::FormatDigestCredentials(credentials),
                          {aka.Value().ck, aka.Value().ik},
                          aka.Value().sqn};
}

} // namespace access
} // namespace mediasec
