#include "run-command.h"

#include <cstdio>
#include <memory>

namespace test_support
{

std::string
RunCommand(const std::string& command)
{
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    char buffer[4096];
    size_t n;
    while (pipe && (n = fread(buffer, 1, sizeof(buffer), pipe.get())) > 0)
    {
        out.append(buffer, n);
    }
    return out;
}

bool
HaveTool(const std::string& tool)
{
    return !RunCommand("command -v " + tool + " 2>/dev/null").empty();
}

} // namespace test_support
