/**
 * \file
 * Requests a user agent sends inside a dialog it established (RFC 3261 12.2.1.1): BYE, the ACK
 * of a 2xx, re-INVITE.
 */
#ifndef MEDIASEC_SIP_IN_DIALOG_REQUEST_H
#define MEDIASEC_SIP_IN_DIALOG_REQUEST_H

#include "protocol/sip/sip-header-values.h"
#include "protocol/sip/sip-message.h"

#include <cstdint>
#include <string>

namespace mediasec
{
namespace sip
{

/** \brief What one side of a dialog knows to address a request inside it (no route set). */
struct DialogAddress
{
    std::string callId;       //!< Call-ID
    std::string localUri;     //!< our URI (From)
    std::string localTag;     //!< our tag
    std::string remoteUri;    //!< the peer's URI (To)
    std::string remoteTag;    //!< the peer's tag
    std::string remoteTarget; //!< the peer's Contact: the Request-URI
};

/**
 * \brief Builds the request \p method of \p dialog with the top \p via, Max-Forwards 70 and
 * CSeq \p cseq (RFC 3261 12.2.1.1).
 * \return the request: Via, Max-Forwards, From, To, Call-ID and CSeq in this order
 */
SipMessage MakeInDialogRequest(const std::string& method, const DialogAddress& dialog,
                               const Via& via, uint32_t cseq);

} // namespace sip
} // namespace mediasec

#endif
