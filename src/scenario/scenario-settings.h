/**
 * \file
 * The values and sweeps given by one source (scenario file or command line), and how the
 * sources are layered: default < file < command line.
 */
#ifndef IMS_SCENARIO_SETTINGS_H
#define IMS_SCENARIO_SETTINGS_H

#include "protocol/common/result.h"
#include "scenario/run-api.h"
#include "scenario/sweep.h"

#include <string>
#include <utility>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief Values and sweeps set by one source, each key at most once. */
struct ScenarioSettings
{
    std::vector<std::pair<std::string, std::string>> values; //!< key and value, in source order
    std::vector<SweepAxis> sweeps;                           //!< swept keys, in source order
};

/**
 * \brief Adds `key = value` to \p settings after checking that the key is known, the value
 * valid and the key neither set nor swept already in this source.
 * \return Ok, or an error naming the key (and the value), e.g.
 *         "topology.ues: 'abc' is not an integer", "unknown key 'topology.uez'"
 */
Status AddValue(ScenarioSettings& settings, const std::vector<ParamSpec>& specs,
                const std::string& key, const std::string& value);

/**
 * \brief Adds a sweep of \p key over the comma-separated \p list after checking that the key is
 * known and sweepable (not output.dir), every value valid and the key neither set nor swept
 * already in this source.
 */
Status AddSweep(ScenarioSettings& settings, const std::vector<ParamSpec>& specs,
                const std::string& key, const std::string& list);

/** \brief The result of layering defaults, the scenario file and the command line. */
struct LayeredSettings
{
    ParameterSet base;             //!< every known key: default < file < command line
    std::vector<SweepAxis> sweeps; //!< effective sweeps, first varies slowest
};

/**
 * \brief Layers \p file over the defaults of \p specs and \p commandLine over both.
 *
 * A command-line value of a key drops a file sweep of that key; a command-line sweep replaces a
 * file sweep of the same key in place; other command-line sweeps follow the file's sweeps.
 */
LayeredSettings LayerSettings(const std::vector<ParamSpec>& specs, const ScenarioSettings& file,
                              const ScenarioSettings& commandLine);

} // namespace scenario
} // namespace mediasec

#endif
