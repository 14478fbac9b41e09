// cli::spool: report text held back until its place comes, in memory up to a limit and in a
// temporary file beyond it. Whatever path each piece takes (copied into memory, written out
// with what was held, or written straight to the file as a block of its own), and wherever
// the file is (TMPDIR, no file at all, a file that stops taking bytes), write_to gives back
// everything appended, in order.

#include "cli/report/spool.hpp"
#include "tmpdir.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <sstream>
#include <string>

namespace {

using ikediff::cli::spool;
using ikediff::test_support::tmpdir_set_to;

std::string replay(spool& s) {
    std::ostringstream out;
    s.write_to(out);
    EXPECT_TRUE(out.good());
    return out.str();
}

TEST(Spool, SmallPiecesStayInMemoryAndComeBackInOrder) {
    spool s(64);
    EXPECT_TRUE(s.empty());
    s.append("one,");
    s.append("two,");
    s.append("three");
    EXPECT_FALSE(s.empty());
    EXPECT_EQ(replay(s), "one,two,three");
}

TEST(Spool, EveryPathToTheFileKeepsTheOrder) {
    spool s(16);
    std::string expected;
    const auto add = [&](const std::string& text) {
        s.append(text);
        expected += text;
    };
    add("abc");                   // held in memory
    add(std::string(20, 'x'));    // over the limit with what was held: both go to the file
    add(std::string(40, 'y'));    // a block of its own, nothing held: straight to the file
    add("def");                   // held again
    add(std::string(16, 'z'));    // held text first, then the block: still in order
    add(std::string(100, 'w'));   // and a large one straight after
    add("tail");                  // left in memory at the end
    EXPECT_EQ(replay(s), expected);
}

TEST(Spool, ABlockAsLargeAsTheLimitAloneIsKeptWhole) {
    spool s(8);
    const std::string block(8, 'b');
    s.append(block);
    EXPECT_FALSE(s.empty());
    EXPECT_EQ(replay(s), block);
}

/// Appends pieces of every size around the limit, a few of them larger than it; returns
/// what was appended, in order.
std::string fill(spool& s, std::size_t pieces) {
    std::string appended;
    for (std::size_t i = 0; i < pieces; ++i) {
        const std::string piece(1 + (i * 7) % 40, static_cast<char>('a' + i % 26));
        s.append(piece);
        appended += piece;
    }
    return appended;
}

/// Whether this process holds a file open in `folder` (named or not: an unnamed one shows as
/// `folder/#inode (deleted)` under /proc/self/fd).
bool has_open_file_in(const std::filesystem::path& folder) {
    std::error_code ec;
    for (const auto& fd : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        const std::filesystem::path target = std::filesystem::read_symlink(fd.path(), ec);
        if (!ec && target.parent_path() == folder) {
            return true;
        }
    }
    return false;
}

TEST(Spool, BeyondTheLimitTheTextWaitsInTmpdirUnderNoName) {
    const std::filesystem::path folder = std::filesystem::temp_directory_path() / "ikediff-spool-test";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    {
        const tmpdir_set_to tmpdir(folder.string());
        spool s(16);
        const std::string expected = fill(s, 200);
        EXPECT_TRUE(std::filesystem::is_empty(folder)) << "the spool's file has a name in " << folder;
        EXPECT_TRUE(has_open_file_in(folder)) << "the spool's file is not in TMPDIR";
        EXPECT_EQ(replay(s), expected);
    }
    std::filesystem::remove_all(folder);
}

TEST(Spool, WithoutAFolderThatCanHoldAFileEverythingComesBackFromMemory) {
    const tmpdir_set_to tmpdir("/proc"); // no file can be created there, even by root
    spool s(16);
    const std::string expected = fill(s, 200);
    EXPECT_EQ(replay(s), expected);
}

/// Files this process writes may not grow past `bytes` (RLIMIT_FSIZE), as on a full disk:
/// a write stops short, then fails. Puts the limit back at the end.
class file_size_limit {
public:
    explicit file_size_limit(rlim_t bytes) {
        m_ok = ::getrlimit(RLIMIT_FSIZE, &m_was) == 0;
        m_handler = std::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails with EFBIG instead
        rlimit lower = m_was;
        lower.rlim_cur = bytes;
        m_ok = m_ok && ::setrlimit(RLIMIT_FSIZE, &lower) == 0;
    }
    ~file_size_limit() {
        ::setrlimit(RLIMIT_FSIZE, &m_was);
        std::signal(SIGXFSZ, m_handler);
    }
    file_size_limit(const file_size_limit&) = delete;
    file_size_limit& operator=(const file_size_limit&) = delete;
    bool ok() const { return m_ok; }

private:
    rlimit m_was{};
    void (*m_handler)(int) = SIG_DFL;
    bool m_ok = false;
};

TEST(Spool, AFileThatStopsTakingBytesPartWayLosesNothing) {
    // 100 bytes into the file and the next write stops part way through a piece: that piece
    // and everything after stay in memory, and the file gives back only what it took whole.
    spool s(16);
    std::string expected;
    {
        const file_size_limit limit(100);
        ASSERT_TRUE(limit.ok());
        expected = fill(s, 200);
    }
    EXPECT_EQ(replay(s), expected);
}

} // namespace
