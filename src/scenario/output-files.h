/**
 * \file
 * The output folder: <dir>/runs/run-0000/ (files of one run), <dir>/runs/run-0000.csv (its
 * row) and <dir>/summary.csv (all rows); files are written whole or not at all.
 */
#ifndef IMS_OUTPUT_FILES_H
#define IMS_OUTPUT_FILES_H

#include "protocol/common/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \return "run-0000" for \p index 0 (at least four digits) */
std::string RunName(uint32_t index);

/** \return <outputDir>/runs/run-NNNN, the folder of one run */
std::string RunDirPath(const std::string& outputDir, uint32_t index);

/** \return <outputDir>/runs/run-NNNN.csv, the row of one run */
std::string RunCsvPath(const std::string& outputDir, uint32_t index);

/** \return <outputDir>/summary.csv */
std::string SummaryCsvPath(const std::string& outputDir);

/** \return the indices of the run CSVs present in <outputDir>/runs, ascending */
std::vector<uint32_t> FindRunCsvs(const std::string& outputDir);

/** \brief Removes every run CSV of <outputDir>/runs (left over from an earlier sweep). */
Status RemoveRunCsvs(const std::string& outputDir);

/** \brief Writes \p text to \p path through a temporary file and a rename. */
Status WriteFileAtomically(const std::string& path, const std::string& text);

/** \return the whole content of \p path */
Result<std::string> ReadWholeFile(const std::string& path);

} // namespace scenario
} // namespace mediasec

#endif
