/**
 * \file
 * MIKEY payloads (RFC 3830 section 6 and RFC 6043 section 6): typed structs, a one-payload
 * reader/writer used by the message codec, and the codec of Key data sub-payloads (6.13) that
 * travel inside the KEMAC encrypted data.
 *
 * Every payload starts with a next-payload byte naming the type of the payload that follows.
 * The structs do not store it: the reader returns it and the writer is given it, so a chain is
 * consistent by construction. Fields that have no explicit length (T, TR, the MAC of KEMAC and
 * V) take their length from their type or algorithm.
 */
#ifndef MEDIASEC_MIKEY_PAYLOADS_H
#define MEDIASEC_MIKEY_PAYLOADS_H

#include "mikey-header.h"
#include "protocol/common/byte-reader.h"
#include "protocol/common/byte-writer.h"
#include "protocol/common/bytes.h"

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

namespace mediasec
{
namespace mikey
{

/** \brief Most payloads accepted in one chain (message, TP data, Initiator Data, key data). */
constexpr size_t kMaxPayloads = 64;

/** \brief Shortest RAND/RANDR value accepted (RFC 3830 6.11: at least 128 bits). */
constexpr size_t kMinRandLength = 16;

/** \brief Next-payload numbers (RFC 3830 Table 6.1.b, RFC 6043 Table 6.2, RFC 6509). */
enum class PayloadType : uint8_t
{
    Last = 0,        //!< no further payload
    Kemac = 1,       //!< key data transport
    Pke = 2,         //!< envelope data (not supported)
    Dh = 3,          //!< DH data (not supported)
    Sign = 4,        //!< signature (not supported)
    T = 5,           //!< timestamp
    Id = 6,          //!< identity
    Cert = 7,        //!< certificate (not supported)
    Chash = 8,       //!< certificate hash (not supported)
    V = 9,           //!< verification
    Sp = 10,         //!< security policy
    Rand = 11,       //!< RAND
    Err = 12,        //!< error
    Tr = 13,         //!< timestamp with role (RFC 6043)
    Idr = 14,        //!< identity with role (RFC 6043)
    Randr = 15,      //!< RAND with role (RFC 6043)
    Tp = 16,         //!< ticket policy (RFC 6043)
    Ticket = 17,     //!< ticket (RFC 6043)
    KeyData = 20,    //!< key data sub-payload (inside KEMAC)
    GeneralExt = 21, //!< general extension
    Sakke = 26,      //!< SAKKE (RFC 6509, not supported)
};

/** \return the RFC name of payload type \p type, e.g. "KEMAC", or "unknown". */
const char* PayloadTypeName(uint8_t type);

/** \brief KEMAC Encr alg (RFC 3830 6.2, RFC 6043 Table 6.5). */
enum class EncrAlg : uint8_t
{
    Null = 0,     //!< no encryption
    AesCm128 = 1, //!< AES-CM, 128-bit key
    AesKw128 = 2, //!< AES key wrap, 128-bit key
    AesCm256 = 3, //!< AES-CM, 256-bit key (RFC 6043)
};

/** \brief MAC alg of KEMAC and Auth alg of V (RFC 3830 6.2, RFC 6043 Table 6.6). */
enum class MacAlg : uint8_t
{
    Null = 0,           //!< no MAC (0 bytes)
    HmacSha1_160 = 1,   //!< HMAC-SHA-1, 160-bit MAC
    HmacSha256_256 = 2, //!< HMAC-SHA-256, 256-bit MAC (RFC 6043)
};

/** \return the MAC length in bytes of \p alg (0, 20 or 32). */
size_t MacLength(MacAlg alg);

/** \brief Timestamp type (RFC 3830 6.6, RFC 6043 Table 6.8). */
enum class TsType : uint8_t
{
    NtpUtc = 0,   //!< NTP-UTC, 64 bits
    Ntp = 1,      //!< NTP, 64 bits
    Counter = 2,  //!< COUNTER, 32 bits
    NtpUtc32 = 3, //!< NTP-UTC-32, 32 bits (RFC 6043)
};

/** \return the TS value length in bytes of \p type (8 or 4). */
size_t TimestampLength(TsType type);

/** \brief ID type of ID and IDR payloads (RFC 3830 6.7, RFC 6043 Table 6.10). */
enum class IdType : uint8_t
{
    Nai = 0,        //!< network access identifier
    Uri = 1,        //!< URI
    ByteString = 2, //!< byte string (RFC 6043)
};

/** \brief ID Role of an IDR payload (RFC 6043 Table 6.11, RFC 6509 adds 6 and 7). */
enum class IdRole : uint8_t
{
    Initiator = 1,    //!< IDRi
    Responder = 2,    //!< IDRr
    Kms = 3,          //!< IDRkms
    PreSharedKey = 4, //!< IDRpsk
    Application = 5,  //!< IDRapp
    InitiatorKms = 6, //!< IDRkmsi (RFC 6509)
    ResponderKms = 7, //!< IDRkmsr (RFC 6509)
};

/** \brief TS Role of a TR payload (RFC 6043 Table 6.9). */
enum class TsRole : uint8_t
{
    Issue = 1,         //!< TRi: time of issue
    ValidityStart = 2, //!< TRs: start of validity
    ValidityEnd = 3,   //!< TRe: end of validity
    RekeyInterval = 4, //!< TRr: rekeying interval (NTP-UTC-32)
};

/** \brief RAND Role of a RANDR payload (RFC 6043 Table 6.12). */
enum class RandRole : uint8_t
{
    Initiator = 1, //!< RANDRi
    Responder = 2, //!< RANDRr
    Kms = 3,       //!< RANDRkms
};

/** \brief Error no of an ERR payload (RFC 3830 Table 6.12, RFC 6043 Table 6.14); any value parses.
 */
enum class ErrorNo : uint8_t
{
    AuthFailure = 0,    //!< authentication failure
    InvalidTs = 1,      //!< invalid timestamp
    InvalidPrf = 2,     //!< PRF function not supported
    InvalidMac = 3,     //!< MAC algorithm not supported
    InvalidEa = 4,      //!< encryption algorithm not supported
    InvalidHa = 5,      //!< hash function not supported
    InvalidDh = 6,      //!< DH group not supported
    InvalidId = 7,      //!< ID not supported
    InvalidCert = 8,    //!< certificate not supported
    InvalidSp = 9,      //!< SP type not supported
    InvalidSpPar = 10,  //!< SP parameters not supported
    InvalidDt = 11,     //!< data type not supported
    Unspecified = 12,   //!< unspecified error
    InvalidTicket = 14, //!< ticket type not supported (RFC 6043)
    InvalidTpPar = 15,  //!< TP parameters not supported (RFC 6043)
};

/** \brief SRTP policy parameter types of the SP payload (RFC 3830 Table 6.10.1.a, RFC 7714). */
enum class SrtpPolicyParam : uint8_t
{
    EncrAlg = 0,             //!< 0 NULL, 1 AES-CM, 2 AES-F8, 6 AES-GCM
    EncrKeyLength = 1,       //!< session encryption key length (bytes)
    AuthAlg = 2,             //!< 0 NULL, 1 HMAC-SHA-1
    AuthKeyLength = 3,       //!< session authentication key length (bytes)
    SaltKeyLength = 4,       //!< session salt key length (bytes)
    Prf = 5,                 //!< SRTP PRF (0 AES-CM)
    KeyDerivationRate = 6,   //!< key derivation rate
    SrtpEncryption = 7,      //!< SRTP encryption off/on
    SrtcpEncryption = 8,     //!< SRTCP encryption off/on
    FecOrder = 9,            //!< sender's FEC order
    SrtpAuthentication = 10, //!< SRTP authentication off/on
    AuthTagLength = 11,      //!< authentication tag length (bytes)
    PrefixLength = 12,       //!< SRTP prefix length
    AeadTagLength = 20,      //!< AEAD authentication tag length (RFC 7714)
};

/** \brief KEMAC (RFC 3830 6.2): the encrypted key data stays opaque here. */
struct KemacPayload
{
    static constexpr PayloadType kType = PayloadType::Kemac; //!< payload type number
    EncrAlg encrAlg = EncrAlg::AesCm128;                     //!< encryption of encrData
    Bytes encrData;                       //!< encrypted Key data sub-payloads (< 64 KiB)
    MacAlg macAlg = MacAlg::HmacSha1_160; //!< MAC algorithm
    Bytes mac;                            //!< MAC, MacLength(macAlg) bytes
};

/** \brief T (RFC 3830 6.6): a 64-bit or 32-bit timestamp. */
struct TimestampPayload
{
    static constexpr PayloadType kType = PayloadType::T; //!< payload type number
    TsType tsType = TsType::NtpUtc;                      //!< timestamp type
    uint64_t value = 0; //!< TS value (the low 32 bits for 32-bit types)
};

/** \brief ID (RFC 3830 6.7). */
struct IdPayload
{
    static constexpr PayloadType kType = PayloadType::Id; //!< payload type number
    IdType idType = IdType::Uri;                          //!< ID type
    Bytes data;                                           //!< ID data, 1..65535 bytes
};

/** \brief V (RFC 3830 6.9). */
struct VerificationPayload
{
    static constexpr PayloadType kType = PayloadType::V; //!< payload type number
    MacAlg macAlg = MacAlg::HmacSha1_160;                //!< Auth alg
    Bytes mac; //!< verification data, MacLength(macAlg) bytes
};

/** \brief One SP policy parameter (type, length 8 bits, value). */
struct PolicyParam
{
    uint8_t type = 0; //!< parameter type (for SRTP see SrtpPolicyParam)
    Bytes value;      //!< value, at most 255 bytes
};

/** \brief SP (RFC 3830 6.10). */
struct SecurityPolicyPayload
{
    static constexpr PayloadType kType = PayloadType::Sp; //!< payload type number
    uint8_t policyNo = 0;            //!< policy number referenced by the CS ID map
    uint8_t protType = 0;            //!< security protocol (0 = SRTP)
    std::vector<PolicyParam> params; //!< policy parameters in wire order
};

/** \brief RAND (RFC 3830 6.11). */
struct RandPayload
{
    static constexpr PayloadType kType = PayloadType::Rand; //!< payload type number
    Bytes rand;                                             //!< random value, 16..255 bytes
};

/** \brief ERR (RFC 3830 6.12). */
struct ErrorPayload
{
    static constexpr PayloadType kType = PayloadType::Err; //!< payload type number
    ErrorNo errorNo = ErrorNo::Unspecified; //!< error number (unknown values are kept)
    uint16_t reserved = 0;                  //!< reserved field, kept as sent
};

/** \brief General Extension (RFC 3830 6.15). */
struct GeneralExtPayload
{
    static constexpr PayloadType kType = PayloadType::GeneralExt; //!< payload type number
    uint8_t extType = 0; //!< 0 vendor ID, 1 SDP IDs, other registered values
    Bytes data;          //!< extension data, at most 65535 bytes
};

/** \brief TR, timestamp with role (RFC 6043 6.4). */
struct TimestampRolePayload
{
    static constexpr PayloadType kType = PayloadType::Tr; //!< payload type number
    TsRole role = TsRole::Issue;                          //!< TS Role
    TsType tsType = TsType::NtpUtc;                       //!< timestamp type
    uint64_t value = 0; //!< TS value (the low 32 bits for 32-bit types)
};

/** \brief IDR, identity with role (RFC 6043 6.6). */
struct IdRolePayload
{
    static constexpr PayloadType kType = PayloadType::Idr; //!< payload type number
    IdRole role = IdRole::Initiator;                       //!< ID Role
    IdType idType = IdType::Uri;                           //!< ID type
    Bytes data;                                            //!< ID data, 1..65535 bytes
};

/** \brief RANDR, RAND with role (RFC 6043 6.8). */
struct RandRolePayload
{
    static constexpr PayloadType kType = PayloadType::Randr; //!< payload type number
    RandRole role = RandRole::Initiator;                     //!< RAND Role
    Bytes rand;                                              //!< random value, 16..255 bytes
};

/** \brief A payload allowed in TP Data: [IDRkms], [IDRi], [TRs], [TRe], [TRr], [KEMAC], IDRs. */
using TicketPolicyEntry = std::variant<IdRolePayload, TimestampRolePayload, KemacPayload>;

/** \brief The flags D..O of the Ticket Policy (RFC 6043 6.10). */
struct TicketFlags
{
    bool kmsGenerated = false;       //!< D: the KMS generated the ticket
    bool resolveMandatory = false;   //!< E: the Ticket Resolve exchange is mandatory
    bool responseRequired = false;   //!< F: TRANSFER_RESP shall be sent
    bool responderRand = false;      //!< G: the Responder shall generate RANDRr
    bool initiatorRandInTgk = false; //!< H: RANDRi shall be used in TGK/GTGK derivation
    bool keyForking = false;         //!< I: key forking shall be used
    bool reusable = false;           //!< J: the ticket may be reused and cached
    bool kmsChanged = false;         //!< K: the KMS changed the desired TP or KEMAC
    bool initiatorKeys = false;      //!< L: the Initiator may supply session keys
    bool responderKeys = false;      //!< M: the Responder may supply session keys
    bool initiatorCompliant = false; //!< N: an RFC 6043 Initiator can use the ticket
    bool responderCompliant = false; //!< O: an RFC 6043 Responder can process the ticket
};

/** \brief TP, ticket policy (RFC 6043 6.10); also the leading part of TICKET. */
struct TicketPolicyPayload
{
    static constexpr PayloadType kType = PayloadType::Tp; //!< payload type number
    uint16_t ticketType = 0;                 //!< 1 MIKEY base ticket, 2 3GPP base ticket, ...
    uint8_t subtype = 0;                     //!< ticket subtype
    uint8_t version = 0;                     //!< ticket version
    PrfFunc prfFunc = PrfFunc::Mikey1;       //!< PRF for forking and ticket keys
    TicketFlags flags;                       //!< D..O
    uint8_t reserved = 0;                    //!< Res (5 bits), kept as sent
    std::vector<TicketPolicyEntry> payloads; //!< TP Data payload chain (may be empty)
};

/** \brief TICKET (RFC 6043 6.10): policy, opaque Ticket Data and the Initiator Data. */
struct TicketPayload
{
    static constexpr PayloadType kType = PayloadType::Ticket; //!< payload type number
    TicketPolicyPayload policy;                               //!< the policy part
    Bytes ticketData;                               //!< Ticket Data (type specific), < 64 KiB
    std::vector<VerificationPayload> initiatorData; //!< Initiator Data: Vi, Vr (empty if I=0)
};

/** \brief Any supported payload of a MIKEY message. */
using Payload = std::variant<KemacPayload, TimestampPayload, IdPayload, VerificationPayload,
                             SecurityPolicyPayload, RandPayload, ErrorPayload, GeneralExtPayload,
                             TimestampRolePayload, IdRolePayload, RandRolePayload,
                             TicketPolicyPayload, TicketPayload>;

/** \return the payload type number of \p payload. */
PayloadType TypeOf(const Payload& payload);

/** \brief A payload read from the wire with the next-payload field it carried. */
struct ReadPayloadResult
{
    Payload payload;     //!< the payload
    uint8_t nextPayload; //!< type of the following payload (0: last)
};

/**
 * \brief Reads one payload of type \p type (named by the previous next-payload field).
 * \return the payload, or a typed error whose detail names the payload and field:
 * Unsupported (unknown or unsupported payload type, algorithm, TS/ID type, role, KV type),
 * Truncated (a fixed field past the end), BadLength (a declared length past the end, a
 * MAC/TS value of the wrong length in a last payload, nested data not consumed exactly),
 * OutOfRange (RAND shorter than kMinRandLength, zero-length ID), Malformed (a payload not
 * allowed inside TP Data or Initiator Data), TooLarge (a nested chain over kMaxPayloads).
 */
Result<ReadPayloadResult> ReadPayload(ByteReader& reader, uint8_t type);

/**
 * \brief Reads the payload chain that starts with type \p firstType and ends with a next
 * payload of 0, and requires \p reader to be consumed exactly.
 * \return the payloads, or TooLarge (more than kMaxPayloads, detail starting with \p where),
 * BadLength (bytes after the last payload) or an error of ReadPayload.
 */
Result<std::vector<Payload>> ReadPayloadChain(ByteReader& reader, uint8_t firstType,
                                              const char* where);

/** \brief Fields WritePayload leaves out to build MAC inputs (RFC 3830 5.2, RFC 6043 5.5). */
struct WriteOmissions
{
    bool mac = false;           //!< the MAC field of KEMAC or V
    bool initiatorData = false; //!< Initiator Data length and Initiator Data of TICKET
};

/**
 * \brief Appends \p payload with \p nextPayload as its next-payload field. Lengths are taken
 * from the vectors, which must fit their fields (as in every parsed payload).
 */
void WritePayload(ByteWriter& writer, const Payload& payload, uint8_t nextPayload,
                  WriteOmissions omit = {});

/**
 * \brief The input of the MIKEY base ticket MAC (RFC 6043 A.1): the TICKET payload without its
 * next-payload byte, the Initiator Data length, the Initiator Data and the last \p macLength
 * bytes of Ticket Data (the ticket's V MAC).
 * \return the bytes, or OutOfRange if Ticket Data is shorter than \p macLength.
 */
Result<Bytes> FormatTicketForMac(const TicketPayload& ticket, size_t macLength);

/** \brief Key data Type (RFC 3830 6.13, RFC 6043 Table 6.7). */
enum class KeyDataType : uint8_t
{
    Tgk = 0,      //!< TGK
    TgkSalt = 1,  //!< TGK + SALT
    Tek = 2,      //!< TEK
    TekSalt = 3,  //!< TEK + SALT
    Gtgk = 4,     //!< GTGK (RFC 6043)
    GtgkSalt = 5, //!< GTGK + SALT (RFC 6043)
    Mpk = 6,      //!< MPK (RFC 6043)
};

/** \return true when key data of type \p type carries a salt. */
bool HasSalt(KeyDataType type);

/** \brief Key validity (KV) type of a Key data sub-payload (RFC 3830 6.13). */
enum class KeyValidity : uint8_t
{
    Null = 0,     //!< no validity data
    SpiMki = 1,   //!< SPI/MKI
    Interval = 2, //!< valid-from / valid-to interval
};

/** \brief Key data sub-payload (RFC 3830 6.13, KV data 6.14). */
struct KeyDataPayload
{
    static constexpr PayloadType kType = PayloadType::KeyData; //!< payload type number
    KeyDataType type = KeyDataType::Tgk;                       //!< key type
    KeyValidity validity = KeyValidity::Null;                  //!< KV type
    Bytes key;                                                 //!< key data, 1..65535 bytes
    Bytes salt;      //!< salt, 1..65535 bytes iff HasSalt(type)
    Bytes spi;       //!< SPI/MKI (KV SpiMki), at most 255 bytes
    Bytes validFrom; //!< Valid From (KV Interval), at most 255 bytes
    Bytes validTo;   //!< Valid To (KV Interval), at most 255 bytes
};

/**
 * \brief Parses the plaintext of KEMAC encrypted data: a chain of Key data sub-payloads
 * (next payload 20 between them, 0 after the last) filling \p plaintext exactly.
 * \return the keys, or Truncated, BadLength (length past the end, bytes after the last key),
 * Unsupported (unknown Type or KV, a next payload other than 20 or 0), OutOfRange (zero-length
 * key or salt), TooLarge (more than kMaxPayloads keys).
 */
Result<std::vector<KeyDataPayload>> ParseKeyDataList(const Bytes& plaintext);

/** \return the wire form of \p keys (ParseKeyDataList's inverse); empty for no keys. */
Bytes FormatKeyDataList(const std::vector<KeyDataPayload>& keys);

bool operator==(const KemacPayload& a, const KemacPayload& b);                   //!< equality
bool operator==(const TimestampPayload& a, const TimestampPayload& b);           //!< equality
bool operator==(const IdPayload& a, const IdPayload& b);                         //!< equality
bool operator==(const VerificationPayload& a, const VerificationPayload& b);     //!< equality
bool operator==(const PolicyParam& a, const PolicyParam& b);                     //!< equality
bool operator==(const SecurityPolicyPayload& a, const SecurityPolicyPayload& b); //!< equality
bool operator==(const RandPayload& a, const RandPayload& b);                     //!< equality
bool operator==(const ErrorPayload& a, const ErrorPayload& b);                   //!< equality
bool operator==(const GeneralExtPayload& a, const GeneralExtPayload& b);         //!< equality
bool operator==(const TimestampRolePayload& a, const TimestampRolePayload& b);   //!< equality
bool operator==(const IdRolePayload& a, const IdRolePayload& b);                 //!< equality
bool operator==(const RandRolePayload& a, const RandRolePayload& b);             //!< equality
bool operator==(const TicketFlags& a, const TicketFlags& b);                     //!< equality
bool operator==(const TicketPolicyPayload& a, const TicketPolicyPayload& b);     //!< equality
bool operator==(const TicketPayload& a, const TicketPayload& b);                 //!< equality
bool operator==(const KeyDataPayload& a, const KeyDataPayload& b);               //!< equality

} // namespace mikey
} // namespace mediasec

#endif
