// The management-plane log format: detection, the records it makes, and the prefilter: the
// lines a literal set names are the only ones read, the others counted, and what the rules
// would see is the same as without it (differential).

#include "parser/io/byte_source.hpp"
#include "parser/io/literal_set.hpp"
#include "parser/log_reader.hpp"
#include "parser/mp_log/format.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace ikediff;

struct read_back {
    parser::input_stats stats;
    std::vector<model::log_event> events;
};

read_back read_text(const std::string& text, const std::string& name, const parser::literal_set* interest = nullptr) {
    read_back r;
    r.stats.name = name;
    parser::memory_source source(text);
    std::string error;
    EXPECT_TRUE(parser::read_log(
        source, 0, r.stats, [&](model::log_event&& e) { r.events.push_back(std::move(e)); }, error,
        parser::format_registry::built_in(), interest))
        << error;
    return r;
}

std::string message_of(const model::log_event& e) {
    const model::record_event* r = model::record_of(e.what);
    return r != nullptr && r->field("message") != nullptr ? *r->field("message") : "<none>";
}

TEST(MpLogFormat, DetectsTheLayoutButNotPanOs7IkemgrDebugLines) {
    const parser::log_format* f = parser::format_of_head(
        "admin@fw> less mp-log ms.log\nError: pan_async_ssl_verify_conn(cs_async_ssl.c:146): Authorization of the "
        "incoming client failed.\n");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->name(), "mp-log");
    f = parser::format_of_head("2016-03-01 14:32:24.890 +0800 debug: pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): "
                               "IKEv2 SA state {GW:6-I}: SA dying from state ESTABLISHED\n");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->name(), "ikemgr");
    // configd commits IKE gateways: its functions name IKE, it is no IKE daemon.
    f = parser::format_of_head("2024-02-08 18:00:00.000 +0900 debug: pan_cfg_commit_ike_gateways(pan_cfg_ike.c:410): "
                               "commit\n2024-02-08 18:00:01.000 +0900 Error: pan_cfg_sc_verify(pan_cfg_sc.c:120): SSL "
                               "verification error, err: 55\n");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(f->name(), "mp-log");
}

TEST(MpLogFormat, EntriesAreRecordsOfTheFamilyTheNameSays) {
    const read_back r = read_text("2023-08-28 13:36:24.605 -0400 Error: verify_cb(pan_ssl_curl_utils.c:643): Basic "
                                  "Validation of x509 cert Fail ; Code : 20\r\n\r\nplain words\r\n",
                                  "var/log/pan/devsrvr.log.1");
    ASSERT_EQ(r.events.size(), 2u);
    const model::record_event* rec = model::record_of(r.events[0].what);
    ASSERT_NE(rec, nullptr);
    EXPECT_EQ(rec->log, "devsrv.log");
    EXPECT_EQ(*rec->field("function"), "verify_cb");
    EXPECT_EQ(*rec->field("source"), "pan_ssl_curl_utils.c:643");
    EXPECT_EQ(r.events[0].key.kind, model::correlation::by::none);
    EXPECT_TRUE(rec->has_time);
    EXPECT_FALSE(model::record_of(r.events[1].what)->has_time);
    EXPECT_EQ(r.stats.physical_lines, 3u);
    EXPECT_EQ(r.stats.recognized, 2u);
    EXPECT_EQ(r.stats.unrecognized, 1u); // the empty line
}

TEST(MpLogFormat, GluedEntriesKeepTheirColumns) {
    const read_back r = read_text("Error: f(a.c:1): one Error: g(b.c:2): two\n", "ms.log");
    ASSERT_EQ(r.events.size(), 2u);
    EXPECT_EQ(r.events[1].where.line, 1u);
    EXPECT_EQ(r.events[1].where.column, 22u);
    EXPECT_EQ(message_of(r.events[1]), "two");
    EXPECT_EQ(r.stats.lines, 2u);
}

/// A log of `n` lines where every 97th names the literal `tgt ticket`, some of them with
/// CRLF or glued behind another entry, long enough to span several chunks.
std::string mixed_log(std::size_t n) {
    std::string text;
    for (std::size_t i = 0; i < n; ++i) {
        text += "2024-02-08 18:10:00.412 +0900 ";
        if (i % 97 == 0) {
            text += "Error: pan_user_id_krb5_init_ticket(pan_user_id_win.c:2062): failed to get krb5 tgt ticket "
                    "with error -17653282" + std::to_string(i % 100);
        } else if (i % 89 == 0) {
            text += "Error: a(b.c:1): first Error: c(d.c:2): second tgt ticket glued " + std::to_string(i);
        } else {
            text += "debug: pan_user_id_poll(pan_user_id_win.c:" + std::to_string(i) + "): polled server " +
                    std::string(i % 13 == 0 ? 400 : 40, 'x');
        }
        text += i % 7 == 0 ? "\r\n" : "\n";
    }
    return text;
}

TEST(MpLogFormat, ThePrefilterReadsTheLinesItNamesAndCountsTheRest) {
    const std::string text = mixed_log(4000); // ~ 600 KB: literals meet chunk ends
    const parser::literal_set interest({"tgt ticket"});
    const read_back all = read_text(text, "useridd.log");
    const read_back some = read_text(text, "useridd.log", &interest);
    // Every line reached the rules either way that holds the literal: same messages, same
    // places.
    std::vector<std::pair<std::uint64_t, std::string>> wanted;
    for (const auto& e : all.events) {
        if (message_of(e).find("tgt ticket") != std::string::npos) {
            wanted.emplace_back(e.where.line * 1000 + e.where.column, message_of(e));
        }
    }
    std::vector<std::pair<std::uint64_t, std::string>> got;
    for (const auto& e : some.events) {
        if (message_of(e).find("tgt ticket") != std::string::npos) {
            got.emplace_back(e.where.line * 1000 + e.where.column, message_of(e));
        }
    }
    EXPECT_EQ(got, wanted);
    EXPECT_GT(got.size(), 80u);
    EXPECT_LT(some.events.size(), all.events.size() / 10);
    EXPECT_EQ(some.stats.physical_lines, 4000u);
    EXPECT_EQ(all.stats.physical_lines, 4000u);
    EXPECT_EQ(some.stats.recognized + some.stats.unrecognized, some.stats.lines);
}

TEST(MpLogFormat, ThePrefilterCountsLinesRightWithoutAFinalNewline) {
    const parser::literal_set interest({"needle"});
    const read_back r = read_text("Error: a(b.c:1): hay\nError: a(b.c:2): needle\nError: a(b.c:3): hay", "ms.log",
                                  &interest);
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].where.line, 2u);
    EXPECT_EQ(r.stats.physical_lines, 3u);
}

} // namespace
