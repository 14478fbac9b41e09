// parser::byte_source and friends: peeking ahead, and gzip decompression over any source,
// delivered in chunks of any size.

#include "parser/byte_source.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace ikediff::parser;

using ikediff::test_support::fixture_bytes;
using chunked_source = ikediff::test_support::memory_source;

std::string fixture(const std::string& path) { return fixture_bytes(path); }

/// Everything `source` delivers, `ok` false (and `error` set) if it ended with an error.
struct drained {
    std::string bytes;
    bool ok = true;
    std::string error;
};

drained drain(byte_source& source, std::size_t read_size = 4096) {
    drained out;
    std::string buffer(read_size, '\0');
    for (;;) {
        std::size_t got = 0;
        if (!source.read(buffer.data(), buffer.size(), got, out.error)) {
            out.ok = false;
            return out;
        }
        if (got == 0) {
            return out;
        }
        out.bytes.append(buffer.data(), got);
    }
}

const std::string k_plain_log = "peer-dh/ikemgr.log";
const std::string k_gzip_log = "gzip-input/ikemgr.log.1.gz"; // k_plain_log, compressed

TEST(PeekSource, HeadIsTheFirstBytesAndReadingStillStartsAtTheFirst) {
    chunked_source raw("0123456789", 3);
    peek_source peek(raw, 4);
    ASSERT_TRUE(peek.ok());
    EXPECT_EQ(peek.head(), "0123"); // filled across chunk boundaries
    EXPECT_EQ(drain(peek, 5).bytes, "0123456789");
}

TEST(PeekSource, AHeadLargerThanTheInputIsTheWholeInput) {
    chunked_source raw("abc", 64);
    peek_source peek(raw, 100);
    EXPECT_EQ(peek.head(), "abc");
    EXPECT_EQ(drain(peek).bytes, "abc");
}

TEST(GunzipSource, DecompressesInAnyChunkSize) {
    const std::string plain = fixture(k_plain_log);
    ASSERT_FALSE(plain.empty());
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{65536}}) {
        chunked_source raw(fixture(k_gzip_log), chunk);
        gunzip_source gz(raw);
        const drained d = drain(gz, chunk == 1 ? 3 : 4096);
        EXPECT_TRUE(d.ok) << d.error;
        EXPECT_EQ(d.bytes, plain) << "chunk " << chunk;
    }
}

TEST(GunzipSource, ConcatenatedMembersAreOneStreamAsWithGzipDashC) {
    chunked_source raw(fixture(k_gzip_log) + fixture(k_gzip_log), 100);
    gunzip_source gz(raw);
    const drained d = drain(gz);
    EXPECT_TRUE(d.ok) << d.error;
    EXPECT_EQ(d.bytes, fixture(k_plain_log) + fixture(k_plain_log));
}

TEST(GunzipSource, TrailingGarbageAfterAMemberIsIgnoredAsGzipDoes) {
    chunked_source raw(fixture(k_gzip_log) + "\0\0\0garbage", 64);
    gunzip_source gz(raw);
    const drained d = drain(gz);
    EXPECT_TRUE(d.ok) << d.error;
    EXPECT_EQ(d.bytes, fixture(k_plain_log));
}

TEST(GunzipSource, ATruncatedStreamDeliversWhatItCanThenFailsOnEveryRead) {
    const std::string gz_bytes = fixture(k_gzip_log);
    chunked_source raw(gz_bytes.substr(0, gz_bytes.size() * 2 / 3), 50);
    gunzip_source gz(raw);
    const drained d = drain(gz);
    EXPECT_FALSE(d.ok);
    EXPECT_EQ(d.error, "gzip: unexpected end of file");
    EXPECT_FALSE(d.bytes.empty());
    EXPECT_TRUE(fixture(k_plain_log).starts_with(d.bytes));
    std::size_t got = 99;
    std::string again;
    char byte = 0;
    EXPECT_FALSE(gz.read(&byte, 1, got, again));
    EXPECT_EQ(got, 0u);
    EXPECT_EQ(again, "gzip: unexpected end of file");
}

TEST(GunzipSource, CorruptDataIsAnErrorWithZlibsReason) {
    chunked_source raw(fixture("gzip-input/corrupt.gz"), 4096);
    gunzip_source gz(raw);
    const drained d = drain(gz);
    EXPECT_FALSE(d.ok);
    EXPECT_EQ(d.error, "gzip: invalid code lengths set");
    EXPECT_TRUE(d.bytes.empty());
}

TEST(GunzipPrefix, DecompressesTheStartOfAStreamFromItsFirstBytes) {
    const std::string gz_bytes = fixture(k_gzip_log);
    EXPECT_EQ(gunzip_prefix(gz_bytes, 40), fixture(k_plain_log).substr(0, 40));
    EXPECT_EQ(gunzip_prefix("not gzip at all", 40), "");
    EXPECT_TRUE(is_gzip(gz_bytes));
    EXPECT_FALSE(is_gzip("\x1f"));
}

} // namespace
