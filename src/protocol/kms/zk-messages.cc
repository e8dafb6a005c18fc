#include "zk-messages.h"

#include "protocol/common/byte-reader.h"
#include "protocol/common/byte-writer.h"
#include "protocol/crypto/aes-gcm.h"

#include <utility>

namespace mediasec
{
namespace kms
{

namespace
{

constexpr uint8_t kZkVersion = 1;
constexpr uint8_t kGranted = 0;
constexpr uint8_t kRefused = 1;

/** \brief Appends a u16-length-prefixed field (callers keep fields under 64 KiB). */
void
WriteField(ByteWriter& w, const Bytes& data)
{
    w.WriteU16(static_cast<uint16_t>(data.size()));
    w.WriteBytes(data);
}

/** \brief Appends a u16-length-prefixed text. */
void
WriteText16(ByteWriter& w, const std::string& text)
{
    WriteField(w, Bytes(text.begin(), text.end()));
}

/** \return a u16-length-prefixed field, not empty unless \p allowEmpty */
Result<Bytes>
ReadField(ByteReader& r, const char* what, bool allowEmpty = false)
{
    auto length = r.ReadU16(what);
    if (!length)
    {
        return length.GetError();
    }
    if (length.Value() == 0 && !allowEmpty)
    {
        return MakeError(Errc::MissingField, std::string("Zk: empty ") + what);
    }
    return r.ReadBytes(length.Value(), what);
}

/** \return a u16-length-prefixed text, not empty unless \p allowEmpty */
Result<std::string>
ReadText16(ByteReader& r, const char* what, bool allowEmpty = false)
{
    auto field = ReadField(r, what, allowEmpty);
    if (!field)
    {
        return field.GetError();
    }
    return std::string(field.Value().begin(), field.Value().end());
}

/** \return Ok when \p r has been read to its end */
Status
RequireEnd(const ByteReader& r, const char* where)
{
    if (r.Remaining() != 0)
    {
        return MakeError(Errc::BadLength,
                         std::string(where) + ": " + std::to_string(r.Remaining()) + " bytes left");
    }
    return Ok();
}

} // namespace

Bytes
FormatZkEnvelopeHeader(const ZkEnvelope& envelope)
{
    ByteWriter w;
    w.WriteText("ZK");
    w.WriteU8(kZkVersion);
    w.WriteU8(static_cast<uint8_t>(envelope.kind));
    WriteText16(w, envelope.sender);
    WriteText16(w, envelope.receiver);
    w.WriteU64(envelope.timestampNtp);
    w.WriteBytes(envelope.nonce);
    if (envelope.kind == ZkKind::ResolveAnswer)
    {
        w.WriteBytes(envelope.requestNonce);
    }
    return w.Take();
}

Bytes
FormatZkEnvelope(const ZkEnvelope& envelope)
{
    Bytes out = FormatZkEnvelopeHeader(envelope);
    out.insert(out.end(), envelope.sealed.begin(), envelope.sealed.end());
    return out;
}

Result<ZkEnvelope>
ParseZkEnvelope(const Bytes& data)
{
    ByteReader r(data);
    auto magic = r.ReadBytes(2, "Zk magic");
    auto version = r.ReadU8("Zk version");
    auto kind = r.ReadU8("Zk kind");
    if (!magic || !version || !kind)
    {
        return MakeError(Errc::Truncated, "Zk: header shorter than 4 bytes");
    }
    if (magic.Value() != Bytes{'Z', 'K'})
    {
        return MakeError(Errc::Malformed, "Zk: magic is not \"ZK\"");
    }
    if (version.Value() != kZkVersion)
    {
        return MakeError(Errc::Unsupported,
                         "Zk: version " + std::to_string(version.Value()) + " (only 1)");
    }
    if (kind.Value() != static_cast<uint8_t>(ZkKind::ResolveRequest) &&
        kind.Value() != static_cast<uint8_t>(ZkKind::ResolveAnswer))
    {
        return MakeError(Errc::Unsupported, "Zk: kind " + std::to_string(kind.Value()));
    }
    ZkEnvelope e;
    e.kind = static_cast<ZkKind>(kind.Value());
    auto sender = ReadText16(r, "sender");
    if (!sender)
    {
        return sender.GetError();
    }
    auto receiver = ReadText16(r, "receiver");
    if (!receiver)
    {
        return receiver.GetError();
    }
    auto t = r.ReadU64("Zk T");
    auto nonce = r.ReadBytes(kZkNonceLength, "Zk nonce");
    if (!t || !nonce)
    {
        return MakeError(Errc::Truncated, "Zk: T and nonce");
    }
    e.sender = std::move(sender).Value();
    e.receiver = std::move(receiver).Value();
    e.timestampNtp = t.Value();
    e.nonce = std::move(nonce).Value();
    if (e.kind == ZkKind::ResolveAnswer)
    {
        auto requestNonce = r.ReadBytes(kZkNonceLength, "Zk request nonce");
        if (!requestNonce)
        {
            return requestNonce.GetError();
        }
        e.requestNonce = std::move(requestNonce).Value();
    }
    if (r.Remaining() < AesGcm::kTagLength)
    {
        return MakeError(Errc::BadLength, "Zk: sealed body shorter than the GCM tag");
    }
    e.sealed.assign(data.begin() + static_cast<std::ptrdiff_t>(r.Position()), data.end());
    return e;
}

Bytes
FormatZkResolveRequest(const ZkResolveRequest& request)
{
    ByteWriter ticket;
    mikey::WritePayload(ticket, request.ticket, 0);
    ByteWriter w;
    w.WriteU32(static_cast<uint32_t>(ticket.Size()));
    w.WriteBytes(ticket.View());
    WriteText16(w, request.identity);
    w.WriteU8(static_cast<uint8_t>(request.identities.size()));
    for (const std::string& id : request.identities)
    {
        WriteText16(w, id);
    }
    return w.Take();
}

Result<ZkResolveRequest>
ParseZkResolveRequest(const Bytes& data)
{
    ByteReader r(data);
    auto length = r.ReadU32("TICKET length");
    if (!length)
    {
        return length.GetError();
    }
    auto ticketBytes = r.ReadBytes(length.Value(), "TICKET");
    if (!ticketBytes)
    {
        return ticketBytes.GetError();
    }
    ByteReader tr(ticketBytes.Value());
    auto ticket = mikey::ReadPayload(tr, static_cast<uint8_t>(mikey::PayloadType::Ticket));
    if (!ticket)
    {
        return ticket.GetError();
    }
    if (ticket.Value().nextPayload != 0 || tr.Remaining() != 0)
    {
        return MakeError(Errc::BadLength, "Zk request: bytes after the TICKET payload");
    }
    ZkResolveRequest request;
    request.ticket = std::get<mikey::TicketPayload>(std::move(ticket).Value().payload);
    auto identity = ReadText16(r, "identity");
    if (!identity)
    {
        return identity.GetError();
    }
    request.identity = std::move(identity).Value();
    auto count = r.ReadU8("identity count");
    if (!count)
    {
        return count.GetError();
    }
    if (count.Value() > kZkMaxIdentities)
    {
        return MakeError(Errc::TooLarge,
                         "Zk request: " + std::to_string(count.Value()) + " identities");
    }
    for (uint8_t i = 0; i < count.Value(); ++i)
    {
        auto id = ReadText16(r, "user identity");
        if (!id)
        {
            return id.GetError();
        }
        request.identities.push_back(std::move(id).Value());
    }
    if (auto s = RequireEnd(r, "Zk request"); !s)
    {
        return s.GetError();
    }
    return request;
}

Bytes
FormatZkResolveAnswer(const ZkResolveAnswer& answer)
{
    ByteWriter w;
    if (answer.keys)
    {
        const ZkForkedKeys& k = *answer.keys;
        w.WriteU8(kGranted);
        WriteText16(w, k.identity);
        for (const Bytes* field : {&k.randRkms, &k.mpki, &k.forkedMpkr, &k.forkedTgk})
        {
            WriteField(w, *field);
        }
        return w.Take();
    }
    const ZkRefusal refusal = answer.refusal.value_or(ZkRefusal{});
    w.WriteU8(kRefused);
    w.WriteU8(refusal.refusal);
    WriteText16(w, refusal.detail);
    return w.Take();
}

Result<ZkResolveAnswer>
ParseZkResolveAnswer(const Bytes& data)
{
    ByteReader r(data);
    auto status = r.ReadU8("Zk answer status");
    if (!status)
    {
        return status.GetError();
    }
    ZkResolveAnswer answer;
    if (status.Value() == kGranted)
    {
        ZkForkedKeys k;
        auto identity = ReadText16(r, "forked identity");
        if (!identity)
        {
            return identity.GetError();
        }
        k.identity = std::move(identity).Value();
        const std::pair<Bytes*, const char*> fields[] = {{&k.randRkms, "RANDRkms"},
                                                         {&k.mpki, "MPKi"},
                                                         {&k.forkedMpkr, "MPKr'"},
                                                         {&k.forkedTgk, "TGK'"}};
        for (const auto& [field, what] : fields)
        {
            auto value = ReadField(r, what);
            if (!value)
            {
                return value.GetError();
            }
            *field = std::move(value).Value();
        }
        answer.keys = std::move(k);
    }
    else if (status.Value() == kRefused)
    {
        auto code = r.ReadU8("refusal");
        if (!code)
        {
            return code.GetError();
        }
        auto detail = ReadText16(r, "refusal detail", true);
        if (!detail)
        {
            return detail.GetError();
        }
        answer.refusal = ZkRefusal{code.Value(), std::move(detail).Value()};
    }
    else
    {
        return MakeError(Errc::Unsupported, "Zk answer: status " + std::to_string(status.Value()));
    }
    if (auto s = RequireEnd(r, "Zk answer"); !s)
    {
        return s.GetError();
    }
    return answer;
}

} // namespace kms
} // namespace mediasec
