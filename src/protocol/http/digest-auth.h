/**
 * \file
 * HTTP Digest access authentication (RFC 2617) with the AKAv1-MD5 algorithm of RFC 3310:
 * the WWW-Authenticate challenge, the Authorization credentials and the request-digest.
 */
#ifndef MEDIASEC_HTTP_DIGEST_AUTH_H
#define MEDIASEC_HTTP_DIGEST_AUTH_H

#include "protocol/common/bytes.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace mediasec
{
namespace http
{

constexpr size_t kMaxDigestHeaderLength = 4096;         //!< longest challenge or credentials value
constexpr size_t kMaxDigestParams = 16;                 //!< most auth-params in one header value
constexpr const char* kAlgorithmAkaV1Md5 = "AKAv1-MD5"; //!< RFC 3310 algorithm token

/** \brief A "WWW-Authenticate: Digest ..." challenge (RFC 2617 3.2.1, RFC 3310 3.1). */
struct DigestChallenge
{
    std::string realm;     //!< realm (mandatory)
    std::string nonce;     //!< nonce (mandatory; RFC 3310: base64(RAND || AUTN || data))
    std::string qop;       //!< qop-options list, e.g. "auth,auth-int" (empty = absent)
    std::string opaque;    //!< opaque (empty = absent)
    std::string algorithm; //!< e.g. "AKAv1-MD5" (empty = absent, meaning MD5)
    std::string domain;    //!< domain (empty = absent)
    bool stale = false;    //!< stale=true: the nonce was stale, retry without re-prompting
};

/** \brief An "Authorization: Digest ..." credentials value (RFC 2617 3.2.2, RFC 3310 3.3). */
struct DigestCredentials
{
    std::string username;  //!< user name (mandatory; the IMPI for GBA)
    std::string realm;     //!< realm (mandatory)
    std::string nonce;     //!< nonce echoed from the challenge (mandatory, may be empty)
    std::string uri;       //!< digest-uri (mandatory)
    std::string response;  //!< request-digest, 32 lower-case hex digits or empty (mandatory)
    std::string algorithm; //!< algorithm (empty = absent)
    std::string cnonce;    //!< client nonce (required with qop)
    std::string opaque;    //!< opaque echoed from the challenge (empty = absent)
    std::string qop;       //!< chosen qop, "auth" or "auth-int" (empty = absent)
    std::string nc;        //!< nonce count, 8 hex digits (required with qop)
    std::string auts;      //!< RFC 3310 auts = base64(AUTS) on synchronisation failure
};

/** \return true when both challenges have equal fields. */
bool operator==(const DigestChallenge& a, const DigestChallenge& b);
/** \return true when both credentials have equal fields. */
bool operator==(const DigestCredentials& a, const DigestCredentials& b);

/**
 * \brief Parses a challenge header value "Digest realm=..., nonce=..., ...".
 * Unknown parameters are ignored (RFC 2617 3.2.1).
 * \return the challenge; Unsupported for another scheme; TooLarge over kMaxDigestHeaderLength
 * or kMaxDigestParams; Malformed naming the parameter (bad quoted string or token, repeated
 * parameter, bad stale); MissingField naming realm or nonce
 */
Result<DigestChallenge> ParseDigestChallenge(std::string_view value);

/** \return the challenge header value (quoted strings escaped). */
std::string FormatDigestChallenge(const DigestChallenge& challenge);

/**
 * \brief Parses a credentials header value "Digest username=..., ...".
 * \return the credentials; errors as ParseDigestChallenge, plus MissingField naming username,
 * realm, nonce, uri, response, or nc/cnonce (non-empty) when qop is present; Malformed for an nc
 * that is not 8 hex digits or a response that is neither empty nor 32 hex digits
 */
Result<DigestCredentials> ParseDigestCredentials(std::string_view value);

/** \return the credentials header value (quoted strings escaped). */
std::string FormatDigestCredentials(const DigestCredentials& credentials);

/**
 * \brief Computes the request-digest of RFC 2617 3.2.2.1: with qop,
 * MD5hex(HA1 ":" nonce ":" nc ":" cnonce ":" qop ":" HA2), without it MD5hex(HA1 ":" nonce ":"
 * HA2), where HA1 = MD5hex(username ":" realm ":" password), HA2 = MD5hex(method ":" uri) for
 * qop auth (or none) and MD5hex(method ":" uri ":" MD5hex(body)) for auth-int.
 * For AKAv1-MD5 the password is RES as raw bytes (RFC 3310 3.4), or empty when answering
 * with auts.
 * \param credentials username, realm, nonce, uri, algorithm, qop, nc and cnonce are used
 * \param password the password bytes
 * \param method the request method, e.g. "GET"
 * \param body the entity body (used for auth-int only)
 * \return 32 lower-case hex digits; Unsupported for an algorithm other than MD5/AKAv1-MD5 or a
 * qop other than auth/auth-int; MissingField for nc or cnonce with qop; CryptoFailure
 */
Result<std::string> DigestResponse(const DigestCredentials& credentials, const Bytes& password,
                                   std::string_view method, std::string_view body);

/** \brief An "Authentication-Info" value (RFC 2617 3.2.3): the server's mutual proof. */
struct DigestAuthenticationInfo
{
    std::string rspauth;   //!< response-digest of the server, 32 hex digits (empty = absent)
    std::string cnonce;    //!< the client's cnonce echoed (empty = absent)
    std::string nc;        //!< the nonce count echoed (empty = absent)
    std::string qop;       //!< the qop used (empty = absent)
    std::string nextnonce; //!< nonce for the next request (empty = absent)
};

/** \return true when both values have equal fields. */
bool operator==(const DigestAuthenticationInfo& a, const DigestAuthenticationInfo& b);

/**
 * \brief Parses an Authentication-Info value (a comma list of auth-params, no scheme).
 * \return the value; TooLarge, Malformed naming the parameter as for the other Digest headers,
 * also for an rspauth that is not 32 hex digits or an nc that is not 8
 */
Result<DigestAuthenticationInfo> ParseDigestAuthenticationInfo(std::string_view value);

/** \return the Authentication-Info value (absent fields omitted). */
std::string FormatDigestAuthenticationInfo(const DigestAuthenticationInfo& info);

/**
 * \brief Computes rspauth (RFC 2617 3.2.3): the request-digest with an empty method, i.e.
 * A2 = ":" uri for qop auth and ":" uri ":" MD5hex(response body) for auth-int, so that the
 * client can check that the server knew the password (RES) and, with auth-int, that the
 * response body is intact.
 * \return 32 lower-case hex digits or the errors of DigestResponse()
 */
Result<std::string> DigestRspAuth(const DigestCredentials& credentials, const Bytes& password,
                                  std::string_view responseBody);

} // namespace http
} // namespace mediasec

#endif
