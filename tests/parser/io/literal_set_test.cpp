#include "parser/io/literal_set.hpp"
#include "parser/io/line_pump.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace ikediff::parser;

TEST(LiteralSet, FindsEveryLiteralWhereverItEnds) {
    const literal_set set({"ticket", "x509", ""});
    EXPECT_EQ(set.size(), 2u);
    literal_set::searcher s(set);
    std::vector<std::size_t> ends;
    s.find_all("a ticket and x509 and ticket", ends);
    EXPECT_EQ(ends, (std::vector<std::size_t>{8, 17, 28}));
    EXPECT_TRUE(s.any_in("x509"));
    EXPECT_FALSE(s.any_in("x50 ticke"));
}

TEST(LiteralSet, APhrasesBlanksMatchAnyRunOfBlanksAndOtherBytesAreThemselves) {
    const literal_set set({"tgt ticket with error", "ctx: (x.y*) [a]"});
    literal_set::searcher s(set);
    EXPECT_TRUE(s.any_in("failed to get krb5 tgt  ticket\twith error -1"));
    EXPECT_FALSE(s.any_in("failed to get krb5 tgt ticket witherror -1"));
    EXPECT_TRUE(s.any_in("from ctx: (x.y*) [a] unable"));
    EXPECT_FALSE(s.any_in("from ctx: (xzy*) [a] unable")); // `.` is a full stop, not any byte
    std::vector<std::size_t> ends;
    s.find_all("a tgt ticket with error b", ends);
    EXPECT_EQ(ends, (std::vector<std::size_t>{23}));
}

TEST(LiteralSet, AnEmptySetFindsNothing) {
    const literal_set set({});
    EXPECT_TRUE(set.empty());
    literal_set::searcher s(set);
    std::vector<std::size_t> ends{1};
    s.find_all("anything", ends);
    EXPECT_TRUE(ends.empty());
}

TEST(LiteralSet, NewlinesAreCountedInBlocksAndInTheRest) {
    std::string text(1000, 'x');
    for (std::size_t i = 0; i < text.size(); i += 7) {
        text[i] = '\n';
    }
    text[999] = '\n';
    std::size_t expected = 0;
    for (const char c : text) {
        expected += c == '\n' ? 1u : 0u;
    }
    for (std::size_t from = 0; from < 9; ++from) {
        std::size_t want = 0;
        for (std::size_t i = from; i < text.size(); ++i) {
            want += text[i] == '\n' ? 1u : 0u;
        }
        EXPECT_EQ(count_newlines(text.data() + from, text.size() - from), want) << from;
    }
    EXPECT_EQ(count_newlines(text.data(), text.size()), expected);
    EXPECT_EQ(count_newlines("\x8a\x0a\xff", 3), 1u); // bytes with the high bit are not newlines
    // Every byte a newline, past the 255 blocks a byte lane can count.
    const std::string all(10000 + 7, '\n');
    EXPECT_EQ(count_newlines(all.data(), all.size()), all.size());
}

} // namespace
