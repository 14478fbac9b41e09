// Lines that continue the line before them (parser/ikemgr/continuation.hpp): wrapped lines
// joined, a banner's own lines read under the prefix they follow, hex dumps and pasted
// notes left apart, through the ikemgr.log feeder.

#include "parser/ikemgr/continuation.hpp"
#include "parser/ikemgr/format.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace {

using namespace ikediff;
using model::event_code;

test_support::fed_events feed(std::string_view text) {
    return test_support::feed_text<parser::line_feeder>(text, "ikemgr.log");
}

TEST(Continuation, PrefixLength) {
    EXPECT_EQ(
        parser::ikemgr::prefix_length("2014-05-07 10:00:00.100 +0200  [PNTF]: { 1: }: ====> X"),
        47u);
    EXPECT_EQ(parser::ikemgr::prefix_length("2008-05-21 10:01:02: INFO: begin"), 27u);
    EXPECT_FALSE(parser::ikemgr::prefix_length("198.51.100.20[500]"));
    EXPECT_FALSE(parser::ikemgr::prefix_length("====> Due to timeout. <===="));
    EXPECT_FALSE(parser::ikemgr::prefix_length(""));
}

TEST(Continuation, HexDumpsAreTold) {
    EXPECT_TRUE(parser::ikemgr::is_hex_dump("0a0b0c0d 01020304 a1b2c3d4 00000000"));
    EXPECT_TRUE(parser::ikemgr::is_hex_dump("  0a0b0c"));
    EXPECT_FALSE(parser::ikemgr::is_hex_dump("0000000000000000")); // a cookie's half
    EXPECT_FALSE(parser::ikemgr::is_hex_dump("198.51.100.20[500]"));
    EXPECT_FALSE(parser::ikemgr::is_hex_dump(""));
}

TEST(Continuation, JoinKeepsTokensWholeAndWordsApart) {
    std::string held = "initiate new phase 1 negotiation: 192.0.2.10[500]<=>";
    parser::ikemgr::join_wrapped(held, "198.51.100.20[500]");
    EXPECT_EQ(held, "initiate new phase 1 negotiation: 192.0.2.10[500]<=>198.51.100.20[500]");
    held = "phase1 negotiation failed due to time";
    parser::ikemgr::join_wrapped(held, "up. 1a2b3c4d5e6f7a8b:0000000000000000");
    EXPECT_EQ(held, "phase1 negotiation failed due to time up. 1a2b3c4d5e6f7a8b:0000000000000000");
    held = "cookie:1a2b3c4d5e6f7a8b:";
    parser::ikemgr::join_wrapped(held, "   0000000000000000");
    EXPECT_EQ(held, "cookie:1a2b3c4d5e6f7a8b: 0000000000000000");
}

TEST(Continuation, WrappedEndpointPairIsJoinedAndKeepsItsFirstLine) {
    // log-formats.md section 6: a mail client wrapped the line after `<=>`.
    const auto r =
        feed("2008-05-21 10:01:02: INFO: initiate new phase 1 negotiation: 192.0.2.10[500]<=>\n"
             "198.51.100.20[500]\n"
             "2008-05-21 10:01:02: INFO: begin Identity Protection mode.\n");
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[0].code, event_code::phase1_started);
    EXPECT_EQ(r.events[0].where.line, 1u);
    EXPECT_EQ(r.events[0].peer, (model::endpoint{"198.51.100.20", 500}));
    EXPECT_EQ(r.events[1].where.line, 3u);
    EXPECT_EQ(r.stats.physical_lines, 3u);
    EXPECT_EQ(r.stats.lines, 2u);
    EXPECT_EQ(r.stats.recognized, 2u);
}

TEST(Continuation, WrappedCookiePairIsJoined) {
    const auto r = feed(
        "2008-05-21 10:01:32: ERROR: phase1 negotiation failed due to time up. 1a2b3c4d5e6f7a8b:\n"
        "0000000000000000\n");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].code, event_code::phase1_time_up);
    EXPECT_EQ(r.events[0].text,
              "phase1 negotiation failed due to time up. 1a2b3c4d5e6f7a8b:0000000000000000");
    EXPECT_EQ(r.stats.unrecognized, 0u);
}

TEST(Continuation, ProseWrappedBetweenWordsGetsItsBlankBack) {
    const auto r = feed("2008-05-21 10:01:32: ERROR: phase1 negotiation failed due to time\n"
                        "up. 1a2b3c4d5e6f7a8b:0000000000000000\n");
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].code,
              event_code::phase1_time_up); // not the shorter `phase1 negotiation failed`
}

TEST(Continuation, HexDumpAndPastedNoteStayApart) {
    const auto r =
        feed("2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: dh_group = DH20:DH20\n"
             "(omitted)\n"
             "2008-05-21 10:01:02: DEBUG: 92 bytes from 198.51.100.20[500] to 192.0.2.10[500]\n"
             "0a0b0c0d 01020304 a1b2c3d4 00000000\n");
    ASSERT_EQ(r.events.size(), 1u);
    const auto* c = std::get_if<model::compared_event>(&r.events[0].what);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->peer, "DH20");
    EXPECT_EQ(r.stats.lines, 4u);
    EXPECT_EQ(r.stats.unrecognized, 3u);
}

TEST(Continuation, BannerLinesJoinTheBannersContext) {
    // The guide's failed phase 1 as ikemgr.log writes it (log-formats.md section 6).
    const auto r = feed("2014-05-07 10:00:40.100 +0200  [PERR]: { 1: }: ====> PHASE-1 NEGOTIATION "
                        "FAILED AS INITIATOR, MAIN MODE <====\r\n"
                        "====> Failed SA: 200.100.5.1[500]-200.100.1.254[500] "
                        "cookie:02f293d180b306a3:0000000000000000 <====\r\n"
                        "  ====> Due to timeout. <====\r\n");
    ASSERT_EQ(r.events.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(r.events[i].where, (model::source_line{0, i + 1, 1}));
        EXPECT_EQ(r.events[i].context, (model::pan_context{1, std::nullopt}));
        EXPECT_EQ(r.events[i].key.kind, model::correlation::by::context);
        EXPECT_EQ(r.events[i].level, "PERR");
    }
    EXPECT_EQ(r.events[1].peer, (model::endpoint{"200.100.1.254", 500}));
    EXPECT_EQ(r.events[1].text, "====> Failed SA: 200.100.5.1[500]-200.100.1.254[500] "
                                "cookie:02f293d180b306a3:0000000000000000 <====");
    EXPECT_EQ(r.events[2].code, event_code::banner_timeout);
    EXPECT_EQ(r.stats.recognized, 3u);
}

TEST(Continuation, AWrappedBannerLineIsJoined) {
    const auto r =
        feed("2014-05-07 10:00:40.100 +0200  [PERR]: { 1: }: ====> PHASE-1 NEGOTIATION FAILED AS "
             "INITIATOR, MAIN MODE <====\n"
             "====> Failed SA: 200.100.5.1[500]-200.100.1.254[500] cookie:02f293d180b306a3:\n"
             "0000000000000000 <====\n");
    ASSERT_EQ(r.events.size(), 2u);
    const auto* sa = std::get_if<model::banner_sa_event>(&r.events[1].what);
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(sa->responder_spi, "0000000000000000");
    EXPECT_EQ(r.events[1].where.line, 2u);
}

TEST(Continuation, TheLastLineIsReadAtTheEnd) {
    parser::input_stats stats;
    std::vector<model::log_event> events;
    parser::line_feeder feeder(0, stats,
                               [&events](model::log_event&& e) { events.push_back(std::move(e)); });
    feeder.feed("2008-05-21 10:01:02: ERROR: phase1 negotiation failed.");
    EXPECT_TRUE(events.empty()); // held: the next line may continue it
    feeder.finish();
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(stats.lines, 1u);
}

} // namespace
