/**
 * \file
 * A MIKEY message (RFC 3830, RFC 6043): the common header plus its payload chain, with a
 * lossless codec (formatting a parsed message gives back the exact bytes) and the MAC-input
 * helpers of RFC 3830 5.2 and RFC 6043 5.5.
 */
#ifndef MEDIASEC_MIKEY_MESSAGE_H
#define MEDIASEC_MIKEY_MESSAGE_H

#include "mikey-header.h"
#include "mikey-payloads.h"
#include "protocol/common/bytes.h"

#include <cstddef>
#include <vector>

namespace mediasec
{
namespace mikey
{

/** \brief Largest MIKEY message accepted (64 KiB). */
constexpr size_t kMaxMikeyMessageSize = 65536;

/** \brief A MIKEY message: HDR and the payloads in wire order. */
struct MikeyMessage
{
    MikeyHeader header;            //!< common header
    std::vector<Payload> payloads; //!< payload chain (at most kMaxPayloads)
};

/**
 * \brief Parses a MIKEY message. The chain starts with HDR's next payload, must end with a
 * next payload of 0 within kMaxPayloads payloads and must consume \p data exactly.
 * \return the message, or TooLarge (over kMaxMikeyMessageSize, more than kMaxPayloads
 * payloads), BadLength (bytes after the last payload) or any error of ReadMikeyHeader and
 * ReadPayload; every detail names the payload and field.
 */
Result<MikeyMessage> ParseMikeyMessage(const Bytes& data);

/**
 * \brief Formats \p message; next-payload fields follow the payload order. For any message
 * returned by ParseMikeyMessage the result equals the parsed bytes.
 */
Bytes FormatMikeyMessage(const MikeyMessage& message);

/** \brief Position of the MAC field of the last payload in FormatMikeyMessage's output. */
struct MacField
{
    size_t offset; //!< first byte of the MAC
    size_t length; //!< MAC length in bytes (the MAC runs to the end of the message)
};

/**
 * \brief Locates the MAC of the last payload, which must be KEMAC or V (RFC 3830 5.2).
 * \return the position, or MissingField when the message has no payload or the last one
 * is neither KEMAC nor V.
 */
Result<MacField> LocateMacField(const MikeyMessage& message);

/**
 * \brief The message part of the MAC input: the formatted message without the MAC field of
 * its last payload (KEMAC or V, next payload 0), per RFC 3830 5.2. For TRANSFER_INIT the
 * Initiator Data length and Initiator Data of every TICKET payload are left out as well
 * (RFC 6043 5.5). Identities, timestamps or the initial message that the MAC also covers are
 * appended by the caller.
 * \return the bytes, or MissingField as LocateMacField.
 */
Result<Bytes> FormatForMac(const MikeyMessage& message);

bool operator==(const MikeyMessage& a, const MikeyMessage& b); //!< field-wise equality

} // namespace mikey
} // namespace mediasec

#endif
