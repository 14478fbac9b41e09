// parser::read_log on gzip inputs: compression is detected from the content, a truncated
// stream keeps what was read, a corrupt one reports its error.

#include "parser/log_reader.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace {

using namespace ikediff;
using namespace ikediff::test_support;

TEST(GzipInput, ARotatedGzipLogReadsLikeThePlainOne) {
    const read_outcome plain = read_log_fixture("peer-dh", "ikemgr.log");
    const read_outcome gz = read_log_fixture("gzip-input", "ikemgr.log.1.gz");
    ASSERT_TRUE(gz.opened);
    EXPECT_TRUE(gz.ok) << gz.error;
    EXPECT_EQ(gz.stats.compression, "gzip");
    EXPECT_EQ(plain.stats.compression, "");
    EXPECT_EQ(gz.stats.lines, plain.stats.lines);
    EXPECT_EQ(gz.stats.recognized, plain.stats.recognized);
    ASSERT_EQ(gz.events.size(), plain.events.size());
    for (std::size_t i = 0; i < gz.events.size(); ++i) {
        EXPECT_EQ(gz.events[i].text, plain.events[i].text) << "event " << i;
        EXPECT_EQ(gz.events[i].where.line, plain.events[i].where.line) << "event " << i;
    }
}

TEST(GzipInput, ATruncatedStreamKeepsWhatWasReadAndSaysWhy) {
    const read_outcome r = read_log_fixture("gzip-input", "truncated.gz");
    ASSERT_TRUE(r.opened);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "gzip: unexpected end of file");
    EXPECT_EQ(r.stats.compression, "gzip");
    EXPECT_EQ(r.stats.physical_lines, 14u);
    EXPECT_EQ(r.stats.recognized, 12u);
}

TEST(GzipInput, ACorruptStreamIsAnErrorBeforeAnyLine) {
    const read_outcome r = read_log_fixture("gzip-input", "corrupt.gz");
    ASSERT_TRUE(r.opened);
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.error, "gzip: invalid code lengths set");
    EXPECT_EQ(r.stats.physical_lines, 0u);
}

TEST(GzipInput, APlainFileNamedGzIsReadAsPlainText) {
    const read_outcome r = read_log_fixture("gzip-input", "plain-named.gz");
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.stats.compression, "");
    EXPECT_EQ(r.stats.lines, 5u);
}

} // namespace
