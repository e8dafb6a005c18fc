/**
 * \file
 * The result files of one scenario run, for tests that compare runs byte for byte.
 */
#ifndef IMS_TEST_RUN_FILES_H
#define IMS_TEST_RUN_FILES_H

#include "scenario/ims-scenario.h"

#include <string>

namespace ims_test
{

/** \brief What a run leaves: its summary row and the bytes of its per-call and key files. */
struct RunFiles
{
    mediasec::scenario::Metrics metrics; //!< summary row
    std::string calls;                   //!< calls.csv bytes
    std::string keys;                    //!< srtp-keys.log bytes
};

/**
 * \brief Runs the scenario \p parameters into a temporary folder named after \p tag.
 * \return its files, read before the folder is removed
 */
RunFiles RunToFiles(const mediasec::scenario::ParameterSet& parameters, const std::string& tag);

} // namespace ims_test

#endif
