/**
 * \file
 * The crypto of the project's MIKEY-TICKET profile (doc/mikey-ticket-profile.md), shared by the
 * KMS and the UE agents: the 256-bit algorithm set, message keys (RFC 6043 5.1), ticket
 * protection keys (A.2.1), KEMAC sealing and opening, V MACs with the RFC 6043 5.5 coverage,
 * the Initiator Data MAC Vr and the SRTP master key/salt of each direction. Every PRF, MAC,
 * cipher and random call is counted in a CryptoOps.
 */
#ifndef MEDIASEC_TICKET_CRYPTO_H
#define MEDIASEC_TICKET_CRYPTO_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/mikey/mikey-key-derivation.h"
#include "protocol/mikey/mikey-message.h"
#include "protocol/mikey/ticket-data.h"
#include "protocol/srtp/srtp-suite.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mediasec
{
namespace kms
{

constexpr mikey::PrfFunc kProfilePrf = mikey::PrfFunc::HmacSha256;   //!< HDR and TP PRF
constexpr mikey::MacAlg kProfileMac = mikey::MacAlg::HmacSha256_256; //!< V and ticket MAC
constexpr mikey::EncrAlg kProfileEncr = mikey::EncrAlg::AesCm256;    //!< KEMAC encryption
constexpr size_t kProfileKeyLength = 32;  //!< PSK, TPK, MPK, TGK, encr_key, auth_key (bytes)
constexpr size_t kProfileRandLength = 32; //!< RAND, RANDRi, RANDRr, RANDRkms (bytes)
constexpr SrtpSuite kProfileSrtpSuite = SrtpSuite::AesCm128HmacSha1_80; //!< media

/** \brief CS ID of the initiator-to-responder and responder-to-initiator SRTP streams. */
constexpr uint8_t kCsIdInitiatorToResponder = 1;
constexpr uint8_t kCsIdResponderToInitiator = 2; //!< see kCsIdInitiatorToResponder

/** \brief Crypto operations performed (for the M4 KMS benchmark). */
struct CryptoOps
{
    uint64_t prf = 0;    //!< PRF calls (one per derived key)
    uint64_t mac = 0;    //!< HMAC computations and verifications
    uint64_t cipher = 0; //!< AES-CM encryptions and decryptions
    uint64_t random = 0; //!< DRBG generate calls

    /** \brief Adds \p other. \return *this */
    CryptoOps& operator+=(const CryptoOps& other);
    /** \return the sum of all counters */
    uint64_t Total() const;
};

/** \brief encr_key, salt_key and auth_key protecting one message or one ticket. */
struct MessageKeys
{
    Bytes encrKey; //!< KEMAC encryption key
    Bytes saltKey; //!< KEMAC AES-CM salt
    Bytes authKey; //!< V / ticket MAC key
};

/**
 * \brief RFC 6043 5.1 message keys from \p inkey (PSK, MPKi or MPKr') for the message kind and
 * RANDs given (TicketMessageKeyContext).
 * \return the keys, or the errors of the derivation
 */
Result<MessageKeys> DeriveMessageKeys(const Bytes& inkey, uint32_t csbId,
                                      mikey::TicketMessageKind kind, const Bytes& randRi,
                                      const Bytes& randRr, CryptoOps& ops);

/**
 * \brief The auth_key alone of DeriveMessageKeys (one PRF call), for messages without KEMAC.
 * \return the key, or the errors of the derivation
 */
Result<Bytes> DeriveMessageAuthKey(const Bytes& inkey, uint32_t csbId,
                                   mikey::TicketMessageKind kind, const Bytes& randRi,
                                   const Bytes& randRr, CryptoOps& ops);

/**
 * \brief RFC 6043 A.2.1 keys from the ticket protection key \p tpk and the ticket RAND.
 * \return the keys, or the errors of the derivation
 */
Result<MessageKeys> DeriveTicketKeys(const Bytes& tpk, const Bytes& rand, CryptoOps& ops);

/**
 * \brief Encrypts \p keys into a KEMAC with kProfileEncr and the NULL MAC (the enclosing V
 * covers it). The IV uses \p csbId and the T of the message carrying the KEMAC.
 * \return the KEMAC, or the errors of KemacEncrypt
 */
Result<mikey::KemacPayload> SealKeys(const MessageKeys& mk, uint32_t csbId,
                                     const mikey::TimestampPayload& t,
                                     const std::vector<mikey::KeyDataPayload>& keys,
                                     CryptoOps& ops);

/**
 * \brief Decrypts a KEMAC sealed by SealKeys. Call only after the covering MAC was verified.
 * \return the key data, Unsupported for another algorithm, or the decryption/parse errors
 */
Result<std::vector<mikey::KeyDataPayload>> OpenKeys(const MessageKeys& mk, uint32_t csbId,
                                                    const mikey::TimestampPayload& t,
                                                    const mikey::KemacPayload& kemac,
                                                    CryptoOps& ops);

/**
 * \brief Computes the MAC of the last payload of \p message (a V with kProfileMac) over
 * FormatForMac(message) || \p extra and stores it.
 * \return Ok, MissingField if the last payload is not V, CryptoFailure if HMAC fails
 */
Status SignMessage(mikey::MikeyMessage& message, const Bytes& authKey, const Bytes& extra,
                   CryptoOps& ops);

/**
 * \brief Verifies the V MAC of \p message over FormatForMac(message) || \p extra.
 * \return Ok, AuthFailed, MissingField (no V last) or Unsupported (not kProfileMac)
 */
Status VerifyMessage(const mikey::MikeyMessage& message, const Bytes& authKey, const Bytes& extra,
                     CryptoOps& ops);

/**
 * \brief The Initiator Data MAC Vr (RFC 6043 6.10): keyed with the auth_key derived from the
 * unforked MPKr (TicketInitiatorDataContext) over First Payload || Vi || Vr without its MAC.
 * \return the MAC, or the errors of the derivation
 */
Result<Bytes> ComputeInitiatorDataMac(const Bytes& mpkr, const mikey::VerificationPayload& vi,
                                      CryptoOps& ops);

/** \brief The secrets a ticket carries: MPK and TGK, and the RAND of its Ticket Data. */
struct TicketSecrets
{
    Bytes mpk;  //!< master pre-shared key MPK
    Bytes tgk;  //!< TGK (unforked)
    Bytes rand; //!< RAND of the Ticket Data (A.2.1, A.2.2)
};

/** \brief MPKi and the unforked MPKr of a ticket (RFC 6043 A.2.2). */
struct TicketMasterKeys
{
    Bytes mpki; //!< MPKi
    Bytes mpkr; //!< MPKr
};

/**
 * \brief Builds a TICKET of \p policy with Ticket Data T (\p nowNs), RAND, KEMAC(MPK, TGK),
 * [IDRpsk] and the ticket MAC, all protected with the A.2.1 keys of the ticket protection key
 * \p tpk (the KMS's own TPK, or the initiator's Ks_NAF for a ticket it makes itself, D=0).
 * \param psk the IDRpsk naming \p tpk (D=0 tickets), or nullopt
 * \return the TICKET without Initiator Data, or the errors of the derivation, KEMAC or MAC
 */
Result<mikey::TicketPayload> SealTicket(const Bytes& tpk, const mikey::TicketPolicyPayload& policy,
                                        const TicketSecrets& secrets, int64_t nowNs,
                                        const std::optional<mikey::IdRolePayload>& psk,
                                        CryptoOps& ops);

/**
 * \brief Verifies the ticket MAC of \p ticket (whose parsed Ticket Data is \p data) with the
 * A.2.1 keys of \p tpk, then opens its KEMAC.
 * \return MPK, TGK and RAND; AuthFailed (ticket MAC); Malformed (MAC input, KEMAC not MPK, TGK)
 */
Result<TicketSecrets> OpenTicket(const Bytes& tpk, const mikey::TicketPayload& ticket,
                                 const mikey::ThreeGppTicketData& data, CryptoOps& ops);

/** \return MPKi and MPKr of a ticket from its MPK and RAND (two PRF calls), or the PRF error */
Result<TicketMasterKeys> DeriveTicketMasterKeys(const Bytes& mpk, const Bytes& rand,
                                                CryptoOps& ops);

/** \brief An SRTP master key and master salt. */
struct SrtpMasterKey
{
    Bytes key;  //!< master key (16 bytes for AES_CM_128_HMAC_SHA1_80)
    Bytes salt; //!< master salt (14 bytes)
};

/** \brief The SRTP keys of one session, per direction. */
struct SrtpSessionKeys
{
    SrtpSuite suite = kProfileSrtpSuite; //!< the SRTP protection profile
    SrtpMasterKey initiatorToResponder;  //!< CS ID 1
    SrtpMasterKey responderToInitiator;  //!< CS ID 2
};

/**
 * \return the Ticket Policy of the profile (doc/mikey-ticket-profile.md): ticket type 2/1/1,
 * PRF-HMAC-SHA-256, flags D E F G H I N O, and J when \p reusable; no TP Data yet
 */
mikey::TicketPolicyPayload ProfileTicketPolicy(bool reusable);

/** \brief Appends one IDR of \p role per entry of \p identities to the TP Data of \p tp. */
void AddPolicyIdentities(mikey::TicketPolicyPayload& tp, mikey::IdRole role,
                         const std::vector<std::string>& identities);

/**
 * \brief TEK and salt of both CS (RFC 6043 5.1, TicketTgkContext with RANDRi (H=1) and RANDRr
 * (G=1)) from the forked TGK'.
 * \return the keys, or the errors of the derivation
 */
Result<SrtpSessionKeys> DeriveSrtpKeys(const Bytes& forkedTgk, const Bytes& randRi,
                                       const Bytes& randRr, CryptoOps& ops);

/**
 * \brief SRTP keys of media left for deferred delivery (doc/mikey-ticket-profile.md, "Deferred
 * delivery"): TEK and salt of both CS from MPKi with the RFC 3830 4.1.3 label (CS ID, the CSB
 * ID of the TRANSFER_INIT, RANDRi). Only the initiator and the ticket's authorized resolvers
 * (who get MPKi from the KMS) can compute them; a voice-mail server that stores the media cannot.
 * \return the keys, or the errors of the derivation
 */
Result<SrtpSessionKeys> DeriveDeferredSrtpKeys(const Bytes& mpki, uint32_t csbId,
                                               const Bytes& randRi, CryptoOps& ops);

} // namespace kms
} // namespace mediasec

#endif
