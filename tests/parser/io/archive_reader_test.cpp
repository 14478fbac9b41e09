// parser::read_archive: tech-support archives read in one pass, members handed over as
// byte sources; and telling an archive from a log by its first bytes.

#include "parser/io/archive_reader.hpp"
#include "parser/log_reader.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace ikediff;
using namespace ikediff::parser;

using test_support::memory_source;

std::string fixture(const std::string& path) { return test_support::fixture_bytes(path); }

/// A member as visited: its path, what read_log made of it, and whether that worked.
struct visited {
    std::string path;
    input_stats stats;
    bool ok = false;
    std::string error;
};

struct archive_outcome {
    bool ok = false;
    std::string error;
    std::vector<visited> members;
};

archive_outcome read_fixture_archive(const std::string& path) {
    memory_source raw(fixture(path));
    archive_outcome out;
    out.ok = read_archive(
        raw, [](std::string_view member) { return format_registry::built_in().wants(member, found_in::archive); },
        [&out](const std::string& member, byte_source& data) {
            visited& v = out.members.emplace_back();
            v.path = member;
            v.ok = read_log(data, 0, v.stats, [](model::log_event&&) {}, v.error);
        },
        out.error);
    return out;
}

TEST(IsArchive, ToldFromTheFirstBytesNotTheName) {
    EXPECT_TRUE(is_archive(fixture("techsupport/techsupport.tgz")));
    EXPECT_TRUE(is_archive(fixture("techsupport/techsupport.tar")));
    EXPECT_TRUE(is_archive(fixture("techsupport/logs.zip")));
    EXPECT_FALSE(is_archive(fixture("peer-dh/ikemgr.log")));
    EXPECT_FALSE(is_archive(fixture("gzip-input/ikemgr.log.1.gz"))); // a gzip log, not a tar
    EXPECT_FALSE(is_archive(fixture("techsupport/corrupt.tgz")));     // gzip of nothing readable
    EXPECT_FALSE(is_archive(""));
}

TEST(WantedMember, AnIkemgrLogOrARotationInAnyFolder) {
    const auto wanted = [](std::string_view path) { return format_registry::built_in().wants(path, found_in::archive); };
    EXPECT_TRUE(wanted("var/log/pan/ikemgr.log"));
    EXPECT_TRUE(wanted("var/log/pan/ikemgr.log.3.gz"));
    EXPECT_TRUE(wanted("ikemgr.log.1"));
    EXPECT_FALSE(wanted("var/log/pan/routed.log"));
    EXPECT_FALSE(wanted("var/log/pan/old-ikemgr.log"));
    EXPECT_FALSE(wanted("ikemgr.log/notes.txt"));
    // A system log export is looked for in directories, not in tech-support files.
    EXPECT_FALSE(wanted("var/log/pan/system.csv"));
    EXPECT_TRUE(format_registry::built_in().wants("exports/system.csv", found_in::directory));
}

TEST(ReadArchive, VisitsEveryIkemgrMemberInArchiveOrderAndSkipsTheRest) {
    for (const char* name : {"techsupport/techsupport.tgz", "techsupport/techsupport.tar"}) {
        const archive_outcome r = read_fixture_archive(name);
        EXPECT_TRUE(r.ok) << r.error;
        ASSERT_EQ(r.members.size(), 3u) << name;
        EXPECT_EQ(r.members[0].path, "var/log/pan/ikemgr.log"); // no leading ./
        EXPECT_EQ(r.members[1].path, "var/log/pan/ikemgr.log.2.gz");
        EXPECT_EQ(r.members[2].path, "var/log/pan/ikemgr.log.1");
        EXPECT_EQ(r.members[0].stats.physical_lines, 7u);
        EXPECT_EQ(r.members[1].stats.compression, "gzip"); // a gzip inside the archive
        EXPECT_EQ(r.members[1].stats.physical_lines, 14u);
        EXPECT_EQ(r.members[2].stats.physical_lines, 12u);
    }
}

TEST(ReadArchive, ZipArchivesToo) {
    const archive_outcome r = read_fixture_archive("techsupport/logs.zip");
    EXPECT_TRUE(r.ok) << r.error;
    ASSERT_EQ(r.members.size(), 3u);
    EXPECT_EQ(r.members[0].path, "var/log/pan/ikemgr.log.1");
    EXPECT_EQ(r.members[0].stats.recognized, 6u);
}

TEST(ReadArchive, ACutTarGivesTheMembersBeforeAndTheCutMemberUpToTheCut) {
    const archive_outcome r = read_fixture_archive("techsupport/truncated.tar");
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.error.empty());
    ASSERT_EQ(r.members.size(), 3u);
    EXPECT_TRUE(r.members[0].ok);
    EXPECT_TRUE(r.members[1].ok);
    EXPECT_FALSE(r.members[2].ok); // ikemgr.log.1, cut 500 bytes in
    EXPECT_EQ(r.members[2].stats.physical_lines, 5u);
}

TEST(ReadArchive, ACutGzipArchiveGivesWhatWasDecompressed) {
    const archive_outcome r = read_fixture_archive("techsupport/truncated.tgz");
    EXPECT_FALSE(r.ok);
    ASSERT_EQ(r.members.size(), 2u);
    EXPECT_EQ(r.members[0].stats.physical_lines, 7u);
    EXPECT_FALSE(r.members[1].ok);
    EXPECT_GT(r.members[1].stats.physical_lines, 0u);
}

TEST(ReadArchive, NotAnArchiveIsAnError) {
    const archive_outcome r = read_fixture_archive("peer-dh/ikemgr.log");
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.error.empty());
    EXPECT_TRUE(r.members.empty());
}

TEST(ReadLog, AnArchiveWhereALogWasExpectedIsRefusedAndNamed) {
    memory_source raw(fixture("techsupport/techsupport.tar"));
    input_stats stats;
    std::string error;
    EXPECT_FALSE(read_log(raw, 0, stats, [](model::log_event&&) {}, error));
    EXPECT_EQ(stats.format, "tar");
    EXPECT_NE(error.find("tar archive"), std::string::npos) << error;
    EXPECT_EQ(stats.physical_lines, 0u);
}

} // namespace
