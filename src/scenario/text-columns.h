/**
 * \file
 * Left-aligned plain-text columns, shared by the summary table and --list-keys.
 */
#ifndef IMS_TEXT_COLUMNS_H
#define IMS_TEXT_COLUMNS_H

#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/**
 * \brief Formats \p lines as left-aligned columns separated by two spaces.
 * \return one '\n'-terminated line per entry of \p lines, without trailing blanks
 */
std::string FormatColumns(const std::vector<std::vector<std::string>>& lines);

} // namespace scenario
} // namespace mediasec

#endif
