// parser::traffic_log_feeder and the detection of the traffic log: the GUI's CSV export by
// its header, raw and syslog-forwarded rows by position (mp-logs.md section 1.6).
//
// NOTES: no real exported traffic row whose Session End Reason is a `decrypt-*` value is
// known (mp-logs.md section 1.6: every public hit is a generator, a study note or a dropdown
// list). The rows here are built from the documented PAN-OS 9.1 field order, on the shape of
// the one real traffic syslog row known (Sumo Logic's, quoted in `k_sumo` below, which ends
// before field 47), with the values the decrypt-session-end-reasons article names
// (`decrypt-cert-validation`, `decrypt-unsupport-param`, `decrypt-error`). The header row's
// column names are those of the brief (Monitor > Logs > Traffic export), not a real export.

#include "parser/io/line_pump.hpp"
#include "parser/traffic_log/traffic_log.hpp"
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

/// The one real traffic syslog row known (mp-logs.md section 1.6), verbatim: 46 fields.
constexpr std::string_view k_sumo =
    "Jul 13 20:39:44 1,2017/07/13 20:39:44,0009C101317,TRAFFIC,end,1,2017/07/13 "
    "20:39:44,10.183.12.108,10.183.51.49,0.0.0.0,0.0.0.0,WinDomain_AUTH_TO_DC,,sumo\\mkwan,msrpc,"
    "vsys1,ENG_USER,ENG_INFRA,ivlan_712,ivlan_751,Syslog,2017/07/13 "
    "20:39:44,1070831,1,65123,135,0,0,0x0,tcp,allow,1194,644,550,12,1,40,any,0,3297977305,0x0,"
    "10.0.0.0_10.255.255.255,10.0.0.0_10.255.255.255,0,7,5";

/// A TRAFFIC record in the PAN-OS 9.1 field order, ending `reason` (field 46), then the
/// Device Group Hierarchy and the names that follow it.
std::string traffic_record(std::string_view reason, std::string_view destination = "203.0.113.10",
                           std::string_view type = "TRAFFIC") {
    return "1,2023/08/08 16:07:21,012801096514," + std::string(type) +
           ",end,2561,2023/08/08 16:07:20,10.1.1.20," + std::string(destination) +
           ",198.51.100.1,203.0.113.10,allow-web,example\\alice,,ssl,vsys1,trust,untrust,"
           "ethernet1/2,ethernet1/1,Forward,2023/08/08 16:07:21,33141,1,51234,443,40211,443,"
           "0x400053,tcp,allow,5940,1220,4720,16,2023/08/08 16:07:19,1,computer-and-internet-info,"
           "0,7269471,0x0,10.0.0.0-10.255.255.255,United States,0,9,7," +
           std::string(reason) + ",0,0,0,0,,PA-850-TOKYO,from-policy";
}

constexpr std::string_view k_header =
    "Receive Time,Type,Threat/Content Type,Config Version,Generate Time,Source address,"
    "Destination address,NAT Source IP,NAT Destination IP,Rule,Source User,Destination User,"
    "Application,Virtual System,Source Zone,Destination Zone,Destination Port,IP Protocol,Action,"
    "Bytes,Session End Reason,Device Name";

using fed = test_support::fed_events;

/// `text` through the line pump (BOM, CRLF) and the feeder.
fed feed_text(const std::string& text) {
    return test_support::feed_text<parser::traffic_log_feeder>(text, "traffic.csv");
}

using field_list = std::vector<std::pair<std::string, std::string>>;

const model::record_event& record_of(const model::log_event& ev) {
    static const model::record_event none;
    const model::record_event* r = model::record_of(ev.what);
    if (r == nullptr) {
        ADD_FAILURE() << "not a record";
        return none;
    }
    return *r;
}

TEST(TrafficLog, RawAndSyslogRowsByPosition) {
    const fed f =
        feed_text(traffic_record("decrypt-cert-validation") + "\n" +
                  "<14>Aug  8 16:07:21 PA-850-TOKYO.example.com " +
                  traffic_record("decrypt-unsupport-param", "2001:db8::10") + "\n" +
                  "Aug  8 16:07:22 PA-850-TOKYO " + traffic_record("decrypt-error") + "\n");
    expect_stats(f.stats,
                 {.physical_lines = 3u, .recognized = 3u, .unrecognized = 0u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 3u);
    const model::log_event& first = f.events[0];
    EXPECT_EQ(first.where, (model::source_line{0, 1, 1}));
    EXPECT_EQ(first.time.iso8601(), "2023-08-08T16:07:20"); // Generated Time
    EXPECT_EQ(first.key.kind, model::correlation::by::none);
    EXPECT_FALSE(first.key.summary);
    EXPECT_EQ(first.text, "10.1.1.20 -> 203.0.113.10:443 ssl decrypt-cert-validation");
    EXPECT_EQ(record_of(first).log, "traffic-log");
    EXPECT_EQ(record_of(first).fields,
              (field_list{{"subtype", "end"},
                          {"session_end_reason", "decrypt-cert-validation"},
                          {"source_address", "10.1.1.20"},
                          {"destination_address", "203.0.113.10"},
                          {"destination_port", "443"},
                          {"application", "ssl"},
                          {"rule", "allow-web"},
                          {"source_user", "example\\alice"},
                          {"protocol", "tcp"},
                          {"action", "allow"},
                          {"vsys", "vsys1"}}));
    EXPECT_EQ(f.events[1].text, "10.1.1.20 -> [2001:db8::10]:443 ssl decrypt-unsupport-param");
    ASSERT_NE(record_of(f.events[2]).field("session_end_reason"), nullptr);
    EXPECT_EQ(*record_of(f.events[2]).field("session_end_reason"), "decrypt-error");
}

TEST(TrafficLog, HeaderExportByName) {
    const std::string row =
        "2023/08/08 16:07:21,TRAFFIC,end,0,2023/08/08 16:07:20,10.1.1.20,203.0.113.10,0.0.0.0,"
        "0.0.0.0,allow-web,,,ssl,vsys1,trust,untrust,443,tcp,allow,5940,decrypt-cert-validation,"
        "PA-850-TOKYO";
    const std::string other_type = "2023/08/08 16:07:22,THREAT,url,0,2023/08/08 16:07:20,10.1.1.20,"
                                   "203.0.113.10,,,allow-web,,,ssl,vsys1,trust,untrust,443,tcp,"
                                   "alert,0,,PA-850-TOKYO";
    const fed f = feed_text("\xEF\xBB\xBF" + std::string(k_header) + "\r\n" + row + "\r\n" +
                            other_type + "\r\n");
    expect_stats(f.stats,
                 {.physical_lines = 3u, .recognized = 1u, .unrecognized = 2u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 1u);
    EXPECT_EQ(f.events[0].where.line, 2u);
    EXPECT_EQ(f.events[0].time.iso8601(), "2023-08-08T16:07:20");
    EXPECT_EQ(record_of(f.events[0]).fields,
              (field_list{{"subtype", "end"},
                          {"session_end_reason", "decrypt-cert-validation"},
                          {"source_address", "10.1.1.20"},
                          {"destination_address", "203.0.113.10"},
                          {"destination_port", "443"},
                          {"application", "ssl"},
                          {"rule", "allow-web"},
                          {"protocol", "tcp"},
                          {"action", "allow"},
                          {"vsys", "vsys1"}}));
}

TEST(TrafficLog, HeaderNamesAreComparedWithoutCaseAndBlanks) {
    const fed f = feed_text("SESSION END REASON,sourceaddress,Destination Address,receive time\n"
                            "decrypt-error,10.1.1.20,203.0.113.10,2023/08/08 16:07:21\n");
    expect_stats(f.stats, {.recognized = 1u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 1u);
    EXPECT_EQ(f.events[0].time.iso8601(), "2023-08-08T16:07:21"); // Receive Time as the fallback
    EXPECT_EQ(f.events[0].text, "10.1.1.20 -> 203.0.113.10 decrypt-error");
}

TEST(TrafficLog, TheRealSumoRowIsTooShortForTheSessionEndReason) {
    const std::string sumo(k_sumo);
    const fed f = feed_text(sumo + "\n");
    expect_stats(f.stats, {.recognized = 0u, .malformed = 1u});
    ASSERT_EQ(f.stats.problems.size(), 1u);
    expect_diagnostic(
        f.stats.problems[0],
        {.code = "log-malformed",
         .message = "traffic log entry not understood: expected at least 47 fields, found 46",
         .file = "traffic.csv",
         .line = 1u,
         .column = sumo.size() + 1});
}

TEST(TrafficLog, UnreadableGeneratedTimeIsMalformedAtItsColumn) {
    std::string row = traffic_record("decrypt-error");
    const std::size_t at = row.find("2023/08/08 16:07:20");
    row.replace(at, 19, "2023/08/08 25:07:20");
    const std::string line = "<14>Aug  8 16:07:21 fw " + row;
    const fed f = feed_text("\n" + line + "\n");
    expect_stats(f.stats, {.recognized = 0u, .unrecognized = 1u, .malformed = 1u});
    ASSERT_EQ(f.stats.problems.size(), 1u);
    expect_diagnostic(
        f.stats.problems[0],
        {.message = "traffic log entry not understood: unreadable time \"2023/08/08 25:07:20\"",
         .line = 2u,
         .column = line.find("2023/08/08 25:07:20") + 1});
}

TEST(TrafficLog, OtherTypesAndLinesAreNoise) {
    const fed f = feed_text(traffic_record("threat", "203.0.113.10", "THREAT") + "\n" +
                            "1,2023/08/08 16:07:21,012801096514,SYSTEM,general,0\n"
                            "random text\n");
    expect_stats(f.stats, {.recognized = 0u, .unrecognized = 3u, .malformed = 0u});
}

// Detection ----------------------------------------------------------------------------------

TEST(TrafficLogDetection, LooksLikeTrafficLog) {
    EXPECT_TRUE(parser::looks_like_traffic_log(traffic_record("decrypt-error")));
    EXPECT_TRUE(parser::looks_like_traffic_log(k_sumo));
    EXPECT_TRUE(parser::looks_like_traffic_log("\xEF\xBB\xBF" + std::string(k_header) + "\r"));
    EXPECT_FALSE(parser::looks_like_traffic_log(traffic_record("x", "y", "THREAT")));
    EXPECT_FALSE(parser::looks_like_traffic_log("Domain,Receive Time,Serial #,Type,Threat/Content "
                                                "Type,Event ID,Object,Severity,Description"));
    EXPECT_FALSE(parser::looks_like_traffic_log(""));
}

TEST(TrafficLogDetection, TrafficSystemAndIkemgrEachGoToTheirFormat) {
    const std::string traffic = traffic_record("decrypt-cert-validation");
    const std::string system =
        "1,2021/07/06 18:52:41,012801096514,SYSTEM,vpn,0,2021/07/06 18:52:41,,ike-nego-p1-fail-psk,"
        "GW,0,0,general,high,\"IKE phase-1 negotiation is failed likely due to pre-shared key "
        "mismatch.\",6920,0x0,0,0,0,0,,PA-850-TOKYO";

    const auto t = test_support::read_log_text(traffic + "\n" + traffic + "\n", "traffic.csv");
    expect_stats(t.stats, {.format = "traffic-log", .recognized = 2u});
    const auto h = test_support::read_log_text(std::string(k_header) + "\n", "traffic.csv");
    expect_stats(h.stats, {.format = "traffic-log"});

    const auto s = test_support::read_log_text(system + "\n", "system.csv");
    expect_stats(s.stats, {.format = "system-log", .recognized = 1u});
    // One syslog stream of every type: a SYSTEM record among the first lines keeps it the
    // system log's (its TRAFFIC rows are noise there).
    const auto mixed = test_support::read_log_text(traffic + "\n" + system + "\n", "all.log");
    expect_stats(mixed.stats, {.format = "system-log", .recognized = 1u, .unrecognized = 1u});

    const auto i = test_support::read_log_text(
        "2021-07-06 18:35:17.861 +0900  [DEBG]: {    9:     }: Compared: DB:Peer\n", "ikemgr.log");
    expect_stats(i.stats, {.format = "ikemgr"});
}

} // namespace
