/**
 * \file
 * A fresh temporary folder per test, removed at the end.
 */
#ifndef IMS_TEST_TEMP_DIR_H
#define IMS_TEST_TEMP_DIR_H

#include <filesystem>
#include <string>

namespace ims_test
{

/** \brief Creates a unique folder under the system temp dir; removes it on destruction. */
class TempDir
{
  public:
    /** \param tag part of the folder name */
    explicit TempDir(const std::string& tag);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    /** \return the folder path */
    const std::filesystem::path& Path() const;
    /** \return the file \p name inside the folder, read as bytes */
    std::string Read(const std::string& name) const;

  private:
    std::filesystem::path m_path; //!< the folder
};

} // namespace ims_test

#endif
