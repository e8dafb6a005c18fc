/**
 * \file
 * The catalogue of known scenario keys: lookup, sanity checks of the catalogue itself and
 * the --list-keys text.
 */
#ifndef IMS_PARAM_SPECS_H
#define IMS_PARAM_SPECS_H

#include "protocol/common/result.h"
#include "scenario/run-api.h"

#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief Key of the per-run seed: run r of a sweep point uses seed + r. Must be in the specs. */
inline const std::string kSeedKey = "run.seed";

/** \brief Optional key naming the output folder; it is not written to the CSV files. */
inline const std::string kOutputDirKey = "output.dir";

/** \brief INI section holding sweeps ("[sweep]"); no key may use it. */
inline const std::string kSweepSection = "sweep";

/** \return the spec of \p key, or nullptr when \p key is unknown */
const ParamSpec* FindSpec(const std::vector<ParamSpec>& specs, const std::string& key);

/**
 * \brief Checks the catalogue: keys are unique "section.name" strings outside [sweep], defaults
 * are valid, choices exist and contain no comma, min <= max, run.seed is an Integer key and
 * output.dir, when present, is a Text key.
 */
Status ValidateSpecs(const std::vector<ParamSpec>& specs);

/** \return one aligned line per key: key, kind with range or choices, default, help */
std::string FormatKeyList(const std::vector<ParamSpec>& specs);

} // namespace scenario
} // namespace mediasec

#endif
