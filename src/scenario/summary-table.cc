#include "summary-table.h"

#include "text-columns.h"

#include <algorithm>

namespace mediasec
{
namespace scenario
{

namespace
{

/** \return the cell \p column of \p row, or "-" when absent */
std::string
Cell(const SummaryRow& row, const std::string& column)
{
    auto it = row.cells.find(column);
    return it == row.cells.end() ? std::string("-") : it->second;
}

} // namespace

std::vector<std::string>
VariedColumns(const std::vector<SummaryRow>& rows, const std::vector<std::string>& candidates)
{
    std::vector<std::string> varied;
    for (const auto& column : candidates)
    {
        const bool differs = std::any_of(rows.begin(), rows.end(), [&](const SummaryRow& row) {
            return Cell(row, column) != Cell(rows.front(), column);
        });
        if (differs)
        {
            varied.push_back(column);
        }
    }
    return varied;
}

std::string
FormatSummaryTable(const std::vector<SummaryRow>& rows,
                   const std::vector<std::string>& parameterColumns,
                   const std::vector<std::string>& metricColumns)
{
    const bool anyFailed =
        std::any_of(rows.begin(), rows.end(), [](const SummaryRow& row) { return row.failed; });
    std::vector<std::string> header{"run"};
    header.insert(header.end(), parameterColumns.begin(), parameterColumns.end());
    header.insert(header.end(), metricColumns.begin(), metricColumns.end());
    if (anyFailed)
    {
        header.emplace_back("status");
    }
    std::vector<std::vector<std::string>> lines{header};
    for (const auto& row : rows)
    {
        std::vector<std::string> line{std::to_string(row.index)};
        for (const auto& column : parameterColumns)
        {
            line.push_back(Cell(row, column));
        }
        for (const auto& column : metricColumns)
        {
            line.push_back(row.failed ? std::string("-") : Cell(row, column));
        }
        if (anyFailed)
        {
            line.emplace_back(row.failed ? "FAILED" : "ok");
        }
        lines.push_back(std::move(line));
    }
    return FormatColumns(lines);
}

} // namespace scenario
} // namespace mediasec
