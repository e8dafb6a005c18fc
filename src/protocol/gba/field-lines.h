/**
 * \file
 * The body encoding of the simulated Zh and Zn interfaces (doc/gba-in-simulation.md): a list of
 * "Name: value" lines, each ended by CRLF, standing in for the Diameter AVPs of TS 29.109. A
 * strict reader with size limits and typed errors; the message schemas are in zh-zn-messages.h.
 */
#ifndef MEDIASEC_GBA_FIELD_LINES_H
#define MEDIASEC_GBA_FIELD_LINES_H

#include "protocol/common/bytes.h"
#include "protocol/common/result.h"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mediasec
{
namespace gba
{

constexpr size_t kMaxFieldLinesSize = 16384; //!< largest body accepted (bytes)
constexpr size_t kMaxFieldLines = 128;       //!< most lines accepted in one body

/**
 * \brief An ordered list of named text fields. Names are 1..64 characters of [A-Za-z0-9-];
 * values are printable ASCII (0x20..0x7E), 0..1024 characters, without leading or trailing
 * spaces.
 */
class FieldLines
{
  public:
    /**
     * \brief Parses a body: zero or more lines "Name: value" (one space after the colon, or
     * none for an empty value), each ended by CRLF.
     * \return the fields; TooLarge over kMaxFieldLinesSize bytes or kMaxFieldLines lines;
     * Malformed naming the line for a missing CRLF, colon or space, a bad name or value
     */
    static Result<FieldLines> Parse(std::string_view text);

    /**
     * \brief Appends a field.
     * \return Ok, or Malformed naming the field when the name or value breaks the grammar
     */
    Status Add(std::string_view name, std::string_view value);
    /** \brief Appends \p value as lower-case hex (always valid). */
    void AddHex(std::string_view name, const Bytes& value);

    /** \return the body text (every line ended by CRLF) */
    std::string Format() const;

    /**
     * \brief Checks that every field name is one of \p known.
     * \return Ok, or Unsupported naming the first unknown field
     */
    Status OnlyKnown(std::initializer_list<std::string_view> known) const;
    /** \return the value of the field present exactly once; MissingField or Malformed (repeated) */
    Result<std::string> One(std::string_view name) const;
    /** \return the value of a field present at most once ("" when absent), or Malformed */
    Result<std::string> Optional(std::string_view name) const;
    /** \return every value of \p name in order (possibly none) */
    std::vector<std::string> All(std::string_view name) const;
    /**
     * \return the bytes of a hex field present exactly once and decoding to \p length bytes;
     * MissingField, Malformed (repeated or not hex) or BadLength, naming the field
     */
    Result<Bytes> Hex(std::string_view name, size_t length) const;
    /**
     * \return the bytes of a hex field present at most once (empty when absent) decoding to
     * \p length bytes, or the errors of Hex()
     */
    Result<Bytes> OptionalHex(std::string_view name, size_t length) const;

  private:
    std::vector<std::pair<std::string, std::string>> m_fields; //!< in wire order
};

} // namespace gba
} // namespace mediasec

#endif
