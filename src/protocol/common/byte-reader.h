/**
 * \file
 * Bounds-checked big-endian reader over untrusted bytes.
 */
#ifndef MEDIASEC_BYTE_READER_H
#define MEDIASEC_BYTE_READER_H

#include "bytes.h"

#include <cstddef>
#include <cstdint>

namespace mediasec
{

/**
 * \brief Reads network-byte-order fields from a buffer it does not own.
 *
 * Every read checks the remaining length first and returns Errc::Truncated naming
 * \p what on a short buffer; on failure the position is unchanged.
 */
class ByteReader
{
  public:
    /** \param data start of the buffer \param size its length */
    ByteReader(const uint8_t* data, size_t size);
    /** \param data buffer to read (must outlive the reader) */
    explicit ByteReader(const Bytes& data);

    Result<uint8_t> ReadU8(const char* what);   //!< \return one byte
    Result<uint16_t> ReadU16(const char* what); //!< \return a big-endian 16-bit value
    Result<uint32_t> ReadU32(const char* what); //!< \return a big-endian 32-bit value
    Result<uint64_t> ReadU64(const char* what); //!< \return a big-endian 64-bit value
    /** \return the next \p n bytes */
    Result<Bytes> ReadBytes(size_t n, const char* what);
    /** \return Ok after skipping \p n bytes */
    Status Skip(size_t n, const char* what);

    size_t Remaining() const; //!< \return bytes left to read
    size_t Position() const;  //!< \return bytes consumed so far

  private:
    Error Short(const char* what, size_t need) const; //!< builds the Truncated error

    const uint8_t* m_data; //!< buffer start
    size_t m_size;         //!< buffer length
    size_t m_pos;          //!< read position
};

} // namespace mediasec

#endif
