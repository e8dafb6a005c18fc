/**
 * \file
 * The CSV of one run: a header ("run", every parameter key in sorted order, then the metric
 * names in the order returned) and one row.
 */
#ifndef IMS_RUN_CSV_H
#define IMS_RUN_CSV_H

#include "protocol/common/result.h"
#include "scenario/csv-reader.h"
#include "scenario/run-api.h"

#include <cstdint>
#include <string>

namespace mediasec
{
namespace scenario
{

/** \brief Name of the first column of every run CSV and of summary.csv. */
inline const std::string kRunColumn = "run";

/**
 * \brief Builds the CSV text of run \p index. output.dir is left out: it says where the files
 * are, not what was simulated, so rows do not depend on the output folder.
 * \return the text, or an error when a metric name is empty, repeated or equal to a column of
 *         the parameters
 */
Result<std::string> RunCsvText(uint32_t index, const ParameterSet& parameters,
                               const Metrics& metrics);

/**
 * \brief Reads the run CSV at \p path.
 * \return the header and the row, or an error when the file is not a run CSV of \p index
 */
Result<CsvRecords> ReadRunCsv(const std::string& path, uint32_t index);

} // namespace scenario
} // namespace mediasec

#endif
