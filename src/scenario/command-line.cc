#include "command-line.h"

#include "error-prefix.h"
#include "param-value.h"
#include "sweep.h"

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>

#include <algorithm>
#include <set>
#include <sstream>

namespace mediasec
{
namespace scenario
{

namespace po = boost::program_options;

namespace
{

/** \return the runner's own options (not the scenario keys) */
po::options_description
RunnerOptions()
{
    po::options_description options("Runner options");
    options.add_options()                                                     //
        ("help,h", "print this help")                                         //
        ("list-keys", "print every scenario key with kind, default and help") //
        ("sweep", po::value<std::string>()->value_name("KEY=V1,V2,..."),
         "run every listed value of KEY (repeatable: cartesian product, first varies slowest)") //
        ("runs", po::value<std::string>()->value_name("N"),
         "runs per sweep point, with run.seed, run.seed+1, ... (default 1)") //
        ("jobs,j", po::value<std::string>()->value_name("N"),
         "parallel runs (default: number of cores)") //
        ("output-dir", po::value<std::string>()->value_name("DIR"),
         "output folder (default: output.dir or results/<scenario file stem>)") //
        ("emit-jobs", po::value<std::string>()->value_name("FILE"),
         "write one shell command per run to FILE instead of running") //
        ("single-run", po::value<std::string>()->value_name("INDEX"),
         "run only run INDEX of the sweep") //
        ("merge", po::value<std::string>()->value_name("DIR"),
         "merge DIR/runs/run-*.csv into DIR/summary.csv");
    return options;
}

/** \return \p text as an integer in [min, max], or an error naming \p option */
Result<uint32_t>
ParseCount(const std::string& option, const std::string& text, double min, double max)
{
    ParamSpec spec{option, ParamKind::Integer, "", "", {}, min, max};
    auto valid = ValidateValue(spec, text);
    if (!valid)
    {
        return WithPrefix(valid.GetError(), "--" + option + ": ");
    }
    return static_cast<uint32_t>(*ParseInteger(text));
}

/** \return the error of an option that boost does not know */
Error
UnknownOptionError(const std::string& option)
{
    const std::string flag = option.substr(0, option.find('='));
    const std::string name = flag.substr(std::min(flag.size(), flag.find_first_not_of('-')));
    if (name.find('.') != std::string::npos)
    {
        return MakeError(Errc::Unsupported, "unknown key '" + name + "' on the command line");
    }
    return MakeError(Errc::Unsupported, "unknown option '" + flag + "'");
}

/** \return Ok when the options given together make sense for the chosen mode */
Status
CheckMode(const CommandLine& line, const std::set<std::string>& given)
{
    if (given.count("emit-jobs") != 0 && given.count("single-run") != 0)
    {
        return MakeError(Errc::Malformed, "--emit-jobs and --single-run exclude each other");
    }
    if (line.mode == RunnerMode::Merge && given.size() > 1)
    {
        return MakeError(Errc::Malformed, "--merge takes no scenario and no other option");
    }
    return Ok{};
}

/** \return Ok after storing one runner option \p name = \p value in \p line */
Status
ApplyRunnerOption(CommandLine& line, const std::vector<ParamSpec>& specs, const std::string& name,
                  const std::string& value)
{
    if (name == "sweep")
    {
        const size_t equals = value.find('=');
        if (equals == std::string::npos)
        {
            return MakeError(Errc::Malformed, "--sweep " + value + ": expected KEY=V1,V2,...");
        }
        auto added =
            AddSweep(line.settings, specs, value.substr(0, equals), value.substr(equals + 1));
        return added ? added : Status(WithPrefix(added.GetError(), "--sweep "));
    }
    Result<uint32_t> count = 0U;
    if (name == "runs")
    {
        count = ParseCount(name, value, 1, kMaxRuns);
        line.runsPerPoint = count ? count.Value() : 0;
    }
    else if (name == "jobs")
    {
        count = ParseCount(name, value, 1, 4096);
        line.jobs = count ? count.Value() : 0;
    }
    else if (name == "single-run")
    {
        count = ParseCount(name, value, 0, kMaxRuns - 1);
        line.singleRun = count ? count.Value() : 0;
        line.mode = RunnerMode::SingleRun;
    }
    else if (name == "scenario")
    {
        line.scenarioFile = value;
    }
    else if (name == "output-dir")
    {
        line.outputDir = value;
    }
    else if (name == "emit-jobs")
    {
        line.emitJobsFile = value;
        line.mode = RunnerMode::EmitJobs;
    }
    else if (name == "merge")
    {
        line.mergeDir = value;
        line.mode = RunnerMode::Merge;
    }
    return count ? Status(Ok{}) : Status(count.GetError());
}

} // namespace

Result<CommandLine>
ParseCommandLine(const std::vector<std::string>& args, const std::vector<ParamSpec>& specs)
{
    po::options_description all = RunnerOptions();
    po::options_description keys("Scenario keys");
    for (const auto& spec : specs)
    {
        keys.add_options()(spec.key.c_str(), po::value<std::string>(), spec.help.c_str());
    }
    all.add(keys);
    all.add_options()("scenario", po::value<std::string>());
    po::positional_options_description positional;
    positional.add("scenario", 1);
    const int style =
        po::command_line_style::default_style & ~po::command_line_style::allow_guessing;

    std::vector<po::option> options;
    try
    {
        options = po::command_line_parser(args)
                      .options(all)
                      .positional(positional)
                      .style(style)
                      .run()
                      .options;
    }
    catch (const po::unknown_option& e)
    {
        return UnknownOptionError(e.get_option_name());
    }
    catch (const po::error& e)
    {
        return MakeError(Errc::Malformed, std::string("command line: ") + e.what());
    }

    CommandLine line;
    std::set<std::string> given;
    bool help = false;
    bool listKeys = false;
    for (const auto& option : options)
    {
        const std::string& name = option.string_key;
        const std::string value = option.value.empty() ? std::string() : option.value.front();
        if (name != "sweep" && !given.insert(name).second)
        {
            return MakeError(Errc::Malformed,
                             (name == "scenario" ? std::string("scenario file") : "--" + name) +
                                 " given more than once");
        }
        given.insert(name);
        help = help || name == "help";
        listKeys = listKeys || name == "list-keys";
        Status applied = Ok{};
        if (keys.find_nothrow(name, false) != nullptr)
        {
            applied = AddValue(line.settings, specs, name, value);
            applied = applied ? applied : Status(WithPrefix(applied.GetError(), "--"));
        }
        else
        {
            applied = ApplyRunnerOption(line, specs, name, value);
        }
        if (!applied)
        {
            return applied.GetError();
        }
    }
    if (help || listKeys)
    {
        line.mode = help ? RunnerMode::Help : RunnerMode::ListKeys;
        return line;
    }
    auto mode = CheckMode(line, given);
    if (!mode)
    {
        return mode.GetError();
    }
    return line;
}

std::string
Usage(const std::string& programName)
{
    std::ostringstream text;
    const std::string indent(programName.size() + 8, ' ');
    text << "usage: " << programName
         << " [SCENARIO.ini] [--section.key=VALUE ...] [--sweep KEY=V1,V2,...]...\n"
         << indent << "[--runs N] [-j N] [--output-dir DIR] [--emit-jobs FILE | --single-run I]\n"
         << "       " << programName << " --merge DIR\n"
         << "       " << programName << " --list-keys | --help\n\n"
         << "Every scenario key (see --list-keys) is set in SCENARIO.ini as \"[section]\" + \"key "
            "=\n"
         << "value\", and a [sweep] section holds \"section.key = v1, v2, ...\" entries. On the\n"
         << "command line, --section.key=VALUE overrides the file and --sweep replaces a file "
            "sweep\n"
         << "of the same key (precedence: default < file < command line). Use --key=VALUE for\n"
         << "values that start with '-'.\n\n"
         << RunnerOptions() << "\n"
         << "Exit status: 0 success, 1 a run failed, 2 bad command line, scenario or keys.\n";
    return text.str();
}

} // namespace scenario
} // namespace mediasec
