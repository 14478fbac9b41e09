// model/text: the blank-separated words of a line (pasted CLI tables are read by them).

#include "model/text.hpp"

#include <gtest/gtest.h>

namespace {

using ikediff::model::split_blanks;

TEST(SplitBlanks, TakesRunsOfSpacesAndTabsAsOneSeparator) {
    const auto w = split_blanks("  1\t\t 10.0.1.2   VyOS  ");
    ASSERT_EQ(w.size(), 3u);
    EXPECT_EQ(w[0], "1");
    EXPECT_EQ(w[1], "10.0.1.2");
    EXPECT_EQ(w[2], "VyOS");
}

TEST(SplitBlanks, StopsAfterTheWordsAskedFor) {
    const auto w = split_blanks("GwID/client IP  Peer-Address  Gateway Name", 2);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[1], "IP");
}

TEST(SplitBlanks, ABlankLineHasNoWords) { EXPECT_TRUE(split_blanks(" \t ").empty()); }

} // namespace
