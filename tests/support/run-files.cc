#include "run-files.h"

#include "temp-dir.h"

namespace ims_test
{

RunFiles
RunToFiles(const mediasec::scenario::ParameterSet& parameters, const std::string& tag)
{
    TempDir dir(tag);
    RunFiles files;
    files.metrics = ns3::ims::RunImsScenario(parameters, {0, dir.Path().string()});
    files.calls = dir.Read("calls.csv");
    files.keys = dir.Read("srtp-keys.log");
    return files;
}

} // namespace ims_test
