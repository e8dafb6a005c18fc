#include "stored-message.h"

#include "protocol/common/byte-reader.h"
#include "protocol/common/byte-writer.h"

#include <limits>

namespace mediasec
{
namespace voicemail
{
namespace
{

/** \return a u16-length text, at most kMaxTextLength bytes */
Result<std::string>
ReadText(ByteReader& r, const char* what)
{
    auto length = r.ReadU16(what);
    if (!length)
    {
        return length.GetError();
    }
    if (length.Value() > kMaxTextLength)
    {
        return MakeError(Errc::OutOfRange, std::string("mailbox: ") + what + " too long");
    }
    auto bytes = r.ReadBytes(length.Value(), what);
    if (!bytes)
    {
        return bytes.GetError();
    }
    return std::string(bytes.Value().begin(), bytes.Value().end());
}

/** \return one message */
Result<StoredMessage>
ReadMessage(ByteReader& r)
{
    StoredMessage m;
    auto caller = ReadText(r, "caller");
    auto callId = caller ? ReadText(r, "Call-ID") : caller;
    if (!callId)
    {
        return callId.GetError();
    }
    m.caller = std::move(caller).Value();
    m.callId = std::move(callId).Value();
    auto deposited = r.ReadU64("deposit time");
    auto keyLength = deposited ? r.ReadU32("key management length") : Result<uint32_t>(0u);
    if (!deposited || !keyLength)
    {
        return !deposited ? deposited.GetError() : keyLength.GetError();
    }
    m.depositedNs = static_cast<int64_t>(deposited.Value());
    auto key = r.ReadBytes(keyLength.Value(), "key management");
    auto count = key ? r.ReadU32("packet count") : Result<uint32_t>(0u);
    if (!key || !count)
    {
        return !key ? key.GetError() : count.GetError();
    }
    m.keyManagement = std::move(key).Value();
    // Every packet needs at least its 2-byte length: a larger count cannot be honest.
    if (count.Value() > r.Remaining() / 2)
    {
        return MakeError(Errc::Truncated, "mailbox: packet count exceeds the bytes left");
    }
    m.mediaPackets.reserve(count.Value());
    for (uint32_t i = 0; i < count.Value(); ++i)
    {
        auto length = r.ReadU16("packet length");
        auto packet = length ? r.ReadBytes(length.Value(), "packet") : Result<Bytes>(Bytes{});
        if (!length || !packet)
        {
            return !length ? length.GetError() : packet.GetError();
        }
        m.mediaPackets.push_back(std::move(packet).Value());
    }
    return m;
}

} // namespace

bool
StoredMessage::operator==(const StoredMessage& other) const
{
    return caller == other.caller && callId == other.callId && depositedNs == other.depositedNs &&
           keyManagement == other.keyManagement && mediaPackets == other.mediaPackets;
}

Result<Bytes>
FormatMailbox(const std::vector<StoredMessage>& messages)
{
    constexpr size_t u16Max = std::numeric_limits<uint16_t>::max();
    if (messages.size() > u16Max)
    {
        return MakeError(Errc::OutOfRange, "mailbox: too many messages");
    }
    ByteWriter w;
    w.WriteU16(static_cast<uint16_t>(messages.size()));
    for (const StoredMessage& m : messages)
    {
        if (m.caller.size() > kMaxTextLength || m.callId.size() > kMaxTextLength ||
            m.keyManagement.size() > std::numeric_limits<uint32_t>::max() ||
            m.mediaPackets.size() > std::numeric_limits<uint32_t>::max())
        {
            return MakeError(Errc::OutOfRange, "mailbox: a field of " + m.callId + " is too long");
        }
        w.WriteU16(static_cast<uint16_t>(m.caller.size()));
        w.WriteText(m.caller);
        w.WriteU16(static_cast<uint16_t>(m.callId.size()));
        w.WriteText(m.callId);
        w.WriteU64(static_cast<uint64_t>(m.depositedNs));
        w.WriteU32(static_cast<uint32_t>(m.keyManagement.size()));
        w.WriteBytes(m.keyManagement);
        w.WriteU32(static_cast<uint32_t>(m.mediaPackets.size()));
        for (const Bytes& packet : m.mediaPackets)
        {
            if (packet.size() > u16Max)
            {
                return MakeError(Errc::OutOfRange, "mailbox: a packet is over 65535 bytes");
            }
            w.WriteU16(static_cast<uint16_t>(packet.size()));
            w.WriteBytes(packet);
        }
    }
    return w.Take();
}

Result<std::vector<StoredMessage>>
ParseMailbox(const Bytes& bytes)
{
    ByteReader r(bytes);
    auto count = r.ReadU16("message count");
    if (!count)
    {
        return count.GetError();
    }
    std::vector<StoredMessage> messages;
    for (uint16_t i = 0; i < count.Value(); ++i)
    {
        auto m = ReadMessage(r);
        if (!m)
        {
            return m.GetError();
        }
        messages.push_back(std::move(m).Value());
    }
    if (r.Remaining() != 0)
    {
        return MakeError(Errc::Malformed, "mailbox: bytes after the last message");
    }
    return messages;
}

} // namespace voicemail
} // namespace mediasec
