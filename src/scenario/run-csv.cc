#include "run-csv.h"

#include "csv-writer.h"
#include "error-prefix.h"
#include "output-files.h"
#include "param-specs.h"

#include <set>

namespace mediasec
{
namespace scenario
{

Result<std::string>
RunCsvText(uint32_t index, const ParameterSet& parameters, const Metrics& metrics)
{
    std::vector<std::string> header{kRunColumn};
    std::vector<std::string> row{std::to_string(index)};
    for (const auto& [key, value] : parameters.All())
    {
        if (key != kOutputDirKey)
        {
            header.push_back(key);
            row.push_back(value);
        }
    }
    std::set<std::string> columns(header.begin(), header.end());
    for (const auto& [name, value] : metrics)
    {
        if (name.empty() || !columns.insert(name).second)
        {
            return MakeError(Errc::Malformed,
                             "metric name '" + name + "' is empty or used by another column");
        }
        header.push_back(name);
        row.push_back(value);
    }
    return CsvRecord(header) + CsvRecord(row);
}

Result<CsvRecords>
ReadRunCsv(const std::string& path, uint32_t index)
{
    auto text = ReadWholeFile(path);
    if (!text)
    {
        return text.GetError();
    }
    auto records = ParseCsv(text.Value());
    if (!records)
    {
        return WithPrefix(records.GetError(), path + ": ");
    }
    const CsvRecords& csv = records.Value();
    if (csv.size() != 2 || csv[0].empty() || csv[0][0] != kRunColumn ||
        csv[1].size() != csv[0].size() || csv[1][0] != std::to_string(index))
    {
        return MakeError(Errc::Malformed,
                         path + ": not a run CSV of run " + std::to_string(index) +
                             " (expected a header starting with 'run' and one row)");
    }
    return records;
}

} // namespace scenario
} // namespace mediasec
