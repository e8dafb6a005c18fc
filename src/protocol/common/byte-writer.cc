#include "byte-writer.h"

#include <utility>

namespace mediasec
{

void
ByteWriter::WriteU8(uint8_t v)
{
    m_out.push_back(v);
}

void
ByteWriter::WriteU16(uint16_t v)
{
    m_out.push_back(static_cast<uint8_t>(v >> 8));
    m_out.push_back(static_cast<uint8_t>(v));
}

void
ByteWriter::WriteU32(uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8)
    {
        m_out.push_back(static_cast<uint8_t>(v >> shift));
    }
}

void
ByteWriter::WriteU64(uint64_t v)
{
    for (int shift = 56; shift >= 0; shift -= 8)
    {
        m_out.push_back(static_cast<uint8_t>(v >> shift));
    }
}

void
ByteWriter::WriteBytes(const Bytes& data)
{
    m_out.insert(m_out.end(), data.begin(), data.end());
}

void
ByteWriter::WriteText(std::string_view text)
{
    m_out.insert(m_out.end(), text.begin(), text.end());
}

void
ByteWriter::PatchU16(size_t offset, uint16_t v)
{
    m_out.at(offset) = static_cast<uint8_t>(v >> 8);
    m_out.at(offset + 1) = static_cast<uint8_t>(v);
}

size_t
ByteWriter::Size() const
{
    return m_out.size();
}

const Bytes&
ByteWriter::View() const
{
    return m_out;
}

Bytes
ByteWriter::Take()
{
    return std::exchange(m_out, Bytes{});
}

} // namespace mediasec
