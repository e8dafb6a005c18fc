/**
 * \file
 * CSV input per RFC 4180 (quoted fields may hold commas, doubled quotes and line breaks;
 * records end with LF or CRLF).
 */
#ifndef IMS_CSV_READER_H
#define IMS_CSV_READER_H

#include "protocol/common/result.h"

#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief Records of a CSV text, each a list of fields. */
using CsvRecords = std::vector<std::vector<std::string>>;

/**
 * \brief Splits \p text into records and fields.
 * \return the records (none for an empty text), or Malformed for a quote inside an unquoted
 *         field, text after a closing quote, or an unterminated quoted field
 */
Result<CsvRecords> ParseCsv(const std::string& text);

} // namespace scenario
} // namespace mediasec

#endif
