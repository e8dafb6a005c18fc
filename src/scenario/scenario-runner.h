/**
 * \file
 * The runner's entry point: scenario file and command line in, runs in child processes,
 * run CSVs, summary.csv and a printed summary table out. It knows nothing of ns-3.
 */
#ifndef IMS_SCENARIO_RUNNER_H
#define IMS_SCENARIO_RUNNER_H

#include "scenario/run-api.h"

#include <ostream>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief What the simulation side gives the runner. */
struct RunnerConfig
{
    std::vector<ParamSpec> specs;          //!< every known key; must contain run.seed
    RunFunction run;                       //!< executes one run (called in a child process)
    std::vector<std::string> tableColumns; //!< metric names shown in the printed summary table
    std::string programName;               //!< name shown in --help (default: argv[0])
};

/** \brief Process exit codes of RunnerMain(). */
enum RunnerExit : int
{
    kExitSuccess = 0,   //!< every run succeeded
    kExitRunFailed = 1, //!< a run failed, or results could not be written or merged
    kExitBadInput = 2,  //!< bad command line, scenario file, value or key catalogue; nothing ran
};

/**
 * \brief Runs the command line \p argv (see Usage()) with \p config, printing to stdout/stderr.
 * \return the process exit code (RunnerExit)
 */
int RunnerMain(int argc, char** argv, const RunnerConfig& config);

/**
 * \brief RunnerMain() with explicit arguments (\p args[0] is the program as invoked) and
 * output streams: \p out gets the tables and instructions, \p err the errors.
 */
int RunnerMain(const std::vector<std::string>& args, const RunnerConfig& config, std::ostream& out,
               std::ostream& err);

} // namespace scenario
} // namespace mediasec

#endif
