/**
 * \file
 * A network function on the media path (e.g. a transcoder, seed 001 section 4.4) that obtains
 * the SRTP keys of a MIKEY-TICKET call from the KMS (doc/mikey-ticket-profile.md, "Network
 * functions"), sans-I/O. It is a registered KMS user with its own B-TID and Ks_NAF; the KMS
 * answers it only if its policy lists the function and the ticket names it in IDRapp.
 */
#ifndef MEDIASEC_NETWORK_FUNCTION_RESOLVER_H
#define MEDIASEC_NETWORK_FUNCTION_RESOLVER_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"
#include "protocol/crypto/drbg.h"
#include "protocol/mikey/mikey-message.h"
#include "ticket-crypto.h"
#include "ticket-messages.h"

#include <cstdint>
#include <map>
#include <string>

namespace mediasec
{
namespace kms
{

/** \brief The keys a network function obtained for one call. */
struct NetworkFunctionKeys
{
    std::string initiator; //!< IDRi of the TRANSFER_INIT
    std::string responder; //!< IDRr of the TRANSFER_RESP (the answering endpoint)
    SrtpSessionKeys srtp;  //!< both directions, as the initiator and that endpoint hold them
};

/**
 * \brief Resolves, for a network function, the keys of calls whose TRANSFER_INIT (SDP offer)
 * and TRANSFER_RESP (SDP answer) it sees on the signalling path. With key forking the keys
 * depend on the answering endpoint, so the RESOLVE_INIT carries that endpoint's modifier
 * (IDRr, RANDRkms) copied from the TRANSFER_RESP, and the KMS returns MPKi and the TGK' forked
 * for it (no MPKr': the function cannot answer the initiator in the endpoint's name).
 * Not thread-safe.
 */
class NetworkFunctionResolver
{
  public:
    /** \brief A resolver. \param me the function's KMS credentials \param drbg random source */
    NetworkFunctionResolver(UeCredentials me, Drbg drbg);

    /**
     * \brief Checks the call's ticket policy and validity and builds RESOLVE_INIT_PSK.
     * \param transferInit the TRANSFER_INIT of the call
     * \param transferResp the TRANSFER_RESP of the answering endpoint
     * \param nowNs the function's clock
     * \return RESOLVE_INIT; InvalidState (the TRANSFER_RESP answers another CSB ID); MissingField;
     * Unsupported (ticket outside the profile); OutOfRange (ticket outside TRs..TRe); Malformed
     */
    Result<Bytes> BuildResolveInit(const Bytes& transferInit, const Bytes& transferResp,
                                   int64_t nowNs);

    /**
     * \brief Processes RESOLVE_RESP (or the KMS's Error message): opens MPKi and TGK', verifies
     * the TRANSFER_INIT with MPKi and its Vi, and derives the SRTP keys of both directions.
     * \return the keys; AuthFailed (KMS refusal, MAC, another modifier, Vi); InvalidState (no
     * pending Resolve); MissingField / Malformed
     */
    Result<NetworkFunctionKeys> ProcessResolveResp(const Bytes& message);

    /** \return crypto operations spent so far */
    const CryptoOps& Ops() const;

  private:
    /** \brief A call waiting for RESOLVE_RESP. */
    struct PendingCall
    {
        mikey::MikeyMessage transfer;    //!< the TRANSFER_INIT
        mikey::IdRolePayload answering;  //!< IDRr of the TRANSFER_RESP
        mikey::RandRolePayload randRkms; //!< RANDRkms of the TRANSFER_RESP
        Bytes callRandRr;                //!< RANDRr of the TRANSFER_RESP (TEK derivation)
        Bytes resolveBytes;              //!< RESOLVE_INIT as sent
        Bytes resolveRandRr;             //!< RANDRr of the RESOLVE_INIT
    };

    UeCredentials m_me;                        //!< credentials
    Drbg m_drbg;                               //!< random source
    CryptoOps m_ops;                           //!< counters
    std::map<uint32_t, PendingCall> m_pending; //!< by CSB ID
};

} // namespace kms
} // namespace mediasec

#endif
