/**
 * \file
 * Running work items in forked child processes, a bounded number at a time. One process per
 * run keeps process-wide singletons (the ns-3 simulator) apart and survives crashing runs.
 */
#ifndef IMS_CHILD_PROCESSES_H
#define IMS_CHILD_PROCESSES_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace mediasec
{
namespace scenario
{

/** \brief A work item that did not complete. */
struct ChildFailure
{
    uint32_t index;     //!< the work item
    std::string reason; //!< e.g. "exit code 1: <exception text>", "killed by signal 11 (...)"
};

/**
 * \brief Calls \p body(index) for every entry of \p indices, each in its own forked child, with
 * at most \p jobs children alive at once.
 *
 * A child exits with 0 when \p body returns and with 1 when it throws; the exception text
 * reaches the parent through a pipe. The child never returns into the caller's code.
 * \return the failures (exception, non-zero exit, signal, fork error), in index order
 */
std::vector<ChildFailure> RunInChildProcesses(const std::vector<uint32_t>& indices, uint32_t jobs,
                                              const std::function<void(uint32_t)>& body);

} // namespace scenario
} // namespace mediasec

#endif
