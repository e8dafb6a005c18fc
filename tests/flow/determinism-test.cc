// Runs are deterministic for a given seed: same seed, byte-identical result files.
#include "support/run-files.h"

#include "scenario/ims-scenario.h"

#include "ns3/global-value.h"
#include "ns3/string.h"

#include <gtest/gtest.h>

namespace ims_test
{
namespace
{

RunFiles
RunOnce(const std::string& seed, const std::string& scheduler = "ns3::MapScheduler")
{
    ns3::GlobalValue::Bind("SchedulerType", ns3::StringValue(scheduler));
    auto p = ns3::ims::DefaultImsParameters();
    p.Set("run.scheme", "sdes-e2ae");
    p.Set("run.seed", seed);
    p.Set("topology.ues", "6");
    p.Set("calls.count", "6");
    p.Set("calls.arrival", "poisson");
    p.Set("topology.access_loss", "0.05");
    p.Set("calls.hold_s", "2");
    const RunFiles files = RunToFiles(p, "determinism");
    ns3::GlobalValue::Bind("SchedulerType", ns3::StringValue("ns3::MapScheduler"));
    return files;
}

TEST(Determinism, GivenTheSameSeed_WhenRunTwice_ThenResultFilesAreByteIdentical)
{
    const RunFiles a = RunOnce("11");
    const RunFiles b = RunOnce("11");
    EXPECT_GT(a.calls.size(), 200u);
    EXPECT_GT(a.keys.size(), 200u);
    EXPECT_EQ(a.calls, b.calls);
    EXPECT_EQ(a.keys, b.keys);
    EXPECT_EQ(a.metrics, b.metrics);
}

TEST(Determinism, GivenAnotherSeed_WhenRun_ThenKeysAndLossesDiffer)
{
    const RunFiles a = RunOnce("11");
    const RunFiles b = RunOnce("12");
    EXPECT_NE(a.keys, b.keys);
    EXPECT_NE(a.calls, b.calls);
}

TEST(Determinism, GivenAnotherEventScheduler_WhenRun_ThenResultsAreIdentical)
{
    // Event order is (time, insertion) in every ns-3 scheduler (PERF.md M14).
    const RunFiles map = RunOnce("5");
    const RunFiles heap = RunOnce("5", "ns3::HeapScheduler");
    EXPECT_EQ(map.calls, heap.calls);
    EXPECT_EQ(map.keys, heap.keys);
    EXPECT_EQ(map.metrics, heap.metrics);
}

} // namespace
} // namespace ims_test
