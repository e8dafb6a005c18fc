/**
 * \file
 * Scenario runner: RFC 4180 CSV writing and reading, and the layout of a run CSV.
 */
#include "scenario/csv-reader.h"
#include "scenario/csv-writer.h"
#include "scenario/run-csv.h"

#include <gtest/gtest.h>

namespace mediasec
{
namespace scenario
{
namespace
{

TEST(RunnerCsv, GivenSpecialCharacters_WhenWritten_ThenOnlyThoseFieldsAreQuoted)
{
    EXPECT_EQ(CsvField("plain text"), "plain text");
    EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
    EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(CsvField("cr\r"), "\"cr\r\"");
    EXPECT_EQ(CsvRecord({"a", "", "b,c"}), "a,,\"b,c\"\n");
}

TEST(RunnerCsv, GivenTrickyFields_WhenWrittenAndRead_ThenRoundTrips)
{
    const CsvRecords records{
        {"run", "x", "note"}, {"0", "", "a, \"quoted\"\nline"}, {"1", "2", ""}};
    std::string text;
    for (const auto& record : records)
    {
        text += CsvRecord(record);
    }
    auto parsed = ParseCsv(text);
    ASSERT_TRUE(parsed) << parsed.GetError().detail;
    EXPECT_EQ(parsed.Value(), records);
}

TEST(RunnerCsv, GivenCrLfRecords_WhenRead_ThenLineEndsAreNotPartOfFields)
{
    auto parsed = ParseCsv("a,b\r\n1,2\r\n");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed.Value(), (CsvRecords{{"a", "b"}, {"1", "2"}}));
}

TEST(RunnerCsv, GivenMalformedQuotes_WhenRead_ThenMalformedErrorNamesRecord)
{
    auto unterminated = ParseCsv("a,b\n\"open,2\n");
    ASSERT_FALSE(unterminated);
    EXPECT_EQ(unterminated.GetError().code, Errc::Malformed);
    EXPECT_EQ(unterminated.GetError().detail, "CSV record 2: unterminated quoted field");
    auto stray = ParseCsv("a\"b\n");
    ASSERT_FALSE(stray);
    EXPECT_EQ(stray.GetError().detail, "CSV record 1: quote inside an unquoted field");
    auto trailing = ParseCsv("\"a\"b\n");
    ASSERT_FALSE(trailing);
    EXPECT_EQ(trailing.GetError().detail, "CSV record 1: text after a closing quote");
}

TEST(RunnerCsv, GivenRun_WhenRowBuilt_ThenIndexSortedKeysThenMetricsInOrder)
{
    ParameterSet parameters;
    parameters.Set("topology.ues", "3");
    parameters.Set("output.dir", "/somewhere");
    parameters.Set("run.seed", "7");
    const Metrics metrics{{"zeta", "1"}, {"alpha", "x,y"}};
    auto text = RunCsvText(12, parameters, metrics);
    ASSERT_TRUE(text) << text.GetError().detail;
    EXPECT_EQ(text.Value(), "run,run.seed,topology.ues,zeta,alpha\n12,7,3,1,\"x,y\"\n");
}

TEST(RunnerCsv, GivenMetricNamedLikeAColumn_WhenRowBuilt_ThenError)
{
    ParameterSet parameters;
    parameters.Set("run.seed", "7");
    EXPECT_FALSE(RunCsvText(0, parameters, {{"run.seed", "1"}}));
    EXPECT_FALSE(RunCsvText(0, parameters, {{"m", "1"}, {"m", "2"}}));
    EXPECT_FALSE(RunCsvText(0, parameters, {{"run", "1"}}));
    EXPECT_FALSE(RunCsvText(0, parameters, {{"", "1"}}));
}

} // namespace
} // namespace scenario
} // namespace mediasec
