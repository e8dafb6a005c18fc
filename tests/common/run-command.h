/**
 * \file
 * Runs an external tool from a test (tshark, text2pcap) and captures its standard output.
 */
#ifndef IMS_TEST_RUN_COMMAND_H
#define IMS_TEST_RUN_COMMAND_H

#include <string>

namespace test_support
{

/** \return the standard output of \p command run by /bin/sh ("" if it cannot start) */
std::string RunCommand(const std::string& command);

/** \return true if \p tool is on the PATH */
bool HaveTool(const std::string& tool);

} // namespace test_support

#endif
