#include "diff/findings/pattern.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using ikediff::diff::findings::captures;
using ikediff::diff::findings::pattern;

pattern compiled(std::string_view text) {
    std::string error;
    std::size_t column = 0;
    pattern p = pattern::compile(text, error, column);
    EXPECT_EQ(error, "") << text;
    return p;
}

std::string capture(const captures& c, std::string_view name) {
    for (const auto& [n, v] : c) {
        if (n == name) {
            return std::string(v);
        }
    }
    return "<none>";
}

TEST(Pattern, AnIntegerCaptureTakesTheSignAndStopsAtTheFullStop) {
    const pattern p = compiled("failed to get krb5 tgt ticket with error {code:int}");
    captures c;
    ASSERT_TRUE(p.match("failed to get krb5 tgt ticket with error -1765328228.", c));
    EXPECT_EQ(capture(c, "code"), "-1765328228");
    EXPECT_EQ(p.anchor(), "ticket");
    EXPECT_EQ(p.phrase(), "failed to get krb5 tgt ticket with error");
    // The words before a capture and after it are two phrases: the one with more letters.
    EXPECT_EQ(compiled("log query for {server} failed: NTSTATUS: NT_STATUS_ACCESS_DENIED").phrase(),
              "failed: NTSTATUS: NT_STATUS_ACCESS_DENIED");
}

TEST(Pattern, ABlankMatchesAnyRunOfBlanksAndTheMatchMayStartAnywhere) {
    const pattern p = compiled("log query for {server} failed: NTSTATUS: NT_STATUS_ACCESS_DENIED");
    captures c;
    ASSERT_TRUE(p.match("x log  query for\tAD-1.example.com failed: NTSTATUS: NT_STATUS_ACCESS_DENIED - Access denied",
                        c));
    EXPECT_EQ(capture(c, "server"), "AD-1.example.com");
    EXPECT_FALSE(p.match("log query for AD-1 failed: NTSTATUS: NT code 0x80041003", c));
}

TEST(Pattern, ATextCaptureAtTheEndTakesTheRestWithoutTrailingBlanks) {
    const pattern p = compiled("Failed to validate x509 cert from ctx: ({x509:int}) {reason}");
    captures c;
    ASSERT_TRUE(p.match("Failed to validate x509 cert from ctx: (20) unable to get local issuer certificate  ", c));
    EXPECT_EQ(capture(c, "x509"), "20");
    EXPECT_EQ(capture(c, "reason"), "unable to get local issuer certificate");
}

TEST(Pattern, HexAndWordCapturesAndBraces) {
    const pattern p = compiled("NT code {code:hex} - {{{word:word}}}");
    captures c;
    ASSERT_TRUE(p.match("NTSTATUS: NT code 0x80041003 - {abc}", c));
    EXPECT_EQ(capture(c, "code"), "0x80041003");
    EXPECT_EQ(capture(c, "word"), "abc");
}

TEST(Pattern, ALiteralMismatchIsNoMatch) {
    const pattern p = compiled("Got HTTP resp code {status:int}");
    captures c;
    EXPECT_FALSE(p.match("Got HTTP response code 404", c));
    EXPECT_FALSE(p.match("Got HTTP resp code abc", c));
    EXPECT_TRUE(p.match("Error: Got HTTP resp code 404", c));
    EXPECT_EQ(capture(c, "status"), "404");
}

TEST(Pattern, ErrorsSayWhere) {
    std::string error;
    std::size_t column = 0;
    pattern::compile("error {code:number}", error, column);
    EXPECT_NE(error.find("unknown capture type `number`"), std::string::npos) << error;
    EXPECT_EQ(column, 12u);
    error.clear();
    pattern::compile("error {code", error, column);
    EXPECT_NE(error.find("not closed"), std::string::npos);
    EXPECT_EQ(column, 6u);
    error.clear();
    pattern::compile("a {x} {y:int}", error, column);
    EXPECT_EQ(error, "") << "a blank separates them";
    pattern::compile("a {x}{y:int}", error, column);
    EXPECT_NE(error.find("cannot be told apart"), std::string::npos);
}

TEST(Pattern, AHugeFieldIsMatchedInBoundedTime) {
    const pattern p = compiled("{a} x {b} y {c} z");
    captures c;
    const std::string field(1 << 20, 'q');
    EXPECT_FALSE(p.match(field, c)); // returns: the field is cut at 16 KiB
}

} // namespace
