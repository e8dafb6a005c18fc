/**
 * \file
 * The two sealed plaintexts of the Otway-Rees exchange (doc/otway-rees.md): the request part
 * {N, M, A, B, T} that the initiator seals as Ea and the requester as Eb, and the key grant
 * {N, M, K, A, B, R} that the KMS seals as Ea' and Eb'. Each is sealed with the type tag of its
 * kind and sender, so the four ciphertexts are pairwise incompatible.
 */
#ifndef MEDIASEC_OTWAY_REES_PARTS_H
#define MEDIASEC_OTWAY_REES_PARTS_H

#include "otway-rees-constants.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/kms/ticket-crypto.h"

#include <cstdint>
#include <string>

namespace mediasec
{
namespace otway
{

/** \brief Who sealed a request part or receives a key grant. */
enum class Party : uint8_t
{
    Initiator, //!< A, key Ka (Ea, Ea')
    Requester, //!< B or the SGW, key Kb / Ksg (Eb, Eb')
};

/** \brief The plaintext of Ea and Eb. */
struct RequestPart
{
    Bytes nonce;             //!< Na or Nb (kNonceLength bytes)
    Bytes sessionId;         //!< M (kSessionIdLength bytes)
    std::string initiatorId; //!< ID-A
    std::string responderId; //!< ID-B, the callee
    int64_t timestampNs = 0; //!< T, the sender's clock in ns since the Unix epoch
};

/** \brief The plaintext of Ea' and Eb'. */
struct KeyGrant
{
    Bytes nonce;             //!< the nonce of the matching request part
    Bytes sessionId;         //!< M
    Bytes sessionKey;        //!< K (kSessionKeyLength bytes)
    std::string initiatorId; //!< ID-A
    std::string responderId; //!< ID-B, the callee
    std::string requesterId; //!< who asked the KMS and holds K besides A (B or an SGW)
};

/** \return the field type tagging the request part sealed by \p party (0x10 or 0x11). */
FieldType RequestTag(Party party);

/** \return the field type tagging the key grant for \p party (0x12 or 0x13). */
FieldType GrantTag(Party party);

/** \return the field encoding Nonce, SessionId, InitiatorId, ResponderId, Timestamp. */
Bytes EncodeRequestPart(const RequestPart& part);

/** \return the part, or the FieldReader errors (exactly the five fields, in order). */
Result<RequestPart> DecodeRequestPart(const Bytes& plaintext);

/**
 * \return the field encoding Nonce, SessionId, SessionKey, InitiatorId, ResponderId,
 * RequesterId.
 */
Bytes EncodeKeyGrant(const KeyGrant& grant);

/** \return the grant, or the FieldReader errors (exactly the six fields, in order). */
Result<KeyGrant> DecodeKeyGrant(const Bytes& plaintext);

/** \return Ea or Eb: \p part sealed under \p key with RequestTag(\p party), or SealPart errors */
Result<Bytes> SealRequestPart(Party party, const Bytes& key, const RequestPart& part, Drbg& drbg,
                              kms::CryptoOps& ops);

/** \return the part inside Ea or Eb, or the errors of OpenPart and DecodeRequestPart */
Result<RequestPart> OpenRequestPart(Party party, const Bytes& key, const Bytes& sealed,
                                    kms::CryptoOps& ops);

/** \return Ea' or Eb': \p grant sealed under \p key with GrantTag(\p party), or SealPart errors */
Result<Bytes> SealKeyGrant(Party party, const Bytes& key, const KeyGrant& grant, Drbg& drbg,
                           kms::CryptoOps& ops);

/** \return the grant inside Ea' or Eb', or the errors of OpenPart and DecodeKeyGrant */
Result<KeyGrant> OpenKeyGrant(Party party, const Bytes& key, const Bytes& sealed,
                              kms::CryptoOps& ops);

} // namespace otway
} // namespace mediasec

#endif
