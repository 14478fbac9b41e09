// cli::terminal_safe: what a log line may hold must not reach the terminal as control codes.

#include "cli/report/writer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using ikediff::cli::terminal_safe;

TEST(TerminalSafe, PrintableTextAndUtf8AreLeftAlone) {
    EXPECT_EQ(terminal_safe("hashtype = SHA256:SHA512"), "hashtype = SHA256:SHA512");
    EXPECT_EQ(terminal_safe("大阪拠点 VPN"), "大阪拠点 VPN");
    EXPECT_EQ(terminal_safe("bad \xff\xfe bytes"), "bad \xff\xfe bytes"); // invalid UTF-8: harmless
    EXPECT_EQ(terminal_safe(""), "");
}

TEST(TerminalSafe, C0ControlsAndDelAreShownAsHex) {
    EXPECT_EQ(terminal_safe("a\x1b]0;title\x07z"), "a\\x1b]0;title\\x07z");
    EXPECT_EQ(terminal_safe("x\x1b[2Jy"), "x\\x1b[2Jy");
    EXPECT_EQ(terminal_safe(std::string("nul\0here", 8)), "nul\\x00here");
    EXPECT_EQ(terminal_safe("cr\rlf\n"), "cr\\x0dlf\\x0a");
    EXPECT_EQ(terminal_safe("del\x7f"), "del\\x7f");
    EXPECT_EQ(terminal_safe("tab\there"), "tab\\there");
}

TEST(TerminalSafe, C1ControlsInUtf8AreShownAsCodePoints) {
    EXPECT_EQ(terminal_safe("csi\xc2\x9b" "31m"), "csi\\u009b31m");
    EXPECT_EQ(terminal_safe("\xc2\x80\xc2\x9f"), "\\u0080\\u009f");
    EXPECT_EQ(terminal_safe("\xc2\xa0nbsp"), "\xc2\xa0nbsp"); // U+00A0 is not a control
    EXPECT_EQ(terminal_safe("\xc2"), "\xc2");                 // a lone lead byte at the end
}

} // namespace
