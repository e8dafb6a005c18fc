/**
 * \file
 * The runner's command line (Boost.Program_options):
 * [SCENARIO.ini] [--section.key=value ...] [--sweep key=v1,v2,...]... [--runs N] [-j N]
 * [--output-dir DIR] [--emit-jobs FILE] [--single-run INDEX] [--merge DIR] [--list-keys] [--help]
 */
#ifndef IMS_COMMAND_LINE_H
#define IMS_COMMAND_LINE_H

#include "protocol/common/result.h"
#include "scenario/run-api.h"
#include "scenario/scenario-settings.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief What one invocation of the runner does. */
enum class RunnerMode
{
    Run,       //!< run every run of the sweep, write the run CSVs and summary.csv
    Help,      //!< --help: print usage
    ListKeys,  //!< --list-keys: print the known keys
    EmitJobs,  //!< --emit-jobs FILE: write one shell command per run, run nothing
    SingleRun, //!< --single-run INDEX: run only one run, write its run CSV
    Merge,     //!< --merge DIR: merge DIR/runs/run-*.csv into DIR/summary.csv
};

/** \brief The parsed and checked command line. */
struct CommandLine
{
    RunnerMode mode = RunnerMode::Run; //!< what to do
    std::string scenarioFile;          //!< positional scenario file, empty when none
    ScenarioSettings settings;         //!< --section.key values and --sweep axes, in order
    uint32_t runsPerPoint = 1;         //!< --runs: seeds per sweep point
    uint32_t jobs = 0;                 //!< -j: parallel runs, 0 = number of cores
    std::string outputDir;             //!< --output-dir, empty when not given
    std::string emitJobsFile;          //!< --emit-jobs FILE
    uint32_t singleRun = 0;            //!< --single-run INDEX
    std::string mergeDir;              //!< --merge DIR
};

/**
 * \brief Parses \p args (without the program name) against the known keys \p specs.
 * \return the command line, or an error naming the option or key, e.g.
 *         "--topology.ues: 'abc' is not an integer", "unknown key 'topology.uez' on the command
 * line"
 */
Result<CommandLine> ParseCommandLine(const std::vector<std::string>& args,
                                     const std::vector<ParamSpec>& specs);

/** \return the --help text for \p programName */
std::string Usage(const std::string& programName);

} // namespace scenario
} // namespace mediasec

#endif
