/**
 * \file
 * MIKEY common header (HDR, RFC 3830 6.1) with the CS ID map types SRTP-ID (RFC 3830 6.1.1),
 * Empty map (RFC 4563) and GENERIC-ID (RFC 6043 6.1.1), and the RFC 6043 data types.
 */
#ifndef MEDIASEC_MIKEY_HEADER_H
#define MEDIASEC_MIKEY_HEADER_H

#include "protocol/common/byte-reader.h"
#include "protocol/common/byte-writer.h"
#include "protocol/common/bytes.h"

#include <cstdint>
#include <variant>
#include <vector>

namespace mediasec
{
namespace mikey
{

/** \brief The only MIKEY version (RFC 3830 6.1). */
constexpr uint8_t kMikeyVersion = 1;

/**
 * \brief HDR data type (RFC 3830 Table 6.1.a, RFC 4650, RFC 4738, RFC 6043 Table 6.1,
 * RFC 6509 Table 1). Other values are rejected as Unsupported.
 */
enum class DataType : uint8_t
{
    PskInit = 0,         //!< Pre-shared key I_MESSAGE
    PskVerify = 1,       //!< PSK verification message
    PkInit = 2,          //!< Public-key I_MESSAGE
    PkVerify = 3,        //!< PK verification message
    DhInit = 4,          //!< D-H init
    DhResp = 5,          //!< D-H response
    Error = 6,           //!< Error message
    DhhmacInit = 7,      //!< DHHMAC init (RFC 4650)
    DhhmacResp = 8,      //!< DHHMAC response (RFC 4650)
    RsaRInit = 9,        //!< RSA-R I_MESSAGE (RFC 4738)
    RsaRResp = 10,       //!< RSA-R R_MESSAGE (RFC 4738)
    RequestInitPsk = 11, //!< MIKEY-TICKET REQUEST_INIT, PSK protected
    RequestInitPk = 12,  //!< MIKEY-TICKET REQUEST_INIT, PK protected
    RequestResp = 13,    //!< MIKEY-TICKET REQUEST_RESP
    TransferInit = 14,   //!< MIKEY-TICKET TRANSFER_INIT
    TransferResp = 15,   //!< MIKEY-TICKET TRANSFER_RESP
    ResolveInitPsk = 16, //!< MIKEY-TICKET RESOLVE_INIT, PSK protected
    ResolveInitPk = 17,  //!< MIKEY-TICKET RESOLVE_INIT, PK protected
    ResolveResp = 18,    //!< MIKEY-TICKET RESOLVE_RESP
    Sakke = 26,          //!< MIKEY-SAKKE I_MESSAGE (RFC 6509)
};

/** \return the RFC name of \p type, e.g. "TRANSFER_INIT", or "unknown". */
const char* DataTypeName(DataType type);

/** \brief PRF func (7 bits) of HDR and of the Ticket Policy (RFC 3830 6.1, RFC 6043 6.1). */
enum class PrfFunc : uint8_t
{
    Mikey1 = 0,     //!< MIKEY-1 (HMAC-SHA-1 P-function)
    HmacSha256 = 1, //!< PRF-HMAC-SHA-256 (RFC 6043)
};

/** \brief CS ID map type numbers (RFC 3830 6.1, RFC 4563, RFC 6043 6.1). */
enum class CsIdMapType : uint8_t
{
    SrtpId = 0,    //!< SRTP-ID map
    Empty = 1,     //!< Empty map
    GenericId = 2, //!< GENERIC-ID map
};

/** \brief One crypto session of an SRTP-ID map (RFC 3830 6.1.1); its CS ID is its 1-based index. */
struct SrtpIdEntry
{
    uint8_t policyNo = 0; //!< SP payload policy number
    uint32_t ssrc = 0;    //!< SSRC (0: the responder fills it in)
    uint32_t roc = 0;     //!< current rollover counter
};

/** \brief SRTP-ID map info: one entry per crypto session (#CS = entries.size()). */
struct SrtpIdMap
{
    std::vector<SrtpIdEntry> entries; //!< crypto sessions in CS ID order
};

/** \brief Empty map (RFC 4563): no map info; #CS is kept as sent. */
struct EmptyMap
{
    uint8_t csCount = 0; //!< #CS field (0 in the Ticket Request and Resolve exchanges)
};

/** \brief One crypto session of a GENERIC-ID map (RFC 6043 6.1.1). */
struct GenericIdEntry
{
    uint8_t csId = 0;              //!< CS ID
    uint8_t protType = 0;          //!< security protocol (0 = SRTP, SP payload numbering)
    bool sessionFlag = false;      //!< S flag, interpreted by the Session Data
    std::vector<uint8_t> policies; //!< Ps: #P policy numbers (at most 127)
    Bytes sessionData;             //!< Session Data (for SRTP: SSRC [ROC SEQ]); may be empty
    Bytes spi;                     //!< SPI / MKI (at most 255 bytes); may be empty
};

/** \brief GENERIC-ID map info: one entry per crypto session (#CS = entries.size()). */
struct GenericIdMap
{
    std::vector<GenericIdEntry> entries; //!< crypto sessions in wire order
};

/** \brief CS ID map info; the map type on the wire is the alternative held. */
using CsIdMap = std::variant<SrtpIdMap, EmptyMap, GenericIdMap>;

/**
 * \brief The MIKEY common header. Version is always 1 and the next-payload field is derived
 * from the payload list when a message is formatted.
 */
struct MikeyHeader
{
    DataType dataType = DataType::PskInit; //!< message type
    bool verify = false;                   //!< V flag: a verification/response message is expected
    PrfFunc prfFunc = PrfFunc::Mikey1;     //!< PRF used for key derivation
    uint32_t csbId = 0;                    //!< crypto session bundle ID
    CsIdMap csIdMap = EmptyMap{};          //!< CS ID map type and info
};

/** \brief A header read from the wire together with its next-payload field. */
struct ReadHeaderResult
{
    MikeyHeader header;  //!< the header
    uint8_t nextPayload; //!< type of the first payload (0: none)
};

/**
 * \brief Reads HDR from \p reader.
 * \return the header and the first payload type, or Truncated (short header or map info),
 * Unsupported (version != 1, unknown data type, PRF func or CS ID map type). On failure the
 * reader position is unspecified.
 */
Result<ReadHeaderResult> ReadMikeyHeader(ByteReader& reader);

/**
 * \brief Appends HDR with \p nextPayload as its next-payload field. Counts and lengths are
 * taken from the vectors, which must fit their fields (at most 255 CS, 127 policies,
 * 65535 bytes of Session Data, 255 bytes of SPI).
 */
void WriteMikeyHeader(ByteWriter& writer, const MikeyHeader& header, uint8_t nextPayload);

/** \return the CS ID map type of \p map. */
CsIdMapType MapTypeOf(const CsIdMap& map);

bool operator==(const SrtpIdEntry& a, const SrtpIdEntry& b);       //!< field-wise equality
bool operator==(const SrtpIdMap& a, const SrtpIdMap& b);           //!< field-wise equality
bool operator==(const EmptyMap& a, const EmptyMap& b);             //!< field-wise equality
bool operator==(const GenericIdEntry& a, const GenericIdEntry& b); //!< field-wise equality
bool operator==(const GenericIdMap& a, const GenericIdMap& b);     //!< field-wise equality
bool operator==(const MikeyHeader& a, const MikeyHeader& b);       //!< field-wise equality

} // namespace mikey
} // namespace mediasec

#endif
