// ims-mediasec: runs scenario files (see README and scenarios/).
#include "ims-scenario.h"
#include "scenario-runner.h"

int
main(int argc, char** argv)
{
    mediasec::scenario::RunnerConfig config;
    config.specs = ns3::ims::ImsScenarioSpecs();
    config.run = &ns3::ims::RunImsScenario;
    config.tableColumns = ns3::ims::ImsSummaryColumns();
    config.programName = "ims-mediasec";
    return mediasec::scenario::RunnerMain(argc, argv, config);
}
