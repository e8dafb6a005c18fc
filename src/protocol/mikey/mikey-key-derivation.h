/**
 * \file
 * MIKEY key derivation: the labels and constants of RFC 3830 4.1.3 (keys from a TGK) and 4.1.4
 * (keys that protect a message, from a PSK or envelope key), and of RFC 6043 5.1 and Appendix
 * A.2 (MIKEY-TICKET: message keys, TEKs, forked MPKr'/TGK', MPKi/MPKr, ticket keys).
 *
 * Every MIKEY label is a 32-bit constant followed by a context. The keys derived in one context
 * differ only in the constant, so a context is built once (with the functions named after the
 * RFC derivations below) and handed to DeriveTek, DeriveSalt, DeriveEncrKey and so on, which
 * add their constant. Two context types keep TGK labels and message-key labels apart.
 */
#ifndef MEDIASEC_MIKEY_KEY_DERIVATION_H
#define MEDIASEC_MIKEY_KEY_DERIVATION_H

#include "mikey-header.h"
#include "protocol/common/bytes.h"

#include <cstddef>
#include <cstdint>

namespace mediasec
{
namespace mikey
{

// RFC 3830 4.1.3: keys derived from a TGK (also from a TGK', GTGK in RFC 6043 5.1).
constexpr uint32_t kTekConstant = 0x2AD01C64;        //!< TEK (SRTP master key)
constexpr uint32_t kTgkAuthKeyConstant = 0x1B5C7973; //!< authentication key from a TGK
constexpr uint32_t kTgkEncrKeyConstant = 0x15798CEF; //!< encryption key from a TGK
constexpr uint32_t kSaltConstant = 0x39A2C14B;       //!< salting key (SRTP master salt)

// RFC 3830 4.1.4: keys protecting a message, from a PSK / envelope key (RFC 6043 5.1: also
// from an MPKi, MPKr', the MPKr for Initiator Data and a TPK).
constexpr uint32_t kEncrKeyConstant = 0x150533E1; //!< encr_key (KEMAC encryption)
constexpr uint32_t kAuthKeyConstant = 0x2D22AC75; //!< auth_key (KEMAC / V MAC)
constexpr uint32_t kSaltKeyConstant = 0x29B88916; //!< salt_key (KEMAC AES-CM IV)

// RFC 6043 5.1.1 (forked keys) and A.2.2 (MPKi/MPKr of the MIKEY base ticket).
constexpr uint32_t kForkedMpkrConstant = 0x2B288856; //!< MPKr' from MPKr
constexpr uint32_t kForkedTgkConstant = 0x1512B54A;  //!< TGK' from TGK
constexpr uint32_t kMpkiConstant = 0x220E99A2;       //!< MPKi from MPK
constexpr uint32_t kMpkrConstant = 0x1F4D675B;       //!< MPKr from MPK

/** \brief Longest RAND in an RFC 6043 label: its length is one byte (RFC 6043 5.1). */
constexpr size_t kMaxLabelRandLength = 255;

/** \brief Longest ID Data in the RFC 6043 forking label: its length is 16 bits (5.1.1). */
constexpr size_t kMaxLabelIdLength = 65535;

/** \brief The label of a key derived from a TGK (TGK', GTGK), without its constant. */
struct TgkLabelContext
{
    Bytes afterConstant; //!< the label bytes that follow the 32-bit constant

    /** \return constant || afterConstant \param constant e.g. kTekConstant */
    Bytes Label(uint32_t constant) const;
};

/** \brief The label of a key that protects a message (4.1.4 constants), without its constant. */
struct MessageKeyLabelContext
{
    Bytes afterConstant; //!< the label bytes that follow the 32-bit constant

    /** \return constant || afterConstant \param constant e.g. kAuthKeyConstant */
    Bytes Label(uint32_t constant) const;
};

/** \brief Which MIKEY-TICKET message a message key protects (RFC 6043 5.1 label byte). */
enum class TicketMessageKind : uint8_t
{
    Initial = 0x01,  //!< REQUEST_INIT, TRANSFER_INIT, RESOLVE_INIT
    Response = 0x02, //!< REQUEST_RESP, TRANSFER_RESP, RESOLVE_RESP
};

/**
 * \brief RFC 3830 4.1.3 context: label = const || cs_id (8) || csb_id (32) || RAND.
 * \param csId the crypto session ID (1-based index in the CS ID map)
 * \param csbId the CSB ID of HDR
 * \param rand the value of the RAND payload
 * \return the context
 */
TgkLabelContext Rfc3830TgkContext(uint8_t csId, uint32_t csbId, const Bytes& rand);

/**
 * \brief RFC 6043 5.1 TEK context, which replaces the RFC 3830 one in MIKEY-TICKET:
 * label = const || CS ID (8) || 0xFFFFFFFF || 0x03 || lenRi (8) || RANDRi || lenRr (8) ||
 * RANDRr, an absent RAND having length 0.
 * \param csId the crypto session ID
 * \param randRi RANDRi if the H flag is set, else empty
 * \param randRr RANDRr if the G flag is set, else empty
 * \return the context, MissingField if both RANDs are empty (one must be used), OutOfRange for a
 * RAND over kMaxLabelRandLength bytes
 */
Result<TgkLabelContext> TicketTgkContext(uint8_t csId, const Bytes& randRi, const Bytes& randRr);

/**
 * \brief RFC 3830 4.1.4 context (PSK or envelope key): label = const || 0xFF || csb_id || RAND.
 * \param csbId the CSB ID of HDR
 * \param rand the value of the RAND payload
 * \return the context
 */
MessageKeyLabelContext Rfc3830MessageKeyContext(uint32_t csbId, const Bytes& rand);

/**
 * \brief RFC 6043 5.1 context of the keys that protect the Ticket Request, Transfer and Resolve
 * exchanges (inkey PSK, envelope key, MPKi or MPKr'): label = const || 0xFF || CSB ID || 0x01
 * (initial message) or 0x02 (response message) || lenRi (8) || RANDRi || lenRr (8) || RANDRr.
 * \param csbId the CSB ID of HDR
 * \param kind initial or response message
 * \param randRi RANDRi (always used in the Request and Transfer exchanges), or empty
 * \param randRr RANDRr (Resolve exchange; TRANSFER_RESP when G = 1), or empty
 * \return the context, MissingField if both RANDs are empty, OutOfRange for a RAND over
 * kMaxLabelRandLength bytes
 */
Result<MessageKeyLabelContext> TicketMessageKeyContext(uint32_t csbId, TicketMessageKind kind,
                                                       const Bytes& randRi, const Bytes& randRr);

/**
 * \brief RFC 6043 5.1 context of the keys that protect the Initiator Data Vr (inkey: the
 * unforked MPKr): label = const || 0xFF || 0xFFFFFFFF || 0x04.
 * \return the context
 */
MessageKeyLabelContext TicketInitiatorDataContext();

/**
 * \brief RFC 6043 A.2.1 context of the keys derived from a ticket protection key (TPK) of the
 * MIKEY base ticket: label = const || 0xFF || 0xFFFFFFFF || 0x05 || lenRAND (8) || RAND.
 * \param rand the RAND of the ticket
 * \return the context, OutOfRange for a RAND over kMaxLabelRandLength bytes
 */
Result<MessageKeyLabelContext> TicketTpkContext(const Bytes& rand);

/**
 * \brief TEK (RFC 3830 4.1.3, RFC 6043 5.1): PRF(TGK, label with kTekConstant).
 * \param prf the PRF func (HDR for RFC 3830, the Ticket Policy for RFC 6043)
 * \param tgk the TGK, TGK' or GTGK
 * \param context Rfc3830TgkContext or TicketTgkContext
 * \param tekBytes the TEK length (the SRTP master key length, e.g. 16)
 * \return the TEK or the error of Prf()
 */
Result<Bytes> DeriveTek(PrfFunc prf, const Bytes& tgk, const TgkLabelContext& context,
                        size_t tekBytes);

/**
 * \brief Salting key (RFC 3830 4.1.3, RFC 6043 5.1): PRF(TGK, label with kSaltConstant).
 * Used only when the key data sub-payload carries no salt (a carried salt takes precedence).
 * \param prf the PRF func
 * \param tgk the TGK, TGK' or GTGK
 * \param context Rfc3830TgkContext or TicketTgkContext
 * \param saltBytes the salt length (the SRTP master salt length, e.g. 14)
 * \return the salt or the error of Prf()
 */
Result<Bytes> DeriveSalt(PrfFunc prf, const Bytes& tgk, const TgkLabelContext& context,
                         size_t saltBytes);

/**
 * \brief encr_key (RFC 3830 4.1.4, RFC 6043 5.1 and A.2.1): PRF(inkey, label with
 * kEncrKeyConstant), the key of the KEMAC (or ticket) encryption.
 * \param prf the PRF func
 * \param inkey the PSK, envelope key, MPKi, MPKr', MPKr (Initiator Data) or TPK
 * \param context a message-key context
 * \param keyBytes the key length of the encryption algorithm (16 for AES-CM-128)
 * \return the key or the error of Prf()
 */
Result<Bytes> DeriveEncrKey(PrfFunc prf, const Bytes& inkey, const MessageKeyLabelContext& context,
                            size_t keyBytes);

/**
 * \brief auth_key (RFC 3830 4.1.4, RFC 6043 5.1 and A.2.1): PRF(inkey, label with
 * kAuthKeyConstant), the key of the KEMAC, V or ticket MAC.
 * \param prf the PRF func
 * \param inkey the PSK, envelope key, MPKi, MPKr', MPKr (Initiator Data) or TPK
 * \param context a message-key context
 * \param keyBytes the key length of the MAC (20 for HMAC-SHA-1-160, 32 for HMAC-SHA-256-256)
 * \return the key or the error of Prf()
 */
Result<Bytes> DeriveAuthKey(PrfFunc prf, const Bytes& inkey, const MessageKeyLabelContext& context,
                            size_t keyBytes);

/**
 * \brief salt_key (RFC 3830 4.1.4, RFC 6043 5.1 and A.2.1): PRF(inkey, label with
 * kSaltKeyConstant), the salt of the KEMAC AES-CM IV (4.2.3).
 * \param prf the PRF func
 * \param inkey the PSK, envelope key, MPKi, MPKr', MPKr (Initiator Data) or TPK
 * \param context a message-key context
 * \param saltBytes the salt length (14 for AES-CM, kKemacSaltKeyLength)
 * \return the salt or the error of Prf()
 */
Result<Bytes> DeriveSaltKey(PrfFunc prf, const Bytes& inkey, const MessageKeyLabelContext& context,
                            size_t saltBytes);

/**
 * \brief The forked MPKr' of RFC 6043 5.1.1: PRF(MPKr, kForkedMpkrConstant || 0xFF ||
 * 0xFFFFFFFF || 0x00 || len ID Data (16) || ID Data || len RANDRkms (8) || RANDRkms), as long
 * as MPKr.
 * \param prf the PRF func of the Ticket Policy
 * \param mpkr the MPKr of the ticket
 * \param idData the ID Data of the IDRr the KMS sends in RESOLVE_RESP (and the Responder in
 * TRANSFER_RESP), i.e. the forked end point's identity
 * \param randRkms the RANDRkms of RESOLVE_RESP
 * \return MPKr', OutOfRange for ID Data over kMaxLabelIdLength or RANDRkms over
 * kMaxLabelRandLength bytes, or the error of Prf()
 */
Result<Bytes> DeriveForkedMpkr(PrfFunc prf, const Bytes& mpkr, const Bytes& idData,
                               const Bytes& randRkms);

/**
 * \brief The forked TGK' of RFC 6043 5.1.1: as DeriveForkedMpkr with the TGK as inkey and
 * kForkedTgkConstant. TEKs and GTGKs are never forked, and a TGK sent in a CSB update is not.
 * \param prf the PRF func of the Ticket Policy
 * \param tgk the TGK of the ticket
 * \param idData the ID Data of the IDRr of RESOLVE_RESP / TRANSFER_RESP
 * \param randRkms the RANDRkms of RESOLVE_RESP
 * \return TGK' (as long as TGK), or the errors of DeriveForkedMpkr
 */
Result<Bytes> DeriveForkedTgk(PrfFunc prf, const Bytes& tgk, const Bytes& idData,
                              const Bytes& randRkms);

/**
 * \brief MPKi of the MIKEY base ticket (RFC 6043 A.2.2): PRF(MPK, kMpkiConstant || 0xFF ||
 * 0xFFFFFFFF || 0x06 || lenRAND (8) || RAND), as long as MPK.
 * \param prf the PRF func of the Ticket Policy
 * \param mpk the MPK
 * \param rand the RAND of the ticket
 * \return MPKi, OutOfRange for a RAND over kMaxLabelRandLength bytes, or the error of Prf()
 */
Result<Bytes> DeriveMpki(PrfFunc prf, const Bytes& mpk, const Bytes& rand);

/**
 * \brief MPKr of the MIKEY base ticket (RFC 6043 A.2.2): as DeriveMpki with kMpkrConstant.
 * \param prf the PRF func of the Ticket Policy
 * \param mpk the MPK
 * \param rand the RAND of the ticket
 * \return MPKr, or the errors of DeriveMpki
 */
Result<Bytes> DeriveMpkr(PrfFunc prf, const Bytes& mpk, const Bytes& rand);

} // namespace mikey
} // namespace mediasec

#endif
