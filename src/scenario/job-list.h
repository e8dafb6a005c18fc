/**
 * \file
 * The job list of --emit-jobs: one shell command per run that reruns exactly that run, for
 * GNU parallel (`parallel < FILE`) or a Slurm array (`sed -n "$((SLURM_ARRAY_TASK_ID+1))p" FILE |
 * sh`).
 */
#ifndef IMS_JOB_LIST_H
#define IMS_JOB_LIST_H

#include "scenario/command-line.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \return \p word quoted for a POSIX shell (unchanged when it holds only safe characters) */
std::string ShellQuote(const std::string& word);

/**
 * \return the arguments that rebuild the sweep of \p line: the scenario file, every
 *         --section.key=value, every --sweep and --runs (when not 1), in the order given
 */
std::vector<std::string> SweepArguments(const CommandLine& line);

/**
 * \return one line per run index I in [0, runCount):
 *         `cd WORKDIR && PROGRAM ARGUMENTS --single-run I --output-dir OUTPUTDIR`, quoted
 */
std::string JobListText(const std::string& workDir, const std::string& program,
                        const std::vector<std::string>& arguments, uint32_t runCount,
                        const std::string& outputDir);

} // namespace scenario
} // namespace mediasec

#endif
