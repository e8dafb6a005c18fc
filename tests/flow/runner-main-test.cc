/**
 * \file
 * Scenario runner end to end through RunnerMain(): forked runs with a fake run function
 * (metrics computed from the parameters, no ns-3), run CSVs, summary.csv, parallel runs,
 * emitted jobs and merge, failures and exit codes.
 */
#include "scenario/job-list.h"
#include "scenario/scenario-runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mediasec
{
namespace scenario
{
namespace
{

namespace fs = std::filesystem;

/** \brief x at which the fake run throws. */
constexpr int64_t kThrowingX = 13;
/** \brief x at which the fake run kills itself. */
constexpr int64_t kKilledX = 14;

/** \return metrics computed from the parameters; x = 13 throws, x = 14 dies by SIGKILL */
Metrics
FakeRun(const ParameterSet& parameters, const RunContext& context)
{
    const int64_t x = parameters.GetInt("model.x");
    if (x == kThrowingX)
    {
        throw std::runtime_error("unlucky x");
    }
    if (x == kKilledX)
    {
        kill(getpid(), SIGKILL);
    }
    std::ofstream(fs::path(context.runDir) / "events.txt") << "run " << context.runIndex << "\n";
    return {{"x2", std::to_string(2 * x)},
            {"x_plus_seed", std::to_string(x + parameters.GetInt("run.seed"))},
            {"echo", parameters.Get("model.note") + "|" + parameters.Get("model.mode")}};
}

/** \return the runner configuration of the fake simulation */
RunnerConfig
FakeConfig()
{
    return RunnerConfig{
        {
            {"run.seed", ParamKind::Integer, "1", "first seed", {}, 0, 1000},
            {"model.x", ParamKind::Integer, "1", "the x", {}, -100, 100},
            {"model.mode", ParamKind::Choice, "a", "the mode", {"a", "b"}},
            {"model.note", ParamKind::Text, "n", "free text", {}},
            {"output.dir", ParamKind::Text, "", "output folder", {}},
        },
        FakeRun,
        {"x2", "echo"},
        "fake-sim",
    };
}

/** \brief Output of one RunnerMain() call. */
struct Outcome
{
    int code;        //!< exit code
    std::string out; //!< stdout text
    std::string err; //!< stderr text
};

/** \return the words of \p line, undoing the POSIX shell quoting of ShellQuote() */
std::vector<std::string>
ShellWords(const std::string& line)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    for (size_t i = 0; i < line.size(); ++i)
    {
        const char c = line[i];
        if (c == ' ')
        {
            if (inWord)
            {
                words.push_back(word);
            }
            word.clear();
            inWord = false;
        }
        else if (c == '\'')
        {
            const size_t close = line.find('\'', i + 1);
            word += line.substr(i + 1, close - i - 1);
            i = close;
            inWord = true;
        }
        else if (c == '\\')
        {
            word += line[++i];
            inWord = true;
        }
        else
        {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
    {
        words.push_back(word);
    }
    return words;
}

/** \brief Runs RunnerMain() inside a fresh temporary folder. */
class RunnerMainTest : public ::testing::Test
{
  protected:
    void
    SetUp() override
    {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() /
                ("ims-runner-" + std::to_string(getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }

    void
    TearDown() override
    {
        fs::remove_all(m_dir);
    }

    /** \return the outcome of `fake-sim args...` */
    Outcome
    Run(std::vector<std::string> args, const RunnerConfig& config = FakeConfig())
    {
        args.insert(args.begin(), "fake-sim");
        std::ostringstream out;
        std::ostringstream err;
        const int code = RunnerMain(args, config, out, err);
        return Outcome{code, out.str(), err.str()};
    }

    /** \return \p name inside the temporary folder */
    std::string
    Path(const std::string& name) const
    {
        return (m_dir / name).string();
    }

    /** \return the content of the file \p path */
    static std::string
    Read(const std::string& path)
    {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    /** \return the path of a new file \p name with \p text */
    std::string
    Write(const std::string& name, const std::string& text) const
    {
        std::ofstream(Path(name), std::ios::binary) << text;
        return Path(name);
    }

    fs::path m_dir; //!< temporary folder of the test
};

/** \brief The sweep shared by the parallel, jobs and merge tests: 3 x 2 points, 2 seeds each. */
const std::vector<std::string> kSweep{
    "--sweep", "model.x=1,2,3",           "--sweep", "model.mode=a,b", "--runs",
    "2",       "--model.note=hi, \"you\""};

TEST_F(RunnerMainTest, GivenSweep_WhenRun_ThenSummaryHoldsEveryRowInIndexOrder)
{
    const Outcome outcome =
        Run({"--sweep", "model.x=1,2", "--runs", "2", "--output-dir", Path("out"), "-j", "2"});
    ASSERT_EQ(outcome.code, 0) << outcome.err;
    EXPECT_EQ(Read(Path("out/summary.csv")),
              "run,model.mode,model.note,model.x,run.seed,x2,x_plus_seed,echo\n"
              "0,a,n,1,1,2,2,n|a\n"
              "1,a,n,1,2,2,3,n|a\n"
              "2,a,n,2,1,4,3,n|a\n"
              "3,a,n,2,2,4,4,n|a\n");
    EXPECT_EQ(Read(Path("out/runs/run-0002.csv")),
              "run,model.mode,model.note,model.x,run.seed,x2,x_plus_seed,echo\n"
              "2,a,n,2,1,4,3,n|a\n");
    EXPECT_EQ(Read(Path("out/runs/run-0003/events.txt")), "run 3\n");
    // The table shows the varied keys and the chosen metrics only.
    EXPECT_NE(outcome.out.find("run  model.x  run.seed  x2  echo\n"), std::string::npos)
        << outcome.out;
    EXPECT_NE(outcome.out.find("3    2        2         4   n|a\n"), std::string::npos)
        << outcome.out;
    EXPECT_NE(outcome.out.find("summary: " + Path("out/summary.csv")), std::string::npos);
}

TEST_F(RunnerMainTest, GivenSameSweep_WhenRunWithOneAndTwoJobs_ThenSummaryBytesAreIdentical)
{
    auto one = kSweep;
    one.insert(one.end(), {"-j", "1", "--output-dir", Path("one")});
    auto two = kSweep;
    two.insert(two.end(), {"-j", "2", "--output-dir", Path("two")});
    ASSERT_EQ(Run(one).code, 0);
    ASSERT_EQ(Run(two).code, 0);
    const std::string summary = Read(Path("one/summary.csv"));
    EXPECT_EQ(std::count(summary.begin(), summary.end(), '\n'), 13);
    EXPECT_NE(summary.find("\"hi, \"\"you\"\"\""), std::string::npos) << summary;
    EXPECT_EQ(summary, Read(Path("two/summary.csv")));
}

TEST_F(RunnerMainTest, GivenEmittedJobs_WhenEachLineIsRunAndMerged_ThenSummaryMatchesDirectRun)
{
    auto direct = kSweep;
    direct.insert(direct.end(), {"--output-dir", Path("direct")});
    ASSERT_EQ(Run(direct).code, 0);

    auto emit = kSweep;
    emit.insert(emit.end(), {"--emit-jobs", Path("jobs.txt"), "--output-dir", Path("jobs")});
    const Outcome emitted = Run(emit);
    ASSERT_EQ(emitted.code, 0) << emitted.err;
    EXPECT_NE(emitted.out.find("parallel < "), std::string::npos);
    EXPECT_NE(emitted.out.find("--merge"), std::string::npos);
    EXPECT_FALSE(fs::exists(Path("jobs/runs")));

    std::istringstream lines(Read(Path("jobs.txt")));
    std::string line;
    int count = 0;
    while (std::getline(lines, line))
    {
        std::vector<std::string> words = ShellWords(line);
        ASSERT_GE(words.size(), 4U) << line;
        EXPECT_EQ(words[0], "cd");
        EXPECT_EQ(words[1], fs::current_path().string());
        EXPECT_EQ(words[2], "&&");
        EXPECT_EQ(words[3], "fake-sim");
        EXPECT_NE(line.find("--single-run " + std::to_string(count) + " "), std::string::npos);
        const Outcome job = Run(std::vector<std::string>(words.begin() + 4, words.end()));
        ASSERT_EQ(job.code, 0) << line << "\n" << job.err;
        EXPECT_EQ(Read(Path("jobs/runs/" + std::string(count < 10 ? "run-000" : "run-00") +
                            std::to_string(count) + ".csv")),
                  Read(Path("direct/runs/" + std::string(count < 10 ? "run-000" : "run-00") +
                            std::to_string(count) + ".csv")));
        ++count;
    }
    EXPECT_EQ(count, 12);
    EXPECT_FALSE(fs::exists(Path("jobs/summary.csv")));

    const Outcome merged = Run({"--merge", Path("jobs")});
    ASSERT_EQ(merged.code, 0) << merged.err;
    EXPECT_EQ(Read(Path("jobs/summary.csv")), Read(Path("direct/summary.csv")));
    EXPECT_NE(merged.out.find("merged 12 runs"), std::string::npos);
}

TEST_F(RunnerMainTest, GivenFailingRuns_WhenRun_ThenExitOneAndOtherRowsExist)
{
    const Outcome outcome =
        Run({"--sweep", "model.x=1,13,14,3", "-j", "2", "--output-dir", Path("out")});
    EXPECT_EQ(outcome.code, 1);
    EXPECT_NE(outcome.err.find("run 1 (model.x=13, run.seed=1) failed: exit code 1: unlucky x"),
              std::string::npos)
        << outcome.err;
    EXPECT_NE(outcome.err.find("run 2 (model.x=14, run.seed=1) failed: killed by signal 9"),
              std::string::npos)
        << outcome.err;
    EXPECT_TRUE(fs::exists(Path("out/runs/run-0000.csv")));
    EXPECT_FALSE(fs::exists(Path("out/runs/run-0001.csv")));
    EXPECT_FALSE(fs::exists(Path("out/runs/run-0002.csv")));
    const std::string summary = Read(Path("out/summary.csv"));
    EXPECT_NE(summary.find("\n0,a,n,1,1,2,2,n|a\n3,a,n,3,1,6,4,n|a\n"), std::string::npos)
        << summary;
    EXPECT_NE(outcome.out.find("FAILED"), std::string::npos) << outcome.out;
}

TEST_F(RunnerMainTest, GivenUnknownKeyInFile_WhenRun_ThenExitTwoNamingFileAndKeyAndNothingRuns)
{
    const std::string file = Write("x.ini", "[model]\nx = 2\nz = 3\n");
    const Outcome outcome = Run({file, "--output-dir", Path("out")});
    EXPECT_EQ(outcome.code, 2);
    EXPECT_NE(outcome.err.find(file + ": unknown key 'model.z'"), std::string::npos) << outcome.err;
    EXPECT_FALSE(fs::exists(Path("out")));
}

TEST_F(RunnerMainTest, GivenBadValueOnCommandLine_WhenRun_ThenExitTwoNamingKeyAndNothingRuns)
{
    const Outcome outcome = Run({"--model.x=abc", "--output-dir", Path("out")});
    EXPECT_EQ(outcome.code, 2);
    EXPECT_NE(outcome.err.find("--model.x: 'abc' is not an integer"), std::string::npos)
        << outcome.err;
    const Outcome unknown = Run({"--model.y=1", "--output-dir", Path("out")});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.err.find("unknown key 'model.y'"), std::string::npos) << unknown.err;
    EXPECT_FALSE(fs::exists(Path("out")));
}

TEST_F(RunnerMainTest, GivenOneInvalidRunAfterExpansion_WhenRun_ThenNoRunStarts)
{
    const Outcome outcome = Run({"--run.seed=999", "--runs", "3", "--output-dir", Path("out")});
    EXPECT_EQ(outcome.code, 2);
    EXPECT_NE(outcome.err.find("run 2: run.seed: '1001' is out of range [0, 1000]"),
              std::string::npos)
        << outcome.err;
    EXPECT_FALSE(fs::exists(Path("out")));
}

TEST_F(RunnerMainTest, GivenScenarioFileWithSweepAndOutputKey_WhenRun_ThenFileDrivesTheRuns)
{
    const std::string file = Write("s.ini", "# fake scenario\n"
                                            "[model]\n"
                                            "mode = b\n"
                                            "[output]\n"
                                            "dir = " +
                                                Path("from-key") +
                                                "\n"
                                                "[sweep]\n"
                                                "model.x = 5, 6\n");
    const Outcome outcome = Run({file, "--model.mode=a"});
    ASSERT_EQ(outcome.code, 0) << outcome.err;
    // output.dir chooses the folder but is not a CSV column.
    EXPECT_EQ(Read(Path("from-key/summary.csv")),
              "run,model.mode,model.note,model.x,run.seed,x2,x_plus_seed,echo\n"
              "0,a,n,5,1,10,6,n|a\n"
              "1,a,n,6,1,12,7,n|a\n");
}

TEST_F(RunnerMainTest, GivenSingleRunBeyondSweep_WhenRun_ThenExitTwo)
{
    const Outcome outcome =
        Run({"--sweep", "model.x=1,2", "--single-run", "2", "--output-dir", Path("out")});
    EXPECT_EQ(outcome.code, 2);
    EXPECT_NE(outcome.err.find("--single-run: 2 is beyond the last run 1"), std::string::npos);
}

TEST_F(RunnerMainTest, GivenRunCsvsWithDifferentColumns_WhenMerged_ThenExitOneNamingFile)
{
    fs::create_directories(Path("m/runs"));
    Write("m/runs/run-0000.csv", "run,model.x,x2\n0,1,2\n");
    Write("m/runs/run-0001.csv", "run,model.x,x3\n1,1,3\n");
    const Outcome outcome = Run({"--merge", Path("m")});
    EXPECT_EQ(outcome.code, 1);
    EXPECT_NE(outcome.err.find(Path("m/runs/run-0001.csv") + ": columns differ"), std::string::npos)
        << outcome.err;
    EXPECT_FALSE(fs::exists(Path("m/summary.csv")));
}

TEST_F(RunnerMainTest, GivenGapInRunCsvs_WhenMerged_ThenSummaryWrittenAndMissingRunsReported)
{
    fs::create_directories(Path("m/runs"));
    Write("m/runs/run-0000.csv", "run,model.x,x2\n0,1,2\n");
    Write("m/runs/run-0002.csv", "run,model.x,x2\n2,3,6\n");
    const Outcome outcome = Run({"--merge", Path("m")});
    EXPECT_EQ(outcome.code, 1);
    EXPECT_NE(outcome.err.find("missing runs: 1"), std::string::npos) << outcome.err;
    EXPECT_EQ(Read(Path("m/summary.csv")), "run,model.x,x2\n0,1,2\n2,3,6\n");
}

TEST_F(RunnerMainTest, GivenHelpAndListKeys_WhenRun_ThenUsageAndEveryKeyArePrinted)
{
    const Outcome help = Run({"--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_EQ(help.out.rfind("usage: fake-sim", 0), 0U) << help.out;
    const Outcome keys = Run({"--list-keys"});
    EXPECT_EQ(keys.code, 0);
    for (const auto& spec : FakeConfig().specs)
    {
        EXPECT_NE(keys.out.find(spec.key), std::string::npos) << spec.key;
    }
    EXPECT_NE(keys.out.find("integer [-100, 100]"), std::string::npos) << keys.out;
    EXPECT_NE(keys.out.find("choice {a|b}"), std::string::npos) << keys.out;
}

TEST_F(RunnerMainTest, GivenCatalogueWithoutSeed_WhenRun_ThenExitTwo)
{
    RunnerConfig config = FakeConfig();
    config.specs.erase(config.specs.begin());
    const Outcome outcome = Run({"--output-dir", Path("out")}, config);
    EXPECT_EQ(outcome.code, 2);
    EXPECT_NE(outcome.err.find("run.seed"), std::string::npos);
}

TEST(RunnerJobs, GivenAwkwardWords_WhenShellQuoted_ThenShellReadsThemBack)
{
    for (const std::string word : {"plain", "two words", "it's", "$HOME", "", "a\"b", "*"})
    {
        const std::string command = "printf '%s|' " + ShellQuote(word);
        FILE* pipe = popen(command.c_str(), "r");
        ASSERT_NE(pipe, nullptr);
        std::string read;
        char buffer[256];
        size_t n;
        while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0)
        {
            read.append(buffer, n);
        }
        EXPECT_EQ(pclose(pipe), 0);
        EXPECT_EQ(read, word + "|") << command;
    }
}

} // namespace
} // namespace scenario
} // namespace mediasec
