// cli::spool: report text held back until its place comes, in memory up to a limit and in a
// temporary file beyond it. Whatever path each piece takes (copied into memory, written out
// with what was held, or written straight to the file as a block of its own), write_to
// gives back everything appended, in order.

#include "cli/spool.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace {

using ikediff::cli::spool;

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

} // namespace
