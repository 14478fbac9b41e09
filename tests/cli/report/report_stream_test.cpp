// The JSON report streams (cli/report/json.cpp): its head is written before any input is
// read, negotiations go out in blocks while inputs are still being read, and the members
// known only at the end follow the list. And the report's destination is settled before
// reading: a missing input or an unwritable --output is said first, and a file named by
// --output gets the report only once it is whole (it keeps what it held when the run ends
// in trouble).

#include "cli/report/writer.hpp"
#include "diff/ike/compare.hpp"
#include "run_binary.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace ikediff;
using cli::report;
using test_support::run_in;

/// A failed negotiation with `lines` lines of evidence, each `width` bytes of text.
model::negotiation negotiation_with(std::size_t lines, std::size_t width) {
    model::negotiation n;
    for (std::size_t i = 0; i < lines; ++i) {
        n.lines.push_back({{0, i + 1, 1}, std::string(width, 'x')});
        n.evidence.push_back(i);
    }
    n.result = model::outcome::failed;
    return n;
}

TEST(JsonReportStream, NegotiationsLeaveBeforeTheReportIsFinished) {
    report r;
    r.inputs.emplace_back().name = "ikemgr.log";
    diff::analyser analyse(nullptr, {});
    const auto writer = cli::json_writer();
    std::ostringstream out;
    writer->begin(out, r);
    const std::string head = out.str();
    EXPECT_EQ(head, "{\n  \"schema\": \"ikediff/1\",\n  \"sheet\": null,\n  \"negotiations\": [");

    // About 1.5 MB of negotiations: the first megabyte is out before `finish`.
    std::size_t count = 0;
    while (r.summary().negotiations * 64 * 200 < 1'500'000) {
        const auto nr = analyse.add(negotiation_with(64, 150));
        ASSERT_TRUE(nr.has_value());
        r.count(*nr);
        writer->negotiation(r, *nr);
        ++count;
    }
    const std::size_t before_finish = out.str().size();
    EXPECT_GT(before_finish, head.size() + (std::size_t{1} << 20));

    r.inputs[0].lines = 12345;
    writer->finish(out, r);
    const std::string text = out.str();
    ASSERT_GT(text.size(), before_finish);
    const auto doc = nlohmann::ordered_json::parse(text);
    ASSERT_EQ(doc["negotiations"].size(), count);
    EXPECT_EQ(doc["inputs"][0]["lines"], 12345); // counted after the list was written
    EXPECT_EQ(doc["summary"]["negotiations"], count);
    std::vector<std::string> keys;
    for (const auto& [key, value] : doc.items()) {
        keys.push_back(key);
    }
    EXPECT_EQ(keys, (std::vector<std::string>{"schema", "sheet", "negotiations", "inputs", "summary"}));
    // Laid out as nlohmann lays out the whole document.
    EXPECT_EQ(text, doc.dump(2) + "\n");
}

TEST(JsonReportStream, NoNegotiationsIsAnEmptyList) {
    report r;
    const auto writer = cli::json_writer();
    std::ostringstream out;
    writer->begin(out, r);
    writer->finish(out, r);
    const auto doc = nlohmann::ordered_json::parse(out.str());
    EXPECT_TRUE(doc["negotiations"].is_array());
    EXPECT_TRUE(doc["negotiations"].empty());
    EXPECT_EQ(out.str(), doc.dump(2) + "\n");
}

class ReportDestination : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = test_support::fs::temp_directory_path() /
                ("ikediff-destination-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        test_support::fs::create_directories(m_dir);
    }
    void TearDown() override { test_support::fs::remove_all(m_dir); }

    const test_support::fs::path m_fixtures = test_support::fs::path(IKEDIFF_FIXTURES) / "gzip-input";
    test_support::fs::path m_dir;
};

/// The names in `dir`, sorted.
std::vector<std::string> names_in(const test_support::fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& entry : test_support::fs::directory_iterator(dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

TEST_F(ReportDestination, AnOutputFileHoldsWhatStandardOutputWouldHold) {
    const auto report_file = (m_dir / "report.json").string();
    const auto to_stdout = run_in(m_fixtures, {"ikemgr.log.1.gz", "--format", "json"}, {});
    const auto to_file = run_in(m_fixtures, {"ikemgr.log.1.gz", "--format", "json", "--output", report_file}, {});
    EXPECT_EQ(to_file.status, to_stdout.status);
    EXPECT_EQ(to_file.out, "");
    EXPECT_EQ(test_support::read_file(report_file), to_stdout.out);
    EXPECT_EQ(names_in(m_dir), std::vector<std::string>{"report.json"}); // no temporary file left
    // A new file's mode is what a shell's `>` would give it.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    EXPECT_EQ(static_cast<mode_t>(test_support::fs::status(report_file).permissions()), 0666 & ~mask);
}

TEST_F(ReportDestination, AnOutputFileKeepsWhatItHeldWhenAnInputCannotBeRead) {
    const auto report_file = m_dir / "report.json";
    test_support::write_file(report_file, "an older report");
    // The second input is a corrupt gzip: nothing of it can be read (exit status 2) once the
    // first was read and the report begun.
    const auto o = run_in(m_fixtures, {"ikemgr.log.1.gz", "corrupt.gz", "--format", "json", "--output", report_file.string()}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("corrupt.gz: cannot read"), std::string::npos) << o.err;
    EXPECT_EQ(test_support::read_file(report_file), "an older report");
    EXPECT_EQ(names_in(m_dir), std::vector<std::string>{"report.json"});
}

TEST_F(ReportDestination, AJsonReportOnStandardOutputStoppedByAnUnreadableInputIsStillOneDocument) {
    // Standard output cannot take back what it has written: the report of the first input
    // ends as a whole document whose `error` says why it stops there.
    const auto first = run_in(m_fixtures, {"ikemgr.log.1.gz", "--format", "json"}, {});
    const auto o = run_in(m_fixtures, {"ikemgr.log.1.gz", "corrupt.gz", "--format", "json"}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(o.err, "ikediff: error: corrupt.gz: cannot read: gzip: invalid code lengths set\n");
    const auto stopped = nlohmann::json::parse(o.out); // throws (the test fails) if cut short
    const auto whole = nlohmann::json::parse(first.out);
    EXPECT_EQ(stopped["negotiations"], whole["negotiations"]);
    EXPECT_EQ(stopped["inputs"], whole["inputs"]); // the unreadable one is in `error` alone
    EXPECT_EQ(stopped["summary"]["exit_status"], 2);
    EXPECT_EQ(stopped["summary"]["failed"], whole["summary"]["failed"]);
    EXPECT_EQ(stopped["error"],
              (nlohmann::json{{"code", "input-unreadable"},
                              {"file", "corrupt.gz"},
                              {"message", "cannot read: gzip: invalid code lengths set"}}));
    EXPECT_FALSE(whole.contains("error"));
    // A text report is written whole at the end: nothing of it goes out.
    const auto text = run_in(m_fixtures, {"ikemgr.log.1.gz", "corrupt.gz"}, {});
    EXPECT_EQ(text.status, 2);
    EXPECT_EQ(text.out, "");
}

TEST_F(ReportDestination, AnOutputFileKeepsItsModeAndALinkStaysALink) {
    const auto real = m_dir / "real.json";
    test_support::write_file(real, "an older report");
    test_support::fs::permissions(real, test_support::fs::perms::owner_read | test_support::fs::perms::owner_write |
                                            test_support::fs::perms::group_read);
    const auto link = m_dir / "report.json";
    test_support::fs::create_symlink("real.json", link);
    const auto o = run_in(m_fixtures, {"ikemgr.log.1.gz", "--format", "json", "--output", link.string()}, {});
    EXPECT_EQ(o.status, 1) << o.err;
    EXPECT_TRUE(test_support::fs::is_symlink(link));
    EXPECT_NE(test_support::read_file(real).find("\"schema\": \"ikediff/1\""), std::string::npos);
    EXPECT_EQ(test_support::fs::status(real).permissions() & test_support::fs::perms::all,
              test_support::fs::perms::owner_read | test_support::fs::perms::owner_write |
                  test_support::fs::perms::group_read);
    EXPECT_EQ(names_in(m_dir), (std::vector<std::string>{"real.json", "report.json"}));
}

/// Whether process `pid` holds a file open in `dir` (named or not: a file without a name
/// shows as `dir/#inode (deleted)` under /proc/PID/fd).
bool holds_file_in(pid_t pid, const test_support::fs::path& dir) {
    std::error_code ec;
    const test_support::fs::path fds = "/proc/" + std::to_string(pid) + "/fd";
    for (const auto& fd : test_support::fs::directory_iterator(fds, ec)) {
        const auto target = test_support::fs::read_symlink(fd.path(), ec);
        if (!ec && target.parent_path() == dir) {
            return true;
        }
    }
    return false;
}

/// What `interrupted_run` found.
struct interruption {
    bool skipped = false;                         ///< /proc/self/fd could not be hidden: the test fails
    std::vector<std::string> names_while_writing; ///< in the report's folder
    std::vector<std::string> names_after;
};

/// The exit status of a child that could not hide /proc/self/fd from itself.
constexpr int k_cannot_hide_proc = 77;

/// Starts a JSON report into `report_file` from standard input, a pipe kept open, waits
/// until the report is begun, and stops the run with `signal_number`. With `without_proc`
/// the run sees an empty /proc/self/fd (a mount namespace of its own: root only), so that it
/// cannot give a file without a name a name later, and writes its report under a temporary
/// name instead.
interruption interrupted_run(const test_support::fs::path& report_file, int signal_number, bool without_proc = false) {
    const auto dir = report_file.parent_path();
    int input[2];
    EXPECT_EQ(::pipe(input), 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
        // Its own /proc/PID/fd (the binary keeps this process's id) hidden under an empty
        // tmpfs; a sanitizer's runtime still finds the rest of /proc.
        const std::string own_fds = "/proc/" + std::to_string(::getpid()) + "/fd";
        if (without_proc && (::unshare(CLONE_NEWNS) != 0 || ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
                             ::mount("none", own_fds.c_str(), "tmpfs", 0, nullptr) != 0)) {
            ::_exit(k_cannot_hide_proc);
        }
        ::dup2(input[0], 0);
        ::close(input[1]);
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 1);
        ::dup2(null, 2);
        test_support::exec_ikediff({"-", "--format", "json", "--output", report_file.string()});
    }
    ::close(input[0]);
    const std::string line = "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: total SA len=56\n";
    EXPECT_EQ(::write(input[1], line.data(), line.size()), static_cast<ssize_t>(line.size()));
    // Wait for the report's file in the folder (ten seconds at most).
    interruption result;
    int status = 0;
    bool begun = false;
    for (int i = 0; i < 1000 && !begun; ++i) {
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            result.skipped = WIFEXITED(status) && WEXITSTATUS(status) == k_cannot_hide_proc;
            EXPECT_TRUE(result.skipped) << "the run ended before it was stopped: " << status;
            ::close(input[1]);
            return result;
        }
        begun = holds_file_in(pid, dir);
        if (!begun) {
            ::usleep(10'000);
        }
    }
    EXPECT_TRUE(begun) << "the run opened no file beside the report";
    result.names_while_writing = names_in(dir);
    ::kill(pid, signal_number);
    ::waitpid(pid, &status, 0);
    ::close(input[1]);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal_number) << status;
    result.names_after = names_in(dir);
    return result;
}

TEST_F(ReportDestination, AnInterruptedRunLeavesTheOutputFileAsItWas) {
    const auto report_file = m_dir / "report.json";
    test_support::write_file(report_file, "an older report");
    const interruption run = interrupted_run(report_file, SIGTERM);
    EXPECT_EQ(run.names_while_writing, std::vector<std::string>{"report.json"}); // the report has no name yet
    EXPECT_EQ(run.names_after, std::vector<std::string>{"report.json"});
    EXPECT_EQ(test_support::read_file(report_file), "an older report");
}

TEST_F(ReportDestination, AKilledRunLeavesNothingBesideTheOutputFile) {
    // SIGKILL cannot be caught: the report is written as a file without a name, which the
    // system frees with the process.
    const auto report_file = m_dir / "report.json";
    test_support::write_file(report_file, "an older report");
    EXPECT_EQ(interrupted_run(report_file, SIGKILL).names_after, std::vector<std::string>{"report.json"});
    EXPECT_EQ(test_support::read_file(report_file), "an older report");
    const auto new_file = m_dir / "new.json";
    EXPECT_EQ(interrupted_run(new_file, SIGKILL).names_after, std::vector<std::string>{"report.json"}); // nor a new one
}

TEST_F(ReportDestination, WithoutProcFdTheTemporaryFileHasANameThatAnInterruptionRemoves) {
    const auto report_file = m_dir / "report.json";
    test_support::write_file(report_file, "an older report");
    const interruption run = interrupted_run(report_file, SIGTERM, true);
    // The suite runs as root (README): a mount namespace must be possible.
    ASSERT_FALSE(run.skipped) << "/proc/self/fd could not be hidden from the child (a mount namespace needs root)";
    ASSERT_EQ(run.names_while_writing.size(), 2u); // the fallback: a name beside the report
    EXPECT_TRUE(run.names_while_writing[0].starts_with(".report.json.ikediff-")) << run.names_while_writing[0];
    EXPECT_EQ(run.names_after, std::vector<std::string>{"report.json"}); // removed by the handler
    EXPECT_EQ(test_support::read_file(report_file), "an older report");
}

TEST_F(ReportDestination, AReportThatCannotBeWrittenWholeIsTrouble) {
    // /dev/full takes the open and refuses every write (ENOSPC), as a full disk does.
    for (const std::string format : {"json", "text"}) {
        const auto o = run_in(m_fixtures, {"ikemgr.log.1.gz", "--format", format, "--output", "/dev/full"}, {});
        EXPECT_EQ(o.status, 2) << format;
        EXPECT_EQ(o.err, "ikediff: error: /dev/full: cannot write the report\n") << format;
    }
}

TEST_F(ReportDestination, AReportIsNotWrittenOverAnInput) {
    const auto log = m_dir / "ikemgr.log.1.gz";
    test_support::fs::copy_file(m_fixtures / "ikemgr.log.1.gz", log);
    const std::string before = test_support::read_file(log);
    const auto o = run_in(m_dir, {"ikemgr.log.1.gz", "--format", "json", "--output", "./ikemgr.log.1.gz"}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(o.err, "ikediff: error: ./ikemgr.log.1.gz: the report would overwrite the input ikemgr.log.1.gz\n");
    EXPECT_EQ(test_support::read_file(log), before);
}

TEST_F(ReportDestination, AMissingInputIsSaidBeforeAnyReportBegins) {
    // Without the check before reading, the JSON report's head would be out already.
    const auto o = run_in(m_fixtures, {"ikemgr.log.1.gz", "no-such.log", "--format", "json"}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(o.err, "ikediff: error: no-such.log: cannot open: No such file or directory\n");
    EXPECT_EQ(o.out, "");
}

TEST_F(ReportDestination, AnOutputThatCannotBeWrittenIsSaidBeforeReading) {
    // corrupt.gz cannot be read: the error is the report's, so it came first.
    const auto report_file = m_dir / "no-such-folder" / "report.json";
    const auto o = run_in(m_fixtures, {"corrupt.gz", "--format", "json", "--output", report_file.string()}, {});
    EXPECT_EQ(o.status, 2);
    EXPECT_NE(o.err.find("cannot write the report: No such file or directory"), std::string::npos) << o.err;
    EXPECT_EQ(o.err.find("corrupt.gz"), std::string::npos) << o.err;
    EXPECT_EQ(o.out, "");
}

} // namespace
