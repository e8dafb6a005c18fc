/**
 * \file
 * CSV output per RFC 4180: a field is quoted when it holds a comma, a quote, CR or LF.
 */
#ifndef IMS_CSV_WRITER_H
#define IMS_CSV_WRITER_H

#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \return \p value as one CSV field: as is, or in quotes with inner quotes doubled */
std::string CsvField(const std::string& value);

/** \return the fields joined by commas, terminated by '\n' */
std::string CsvRecord(const std::vector<std::string>& fields);

} // namespace scenario
} // namespace mediasec

#endif
