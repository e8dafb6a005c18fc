#include "sweep.h"

#include "param-specs.h"
#include "param-value.h"

#include <limits>

namespace mediasec
{
namespace scenario
{

std::vector<std::string>
SplitSweepValues(const std::string& list)
{
    std::vector<std::string> values;
    size_t start = 0;
    while (true)
    {
        const size_t comma = list.find(',', start);
        std::string item = list.substr(start, comma == std::string::npos ? comma : comma - start);
        const size_t first = item.find_first_not_of(" \t");
        const size_t last = item.find_last_not_of(" \t");
        values.push_back(first == std::string::npos ? "" : item.substr(first, last - first + 1));
        if (comma == std::string::npos)
        {
            return values;
        }
        start = comma + 1;
    }
}

namespace
{

/** \return Ok when every key of \p run is known and its value valid */
Status
ValidateRun(const std::vector<ParamSpec>& specs, const ParameterSet& run, uint64_t index)
{
    for (const auto& [key, value] : run.All())
    {
        const ParamSpec* spec = FindSpec(specs, key);
        if (spec == nullptr)
        {
            return MakeError(Errc::Unsupported,
                             "run " + std::to_string(index) + ": unknown key '" + key + "'");
        }
        auto valid = ValidateValue(*spec, value);
        if (!valid)
        {
            return MakeError(valid.GetError().code, "run " + std::to_string(index) + ": " + key +
                                                        ": " + valid.GetError().detail);
        }
    }
    return Ok{};
}

} // namespace

Result<std::vector<ParameterSet>>
ExpandSweep(const std::vector<ParamSpec>& specs, const ParameterSet& base,
            const std::vector<SweepAxis>& axes, uint32_t runsPerPoint)
{
    if (runsPerPoint == 0)
    {
        return MakeError(Errc::OutOfRange, "--runs: must be at least 1");
    }
    uint64_t total = runsPerPoint;
    for (const auto& axis : axes)
    {
        if (axis.values.empty())
        {
            return MakeError(Errc::MissingField, "sweep " + axis.key + ": no values");
        }
        total *= axis.values.size();
        if (total > kMaxRuns)
        {
            return MakeError(Errc::TooLarge,
                             "the sweep has more than " + std::to_string(kMaxRuns) + " runs");
        }
    }
    std::vector<ParameterSet> runs;
    runs.reserve(total);
    for (uint64_t index = 0; index < total; ++index)
    {
        ParameterSet run = base;
        uint64_t point = index / runsPerPoint;
        for (auto axis = axes.rbegin(); axis != axes.rend(); ++axis)
        {
            run.Set(axis->key, axis->values[point % axis->values.size()]);
            point /= axis->values.size();
        }
        const auto seed = ParseInteger(run.Get(kSeedKey));
        const auto offset = static_cast<int64_t>(index % runsPerPoint);
        if (!seed || *seed > std::numeric_limits<int64_t>::max() - offset)
        {
            return MakeError(Errc::OutOfRange, "run " + std::to_string(index) + ": " + kSeedKey +
                                                   ": '" + run.Get(kSeedKey) +
                                                   "' plus the run number overflows");
        }
        run.Set(kSeedKey, std::to_string(*seed + offset));
        auto valid = ValidateRun(specs, run, index);
        if (!valid)
        {
            return valid.GetError();
        }
        runs.push_back(std::move(run));
    }
    return runs;
}

} // namespace scenario
} // namespace mediasec
