// parser::certainly_noise, the fast path of scan_line: when it says "noise", the grammar
// must agree, on every line of every fixture; and it must say so for ordinary debug noise,
// or it saves nothing.

#include "parser/ikemgr/fast_path.hpp"
#include "parser/ikemgr/grammar.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "model/text.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <variant>

namespace {

using namespace ikediff;
using parser::certainly_noise;

constexpr std::string_view k_prefix = "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: ";

std::string debug_line(std::string_view message) { return std::string(k_prefix) + std::string(message); }

/// Equal results, the timestamp's offset and precision included (its == compares the instant).
bool same_result(const parser::scan_result& a, const parser::scan_result& b) {
    const auto* x = std::get_if<model::log_event>(&a);
    const auto* y = std::get_if<model::log_event>(&b);
    return a == b && (!x || x->time.iso8601() == y->time.iso8601());
}

bool grammar_sees_noise(std::string_view line) {
    return std::holds_alternative<parser::scan_no_match>(parser::scan_line_with_grammar(line));
}

/// What the line feeder takes from shape_of holds: a line said to be alone has no glued line;
/// noise alone is noise to the fast path and the grammar; a usual line alone is not noise to
/// the fast path, and scan_usual_line reads it as the grammar does.
bool holds_its_promise(std::string_view line, parser::line_shape shape) {
    switch (shape) {
    case parser::line_shape::noise_alone:
        return parser::next_line_start(line, 0) == std::string_view::npos && certainly_noise(line) &&
               grammar_sees_noise(line);
    case parser::line_shape::usual_alone:
        return parser::next_line_start(line, 0) == std::string_view::npos && !certainly_noise(line) &&
               same_result(parser::scan_usual_line(line), parser::scan_line_with_grammar(line));
    case parser::line_shape::other: return true;
    }
    return false;
}

/// The fast path's table of character classes (parser/ikemgr/fast_path.hpp) holds the sets
/// the grammar spells out (grammar_def.hpp), and its digits and blanks are model/text.hpp's,
/// for every byte.
TEST(FastPath, CharacterClassesAreTheGrammarsSets) {
    using namespace parser::fast_path;
    constexpr std::string_view digits = "0123456789";
    constexpr std::string_view hex = "0123456789abcdefABCDEF";
    constexpr std::string_view alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const std::string word = std::string(digits) + std::string(alpha) + "_";
    const auto in = [](std::string_view set, char c) { return set.find(c) != std::string_view::npos; };
    for (int i = 0; i < 256; ++i) {
        const auto c = static_cast<char>(static_cast<unsigned char>(i));
        EXPECT_EQ(in_class(c, k_word), in(word, c)) << i;
        EXPECT_EQ(in_class(c, k_address), in(hex, c) || c == '.' || c == ':') << i;
        EXPECT_EQ(in_class(c, k_name), in(word, c) || c == '.') << i;
        EXPECT_EQ(in_class(c, k_alpha), in(alpha, c)) << i;
        EXPECT_EQ(in_class(c, k_hex), in(hex, c)) << i;
        EXPECT_EQ(in_class(c, k_digit), in(digits, c)) << i;
        EXPECT_EQ(in_class(c, k_digit), model::is_digit(c)) << i;
        EXPECT_EQ(in_class(c, k_blank), c == ' ' || c == '\t') << i;
        EXPECT_EQ(in_class(c, k_blank), model::is_blank(c)) << i;
    }
}

TEST(FastPath, OrdinaryDebugNoiseIsSkippedWithoutTheGrammar) {
    for (const char* message : {"total SA len=56", "prop#=1, prot-id=ISAKMP, spi-size=0, #trns=1",
                                "type=Encryption Algorithm, flag=0x8000, lorv=AES-CBC", "received Vendor ID: RFC 3947",
                                "compute DH's private.", "sending DPD R-U-THERE seq=0x1a2b3c01", "===", "", "{ broken",
                                // A source location is read by hand too, and what follows it decides.
                                "isakmp.c:1239:isakmp_main(): ISAKMP message of 372 bytes queued",
                                "schedule.c:981:sched_scrub_param(): an undead schedule has been deleted.",
                                "ike_sa.c:275:ikev2_abort(): 6: 1.1.1.1[500] - 2.2.2.2[500]:(nil):x",
                                "pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): x", "f(a:b):  received Vendor ID",
                                "a.c:99999999999:f(): rejected", "a.c:1:f() : rejected", "x:y(z) hashtype = a:b"}) {
        const std::string line = debug_line(message);
        EXPECT_TRUE(certainly_noise(line)) << line;
        EXPECT_TRUE(grammar_sees_noise(line)) << line;
    }
    // Collapsed braces, no offset, indentation: the same prefix grammar.
    EXPECT_TRUE(certainly_noise("  2021-07-06 18:35:17 [DEBG]: {9:}: total SA len=56"));
    EXPECT_TRUE(certainly_noise("2021-07-06 18:35:17.1 -0500 [DEBUG]: {12: 3}: total SA len=56"));
}

TEST(FastPath, TheHandReadPrefixGivesTheGrammarsValues) {
    for (const char* line : {"2021-07-06 18:35:17.869 +0900  [PERR]: {    9:     }: no suitable proposal found.",
                             "  2021-07-06 18:35:17 [INFO]: {9: 4}: no suitable proposal found.",
                             "2021-07-06 18:35:17.8 -0530 [PERR]: no suitable proposal found.",
                             "2021-07-06\t18:35:17.123456\t+0000\t[PERR]:\t{1:}:no suitable proposal found.",
                             "2021-07-06 18:35:17.869 +0900  [PERR]: {4294967296: }: no suitable proposal found.",
                             "2021-07-06 18:35:17.869 +0900  [PERR]: {9:}  no suitable proposal found.",
                             "2021-07-06 18:35:17. +0900  [PERR]: no suitable proposal found.",
                             "2021-07-06 18:35:17.869 +09  [PERR]: no suitable proposal found.",
                             "2021-13-45 25:61:61.869 +0900  [PERR]: no suitable proposal found.",
                             "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: hashtype = SHA256:SHA512",
                             "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: rejected hashtype: DB(prop#1:x",
                             "2006-07-22 08:19:43: ERROR: no suitable proposal found.",
                             // found by the fuzzer: a context without its colon
                             "2025-01-22 17:26:21.913 -0800  [INFO]: { 3: }3: }: no suitable proposal found."}) {
        EXPECT_TRUE(same_result(parser::scan_line(line), parser::scan_line_with_grammar(line))) << line;
    }
}

/// `{ 3: }` not followed by its colon is no context: the message starts at the brace, and the
/// event names no context (the grammar used to keep the number it had read).
TEST(FastPath, AContextWithoutItsColonIsNoContext) {
    const std::string line = "2025-01-22 17:26:21.913 -0800  [INFO]: { 3: }3: }: respond new phase 1 negotiation: "
                             "203.0.113.10[500]<=>198.51.100.7[500]";
    for (const auto& result : {parser::scan_line(line), parser::scan_line_with_grammar(line)}) {
        const auto* event = std::get_if<model::log_event>(&result);
        ASSERT_NE(event, nullptr);
        EXPECT_FALSE(event->context.has_value());
        EXPECT_TRUE(event->text.starts_with("{ 3: }3: }:")) << event->text;
    }
}

/// scan_line remembers what each message gave: the same message under other prefixes (level,
/// indentation that moves a malformed line's column, racoon) must still read as the grammar
/// reads it, the first time and every time after.
TEST(FastPath, ARememberedMessageReadsAsTheGrammarReadsItUnderAnyPrefix) {
    const char* const prefixes[] = {"2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: ",
                                    "2021-07-06 18:35:18.001 +0900  [PERR]: {   12:    3}: ",
                                    "    2021-07-06 18:35:19 [INFO]: ", "2006-07-22 08:19:43: ERROR: ",
                                    "2006-07-22 08:19:44: DEBUG: "};
    const char* const messages[] = {"rejected hashtype: DB(prop#1:x", "hashtype = SHA256:SHA512",
                                    "failed to get valid proposal.", "no suitable proposal found.",
                                    // A phrase inside counts above debug level only.
                                    "about 1.1.1.1[500]<=>2.2.2.2[4500] phase-2 negotiation failed due to time up",
                                    "sa 7 phase-2 negotiation failed due to time up",
                                    "200.100.5.1[500] - 200.100.1.254[500]:(nil) authentication failure",
                                    "total SA len=56"};
    // Longer messages are not remembered (memory stays small): still read as the grammar does.
    const std::string long_message = "hashtype = SHA256:" + std::string(600, 'x');
    for (int round = 0; round < 2; ++round) {
        for (const std::string& line : {std::string(prefixes[0]) + long_message, std::string(prefixes[1]) + long_message}) {
            EXPECT_TRUE(same_result(parser::scan_line(line), parser::scan_line_with_grammar(line))) << line;
        }
        for (const char* message : messages) {
            for (const char* prefix : prefixes) {
                const std::string line = std::string(prefix) + message;
                EXPECT_TRUE(same_result(parser::scan_line(line), parser::scan_line_with_grammar(line))) << line;
            }
        }
    }
}

/// The two messages logged once per SA (each with its own cookies or SPIs) are read by hand,
/// not by the grammar: they must read as the grammar reads them, at any level, with any
/// spacing, and where the hand reader turns one down the grammar's reading stands.
TEST(FastPath, SaEstablishedMessagesReadAsTheGrammarReadsThem) {
    const char* const prefixes[] = {"2021-07-06 18:35:17.869 +0900  [INFO]: {  166:   16}: ",
                                    "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: ",
                                    "2006-07-22 08:19:43: INFO: "};
    const char* const messages[] = {
        "ISAKMP-SA established 200.100.5.1[500]-200.100.1.254[500] spi:02f293d180b306a3:8a5d0c1e4b7f9a21",
        "ISAKMP-SA established\t2001:db8::1[4500] \t- 2001:db8::2[4500]  spi:AB:cd trailing text",
        "ISAKMP-SA established 1.1.1.1[0500]-2.2.2.2[65535] spi:0:0",
        "ISAKMP-SA established 1.1.1.1[65536]-2.2.2.2[500] spi:0:0",   // port beyond 16 bits
        "ISAKMP-SA established 1.1.1.1[4294967296]-2.2.2.2[500] spi:0:0",
        "ISAKMP-SA established 1.1.1.1[500]-2.2.2.2[500] spi:xyz:0", // cookie not hex
        "ISAKMP-SA established 1.1.1.1[500]-2.2.2.2[500]spi:0:0",    // no blank before spi
        "ISAKMP-SA established 1.1.1.1[500]-2.2.2.2[500] spi:0",      // one cookie
        "ISAKMP-SA established1.1.1.1[500]-2.2.2.2[500] spi:0:0",
        "ISAKMP-SA established 1.1.1.1[]-2.2.2.2[500] spi:0:0",
        "ISAKMP-SA established 1.1.1.1[500] 2.2.2.2[500] spi:0:0",
        "ISAKMP-SA established",
        "ISAKMP-SA expired 1.1.1.1[500]-2.2.2.2[500] spi:0:0",
        "IPsec-SA established: ESP/Tunnel 200.100.1.254[500]->200.100.5.1[500] spi=123456(0x1e240)",
        "IPsec-SA established:ESP/Transport\t2001:db8::1[4500]->2001:db8::2[4500]",
        "IPsec-SA established:  AH/Tunnel 1.1.1.1[500]->2.2.2.2[500]x",
        "IPsec-SA established: ESP/Tunnel 1.1.1.1[500] -> 2.2.2.2[500]", // blanks around the arrow: the grammar's
        "IPsec-SA established: ESP/Tunnel 83.36.51.44->111.111.111.194 spi=188599340(0xb3dcc2c)", // no ports: the grammar's
        "IPsec-SA established: ESP3/Tunnel 1.1.1.1[500]->2.2.2.2[500]",
        "IPsec-SA established: ESP/Tunnel1.1.1.1[500]->2.2.2.2[500]",
        "IPsec-SA established: /Tunnel 1.1.1.1[500]->2.2.2.2[500]",
        "IPsec-SA established: ESP/Tunnel 1.1.1.1[500]->2.2.2.2[99999]",
        "IPsec-SA established ESP/Tunnel 1.1.1.1[500]->2.2.2.2[500]", // no colon
        "IPsec-SA established:",
        "I",
        // Behind a source location the grammar reads them (the hand reader starts at the first byte).
        "isakmp.c:1:f(): ISAKMP-SA established 1.1.1.1[500]-2.2.2.2[500] spi:0:0"};
    std::size_t events = 0;
    for (int round = 0; round < 2; ++round) { // a second time, after anything was remembered
        for (const char* message : messages) {
            for (const char* prefix : prefixes) {
                const std::string line = std::string(prefix) + message;
                const parser::scan_result by_hand = parser::scan_line(line);
                EXPECT_TRUE(same_result(by_hand, parser::scan_line_with_grammar(line))) << line;
                events += std::holds_alternative<model::log_event>(by_hand) ? 1u : 0u;
            }
        }
    }
    EXPECT_EQ(events, 2u * 3u * 9u); // the messages the grammar takes, under each prefix, both rounds
    // Their opening texts begin them alone: no other alternative can take these messages first.
    for (const std::string& start : parser::grammar::message_starts()) {
        for (std::string_view text : {"ISAKMP-SA established", "IPsec-SA established:"}) {
            EXPECT_TRUE(!text.starts_with(start) || text == start) << start;
        }
    }
}

TEST(FastPath, WhatTheGrammarMayReadIsLeftToIt) {
    for (const char* message : {"hashtype = SHA256:SHA512", "received KE type 14", "received  Notify type TS_UNACCEPTABLE", "(lifetime = 28800:28800)", "Compared: DB:Peer",
                                "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512",
                                "no suitable proposal found.", "200.100.5.1[500] - 200.100.1.254[500]:(nil) x",
                                "2001:db8::1[500] - 2001:db8::2[500]:(nil) x", " (proto_id=ESP encmode=Tunnel)",
                                "ike_sa.c:275:ikev2_abort(): 6:1.1.1.1[500] - 2.2.2.2[500]:(nil):aborting IKEv2 SA",
                                "pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): 1.1.1.1[500] - 2.2.2.2[500]:(nil) x",
                                "isakmp.c:1239:isakmp_main():  hashtype = SHA256:SHA512", "f():rejected hashtype: x",
                                "a.c:1:f(): 12:2001:db8::1[500] - 2001:db8::2[500]:(nil) x", "y(z:1): hashtype = a:b",
                                "something 1.1.1.1[500]<=>2.2.2.2[500]",
                                "====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, MAIN MODE <===="}) {
        EXPECT_FALSE(certainly_noise(debug_line(message))) << message;
    }
    // Above debug level, phrases inside a message count: the grammar and the phrase table decide.
    EXPECT_FALSE(certainly_noise("2021-07-06 18:35:17.869 +0900  [PERR]: {    9:     }: total SA len=56"));
    // Not a PAN-OS 8.x prefix: racoon, PAN-OS 7.x, no prefix at all.
    EXPECT_FALSE(certainly_noise("2006-07-22 08:19:43: DEBUG: total SA len=56"));
    EXPECT_FALSE(certainly_noise("2016-03-01 14:32:24.890 +0800 debug: total SA len=56"));
    EXPECT_FALSE(certainly_noise("total SA len=56"));
}

/// Every line (and glued segment) of every text fixture: a line the fast path calls noise is
/// noise to the grammar too, and scan_line (its prefix read by hand) reads every line as the
/// grammar alone does.
TEST(FastPath, NeverDisagreesWithTheGrammarOnAnyFixtureLine) {
    std::size_t lines = 0;
    std::size_t skipped = 0;
    std::size_t alone = 0;
    std::size_t usual = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(IKEDIFF_FIXTURES)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || !(name.starts_with("ikemgr.log") || name.ends_with(".log")) ||
            name.ends_with(".gz")) {
            continue;
        }
        const std::string text = test_support::fixture_bytes(
            std::filesystem::relative(entry.path(), IKEDIFF_FIXTURES).string());
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            end = end == std::string::npos ? text.size() : end;
            std::string_view line(text.data() + start, end - start);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            for (std::size_t from = 0;;) {
                const std::size_t next = parser::next_line_start(line, from);
                const std::string_view segment = line.substr(from, next == std::string_view::npos ? next : next - from);
                ++lines;
                if (from == 0) {
                    const parser::line_shape shape = parser::shape_of(line);
                    alone += shape == parser::line_shape::noise_alone ? 1 : 0;
                    usual += shape == parser::line_shape::usual_alone ? 1 : 0;
                    EXPECT_TRUE(holds_its_promise(line, shape)) << entry.path() << ": " << line;
                }
                if (certainly_noise(segment)) {
                    ++skipped;
                    EXPECT_TRUE(grammar_sees_noise(segment)) << entry.path() << ": " << segment;
                }
                EXPECT_TRUE(same_result(parser::scan_line(segment), parser::scan_line_with_grammar(segment)))
                    << entry.path() << ": " << segment;
                if (next == std::string_view::npos) {
                    break;
                }
                from = next;
            }
            start = end + 1;
        }
    }
    EXPECT_GT(lines, 2000u);
    EXPECT_GT(skipped, lines / 5); // the fixtures' noise is mostly debug lines
    EXPECT_GT(alone, skipped / 2); // most of it in the usual layout, told in one pass
    EXPECT_GT(usual, 100u);        // and lines the grammar reads, in that layout
}

/// The line feeder's first test, in one pass over the message. Wherever in a message a
/// date's dashes or a `<=>` sit (the pass reads sixteen bytes at a time, its last block
/// ending with the line), it leaves the line to the others; otherwise noise alone is what
/// certainly_noise and next_line_start together say, and every promise holds.
/// The usual PAN-OS 8.x+ prefix as the documentation spells it, byte by byte: the reference
/// shape_of's one-look test is held to. `d` a digit, `S` a sign, `C` a capital, `F` and `G`
/// the context's fields five wide: blanks, one run of digits, blanks (`G` may be all blanks).
bool usual_layout(std::string_view line) {
    constexpr std::string_view shape = "dddd-dd-dd dd:dd:dd.ddd Sdddd  [CCCC]: {FFFFF:GGGGG}:";
    if (line.size() < shape.size()) {
        return false;
    }
    const auto field = [&line](std::size_t at, bool may_be_blank) {
        std::size_t i = at;
        while (i < at + 5 && (line[i] == ' ' || line[i] == '\t')) {
            ++i;
        }
        const std::size_t digits = i;
        while (i < at + 5 && line[i] >= '0' && line[i] <= '9') {
            ++i;
        }
        if (i == digits && !may_be_blank) {
            return false;
        }
        while (i < at + 5 && (line[i] == ' ' || line[i] == '\t')) {
            ++i;
        }
        return i == at + 5;
    };
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const char c = line[i];
        const bool ok = shape[i] == 'd'   ? c >= '0' && c <= '9'
                        : shape[i] == 'S' ? c == '+' || c == '-'
                        : shape[i] == 'C' ? c >= 'A' && c <= 'Z'
                        : shape[i] == 'F' || shape[i] == 'G' ? true
                                                             : c == shape[i];
        if (!ok) {
            return false;
        }
    }
    return field(40, false) && field(46, true);
}

/// Every byte of the usual prefix changed to each of a set of bytes: shape_of takes the line
/// for the usual layout exactly when the reference does, and keeps its promises either way.
TEST(FastPath, TheUsualPrefixIsToldByteByByte) {
    const std::string base = debug_line("total SA len=56");
    ASSERT_TRUE(usual_layout(base));
    std::size_t usual = 0;
    for (std::size_t at = 0; at < 53; ++at) {
        for (const char c : std::string_view("05 9aAZz\t-+.:[]{}/\x80\xff\x00", 22)) {
            std::string line = base;
            line[at] = c;
            const parser::line_shape shape = parser::shape_of(line);
            EXPECT_EQ(shape != parser::line_shape::other, usual_layout(line)) << at << ": " << line;
            EXPECT_TRUE(holds_its_promise(line, shape)) << line;
            usual += usual_layout(line) ? 1u : 0u;
        }
    }
    EXPECT_GT(usual, 53u); // some changes keep the layout (a digit for a digit, a blank in a field)
    for (const char* context : {"{12345:67890}:", "{  12 :     }:", "{1    :    1}:", "{ 1 2 :     }:",
                                "{     :    1}:", "{    1: 1 1 }:", "{\t 77:\t\t   }:", "{    9:     :"}) {
        const std::string line = std::string(k_prefix.substr(0, 39)) + context + " total SA len=56";
        EXPECT_EQ(parser::shape_of(line) != parser::line_shape::other, usual_layout(line)) << line;
        EXPECT_TRUE(holds_its_promise(line, parser::shape_of(line))) << line;
    }
}

TEST(FastPath, LineShapesKeepTheirPromises) {
    using parser::line_shape;
    const std::string glued = "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: total SA len=56";
    for (std::size_t length = 0; length <= 70; ++length) {
        const std::string plain = std::string(length, 'z');
        EXPECT_EQ(parser::shape_of(debug_line(plain)), line_shape::noise_alone) << plain;
        for (std::size_t at = 0; at <= length; ++at) {
            for (const std::string& insert : {std::string("<=>"), std::string("a-12-"), std::string("-"), glued,
                                              std::string("hashtype = a:b ")}) {
                const std::string message = plain.substr(0, at) + insert + plain.substr(at);
                for (const std::string& line : {debug_line(message), "2021-07-06 18:35:17.869 +0900  [PERR]: {    9:     }: " + message}) {
                    const line_shape shape = parser::shape_of(line);
                    if (insert == "<=>" || insert == "a-12-" || insert == glued) {
                        EXPECT_EQ(shape, line_shape::other) << line;
                    } else if (insert == "-") {
                        EXPECT_EQ(shape == line_shape::noise_alone,
                                  certainly_noise(line) && parser::next_line_start(line, 0) == std::string_view::npos)
                            << line;
                    }
                    EXPECT_TRUE(holds_its_promise(line, shape)) << line;
                }
            }
        }
    }
    // A message an alternative may begin, or any message above debug level: usual, alone.
    EXPECT_EQ(parser::shape_of(debug_line("hashtype = a:b")), line_shape::usual_alone);
    EXPECT_EQ(parser::shape_of("2021-07-06 18:35:17.869 +0900  [PERR]: {    9:     }: total SA len=56"),
              line_shape::usual_alone);
    // Only the usual layout from the first byte.
    EXPECT_EQ(parser::shape_of("  " + debug_line("total SA len=56")), line_shape::other);
    EXPECT_EQ(parser::shape_of("2021-07-06 18:35:17 [DEBG]: {9:}: total SA len=56"), line_shape::other);
    EXPECT_EQ(parser::shape_of("2021-07-06 18:35:17.869 -0500  [DEBG]: { 1234:  567}:"), line_shape::noise_alone);
}

} // namespace
