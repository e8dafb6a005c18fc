#include "param-specs.h"

#include "param-value.h"
#include "text-columns.h"

#include <limits>
#include <set>

namespace mediasec
{
namespace scenario
{

const ParamSpec*
FindSpec(const std::vector<ParamSpec>& specs, const std::string& key)
{
    for (const auto& spec : specs)
    {
        if (spec.key == key)
        {
            return &spec;
        }
    }
    return nullptr;
}

namespace
{

/** \return true when \p key is "section.name" made of letters, digits, '_', '-' and dots */
bool
IsWellFormedKey(const std::string& key)
{
    const auto dot = key.find('.');
    if (dot == std::string::npos || dot == 0 || key.back() == '.')
    {
        return false;
    }
    for (char c : key)
    {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
        if (!ok)
        {
            return false;
        }
    }
    return key.find("..") == std::string::npos;
}

/** \return the checks of one spec that do not depend on the others */
Status
ValidateSpec(const ParamSpec& spec)
{
    if (!IsWellFormedKey(spec.key))
    {
        return MakeError(Errc::Malformed, "key '" + spec.key + "' is not of the form section.name");
    }
    if (spec.key.compare(0, kSweepSection.size() + 1, kSweepSection + ".") == 0)
    {
        return MakeError(Errc::Malformed, "key '" + spec.key + "' uses the reserved [sweep]");
    }
    if (spec.min > spec.max)
    {
        return MakeError(Errc::OutOfRange, spec.key + ": min is greater than max");
    }
    if (spec.kind == ParamKind::Choice)
    {
        if (spec.choices.empty())
        {
            return MakeError(Errc::MissingField, spec.key + ": choice without choices");
        }
        for (const auto& choice : spec.choices)
        {
            if (choice.empty() || choice.find(',') != std::string::npos)
            {
                return MakeError(Errc::Malformed, spec.key + ": choice '" + choice +
                                                      "' is empty or contains a comma");
            }
        }
    }
    auto valid = ValidateValue(spec, spec.defaultValue);
    if (!valid)
    {
        return MakeError(valid.GetError().code, spec.key + ": default " + valid.GetError().detail);
    }
    return Ok{};
}

/** \return the kind column of --list-keys, e.g. "integer [1, 1000]", "choice {a|b}" */
std::string
KindText(const ParamSpec& spec)
{
    std::string text = KindName(spec.kind);
    const bool hasMin = spec.min != std::numeric_limits<double>::lowest();
    const bool hasMax = spec.max != std::numeric_limits<double>::max();
    if (spec.kind == ParamKind::Integer || spec.kind == ParamKind::Real)
    {
        if (hasMin || hasMax)
        {
            text += " [" + (hasMin ? FormatNumber(spec.min) : std::string("-inf")) + ", " +
                    (hasMax ? FormatNumber(spec.max) : std::string("inf")) + "]";
        }
    }
    if (spec.kind == ParamKind::Choice)
    {
        std::string joined;
        for (const auto& choice : spec.choices)
        {
            joined += (joined.empty() ? "" : "|") + choice;
        }
        text += " {" + joined + "}";
    }
    return text;
}

} // namespace

Status
ValidateSpecs(const std::vector<ParamSpec>& specs)
{
    std::set<std::string> seen;
    for (const auto& spec : specs)
    {
        auto valid = ValidateSpec(spec);
        if (!valid)
        {
            return valid;
        }
        if (!seen.insert(spec.key).second)
        {
            return MakeError(Errc::Malformed, "key '" + spec.key + "' is declared twice");
        }
    }
    const ParamSpec* seed = FindSpec(specs, kSeedKey);
    if (seed == nullptr || seed->kind != ParamKind::Integer)
    {
        return MakeError(Errc::MissingField, "the integer key '" + kSeedKey + "' is missing");
    }
    const ParamSpec* outputDir = FindSpec(specs, kOutputDirKey);
    if (outputDir != nullptr && outputDir->kind != ParamKind::Text)
    {
        return MakeError(Errc::Malformed, "key '" + kOutputDirKey + "' must be of kind text");
    }
    return Ok{};
}

std::string
FormatKeyList(const std::vector<ParamSpec>& specs)
{
    std::vector<std::vector<std::string>> lines{{"KEY", "KIND", "DEFAULT", "HELP"}};
    for (const auto& spec : specs)
    {
        lines.push_back({spec.key, KindText(spec), spec.defaultValue, spec.help});
    }
    return FormatColumns(lines);
}

} // namespace scenario
} // namespace mediasec
