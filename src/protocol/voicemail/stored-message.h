/**
 * \file
 * What a voice-mail server keeps of an unanswered call for deferred delivery, and the binary
 * encoding of a mailbox it returns to the recipient (doc/deferred-delivery.md).
 */
#ifndef MEDIASEC_STORED_MESSAGE_H
#define MEDIASEC_STORED_MESSAGE_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mediasec
{
namespace voicemail
{

/** \brief Upper bound of a field or list length the parser accepts. */
constexpr size_t kMaxTextLength = 1024;

/** \brief One message left in a mailbox: the caller's key management and the media as received. */
struct StoredMessage
{
    std::string caller;              //!< From URI of the INVITE
    std::string callId;              //!< Call-ID of the INVITE
    int64_t depositedNs = 0;         //!< when the server answered (ns since the Unix epoch)
    Bytes keyManagement;             //!< MIKEY TRANSFER_INIT of the offer (empty: plain RTP)
    std::vector<Bytes> mediaPackets; //!< RTP/SRTP packets in arrival order, unchanged

    /** \return true when every field is equal */
    bool operator==(const StoredMessage& other) const;
};

/**
 * \brief Encodes a mailbox: u16 message count, then per message u16-length caller, u16-length
 * Call-ID, u64 deposit time, u32-length key management, u32 packet count and u16-length packets.
 * \return the bytes, or OutOfRange when a field exceeds its length field or kMaxTextLength
 */
Result<Bytes> FormatMailbox(const std::vector<StoredMessage>& messages);

/**
 * \brief Decodes FormatMailbox's output.
 * \return the messages; Truncated (also for a packet count the bytes left cannot hold),
 * OutOfRange (a text over kMaxTextLength) or Malformed (bytes after the last message)
 */
Result<std::vector<StoredMessage>> ParseMailbox(const Bytes& bytes);

} // namespace voicemail
} // namespace mediasec

#endif
