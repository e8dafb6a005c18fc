/**
 * \file
 * Giving an error its context: the file, option or run it comes from.
 */
#ifndef IMS_ERROR_PREFIX_H
#define IMS_ERROR_PREFIX_H

#include "protocol/common/error.h"

#include <string>

namespace mediasec
{
namespace scenario
{

/** \return \p error with \p prefix put before its detail, e.g. "scenarios/x.ini: " */
inline Error
WithPrefix(const Error& error, const std::string& prefix)
{
    return Error{error.code, prefix + error.detail};
}

} // namespace scenario
} // namespace mediasec

#endif
