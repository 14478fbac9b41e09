// An input that can be read only once (a FIFO, a process substitution) among several: ikediff
// must not read ahead of it to guess its format, or those bytes are lost.

#include "run_binary.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <string>

namespace {

using namespace ikediff::test_support;

TEST(PipeInput, AFifoAmongSeveralInputsIsReadWhole) {
    const fs::path dir = fs::temp_directory_path() / ("ikediff-fifo-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path log = fs::path(IKEDIFF_FIXTURES) / "many-interleaved" / "ikemgr.log";
    const fs::path fifo = dir / "pipe.log";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const pid_t writer = ::fork();
    if (writer == 0) {
        std::ofstream out(fifo, std::ios::binary);
        out << read_file(log);
        out.close();
        ::_exit(0);
    }
    const outcome o = run_in(dir, {log.string(), fifo.string()}, {});
    ::waitpid(writer, nullptr, 0);
    fs::remove_all(dir);
    // Both inputs are the same log: the same line count for each.
    const std::string whole = "1378 lines";
    std::size_t found = 0;
    for (std::size_t at = o.out.find(whole); at != std::string::npos; at = o.out.find(whole, at + 1)) {
        ++found;
    }
    EXPECT_EQ(found, 2u) << o.out.substr(o.out.size() > 400 ? o.out.size() - 400 : 0);
}

} // namespace
