// A tech-support archive's ikemgr.log* members wait in an unnamed temporary file until they are
// read oldest rotation first (memory does not grow with the archive): the report is the same
// wherever TMPDIR points and nothing is left there; a TMPDIR that cannot hold the file leaves
// the members in memory, with a warning that says so.

#include "run_binary.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <string>

namespace {

using namespace ikediff::test_support;

const fs::path k_folder = fs::path(IKEDIFF_FIXTURES) / "techsupport";

TEST(ArchiveScratch, TheReportIsTheSameWhereverTmpdirPointsAndNothingIsLeftThere) {
    const fs::path tmpdir = fs::temp_directory_path() / ("ikediff-scratch-" + std::to_string(::getpid()));
    fs::remove_all(tmpdir);
    fs::create_directories(tmpdir);
    const std::vector<std::string> args{"techsupport.tgz", "--format", "json"};
    const outcome elsewhere = run_in(k_folder, args, {}, {{"TMPDIR", tmpdir.string()}});
    const bool left_nothing = fs::is_empty(tmpdir);
    fs::remove_all(tmpdir);
    EXPECT_TRUE(left_nothing);
    EXPECT_EQ(elsewhere.status, 1) << elsewhere.err;
    EXPECT_EQ(elsewhere.err, "");
    // The golden file of the same command, read with the default TMPDIR.
    EXPECT_EQ(read_file(k_folder / "json.args"), "techsupport.tgz --format json\n");
    EXPECT_EQ(elsewhere.out, read_file(k_folder / "json.stdout"));
}

TEST(ArchiveScratch, WithATmpdirThatCannotHoldTheMembersTheyAreReadFromMemoryWithAWarning) {
    // No file can be created in /proc, even by root.
    const std::vector<std::string> args{"techsupport.tgz", "--format", "json"};
    const outcome o = run_in(k_folder, args, {}, {{"TMPDIR", "/proc"}});
    const outcome usual = run_in(k_folder, args, {});
    EXPECT_EQ(o.status, usual.status) << o.err;
    EXPECT_EQ(o.err, "");
    const auto report = nlohmann::json::parse(o.out);
    const auto expected = nlohmann::json::parse(usual.out);
    EXPECT_EQ(report["negotiations"], expected["negotiations"]);
    EXPECT_EQ(report["summary"], expected["summary"]);
    // The first member read says why, the rest is as usual.
    const auto& said = report["inputs"][0]["diagnostics"];
    ASSERT_FALSE(said.empty());
    EXPECT_EQ(said[0]["code"], "input-held-in-memory");
    EXPECT_TRUE(said[0]["message"].get<std::string>().ends_with(
        "members are held in memory until they are read: cannot create a temporary file in /proc (TMPDIR): No such "
        "file or directory"))
        << said[0]["message"];
    auto without = report["inputs"];
    without[0]["diagnostics"].erase(0);
    EXPECT_EQ(without, expected["inputs"]);
}

} // namespace
