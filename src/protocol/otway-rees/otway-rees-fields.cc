#include "otway-rees-fields.h"

#include <cstdio>

namespace mediasec
{
namespace otway
{

FieldWriter::FieldWriter(MessageType type)
{
    m_out.WriteU8(kVersion);
    m_out.WriteU8(static_cast<uint8_t>(type));
}

void
FieldWriter::Add(FieldType type, const Bytes& value)
{
    m_out.WriteU8(static_cast<uint8_t>(type));
    m_out.WriteU16(static_cast<uint16_t>(value.size()));
    m_out.WriteBytes(value);
}

void
FieldWriter::AddText(FieldType type, std::string_view text)
{
    Add(type, ToBytes(text));
}

void
FieldWriter::AddU64(FieldType type, uint64_t value)
{
    ByteWriter v;
    v.WriteU64(value);
    Add(type, v.Take());
}

void
FieldWriter::AddU8(FieldType type, uint8_t value)
{
    Add(type, Bytes{value});
}

Bytes
FieldWriter::Take()
{
    return m_out.Take();
}

FieldReader::FieldReader(const Bytes& data, const char* context)
    : m_in(data)
    , m_size(data.size())
    , m_context(context)
{
}

void
FieldReader::Fail(Errc code, const char* name, const std::string& what)
{
    if (!m_error)
    {
        m_error = MakeError(code, std::string(m_context) + ": " + name + what);
    }
}

void
FieldReader::ReadHeader(MessageType expected)
{
    if (m_size > kMaxMessageSize)
    {
        Fail(Errc::TooLarge, "message", " longer than " + std::to_string(kMaxMessageSize));
        return;
    }
    auto version = m_in.ReadU8("version");
    auto type = m_in.ReadU8("message type");
    if (!version || !type)
    {
        Fail(Errc::Truncated, "header", " shorter than 2 bytes");
    }
    else if (version.Value() != kVersion)
    {
        Fail(Errc::Unsupported, "version", " " + std::to_string(version.Value()));
    }
    else if (type.Value() != static_cast<uint8_t>(expected))
    {
        Fail(Errc::Malformed, "message type",
             " " + std::to_string(type.Value()) + ", expected " +
                 std::to_string(static_cast<int>(expected)));
    }
}

Bytes
FieldReader::Ranged(FieldType type, size_t minLength, size_t maxLength, const char* name)
{
    if (m_error)
    {
        return {};
    }
    if (m_in.Remaining() == 0)
    {
        Fail(Errc::MissingField, name, " absent");
        return {};
    }
    uint8_t tag = m_in.ReadU8(name).Value();
    if (tag != static_cast<uint8_t>(type))
    {
        char found[8];
        std::snprintf(found, sizeof(found), "0x%02x", tag);
        Fail(Errc::Malformed, name, std::string(" expected, found field type ") + found);
        return {};
    }
    auto length = m_in.ReadU16(name);
    if (!length)
    {
        Fail(Errc::Truncated, name, " length cut short");
        return {};
    }
    if (length.Value() < minLength || length.Value() > maxLength)
    {
        Fail(Errc::BadLength, name, " is " + std::to_string(length.Value()) + " bytes");
        return {};
    }
    auto value = m_in.ReadBytes(length.Value(), name);
    if (!value)
    {
        Fail(Errc::Truncated, name, " value cut short");
        return {};
    }
    return std::move(value).Value();
}

Bytes
FieldReader::Fixed(FieldType type, size_t length, const char* name)
{
    return Ranged(type, length, length, name);
}

Status
FieldReader::Finish() const
{
    if (m_error)
    {
        return *m_error;
    }
    if (m_in.Remaining() != 0)
    {
        return MakeError(Errc::Malformed, std::string(m_context) + ": extra field (" +
                                              std::to_string(m_in.Remaining()) +
                                              " bytes after the last field)");
    }
    return Ok{};
}

} // namespace otway
} // namespace mediasec
