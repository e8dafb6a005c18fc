#include "scenario-fixture.h"

#include "ns3/simulator.h"

namespace ims_test
{

void
ExpectAllMediaDelivered(const ns3::ims::UeCallRecord& sender,
                        const ns3::ims::UeCallRecord& receiver, bool srtp)
{
    EXPECT_GT(sender.mediaSent, 40u);
    EXPECT_EQ(receiver.mediaReceived, sender.mediaSent);
    EXPECT_EQ(receiver.payloadCorrupt, 0u);
    EXPECT_EQ(receiver.srtpRejectedAuth, 0u);
    EXPECT_EQ(receiver.srtpRejectedReplay, 0u);
    EXPECT_EQ(receiver.srtpUnprotected, srtp ? receiver.mediaReceived : 0u);
    EXPECT_EQ(sender.srtpProtected, srtp ? sender.mediaSent : 0u);
}

::testing::AssertionResult
CompletedWithPairedKeys(const ns3::ims::UeCallRecord& caller, const ns3::ims::UeCallRecord& callee)
{
    if (caller.outcome != "completed" || callee.outcome != "completed")
    {
        return ::testing::AssertionFailure()
               << "outcomes " << caller.outcome << " / " << callee.outcome;
    }
    if (caller.txKey != callee.rxKey || caller.rxKey != callee.txKey)
    {
        return ::testing::AssertionFailure() << "the callee's keys are not the caller's, crossed";
    }
    return ::testing::AssertionSuccess();
}

void
ScenarioFixture::TearDown()
{
    m_scenario.reset();
    ns3::Simulator::Destroy();
}

ns3::ims::ImsScenario&
ScenarioFixture::Run(const std::map<std::string, std::string>& overrides)
{
    auto parameters = ns3::ims::DefaultImsParameters();
    parameters.Set("topology.ues", "2");
    parameters.Set("calls.count", "1");
    parameters.Set("calls.hold_s", "1");
    for (const auto& [key, value] : overrides)
    {
        parameters.Set(key, value);
    }
    m_scenario = std::make_unique<ns3::ims::ImsScenario>(parameters);
    m_scenario->Run();
    return *m_scenario;
}

const ns3::ims::UeCallRecord&
ScenarioFixture::Record(bool caller) const
{
    const auto& calls = m_scenario->Collector().GetCalls();
    EXPECT_EQ(calls.size(), 1u);
    const auto view = ns3::ims::ViewOf(calls.begin()->second);
    if (const auto* record = caller ? view.caller : view.callee)
    {
        return *record;
    }
    ADD_FAILURE() << "no " << (caller ? "caller" : "callee") << " record";
    static const ns3::ims::UeCallRecord empty;
    return empty;
}

std::set<std::string>
ScenarioFixture::Holders(const std::string& fingerprint) const
{
    return m_scenario->Collector().HoldersOf(fingerprint);
}

std::string
ScenarioFixture::Metric(const std::string& name) const
{
    for (const auto& [key, value] : m_scenario->Summarize())
    {
        if (key == name)
        {
            return value;
        }
    }
    ADD_FAILURE() << "no metric " << name;
    return "";
}

} // namespace ims_test
