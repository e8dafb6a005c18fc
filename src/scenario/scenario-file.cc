#include "scenario-file.h"

#include "error-prefix.h"
#include "param-specs.h"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>

#include <fstream>

namespace mediasec
{
namespace scenario
{

namespace po = boost::program_options;

Result<ScenarioSettings>
ParseScenarioFile(std::istream& in, const std::string& fileName,
                  const std::vector<ParamSpec>& specs)
{
    // Every entry comes back unregistered so that unknown keys, duplicates and [sweep] entries
    // are reported with our own messages.
    const po::options_description noOptions;
    std::vector<po::option> entries;
    try
    {
        entries = po::parse_config_file(in, noOptions, true).options;
    }
    catch (const po::error& e)
    {
        return MakeError(Errc::Malformed, fileName + ": " + e.what());
    }
    ScenarioSettings settings;
    const std::string sweepPrefix = kSweepSection + ".";
    for (const auto& entry : entries)
    {
        const std::string& name = entry.string_key;
        const std::string value = entry.value.empty() ? std::string() : entry.value.front();
        if (name.compare(0, sweepPrefix.size(), sweepPrefix) == 0)
        {
            auto added = AddSweep(settings, specs, name.substr(sweepPrefix.size()), value);
            if (!added)
            {
                return WithPrefix(added.GetError(), fileName + ": [" + kSweepSection + "] ");
            }
        }
        else
        {
            auto added = AddValue(settings, specs, name, value);
            if (!added)
            {
                return WithPrefix(added.GetError(), fileName + ": ");
            }
        }
    }
    return settings;
}

Result<ScenarioSettings>
LoadScenarioFile(const std::string& path, const std::vector<ParamSpec>& specs)
{
    std::ifstream in(path);
    if (!in)
    {
        return MakeError(Errc::MissingField, path + ": cannot open the scenario file");
    }
    return ParseScenarioFile(in, path, specs);
}

} // namespace scenario
} // namespace mediasec
