/**
 * \file
 * The field codec of the Otway-Rees messages and sealed parts (doc/otway-rees.md): every value
 * travels as type (1 byte) || length (2 bytes, big-endian) || value, in a fixed order, so an
 * encoding has exactly one parse and a missing, extra, reordered or mis-sized field is refused.
 */
#ifndef MEDIASEC_OTWAY_REES_FIELDS_H
#define MEDIASEC_OTWAY_REES_FIELDS_H

#include "otway-rees-constants.h"
#include "protocol/common/byte-reader.h"
#include "protocol/common/byte-writer.h"
#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mediasec
{
namespace otway
{

/**
 * \brief Writes a sequence of fields, optionally after the message header
 * version (1 byte) || message type (1 byte).
 */
class FieldWriter
{
  public:
    /** \brief A writer of a bare field sequence (the plaintext of a sealed part). */
    FieldWriter() = default;

    /** \brief A writer of a message: the header is written first. \param type message type */
    explicit FieldWriter(MessageType type);

    /** \brief Appends a field holding \p value. \param type field type */
    void Add(FieldType type, const Bytes& value);
    /** \brief Appends a field holding the characters of \p text. \param type field type */
    void AddText(FieldType type, std::string_view text);
    /** \brief Appends a field holding \p value as 8 big-endian bytes. \param type field type */
    void AddU64(FieldType type, uint64_t value);
    /** \brief Appends a field holding the single byte \p value. \param type field type */
    void AddU8(FieldType type, uint8_t value);

    /** \return the encoding, leaving the writer empty */
    Bytes Take();

  private:
    ByteWriter m_out; //!< the encoding so far
};

/**
 * \brief Reads an expected sequence of fields from untrusted bytes. Every call names the field
 * it expects. The first error sticks: later reads return empty values and Finish() reports
 * that error, so a parser reads all its fields and checks once. Errors name the context
 * (message or part) and the field.
 */
class FieldReader
{
  public:
    /**
     * \param data the encoding (must outlive the reader)
     * \param context the name used in error details, e.g. "Offer"
     */
    FieldReader(const Bytes& data, const char* context);

    /**
     * \brief Reads and checks the message header: TooLarge (over kMaxMessageSize), Truncated,
     * Unsupported (another version) or Malformed (another message type).
     * \param expected the message type the caller parses
     */
    void ReadHeader(MessageType expected);

    /**
     * \return the value of the next field, which must be of \p type and exactly \p length
     * bytes long; errors: MissingField at the end of input, Malformed for another type,
     * BadLength for another length, Truncated when the value is cut short
     */
    Bytes Fixed(FieldType type, size_t length, const char* name);

    /**
     * \return a field of any length from \p minLength to \p maxLength, errors as Fixed
     * (BadLength outside the range)
     */
    Bytes Ranged(FieldType type, size_t minLength, size_t maxLength, const char* name);

    /** \return the first error, else Malformed if bytes are left (an extra field), else Ok */
    Status Finish() const;

  private:
    /** \brief Records \p code with the detail "<context>: <name><what>" unless failed. */
    void Fail(Errc code, const char* name, const std::string& what);

    ByteReader m_in;              //!< position in the encoding
    size_t m_size;                //!< total length
    const char* m_context;        //!< message or part name for errors
    std::optional<Error> m_error; //!< the first error
};

/**
 * \brief Ends a parse.
 * \return \p value when \p reader finished cleanly, else the reader's error
 */
template<typename T>
Result<T>
FinishWith(const FieldReader& reader, T value)
{
    auto status = reader.Finish();
    if (!status)
    {
        return status.GetError();
    }
    return value;
}

} // namespace otway
} // namespace mediasec

#endif
