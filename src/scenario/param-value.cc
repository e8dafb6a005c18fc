#include "param-value.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace mediasec
{
namespace scenario
{

std::optional<int64_t>
ParseInteger(const std::string& text)
{
    int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end)
    {
        return std::nullopt;
    }
    return value;
}

std::optional<double>
ParseReal(const std::string& text)
{
    double value = 0;
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
    {
        return std::nullopt;
    }
    return value;
}

std::optional<bool>
ParseBoolean(const std::string& text)
{
    if (text == "true" || text == "1" || text == "yes")
    {
        return true;
    }
    if (text == "false" || text == "0" || text == "no")
    {
        return false;
    }
    return std::nullopt;
}

const char*
KindName(ParamKind kind)
{
    switch (kind)
    {
    case ParamKind::Integer:
        return "integer";
    case ParamKind::Real:
        return "real";
    case ParamKind::Text:
        return "text";
    case ParamKind::Boolean:
        return "boolean";
    case ParamKind::Choice:
        return "choice";
    }
    return "unknown";
}

std::string
FormatNumber(double value)
{
    if (value == std::trunc(value) && std::fabs(value) < 1e15)
    {
        return std::to_string(static_cast<int64_t>(value));
    }
    char buffer[64];
    auto [ptr, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value);
    return ec == std::errc() ? std::string(buffer, ptr) : std::string("?");
}

namespace
{

/** \return Ok when \p value lies in [spec.min, spec.max], else an error naming the bounds */
Status
CheckRange(const ParamSpec& spec, const std::string& text, double value)
{
    const bool hasMin = spec.min != std::numeric_limits<double>::lowest();
    const bool hasMax = spec.max != std::numeric_limits<double>::max();
    if (value >= spec.min && value <= spec.max)
    {
        return Ok{};
    }
    std::string detail = "'" + text + "' is ";
    if (hasMin && hasMax)
    {
        detail += "out of range [" + FormatNumber(spec.min) + ", " + FormatNumber(spec.max) + "]";
    }
    else if (hasMin)
    {
        detail += "less than " + FormatNumber(spec.min);
    }
    else
    {
        detail += "greater than " + FormatNumber(spec.max);
    }
    return MakeError(Errc::OutOfRange, detail);
}

/** \return "a, b, c" */
std::string
JoinChoices(const std::vector<std::string>& choices)
{
    std::string joined;
    for (const auto& choice : choices)
    {
        joined += (joined.empty() ? "" : ", ") + choice;
    }
    return joined;
}

} // namespace

Status
ValidateValue(const ParamSpec& spec, const std::string& value)
{
    switch (spec.kind)
    {
    case ParamKind::Integer: {
        auto parsed = ParseInteger(value);
        if (!parsed)
        {
            return MakeError(Errc::Malformed, "'" + value + "' is not an integer");
        }
        return CheckRange(spec, value, static_cast<double>(*parsed));
    }
    case ParamKind::Real: {
        auto parsed = ParseReal(value);
        if (!parsed)
        {
            return MakeError(Errc::Malformed, "'" + value + "' is not a real number");
        }
        return CheckRange(spec, value, *parsed);
    }
    case ParamKind::Boolean:
        if (!ParseBoolean(value))
        {
            return MakeError(Errc::Malformed,
                             "'" + value + "' is not a boolean (true, false, 1, 0, yes, no)");
        }
        return Ok{};
    case ParamKind::Choice:
        for (const auto& choice : spec.choices)
        {
            if (choice == value)
            {
                return Ok{};
            }
        }
        return MakeError(Errc::Unsupported,
                         "'" + value + "' is not one of " + JoinChoices(spec.choices));
    case ParamKind::Text:
        return Ok{};
    }
    return MakeError(Errc::Unsupported, "unknown parameter kind");
}

} // namespace scenario
} // namespace mediasec
