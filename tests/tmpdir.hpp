#pragma once
// TMPDIR pointed elsewhere for one test, for the code that sets bytes aside in a scratch file
// (parser/io/scratch_file.hpp): the archive members and the text reports' spools.

#include <cstdlib>
#include <optional>
#include <string>

namespace ikediff::test_support {

/// Sets TMPDIR for the life of the object, then puts back what was there.
class tmpdir_set_to {
public:
    explicit tmpdir_set_to(const std::string& folder) {
        if (const char* was = std::getenv("TMPDIR")) {
            m_was = was;
        }
        ::setenv("TMPDIR", folder.c_str(), 1);
    }
    ~tmpdir_set_to() {
        if (m_was) {
            ::setenv("TMPDIR", m_was->c_str(), 1);
        } else {
            ::unsetenv("TMPDIR");
        }
    }
    tmpdir_set_to(const tmpdir_set_to&) = delete;
    tmpdir_set_to& operator=(const tmpdir_set_to&) = delete;

private:
    std::optional<std::string> m_was;
};

} // namespace ikediff::test_support
