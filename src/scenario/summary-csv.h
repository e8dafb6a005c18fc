/**
 * \file
 * Merging run CSVs into summary.csv: one header, then the rows in run index order.
 */
#ifndef IMS_SUMMARY_CSV_H
#define IMS_SUMMARY_CSV_H

#include "protocol/common/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief The rows of several runs under their common header. */
struct MergedRuns
{
    std::vector<std::string> header;            //!< "run", parameter keys, metric names
    std::vector<std::vector<std::string>> rows; //!< one per run, in index order
};

/**
 * \brief Reads <outputDir>/runs/run-I.csv for every I of \p indices (ascending).
 * \return the merged rows, or an error naming the file that is missing, malformed or whose
 *         header differs from the first one
 */
Result<MergedRuns> MergeRunCsvs(const std::string& outputDir, const std::vector<uint32_t>& indices);

/** \return the CSV text of \p runs: the header, then every row (empty without a header) */
std::string SummaryCsvText(const MergedRuns& runs);

} // namespace scenario
} // namespace mediasec

#endif
