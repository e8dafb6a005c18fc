#include "output-files.h"

#include "param-value.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mediasec
{
namespace scenario
{

namespace fs = std::filesystem;

std::string
RunName(uint32_t index)
{
    char name[32];
    std::snprintf(name, sizeof(name), "run-%04u", index);
    return name;
}

std::string
RunDirPath(const std::string& outputDir, uint32_t index)
{
    return (fs::path(outputDir) / "runs" / RunName(index)).string();
}

std::string
RunCsvPath(const std::string& outputDir, uint32_t index)
{
    return RunDirPath(outputDir, index) + ".csv";
}

std::string
SummaryCsvPath(const std::string& outputDir)
{
    return (fs::path(outputDir) / "summary.csv").string();
}

std::vector<uint32_t>
FindRunCsvs(const std::string& outputDir)
{
    std::vector<uint32_t> indices;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(outputDir) / "runs", ec))
    {
        const std::string name = entry.path().filename().string();
        const std::string prefix = "run-";
        const std::string suffix = ".csv";
        if (name.size() <= prefix.size() + suffix.size() || name.compare(0, 4, prefix) != 0 ||
            name.compare(name.size() - 4, 4, suffix) != 0)
        {
            continue;
        }
        auto index = ParseInteger(name.substr(4, name.size() - 8));
        if (index && *index >= 0 && *index <= UINT32_MAX &&
            RunName(static_cast<uint32_t>(*index)) + suffix == name)
        {
            indices.push_back(static_cast<uint32_t>(*index));
        }
    }
    std::sort(indices.begin(), indices.end());
    return indices;
}

Status
RemoveRunCsvs(const std::string& outputDir)
{
    for (uint32_t index : FindRunCsvs(outputDir))
    {
        std::error_code ec;
        fs::remove(RunCsvPath(outputDir, index), ec);
        if (ec)
        {
            return MakeError(Errc::InvalidState,
                             RunCsvPath(outputDir, index) + ": cannot remove: " + ec.message());
        }
    }
    return Ok{};
}

Status
WriteFileAtomically(const std::string& path, const std::string& text)
{
    const std::string temporary = path + ".tmp." + std::to_string(getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out)
        {
            return MakeError(Errc::InvalidState, temporary + ": cannot write");
        }
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec)
    {
        const std::string reason = ec.message();
        fs::remove(temporary, ec);
        return MakeError(Errc::InvalidState, path + ": cannot write: " + reason);
    }
    return Ok{};
}

Result<std::string>
ReadWholeFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        return MakeError(Errc::MissingField, path + ": cannot open");
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace scenario
} // namespace mediasec
