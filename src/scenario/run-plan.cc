#include "run-plan.h"

#include "param-specs.h"
#include "scenario-file.h"
#include "sweep.h"

#include <filesystem>

namespace mediasec
{
namespace scenario
{

Result<RunPlan>
PlanRuns(const std::vector<ParamSpec>& specs, const ScenarioSettings& file, const CommandLine& line)
{
    LayeredSettings layered = LayerSettings(specs, file, line.settings);
    RunPlan plan;
    const bool hasOutputKey = FindSpec(specs, kOutputDirKey) != nullptr;
    if (!line.outputDir.empty())
    {
        plan.outputDir = line.outputDir;
    }
    else if (hasOutputKey && !layered.base.Get(kOutputDirKey).empty())
    {
        plan.outputDir = layered.base.Get(kOutputDirKey);
    }
    else
    {
        const std::string stem = line.scenarioFile.empty()
                                     ? std::string("default")
                                     : std::filesystem::path(line.scenarioFile).stem().string();
        plan.outputDir = (std::filesystem::path("results") / stem).string();
    }
    if (hasOutputKey)
    {
        layered.base.Set(kOutputDirKey, plan.outputDir);
    }
    auto runs = ExpandSweep(specs, layered.base, layered.sweeps, line.runsPerPoint);
    if (!runs)
    {
        return runs.GetError();
    }
    plan.runs = std::move(runs.Value());
    return plan;
}

Result<RunPlan>
BuildRunPlan(const std::vector<ParamSpec>& specs, const CommandLine& line)
{
    ScenarioSettings file;
    if (!line.scenarioFile.empty())
    {
        auto loaded = LoadScenarioFile(line.scenarioFile, specs);
        if (!loaded)
        {
            return loaded.GetError();
        }
        file = std::move(loaded.Value());
    }
    return PlanRuns(specs, file, line);
}

} // namespace scenario
} // namespace mediasec
