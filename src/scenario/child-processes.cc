#include "child-processes.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <map>

namespace mediasec
{
namespace scenario
{

namespace
{

/** \brief Longest exception text passed from a child (fits a pipe buffer, never blocks). */
constexpr size_t kMaxMessage = 4000;

/** \brief A running child. */
struct Child
{
    uint32_t index; //!< its work item
    int readFd;     //!< read end of its message pipe
};

/** \brief Flushes every output stream so that a fork does not duplicate buffered text. */
void
FlushAll()
{
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
}

/** \brief Body of the child: runs the item, reports an exception, never returns. */
[[noreturn]] void
ChildMain(uint32_t index, int writeFd, const std::function<void(uint32_t)>& body)
{
    std::string message;
    try
    {
        body(index);
    }
    catch (const std::exception& e)
    {
        message = *e.what() != '\0' ? e.what() : "exception without a message";
    }
    catch (...)
    {
        message = "unknown exception";
    }
    FlushAll();
    if (message.empty())
    {
        _exit(0);
    }
    message.resize(std::min(message.size(), kMaxMessage));
    const ssize_t written = write(writeFd, message.data(), message.size());
    (void)written; // the exit code alone still reports the failure
    _exit(1);
}

/** \return everything the child wrote to \p fd (non-blocking), then closes \p fd */
std::string
DrainAndClose(int fd)
{
    std::string text;
    char buffer[1024];
    ssize_t n;
    while ((n = read(fd, buffer, sizeof(buffer))) > 0 || (n < 0 && errno == EINTR))
    {
        text.append(buffer, n > 0 ? static_cast<size_t>(n) : 0);
    }
    close(fd);
    return text;
}

/** \return why a child with wait \p status and \p message failed, or "" when it succeeded */
std::string
FailureReason(int status, const std::string& message)
{
    std::string reason;
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    {
        reason = "exit code " + std::to_string(WEXITSTATUS(status));
    }
    else if (WIFSIGNALED(status))
    {
        reason = "killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
                 strsignal(WTERMSIG(status)) + ")";
    }
    else if (!WIFEXITED(status))
    {
        reason = "ended abnormally";
    }
    if (!reason.empty() && !message.empty())
    {
        reason += ": " + message;
    }
    return reason;
}

/** \return the pid of a new child running \p index, or -1 with \p error set */
pid_t
StartChild(uint32_t index, const std::function<void(uint32_t)>& body, int& readFd,
           std::string& error)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
    {
        error = std::string("pipe failed: ") + std::strerror(errno);
        return -1;
    }
    FlushAll();
    const pid_t pid = fork();
    if (pid < 0)
    {
        error = std::string("fork failed: ") + std::strerror(errno);
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0)
    {
        close(fds[0]);
        ChildMain(index, fds[1], body);
    }
    close(fds[1]);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    readFd = fds[0];
    return pid;
}

} // namespace

std::vector<ChildFailure>
RunInChildProcesses(const std::vector<uint32_t>& indices, uint32_t jobs,
                    const std::function<void(uint32_t)>& body)
{
    std::vector<ChildFailure> failures;
    std::map<pid_t, Child> running;
    size_t next = 0;
    while (next < indices.size() || !running.empty())
    {
        while (next < indices.size() && running.size() < std::max<uint32_t>(jobs, 1))
        {
            const uint32_t index = indices[next++];
            int readFd = -1;
            std::string error;
            const pid_t pid = StartChild(index, body, readFd, error);
            if (pid < 0)
            {
                failures.push_back({index, error});
                continue;
            }
            running[pid] = Child{index, readFd};
        }
        if (running.empty())
        {
            continue;
        }
        int status = 0;
        const pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0 && errno == EINTR)
        {
            continue;
        }
        if (pid < 0)
        {
            const std::string error = std::strerror(errno);
            for (const auto& entry : running)
            {
                const Child& child = entry.second;
                failures.push_back({child.index, "lost: waitpid failed: " + error});
                close(child.readFd);
            }
            running.clear();
            continue;
        }
        auto it = running.find(pid);
        if (it == running.end())
        {
            continue; // a child of the host program, not ours
        }
        const std::string reason = FailureReason(status, DrainAndClose(it->second.readFd));
        if (!reason.empty())
        {
            failures.push_back({it->second.index, reason});
        }
        running.erase(it);
    }
    std::sort(failures.begin(), failures.end(),
              [](const ChildFailure& a, const ChildFailure& b) { return a.index < b.index; });
    return failures;
}

} // namespace scenario
} // namespace mediasec
