#include "summary-csv.h"

#include "csv-writer.h"
#include "output-files.h"
#include "run-csv.h"

namespace mediasec
{
namespace scenario
{

Result<MergedRuns>
MergeRunCsvs(const std::string& outputDir, const std::vector<uint32_t>& indices)
{
    MergedRuns merged;
    for (uint32_t index : indices)
    {
        const std::string path = RunCsvPath(outputDir, index);
        auto records = ReadRunCsv(path, index);
        if (!records)
        {
            return records.GetError();
        }
        const std::vector<std::string>& header = records.Value()[0];
        std::vector<std::string>& row = records.Value()[1];
        if (merged.rows.empty())
        {
            merged.header = header;
        }
        else if (header != merged.header)
        {
            return MakeError(Errc::Malformed, path + ": columns differ from those of " +
                                                  RunCsvPath(outputDir, indices.front()));
        }
        merged.rows.push_back(std::move(row));
    }
    return merged;
}

std::string
SummaryCsvText(const MergedRuns& runs)
{
    if (runs.header.empty())
    {
        return "";
    }
    std::string text = CsvRecord(runs.header);
    for (const auto& row : runs.rows)
    {
        text += CsvRecord(row);
    }
    return text;
}

} // namespace scenario
} // namespace mediasec
