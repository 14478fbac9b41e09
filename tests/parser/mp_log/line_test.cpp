// The management-plane line layout (parser/mp_log/line.hpp) on the articles' own lines, and
// the way the articles glue them together.

#include "parser/mp_log/line.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace ikediff::parser::mp_log;

TEST(MpLogLine, ATimestampedEntryHasEveryPart) {
    // mlav-cloud-connection-ja, devsrv.log.
    const entry e = read_entry("2023-08-28 13:36:24.606 -0400 Error: verify_cb(pan_ssl_curl_utils.c:652): Failed to "
                               "validate x509 cert from ctx: (20) unable to get local issuer certificate");
    ASSERT_TRUE(e.time.has_value());
    EXPECT_EQ(e.time->iso8601(), "2023-08-28T13:36:24.606-04:00");
    EXPECT_EQ(e.level, "Error");
    EXPECT_EQ(e.function, "verify_cb");
    EXPECT_EQ(e.source, "pan_ssl_curl_utils.c:652");
    EXPECT_EQ(e.message, "Failed to validate x509 cert from ctx: (20) unable to get local issuer certificate");
}

TEST(MpLogLine, TimestampLevelAndLocationAreEachOptional) {
    // userid-server-monitor-ja quotes lines without a timestamp.
    entry e = read_entry("Error: pan_user_id_krb5_init_ticket(pan_user_id_win.c:2062): failed to get krb5 tgt ticket "
                         "with error -1765328228.");
    EXPECT_FALSE(e.time.has_value());
    EXPECT_EQ(e.function, "pan_user_id_krb5_init_ticket");
    EXPECT_EQ(e.message, "failed to get krb5 tgt ticket with error -1765328228.");
    EXPECT_TRUE(e.laid_out());
    // mlav-cloud-connection-ja: a line with neither level nor location.
    e = read_entry("2020-08-12 15:37:02.203 +0800 mlav force_reconnect is true");
    ASSERT_TRUE(e.time.has_value());
    EXPECT_EQ(e.level, "");
    EXPECT_EQ(e.message, "mlav force_reconnect is true");
    EXPECT_TRUE(e.laid_out());
    // CLI output pasted with the lines has no layout.
    e = read_entry("Server error : No active inter LC connections found.");
    EXPECT_FALSE(e.laid_out());
    EXPECT_EQ(e.message, "Server error : No active inter LC connections found.");
}

TEST(MpLogLine, BlanksAndMicrosecondsVary) {
    const entry e = read_entry("2024-02-08  18:10:00.412345   +0900 Error:  f_1(dir/x.c:7):   text  ");
    ASSERT_TRUE(e.time.has_value());
    EXPECT_EQ(e.time->iso8601(), "2024-02-08T18:10:00.412+09:00");
    EXPECT_EQ(e.source, "dir/x.c:7");
    EXPECT_EQ(e.message, "text");
}

std::vector<std::string> pieces_of(std::string_view line) {
    std::vector<piece> pieces;
    split_entries(line, pieces);
    std::vector<std::string> out;
    for (const piece& p : pieces) {
        out.push_back(std::to_string(p.column) + "|" + std::string(p.text));
    }
    return out;
}

TEST(MpLogLine, GluedEntriesAreCutAtTheirTimestamps) {
    // mlav-cloud-connection-ja glues devsrv.log entries one behind the other.
    const std::string line = "2023-08-28 13:21:23.813 -0400 Error: pan_mlav_get_metadata(pan_mlav_cloud.c:1667): Failed to "
                             "send metadata query 2023-08-28 13:36:23.882 -0400 Error: pan_mlav_get_ver_from_file("
                             "pan_mlav_cloud.c:187): Failed to open file[/opt/pancfg/mgmt/content/pan_threatversion]";
    const auto p = pieces_of(line);
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[0], "0|2023-08-28 13:21:23.813 -0400 Error: pan_mlav_get_metadata(pan_mlav_cloud.c:1667): Failed to "
                    "send metadata query");
    EXPECT_EQ(p[1].substr(0, 30), "113|2023-08-28 13:36:23.882 -0");
}

TEST(MpLogLine, GluedEntriesWithoutTimestampsAreCutAtTheirLevelAndLocation) {
    // userid-server-monitor-ja: the Kerberos lines behind Japanese text.
    const auto p = pieces_of("をクリックします。Error: pan_user_id_krb5_init_ticket(pan_user_id_win.c:2062): failed to get "
                             "krb5 tgt ticket with error -1765328228. Error: pan_user_id_krb5_init_ticket(pan_user_id_win."
                             "c:2076): failed to get krb5 tgt ticket with error -1765328366.");
    ASSERT_EQ(p.size(), 3u);
    EXPECT_EQ(p[0], "0|をクリックします。");
    EXPECT_EQ(p[1].substr(p[1].find('|')), "|Error: pan_user_id_krb5_init_ticket(pan_user_id_win.c:2062): failed to "
                                           "get krb5 tgt ticket with error -1765328228.");
    EXPECT_EQ(p[2].substr(p[2].find('|') + 1, 6), "Error:");
}

TEST(MpLogLine, AnEntrysOwnLevelAndAWordLikeALevelDoNotCut) {
    EXPECT_EQ(pieces_of("2024-02-08 18:10:00.412 +0900 Error: f(x.c:1): an Error: in the text").size(), 1u);
    EXPECT_EQ(pieces_of("Error: f(x.c:1): says Error: g(y.c:2): too").size(), 2u);
    EXPECT_EQ(pieces_of("Error: f(x.c:1): at 2024-02-08 18:10 only").size(), 1u);
}

TEST(MpLogLine, FamiliesComeFromTheFileName) {
    EXPECT_EQ(family_of("ms.log"), "ms.log");
    EXPECT_EQ(family_of("ms.log.1"), "ms.log");
    EXPECT_EQ(family_of("devsrvr.log.2.gz"), "devsrv.log");
    EXPECT_EQ(family_of("devsrv.log"), "devsrv.log");
    EXPECT_EQ(family_of("user-id.log"), "useridd.log");
    EXPECT_EQ(family_of("useridd.log.gz"), "useridd.log");
    EXPECT_EQ(family_of("configd.log"), "configd.log");
    EXPECT_EQ(family_of("ikemgr.log"), "");
    EXPECT_EQ(family_of("ms.log.bak"), "");
}

} // namespace
