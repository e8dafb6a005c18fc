/**
 * \file
 * Scenario runner: parsing of scenario files and command lines, value validation, layering
 * (default < file < command line) and sweep expansion, all without running anything.
 */
#include "scenario/command-line.h"
#include "scenario/param-specs.h"
#include "scenario/param-value.h"
#include "scenario/run-plan.h"
#include "scenario/scenario-file.h"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

namespace mediasec
{
namespace scenario
{
namespace
{

/** \return a catalogue with one key of every kind */
std::vector<ParamSpec>
ParseSpecs()
{
    return {
        {"run.seed", ParamKind::Integer, "1", "first seed", {}, 0, 1000000000},
        {"run.scheme", ParamKind::Choice, "none", "scheme", {"none", "sdes-e2e", "sdes-e2ae"}},
        {"topology.ues", ParamKind::Integer, "2", "number of UEs", {}, 1, 1000},
        {"link.loss", ParamKind::Real, "0", "loss ratio", {}, 0, 1},
        {"trace.pcap", ParamKind::Boolean, "false", "write pcaps", {}},
        {"run.label", ParamKind::Text, "", "free text", {}},
    };
}

/** \return the parsed file \p text named "x.ini" */
Result<ScenarioSettings>
ParseFile(const std::string& text)
{
    std::istringstream in(text);
    return ParseScenarioFile(in, "x.ini", ParseSpecs());
}

/** \return the parsed command line \p args */
Result<CommandLine>
ParseArgs(const std::vector<std::string>& args)
{
    return ParseCommandLine(args, ParseSpecs());
}

/** \return the error detail of \p result, or "no error" */
template<typename T>
std::string
ErrorOf(const Result<T>& result)
{
    return result ? std::string("no error") : result.GetError().detail;
}

/** \return the runs planned from the file \p text and the command line \p args */
Result<RunPlan>
Plan(const std::string& text, const std::vector<std::string>& args)
{
    auto file = ParseFile(text);
    auto line = ParseArgs(args);
    if (!file || !line)
    {
        return MakeError(Errc::Malformed, ErrorOf(file) + " / " + ErrorOf(line));
    }
    return PlanRuns(ParseSpecs(), file.Value(), line.Value());
}

TEST(RunnerParse, GivenIniWithSectionsAndComments_WhenParsed_ThenKeysAreSectionDotName)
{
    auto file = ParseFile("# a scenario\n"
                          "[run]\n"
                          "scheme = sdes-e2e   # trailing comment\n"
                          "\n"
                          "[topology]\n"
                          "ues=5\n"
                          "[sweep]\n"
                          "link.loss = 0, 0.1 ,0.2\n");
    ASSERT_TRUE(file) << ErrorOf(file);
    using Entry = std::pair<std::string, std::string>;
    EXPECT_EQ(file.Value().values,
              (std::vector<Entry>{{"run.scheme", "sdes-e2e"}, {"topology.ues", "5"}}));
    ASSERT_EQ(file.Value().sweeps.size(), 1U);
    EXPECT_EQ(file.Value().sweeps[0].key, "link.loss");
    EXPECT_EQ(file.Value().sweeps[0].values, (std::vector<std::string>{"0", "0.1", "0.2"}));
}

TEST(RunnerParse, GivenUnknownKeyInFile_WhenParsed_ThenErrorNamesFileAndKey)
{
    EXPECT_EQ(ErrorOf(ParseFile("[topology]\nuez = 3\n")), "x.ini: unknown key 'topology.uez'");
    EXPECT_EQ(ErrorOf(ParseFile("[sweep]\ntopology.uez = 3\n")),
              "x.ini: [sweep] unknown key 'topology.uez'");
}

TEST(RunnerParse, GivenBadValuesInFile_WhenParsed_ThenErrorNamesFileKeyAndValue)
{
    EXPECT_EQ(ErrorOf(ParseFile("[topology]\nues = abc\n")),
              "x.ini: topology.ues: 'abc' is not an integer");
    EXPECT_EQ(ErrorOf(ParseFile("[run]\nscheme = foo\n")),
              "x.ini: run.scheme: 'foo' is not one of none, sdes-e2e, sdes-e2ae");
    EXPECT_EQ(ErrorOf(ParseFile("[sweep]\ntopology.ues = 1, 0\n")),
              "x.ini: [sweep] topology.ues: '0' is out of range [1, 1000]");
}

TEST(RunnerParse, GivenMalformedOrRepeatedLines_WhenParsed_ThenErrorNamesFile)
{
    EXPECT_EQ(ErrorOf(ParseFile("[topology]\nues\n")).rfind("x.ini: ", 0), 0U);
    EXPECT_EQ(ErrorOf(ParseFile("[topology]\nues = 1\nues = 2\n")),
              "x.ini: topology.ues: set more than once");
    EXPECT_EQ(ErrorOf(ParseFile("[topology]\nues = 1\n[sweep]\ntopology.ues = 2, 3\n")),
              "x.ini: [sweep] topology.ues: set more than once");
}

TEST(RunnerParse, GivenKeyOverrideInBothForms_WhenParsed_ThenValueIsTaken)
{
    for (const auto& args : {std::vector<std::string>{"--topology.ues=7"},
                             std::vector<std::string>{"--topology.ues", "7"}})
    {
        auto line = ParseArgs(args);
        ASSERT_TRUE(line) << ErrorOf(line);
        ASSERT_EQ(line.Value().settings.values.size(), 1U);
        EXPECT_EQ(line.Value().settings.values[0].second, "7");
    }
}

TEST(RunnerParse, GivenUnknownKeyOnCommandLine_WhenParsed_ThenErrorNamesKey)
{
    EXPECT_EQ(ErrorOf(ParseArgs({"--topology.uez=3"})),
              "unknown key 'topology.uez' on the command line");
    EXPECT_EQ(ErrorOf(ParseArgs({"--rns", "3"})), "unknown option '--rns'");
    // No abbreviation: --run must not silently mean --runs.
    EXPECT_EQ(ErrorOf(ParseArgs({"--run", "3"})), "unknown option '--run'");
    EXPECT_EQ(ErrorOf(ParseArgs({"--sweep", "topology.uez=1,2"})),
              "--sweep unknown key 'topology.uez'");
}

TEST(RunnerParse, GivenBadValuesOnCommandLine_WhenParsed_ThenErrorNamesKey)
{
    EXPECT_EQ(ErrorOf(ParseArgs({"--topology.ues=abc"})),
              "--topology.ues: 'abc' is not an integer");
    EXPECT_EQ(ErrorOf(ParseArgs({"--topology.ues=1001"})),
              "--topology.ues: '1001' is out of range [1, 1000]");
    EXPECT_EQ(ErrorOf(ParseArgs({"--run.scheme=foo"})),
              "--run.scheme: 'foo' is not one of none, sdes-e2e, sdes-e2ae");
    EXPECT_EQ(ErrorOf(ParseArgs({"--link.loss=1.5"})), "--link.loss: '1.5' is out of range [0, 1]");
    EXPECT_EQ(ErrorOf(ParseArgs({"--link.loss=nan"})), "--link.loss: 'nan' is not a real number");
    EXPECT_EQ(ErrorOf(ParseArgs({"--trace.pcap=maybe"})),
              "--trace.pcap: 'maybe' is not a boolean (true, false, 1, 0, yes, no)");
    EXPECT_EQ(ErrorOf(ParseArgs({"--sweep", "topology.ues=1,x"})),
              "--sweep topology.ues: 'x' is not an integer");
    EXPECT_EQ(ErrorOf(ParseArgs({"--runs", "0"})), "--runs: '0' is out of range [1, 1000000]");
    EXPECT_EQ(ErrorOf(ParseArgs({"-j", "two"})), "--jobs: 'two' is not an integer");
}

TEST(RunnerParse, GivenConflictingOptions_WhenParsed_ThenErrorExplains)
{
    EXPECT_EQ(ErrorOf(ParseArgs({"--emit-jobs", "f", "--single-run", "0"})),
              "--emit-jobs and --single-run exclude each other");
    EXPECT_EQ(ErrorOf(ParseArgs({"--merge", "d", "--runs", "2"})),
              "--merge takes no scenario and no other option");
    EXPECT_EQ(ErrorOf(ParseArgs({"--topology.ues=1", "--topology.ues=2"})),
              "--topology.ues given more than once");
    EXPECT_EQ(ErrorOf(ParseArgs({"--topology.ues=1", "--sweep", "topology.ues=2,3"})),
              "--sweep topology.ues: set more than once");
    EXPECT_EQ(ErrorOf(ParseArgs({"--sweep", "topology.ues"})),
              "--sweep topology.ues: expected KEY=V1,V2,...");
    EXPECT_EQ(ErrorOf(ParseArgs({"a.ini", "b.ini"})).rfind("command line: ", 0), 0U);
}

TEST(RunnerParse, GivenHelpOrListKeys_WhenParsed_ThenModeIsSet)
{
    EXPECT_EQ(ParseArgs({"--help"}).Value().mode, RunnerMode::Help);
    EXPECT_EQ(ParseArgs({"x.ini", "--list-keys"}).Value().mode, RunnerMode::ListKeys);
    EXPECT_EQ(ParseArgs({"--merge", "d"}).Value().mode, RunnerMode::Merge);
    EXPECT_EQ(ParseArgs({"--single-run", "3"}).Value().singleRun, 3U);
}

TEST(RunnerParse, GivenDefaultFileAndCommandLine_WhenPlanned_ThenCommandLineWinsOverFile)
{
    auto plan = Plan("[run]\nscheme = sdes-e2e\n[topology]\nues = 5\n", {"--topology.ues=7"});
    ASSERT_TRUE(plan) << ErrorOf(plan);
    ASSERT_EQ(plan.Value().runs.size(), 1U);
    const ParameterSet& run = plan.Value().runs[0];
    EXPECT_EQ(run.Get("topology.ues"), "7");      // command line over file
    EXPECT_EQ(run.Get("run.scheme"), "sdes-e2e"); // file over default
    EXPECT_EQ(run.Get("link.loss"), "0");         // default
    EXPECT_EQ(plan.Value().outputDir, "results/default");
}

TEST(RunnerParse, GivenFileSweep_WhenCommandLineSweepsOrSetsSameKey_ThenCommandLineWins)
{
    const std::string file = "[sweep]\ntopology.ues = 1, 2\nlink.loss = 0, 0.5\n";
    auto replaced = Plan(file, {"--sweep", "topology.ues=8,9,10"});
    ASSERT_TRUE(replaced) << ErrorOf(replaced);
    ASSERT_EQ(replaced.Value().runs.size(), 6U);
    // The replaced axis keeps its place: it still varies slowest.
    EXPECT_EQ(replaced.Value().runs[0].Get("topology.ues"), "8");
    EXPECT_EQ(replaced.Value().runs[1].Get("topology.ues"), "8");
    EXPECT_EQ(replaced.Value().runs[1].Get("link.loss"), "0.5");
    EXPECT_EQ(replaced.Value().runs[5].Get("topology.ues"), "10");

    auto fixed = Plan(file, {"--topology.ues=4"});
    ASSERT_TRUE(fixed) << ErrorOf(fixed);
    ASSERT_EQ(fixed.Value().runs.size(), 2U);
    EXPECT_EQ(fixed.Value().runs[1].Get("topology.ues"), "4");
}

TEST(RunnerParse, GivenTwoSweepsOfThreeAndTwoRuns_WhenPlanned_ThenEighteenRunsInProductOrder)
{
    auto plan = Plan("[run]\nseed = 100\n", {"--sweep", "topology.ues=1,2,3", "--sweep",
                                             "run.scheme=none,sdes-e2e,sdes-e2ae", "--runs", "2"});
    ASSERT_TRUE(plan) << ErrorOf(plan);
    const auto& runs = plan.Value().runs;
    ASSERT_EQ(runs.size(), 18U);
    const std::vector<std::string> ues{"1", "2", "3"};
    const std::vector<std::string> schemes{"none", "sdes-e2e", "sdes-e2ae"};
    for (size_t i = 0; i < runs.size(); ++i)
    {
        EXPECT_EQ(runs[i].Get("topology.ues"), ues[i / 6]) << "run " << i;
        EXPECT_EQ(runs[i].Get("run.scheme"), schemes[(i / 2) % 3]) << "run " << i;
        EXPECT_EQ(runs[i].GetInt("run.seed"), 100 + static_cast<int64_t>(i % 2)) << "run " << i;
    }
}

TEST(RunnerParse, GivenSeedAtMaximumAndTwoRuns_WhenPlanned_ThenSecondRunIsRejected)
{
    EXPECT_EQ(ErrorOf(Plan("", {"--run.seed=1000000000", "--runs", "2"})),
              "run 1: run.seed: '1000000001' is out of range [0, 1000000000]");
}

TEST(RunnerParse, GivenScenarioFileName_WhenPlanned_ThenOutputDirIsResultsSlashStem)
{
    auto line = ParseArgs({"scenarios/forking.ini"});
    ASSERT_TRUE(line);
    auto plan = PlanRuns(ParseSpecs(), ScenarioSettings{}, line.Value());
    ASSERT_TRUE(plan) << ErrorOf(plan);
    EXPECT_EQ(plan.Value().outputDir, "results/forking");
}

TEST(RunnerParse, GivenMissingScenarioFile_WhenPlanned_ThenErrorNamesFile)
{
    auto line = ParseArgs({"/nonexistent/x.ini"});
    ASSERT_TRUE(line);
    EXPECT_EQ(ErrorOf(BuildRunPlan(ParseSpecs(), line.Value())),
              "/nonexistent/x.ini: cannot open the scenario file");
}

TEST(RunnerParse, GivenBadCatalogue_WhenValidated_ThenErrorNamesKey)
{
    auto specs = ParseSpecs();
    EXPECT_TRUE(ValidateSpecs(specs));
    specs.push_back({"topology.ues", ParamKind::Integer, "1", "again", {}});
    EXPECT_EQ(ErrorOf(ValidateSpecs(specs)), "key 'topology.ues' is declared twice");
    specs.back() = {"topology.cells", ParamKind::Integer, "0", "bad default", {}, 1, 10};
    EXPECT_EQ(ErrorOf(ValidateSpecs(specs)), "topology.cells: default '0' is out of range [1, 10]");
    specs.back() = {"nosection", ParamKind::Text, "", "bad key", {}};
    EXPECT_EQ(ErrorOf(ValidateSpecs(specs)), "key 'nosection' is not of the form section.name");
    EXPECT_EQ(ErrorOf(ValidateSpecs({{"a.b", ParamKind::Text, "", "", {}}})),
              "the integer key 'run.seed' is missing");
}

TEST(RunnerParse, GivenParameterSet_WhenRead_ThenTypedGettersConvertAndUnknownKeyThrows)
{
    ParameterSet set;
    set.Set("a.int", "-42");
    set.Set("a.real", "2.5e-3");
    set.Set("a.bool", "yes");
    EXPECT_EQ(set.GetInt("a.int"), -42);
    EXPECT_DOUBLE_EQ(set.GetReal("a.real"), 2.5e-3);
    EXPECT_TRUE(set.GetBool("a.bool"));
    EXPECT_THROW(set.GetInt("a.bool"), std::invalid_argument);
    try
    {
        set.Get("a.missing");
        FAIL() << "no exception";
    }
    catch (const std::out_of_range& e)
    {
        EXPECT_NE(std::string(e.what()).find("a.missing"), std::string::npos);
    }
}

TEST(RunnerParse, GivenNumbers_WhenParsed_ThenOnlyWholeDecimalTextIsAccepted)
{
    EXPECT_EQ(ParseInteger("-9223372036854775808"), INT64_MIN);
    EXPECT_FALSE(ParseInteger("9223372036854775808"));
    EXPECT_FALSE(ParseInteger("12abc"));
    EXPECT_FALSE(ParseInteger(" 1"));
    EXPECT_FALSE(ParseInteger(""));
    EXPECT_FALSE(ParseReal("inf"));
    EXPECT_FALSE(ParseReal("0x10"));
    EXPECT_EQ(ParseReal("1e3"), 1000.0);
}

} // namespace
} // namespace scenario
} // namespace mediasec
