/**
 * \file
 * One simulation run of an IMS media security scenario: parameters -> network -> calls ->
 * outputs. This is the RunFunction the scenario runner executes.
 */
#ifndef IMS_SCENARIO_H
#define IMS_SCENARIO_H

#include "run-api.h"

#include "helper/call-metrics-collector.h"
#include "helper/ims-network-helper.h"
#include "model/media-attacker-application.h"

#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace ims
{

/** \return every scenario key, its type, default and help (the runner validates with it). */
const std::vector<mediasec::scenario::ParamSpec>& ImsScenarioSpecs();

/** \return the defaults of ImsScenarioSpecs() as a parameter set. */
mediasec::scenario::ParameterSet DefaultImsParameters();

/** \return the metrics shown in the runner's summary table. */
std::vector<std::string> ImsSummaryColumns();

/**
 * \brief Builds and runs one scenario. Run() leaves the simulator alive so tests can inspect
 * the functions; the owner calls Simulator::Destroy() afterwards.
 */
class ImsScenario
{
  public:
    /** \param parameters validated values of every key of ImsScenarioSpecs() */
    explicit ImsScenario(const mediasec::scenario::ParameterSet& parameters);

    /** \brief Builds the network, schedules the calls and runs the simulation to the end. */
    void Run(const std::string& pcapPrefix = "");

    /** \return the network (valid after Run) */
    const ImsNetworkHelper& Network() const;
    /** \return the collected traces (valid after Run) */
    const CallMetricsCollector& Collector() const;
    /** \return the run metrics, in output column order (after Run) */
    mediasec::scenario::Metrics Summarize() const;

  private:
    /** \brief Appends the deferred-delivery metrics (voice-mail server and retrievals). */
    void AddDeferredDeliveryMetrics(mediasec::scenario::Metrics& m) const;
    /** \brief Appends the conference metrics (server legs, attendees, KMS requests). */
    void AddConferenceMetrics(mediasec::scenario::Metrics& m) const;
    /** \brief Appends the transcoder metrics (its counters, converted media at the UEs). */
    void AddTranscoderMetrics(mediasec::scenario::Metrics& m) const;
    /** \brief Appends the GBA metrics (gba.mode simulated; zero at time 0). */
    void AddGbaMetrics(mediasec::scenario::Metrics& m) const;
    /** \brief Appends the KMS failover metrics (replica, calls after the KMS failure). */
    void AddKmsFailoverMetrics(mediasec::scenario::Metrics& m) const;
    mediasec::scenario::ParameterSet m_parameters;  //!< inputs
    std::unique_ptr<ImsNetworkHelper> m_network;    //!< topology and functions
    CallMetricsCollector m_collector;               //!< outputs
    Ptr<MediaAttackerApplication> m_attacker;       //!< optional on-path attacker
    uint32_t m_callsPlaced = 0;                     //!< calls started
    Time m_callsSpan;                               //!< first call start to last call's end
};

/** \brief The RunFunction of the ims-mediasec runner: runs, writes files, returns metrics. */
mediasec::scenario::Metrics RunImsScenario(const mediasec::scenario::ParameterSet& parameters,
                                           const mediasec::scenario::RunContext& context);

} // namespace ims
} // namespace ns3

#endif
