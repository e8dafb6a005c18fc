#include "scenario-runner.h"

#include "child-processes.h"
#include "command-line.h"
#include "job-list.h"
#include "output-files.h"
#include "param-specs.h"
#include "run-csv.h"
#include "run-plan.h"
#include "summary-csv.h"
#include "summary-table.h"
#include "sweep.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <stdexcept>
#include <thread>

namespace mediasec
{
namespace scenario
{

namespace fs = std::filesystem;

namespace
{

/** \return the metrics of the printed table: the output.table list when set, else the default */
std::vector<std::string>
TableColumns(const RunnerConfig& config, const ParameterSet& parameters)
{
    const auto& all = parameters.All();
    const auto chosen = all.find("output.table");
    return chosen == all.end() || chosen->second.empty() ? config.tableColumns
                                                         : SplitSweepValues(chosen->second);
}

/** \brief What one invocation works with. */
struct Invocation
{
    const RunnerConfig& config; //!< keys, run function, table columns
    std::string program;        //!< argv[0]
    std::string programName;    //!< name for messages
    std::ostream& out;          //!< tables and instructions
    std::ostream& err;          //!< errors
};

/** \return \p code after printing \p detail as an error */
int
Fail(const Invocation& call, int code, const std::string& detail)
{
    call.err << call.programName << ": error: " << detail << "\n";
    return code;
}

/** \return the parameter keys that appear as CSV columns, sorted */
std::vector<std::string>
ParameterColumns(const ParameterSet& parameters)
{
    std::vector<std::string> columns;
    for (const auto& [key, value] : parameters.All())
    {
        if (key != kOutputDirKey)
        {
            columns.push_back(key);
        }
    }
    return columns;
}

/** \return the table rows of every run of \p plan, for finding the varied keys */
std::vector<SummaryRow>
PlannedRows(const RunPlan& plan)
{
    std::vector<SummaryRow> rows;
    for (uint32_t index = 0; index < plan.runs.size(); ++index)
    {
        rows.push_back(SummaryRow{index, plan.runs[index].All(), false});
    }
    return rows;
}

/** \return "key=value, ..." of the \p keys of \p parameters */
std::string
DescribeRun(const ParameterSet& parameters, const std::vector<std::string>& keys)
{
    std::string text;
    for (const auto& key : keys)
    {
        text += (text.empty() ? "" : ", ") + key + "=" + parameters.Get(key);
    }
    return text;
}

/** \return "12.34 s" */
std::string
Seconds(std::chrono::steady_clock::duration elapsed)
{
    char text[32];
    std::snprintf(text, sizeof(text), "%.2f s", std::chrono::duration<double>(elapsed).count());
    return text;
}

/** \brief Runs one run in the current (child) process and writes its run CSV; throws on error. */
void
RunOne(const RunnerConfig& config, const RunPlan& plan, uint32_t index)
{
    const std::string runDir = RunDirPath(plan.outputDir, index);
    fs::create_directories(runDir);
    const Metrics metrics = config.run(plan.runs[index], RunContext{index, runDir});
    auto text = RunCsvText(index, plan.runs[index], metrics);
    if (!text)
    {
        throw std::runtime_error(text.GetError().detail);
    }
    auto written = WriteFileAtomically(RunCsvPath(plan.outputDir, index), text.Value());
    if (!written)
    {
        throw std::runtime_error(written.GetError().detail);
    }
}

/** \return the table rows of \p merged, with the index taken from the "run" column */
std::vector<SummaryRow>
MergedRows(const MergedRuns& merged)
{
    std::vector<SummaryRow> rows;
    for (const auto& values : merged.rows)
    {
        SummaryRow row;
        row.index = static_cast<uint32_t>(std::stoul(values[0]));
        for (size_t i = 0; i < merged.header.size(); ++i)
        {
            row.cells[merged.header[i]] = values[i];
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

/**
 * \brief Runs the \p indices of \p plan in child processes, prints the table and, for a full
 * sweep (\p fullSweep), writes summary.csv.
 */
int
ExecuteRuns(const Invocation& call, const RunPlan& plan, const std::vector<uint32_t>& indices,
            uint32_t jobs, bool fullSweep)
{
    const auto start = std::chrono::steady_clock::now();
    fs::create_directories(fs::path(plan.outputDir) / "runs");
    if (fullSweep)
    {
        auto removed = RemoveRunCsvs(plan.outputDir);
        if (!removed)
        {
            return Fail(call, kExitRunFailed, removed.GetError().detail);
        }
        fs::remove(SummaryCsvPath(plan.outputDir));
    }
    const auto failures = RunInChildProcesses(
        indices, jobs, [&](uint32_t index) { RunOne(call.config, plan, index); });

    const std::vector<std::string> varied =
        VariedColumns(PlannedRows(plan), ParameterColumns(plan.runs.front()));
    std::set<uint32_t> failed;
    for (const auto& failure : failures)
    {
        failed.insert(failure.index);
        std::vector<std::string> shown = varied;
        if (std::find(shown.begin(), shown.end(), kSeedKey) == shown.end())
        {
            shown.push_back(kSeedKey);
        }
        Fail(call, kExitRunFailed,
             "run " + std::to_string(failure.index) + " (" +
                 DescribeRun(plan.runs[failure.index], shown) + ") failed: " + failure.reason);
    }
    std::vector<uint32_t> succeeded;
    for (uint32_t index : indices)
    {
        if (failed.count(index) == 0)
        {
            succeeded.push_back(index);
        }
    }
    auto merged = MergeRunCsvs(plan.outputDir, succeeded);
    if (!merged)
    {
        return Fail(call, kExitRunFailed, merged.GetError().detail);
    }
    if (fullSweep)
    {
        auto written =
            WriteFileAtomically(SummaryCsvPath(plan.outputDir), SummaryCsvText(merged.Value()));
        if (!written)
        {
            return Fail(call, kExitRunFailed, written.GetError().detail);
        }
    }

    std::vector<SummaryRow> rows = MergedRows(merged.Value());
    for (uint32_t index : failed)
    {
        rows.push_back(SummaryRow{index, plan.runs[index].All(), true});
    }
    std::sort(rows.begin(), rows.end(),
              [](const SummaryRow& a, const SummaryRow& b) { return a.index < b.index; });
    call.out << FormatSummaryTable(rows, varied, TableColumns(call.config, plan.runs.front()));
    const std::string written = fullSweep ? "summary: " + SummaryCsvPath(plan.outputDir)
                                          : "row: " + RunCsvPath(plan.outputDir, indices.front());
    call.out << indices.size() << (indices.size() == 1 ? " run, " : " runs, ") << failures.size()
             << " failed, wall time " << Seconds(std::chrono::steady_clock::now() - start) << "; "
             << written << "\n";
    return failures.empty() ? kExitSuccess : kExitRunFailed;
}

/** \return the exit code of --emit-jobs: writes the job list and prints how to use it */
int
EmitJobs(const Invocation& call, const CommandLine& line, const RunPlan& plan)
{
    const auto count = static_cast<uint32_t>(plan.runs.size());
    const std::string text = JobListText(fs::current_path().string(), call.program,
                                         SweepArguments(line), count, plan.outputDir);
    auto written = WriteFileAtomically(line.emitJobsFile, text);
    if (!written)
    {
        return Fail(call, kExitRunFailed, written.GetError().detail);
    }
    call.out << "wrote " << count << " jobs to " << line.emitJobsFile << "\n"
             << "run them with GNU parallel (add -S host1,host2 for ssh hosts):\n"
             << "  parallel < " << ShellQuote(line.emitJobsFile) << "\n"
             << "or as a Slurm array:\n"
             << "  sbatch --array=0-" << count - 1
             << " --wrap 'sed -n \"$((SLURM_ARRAY_TASK_ID+1))p\" \"" << line.emitJobsFile
             << "\" | sh'\n"
             << "then merge the rows into " << SummaryCsvPath(plan.outputDir) << ":\n"
             << "  " << ShellQuote(call.program) << " --merge " << ShellQuote(plan.outputDir)
             << "\n";
    return kExitSuccess;
}

/** \return the exit code of --merge DIR */
int
Merge(const Invocation& call, const std::string& dir)
{
    const std::vector<uint32_t> indices = FindRunCsvs(dir);
    if (indices.empty())
    {
        return Fail(call, kExitRunFailed, (fs::path(dir) / "runs").string() + ": no run CSV");
    }
    auto merged = MergeRunCsvs(dir, indices);
    if (!merged)
    {
        return Fail(call, kExitRunFailed, merged.GetError().detail);
    }
    auto written = WriteFileAtomically(SummaryCsvPath(dir), SummaryCsvText(merged.Value()));
    if (!written)
    {
        return Fail(call, kExitRunFailed, written.GetError().detail);
    }
    std::vector<std::string> parameters;
    for (const auto& column : merged.Value().header)
    {
        if (FindSpec(call.config.specs, column) != nullptr)
        {
            parameters.push_back(column);
        }
    }
    const std::vector<SummaryRow> rows = MergedRows(merged.Value());
    call.out << FormatSummaryTable(rows, VariedColumns(rows, parameters), call.config.tableColumns)
             << "merged " << indices.size() << " runs into " << SummaryCsvPath(dir) << "\n";
    std::string missing;
    for (uint32_t index = 0, next = 0; index < indices.back(); ++index)
    {
        if (indices[next] == index)
        {
            ++next;
        }
        else
        {
            missing += (missing.empty() ? "" : ", ") + std::to_string(index);
        }
    }
    if (!missing.empty())
    {
        return Fail(call, kExitRunFailed, "missing runs: " + missing);
    }
    return kExitSuccess;
}

/** \return the exit code of a command line that needs the run plan */
int
PlanAndRun(const Invocation& call, const CommandLine& line)
{
    auto plan = BuildRunPlan(call.config.specs, line);
    if (!plan)
    {
        return Fail(call, kExitBadInput, plan.GetError().detail);
    }
    const RunPlan& runs = plan.Value();
    if (line.mode == RunnerMode::EmitJobs)
    {
        return EmitJobs(call, line, runs);
    }
    const uint32_t jobs =
        line.jobs != 0 ? line.jobs : std::max(1U, std::thread::hardware_concurrency());
    if (line.mode == RunnerMode::SingleRun)
    {
        if (line.singleRun >= runs.runs.size())
        {
            return Fail(call, kExitBadInput,
                        "--single-run: " + std::to_string(line.singleRun) +
                            " is beyond the last run " + std::to_string(runs.runs.size() - 1));
        }
        return ExecuteRuns(call, runs, {line.singleRun}, 1, false);
    }
    std::vector<uint32_t> all(runs.runs.size());
    for (uint32_t index = 0; index < all.size(); ++index)
    {
        all[index] = index;
    }
    return ExecuteRuns(call, runs, all, jobs, true);
}

} // namespace

int
RunnerMain(const std::vector<std::string>& args, const RunnerConfig& config, std::ostream& out,
           std::ostream& err)
{
    const std::string program = args.empty() ? config.programName : args.front();
    Invocation call{config, program,
                    config.programName.empty() ? fs::path(program).filename().string()
                                               : config.programName,
                    out, err};
    try
    {
        auto specs = ValidateSpecs(config.specs);
        if (!specs)
        {
            return Fail(call, kExitBadInput, "scenario keys: " + specs.GetError().detail);
        }
        if (!config.run)
        {
            return Fail(call, kExitBadInput, "no run function");
        }
        const std::vector<std::string> options(args.empty() ? args.begin() : args.begin() + 1,
                                               args.end());
        auto line = ParseCommandLine(options, config.specs);
        if (!line)
        {
            Fail(call, kExitBadInput, line.GetError().detail);
            err << "(see " << call.programName << " --help)\n";
            return kExitBadInput;
        }
        switch (line.Value().mode)
        {
        case RunnerMode::Help:
            out << Usage(call.programName);
            return kExitSuccess;
        case RunnerMode::ListKeys:
            out << FormatKeyList(config.specs);
            return kExitSuccess;
        case RunnerMode::Merge:
            return Merge(call, line.Value().mergeDir);
        default:
            return PlanAndRun(call, line.Value());
        }
    }
    catch (const std::exception& e)
    {
        return Fail(call, kExitRunFailed, e.what());
    }
}

int
RunnerMain(int argc, char** argv, const RunnerConfig& config)
{
    return RunnerMain(std::vector<std::string>(argv, argv + argc), config, std::cout, std::cerr);
}

} // namespace scenario
} // namespace mediasec
