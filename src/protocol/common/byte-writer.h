/**
 * \file
 * Big-endian writer that appends fields to an owned buffer.
 */
#ifndef MEDIASEC_BYTE_WRITER_H
#define MEDIASEC_BYTE_WRITER_H

#include "bytes.h"

#include <cstdint>
#include <string_view>

namespace mediasec
{

/**
 * \brief Appends network-byte-order fields; Take() hands the buffer over.
 */
class ByteWriter
{
  public:
    void WriteU8(uint8_t v);                  //!< appends one byte
    void WriteU16(uint16_t v);                //!< appends a big-endian 16-bit value
    void WriteU32(uint32_t v);                //!< appends a big-endian 32-bit value
    void WriteU64(uint64_t v);                //!< appends a big-endian 64-bit value
    void WriteBytes(const Bytes& data);       //!< appends raw bytes
    void WriteText(std::string_view text);    //!< appends the characters of \p text
    /** \brief Overwrites a 16-bit field already written at \p offset (length back-patching). */
    void PatchU16(size_t offset, uint16_t v);
    size_t Size() const;                      //!< \return bytes written so far
    const Bytes& View() const;                //!< \return the buffer written so far
    Bytes Take();                             //!< \return the buffer, leaving the writer empty

  private:
    Bytes m_out; //!< buffer being written
};

} // namespace mediasec

#endif
