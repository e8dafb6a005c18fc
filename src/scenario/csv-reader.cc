#include "csv-reader.h"

namespace mediasec
{
namespace scenario
{

namespace
{

/** \return the position just past a record end (LF or CRLF) at \p pos, or npos if none */
size_t
RecordEnd(const std::string& text, size_t pos)
{
    if (text.compare(pos, 1, "\n") == 0)
    {
        return pos + 1;
    }
    if (text.compare(pos, 2, "\r\n") == 0)
    {
        return pos + 2;
    }
    return std::string::npos;
}

} // namespace

Result<CsvRecords>
ParseCsv(const std::string& text)
{
    CsvRecords records;
    std::vector<std::string> record;
    size_t pos = 0;
    while (pos < text.size())
    {
        std::string field;
        if (text[pos] == '"')
        {
            ++pos;
            while (true)
            {
                if (pos >= text.size())
                {
                    return MakeError(Errc::Malformed, "CSV record " +
                                                          std::to_string(records.size() + 1) +
                                                          ": unterminated quoted field");
                }
                if (text[pos] == '"')
                {
                    if (pos + 1 < text.size() && text[pos + 1] == '"')
                    {
                        field += '"';
                        pos += 2;
                        continue;
                    }
                    ++pos;
                    break;
                }
                field += text[pos++];
            }
        }
        else
        {
            while (pos < text.size() && text[pos] != ',' &&
                   RecordEnd(text, pos) == std::string::npos)
            {
                if (text[pos] == '"')
                {
                    return MakeError(Errc::Malformed, "CSV record " +
                                                          std::to_string(records.size() + 1) +
                                                          ": quote inside an unquoted field");
                }
                field += text[pos++];
            }
        }
        record.push_back(std::move(field));
        if (pos >= text.size())
        {
            break;
        }
        if (text[pos] == ',')
        {
            ++pos;
            if (pos == text.size())
            {
                record.emplace_back();
            }
            continue;
        }
        const size_t next = RecordEnd(text, pos);
        if (next == std::string::npos)
        {
            return MakeError(Errc::Malformed, "CSV record " + std::to_string(records.size() + 1) +
                                                  ": text after a closing quote");
        }
        records.push_back(std::move(record));
        record.clear();
        pos = next;
    }
    if (!record.empty())
    {
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace scenario
} // namespace mediasec
