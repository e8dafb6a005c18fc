#include "scenario-settings.h"

#include "error-prefix.h"
#include "param-specs.h"
#include "param-value.h"

#include <algorithm>

namespace mediasec
{
namespace scenario
{

namespace
{

/** \return Ok when \p key is neither set nor swept in \p settings */
Status
CheckUnused(const ScenarioSettings& settings, const std::string& key)
{
    for (const auto& [setKey, value] : settings.values)
    {
        if (setKey == key)
        {
            return MakeError(Errc::Malformed, key + ": set more than once");
        }
    }
    for (const auto& axis : settings.sweeps)
    {
        if (axis.key == key)
        {
            return MakeError(Errc::Malformed, key + ": swept more than once");
        }
    }
    return Ok{};
}

/** \return the spec of \p key or an "unknown key" error */
Result<const ParamSpec*>
KnownSpec(const std::vector<ParamSpec>& specs, const std::string& key)
{
    const ParamSpec* spec = FindSpec(specs, key);
    if (spec == nullptr)
    {
        return MakeError(Errc::Unsupported, "unknown key '" + key + "'");
    }
    return spec;
}

/** \return Ok when \p value is valid for \p spec, else an error naming the key and the value */
Status
CheckValue(const ParamSpec& spec, const std::string& value)
{
    auto valid = ValidateValue(spec, value);
    if (!valid)
    {
        return WithPrefix(valid.GetError(), spec.key + ": ");
    }
    return Ok{};
}

} // namespace

Status
AddValue(ScenarioSettings& settings, const std::vector<ParamSpec>& specs, const std::string& key,
         const std::string& value)
{
    auto spec = KnownSpec(specs, key);
    if (!spec)
    {
        return spec.GetError();
    }
    auto unused = CheckUnused(settings, key);
    if (!unused)
    {
        return unused;
    }
    auto valid = CheckValue(*spec.Value(), value);
    if (!valid)
    {
        return valid;
    }
    settings.values.emplace_back(key, value);
    return Ok{};
}

Status
AddSweep(ScenarioSettings& settings, const std::vector<ParamSpec>& specs, const std::string& key,
         const std::string& list)
{
    auto spec = KnownSpec(specs, key);
    if (!spec)
    {
        return spec.GetError();
    }
    if (key == kOutputDirKey)
    {
        return MakeError(Errc::Unsupported, key + ": cannot be swept");
    }
    auto unused = CheckUnused(settings, key);
    if (!unused)
    {
        return unused;
    }
    SweepAxis axis{key, SplitSweepValues(list)};
    for (const auto& value : axis.values)
    {
        auto valid = CheckValue(*spec.Value(), value);
        if (!valid)
        {
            return valid;
        }
    }
    settings.sweeps.push_back(std::move(axis));
    return Ok{};
}

LayeredSettings
LayerSettings(const std::vector<ParamSpec>& specs, const ScenarioSettings& file,
              const ScenarioSettings& commandLine)
{
    LayeredSettings layered;
    for (const auto& spec : specs)
    {
        layered.base.Set(spec.key, spec.defaultValue);
    }
    for (const auto* source : {&file, &commandLine})
    {
        for (const auto& [key, value] : source->values)
        {
            layered.base.Set(key, value);
        }
    }
    for (const auto& axis : file.sweeps)
    {
        const bool overridden =
            std::any_of(commandLine.values.begin(), commandLine.values.end(),
                        [&axis](const auto& entry) { return entry.first == axis.key; });
        if (!overridden)
        {
            layered.sweeps.push_back(axis);
        }
    }
    for (const auto& axis : commandLine.sweeps)
    {
        auto same = std::find_if(layered.sweeps.begin(), layered.sweeps.end(),
                                 [&axis](const SweepAxis& other) { return other.key == axis.key; });
        if (same != layered.sweeps.end())
        {
            *same = axis;
        }
        else
        {
            layered.sweeps.push_back(axis);
        }
    }
    return layered;
}

} // namespace scenario
} // namespace mediasec
