/**
 * \file
 * Reading a scenario file: Boost.Program_options INI ("[section]", "key = value", '#'
 * comments) whose keys are the known "section.name" keys, plus an optional [sweep] section
 * of "section.name = v1, v2, ..." entries.
 */
#ifndef IMS_SCENARIO_FILE_H
#define IMS_SCENARIO_FILE_H

#include "protocol/common/result.h"
#include "scenario/run-api.h"
#include "scenario/scenario-settings.h"

#include <istream>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/**
 * \brief Parses the scenario text \p in.
 * \param fileName used as prefix of every error, e.g. "scenarios/x.ini: unknown key 'a.b'"
 * \return the values and sweeps of the file, each key checked against \p specs
 */
Result<ScenarioSettings> ParseScenarioFile(std::istream& in, const std::string& fileName,
                                           const std::vector<ParamSpec>& specs);

/** \return ParseScenarioFile() of the file at \p path, or an error when it cannot be read */
Result<ScenarioSettings> LoadScenarioFile(const std::string& path,
                                          const std::vector<ParamSpec>& specs);

} // namespace scenario
} // namespace mediasec

#endif
