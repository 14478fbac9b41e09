// parser::read_log and parser::line_feeder: physical lines in, events and input_stats out.

#include "parser/ikemgr/format.hpp"
#include "parser/io/line_pump.hpp"
#include "parser/log_reader.hpp"
#include "test_support.hpp"

#include <cstdio>
#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace {

using namespace ikediff;
using test_support::expect_diagnostic;
using test_support::expect_stats;
using test_support::file_ptr;
using test_support::read_outcome;

constexpr std::string_view k_pan_prefix = "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: ";

std::string pan_line(std::string_view message) {
    return std::string(k_pan_prefix) + std::string(message);
}

/// Writes `content` to a temporary file and reads it back through read_log as `ikemgr.log`.
read_outcome read_text(std::string_view content, std::uint32_t input_index = 0) {
    return test_support::read_log_text(content, "ikemgr.log", input_index);
}

/// A line of `length` times `fill`, then a line the scanner recognises.
std::string long_line_then_verdict(std::size_t length, char fill) {
    std::string text(length, fill);
    text += '\n';
    text += pan_line("no suitable proposal found.");
    text += '\n';
    return text;
}

/// The `compared_event` payload of `event`, or nullptr.
const model::compared_event* compared_of(const model::log_event& event) {
    return std::get_if<model::compared_event>(&event.what);
}

// read_log ----------------------------------------------------------------------------------

TEST(ReadLog, EmptyInputCountsNothing) {
    const auto r = read_text("");
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    EXPECT_TRUE(r.error.empty());
    expect_stats(r.stats, {.physical_lines = 0u, .lines = 0u, .recognized = 0u, .unrecognized = 0u,
                           .malformed = 0u, .oversized = 0u});
    EXPECT_TRUE(r.stats.problems.empty());
    EXPECT_TRUE(r.events.empty());
}

TEST(ReadLog, CountsRecognisedAndNoiseLinesAndNumbersEvents) {
    const std::string text = pan_line("Compared: DB:Peer") + "\n" + "some banner text\n" +
                             pan_line("hashtype = SHA256:SHA512") + "\n" + "\n";
    const auto r = read_text(text, 3);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    EXPECT_EQ(r.stats.name, "ikemgr.log");
    expect_stats(r.stats, {.format = "ikemgr", .physical_lines = 4u, .lines = 4u, .recognized = 2u,
                           .unrecognized = 2u, .malformed = 0u, .oversized = 0u});
    EXPECT_TRUE(r.stats.problems.empty());
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].where, (model::source_line{3, 1, 1}));
    EXPECT_EQ(r.events[1].where, (model::source_line{3, 3, 1}));
    const auto* c = compared_of(r.events[1]);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->peer, "SHA512");
}

TEST(ReadLog, CrlfLineEndingsAreRemoved) {
    const std::string text = pan_line("hashtype = SHA256:SHA512") + "\r\n" + pan_line("hashtype = SHA256") +
                             "\r\n" + pan_line("no suitable proposal found.") + "\r\n";
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = 3u, .lines = 3u, .recognized = 2u, .unrecognized = 0u,
                           .malformed = 1u, .oversized = 0u});
    // The malformed line is handed on too, as a line not understood (its place, no values).
    ASSERT_EQ(r.events.size(), 3u);
    EXPECT_EQ(r.events[0].text, "hashtype = SHA256:SHA512");
    EXPECT_EQ(r.events[1].code, model::event_code::line_not_understood);
    EXPECT_EQ(r.events[1].text, "hashtype = SHA256");
    EXPECT_EQ(r.events[1].where.line, 2u);
    EXPECT_EQ(r.events[2].text, "no suitable proposal found.");
    // With the CR kept, the missing ':' would be reported one column further (73).
    ASSERT_EQ(r.stats.problems.size(), 1u);
    expect_diagnostic(r.stats.problems[0], {.line = 2u, .column = 72u});
}

TEST(ReadLog, Utf8BomOnFirstLineIsSkipped) {
    const std::string text = "\xEF\xBB\xBF" + pan_line("Compared: DB:Peer") + "\n" + pan_line("(lifebyte = 0:0)") + "\n";
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = 2u, .lines = 2u, .recognized = 2u, .unrecognized = 0u,
                           .malformed = 0u, .oversized = 0u});
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].where, (model::source_line{0, 1, 1}));
    EXPECT_EQ(r.events[0].time.iso8601(), "2021-07-06T18:35:17.869+09:00");
}

TEST(ReadLog, BomAndCrlfTogether) {
    const std::string text = "\xEF\xBB\xBF" + pan_line("hashtype = SHA256") + "\r\n";
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats, {.physical_lines = 1u, .malformed = 1u});
    ASSERT_EQ(r.stats.problems.size(), 1u);
    // Columns count from the first character after the BOM.
    EXPECT_EQ(r.stats.problems[0].column, 72u);
}

TEST(ReadLog, LastLineWithoutNewlineIsRead) {
    const std::string text = pan_line("Compared: DB:Peer") + "\n" + pan_line("dh_group = DH20:DH14");
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = 2u, .lines = 2u, .recognized = 2u, .unrecognized = 0u,
                           .malformed = 0u, .oversized = 0u});
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[1].where.line, 2u);
    const auto* c = compared_of(r.events[1]);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->local, "DH20");
    EXPECT_EQ(c->peer, "DH14");
}

TEST(ReadLog, GluedLinesBecomeTwoEventsOnOnePhysicalLine) {
    const std::string text =
        pan_line("enctype = AES:AES") +
        "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: (encklen = 256:256)\n";
    const auto r = read_text(text, 1);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = 1u, .lines = 2u, .recognized = 2u, .unrecognized = 0u,
                           .malformed = 0u, .oversized = 0u});
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].where, (model::source_line{1, 1, 1}));
    EXPECT_EQ(r.events[1].where, (model::source_line{1, 1, 72}));
    const auto* first = compared_of(r.events[0]);
    const auto* second = compared_of(r.events[1]);
    ASSERT_NE(first, nullptr);
    ASSERT_NE(second, nullptr);
    EXPECT_EQ(first->attribute, model::phase1_attribute::cipher);
    EXPECT_EQ(first->peer, "AES");
    EXPECT_EQ(second->attribute, model::phase1_attribute::key_length);
    EXPECT_EQ(second->peer, "256");
    EXPECT_EQ(r.events[1].time.iso8601(), "2021-07-06T18:35:17.870+09:00");
}

TEST(ReadLog, GluedNoiseBeforeALineCountsBothSegments) {
    // A copy-paste can glue a log line behind text that is not one.
    const std::string text = "see log below:" + pan_line("no suitable proposal found.") + "\n";
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats,
                 {.physical_lines = 1u, .lines = 2u, .recognized = 1u, .unrecognized = 1u});
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].where.column, 15u);
}

TEST(ReadLog, OversizedLineIsCountedAndTheNextLineStillRead) {
    const auto r = read_text(long_line_then_verdict(parser::k_max_line + 10, 'x'));
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = 2u, .lines = 2u, .recognized = 1u, .unrecognized = 1u,
                           .malformed = 0u, .oversized = 1u});
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].where.line, 2u);
    EXPECT_EQ(r.events[0].text, "no suitable proposal found.");
}

TEST(ReadLog, OversizedLogLineIsNotRecognised) {
    // Even a real prefix does not make a line longer than the limit one we read.
    std::string text = pan_line("Compared: DB:Peer");
    text.append(2 * parser::k_max_line, ' ');
    text += '\n';
    text += pan_line("(lifebyte = 0:0)");
    text += '\n';
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    expect_stats(
        r.stats,
        {.physical_lines = 2u, .lines = 2u, .recognized = 1u, .unrecognized = 1u, .oversized = 1u});
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].where.line, 2u);
}

TEST(ReadLog, OversizedLastLineWithoutNewline) {
    std::string text = pan_line("Compared: DB:Peer") + "\n";
    text.append(parser::k_max_line + 1, 'y');
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = 2u, .lines = 2u, .recognized = 1u, .unrecognized = 1u,
                           .malformed = 0u, .oversized = 1u});
}

TEST(ReadLog, LineOfExactlyMaxLengthIsNotOversized) {
    // input_stats::oversized counts "lines longer than k_max_line".
    const auto r = read_text(long_line_then_verdict(parser::k_max_line, 'x'));
    ASSERT_TRUE(r.opened);
    expect_stats(
        r.stats,
        {.physical_lines = 2u, .lines = 2u, .recognized = 1u, .unrecognized = 1u, .oversized = 0u});
}

TEST(ReadLog, LineOneByteOverMaxLengthIsOversized) {
    std::string text(parser::k_max_line + 1, 'x');
    text += '\n';
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats, {.physical_lines = 1u, .lines = 1u, .unrecognized = 1u, .oversized = 1u});
}

TEST(ReadLog, LongLineBelowTheLimitIsNoiseNotOversized) {
    const auto r = read_text(long_line_then_verdict(300 * 1024, 'z'));
    ASSERT_TRUE(r.opened);
    expect_stats(
        r.stats,
        {.physical_lines = 2u, .lines = 2u, .recognized = 1u, .unrecognized = 1u, .oversized = 0u});
}

TEST(ReadLog, LinesAcrossReadChunksAreKeptWhole) {
    // About 400 KiB: lines straddle the reader's 256 KiB chunks.
    const std::string line = pan_line("hashtype = SHA256:SHA512") + "\n";
    constexpr std::uint64_t count = 5000;
    std::string text;
    for (std::uint64_t i = 0; i < count; ++i) {
        text += line;
    }
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = count, .lines = count, .recognized = count,
                           .unrecognized = 0u, .malformed = 0u});
    ASSERT_EQ(r.events.size(), count);
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto* c = compared_of(r.events[i]);
        ASSERT_NE(c, nullptr) << "line " << i + 1;
        ASSERT_EQ(c->peer, "SHA512") << "line " << i + 1;
        ASSERT_EQ(r.events[i].where.line, i + 1);
    }
}

TEST(ReadLog, MalformedLinesProduceLocatedDiagnostics) {
    const std::string text = pan_line("Compared: DB:Peer") + "\n" + pan_line("hashtype = SHA256") + "\n" +
                             "2006-07-22 08:19:43: ERROR: rejected hashtype: DB(prop#1:trns\n";
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = 3u, .lines = 3u, .recognized = 1u, .unrecognized = 0u,
                           .malformed = 2u, .oversized = 0u});
    ASSERT_EQ(r.stats.problems.size(), 2u);

    expect_diagnostic(
        r.stats.problems[0],
        {.level = model::severity::warning, .code = "log-malformed",
         .message = "IKE line not understood: expected ':'", .file = "ikemgr.log", .line = 2u,
         .column = 72u,
         .located_message = "ikemgr.log:2:72: IKE line not understood: expected ':'"});
    expect_diagnostic(r.stats.problems[1],
                      {.message = "IKE line not understood: expected \"trns#\"",
                       .file = "ikemgr.log", .line = 3u, .column = 58u});
}

TEST(ReadLog, MalformedSegmentOfGluedLineReportsColumnInThePhysicalLine) {
    // The second segment starts at column 72; its ':' is missing 71 characters in.
    const std::string text = pan_line("enctype = AES:AES") + pan_line("hashtype = SHA256") + "\n";
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    expect_stats(
        r.stats,
        {.physical_lines = 1u, .lines = 2u, .recognized = 1u, .unrecognized = 0u, .malformed = 1u});
    ASSERT_EQ(r.stats.problems.size(), 1u);
    expect_diagnostic(r.stats.problems[0], {.line = 1u, .column = 143u});
}

TEST(ReadLog, DiagnosticsAreCappedButEveryMalformedLineIsCounted) {
    const std::string bad = pan_line("hashtype = SHA256") + "\n";
    std::string text;
    const std::uint64_t count = parser::k_max_diagnostics + 5;
    for (std::uint64_t i = 0; i < count; ++i) {
        text += bad;
    }
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats,
                 {.physical_lines = count, .lines = count, .recognized = 0u, .malformed = count});
    ASSERT_EQ(r.stats.problems.size(), parser::k_max_diagnostics);
    EXPECT_EQ(r.stats.problems.back().line, parser::k_max_diagnostics);
}

TEST(ReadLog, ReadErrorIsReported) {
    file_ptr file(std::fopen("/dev/null", "w"));
    ASSERT_TRUE(file);
    const auto r = test_support::read_log_file(file.get(), "");
    EXPECT_FALSE(r.ok);
    EXPECT_FALSE(r.error.empty());
    EXPECT_TRUE(r.events.empty());
    EXPECT_EQ(r.stats.physical_lines, 0u);
}

// Fixtures ----------------------------------------------------------------------------------

read_outcome read_fixture(const std::string& name) {
    return test_support::read_log_fixture(name, "ikemgr.log");
}

TEST(ReadLogFixture, GuideHashLocal) {
    const auto r = read_fixture("guide-hash-local");
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.physical_lines = 19u, .lines = 19u, .recognized = 13u,
                           .unrecognized = 6u, .malformed = 0u, .oversized = 0u});
    ASSERT_EQ(r.events.size(), 13u);
    EXPECT_TRUE(std::holds_alternative<model::phase_start_event>(r.events.front().what));
    EXPECT_EQ(r.events.back().where.line, 19u);
}

TEST(ReadLogFixture, GuideCrlfWithBomReadsLikeTheLfOriginal) {
    const auto crlf = read_fixture("guide-crlf");
    const auto lf = read_fixture("guide-hash-local");
    ASSERT_TRUE(crlf.opened);
    ASSERT_TRUE(lf.opened);
    expect_stats(crlf.stats,
                 {.physical_lines = 19u, .recognized = 13u, .unrecognized = 6u, .malformed = 0u});
    ASSERT_EQ(crlf.events.size(), lf.events.size());
    for (std::size_t i = 0; i < lf.events.size(); ++i) {
        EXPECT_EQ(crlf.events[i].text, lf.events[i].text);
        EXPECT_EQ(crlf.events[i].where, lf.events[i].where);
    }
}

TEST(ReadLogFixture, GuideGlued) {
    const auto r = read_fixture("guide-glued");
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats, {.physical_lines = 11u, .lines = 12u, .recognized = 11u,
                           .unrecognized = 1u, .malformed = 0u});
    ASSERT_GE(r.events.size(), 5u);
    EXPECT_EQ(r.events[4].where, (model::source_line{0, 4, 72}));
}

TEST(ReadLogFixture, MalformedLine) {
    const auto r = read_fixture("malformed-line");
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats, {.physical_lines = 15u, .lines = 15u, .recognized = 11u,
                           .unrecognized = 2u, .malformed = 2u});
    ASSERT_EQ(r.stats.problems.size(), 2u);
    expect_diagnostic(r.stats.problems[0], {.line = 13u, .column = 77u});
    expect_diagnostic(r.stats.problems[1], {.line = 14u, .column = 65u});
}

// line_feeder -------------------------------------------------------------------------------

TEST(LineFeeder, EventsCarryTheirPlaceAndCorrelationKey) {
    parser::input_stats stats;
    std::vector<model::log_event> events;
    parser::line_feeder feeder(2, stats, [&events](model::log_event&& e) { events.push_back(std::move(e)); });
    feeder.feed(pan_line("(lifetime = 28800:86400)"));
    feeder.feed("");
    feeder.feed("2021-07-06 18:35:17: INFO: respond new phase 1 negotiation: 10.0.0.1[500]<=>10.0.0.2[500]");
    feeder.feed("2021-07-06 18:35:17: ERROR: phase1 negotiation failed.");
    feeder.finish(); // the last line is held back until the input ends
    expect_stats(stats, {.physical_lines = 4u, .lines = 4u, .recognized = 3u, .unrecognized = 1u});
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[0].where, (model::source_line{2, 1, 1}));
    const auto* c = compared_of(events[0]);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->peer, "86400");
    // PAN-OS 8.x+ numbers its negotiations; racoon's lines go by peer, or follow the last.
    EXPECT_EQ(events[0].key.kind, model::correlation::by::context);
    EXPECT_EQ(events[1].key.kind, model::correlation::by::peer);
    EXPECT_EQ(events[2].key.kind, model::correlation::by::follow);
    EXPECT_FALSE(events[0].key.summary);
}

TEST(LinePump, RemovesTheBomAndTheCrOfCrlfForEveryFormat) {
    // The pump cuts lines for the feeder; the feeder sees no line end.
    const auto r = test_support::read_log_text("\xEF\xBB\xBF" + pan_line("(lifetime = 28800:86400)") + "\r\n\r\n", "ikemgr.log");
    ASSERT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.stats.physical_lines, 2u);
    ASSERT_EQ(r.events.size(), 1u);
    const auto* c = compared_of(r.events[0]);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->peer, "86400");
    EXPECT_EQ(r.events[0].text.find('\r'), std::string::npos);
}

TEST(LineFeeder, FeedOversizedCountsOneNoiseLine) {
    parser::input_stats stats;
    parser::line_feeder feeder(0, stats, [](model::log_event&&) {});
    feeder.feed_oversized();
    expect_stats(stats, {.physical_lines = 1u, .lines = 1u, .recognized = 0u, .unrecognized = 1u,
                         .malformed = 0u, .oversized = 1u});
}

} // namespace

namespace {

using namespace ikediff::test_support;

TEST(ReadLogLineEnds, BareCarriageReturnsEndLines) {
    const auto r = read_log_text(
        "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: no suitable proposal found.\r"
        "noise\r"
        "2021-07-06 18:35:17.871 +0900  [PERR]: {    9:     }: an acceptable proposal found.\r\n"
        "last\r",
        "ikemgr.log");
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.stats.physical_lines, 4u);
    EXPECT_EQ(r.stats.recognized, 2u);
    EXPECT_EQ(r.stats.unrecognized, 2u);
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].where.line, 1u);
    EXPECT_EQ(r.events[1].where.line, 3u);
    EXPECT_EQ(r.events[1].text, "an acceptable proposal found.");
}

TEST(ReadLogLineEnds, ACarriageReturnOnlyFileLargerThanTheLineLimitIsReadWhole) {
    const std::string line = "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: no suitable proposal found.";
    std::string text;
    std::size_t lines = 0;
    while (text.size() <= parser::k_max_line * 2) {
        text += line + "\r";
        ++lines;
    }
    const auto r = read_log_text(text, "ikemgr.log");
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.stats.oversized, 0u);
    EXPECT_EQ(r.stats.physical_lines, lines);
    EXPECT_EQ(r.stats.recognized, lines);
}

TEST(ReadLogLineEnds, ATwentyMegabyteLineWithoutNewlineIsOneNoiseLine) {
    std::string text(20'000'000, 'x');
    text += "\n2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: no suitable proposal found.\n";
    const auto r = read_log_text(text, "ikemgr.log");
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok) << r.error;
    EXPECT_EQ(r.stats.oversized, 1u);
    EXPECT_EQ(r.stats.recognized, 1u);
    EXPECT_EQ(r.stats.physical_lines, 2u);
}

} // namespace

namespace {

TEST(ReadLogStreams, AStreamWithoutAFileDescriptorIsReadToo) {
    // fmemopen streams have no descriptor: read_log must not need one (the benchmark uses them).
    std::string text = "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: no suitable proposal found.\n";
    std::FILE* f = ::fmemopen(text.data(), text.size(), "r");
    ASSERT_NE(f, nullptr);
    ikediff::parser::input_stats stats;
    std::string error;
    std::size_t events = 0;
    const bool ok = ikediff::parser::read_log(f, 0, stats, [&](ikediff::model::log_event&&) { ++events; }, error);
    std::fclose(f);
    EXPECT_TRUE(ok) << error;
    EXPECT_EQ(stats.recognized, 1u);
    EXPECT_EQ(events, 1u);
}

} // namespace
