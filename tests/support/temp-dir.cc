#include "temp-dir.h"

#include <fstream>
#include <iterator>
#include <unistd.h>

namespace ims_test
{

TempDir::TempDir(const std::string& tag)
{
    static int counter = 0;
    m_path = std::filesystem::temp_directory_path() /
             ("ims-mediasec-" + tag + "-" + std::to_string(getpid()) + "-" +
              std::to_string(counter++));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
}

TempDir::~TempDir()
{
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

const std::filesystem::path&
TempDir::Path() const
{
    return m_path;
}

std::string
TempDir::Read(const std::string& name) const
{
    std::ifstream in(m_path / name, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

} // namespace ims_test
