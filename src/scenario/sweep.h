/**
 * \file
 * Sweep expansion: the cartesian product of swept values times the per-point seeds, giving
 * the parameter set of every run index.
 */
#ifndef IMS_SWEEP_H
#define IMS_SWEEP_H

#include "protocol/common/result.h"
#include "scenario/run-api.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief Upper bound on the number of runs of one invocation. */
constexpr uint64_t kMaxRuns = 1000000;

/** \brief One swept key and its values, in the order given. */
struct SweepAxis
{
    std::string key;                 //!< known scenario key
    std::vector<std::string> values; //!< at least one value
};

/** \return the comma-separated items of \p list, each trimmed of blanks (empty items kept) */
std::vector<std::string> SplitSweepValues(const std::string& list);

/**
 * \brief Expands \p axes over \p base: the cartesian product (first axis varies slowest), each
 * point repeated \p runsPerPoint times with run.seed = seed of the point + r.
 *
 * Every resulting parameter set is validated against \p specs.
 * \return the parameter set of each run index, or an error naming the run and the key
 */
Result<std::vector<ParameterSet>> ExpandSweep(const std::vector<ParamSpec>& specs,
                                              const ParameterSet& base,
                                              const std::vector<SweepAxis>& axes,
                                              uint32_t runsPerPoint);

} // namespace scenario
} // namespace mediasec

#endif
