// diff::reconstructor in streaming mode: a negotiation is handed on as soon as nothing can
// reach it any more, in the order negotiations started, and an established phase 1 waits
// for the end (dead peer detection may end it hours later). Memory is what stays open.

#include "diff/ike/reconstruct.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <variant>
#include <vector>

namespace {

using namespace ikediff;

/// `2021-07-06 <clock> +0900  [<level>]: {    <sa>:     }: <message>` as an event at `line`,
/// keyed as the reader keys it.
model::log_event event(const std::string& clock, const std::string& level, unsigned sa, const std::string& message,
                       std::uint64_t line) {
    const std::string text =
        "2021-07-06 " + clock + " +0900  [" + level + "]: {    " + std::to_string(sa) + ":     }: " + message;
    auto r = parser::scan_line(text);
    auto* e = std::get_if<model::log_event>(&r);
    if (e == nullptr) {
        ADD_FAILURE() << "not an event: " << text;
        return {};
    }
    e->where = {0, line, 1};
    return std::move(test_support::keyed_as_ikemgr(*e));
}

/// A failed phase 1 in context `sa` at `clock`: three lines.
std::vector<model::log_event> failed_phase1(const std::string& clock, unsigned sa, std::uint64_t& line) {
    return {event(clock, "INFO", sa, "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]", line++),
            event(clock, "PERR", sa, "no suitable proposal found.", line++),
            event(clock, "PERR", sa, "200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal.",
                  line++)};
}

struct streamed {
    std::vector<model::negotiation> handed_on;
    diff::reconstructor rebuild{[this](model::negotiation&& n) { handed_on.push_back(std::move(n)); }};
    void add(std::vector<model::log_event> events) {
        for (auto& e : events) {
            rebuild.add(std::move(e));
        }
    }
};

TEST(Streaming, ARetryInTheSameContextHandsTheFirstAttemptOn) {
    streamed s;
    std::uint64_t line = 1;
    s.add(failed_phase1("18:35:17.861", 9, line));
    EXPECT_TRUE(s.handed_on.empty()); // context 9 may still take lines
    s.add(failed_phase1("18:35:27.861", 9, line)); // a new start line: a new attempt
    ASSERT_EQ(s.handed_on.size(), 1u);
    EXPECT_EQ(s.handed_on[0].result, model::outcome::failed);
    EXPECT_EQ(s.handed_on[0].lines.front().where.line, 1u);
    EXPECT_TRUE(s.rebuild.finish().empty()); // streaming: the rest goes to the sink
    EXPECT_EQ(s.handed_on.size(), 2u);
}

TEST(Streaming, ANegotiationIdleForTenMinutesOfLogTimeIsHandedOn) {
    streamed s;
    std::uint64_t line = 1;
    s.add(failed_phase1("18:00:00.000", 9, line));
    s.add(failed_phase1("18:09:00.000", 10, line)); // 9 min later: 9 may still take a line
    EXPECT_TRUE(s.handed_on.empty());
    s.add(failed_phase1("18:10:01.000", 11, line)); // 10 min 1 s after context 9's last line
    ASSERT_EQ(s.handed_on.size(), 1u);
    EXPECT_EQ(s.handed_on[0].context->sa, 9u);
}

/// How many handed-on negotiations are in context `sa`.
std::size_t in_context(const std::vector<model::negotiation>& all, unsigned sa) {
    std::size_t n = 0;
    for (const auto& x : all) {
        n += x.context && x.context->sa == sa ? 1u : 0u;
    }
    return n;
}

TEST(Streaming, ANegotiationTakingALineEverySixMinutesNeverGoesIdle) {
    streamed s;
    std::uint64_t line = 1;
    s.add({event("18:00:00.000", "INFO", 9, "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]", line++)});
    for (unsigned minute = 6; minute <= 60; minute += 6) { // an hour in all, never ten minutes apart
        char clock[16];
        std::snprintf(clock, sizeof clock, "%02u:%02u:00.000", 18 + minute / 60, minute % 60);
        s.add({event(clock, "DEBG", 9, "Compared: DB:Peer", line++)});
    }
    EXPECT_TRUE(s.handed_on.empty());
    s.add(failed_phase1("19:10:01.000", 10, line)); // ten minutes and a second after its last line
    ASSERT_EQ(s.handed_on.size(), 1u);
    EXPECT_EQ(s.handed_on[0].context->sa, 9u);
    EXPECT_EQ(s.handed_on[0].lines.size(), 11u); // one negotiation, every line
    s.rebuild.finish();
    EXPECT_EQ(in_context(s.handed_on, 9), 1u);
}

TEST(Streaming, ALineLaterThanItsPlaceStillGoesIdleOnTime) {
    // Context 9 is placed at 18:00:00, 10 at 18:01:00; 9 takes a line at 18:00:30. At
    // 18:10:45, 9 has been idle for 10 min 15 s (10 for 9 min 45 s): 9 closes then, so its
    // line at 18:10:50 starts a new negotiation rather than joining the old one.
    streamed s;
    std::uint64_t line = 1;
    const std::string start = "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]";
    s.add({event("18:00:00.000", "INFO", 9, start, line++)});
    s.add({event("18:01:00.000", "INFO", 10, start, line++)});
    s.add({event("18:00:30.000", "DEBG", 9, "Compared: DB:Peer", line++)});
    s.add({event("18:10:45.000", "INFO", 11, start, line++)});
    s.add({event("18:10:50.000", "DEBG", 9, "Compared: DB:Peer", line++)});
    s.rebuild.finish();
    EXPECT_EQ(in_context(s.handed_on, 9), 2u);
    EXPECT_EQ(in_context(s.handed_on, 10), 1u);
}

TEST(Streaming, AnEstablishedPhase1WaitsForTheEndAndTakesALateDpdDown) {
    streamed s;
    std::uint64_t line = 1;
    s.add({event("06:30:00.412", "INFO", 14, "initiate new phase 1 negotiation: 203.0.113.200[500]<=>52.62.10.77[500]", line++),
           event("06:30:00.530", "INFO", 14,
                 "ISAKMP-SA established 203.0.113.200[500]-52.62.10.77[500] spi:6c5d4e3f2a1b0c9d:e8f7a6b5c4d3e2f1",
                 line++)});
    s.add(failed_phase1("08:00:00.000", 20, line)); // 1.5 h later
    s.add(failed_phase1("08:30:00.000", 21, line)); // context 20 goes idle, 14 does not
    ASSERT_EQ(s.handed_on.size(), 0u) << "context 20 started after 14, which is still open: it waits";
    s.add({event("09:12:10.022", "INFO", 14, "DPD down, rekey vpn tunnel", line++)});
    s.rebuild.finish();
    ASSERT_EQ(s.handed_on.size(), 3u);
    EXPECT_EQ(s.handed_on[0].context->sa, 14u); // start order
    EXPECT_EQ(s.handed_on[0].result, model::outcome::failed);
    EXPECT_EQ(s.handed_on[0].failure, model::failure_class::dpd_down);
    EXPECT_EQ(s.handed_on[1].context->sa, 20u);
    EXPECT_EQ(s.handed_on[2].context->sa, 21u);
}

TEST(Streaming, OpenNegotiationsAreCappedOldestTouchedFirst) {
    streamed s;
    std::uint64_t line = 1;
    const std::size_t n = diff::reconstructor::k_max_open + 100;
    for (std::size_t i = 0; i < n; ++i) { // all at one instant: only the cap can close them
        s.add({event("18:00:00.000", "INFO", static_cast<unsigned>(i + 1),
                     "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]", line++),
               event("18:00:00.000", "DEBG", static_cast<unsigned>(i + 1), "Compared: DB:Peer", line++)});
    }
    EXPECT_EQ(s.handed_on.size(), 100u);
    EXPECT_EQ(s.handed_on.front().context->sa, 1u);
    s.rebuild.finish();
    EXPECT_EQ(s.handed_on.size(), n);
}

TEST(Streaming, CollectingAndStreamingFindTheSameNegotiations) {
    std::vector<model::log_event> events;
    std::uint64_t line = 1;
    for (unsigned i = 0; i < 50; ++i) {
        char clock[16];
        std::snprintf(clock, sizeof clock, "18:%02u:00.000", i);
        for (auto& e : failed_phase1(clock, 9 + i % 3, line)) { // contexts reused, minutes apart
            events.push_back(std::move(e));
        }
    }
    diff::reconstructor collect;
    streamed stream;
    for (const auto& e : events) {
        collect.add(e);
        stream.rebuild.add(e);
    }
    const auto collected = collect.finish();
    stream.rebuild.finish();
    ASSERT_EQ(collected.size(), 50u);
    ASSERT_EQ(stream.handed_on.size(), collected.size());
    for (std::size_t i = 0; i < collected.size(); ++i) {
        EXPECT_EQ(stream.handed_on[i].lines.front().where.line, collected[i].lines.front().where.line) << i;
        EXPECT_EQ(stream.handed_on[i].result, collected[i].result) << i;
    }
}

} // namespace
