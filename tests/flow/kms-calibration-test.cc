// The KMS service times of the simulation come from the calibration committed under results/
// (bench/kms-bench measures the KmsCore's CPU time per request): the scenario defaults equal
// the table's medians, and a run charges each MIKEY request its own operation's time.
#include "support/scenario-fixture.h"

#include "scenario/csv-reader.h"
#include "scenario/ims-scenario.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace ims_test
{
namespace
{

/** \return operation -> median_us of results/kms-calibration.csv */
std::map<std::string, std::string>
CalibrationMedians()
{
    std::ifstream in(std::string(MEDIASEC_SOURCE_DIR) + "/results/kms-calibration.csv");
    std::stringstream text;
    text << in.rdbuf();
    auto records = mediasec::scenario::ParseCsv(text.str());
    EXPECT_TRUE(records.IsOk()) << records.GetError().ToString();
    std::map<std::string, std::string> medians;
    if (!records || records.Value().empty())
    {
        return medians;
    }
    const auto& header = records.Value().front();
    EXPECT_GE(header.size(), 2u);
    EXPECT_EQ(header[0], "operation");
    EXPECT_EQ(header[1], "median_us");
    for (size_t i = 1; i < records.Value().size(); ++i)
    {
        const auto& row = records.Value()[i];
        if (row.size() >= 2)
        {
            medians[row[0]] = row[1];
        }
    }
    return medians;
}

TEST(KmsCalibration, GivenTheCommittedCalibration_WhenReadingTheDefaults_ThenTheyAreItsMedians)
{
    const auto medians = CalibrationMedians();
    ASSERT_EQ(medians.count("kms_request_init"), 1u);
    ASSERT_EQ(medians.count("kms_resolve_init"), 1u);
    const auto p = ns3::ims::DefaultImsParameters();
    EXPECT_DOUBLE_EQ(p.GetReal("processing.kms_request_us"),
                     std::stod(medians.at("kms_request_init")));
    EXPECT_DOUBLE_EQ(p.GetReal("processing.kms_resolve_us"),
                     std::stod(medians.at("kms_resolve_init")));
}

using KmsServiceTimes = ScenarioFixture;

TEST_F(KmsServiceTimes, GivenOneKmsTicketCall_WhenTheKmsServesIt_ThenEachOperationCostsItsOwnTime)
{
    auto& scenario = Run({{"run.scheme", "kms-ticket"},
                          {"processing.kms_request_us", "300"},
                          {"processing.kms_resolve_us", "500"}});
    ASSERT_EQ(Record(true).outcome, "completed");
    const auto& queue = scenario.Network().GetKms()->GetProcessingQueue();
    EXPECT_EQ(queue.Jobs(), 2u);
    EXPECT_EQ(queue.BusyTime(), ns3::MicroSeconds(800)); // one REQUEST, one RESOLVE
}

} // namespace
} // namespace ims_test
