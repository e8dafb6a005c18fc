/**
 * \file
 * The runs of one invocation: the scenario file and the command line layered over the
 * defaults, the sweep expanded and validated, and the output folder chosen.
 */
#ifndef IMS_RUN_PLAN_H
#define IMS_RUN_PLAN_H

#include "protocol/common/result.h"
#include "scenario/command-line.h"
#include "scenario/run-api.h"
#include "scenario/scenario-settings.h"

#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief Every run of the sweep and where the results go. */
struct RunPlan
{
    std::vector<ParameterSet> runs; //!< parameter set of each run index, all validated
    std::string outputDir;          //!< --output-dir, else output.dir, else results/<file stem>
};

/**
 * \brief Plans the runs of \p line given the already parsed scenario file \p file.
 *
 * The output folder is --output-dir, else a non-empty output.dir key, else
 * "results/<scenario file stem>" ("results/default" without a file); when output.dir is a known
 * key, every run's output.dir holds the chosen folder.
 * \return the plan, or the first validation error of any run (nothing has run yet)
 */
Result<RunPlan> PlanRuns(const std::vector<ParamSpec>& specs, const ScenarioSettings& file,
                         const CommandLine& line);

/** \return PlanRuns() after loading line.scenarioFile when one is given */
Result<RunPlan> BuildRunPlan(const std::vector<ParamSpec>& specs, const CommandLine& line);

} // namespace scenario
} // namespace mediasec

#endif
