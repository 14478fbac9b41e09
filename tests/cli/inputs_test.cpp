// cli::expand_inputs and cli::rotation_of: which files a command line means, in which order.

#include "cli/inputs.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using ikediff::cli::expand_inputs;
using ikediff::cli::input_file;
using ikediff::cli::rotation_of;

std::vector<std::string> paths_of(const std::vector<input_file>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) {
        out.push_back(f.path);
    }
    return out;
}

TEST(RotationOf, GenerationComesFromTheNumberBeforeAnOptionalGz) {
    EXPECT_EQ(rotation_of("ikemgr.log").base, "ikemgr.log");
    EXPECT_EQ(rotation_of("ikemgr.log").generation, 0u);
    EXPECT_EQ(rotation_of("ikemgr.log.1").base, "ikemgr.log");
    EXPECT_EQ(rotation_of("ikemgr.log.1").generation, 1u);
    EXPECT_EQ(rotation_of("var/log/pan/ikemgr.log.12.gz").base, "var/log/pan/ikemgr.log");
    EXPECT_EQ(rotation_of("var/log/pan/ikemgr.log.12.gz").generation, 12u);
    EXPECT_EQ(rotation_of("system.csv").base, "system.csv");
    EXPECT_EQ(rotation_of("log.20240101").generation, 0u); // a date, not a rotation
}

TEST(ExpandInputs, RotatedFilesAreReadOldestFirstAndShareAStream) {
    const auto r = expand_inputs({"ikemgr.log", "system.csv", "ikemgr.log.2.gz", "ikemgr.log.1"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(paths_of(r.value()),
              (std::vector<std::string>{"ikemgr.log.2.gz", "ikemgr.log.1", "ikemgr.log", "system.csv"}));
    EXPECT_EQ(r.value()[0].stream, r.value()[2].stream);
    EXPECT_NE(r.value()[0].stream, r.value()[3].stream);
}

TEST(ExpandInputs, ADirectoryStandsForItsLogs) {
    const std::string dir = std::string(IKEDIFF_FIXTURES) + "/rotated-split/logs";
    const auto r = expand_inputs({dir});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(paths_of(r.value()),
              (std::vector<std::string>{dir + "/ikemgr.log.2.gz", dir + "/ikemgr.log.1", dir + "/ikemgr.log"}));
}

TEST(ExpandInputs, ADirectoryWithoutLogsIsAnError) {
    const std::string dir = std::string(IKEDIFF_FIXTURES) + "/rotated-split/nologs";
    const auto r = expand_inputs({dir});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().file, dir);
    EXPECT_EQ(r.error().message, "the directory holds no ikemgr.log*, traffic log, system log, ms.log/devsrv.log/useridd.log/configd.log or running-config.xml file");
}

TEST(ExpandInputs, StandardInputStaysAsGiven) {
    const auto r = expand_inputs({"-"});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(paths_of(r.value()), std::vector<std::string>{"-"});
}

} // namespace
