// An input that can be read only once (a FIFO, a process substitution, standard input) among
// several: ikediff must not lose the bytes it looks at to tell its format; a system log among
// them is set aside and read ahead like a file, and the others do not make every negotiation
// wait for the end.

#include "cli/reading.hpp"
#include "run_binary.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>

namespace {

using namespace ikediff::test_support;

/// A folder of its own for one test, removed at its end.
class PipeInput : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() / ("ikediff-fifo-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    /// Makes `name` in the folder a FIFO that a child process fills with `content`; returns
    /// the child, to be waited for.
    pid_t fifo_fed(const std::string& name, const std::string& content) {
        const fs::path fifo = m_dir / name;
        EXPECT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
        const pid_t writer = ::fork();
        if (writer == 0) {
            std::ofstream out(fifo, std::ios::binary);
            out << content;
            out.close();
            ::_exit(0);
        }
        return writer;
    }

    fs::path m_dir;
};

TEST_F(PipeInput, AFifoAmongSeveralInputsIsReadWhole) {
    const fs::path log = fs::path(IKEDIFF_FIXTURES) / "many-interleaved" / "ikemgr.log";
    const pid_t writer = fifo_fed("pipe.log", read_file(log));
    const outcome o = run_in(m_dir, {log.string(), "pipe.log"}, {});
    ::waitpid(writer, nullptr, 0);
    // Both inputs are the same log: the same line count for each.
    const std::string whole = "1378 lines";
    std::size_t found = 0;
    for (std::size_t at = o.out.find(whole); at != std::string::npos; at = o.out.find(whole, at + 1)) {
        ++found;
    }
    EXPECT_EQ(found, 2u) << o.out.substr(o.out.size() > 400 ? o.out.size() - 400 : 0);
}

TEST_F(PipeInput, ASystemLogFromAFifoMergesAsFromAFile) {
    // The same command as the fixture's, the system log a FIFO of the same name: the same
    // report, its entries merged into the ikemgr.log negotiations they duplicate, whichever
    // input comes first.
    const fs::path fixture = fs::path(IKEDIFF_FIXTURES) / "merge-ikemgr-syslog";
    fs::copy_file(fixture / "ikemgr.log", m_dir / "ikemgr.log");
    for (const auto& args : {std::vector<std::string>{"ikemgr.log", "system.csv", "--format", "json"},
                             std::vector<std::string>{"system.csv", "ikemgr.log", "--format", "json"}}) {
        SCOPED_TRACE(args[0]);
        const outcome from_files = run_in(fixture, args, {});
        const pid_t writer = fifo_fed("system.csv", read_file(fixture / "system.csv"));
        const outcome o = run_in(m_dir, args, {});
        ::waitpid(writer, nullptr, 0);
        fs::remove(m_dir / "system.csv");
        EXPECT_EQ(o.status, from_files.status) << o.err;
        EXPECT_EQ(o.err, from_files.err);
        EXPECT_EQ(o.out, from_files.out);
        EXPECT_EQ(nlohmann::json::parse(o.out)["summary"]["negotiations"], 3); // not 5: merged
    }
}

TEST_F(PipeInput, AGzippedSystemLogOnStandardInputMergesToo) {
    const fs::path fixture = fs::path(IKEDIFF_FIXTURES) / "merge-ikemgr-syslog";
    const fs::path gz = m_dir / "system.csv.gz";
    ASSERT_EQ(std::system(("gzip -c '" + (fixture / "system.csv").string() + "' > '" + gz.string() + "'").c_str()), 0);
    const outcome from_file = run_in(fixture, {"ikemgr.log", gz.string(), "--format", "json"}, {});
    const outcome o = run_in(fixture, {"ikemgr.log", "-", "--format", "json"}, gz);
    ASSERT_EQ(o.status, from_file.status) << o.err;
    const auto a = nlohmann::json::parse(o.out);
    const auto b = nlohmann::json::parse(from_file.out);
    EXPECT_EQ(a["summary"], b["summary"]);
    EXPECT_EQ(a["negotiations"].size(), 3u);
    EXPECT_EQ(a["inputs"][1]["name"], "stdin");
    EXPECT_EQ(a["inputs"][1]["format"], b["inputs"][1]["format"]);
}

TEST_F(PipeInput, AnIkemgrLogFromAFifoDoesNotHoldTheOthersNegotiationsBack) {
    // Before a FIFO could be looked at first, any input that was not a regular file made every
    // negotiation wait for the end, in case it was a system log: memory grew with the logs.
    // Here the FIFO's writer waits, after the bytes looked at, until a negotiation of the
    // other input has left; were they held, none would before the end (it gives up after ten
    // seconds, and the count below is zero).
    const fs::path log = fs::path(IKEDIFF_FIXTURES) / "many-interleaved" / "ikemgr.log";
    const fs::path fifo = m_dir / "pipe.log";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::atomic<int> emitted{0};
    std::atomic<int> emitted_before_fifo_ended{-1};
    std::size_t noise_lines = 0;
    std::thread writer([&] {
        std::ofstream out(fifo, std::ios::binary);
        const std::string noise = "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: total SA len=56\n";
        for (std::size_t written = 0; written < 300 * 1024; written += noise.size()) {
            out << noise; // more than the 256 KiB looked at before any input is read
            ++noise_lines;
        }
        out.flush();
        for (int i = 0; i < 1000 && emitted.load() == 0; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        emitted_before_fifo_ended = emitted.load();
        out << read_file(log);
    });
    ikediff::diff::reconstructor rebuild([&](ikediff::model::negotiation&&) { ++emitted; });
    std::vector<ikediff::parser::input_stats> inputs;
    const auto error = ikediff::cli::read_inputs({{log.string(), 0}, {fifo.string(), 1}}, inputs, rebuild);
    writer.join();
    rebuild.finish();
    ASSERT_FALSE(error) << error->message;
    ASSERT_EQ(inputs.size(), 2u);
    EXPECT_EQ(inputs[1].physical_lines, inputs[0].physical_lines + noise_lines); // nothing lost
    EXPECT_GT(emitted_before_fifo_ended.load(), 0);
}

} // namespace
