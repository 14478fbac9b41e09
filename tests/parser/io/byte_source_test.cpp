// parser::byte_source and friends: peeking ahead, gzip decompression over any source,
// delivered in chunks of any size, and bytes set aside in a scratch file and read back.

#include "parser/io/byte_source.hpp"
#include "parser/io/scratch_file.hpp"
#include "test_support.hpp"
#include "tmpdir.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace {

using namespace ikediff::parser;

using ikediff::test_support::fixture_bytes;
using ikediff::test_support::tmpdir_set_to;
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

// scratch_file -------------------------------------------------------------------------------

/// `size` bytes that tell one offset from another (a piece read back from the wrong place,
/// or cut at a chunk boundary, differs).
std::string numbered_bytes(std::size_t size, unsigned salt) {
    std::string out(size, '\0');
    for (std::size_t i = 0; i < size; ++i) {
        out[i] = static_cast<char>((i * 131 + i / 251 + salt) & 0xff);
    }
    return out;
}

/// Delivers `data` in chunks of `chunk`, then fails with `error`.
class failing_source final : public byte_source {
public:
    failing_source(std::string data, std::size_t chunk, std::string error)
        : m_data(std::move(data)), m_chunk(chunk), m_error(std::move(error)) {}
    bool read(char* into, std::size_t size, std::size_t& got, std::string& error) override {
        got = m_data.copy(into, std::min(size, m_chunk), m_at);
        m_at += got;
        if (got == 0) {
            error = m_error;
            return false;
        }
        return true;
    }

private:
    std::string m_data;
    std::size_t m_chunk;
    std::string m_error;
    std::size_t m_at = 0;
};

TEST(ScratchFile, PiecesReadBackWholeInAnyOrderAndAnyReadSize) {
    // Larger than the copy chunk (1 MiB) and delivered in odd sizes, so copies cross both.
    const std::string big = numbered_bytes(2 * 1024 * 1024 + 777, 1);
    const std::string small = numbered_bytes(10, 2);
    scratch_file scratch;
    scratch_file::piece a, empty, b;
    std::string failure;
    chunked_source big_source(big, 7777), empty_source("", 1), small_source(small, 3);
    ASSERT_TRUE(scratch.keep(big_source, a, failure)) << failure;
    ASSERT_TRUE(scratch.keep(empty_source, empty, failure)) << failure;
    ASSERT_TRUE(scratch.keep(small_source, b, failure)) << failure;
    EXPECT_EQ(a.size, big.size());
    EXPECT_EQ(empty.size, 0u);
    EXPECT_EQ(b.offset, a.offset + a.size);
    for (const std::size_t read_size : {1000u, 64u * 1024 + 1, 3u * 1024 * 1024}) {
        SCOPED_TRACE(read_size);
        scratch_file::reader second(scratch, b), first(scratch, a), none(scratch, empty);
        const drained from_b = drain(second, read_size);
        const drained from_a = drain(first, read_size);
        const drained from_empty = drain(none, read_size);
        EXPECT_TRUE(from_a.ok && from_b.ok && from_empty.ok);
        EXPECT_EQ(from_b.bytes, small);
        EXPECT_TRUE(from_a.bytes == big) << "the big piece differs: " << from_a.bytes.size() << " bytes";
        EXPECT_EQ(from_empty.bytes, "");
    }
}

TEST(ScratchFile, ASourcesErrorIsKeptAndReportedWhereItsBytesStop) {
    scratch_file scratch;
    scratch_file::piece cut, after;
    std::string failure;
    failing_source source("first bytes, then the archive is cut", 5, "truncated tar archive");
    chunked_source next("next member", 4);
    ASSERT_TRUE(scratch.keep(source, cut, failure)) << failure;
    ASSERT_TRUE(scratch.keep(next, after, failure)) << failure;
    EXPECT_EQ(cut.error, "truncated tar archive");
    EXPECT_EQ(after.error, "");

    scratch_file::reader reader(scratch, cut);
    const drained d = drain(reader, 8);
    EXPECT_FALSE(d.ok);
    EXPECT_EQ(d.bytes, "first bytes, then the archive is cut");
    EXPECT_EQ(d.error, "truncated tar archive");
    std::size_t got = 99;
    std::string again;
    char byte = 0;
    EXPECT_FALSE(reader.read(&byte, 1, got, again)); // and on every later read
    EXPECT_EQ(got, 0u);
    EXPECT_EQ(again, "truncated tar archive");

    scratch_file::reader next_reader(scratch, after);
    const drained n = drain(next_reader);
    EXPECT_TRUE(n.ok);
    EXPECT_EQ(n.bytes, "next member");
}

TEST(ScratchFile, TheFileHasNoNameAndLivesInTmpdir) {
    const std::filesystem::path folder = std::filesystem::temp_directory_path() / "ikediff-scratch-test";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    {
        const tmpdir_set_to tmpdir(folder.string());
        scratch_file scratch;
        scratch_file::piece p;
        std::string failure;
        chunked_source source("kept", 2);
        ASSERT_TRUE(scratch.keep(source, p, failure)) << failure;
        EXPECT_TRUE(std::filesystem::is_empty(folder)) << "the scratch file has a name in " << folder;
        scratch_file::reader reader(scratch, p);
        EXPECT_EQ(drain(reader).bytes, "kept");
    }
    std::filesystem::remove_all(folder);
}

TEST(ScratchFile, WithoutAFolderThatCanHoldItThePiecesStayInMemoryAndItSaysWhy) {
    const tmpdir_set_to tmpdir("/proc"); // a folder no file can be created in, even by root
    scratch_file scratch;
    scratch_file::piece first, second;
    std::string failure;
    chunked_source source("kept in memory", 4);
    failing_source cut("cut", 2, "truncated gzip");
    ASSERT_TRUE(scratch.keep(source, first, failure)) << failure;
    ASSERT_TRUE(scratch.keep(cut, second, failure)) << failure;
    EXPECT_TRUE(scratch.in_memory_because().starts_with("cannot create a temporary file in /proc (TMPDIR): "))
        << scratch.in_memory_because();
    scratch_file::reader second_reader(scratch, second), first_reader(scratch, first);
    const drained b = drain(second_reader, 1);
    EXPECT_EQ(b.bytes, "cut");
    EXPECT_EQ(b.error, "truncated gzip");
    EXPECT_EQ(drain(first_reader, 5).bytes, "kept in memory");
}

TEST(ScratchFile, InAFileItSaysNothingOfMemory) {
    scratch_file scratch;
    scratch_file::piece p;
    std::string failure;
    chunked_source source("x", 1);
    ASSERT_TRUE(scratch.keep(source, p, failure)) << failure;
    EXPECT_EQ(scratch.in_memory_because(), "");
}

} // namespace
