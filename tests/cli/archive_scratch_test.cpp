// A tech-support archive's ikemgr.log* members wait in an unnamed temporary file until they are
// read oldest rotation first (memory does not grow with the archive): the report is the same
// wherever TMPDIR points, nothing is left there, and a TMPDIR that cannot hold the file is
// an error that says so.

#include "run_binary.hpp"

#include <gtest/gtest.h>

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

TEST(ArchiveScratch, ATmpdirThatCannotHoldTheMembersIsAnErrorNamingIt) {
    // No file can be created in /proc, even by root.
    const outcome o = run_in(k_folder, {"techsupport.tgz"}, {}, {{"TMPDIR", "/proc"}});
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(o.out, "");
    EXPECT_TRUE(o.err.starts_with("ikediff: error: techsupport.tgz: cannot set the archive's ikemgr.log* members "
                                  "aside: cannot create a temporary file in /proc (TMPDIR): "))
        << o.err;
    // A plain log needs no scratch file: TMPDIR does not matter to it.
    const outcome plain = run_in(fs::path(IKEDIFF_FIXTURES) / "rotated-split", {"logs/ikemgr.log"}, {},
                                 {{"TMPDIR", "/proc"}});
    EXPECT_NE(plain.status, 2) << plain.err;
}

} // namespace
