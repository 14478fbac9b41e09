#pragma once
// Runs the ikediff binary (IKEDIFF_BINARY, or IKEDIFF_TEST_BINARY's) the way a user does,
// for the tests of tests/cli: in a folder, with arguments and standard input, capturing
// stdout, stderr and the exit status.

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ikediff::test_support {

namespace fs = std::filesystem;

inline std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
}

struct outcome {
    std::string out, err;
    int status = -1;
};

/// In a child process, with its standard streams in place: becomes the binary under test
/// with `args` (NO_COLOR set), or exits 127. IKEDIFF_TEST_BINARY names another build of the
/// same sources (scripts/test runs the golden tests on the profile-optimised release too).
[[noreturn]] inline void exec_ikediff(const std::vector<std::string>& args) {
    const char* other = std::getenv("IKEDIFF_TEST_BINARY");
    std::string binary = other != nullptr && other[0] != '\0' ? other : IKEDIFF_BINARY;
    std::vector<std::string> copies = args;
    std::vector<char*> argv{binary.data()};
    for (auto& a : copies) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    ::setenv("NO_COLOR", "1", 1);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
}

/// Runs the binary in `dir` with `args`; stdin from `stdin_file` or /dev/null; `env`: variables
/// set for it alone (NAME, value).
inline outcome run_in(const fs::path& dir, const std::vector<std::string>& args, const fs::path& stdin_file,
                      const std::vector<std::pair<std::string, std::string>>& env = {}) {
    const fs::path tmp = fs::temp_directory_path();
    std::string out_name = (tmp / "ikediff-golden-out-XXXXXX").string();
    std::string err_name = (tmp / "ikediff-golden-err-XXXXXX").string();
    const int out_fd = ::mkstemp(out_name.data());
    const int err_fd = ::mkstemp(err_name.data());
    const pid_t pid = ::fork();
    if (pid == 0) {
        const std::string in_name = stdin_file.empty() ? "/dev/null" : stdin_file.string();
        const int in_fd = ::open(in_name.c_str(), O_RDONLY);
        if (::chdir(dir.c_str()) != 0 || in_fd < 0) {
            ::_exit(126);
        }
        ::dup2(in_fd, 0);
        ::dup2(out_fd, 1);
        ::dup2(err_fd, 2);
        for (const auto& [name, value] : env) {
            ::setenv(name.c_str(), value.c_str(), 1);
        }
        exec_ikediff(args);
    }
    int wstatus = 0;
    ::waitpid(pid, &wstatus, 0);
    ::close(out_fd);
    ::close(err_fd);
    outcome o;
    o.out = read_file(out_name);
    o.err = read_file(err_name);
    o.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    fs::remove(out_name);
    fs::remove(err_name);
    return o;
}

} // namespace ikediff::test_support
