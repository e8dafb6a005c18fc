/**
 * \file
 * Shared fixture of the simulation tests: runs an ImsScenario from key=value overrides of the
 * defaults and destroys the simulator after each test (STYLE pitfall 10.7).
 */
#ifndef IMS_TEST_SCENARIO_FIXTURE_H
#define IMS_TEST_SCENARIO_FIXTURE_H

#include "scenario/ims-scenario.h"

#include <gtest/gtest.h>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace ims_test
{

/**
 * \brief Every packet \p sender sent arrived at \p receiver, passed SRTP when \p srtp (and
 * was not SRTP otherwise) and carried the exact payload.
 */
void ExpectAllMediaDelivered(const ns3::ims::UeCallRecord& sender,
                             const ns3::ims::UeCallRecord& receiver, bool srtp);

/**
 * \brief Both sides of a call completed and each receives with the key the other sends with.
 * \return success, or a failure naming the outcome or the key that differs
 */
::testing::AssertionResult CompletedWithPairedKeys(const ns3::ims::UeCallRecord& caller,
                                                   const ns3::ims::UeCallRecord& callee);

/** \brief Runs scenarios and keeps the last one for inspection. */
class ScenarioFixture : public ::testing::Test
{
  protected:
    void TearDown() override;

    /**
     * \brief Runs the default scenario with \p overrides (key -> value), a small call by
     * default: 2 UEs, one call of 1 s.
     * \return the scenario, alive until TearDown
     */
    ns3::ims::ImsScenario& Run(const std::map<std::string, std::string>& overrides);

    /** \return the caller's (\p caller true) or callee's record of the only call */
    const ns3::ims::UeCallRecord& Record(bool caller) const;

    /** \return the labels of the nodes that held the key \p fingerprint */
    std::set<std::string> Holders(const std::string& fingerprint) const;

    /** \return the value of metric \p name of the last run */
    std::string Metric(const std::string& name) const;

  private:
    std::unique_ptr<ns3::ims::ImsScenario> m_scenario; //!< last scenario
};

} // namespace ims_test

#endif
