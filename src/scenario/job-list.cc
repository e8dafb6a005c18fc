#include "job-list.h"

namespace mediasec
{
namespace scenario
{

std::string
ShellQuote(const std::string& word)
{
    const bool safe = !word.empty() &&
                      word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789_./:=,+-@%") == std::string::npos;
    if (safe)
    {
        return word;
    }
    std::string quoted = "'";
    for (char c : word)
    {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::vector<std::string>
SweepArguments(const CommandLine& line)
{
    std::vector<std::string> arguments;
    if (!line.scenarioFile.empty())
    {
        arguments.push_back(line.scenarioFile);
    }
    for (const auto& [key, value] : line.settings.values)
    {
        arguments.push_back("--" + key + "=" + value);
    }
    for (const auto& axis : line.settings.sweeps)
    {
        std::string list;
        for (const auto& value : axis.values)
        {
            list += (list.empty() ? "" : ",") + value;
        }
        arguments.push_back("--sweep");
        arguments.push_back(axis.key + "=" + list);
    }
    if (line.runsPerPoint != 1)
    {
        arguments.push_back("--runs");
        arguments.push_back(std::to_string(line.runsPerPoint));
    }
    return arguments;
}

std::string
JobListText(const std::string& workDir, const std::string& program,
            const std::vector<std::string>& arguments, uint32_t runCount,
            const std::string& outputDir)
{
    std::string common = "cd " + ShellQuote(workDir) + " && " + ShellQuote(program);
    for (const auto& argument : arguments)
    {
        common += " " + ShellQuote(argument);
    }
    std::string text;
    for (uint32_t index = 0; index < runCount; ++index)
    {
        text += common + " --single-run " + std::to_string(index) + " --output-dir " +
                ShellQuote(outputDir) + "\n";
    }
    return text;
}

} // namespace scenario
} // namespace mediasec
