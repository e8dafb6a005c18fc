/**
 * \file
 * Numbers of the project's Otway-Rees key distribution (doc/otway-rees.md): protocol version,
 * message types, field types (which double as the type tags of the sealed parts), lengths and
 * size limits.
 */
#ifndef MEDIASEC_OTWAY_REES_CONSTANTS_H
#define MEDIASEC_OTWAY_REES_CONSTANTS_H

#include <cstddef>
#include <cstdint>

namespace mediasec
{
namespace otway
{

/** \brief The only protocol version (first byte of every message and of every AEAD's AD). */
constexpr uint8_t kVersion = 1;

/** \brief Second byte of every message: what the message is. */
enum class MessageType : uint8_t
{
    Offer = 1,      //!< A -> B: M, ID-A, ID-B, Ea (in the INVITE's SDP)
    KmsRequest = 2, //!< B (or SGW) -> KMS: M, IDs, Ea, Eb
    KmsReply = 3,   //!< KMS -> B: M, Ea', Eb'
    Answer = 4,     //!< B -> A: M, Ea' (in the 200 OK's SDP)
    Error = 5,      //!< KMS -> B (and B -> A): M and a refusal code
    KeyPush = 6,    //!< SGW -> PSTN MGW: M, ID-SGW, Esm (end-to-middle)
};

/**
 * \brief The type byte of every field. The types of sealed fields (0x10 and up) are also the
 * type tags in the associated data of their AEAD, so one kind can never open as another.
 */
enum class FieldType : uint8_t
{
    Nonce = 0x01,                  //!< Na, Nb or the key push nonce (16 bytes)
    SessionId = 0x02,              //!< M (16 bytes)
    InitiatorId = 0x03,            //!< ID-A (1..255 bytes)
    ResponderId = 0x04,            //!< ID-B, the callee (1..255 bytes)
    Timestamp = 0x05,              //!< T, int64 ns since the Unix epoch (8 bytes, big-endian)
    SessionKey = 0x06,             //!< K (32 bytes)
    RequesterId = 0x07,            //!< the party asking the KMS: B or the SGW (1..255 bytes)
    GatewayId = 0x08,              //!< the SGW pushing a key to the MGW (1..255 bytes)
    RefusalCode = 0x09,            //!< why the KMS refused (1 byte, Refusal)
    SealedInitiatorRequest = 0x10, //!< Ea = AEAD_Ka(RequestPart)
    SealedRequesterRequest = 0x11, //!< Eb = AEAD_Kb(RequestPart)
    SealedInitiatorGrant = 0x12,   //!< Ea' = AEAD_Ka(KeyGrant)
    SealedRequesterGrant = 0x13,   //!< Eb' = AEAD_Kb(KeyGrant)
    SealedKeyPush = 0x14,          //!< Esm = AEAD_Ksm(KeyPushPart)
};

constexpr size_t kNonceLength = 16;        //!< Na, Nb and the key push nonce
constexpr size_t kSessionIdLength = 16;    //!< M
constexpr size_t kSessionKeyLength = 32;   //!< K
constexpr size_t kLongTermKeyLength = 32;  //!< Ka, Kb, Ksg, Ksm (AES-256-GCM keys)
constexpr size_t kTimestampLength = 8;     //!< T
constexpr size_t kMaxIdentityLength = 255; //!< longest ID-A, ID-B, requester or gateway id
constexpr size_t kMaxMessageSize = 4096;   //!< longest message accepted by any parser
/** \brief Shortest sealed value: the 12-byte IV and the 16-byte GCM tag, empty plaintext. */
constexpr size_t kMinSealedLength = 12 + 16;

/** \return true when an identity of \p length bytes fits a field (1..kMaxIdentityLength). */
constexpr bool
IsValidIdentityLength(size_t length)
{
    return length >= 1 && length <= kMaxIdentityLength;
}

/**
 * \return true when the timestamp \p tNs is within \p skewNs of the local clock \p nowNs
 * (|now - T| <= skew, computed without overflow for any T)
 */
constexpr bool
IsWithinSkew(int64_t tNs, int64_t nowNs, int64_t skewNs)
{
    return tNs >= nowNs ? static_cast<uint64_t>(tNs) - static_cast<uint64_t>(nowNs) <=
                              static_cast<uint64_t>(skewNs)
                        : static_cast<uint64_t>(nowNs) - static_cast<uint64_t>(tNs) <=
                              static_cast<uint64_t>(skewNs);
}

} // namespace otway
} // namespace mediasec

#endif
