/**
 * \file
 * The Zk Resolve messages between two KMSs (doc/zk-inter-kms.md): the project's wire form of
 * the envelope (sender, receiver, time, nonce, AES-256-GCM sealed body) and of the request and
 * answer bodies. TS 33.328 names Zk but leaves its encoding open; protection stands in for
 * NDS/IP (TS 33.210) and is done by ZkLink.
 */
#ifndef MEDIASEC_ZK_MESSAGES_H
#define MEDIASEC_ZK_MESSAGES_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/mikey/mikey-payloads.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mediasec
{
namespace kms
{

/** \brief HTTP Content-Type of a Zk message (request and answer). */
inline constexpr const char* kZkContentType = "application/vnd.ims-mediasec.zk";

/** \brief HTTP target of the Zk Resolve (seed 002: only requesttype=ticketresolve on Zk). */
inline constexpr const char* kZkResolveTarget = "/zk?requesttype=ticketresolve";

/** \brief Length of the envelope nonce (the AES-GCM IV). */
constexpr size_t kZkNonceLength = 12;

/** \brief Most identities of a user a Zk request may assert. */
constexpr size_t kZkMaxIdentities = 32;

/** \brief Kind of a Zk message. */
enum class ZkKind : uint8_t
{
    ResolveRequest = 1, //!< the user's KMS asks the ticket's issuer to resolve
    ResolveAnswer = 2,  //!< the issuer's forked keys or its refusal
};

/**
 * \brief The clear part of a Zk message and its sealed body. On the wire:
 * `"ZK" | version 1 | kind | u16 len | sender | u16 len | receiver | T (u64 NTP) | nonce (12)
 * | [request nonce (12), answers only] | sealed body` where everything before the sealed body
 * is the AES-GCM additional data.
 */
struct ZkEnvelope
{
    ZkKind kind = ZkKind::ResolveRequest; //!< request or answer
    std::string sender;                   //!< the sending KMS's URI
    std::string receiver;                 //!< the receiving KMS's URI
    uint64_t timestampNtp = 0;            //!< the sender's clock (NTP-UTC)
    Bytes nonce;                          //!< 12 fresh bytes, the AES-GCM IV
    Bytes requestNonce;                   //!< the nonce of the request answered (answers)
    Bytes sealed;                         //!< AES-256-GCM ciphertext || tag of the body
};

/** \return the additional data of \p envelope: its wire form up to the sealed body. */
Bytes FormatZkEnvelopeHeader(const ZkEnvelope& envelope);

/** \return the wire form of \p envelope. */
Bytes FormatZkEnvelope(const ZkEnvelope& envelope);

/**
 * \brief Parses a Zk message's envelope.
 * \return the envelope; Truncated, Malformed (magic, empty URI), Unsupported (version, kind),
 * BadLength (a sealed body shorter than the tag)
 */
Result<ZkEnvelope> ParseZkEnvelope(const Bytes& data);

/** \brief What the user's KMS asks the ticket's issuer (the body of a Zk Resolve request). */
struct ZkResolveRequest
{
    mikey::TicketPayload ticket;         //!< the TICKET of the user's RESOLVE_INIT
    std::string identity;                //!< the IDRr the user's KMS authenticated
    std::vector<std::string> identities; //!< all identities of that user (USS), for forking
};

/** \return the wire form: `TICKET payload (u32 len) | identity | u8 n | n identities`. */
Bytes FormatZkResolveRequest(const ZkResolveRequest& request);

/**
 * \brief Parses a request body.
 * \return the request; Truncated, BadLength, TooLarge (over kZkMaxIdentities), MissingField
 * (empty identity) or an error of the TICKET payload parser
 */
Result<ZkResolveRequest> ParseZkResolveRequest(const Bytes& data);

/** \brief The keys the issuer forked for the user (what RESOLVE_RESP carries). */
struct ZkForkedKeys
{
    std::string identity; //!< the IDRr forked for
    Bytes randRkms;       //!< RANDRkms
    Bytes mpki;           //!< MPKi
    Bytes forkedMpkr;     //!< MPKr'
    Bytes forkedTgk;      //!< TGK'
};

/** \brief The issuer's refusal: the reason code of KmsCore's Refusal and its detail. */
struct ZkRefusal
{
    uint8_t refusal = 0; //!< a Refusal value
    std::string detail;  //!< why
};

/** \brief The body of a Zk Resolve answer: forked keys or a refusal. */
struct ZkResolveAnswer
{
    std::optional<ZkForkedKeys> keys; //!< set when granted
    std::optional<ZkRefusal> refusal; //!< set when refused
};

/** \return the wire form: `0 | identity | RANDRkms | MPKi | MPKr' | TGK'` or `1 | code | detail`.
 */
Bytes FormatZkResolveAnswer(const ZkResolveAnswer& answer);

/**
 * \brief Parses an answer body.
 * \return the answer; Truncated, BadLength (bytes left), Unsupported (status), MissingField
 * (an empty identity or key)
 */
Result<ZkResolveAnswer> ParseZkResolveAnswer(const Bytes& data);

} // namespace kms
} // namespace mediasec

#endif
