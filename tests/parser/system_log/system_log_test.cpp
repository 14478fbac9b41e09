// parser::system_log_feeder and the format detection of parser::read_log: PAN-OS system log
// rows (GUI CSV export with a header, raw CSV, syslog-forwarded) in, events out.

#include "parser/log_reader.hpp"
#include "parser/io/line_pump.hpp"
#include "parser/system_log/system_log.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace {

using namespace ikediff;
using test_support::expect_diagnostic;
using test_support::expect_stats;
using test_support::read_log_fixture;
using test_support::read_outcome;
using e = model::event_code;

// Building rows -----------------------------------------------------------------------------

constexpr std::string_view k_gui_header =
    "Domain,Receive Time,Serial #,Type,Threat/Content Type,Config Version,Generate Time,Virtual "
    "System,"
    "Event ID,Object,FUTURE_USE,FUTURE_USE,Module,Severity,Description,Sequence Number,Action "
    "Flags,"
    "Device Group Hierarchy Level 1,Device Group Hierarchy Level 2,Device Group Hierarchy Level 3,"
    "Device Group Hierarchy Level 4,Virtual System Name,Device Name";

/// What one system log entry says.
struct row_spec {
    std::string event_id;
    std::string object;
    std::string description;
    std::string severity = "high";
    std::string type = "SYSTEM";
    std::string subtype = "vpn";
    std::string generated = "2021/07/06 18:35:17";
};

/// A CSV field as PAN-OS writes it: quoted only when it must be.
std::string csv_quote(std::string_view text) {
    if (text.find_first_of(",\"") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

/// The syslog field order of log-formats.md section 5 (23 fields, PAN-OS 9.x).
std::string record(const row_spec& r, bool quote_description = false) {
    std::string description =
        quote_description ? "\"" + r.description + "\"" : csv_quote(r.description);
    if (quote_description && r.description.find('"') != std::string::npos) {
        description = csv_quote(r.description);
    }
    return "1,2021/07/06 18:35:18,012801096514," + r.type + "," + r.subtype + ",0," + r.generated +
           ",," + r.event_id + "," + r.object + ",0,0,general," + r.severity + "," + description +
           ",6920507,0x8000000000000000,0,0,0,0,,PA-850-TOKYO";
}

/// The three layouts of a system log.
enum class layout { header_csv, raw_csv, syslog };

std::string layout_name(layout l) {
    switch (l) {
    case layout::header_csv:
        return "HeaderCsv";
    case layout::raw_csv:
        return "RawCsv";
    case layout::syslog:
        return "Syslog";
    }
    return "?";
}

constexpr std::string_view k_high_res = "2021-07-06T18:35:17.869+09:00";

/// One row as a line of `l` (the header row, if any, is separate: `lines_of`).
std::string line_of(layout l, const row_spec& r) {
    switch (l) {
    case layout::header_csv:
        return record(r, true); // the GUI export quotes descriptions
    case layout::raw_csv:
        return record(r) + ",,," + std::string(k_high_res); // PAN-OS 10.x: field 25
    case layout::syslog:
        return "<14>Jul  6 18:35:18 PA-850-TOKYO.example.com " + record(r);
    }
    return {};
}

std::vector<std::string> lines_of(layout l, const std::vector<row_spec>& rows) {
    std::vector<std::string> out;
    if (l == layout::header_csv) {
        out.emplace_back(k_gui_header);
    }
    for (const row_spec& r : rows) {
        out.push_back(line_of(l, r));
    }
    return out;
}

// Feeding -----------------------------------------------------------------------------------

using fed = test_support::fed_events;

fed feed_lines(const std::vector<std::string>& lines, std::uint32_t input_index = 0) {
    std::string text;
    for (const std::string& line : lines) {
        text += line;
        text += '\n';
    }
    // Through the line pump, which removes a BOM and the CR of CRLF for every format.
    return test_support::feed_text<parser::system_log_feeder>(text, "system.csv", input_index);
}

const model::system_event& system_of(const model::log_event& event) {
    static const model::system_event k_none;
    const auto* se = model::system_entry(event.what);
    EXPECT_NE(se, nullptr);
    return se != nullptr ? *se : k_none;
}

std::string code_name(const model::log_event& event) {
    return event.code ? std::string(model::to_string(*event.code)) : std::string("none");
}

std::string name_of(e code) {
    return std::string(model::to_string(code));
}

/// The event's proxy id, field by field, so a failure names the field (`proxy->remote`).
void expect_proxy_id(const model::log_event& event, const model::proxy_id_event& want,
                     std::source_location where = std::source_location::current()) {
    const auto trace = test_support::trace_caller(where);
    const auto& proxy = system_of(event).proxy_id;
    ASSERT_TRUE(proxy.has_value());
    EXPECT_EQ(proxy->local, want.local);
    EXPECT_EQ(proxy->remote, want.remote);
    EXPECT_EQ(proxy->protocol, want.protocol);
}

// Guide patterns and documented descriptions, in each layout ----------------------------------

class SystemLogLayouts : public ::testing::TestWithParam<layout> {
protected:
    /// Feeds one row in the layout under test; the one event it must produce.
    model::log_event one_event(const row_spec& r) {
        const fed f = feed_lines(lines_of(GetParam(), {r}));
        const std::uint64_t header_lines = GetParam() == layout::header_csv ? 1 : 0;
        expect_stats(f.stats, {.physical_lines = 1 + header_lines, .lines = 1 + header_lines,
                               .recognized = 1u, .unrecognized = header_lines, .malformed = 0u});
        EXPECT_TRUE(f.stats.problems.empty());
        if (f.events.size() != 1) {
            ADD_FAILURE() << "expected one event, got " << f.events.size();
            return {};
        }
        EXPECT_EQ(f.events[0].where, (model::source_line{0, 1 + header_lines, 1}));
        EXPECT_EQ(f.events[0].text, r.description);
        EXPECT_EQ(system_of(f.events[0]).event_id, r.event_id);
        EXPECT_EQ(system_of(f.events[0]).object, r.object);
        return f.events[0];
    }

    /// The event's time as each layout gives it.
    std::string expected_time() const {
        return GetParam() == layout::raw_csv ? std::string(k_high_res) : "2021-07-06T18:35:17";
    }
};

TEST_P(SystemLogLayouts, GuidePattern1ConfigurationNotFound) {
    const auto ev =
        one_event({"ike-nego-p1-fail-common", "",
                   "IKE phase-1 negotiation is failed. Couldn't find configuration for IKE phase-1 "
                   "request for peer IP 200.100.1.254[500]."});
    EXPECT_EQ(code_name(ev), name_of(e::configuration_not_found));
    ASSERT_TRUE(ev.peer.has_value());
    EXPECT_EQ(*ev.peer, (model::endpoint{"200.100.1.254", 500}));
    EXPECT_FALSE(ev.local.has_value());
    EXPECT_FALSE(ev.gateway.has_value()); // no gateway matched: the Object column is empty
    EXPECT_EQ(ev.level, "high");
    EXPECT_EQ(ev.time.iso8601(), expected_time());
    EXPECT_FALSE(ev.context.has_value());
    EXPECT_FALSE(system_of(ev).role.has_value());
}

TEST_P(SystemLogLayouts, GuidePattern2Timeout) {
    const auto ev = one_event(
        {"ike-nego-p1-fail", "GW-VPN-DEVICE",
         "IKE phase-1 negotiation is failed as initiator, main mode. Failed SA: "
         "200.100.5.1[500]-200.100.1.254[500] cookie:02f293d180b306a3:0000000000000000. Due "
         "to timeout."});
    EXPECT_EQ(code_name(ev), name_of(e::phase1_time_up));
    ASSERT_TRUE(ev.local.has_value());
    ASSERT_TRUE(ev.peer.has_value());
    EXPECT_EQ(*ev.local, (model::endpoint{"200.100.5.1", 500}));
    EXPECT_EQ(*ev.peer, (model::endpoint{"200.100.1.254", 500}));
    EXPECT_EQ(ev.gateway, std::optional<std::string>("GW-VPN-DEVICE"));
    const auto& se = system_of(ev);
    EXPECT_EQ(se.role, std::optional<model::role>(model::role::initiator));
    EXPECT_EQ(se.exchange, std::optional<model::exchange>(model::exchange::main));
    EXPECT_EQ(se.initiator_cookie, std::optional<std::string>("02f293d180b306a3"));
    EXPECT_EQ(se.responder_cookie, std::optional<std::string>("0000000000000000"));
    EXPECT_FALSE(se.proxy_id.has_value());
    EXPECT_FALSE(se.mismatch.has_value());
    EXPECT_EQ(ev.time.iso8601(), expected_time());
}

TEST_P(SystemLogLayouts, GuidePattern3NoSuitableProposalInPeersSaPayload) {
    // As the guide prints it (curly apostrophe) and as log-formats.md does (straight).
    for (const std::string_view apostrophe : {"\xE2\x80\x99", "'"}) {
        const std::string description =
            "IKE phase-1 negotiation is failed. no suitable proposal found in peer" +
            std::string(apostrophe) + "s SA payload.";
        const auto ev = one_event({"ike-nego-p1-fail-common", "GW-VPN-DEVICE", description});
        EXPECT_EQ(code_name(ev), name_of(e::peer_sa_unusable));
        EXPECT_FALSE(ev.peer.has_value());
        EXPECT_FALSE(ev.local.has_value());
        EXPECT_EQ(ev.gateway, std::optional<std::string>("GW-VPN-DEVICE"));
    }
}

TEST_P(SystemLogLayouts, GuidePattern4PreSharedKey) {
    const auto ev =
        one_event({"ike-nego-p1-fail-psk", "GW-VPN-DEVICE",
                   "IKE phase-1 negotiation is failed likely due to pre-shared key mismatch."});
    EXPECT_EQ(code_name(ev), name_of(e::psk_mismatch_likely));
    EXPECT_FALSE(ev.peer.has_value());
    EXPECT_EQ(ev.gateway, std::optional<std::string>("GW-VPN-DEVICE"));
}

TEST_P(SystemLogLayouts, PhaseTwoDeleteSent) {
    const auto ev =
        one_event({"ike-send-p2-delete", "To-FOO-BAR-NET",
                   "IKE protocol IPSec SA delete message sent to peer. SPI:0xA1CD910F."});
    EXPECT_EQ(code_name(ev), name_of(e::phase2_delete_sent));
    EXPECT_EQ(system_of(ev).spi, std::optional<std::string>("0xA1CD910F"));
    // A phase 2 entry's Object is the IPsec tunnel, not the IKE gateway.
    EXPECT_EQ(ev.ipsec_tunnel, std::optional<std::string>("To-FOO-BAR-NET"));
    EXPECT_FALSE(ev.gateway.has_value());
}

TEST_P(SystemLogLayouts, EncryptionNotPresented) {
    const auto ev = one_event(
        {"ikev2-nego-enc-mismatch", "GW-NAGOYA",
         "[GW-NAGOYA]: Configured encryption algorithm 'AES256-CBC' was not presented in the "
         "IKE proposal."});
    EXPECT_EQ(code_name(ev), name_of(e::encryption_not_presented));
    EXPECT_EQ(system_of(ev).configured_encryption, std::optional<std::string>("AES256-CBC"));
    EXPECT_EQ(ev.gateway, std::optional<std::string>("GW-NAGOYA"));
}

TEST_P(SystemLogLayouts, GenericNoProposalChosen) {
    const auto ev = one_event({"ike-generic-event", "GW-NAGOYA", "no proposal chosen."});
    EXPECT_EQ(code_name(ev), name_of(e::no_proposal_chosen));
}

TEST_P(SystemLogLayouts, DpdDownPhase1AndIkev2) {
    const auto v1 =
        one_event({"ike-generic-event", "GW-OSAKA", "IKE phase-1 SA is down determined by DPD."});
    EXPECT_EQ(code_name(v1), name_of(e::dpd_down));
    EXPECT_EQ(v1.gateway, std::optional<std::string>("GW-OSAKA"));
    const auto v2 =
        one_event({"ike-generic-event", "GW-FUKUOKA", "IKEv2 IKE SA is down determined by DPD."});
    EXPECT_EQ(code_name(v2), name_of(e::dpd_down));
}

TEST_P(SystemLogLayouts, ProxyIdRejectedWithCommasInTheDescription) {
    const auto ev =
        one_event({"ike-nego-p2-fail", "To-AZURE-VNET",
                   "IKE phase-2 negotiation failed when processing Proxy ID. Received local id "
                   "192.168.60.0/24 type IPv4 address protocol 0 port 0, received remote id "
                   "192.168.10.0/24 type IPv4 address protocol 0 port 0."});
    EXPECT_EQ(code_name(ev), name_of(e::proxy_id_rejected));
    expect_proxy_id(ev,
                    {.local = "192.168.60.0/24", .remote = "192.168.10.0/24", .protocol = "any"});
}

TEST_P(SystemLogLayouts, PhaseTwoNoSuitableProposal) {
    const auto ev = one_event(
        {"ike-nego-p2-fail", "TUN-TOKYO",
         "IKE phase-2 negotiation failed when processing SA payload. No suitable proposal "
         "found in peer's SA payload."});
    EXPECT_EQ(code_name(ev), name_of(e::no_suitable_policy));
}

TEST_P(SystemLogLayouts, UnableToProcessPeersSaPayload) {
    const auto ev =
        one_event({"ike-nego-p1-fail-common", "GW-TOKYO",
                   "IKE phase-1 negotiation is failed. Unable to process peer's SA payload."});
    EXPECT_EQ(code_name(ev), name_of(e::peer_sa_unusable));
}

TEST_P(SystemLogLayouts, UnencryptedNotifyNamesPeerThenLocal) {
    const auto ev = one_event(
        {"ike-generic-event", "GW-TOKYO",
         "Received unencrypted notify payload (no proposal chosen) from IP 198.51.100.7[500] to "
         "200.100.5.1[500], ignored..."});
    EXPECT_EQ(code_name(ev), name_of(e::no_proposal_chosen));
    ASSERT_TRUE(ev.peer.has_value());
    ASSERT_TRUE(ev.local.has_value());
    EXPECT_EQ(*ev.peer, (model::endpoint{"198.51.100.7", 500}));
    EXPECT_EQ(*ev.local, (model::endpoint{"200.100.5.1", 500}));
}

TEST_P(SystemLogLayouts, PfsGroupMismatched) {
    const auto ev =
        one_event({"ike-generic-event", "TUN-TOKYO", "pfs group mismatched:my: 2peer: 0"});
    EXPECT_EQ(code_name(ev), name_of(e::phase2_mismatched));
    const auto& mismatch = system_of(ev).mismatch;
    ASSERT_TRUE(mismatch.has_value());
    EXPECT_EQ(mismatch->attribute, model::phase2_attribute::pfs_group);
    EXPECT_EQ(mismatch->mine, "2");
    EXPECT_EQ(mismatch->peer, "0");
}

TEST_P(SystemLogLayouts, DescriptionWithDoubledQuotes) {
    const auto ev = one_event(
        {"ikev2-nego-enc-mismatch", "GW-NAGOYA",
         "[GW-NAGOYA]: Configured encryption algorithm \"AES256-CBC\" was not presented in the "
         "IKE proposal, received \"AES128-CBC\"."});
    EXPECT_EQ(code_name(ev), name_of(e::encryption_not_presented));
    EXPECT_EQ(system_of(ev).configured_encryption, std::optional<std::string>("AES256-CBC"));
}

TEST_P(SystemLogLayouts, NonVpnSystemRowIsARecord) {
    row_spec general{"general", "", "User admin logged in via Web from 10.0.0.5 using https",
                     "informational"};
    general.subtype = "general";
    const fed f = feed_lines(lines_of(GetParam(), {general}));
    const std::uint64_t header_lines = GetParam() == layout::header_csv ? 1 : 0;
    expect_stats(f.stats, {.recognized = 1u, .unrecognized = header_lines, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 1u);
    const model::record_event* record = model::record_of(f.events[0].what);
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->log, "system-log");
    EXPECT_EQ(record->fields, (std::vector<std::pair<std::string, std::string>>{
                                  {"subtype", "general"},
                                  {"event_id", "general"},
                                  {"module", "general"},
                                  {"severity", "informational"},
                                  {"description", general.description}}));
    EXPECT_EQ(f.events[0].key.kind, model::correlation::by::none);
    EXPECT_FALSE(f.events[0].key.summary);
    EXPECT_EQ(f.events[0].level, "informational");
    EXPECT_EQ(f.events[0].text, general.description);
    EXPECT_EQ(f.events[0].where, (model::source_line{0, 1 + header_lines, 1}));
    EXPECT_EQ(f.events[0].time.iso8601(), expected_time());
    EXPECT_FALSE(f.events[0].code.has_value());
}

TEST_P(SystemLogLayouts, TrafficRowIsNoise) {
    row_spec traffic{"x", "", "y"};
    traffic.type = "TRAFFIC";
    traffic.subtype = "end";
    const fed f = feed_lines(lines_of(GetParam(), {traffic}));
    expect_stats(f.stats, {.recognized = 0u, .malformed = 0u});
    EXPECT_TRUE(f.events.empty());
}

INSTANTIATE_TEST_SUITE_P(Layouts, SystemLogLayouts,
                         ::testing::Values(layout::header_csv, layout::raw_csv, layout::syslog),
                         [](const ::testing::TestParamInfo<layout>& param_info) {
                             return layout_name(param_info.param);
                         });

// Codes from event ids, and phase 2 twins -----------------------------------------------------

model::log_event event_of(const row_spec& r) {
    const fed f = feed_lines({record(r)});
    EXPECT_EQ(f.stats.recognized, 1u);
    if (f.events.size() != 1) {
        ADD_FAILURE() << "expected one event, got " << f.events.size();
        return {};
    }
    return f.events[0];
}

TEST(SystemLogCodes, StartAndSuccessComeFromTheEventId) {
    const auto start =
        event_of({"ike-nego-p1-start", "GW-OSAKA",
                  "IKE phase-1 negotiation is started as initiator, main mode. Initiated SA: "
                  "200.100.5.1[500]-203.0.113.10[500] cookie:6a1f0c2e9b7d4a31:0000000000000000."});
    EXPECT_EQ(code_name(start), name_of(e::phase1_started));
    ASSERT_TRUE(start.local && start.peer);
    EXPECT_EQ(start.peer->address, "203.0.113.10");
    EXPECT_EQ(start.local->address, "200.100.5.1");
    EXPECT_EQ(system_of(start).initiator_cookie, std::optional<std::string>("6a1f0c2e9b7d4a31"));

    const auto succ = event_of(
        {"ike-nego-p1-succ", "GW-OSAKA",
         "IKE phase-1 negotiation is succeeded as responder, aggressive mode. Established SA: "
         "200.100.5.1[500]-203.0.113.10[4500] cookie:6a1f0c2e9b7d4a31:c4e8d2a9f0b3e7d5 "
         "lifetime 28800 Sec."});
    EXPECT_EQ(code_name(succ), name_of(e::phase1_succeeded));
    EXPECT_EQ(system_of(succ).role, std::optional<model::role>(model::role::responder));
    EXPECT_EQ(system_of(succ).exchange,
              std::optional<model::exchange>(model::exchange::aggressive));
    EXPECT_EQ(system_of(succ).responder_cookie, std::optional<std::string>("c4e8d2a9f0b3e7d5"));
    ASSERT_TRUE(succ.peer.has_value());
    EXPECT_EQ(succ.peer->port, 4500);

    const auto p2 =
        event_of({"ike-nego-p2-start", "TUN-TOKYO",
                  "IKE phase-2 negotiation is started as initiator, quick mode. Initiated SA: "
                  "10.20.0.1[500]-10.30.0.1[500] message id:0x2A1C4F52."});
    EXPECT_EQ(code_name(p2), name_of(e::phase2_started));
    EXPECT_EQ(system_of(p2).exchange, std::optional<model::exchange>(model::exchange::quick));
    EXPECT_EQ(system_of(p2).message_id, std::optional<std::string>("0x2A1C4F52"));

    EXPECT_EQ(code_name(event_of(
                  {"ike-nego-p2-succ", "TUN-TOKYO", "IKE phase-2 negotiation is succeeded."})),
              name_of(e::phase2_succeeded));
    EXPECT_EQ(code_name(event_of(
                  {"ikev2-nego-ike-start", "GW-NAGOYA", "IKEv2 IKE SA negotiation is started."})),
              name_of(e::ikev2_started));
}

TEST(SystemLogCodes, FailuresWithoutAKnownPhraseFallBackToTheEventId) {
    EXPECT_EQ(code_name(event_of({"ike-nego-p1-fail", "GW", "IKE phase-1 negotiation is failed."})),
              name_of(e::phase1_failed));
    EXPECT_EQ(code_name(event_of(
                  {"ike-nego-p1-fail-common", "GW", "IKE phase-1 negotiation is failed."})),
              name_of(e::phase1_failed));
    EXPECT_EQ(
        code_name(event_of({"ike-nego-p2-fail", "TUN", "IKE phase-2 negotiation is failed."})),
        name_of(e::phase2_failed));
    // The event id itself says "psk".
    EXPECT_EQ(
        code_name(event_of({"ike-nego-p1-fail-psk", "GW", "IKE phase-1 negotiation is failed."})),
        name_of(e::psk_mismatch_likely));
    // An event id that says nothing by itself: an event without a code.
    const auto generic =
        event_of({"ike-generic-event", "GW", "IKE daemon configuration load phase-2 succeeded."});
    EXPECT_FALSE(generic.code.has_value());
    EXPECT_EQ(system_of(generic).event_id, "ike-generic-event");
}

TEST(SystemLogCodes, PhaseTwoEventsGetThePhaseTwoTwinOfAPhaseOneCode) {
    const auto timeout = event_of(
        {"ike-nego-p2-fail", "TUN-TOKYO",
         "IKE phase-2 negotiation is failed as initiator, quick mode. Failed SA: "
         "10.20.0.1[500]-10.30.0.1[500] message id:0x0E6A5A4C. Due to negotiation timeout."});
    EXPECT_EQ(code_name(timeout), name_of(e::phase2_time_up));
    const auto p1_timeout =
        event_of({"ike-nego-p1-fail", "GW", "IKE phase-1 negotiation is failed. Due to timeout."});
    EXPECT_EQ(code_name(p1_timeout), name_of(e::phase1_time_up));
    const auto sa = event_of(
        {"ike-nego-p2-fail", "TUN",
         "IKE phase-2 negotiation is failed. No suitable proposal found in peer's SA payload."});
    EXPECT_EQ(code_name(sa), name_of(e::no_suitable_policy));
}

TEST(SystemLogCodes, EventIdTable) {
    EXPECT_EQ(parser::system_event_code("ike-nego-p1-start"), e::phase1_started);
    EXPECT_EQ(parser::system_event_code("ike-nego-p1-succ"), e::phase1_succeeded);
    EXPECT_EQ(parser::system_event_code("ike-nego-p1-fail"), e::phase1_failed);
    EXPECT_EQ(parser::system_event_code("ike-nego-p1-fail-common"), e::phase1_failed);
    EXPECT_EQ(parser::system_event_code("ike-nego-p1-fail-psk"), e::psk_mismatch_likely);
    EXPECT_EQ(parser::system_event_code("ike-nego-p2-start"), e::phase2_started);
    EXPECT_EQ(parser::system_event_code("ike-nego-p2-succ"), e::phase2_succeeded);
    EXPECT_EQ(parser::system_event_code("ike-nego-p2-fail"), e::phase2_failed);
    EXPECT_EQ(parser::system_event_code(" ike-send-p2-delete "), e::phase2_delete_sent);
    EXPECT_EQ(parser::system_event_code("ikev2-nego-ike-start"), e::ikev2_started);
    EXPECT_EQ(parser::system_event_code("ikev2-nego-enc-mismatch"), e::encryption_not_presented);
    EXPECT_FALSE(parser::system_event_code("ike-generic-event").has_value());
    EXPECT_FALSE(parser::system_event_code("ike-nego-p1-star").has_value());
    EXPECT_FALSE(parser::system_event_code("").has_value());
}

TEST(SystemLogDescription, GatewayFromABracketWhenTheObjectIsEmpty) {
    const auto ev = event_of({"ikev2-nego-enc-mismatch", "",
                              "[GW-NAGOYA]: Configured encryption algorithm \xE2\x80\x98"
                              "AES256-CBC\xE2\x80\x99 was not presented in the IKE proposal."});
    EXPECT_EQ(ev.gateway, std::optional<std::string>("GW-NAGOYA"));
    EXPECT_EQ(system_of(ev).object, "");
    EXPECT_EQ(system_of(ev).configured_encryption, std::optional<std::string>("AES256-CBC"));
}

TEST(SystemLogDescription, ProxyIdWithAProtocolNumber) {
    const auto ev = event_of(
        {"ike-nego-p2-fail", "TUN",
         "IKE phase-2 negotiation failed when processing Proxy ID. Received local id 10.1.0.0/16 "
         "type IPv4 address protocol 17 port 500, received remote id 10.2.0.0/16 type IPv4 "
         "address protocol 17 port 500."});
    expect_proxy_id(ev, {.local = "10.1.0.0/16", .remote = "10.2.0.0/16", .protocol = "17"});
}

TEST(SystemLogDescription, Ipv6Endpoints) {
    const auto ev = event_of(
        {"ike-nego-p1-fail", "GW6",
         "IKE phase-1 negotiation is failed as initiator, main mode. Failed SA: "
         "2001:db8::1[500]-2001:db8:ffff::2[500] cookie:1111222233334444:0000000000000000. Due "
         "to timeout."});
    ASSERT_TRUE(ev.local && ev.peer);
    EXPECT_EQ(*ev.local, (model::endpoint{"2001:db8::1", 500}));
    EXPECT_EQ(*ev.peer, (model::endpoint{"2001:db8:ffff::2", 500}));
}

// Noise and malformed rows --------------------------------------------------------------------

TEST(SystemLogFeeder, BlankAndForeignLinesAreNoise) {
    const fed f =
        feed_lines({"", "   ",
                    "<38>Nov  9 19:53:08 fw-2 sshd[2211]: Accepted publickey for admin from "
                    "10.0.0.5 port 50122",
                    "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: Compared: DB:Peer",
                    "1,2019/10/06 15:46:26,009732949126,SYSTEM"});
    expect_stats(
        f.stats,
        {.physical_lines = 5u, .lines = 5u, .recognized = 0u, .unrecognized = 5u, .malformed = 0u});
    EXPECT_TRUE(f.events.empty());
}

TEST(SystemLogFeeder, TruncatedVpnRowIsMalformedWithALocation) {
    const std::string line = "1,2019/10/06 15:46:26,009732949126,SYSTEM,vpn,0,2019/10/19 "
                             "15:39:29,,ike-send-p2-delete,To-FOO-BAR-NET";
    const fed f = feed_lines({line});
    expect_stats(f.stats, {.recognized = 0u, .unrecognized = 0u, .malformed = 1u});
    ASSERT_EQ(f.stats.problems.size(), 1u);
    expect_diagnostic(
        f.stats.problems[0],
        {.level = model::severity::warning, .code = "log-malformed",
         .message = "system log entry not understood: expected at least 15 fields, found 10",
         .file = "system.csv", .line = 1u, .column = line.size() + 1});
}

TEST(SystemLogFeeder, UnreadableGeneratedTimeIsMalformedAtItsColumn) {
    row_spec r{"ike-nego-p1-fail-psk", "GW",
               "IKE phase-1 negotiation is failed likely due to pre-shared key mismatch."};
    r.generated = "2019/13/45 25:61:00";
    const std::string line = "<14>Oct 19 15:39:30 fw-2 " + record(r);
    const fed f = feed_lines({"", line});
    expect_stats(f.stats, {.unrecognized = 1u, .malformed = 1u});
    ASSERT_EQ(f.stats.problems.size(), 1u);
    expect_diagnostic(
        f.stats.problems[0],
        {.line = 2u, .column = line.find("2019/13/45") + 1,
         .located_message =
             "system.csv:2:" + std::to_string(line.find("2019/13/45") + 1) +
             ": system log entry not understood: unreadable time \"2019/13/45 25:61:00\""});
    EXPECT_TRUE(f.events.empty());
}

TEST(SystemLogFeeder, AnUnreadableFieldTwentyFiveWithoutAHeaderIsNotATime) {
    // Some other release's field 25: the Generated Time is used.
    const row_spec r{"ike-nego-p1-fail-psk", "GW",
                     "IKE phase-1 negotiation is failed likely due to pre-shared key mismatch."};
    const fed f = feed_lines({record(r) + ",,,something-else"});
    EXPECT_EQ(f.stats.malformed, 0u);
    ASSERT_EQ(f.events.size(), 1u);
    EXPECT_EQ(f.events[0].time.iso8601(), "2021-07-06T18:35:17");
}

TEST(SystemLogFeeder, FeedOversizedCountsOneNoiseLine) {
    parser::input_stats stats;
    parser::system_log_feeder feeder(0, stats, [](model::log_event&&) {});
    feeder.feed_oversized();
    expect_stats(
        stats,
        {.physical_lines = 1u, .lines = 1u, .recognized = 0u, .unrecognized = 1u, .oversized = 1u});
}

// Header rows --------------------------------------------------------------------------------

TEST(SystemLogHeader, ColumnsAreFoundByNameInAnyOrderAndSpelling) {
    const std::vector<std::string> lines{
        "\xEF\xBB\xBF\"Description\",\"EVENT ID\",\"Time Generated\",Content/Threat "
        "Type,Type,object,"
        "severity,High Resolution Timestamp\r",
        "\"IKE phase-1 negotiation is failed as initiator, main mode. Failed SA: "
        "200.100.5.1[500]-200.100.1.254[500] "
        "cookie:02f293d180b306a3:0000000000000000. Due to timeout.\",ike-nego-p1-fail,2021/07/06 "
        "18:35:17,vpn,SYSTEM,"
        "GW-VPN-DEVICE,high,2021-07-06T18:35:17.123-07:00\r",
        "\"IKE phase-1 negotiation is failed likely due to pre-shared key "
        "mismatch.\",ike-nego-p1-fail-psk,"
        "2021/07/06 18:40:00,vpn,SYSTEM,GW-VPN-DEVICE,medium,\r",
    };
    const fed f = feed_lines(lines, 4);
    expect_stats(f.stats,
                 {.physical_lines = 3u, .recognized = 2u, .unrecognized = 1u, .malformed = 0u});
    ASSERT_EQ(f.events.size(), 2u);
    EXPECT_EQ(f.events[0].where, (model::source_line{4, 2, 1}));
    EXPECT_EQ(code_name(f.events[0]), name_of(e::phase1_time_up));
    EXPECT_EQ(f.events[0].time.iso8601(), "2021-07-06T18:35:17.123-07:00");
    EXPECT_EQ(f.events[0].level, "high");
    EXPECT_EQ(f.events[0].gateway, std::optional<std::string>("GW-VPN-DEVICE"));
    ASSERT_TRUE(f.events[0].peer.has_value());
    EXPECT_EQ(f.events[0].peer->address, "200.100.1.254");
    // An empty High Resolution Timestamp: the Generated Time.
    EXPECT_EQ(code_name(f.events[1]), name_of(e::psk_mismatch_likely));
    EXPECT_EQ(f.events[1].time.iso8601(), "2021-07-06T18:40:00");
    EXPECT_EQ(f.events[1].level, "medium");
}

TEST(SystemLogHeader, UnreadableNamedHighResolutionTimestampIsMalformed) {
    const std::string row =
        "ike-nego-p1-fail-psk,IKE phase-1 negotiation is failed likely due to pre-shared key "
        "mismatch.,2021/07/06 18:40:00,yesterday,SYSTEM,vpn";
    const fed f =
        feed_lines({"Event ID,Description,Generate Time,High Res Timestamp,Type,Subtype", row});
    EXPECT_EQ(f.stats.malformed, 1u);
    ASSERT_EQ(f.stats.problems.size(), 1u);
    expect_diagnostic(f.stats.problems[0],
                      {.message = "system log entry not understood: unreadable time \"yesterday\"",
                       .column = row.find("yesterday") + 1});
}

TEST(SystemLogHeader, WithoutSubtypeColumnTheEventIdTells) {
    const fed f = feed_lines(
        {"Receive Time,Event ID,Object,Severity,Description",
         "2021/07/06 18:35:18,ike-nego-p1-fail-psk,GW,high,IKE phase-1 negotiation is failed "
         "likely due to pre-shared key mismatch.",
         "2021/07/06 18:36:00,general,,informational,\"User admin logged in via Web, https\""});
    expect_stats(f.stats, {.recognized = 2u, .unrecognized = 1u});
    ASSERT_EQ(f.events.size(), 2u);
    EXPECT_EQ(f.events[0].time.iso8601(), "2021-07-06T18:35:18"); // Receive Time as the fallback
    EXPECT_NE(model::system_entry(f.events[0].what), nullptr);
    // The other is a record, without a subtype (the export has none).
    const model::record_event* record = model::record_of(f.events[1].what);
    ASSERT_NE(record, nullptr);
    EXPECT_EQ(record->field("subtype"), nullptr);
    ASSERT_NE(record->field("event_id"), nullptr);
    EXPECT_EQ(*record->field("event_id"), "general");
    EXPECT_EQ(f.events[1].text, "User admin logged in via Web, https");
}

TEST(SystemLogHeader, HeaderWithoutATimeColumnMakesVpnRowsMalformed) {
    const fed f =
        feed_lines({"Event ID,Object,Description", "ike-nego-p1-fail-psk,GW,psk mismatch"});
    EXPECT_EQ(f.stats.malformed, 1u);
    ASSERT_EQ(f.stats.problems.size(), 1u);
    expect_diagnostic(
        f.stats.problems[0],
        {.message = "system log entry not understood: the header row names no time column",
         .line = 2u});
}

TEST(SystemLogHeader, SyslogLinesAfterAHeaderAreStillReadByPosition) {
    const row_spec r{"ike-nego-p1-fail-psk", "GW",
                     "IKE phase-1 negotiation is failed likely due to pre-shared key mismatch."};
    const fed f = feed_lines({"Event ID,Description,Time Generated", line_of(layout::syslog, r)});
    EXPECT_EQ(f.stats.recognized, 1u);
    ASSERT_EQ(f.events.size(), 1u);
    EXPECT_EQ(code_name(f.events[0]), name_of(e::psk_mismatch_likely));
    EXPECT_EQ(f.events[0].gateway, std::optional<std::string>("GW"));
}

// Detection ----------------------------------------------------------------------------------

TEST(LooksLikeSystemLog, Layouts) {
    const row_spec r{"ike-nego-p1-fail-psk", "GW",
                     "IKE phase-1 negotiation is failed likely due to pre-shared key mismatch."};
    EXPECT_TRUE(parser::looks_like_system_log(k_gui_header));
    EXPECT_TRUE(parser::looks_like_system_log("\xEF\xBB\xBF" + std::string(k_gui_header) + "\r"));
    EXPECT_TRUE(parser::looks_like_system_log(line_of(layout::raw_csv, r)));
    EXPECT_TRUE(parser::looks_like_system_log(line_of(layout::syslog, r)));
    EXPECT_TRUE(
        parser::looks_like_system_log("Nov  9 19:53:08 fw-2 " + record(r))); // stored without <PRI>
    EXPECT_TRUE(
        parser::looks_like_system_log("<14>1 2019-11-09T19:53:08+09:00 fw-2 - - - - " + record(r)));
    // A non-vpn SYSTEM row is system log too (a record for the findings).
    row_spec general = r;
    general.subtype = "general";
    EXPECT_TRUE(parser::looks_like_system_log(record(general)));
}

TEST(LooksLikeSystemLog, OtherLines) {
    row_spec traffic{"x", "", "y"};
    traffic.type = "TRAFFIC";
    EXPECT_FALSE(parser::looks_like_system_log(record(traffic)));
    EXPECT_TRUE(parser::looks_like_pan_log(record(traffic)));
    EXPECT_FALSE(parser::looks_like_system_log(""));
    EXPECT_FALSE(parser::looks_like_system_log(
        "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: Compared: DB:Peer"));
    EXPECT_FALSE(parser::looks_like_system_log(
        "Nov  9 19:53:08 fw-2 sshd[2211]: Accepted publickey for admin from 10.0.0.5 port 50122"));
    EXPECT_FALSE(parser::looks_like_system_log("random text, no IKE here"));
    EXPECT_FALSE(
        parser::looks_like_system_log("Receive Time,Type,Severity")); // no Event ID / Description
    EXPECT_FALSE(parser::looks_like_pan_log("1,2019/10/06 15:46:26,009732949126,BANANA,vpn,0"));
}

/// Writes `content` to a temporary file and reads it back through read_log as `input`.
read_outcome read_text(std::string_view content) {
    return test_support::read_log_text(content, "input");
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        out += l;
        out += '\n';
    }
    return out;
}

const row_spec k_psk{"ike-nego-p1-fail-psk", "GW",
                     "IKE phase-1 negotiation is failed likely due to pre-shared key mismatch."};

TEST(ReadLogDetection, EachLayoutIsReadAsSystemLog) {
    for (const layout l : {layout::header_csv, layout::raw_csv, layout::syslog}) {
        SCOPED_TRACE(layout_name(l));
        const auto r = read_text(join(lines_of(l, {k_psk, k_psk})));
        ASSERT_TRUE(r.opened);
        EXPECT_TRUE(r.ok);
        expect_stats(r.stats, {.format = "system-log", .recognized = 2u});
        ASSERT_EQ(r.events.size(), 2u);
        EXPECT_EQ(code_name(r.events[1]), name_of(e::psk_mismatch_likely));
    }
}

TEST(ReadLogDetection, IkemgrStaysIkemgr) {
    const auto r =
        read_text("2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: Compared: DB:Peer\n"
                  "Nov  9 19:53:08 fw-2 sshd[2211]: Accepted publickey for admin\n");
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats, {.format = "ikemgr", .recognized = 1u, .unrecognized = 1u});
}

TEST(ReadLogDetection, TrafficLinesFirstStillMeanAPanOsLog) {
    row_spec traffic{"x", "", "y"};
    traffic.type = "TRAFFIC";
    traffic.subtype = "end";
    const auto r =
        read_text(join({line_of(layout::syslog, traffic), line_of(layout::syslog, traffic),
                        line_of(layout::syslog, k_psk)}));
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats, {.format = "system-log", .recognized = 1u, .unrecognized = 2u});
}

TEST(ReadLogDetection, OnlyTheFirstTwentyNonEmptyLinesDecide) {
    std::vector<std::string> lines;
    for (int i = 0; i < 20; ++i) {
        lines.emplace_back("noise line " + std::to_string(i));
        lines.emplace_back(""); // blank lines do not count
    }
    lines.push_back(line_of(layout::syslog, k_psk));
    const auto late = read_text(join(lines));
    expect_stats(late.stats, {.format = "ikemgr", .recognized = 0u});

    lines.erase(lines.begin()); // now the row is the 20th non-empty line
    const auto in_time = read_text(join(lines));
    expect_stats(in_time.stats, {.format = "system-log", .recognized = 1u});
    ASSERT_EQ(in_time.events.size(), 1u);
    EXPECT_EQ(in_time.events[0].where.line, 40u);
}

TEST(ReadLogDetection, SystemLogAcrossReadChunks) {
    // About 1 MiB: rows straddle the reader's 256 KiB chunks, and the last has no newline.
    const std::string row = line_of(layout::raw_csv, k_psk);
    constexpr std::uint64_t count = 3000;
    std::string text(k_gui_header);
    text += "\r\n";
    for (std::uint64_t i = 0; i < count; ++i) {
        text += row;
        if (i + 1 < count) {
            text += "\r\n";
        }
    }
    const auto r = read_text(text);
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.format = "system-log", .physical_lines = count + 1, .recognized = count,
                           .unrecognized = 1u, .malformed = 0u});
    ASSERT_EQ(r.events.size(), count);
    for (std::uint64_t i = 0; i < count; ++i) {
        ASSERT_EQ(r.events[i].where.line, i + 2);
        ASSERT_TRUE(r.events[i].code.has_value()) << "line " << i + 2;
        ASSERT_EQ(*r.events[i].code, e::psk_mismatch_likely) << "line " << i + 2;
    }
}

TEST(ReadLogDetection, OversizedLineInASystemLog) {
    std::string text = join({std::string(k_gui_header)});
    text.append(parser::k_max_line + 5, 'x');
    text += '\n';
    text += line_of(layout::header_csv, k_psk) + "\n";
    const auto r = read_text(text);
    expect_stats(r.stats,
                 {.format = "system-log", .physical_lines = 3u, .recognized = 1u, .oversized = 1u});
    ASSERT_EQ(r.events.size(), 1u);
    EXPECT_EQ(r.events[0].where.line, 3u);
}

// Fixtures ----------------------------------------------------------------------------------

/// The IKE events among `events` (records of other subtypes left out).
std::vector<model::log_event> ike_events(const std::vector<model::log_event>& events) {
    std::vector<model::log_event> out;
    for (const auto& ev : events) {
        if (model::record_of(ev.what) == nullptr) {
            out.push_back(ev);
        }
    }
    return out;
}

std::vector<std::string> codes_of(const std::vector<model::log_event>& all) {
    const std::vector<model::log_event> events = ike_events(all);
    std::vector<std::string> out;
    for (const auto& ev : events) {
        out.push_back(code_name(ev));
    }
    return out;
}

TEST(SystemLogFixture, GuideCsv) {
    auto r = read_log_fixture("syslog-guide-csv", "system.csv");
    ASSERT_TRUE(r.opened);
    EXPECT_TRUE(r.ok);
    expect_stats(r.stats, {.format = "system-log", .physical_lines = 8u, .recognized = 7u,
                           .unrecognized = 1u, // the header; the general row is a record
                           .malformed = 0u});
    ASSERT_EQ(r.events.size(), 7u);
    EXPECT_NE(model::record_of(r.events[1].what), nullptr);
    r.events = ike_events(r.events);
    // The GUI exports newest first.
    EXPECT_EQ(
        codes_of(r.events),
        (std::vector<std::string>{"psk-mismatch-likely", "peer-sa-unusable", "phase1-succeeded",
                                  "phase1-started", "phase1-time-up", "configuration-not-found"}));
    ASSERT_EQ(r.events.size(), 6u);
    EXPECT_EQ(r.events[4].where.line, 7u);
    EXPECT_EQ(r.events[4].local,
              (std::optional<model::endpoint>(model::endpoint{"200.100.5.1", 500})));
    EXPECT_EQ(r.events[5].peer,
              (std::optional<model::endpoint>(model::endpoint{"200.100.1.254", 500})));
    EXPECT_EQ(r.events[3].gateway, std::optional<std::string>("GW-OSAKA"));
}

TEST(SystemLogFixture, Forwarded) {
    auto r = read_log_fixture("syslog-forwarded", "panos-syslog.log");
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats, {.format = "system-log", .physical_lines = 12u, .recognized = 10u,
                           .unrecognized = 2u, // sshd, TRAFFIC; the general row is a record
                           .malformed = 0u});
    ASSERT_EQ(r.events.size(), 10u);
    EXPECT_NE(model::record_of(r.events[8].what), nullptr); // line 11
    r.events = ike_events(r.events);
    EXPECT_EQ(
        codes_of(r.events),
        (std::vector<std::string>{"configuration-not-found", "phase1-time-up", "peer-sa-unusable",
                                  "psk-mismatch-likely", "phase1-started", "phase1-succeeded",
                                  "proxy-id-rejected", "phase2-delete-sent", "dpd-down"}));
    ASSERT_EQ(r.events.size(), 9u);
    EXPECT_EQ(r.events[1].peer,
              (std::optional<model::endpoint>(model::endpoint{"203.0.113.45", 500})));
    ASSERT_TRUE(system_of(r.events[6]).proxy_id.has_value());
    EXPECT_EQ(system_of(r.events[6]).proxy_id->local, "192.168.60.0/24");
    EXPECT_EQ(system_of(r.events[7]).spi, std::optional<std::string>("0xA1CD910F"));
}

TEST(SystemLogFixture, RawCsvWithHighResolutionTimestamps) {
    const auto r = read_log_fixture("syslog-raw-csv", "system.csv");
    ASSERT_TRUE(r.opened);
    expect_stats(r.stats, {.format = "system-log", .physical_lines = 9u, .recognized = 9u,
                           .unrecognized = 0u, .malformed = 0u});
    EXPECT_EQ(
        codes_of(r.events),
        (std::vector<std::string>{"phase2-started", "phase2-mismatched", "no-suitable-policy",
                                  "peer-sa-unusable", "no-proposal-chosen", "ikev2-started",
                                  "encryption-not-presented", "no-proposal-chosen", "dpd-down"}));
    ASSERT_EQ(r.events.size(), 9u);
    EXPECT_EQ(r.events[0].time.iso8601(), "2022-03-14T09:12:40.118+09:00");
    EXPECT_EQ(r.events[4].peer,
              (std::optional<model::endpoint>(model::endpoint{"198.51.100.7", 500})));
}

} // namespace
