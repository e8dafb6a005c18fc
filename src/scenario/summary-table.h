/**
 * \file
 * The short aligned table printed after a sweep: one line per run with its index, the
 * parameters that differ between runs and the chosen metrics.
 */
#ifndef IMS_SUMMARY_TABLE_H
#define IMS_SUMMARY_TABLE_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief One run as shown in the table. */
struct SummaryRow
{
    uint32_t index = 0;                       //!< run index
    std::map<std::string, std::string> cells; //!< parameter and metric values by column name
    bool failed = false;                      //!< the run failed (no metrics)
};

/** \return the columns of \p candidates whose value is not the same in every row */
std::vector<std::string> VariedColumns(const std::vector<SummaryRow>& rows,
                                       const std::vector<std::string>& candidates);

/**
 * \brief Formats \p rows as left-aligned columns: "run", \p parameterColumns,
 * \p metricColumns, plus a "status" column when a run failed. Absent cells show "-".
 * \return the table text, one '\n'-terminated line per row after the header line
 */
std::string FormatSummaryTable(const std::vector<SummaryRow>& rows,
                               const std::vector<std::string>& parameterColumns,
                               const std::vector<std::string>& metricColumns);

} // namespace scenario
} // namespace mediasec

#endif
