/**
 * \file
 * Parsing and validating the text value of one scenario parameter against its ParamSpec.
 */
#ifndef IMS_PARAM_VALUE_H
#define IMS_PARAM_VALUE_H

#include "protocol/common/result.h"
#include "scenario/run-api.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mediasec
{
namespace scenario
{

/** \return \p text as a signed 64-bit decimal integer (optional '-', digits only), or nullopt */
std::optional<int64_t> ParseInteger(const std::string& text);

/** \return \p text as a finite decimal floating-point number, or nullopt */
std::optional<double> ParseReal(const std::string& text);

/** \return \p text as a boolean (true/false/1/0/yes/no), or nullopt */
std::optional<bool> ParseBoolean(const std::string& text);

/** \return the lower-case name of \p kind, e.g. "integer" */
const char* KindName(ParamKind kind);

/** \return the shortest text that reads back as \p value, e.g. "1000", "0.25" */
std::string FormatNumber(double value);

/**
 * \brief Checks \p value against the kind, range and choices of \p spec.
 * \return Ok, or an error whose detail names the value but not the key,
 *         e.g. "'abc' is not an integer", "'foo' is not one of none, sdes-e2e"
 */
Status ValidateValue(const ParamSpec& spec, const std::string& value);

} // namespace scenario
} // namespace mediasec

#endif
