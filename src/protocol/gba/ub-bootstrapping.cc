#include "ub-bootstrapping.h"

#include "gba-keys.h"
#include "protocol/common/base64.h"
#include "protocol/crypto/digest.h"
#include "protocol/crypto/hmac.h"
#include "protocol/http/aka-nonce.h"
#include "ub-bootstrapping-info.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace mediasec
{
namespace gba
{

namespace
{

constexpr const char* kUbUri = "/";                         //!< request target of Ub
constexpr const char* kUbMethod = "GET";                    //!< method of Ub (TS 24.109 4.4.1)
constexpr const char* kUserAgent = "ims-mediasec 3gpp-gba"; //!< "3gpp-gba" marks GBA support
constexpr const char* kQopAuthInt = "auth-int";             //!< qop of Ub (TS 24.109)
constexpr const char* kNonceCount = "00000001";             //!< each nonce is used once

/** \return a Ub request carrying \p credentials to \p host. */
http::HttpRequest
UbRequest(const std::string& host, const http::DigestCredentials& credentials)
{
    http::HttpRequest request;
    request.method = kUbMethod;
    request.target = kUbUri;
    request.headers = {{"Host", host},
                       {"User-Agent", kUserAgent},
                       {"Authorization", http::FormatDigestCredentials(credentials)}};
    return request;
}

/** \return true when the comma list \p options contains \p option (case-insensitive). */
bool
OffersQop(std::string_view options, std::string_view option)
{
    size_t start = 0;
    while (start <= options.size())
    {
        size_t end = std::min(options.find(',', start), options.size());
        std::string_view item = options.substr(start, end - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
        {
            item.remove_prefix(1);
        }
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
        {
            item.remove_suffix(1);
        }
        if (item.size() == option.size() &&
            std::equal(item.begin(), item.end(), option.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == b;
            }))
        {
            return true;
        }
        start = end + 1;
    }
    return false;
}

/** \return true when \p a equals \p b ignoring ASCII case. */
bool
EqualsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

bool
operator==(const BootstrapRecord& a, const BootstrapRecord& b)
{
    return a.btid == b.btid && a.ks == b.ks && a.rand == b.rand && a.impi == b.impi &&
           a.expiryUnixSeconds == b.expiryUnixSeconds;
}

Result<Bytes>
DeriveKsNafFor(const BootstrapRecord& record, std::string_view nafFqdn,
               const Bytes& uaSecurityProtocolId)
{
    return DeriveKsNaf(record.ks, record.rand, record.impi, nafFqdn, uaSecurityProtocolId);
}

UbClient::UbClient(Milenage milenage, std::string impi, std::string bsfHost, Bytes sqnMs6)
    : m_milenage(std::move(milenage))
    , m_impi(std::move(impi))
    , m_bsfHost(std::move(bsfHost))
    , m_sqnMs(std::move(sqnMs6))
{
}

const Bytes&
UbClient::SqnMs() const
{
    return m_sqnMs;
}

http::HttpRequest
UbClient::Start()
{
    m_state = State::Waiting;
    m_resynced = false;
    m_rand.clear();
    m_ks.clear();
    m_res.clear();
    http::DigestCredentials credentials;
    credentials.username = m_impi;
    credentials.realm = m_bsfHost;
    credentials.uri = kUbUri;
    return UbRequest(m_bsfHost, credentials);
}

Result<UbClientStep>
UbClient::OnResponse(const http::HttpResponse& response)
{
    if (m_state != State::Waiting)
    {
        return MakeError(Errc::InvalidState, "Ub client: no request outstanding");
    }
    Result<UbClientStep> step =
        MakeError(Errc::Unsupported, "Ub: unexpected status " + std::to_string(response.status));
    if (response.status == 401)
    {
        step = OnChallenge(response);
    }
    else if (response.status == 200)
    {
        step = OnSuccess(response);
    }
    else if (response.status == 403)
    {
        step = MakeError(Errc::AuthFailed, "Ub: the BSF refused the authentication (403)");
    }
    if (!step)
    {
        m_state = State::Failed;
        m_ks.clear();
        m_res.clear();
    }
    return step;
}

Result<UbClientStep>
UbClient::OnChallenge(const http::HttpResponse& response)
{
    const std::string* header = http::FindHeader(response.headers, "WWW-Authenticate");
    if (header == nullptr)
    {
        return MakeError(Errc::MissingField, "WWW-Authenticate: missing in 401");
    }
    auto challenge = http::ParseDigestChallenge(*header);
    if (!challenge)
    {
        return challenge.GetError();
    }
    if (!EqualsIgnoreCase(challenge.Value().algorithm, http::kAlgorithmAkaV1Md5))
    {
        return MakeError(Errc::Unsupported, "algorithm: AKAv1-MD5 required");
    }
    auto nonce = http::ParseAkaNonce(challenge.Value().nonce);
    if (!nonce)
    {
        return nonce.GetError();
    }
    const Bytes& rand = nonce.Value().rand;
    http::DigestCredentials credentials;
    credentials.username = m_impi;
    credentials.realm = challenge.Value().realm;
    credentials.nonce = challenge.Value().nonce;
    credentials.uri = kUbUri;
    credentials.algorithm = challenge.Value().algorithm;
    credentials.opaque = challenge.Value().opaque;
    if (OffersQop(challenge.Value().qop, kQopAuthInt) || OffersQop(challenge.Value().qop, "auth"))
    {
        credentials.qop = OffersQop(challenge.Value().qop, kQopAuthInt) ? kQopAuthInt : "auth";
        credentials.nc = kNonceCount;
        Bytes seed = rand;
        seed.insert(seed.end(), m_sqnMs.begin(), m_sqnMs.end());
        seed.insert(seed.end(), m_impi.begin(), m_impi.end());
        Bytes cnonce = Sha256(seed);
        cnonce.resize(12);
        credentials.cnonce = Base64Encode(cnonce);
    }
    Bytes password;
    auto aka = VerifyAutn(m_milenage, rand, nonce.Value().autn, m_sqnMs);
    if (aka)
    {
        auto ks = DeriveKs(aka.Value().ck, aka.Value().ik);
        if (!ks)
        {
            return ks.GetError();
        }
        m_sqnMs = aka.Value().sqn;
        m_rand = rand;
        m_ks = std::move(ks).Value();
        m_res = aka.Value().res;
        password = m_res;
    }
    else if (aka.GetError().code == Errc::Replay && !m_resynced)
    {
        m_resynced = true;
        auto auts = MakeAuts(m_milenage, rand, m_sqnMs);
        if (!auts)
        {
            return auts.GetError();
        }
        credentials.auts = Base64Encode(auts.Value());
        m_ks.clear();
        m_res.clear();
    }
    else
    {
        return aka.GetError();
    }
    auto digest = http::DigestResponse(credentials, password, kUbMethod, "");
    if (!digest)
    {
        return digest.GetError();
    }
    credentials.response = digest.Value();
    m_answer = credentials;
    UbClientStep step;
    step.request = UbRequest(m_bsfHost, credentials);
    return step;
}

Result<UbClientStep>
UbClient::OnSuccess(const http::HttpResponse& response)
{
    if (m_ks.empty())
    {
        return MakeError(Errc::InvalidState, "Ub: 200 before an accepted challenge");
    }
    const std::string* header = http::FindHeader(response.headers, "Authentication-Info");
    if (header == nullptr)
    {
        return MakeError(Errc::MissingField, "Authentication-Info: missing in 200");
    }
    auto proof = http::ParseDigestAuthenticationInfo(*header);
    if (!proof)
    {
        return proof.GetError();
    }
    auto expected = http::DigestRspAuth(m_answer, m_res, response.body);
    if (!expected)
    {
        return expected.GetError();
    }
    if (!ConstantTimeEqual(ToBytes(expected.Value()), ToBytes(proof.Value().rspauth)))
    {
        return MakeError(Errc::AuthFailed, "rspauth: the BSF's proof does not verify");
    }
    auto info = ParseBootstrappingInfo(response.body);
    if (!info)
    {
        return info.GetError();
    }
    const std::string prefix = Base64Encode(m_rand) + "@";
    if (info.Value().btid.compare(0, prefix.size(), prefix) != 0 ||
        info.Value().btid.size() == prefix.size())
    {
        return MakeError(Errc::Malformed, "btid: not base64(RAND)@domain of this run");
    }
    UbClientStep step;
    step.done = true;
    step.record = {info.Value().btid, m_ks, m_rand, m_impi, info.Value().lifetimeUnixSeconds};
    m_state = State::Idle;
    return step;
}

UbServer::UbServer(UbServerConfig config, AvProvider provider)
    : m_config(std::move(config))
    , m_provider(std::move(provider))
{
}

size_t
UbServer::PendingChallenges() const
{
    return m_pending.size();
}

int64_t
UbServer::UnixSeconds(int64_t nowNs) const
{
    return m_config.unixEpochSeconds + nowNs / 1000000000;
}

UbServerReply
UbServer::Refuse(int status, const char* reason, Error error)
{
    UbServerReply reply{http::HttpResponse{}, std::move(error)};
    reply.response.status = status;
    reply.response.reason = reason;
    return reply;
}

UbServerReply
UbServer::Challenge(const AvRequest& avRequest, int64_t nowNs, Status result)
{
    if (m_pending.size() >= m_config.maxPendingChallenges)
    {
        for (auto it = m_pending.begin(); it != m_pending.end();)
        {
            it = nowNs - it->second.issuedNs > m_config.challengeTimeoutNs ? m_pending.erase(it)
                                                                           : std::next(it);
        }
    }
    if (m_pending.size() >= m_config.maxPendingChallenges)
    {
        return Refuse(503, "Service Unavailable",
                      MakeError(Errc::TooLarge, "Ub: too many outstanding challenges"));
    }
    auto vector = m_provider(avRequest);
    if (!vector)
    {
        return Refuse(403, "Forbidden", vector.GetError());
    }
    Bytes serverData(8);
    for (size_t i = 0; i < serverData.size(); ++i)
    {
        serverData[i] = static_cast<uint8_t>(m_nonceCounter >> (56 - 8 * i));
    }
    ++m_nonceCounter;
    auto nonce = http::FormatAkaNonce({vector.Value().rand, vector.Value().autn, serverData});
    if (!nonce)
    {
        return Refuse(500, "Internal Server Error", nonce.GetError());
    }
    http::DigestChallenge challenge;
    challenge.realm = m_config.bsfDomain;
    challenge.nonce = nonce.Value();
    challenge.qop = kQopAuthInt;
    challenge.algorithm = http::kAlgorithmAkaV1Md5;
    m_pending[nonce.Value()] = Pending{avRequest.impi, std::move(vector).Value(), nowNs};
    UbServerReply reply{http::HttpResponse{}, std::move(result)};
    reply.response.status = 401;
    reply.response.reason = "Unauthorized";
    reply.response.headers = {{"WWW-Authenticate", http::FormatDigestChallenge(challenge)}};
    return reply;
}

UbServerReply
UbServer::Handle(const http::HttpRequest& request, int64_t nowNs)
{
    if (request.method != kUbMethod)
    {
        return Refuse(405, "Method Not Allowed",
                      MakeError(Errc::Unsupported, "method: Ub uses GET"));
    }
    const std::string* header = http::FindHeader(request.headers, "Authorization");
    if (header == nullptr)
    {
        return Refuse(400, "Bad Request", MakeError(Errc::MissingField, "Authorization: missing"));
    }
    auto credentials = http::ParseDigestCredentials(*header);
    if (!credentials)
    {
        return Refuse(400, "Bad Request", credentials.GetError());
    }
    const std::string& impi = credentials.Value().username;
    if (credentials.Value().nonce.empty())
    {
        return Challenge({impi, {}, {}}, nowNs, Ok{});
    }
    auto it = m_pending.find(credentials.Value().nonce);
    if (it == m_pending.end() || nowNs - it->second.issuedNs > m_config.challengeTimeoutNs)
    {
        if (it != m_pending.end())
        {
            m_pending.erase(it);
        }
        return Challenge({impi, {}, {}}, nowNs,
                         MakeError(Errc::Replay, "nonce: unknown, already used or expired"));
    }
    const Pending pending = std::move(it->second);
    m_pending.erase(it);
    return Verify(request, credentials.Value(), pending, nowNs);
}

UbServerReply
UbServer::Verify(const http::HttpRequest& request, const http::DigestCredentials& credentials,
                 const Pending& pending, int64_t nowNs)
{
    if (credentials.username != pending.impi)
    {
        return Refuse(403, "Forbidden",
                      MakeError(Errc::AuthFailed, "username: not the challenged IMPI"));
    }
    if (credentials.realm != m_config.bsfDomain || credentials.uri != kUbUri)
    {
        return Refuse(403, "Forbidden",
                      MakeError(Errc::AuthFailed, "realm or uri: not those of the challenge"));
    }
    if (credentials.qop != kQopAuthInt)
    {
        return Refuse(400, "Bad Request", MakeError(Errc::Unsupported, "qop: auth-int required"));
    }
    const Bytes password = credentials.auts.empty() ? pending.vector.xres : Bytes{};
    auto expected = http::DigestResponse(credentials, password, request.method, request.body);
    if (!expected)
    {
        return Refuse(400, "Bad Request", expected.GetError());
    }
    if (!ConstantTimeEqual(ToBytes(expected.Value()), ToBytes(credentials.response)))
    {
        return Refuse(403, "Forbidden",
                      MakeError(Errc::AuthFailed, "response: does not match the challenge"));
    }
    if (!credentials.auts.empty())
    {
        auto auts = Base64Decode(credentials.auts);
        if (!auts)
        {
            return Refuse(400, "Bad Request",
                          MakeError(Errc::Malformed, "auts: " + auts.GetError().detail));
        }
        return Challenge({pending.impi, pending.vector.rand, std::move(auts).Value()}, nowNs, Ok{});
    }
    auto ks = DeriveKs(pending.vector.ck, pending.vector.ik);
    if (!ks)
    {
        return Refuse(500, "Internal Server Error", ks.GetError());
    }
    if (m_records.size() >= m_config.maxRecords)
    {
        for (auto it = m_records.begin(); it != m_records.end();)
        {
            it = UnixSeconds(nowNs) >= it->second.expiryUnixSeconds ? m_records.erase(it)
                                                                    : std::next(it);
        }
    }
    if (m_records.size() >= m_config.maxRecords)
    {
        return Refuse(503, "Service Unavailable",
                      MakeError(Errc::TooLarge, "Ub: bootstrapping record store full"));
    }
    BootstrapRecord record{MakeBtid(pending.vector.rand, m_config.bsfDomain), std::move(ks).Value(),
                           pending.vector.rand, pending.impi,
                           UnixSeconds(nowNs) + m_config.lifetimeSeconds};
    auto body = FormatBootstrappingInfo({record.btid, record.expiryUnixSeconds});
    if (!body)
    {
        return Refuse(500, "Internal Server Error", body.GetError());
    }
    auto rspauth = http::DigestRspAuth(credentials, pending.vector.xres, body.Value());
    if (!rspauth)
    {
        return Refuse(500, "Internal Server Error", rspauth.GetError());
    }
    http::DigestAuthenticationInfo proof;
    proof.rspauth = rspauth.Value();
    proof.cnonce = credentials.cnonce;
    proof.nc = credentials.nc;
    proof.qop = credentials.qop;
    m_records[record.btid] = std::move(record);
    UbServerReply reply{http::HttpResponse{}, Ok{}};
    reply.response.status = 200;
    reply.response.reason = "OK";
    reply.response.headers = {{"Content-Type", kBsfContentType},
                              {"Authentication-Info", http::FormatDigestAuthenticationInfo(proof)}};
    reply.response.body = std::move(body).Value();
    return reply;
}

Result<BootstrapRecord>
UbServer::Lookup(std::string_view btid, int64_t nowNs) const
{
    auto it = m_records.find(btid);
    if (it == m_records.end())
    {
        return MakeError(Errc::MissingField, "B-TID: unknown");
    }
    if (UnixSeconds(nowNs) >= it->second.expiryUnixSeconds)
    {
        return MakeError(Errc::OutOfRange, "B-TID: expired");
    }
    return it->second;
}

Result<Bytes>
UbServer::NafKey(std::string_view btid, std::string_view nafFqdn, const Bytes& uaSecurityProtocolId,
                 int64_t nowNs) const
{
    auto record = Lookup(btid, nowNs);
    if (!record)
    {
        return record.GetError();
    }
    return DeriveKsNafFor(record.Value(), nafFqdn, uaSecurityProtocolId);
}

} // namespace gba
} // namespace mediasec
