// parser::system_log_feeder on the CLI's `show log system` table (parser/system_log/cli_row.hpp):
// the rows the mlav-cloud-connection-ja article quotes, verbatim, on their own lines and glued
// to the article's text; vpn rows as IKE events; detection.

#include "parser/io/line_pump.hpp"
#include "parser/system_log/cli_row.hpp"
#include "parser/system_log/system_log.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace ikediff;
using test_support::expect_diagnostic;
using test_support::expect_stats;

// The four rows of the mlav-cloud-connection-ja article (shared/seeds), verbatim.
constexpr std::string_view k_tls =
    "2023/08/08 16:07:21 high tls tls-X50 0 MLAV Server certificate validation failed. Dest "
    "Addr: ml.service.paloaltonetworks.com, Reason: unable to get local issuer certificate";
constexpr std::string_view k_auth =
    "2020/07/24 20:59:32 high general general 0 MLAV: Authentication or Client Certificate "
    "failure.";
constexpr std::string_view k_unknown =
    "2022/09/22 20:30:01 medium general general 0 MLAV: Unknown error.";
constexpr std::string_view k_dns =
    "2022/04/22 15:29:53 high general general 0 MLAV cloud error, all machine Learning engines "
    "stopped";

using fed = test_support::fed_events;

/// `text` through the line pump (BOM, CRLF) and the feeder.
fed feed_text(const std::string& text) {
    return test_support::feed_text<parser::system_log_feeder>(text, "article.txt");
}

std::string field_of(const model::log_event& ev, std::string_view name) {
    const model::record_event* r = model::record_of(ev.what);
    if (r == nullptr) {
        ADD_FAILURE() << "not a record";
        return "(not a record)";
    }
    const std::string* v = r->field(name);
    return v != nullptr ? *v : "(absent)";
}

TEST(SystemLogCli, TheArticlesFourRowsAreRecords) {
    const fed f = feed_text(std::string(k_tls) + "\n" + std::string(k_auth) + "\n" +
                            std::string(k_unknown) + "\n" + std::string(k_dns) + "\n");
    expect_stats(f.stats,
                 {.physical_lines = 4u, .recognized = 4u, .unrecognized = 0u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 4u);

    const model::log_event& tls = f.events[0];
    EXPECT_EQ(tls.where, (model::source_line{0, 1, 1}));
    EXPECT_EQ(tls.time.iso8601(), "2023-08-08T16:07:21");
    EXPECT_EQ(tls.level, "high");
    EXPECT_EQ(tls.key.kind, model::correlation::by::none);
    EXPECT_EQ(tls.text, "MLAV Server certificate validation failed. Dest Addr: "
                        "ml.service.paloaltonetworks.com, Reason: unable to get local issuer "
                        "certificate");
    ASSERT_NE(model::record_of(tls.what), nullptr);
    EXPECT_EQ(model::record_of(tls.what)->log, "system-log");
    EXPECT_EQ(model::record_of(tls.what)->fields,
              (std::vector<std::pair<std::string, std::string>>{{"subtype", "tls"},
                                                                {"event_id", "tls-X50"},
                                                                {"severity", "high"},
                                                                {"description", tls.text}}));

    EXPECT_EQ(field_of(f.events[1], "event_id"), "general");
    EXPECT_EQ(field_of(f.events[1], "object"), "(absent)");
    EXPECT_EQ(f.events[1].text, "MLAV: Authentication or Client Certificate failure.");
    EXPECT_EQ(f.events[2].level, "medium");
    EXPECT_EQ(f.events[2].text, "MLAV: Unknown error.");
    EXPECT_EQ(f.events[3].time.iso8601(), "2022-04-22T15:29:53");
    EXPECT_EQ(f.events[3].text, "MLAV cloud error, all machine Learning engines stopped");
}

TEST(SystemLogCli, RowsGluedToTheArticlesText) {
    // As the article prints them: the row after a Japanese sentence, `解決:...` after it.
    const std::string before = "この場合、システムログには次のメッセージが表示されます。";
    const std::string line1 =
        before + std::string(k_tls) +
        "解決:解決策の 1 つは、*.paloaltonetworks.com を復号化から除外することです。";
    const std::string line2 =
        "2020-08-12 15:37:02.203 +0800 mlav force_reconnect is true この場合、" +
        std::string(k_auth) +
        "解決:ファイアウォールを現在推奨されている PAN-OS リリースにアップグレードします。";
    const fed f = feed_text(line1 + "\n" + line2 + "\n");
    expect_stats(f.stats, {.physical_lines = 2u, .recognized = 2u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 2u);
    EXPECT_EQ(f.events[0].where,
              (model::source_line{0, 1, static_cast<std::uint32_t>(before.size() + 1)}));
    EXPECT_EQ(field_of(f.events[0], "event_id"), "tls-X50");
    // What follows the description on the line cannot be told from it: it stays.
    EXPECT_TRUE(f.events[0].text.starts_with("MLAV Server certificate validation failed."));
    EXPECT_TRUE(f.events[0].text.ends_with("除外することです。"));
    EXPECT_EQ(f.events[1].where.column, line2.find("2020/07/24") + 1);
    EXPECT_EQ(field_of(f.events[1], "subtype"), "general");
    EXPECT_TRUE(
        f.events[1].text.starts_with("MLAV: Authentication or Client Certificate failure.解決:"));
}

TEST(SystemLogCli, CrlfHeaderAndRulerAreNoise) {
    const std::string text =
        "Time                Severity Subtype Object EventID ID Description\r\n"
        "===============================================================\r\n" +
        std::string(k_unknown) + "\r\n";
    const fed f = feed_text(text);
    expect_stats(f.stats, {.physical_lines = 3u, .recognized = 1u, .unrecognized = 2u});
    ASSERT_EQ(f.events.size(), 1u);
    EXPECT_EQ(f.events[0].text, "MLAV: Unknown error."); // no CR
    EXPECT_EQ(field_of(f.events[0], "description"), "MLAV: Unknown error.");
}

TEST(SystemLogCli, VpnRowIsTheIkeEventItsDescriptionSays) {
    // log-formats.md section 6: object and event id cut to the table's width.
    const std::string row =
        "2019/03/06 18:24:04 low      vpn     seapa- ikev2-n 0  IKEv2 IKE SA is "
        "down determined by DPD.";
    const fed f = feed_text(row + "\n");
    expect_stats(f.stats, {.recognized = 1u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 1u);
    const model::system_event* se = model::system_entry(f.events[0].what);
    ASSERT_NE(se, nullptr);
    EXPECT_EQ(se->event_id, "ikev2-n");
    EXPECT_EQ(se->object, "seapa-");
    EXPECT_EQ(f.events[0].gateway, std::optional<std::string>("seapa-"));
    ASSERT_TRUE(f.events[0].code.has_value());
    EXPECT_EQ(*f.events[0].code, model::event_code::dpd_down);
    EXPECT_EQ(f.events[0].key.kind, model::correlation::by::subject);
    EXPECT_TRUE(f.events[0].key.summary);
    EXPECT_EQ(f.events[0].text, "IKEv2 IKE SA is down determined by DPD.");
}

TEST(SystemLogCli, UnreadableRowIsMalformedAtItsColumn) {
    const std::string row = "pasted: 2023/13/45 16:07:21 high tls tls-X50 0 MLAV Server";
    const fed f = feed_text(row + "\n2023/08/08 16:07:21 high tls\n");
    expect_stats(f.stats, {.recognized = 0u, .malformed = 2u});
    ASSERT_EQ(f.stats.problems.size(), 2u);
    expect_diagnostic(
        f.stats.problems[0],
        {.message = "system log entry not understood: unreadable time \"2023/13/45 16:07:21\"",
         .line = 1u,
         .column = 9u});
    expect_diagnostic(f.stats.problems[1],
                      {.message = "system log entry not understood: no event id after the subtype",
                       .line = 2u,
                       .column = 1u});
}

TEST(SystemLogCli, RowOffsetNeedsASeverityWord) {
    EXPECT_EQ(parser::cli_row_offset(k_tls), std::optional<std::size_t>(0));
    EXPECT_EQ(parser::cli_row_offset("x 2022/04/22 15:29:53 critical general"),
              std::optional<std::size_t>(2));
    EXPECT_EQ(parser::cli_row_offset("2022/04/22 15:29:53 severe general general 0 x"),
              std::nullopt);
    EXPECT_EQ(parser::cli_row_offset("12022/04/22 15:29:53 high general general 0 x"),
              std::nullopt);
    EXPECT_EQ(parser::cli_row_offset("2021-07-06 18:35:17.861 +0900  [DEBG]: high"), std::nullopt);
}

TEST(SystemLogCli, Detection) {
    EXPECT_TRUE(parser::looks_like_system_log(k_dns));
    EXPECT_TRUE(parser::looks_like_system_log("  " + std::string(k_auth) + "\r"));
    EXPECT_TRUE(parser::looks_like_system_log(
        "Time                Severity Subtype Object EventID ID Description"));
    // Glued rows are read, but do not make an input a system log.
    EXPECT_FALSE(
        parser::looks_like_system_log("次のメッセージが表示されます。" + std::string(k_dns)));
    EXPECT_FALSE(parser::looks_like_system_log(
        "2021-07-06 18:35:17.861 +0900  [PNTF]: { 1: }: ====> PHASE-1 NEGOTIATION STARTED <===="));
    EXPECT_FALSE(parser::looks_like_system_log("Time to go: severity of the subtype"));

    const auto r =
        test_support::read_log_text("\xEF\xBB\xBF" + std::string(k_unknown) + "\n", "mlav.txt");
    expect_stats(r.stats, {.format = "system-log", .recognized = 1u});
    const auto ikemgr = test_support::read_log_text(
        "2021-07-06 18:35:17.861 +0900  [DEBG]: {    9:     }: Compared: DB:Peer\n", "ikemgr.log");
    expect_stats(ikemgr.stats, {.format = "ikemgr"});
}

} // namespace

namespace {

// /tmp probe v8 of issue 18 (log-formats.md section 6): a table whose severity column is cut
// (`info`), its object and event id cut, behind its prompt, header and rule.
TEST(SystemLogCli, CutSeverityAndEventIdTheDescriptionDecides) {
    const fed f = feed_text(
        "admin@PA-3020> show log system subtype equal vpn\r\n"
        "Time                Severity Subtype Object  EventID ID Description\r\n"
        "===============================================================================\r\n"
        "2019/03/06 18:24:04 low      vpn     seapa- ikev2-n 0  IKEv2 IKE SA is down determined by "
        "DPD.\r\n"
        "2019/03/06 18:20:04 info     vpn     seapa- ikev2-n 0  IKEv2 IKE SA negotiation is "
        "started as "
        "initiator, non-rekey. Initiated SA: 192.0.2.1[500]-198.51.100.2[500] "
        "SPI:a1b2c3d4e5f60718:0000000000000000.\r\n");
    expect_stats(f.stats,
                 {.physical_lines = 5u, .recognized = 2u, .unrecognized = 3u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 2u);
    EXPECT_EQ(f.events[0].code, model::event_code::dpd_down);
    EXPECT_EQ(f.events[1].level, "info");
    EXPECT_EQ(f.events[1].code, model::event_code::ikev2_started);
    EXPECT_EQ(f.events[1].gateway, "seapa-");
    ASSERT_TRUE(f.events[1].peer);
    EXPECT_EQ(f.events[1].peer->address, "198.51.100.2");
    EXPECT_TRUE(f.events[1].has_time);
}

TEST(SystemLogCli, TwoRowsGluedOnOneLineAreTwoEntries) {
    const fed f = feed_text("Time Severity Subtype Object EventID ID Description\n"
                            "see below.2019/03/06 18:24:04 low vpn seapa- ikev2-n 0 IKEv2 IKE SA "
                            "is down determined by DPD. "
                            "2019/03/06 18:20:04 info vpn seapa- ikev2-n 0 IKEv2 IKE SA "
                            "negotiation is started as initiator, "
                            "non-rekey.\n");
    expect_stats(f.stats,
                 {.physical_lines = 2u, .lines = 3u, .recognized = 2u, .unrecognized = 1u});
    ASSERT_EQ(f.events.size(), 2u);
    EXPECT_EQ(f.events[0].text, "IKEv2 IKE SA is down determined by DPD.");
    EXPECT_EQ(f.events[0].where, (model::source_line{0, 2, 11}));
    EXPECT_EQ(f.events[1].where, (model::source_line{0, 2, 96}));
    EXPECT_EQ(f.events[1].code, model::event_code::ikev2_started);
}

// A pasted table whose descriptions a web page wrapped (the layout cli_row.hpp quotes): the
// rest of a description on the next line, alone or before the next row.
TEST(SystemLogCli, WrappedDescriptionsInAPastedTable) {
    const fed f = feed_text(
        "Time                Severity Subtype Object EventID ID Description\n"
        "2019/03/06 18:20:04 info vpn seapa- ikev2-n 0 IKEv2 IKE SA negotiation is started as\n"
        "initiator, non-rekey. Initiated SA:\n"
        "192.0.2.1[500]-198.51.100.2[500] SPI:a1b2c3d4e5f60718:0000000000000000.\n"
        "2019/03/06 18:24:04 low vpn seapa- ikev2-n 0 IKEv2 IKE SA is down determined by\n"
        "DPD. 2023/08/08 16:07:21 high tls tls-X50 0 MLAV Server certificate validation failed.\n"
        "admin@PA-3020> exit\n");
    expect_stats(f.stats, {.physical_lines = 7u, .recognized = 5u, .unrecognized = 2u});
    ASSERT_EQ(f.events.size(), 3u);
    EXPECT_EQ(f.events[0].where, (model::source_line{0, 2, 1}));
    EXPECT_EQ(f.events[0].text,
              "IKEv2 IKE SA negotiation is started as initiator, non-rekey. Initiated "
              "SA: 192.0.2.1[500]-198.51.100.2[500] SPI:a1b2c3d4e5f60718:0000000000000000.");
    ASSERT_TRUE(f.events[0].peer);
    EXPECT_EQ(f.events[0].peer->address, "198.51.100.2");
    EXPECT_EQ(f.events[1].text, "IKEv2 IKE SA is down determined by DPD.");
    EXPECT_EQ(f.events[1].code, model::event_code::dpd_down);
    EXPECT_EQ(f.events[2].where, (model::source_line{0, 6, 6}));
    EXPECT_EQ(field_of(f.events[2], "event_id"), "tls-X50");
}

TEST(SystemLogCli, SeverityPrefixesOnly) {
    EXPECT_EQ(parser::cli_row_offset("2019/03/06 18:20:04 informat vpn x y 0 z"),
              std::optional<std::size_t>(0));
    EXPECT_EQ(parser::cli_row_offset("2019/03/06 18:20:04 crit vpn x y 0 z"),
              std::optional<std::size_t>(0));
    EXPECT_FALSE(parser::cli_row_offset("2019/03/06 18:20:04 in vpn x y 0 z")); // too short to tell
    EXPECT_FALSE(parser::cli_row_offset("2019/03/06 18:20:04 lowest vpn x y 0 z")); // no severity
}

// A PA-VM lab report quoting Monitor > System (fixtures/cli-log-detail/NOTES.md), verbatim:
// the GUI's detail view, descriptions wrapped, entries apart by blank lines.
constexpr std::string_view k_detail =
    "Event: ikev2-nego-enc-mismatch\n"
    "[IKE-GW-FGT]: Configured encryption algorithm 'AES256-CBC' was not presented\n"
    "in the IKE proposal. Please ensure that matching proposals are configured on\n"
    "both sides.\n"
    "\n"
    "Event: ikev2-nego-ike-start\n"
    "IKEv2 IKE SA negotiation is started as responder, non-rekey. Initiated SA:\n"
    "10.0.0.2[500]-10.0.0.1[500] SPI:07f21c0fd2236540:ac9d9ee491cd49d9.\n"
    "\n"
    "Event: ike-generic-event\n"
    "no proposal chosen.";

TEST(SystemLogCli, DetailViewEntries) {
    EXPECT_EQ(parser::detail_event_id("Event: ikev2-nego-ike-start"), "ikev2-nego-ike-start");
    EXPECT_FALSE(parser::detail_event_id("Event: Something happened"));
    EXPECT_TRUE(parser::looks_like_cli_system_log("Event: ike-generic-event\r"));

    const fed f = feed_text(std::string(k_detail));
    expect_stats(f.stats,
                 {.physical_lines = 11u, .recognized = 9u, .unrecognized = 2u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 3u);
    EXPECT_EQ(f.events[0].where, (model::source_line{0, 1, 1}));
    EXPECT_FALSE(f.events[0].has_time);
    EXPECT_EQ(f.events[0].code, model::event_code::encryption_not_presented);
    EXPECT_EQ(f.events[0].gateway, "IKE-GW-FGT");
    EXPECT_EQ(f.events[0].text,
              "[IKE-GW-FGT]: Configured encryption algorithm 'AES256-CBC' was not presented "
              "in the IKE proposal. Please ensure that matching proposals are configured on "
              "both sides.");
    EXPECT_EQ(f.events[1].where, (model::source_line{0, 6, 1}));
    EXPECT_EQ(f.events[1].code, model::event_code::ikev2_started);
    ASSERT_TRUE(f.events[1].local);
    EXPECT_EQ(f.events[1].local->address, "10.0.0.2");
    EXPECT_EQ(f.events[2].code, model::event_code::no_proposal_chosen); // closed by the input's end
    const model::system_event* se = model::system_entry(f.events[2].what);
    ASSERT_NE(se, nullptr);
    EXPECT_EQ(se->event_id, "ike-generic-event");
}

} // namespace
