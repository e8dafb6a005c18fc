#include "csv-writer.h"

namespace mediasec
{
namespace scenario
{

std::string
CsvField(const std::string& value)
{
    if (value.find_first_of(",\"\r\n") == std::string::npos)
    {
        return value;
    }
    std::string quoted = "\"";
    for (char c : value)
    {
        quoted += c;
        if (c == '"')
        {
            quoted += '"';
        }
    }
    return quoted + "\"";
}

std::string
CsvRecord(const std::vector<std::string>& fields)
{
    std::string record;
    for (size_t i = 0; i < fields.size(); ++i)
    {
        record += (i == 0 ? "" : ",") + CsvField(fields[i]);
    }
    return record + '\n';
}

} // namespace scenario
} // namespace mediasec
