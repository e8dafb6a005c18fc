#include "byte-reader.h"

namespace mediasec
{

ByteReader::ByteReader(const uint8_t* data, size_t size)
    : m_data(data),
      m_size(size),
      m_pos(0)
{
}

ByteReader::ByteReader(const Bytes& data)
    : ByteReader(data.data(), data.size())
{
}

Error
ByteReader::Short(const char* what, size_t need) const
{
    return MakeError(Errc::Truncated,
                     std::string(what) + ": need " + std::to_string(need) + " bytes at offset " +
                         std::to_string(m_pos) + ", have " + std::to_string(Remaining()));
}

Result<uint8_t>
ByteReader::ReadU8(const char* what)
{
    if (Remaining() < 1)
    {
        return Short(what, 1);
    }
    return m_data[m_pos++];
}

Result<uint16_t>
ByteReader::ReadU16(const char* what)
{
    if (Remaining() < 2)
    {
        return Short(what, 2);
    }
    uint16_t v = static_cast<uint16_t>(m_data[m_pos] << 8 | m_data[m_pos + 1]);
    m_pos += 2;
    return v;
}

Result<uint32_t>
ByteReader::ReadU32(const char* what)
{
    if (Remaining() < 4)
    {
        return Short(what, 4);
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i)
    {
        v = v << 8 | m_data[m_pos + i];
    }
    m_pos += 4;
    return v;
}

Result<uint64_t>
ByteReader::ReadU64(const char* what)
{
    if (Remaining() < 8)
    {
        return Short(what, 8);
    }
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i)
    {
        v = v << 8 | m_data[m_pos + i];
    }
    m_pos += 8;
    return v;
}

Result<Bytes>
ByteReader::ReadBytes(size_t n, const char* what)
{
    if (Remaining() < n)
    {
        return Short(what, n);
    }
    Bytes out(m_data + m_pos, m_data + m_pos + n);
    m_pos += n;
    return out;
}

Status
ByteReader::Skip(size_t n, const char* what)
{
    if (Remaining() < n)
    {
        return Short(what, n);
    }
    m_pos += n;
    return Ok{};
}

size_t
ByteReader::Remaining() const
{
    return m_size - m_pos;
}

size_t
ByteReader::Position() const
{
    return m_pos;
}

} // namespace mediasec
