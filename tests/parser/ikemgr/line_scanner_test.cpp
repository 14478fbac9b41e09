// parser::scan_line and parser::next_line_start on real ikemgr.log lines
// (docs/log-formats.md sections 1 and 2), one test per grammar rule.

#include "parser/ikemgr/line_scanner.hpp"
#include "test_support.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <variant>

namespace {

using namespace ikediff;
using test_support::trace_caller;

/// The PAN-OS 8.x prefix of the guide's Compared block (54 characters).
constexpr std::string_view k_pan_prefix = "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: ";
/// The classic racoon prefix (28 characters).
constexpr std::string_view k_racoon_prefix = "2006-07-22 08:19:43: ERROR: ";

std::string pan_line(std::string_view message) {
    return std::string(k_pan_prefix) + std::string(message);
}

std::optional<model::log_event> scan_event(std::string_view line) {
    parser::scan_result result = parser::scan_line(line);
    if (auto* event = std::get_if<model::log_event>(&result)) {
        return std::move(*event);
    }
    return std::nullopt;
}

std::optional<parser::scan_malformed> scan_bad(std::string_view line) {
    parser::scan_result result = parser::scan_line(line);
    if (auto* bad = std::get_if<parser::scan_malformed>(&result)) {
        return *bad;
    }
    return std::nullopt;
}

bool is_no_match(std::string_view line) {
    return std::holds_alternative<parser::scan_no_match>(parser::scan_line(line));
}

/// Scans a PAN line whose message is a `Compared` attribute line and returns its payload.
std::optional<model::compared_event> scan_compared(std::string_view message) {
    auto event = scan_event(pan_line(message));
    if (!event) {
        return std::nullopt;
    }
    if (const auto* c = std::get_if<model::compared_event>(&event->what)) {
        return *c;
    }
    return std::nullopt;
}

std::optional<model::event_code> phrase_code(const model::log_event& event) {
    return event.code;
}

// Checking helpers: only the fields a test names are checked, each with its own EXPECT_EQ so a
// failure names the field, and a trace names the test line that called the helper.

struct expected_event {
    std::optional<std::string> time{}; ///< as `time.iso8601()` gives it
    std::optional<std::string> level{};
    std::optional<model::event_code> code{};
    std::optional<std::string> text{};
};

void expect_event(const model::log_event& event, const expected_event& want,
                  std::source_location where = std::source_location::current()) {
    const auto trace = trace_caller(where);
    if (want.time) {
        EXPECT_EQ(event.time.iso8601(), *want.time);
    }
    if (want.level) {
        EXPECT_EQ(event.level, *want.level);
    }
    if (want.code) {
        EXPECT_EQ(event.code, *want.code);
    }
    if (want.text) {
        EXPECT_EQ(event.text, *want.text);
    }
}

/// Scans `line`, which must give an event, and checks that event.
void expect_scanned(std::string_view line, const expected_event& want,
                    std::source_location where = std::source_location::current()) {
    const auto event = scan_event(line);
    {
        const auto trace = trace_caller(where);
        ASSERT_TRUE(event.has_value());
    }
    expect_event(*event, want, where);
}

struct expected_compared {
    std::optional<model::phase1_attribute> attribute{};
    std::optional<std::string> local{};
    std::optional<std::string> peer{};
};

/// Scans `message` behind a PAN prefix: a `Compared` attribute line giving `want`.
void expect_compared(std::string_view message, const expected_compared& want,
                     std::source_location where = std::source_location::current()) {
    const auto trace = trace_caller(where);
    const auto c = scan_compared(message);
    ASSERT_TRUE(c.has_value());
    if (want.attribute) {
        EXPECT_EQ(c->attribute, *want.attribute);
    }
    if (want.local) {
        EXPECT_EQ(c->local, *want.local);
    }
    if (want.peer) {
        EXPECT_EQ(c->peer, *want.peer);
    }
}

/// Every field of a `rejected` line's payload.
void expect_rejected(const model::rejected_event& rejected, const model::rejected_event& want,
                     std::source_location where = std::source_location::current()) {
    const auto trace = trace_caller(where);
    EXPECT_EQ(rejected.attribute, want.attribute);
    EXPECT_EQ(rejected.local_ref, want.local_ref);
    EXPECT_EQ(rejected.peer_ref, want.peer_ref);
    EXPECT_EQ(rejected.local, want.local);
    EXPECT_EQ(rejected.peer, want.peer);
}

struct expected_banner {
    std::optional<std::uint32_t> phase{};
    std::optional<model::banner_event::status> state{};
    std::optional<model::role> role{};
    std::optional<model::exchange> mode{};
};

void expect_banner(const model::banner_event& banner, const expected_banner& want,
                   std::source_location where = std::source_location::current()) {
    const auto trace = trace_caller(where);
    if (want.phase) {
        EXPECT_EQ(banner.phase, *want.phase);
    }
    if (want.state) {
        EXPECT_EQ(banner.state, *want.state);
    }
    if (want.role) {
        EXPECT_EQ(banner.role, *want.role);
    }
    if (want.mode) {
        EXPECT_EQ(banner.mode, *want.mode);
    }
}

struct expected_endpoints {
    std::optional<std::string> local_address{};
    std::optional<std::uint16_t> local_port{};
    std::optional<std::string> peer_address{};
    std::optional<std::uint16_t> peer_port{};
};

/// The event must name both endpoints; their fields are checked against `want`.
void expect_endpoints(const model::log_event& event, const expected_endpoints& want,
                      std::source_location where = std::source_location::current()) {
    const auto trace = trace_caller(where);
    ASSERT_TRUE(event.local.has_value());
    ASSERT_TRUE(event.peer.has_value());
    if (want.local_address) {
        EXPECT_EQ(event.local->address, *want.local_address);
    }
    if (want.local_port) {
        EXPECT_EQ(event.local->port, *want.local_port);
    }
    if (want.peer_address) {
        EXPECT_EQ(event.peer->address, *want.peer_address);
    }
    if (want.peer_port) {
        EXPECT_EQ(event.peer->port, *want.peer_port);
    }
}

struct expected_malformed {
    std::optional<std::uint32_t> column{};
    std::optional<std::string> message_start{}; ///< checked with `starts_with`
    std::optional<std::string> message{};
};

/// Scans `line`, which must be malformed, and checks the diagnostic.
void expect_malformed(std::string_view line, const expected_malformed& want,
                      std::source_location where = std::source_location::current()) {
    const auto trace = trace_caller(where);
    const auto bad = scan_bad(line);
    ASSERT_TRUE(bad.has_value());
    if (want.column) {
        EXPECT_EQ(bad->column, *want.column);
    }
    if (want.message_start) {
        EXPECT_TRUE(bad->message.starts_with(*want.message_start)) << bad->message;
    }
    if (want.message) {
        EXPECT_EQ(bad->message, *want.message);
    }
}

// Line prefixes -----------------------------------------------------------------------------

TEST(ScanLinePrefix, PanSpacedBracesGiveTimeLevelAndContext) {
    const auto event = scan_event(pan_line("hashtype = SHA256:SHA512"));
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->time.iso8601(), "2021-07-06T18:35:17.869+09:00");
    EXPECT_EQ(event->time.epoch_ms, 1625564117869);
    EXPECT_EQ(event->time.offset_minutes, std::optional<std::int32_t>{540});
    EXPECT_TRUE(event->time.has_millis);
    EXPECT_EQ(event->level, "DEBG");
    ASSERT_TRUE(event->context.has_value());
    EXPECT_EQ(event->context->sa, 9u);
    EXPECT_FALSE(event->context->child.has_value());
    EXPECT_EQ(event->text, "hashtype = SHA256:SHA512");
    EXPECT_FALSE(event->local.has_value());
    EXPECT_FALSE(event->peer.has_value());
    // The scanner leaves `where` to the caller.
    EXPECT_EQ(event->where, model::source_line{});
}

TEST(ScanLinePrefix, PanCollapsedBracesAndNegativeOffset) {
    const auto event = scan_event(
        "2025-01-22 17:26:22.700 -0800  [PERR]: { 1: }: 192.168.20.2[500] - "
        "172.16.20.2[500]:0x7fa610013da0 authentication failure");
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->time.iso8601(), "2025-01-22T17:26:22.700-08:00");
    EXPECT_EQ(event->time.epoch_ms, 1737595582700);
    EXPECT_EQ(event->time.offset_minutes, std::optional<std::int32_t>{-480});
    EXPECT_EQ(event->level, "PERR");
    ASSERT_TRUE(event->context.has_value());
    EXPECT_EQ(event->context->sa, 1u);
    EXPECT_FALSE(event->context->child.has_value());
}

TEST(ScanLinePrefix, PanContextWithChildNumber) {
    const auto event = scan_event(
        "2021-07-06 18:35:18.001 +0900  [PNTF]: { 12: 3}: no suitable proposal found.");
    ASSERT_TRUE(event.has_value());
    ASSERT_TRUE(event->context.has_value());
    EXPECT_EQ(event->context->sa, 12u);
    EXPECT_EQ(event->context->child, std::optional<std::uint32_t>{3});
    EXPECT_EQ(event->level, "PNTF");
    EXPECT_EQ(event->time.iso8601(), "2021-07-06T18:35:18.001+09:00");
    EXPECT_EQ(phrase_code(*event), model::event_code::no_suitable_proposal);
}

TEST(ScanLinePrefix, PanLineWithoutBracesHasNoContext) {
    const auto event = scan_event("2021-07-06 18:35:17.870 +0900  [PERR]: no suitable proposal found.");
    ASSERT_TRUE(event.has_value());
    EXPECT_FALSE(event->context.has_value());
    EXPECT_EQ(event->level, "PERR");
    EXPECT_EQ(event->time.iso8601(), "2021-07-06T18:35:17.870+09:00");
    EXPECT_EQ(event->text, "no suitable proposal found.");
    EXPECT_EQ(phrase_code(*event), model::event_code::no_suitable_proposal);
}

TEST(ScanLinePrefix, PanSevenLineWithoutMillisOrOffset) {
    const auto event = scan_event("2016-03-01 14:32:24 [INFO]: an acceptable proposal found.");
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->time.iso8601(), "2016-03-01T14:32:24");
    EXPECT_FALSE(event->time.has_millis);
    EXPECT_FALSE(event->time.offset_minutes.has_value());
    EXPECT_EQ(event->level, "INFO");
    EXPECT_FALSE(event->context.has_value());
    EXPECT_EQ(phrase_code(*event), model::event_code::acceptable_proposal);
}

TEST(ScanLinePrefix, ShortFractionIsMillisecondsAndHalfHourOffset) {
    const auto event = scan_event("2021-07-06 18:35:17.8 +0530  [DEBG]: {    9:     }: Compared: DB:Peer");
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->time.iso8601(), "2021-07-06T18:35:17.800+05:30");
    EXPECT_EQ(event->time.offset_minutes, std::optional<std::int32_t>{330});
}

TEST(ScanLinePrefix, LongFractionIsTruncatedToMilliseconds) {
    const auto event = scan_event("2021-07-06 18:35:17.869123 +0900  [DEBG]: Compared: DB:Peer");
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->time.iso8601(), "2021-07-06T18:35:17.869+09:00");
}

TEST(ScanLinePrefix, ClassicRacoonRejectedLine) {
    const auto event = scan_event(
        "2006-07-22 08:19:43: ERROR: rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#4) = SHA:MD5");
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->time.iso8601(), "2006-07-22T08:19:43");
    EXPECT_EQ(event->time.epoch_ms, 1153556383000);
    EXPECT_FALSE(event->time.offset_minutes.has_value());
    EXPECT_FALSE(event->time.has_millis);
    EXPECT_EQ(event->level, "ERROR");
    EXPECT_FALSE(event->context.has_value());
    EXPECT_EQ(event->text, "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#4) = SHA:MD5");
    const auto* rejected = std::get_if<model::rejected_event>(&event->what);
    ASSERT_NE(rejected, nullptr);
    expect_rejected(*rejected, {.attribute = model::phase1_attribute::hash, .local_ref = {1, 1},
                                .peer_ref = {1, 4}, .local = "SHA", .peer = "MD5"});
    EXPECT_EQ(rejected->peer_ref.str(), "prop#1:trns#4");
}

TEST(ScanLinePrefix, IndentedLinesAreRecognised) {
    const auto spaces = scan_event("    " + pan_line("Compared: DB:Peer"));
    ASSERT_TRUE(spaces.has_value());
    EXPECT_EQ(phrase_code(*spaces), model::event_code::compared_begin);
    EXPECT_EQ(spaces->level, "DEBG");
    EXPECT_EQ(spaces->text, "Compared: DB:Peer");
    EXPECT_EQ(spaces->time.iso8601(), "2021-07-06T18:35:17.869+09:00");

    const auto tab = scan_event(std::string("\t") + std::string(k_racoon_prefix) + "no suitable proposal found.");
    ASSERT_TRUE(tab.has_value());
    EXPECT_EQ(tab->level, "ERROR");
    EXPECT_EQ(phrase_code(*tab), model::event_code::no_suitable_proposal);
}

// Compared block ----------------------------------------------------------------------------

TEST(ScanLineCompared, LifetimeInParenthesesDropsTheClosingParenthesis) {
    ASSERT_NO_FATAL_FAILURE(expect_compared(
        "(lifetime = 28800:28800)",
        {.attribute = model::phase1_attribute::lifetime, .local = "28800", .peer = "28800"}));
    const auto event = scan_event(pan_line("(lifetime = 28800:28800)"));
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->text, "(lifetime = 28800:28800)");
}

TEST(ScanLineCompared, Lifebyte) {
    expect_compared("(lifebyte = 0:0)",
                    {.attribute = model::phase1_attribute::lifebytes, .local = "0", .peer = "0"});
}

TEST(ScanLineCompared, Enctype) {
    expect_compared("enctype = AES:AES",
                    {.attribute = model::phase1_attribute::cipher, .local = "AES", .peer = "AES"});
}

TEST(ScanLineCompared, Encklen) {
    expect_compared("(encklen = 256:256)",
                    {.attribute = model::phase1_attribute::key_length, .local = "256", .peer = "256"});
}

TEST(ScanLineCompared, HashtypeKeepsLocalAndPeerApart) {
    expect_compared(
        "hashtype = SHA256:SHA512",
        {.attribute = model::phase1_attribute::hash, .local = "SHA256", .peer = "SHA512"});
}

TEST(ScanLineCompared, AuthmethodPanSpelling) {
    expect_compared(
        "authmethod = PSK:PSK",
        {.attribute = model::phase1_attribute::auth_method, .local = "PSK", .peer = "PSK"});
}

TEST(ScanLineCompared, AuthmethodRacoonSpellingWithBlank) {
    expect_compared("authmethod = pre-shared key:pre-shared key",
                    {.attribute = model::phase1_attribute::auth_method, .local = "pre-shared key",
                     .peer = "pre-shared key"});
}

TEST(ScanLineCompared, DhGroupPanSpelling) {
    expect_compared(
        "dh_group = DH20:DH20",
        {.attribute = model::phase1_attribute::dh_group, .local = "DH20", .peer = "DH20"});
}

TEST(ScanLineCompared, DhGroupRacoonSpelling) {
    expect_compared("dh_group = 1024-bit MODP group:1024-bit MODP group",
                    {.attribute = model::phase1_attribute::dh_group, .local = "1024-bit MODP group",
                     .peer = "1024-bit MODP group"});
}

TEST(ScanLineCompared, Version) {
    expect_compared("(version = 1:1)",
                    {.attribute = model::phase1_attribute::version, .local = "1", .peer = "1"});
}

TEST(ScanLineCompared, DifferentValuesOnEachSide) {
    expect_compared("(lifetime = 28800:86400)", {.local = "28800", .peer = "86400"});
}

TEST(ScanLineCompared, ComparedHeaderIsAPhrase) {
    expect_scanned(pan_line("Compared: DB:Peer"),
                   {.code = model::event_code::compared_begin, .text = "Compared: DB:Peer"});
}

// rejected ----------------------------------------------------------------------------------

TEST(ScanLineRejected, PanRejectedLineWithRefs) {
    const auto event = scan_event(
        "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: rejected hashtype: "
        "DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512");
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(event->level, "PERR");
    EXPECT_EQ(event->time.iso8601(), "2021-07-06T18:35:17.870+09:00");
    EXPECT_EQ(event->text, "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512");
    const auto* rejected = std::get_if<model::rejected_event>(&event->what);
    ASSERT_NE(rejected, nullptr);
    expect_rejected(*rejected, {.attribute = model::phase1_attribute::hash, .local_ref = {1, 1},
                                .peer_ref = {1, 1}, .local = "SHA256", .peer = "SHA512"});
}

TEST(ScanLineRejected, MultiDigitRefsAndMultiWordValues) {
    const auto event = scan_event(pan_line(
        "rejected dh_group: DB(prop#2:trns#13):Peer(prop#1:trns#4) = 1024-bit MODP group:2048-bit MODP group"));
    ASSERT_TRUE(event.has_value());
    const auto* rejected = std::get_if<model::rejected_event>(&event->what);
    ASSERT_NE(rejected, nullptr);
    expect_rejected(*rejected, {.attribute = model::phase1_attribute::dh_group,
                                .local_ref = {2, 13}, .peer_ref = {1, 4},
                                .local = "1024-bit MODP group", .peer = "2048-bit MODP group"});
}

// Fixed phrases -----------------------------------------------------------------------------

TEST(ScanLinePhrase, NoSuitableProposal) {
    const auto event = scan_event(pan_line("no suitable proposal found."));
    ASSERT_TRUE(event.has_value());
    expect_event(*event, {.code = model::event_code::no_suitable_proposal,
                          .text = "no suitable proposal found."});
    EXPECT_FALSE(event->local.has_value());
}

TEST(ScanLinePhrase, AcceptableProposal) {
    expect_scanned(
        pan_line("an acceptable proposal found."),
        {.code = model::event_code::acceptable_proposal, .text = "an acceptable proposal found."});
}

TEST(ScanLinePhrase, BeginIdentityProtectionMode) {
    expect_scanned(
        "2021-07-06 18:35:17.861 +0900  [INFO]: {    9:     }: begin Identity Protection mode.",
        {.level = "INFO", .code = model::event_code::begin_main_mode,
         .text = "begin Identity Protection mode."});
}

TEST(ScanLinePhrase, BeginAggressiveMode) {
    expect_scanned(
        std::string(k_racoon_prefix) + "begin Aggressive mode.",
        {.code = model::event_code::begin_aggressive_mode, .text = "begin Aggressive mode."});
}

TEST(ScanLinePhrase, AgreedOnPreSharedKeyAuth) {
    expect_scanned(pan_line("agreed on pre-shared key auth."),
                   {.code = model::event_code::agreed_psk_auth});
}

// Lines naming endpoints --------------------------------------------------------------------

TEST(ScanLineEndpoints, FailedToGetValidProposalNamesBothEndpoints) {
    const auto event = scan_event(
        "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: 200.100.5.1[500] - "
        "200.100.1.254[500]:(nil) failed to get valid proposal.");
    ASSERT_TRUE(event.has_value());
    EXPECT_EQ(phrase_code(*event), model::event_code::failed_to_get_valid_proposal);
    ASSERT_NO_FATAL_FAILURE(
        expect_endpoints(*event, {.local_address = "200.100.5.1", .local_port = 500,
                                  .peer_address = "200.100.1.254", .peer_port = 500}));
    EXPECT_EQ(event->text, "200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal.");
    EXPECT_EQ(event->level, "PERR");
}

TEST(ScanLineEndpoints, AuthenticationFailureBehindEndpoints) {
    const auto event = scan_event(
        "2025-01-22 17:26:22.700 -0800  [PERR]: { 1: }: 192.168.20.2[500] - "
        "172.16.20.2[500]:0x7fa610013da0 authentication failure");
    ASSERT_TRUE(event.has_value());
    EXPECT_TRUE(std::holds_alternative<std::monostate>(event->what));
    EXPECT_EQ(event->code, model::event_code::authentication_failure);
    ASSERT_NO_FATAL_FAILURE(
        expect_endpoints(*event, {.local_address = "192.168.20.2", .local_port = 500,
                                  .peer_address = "172.16.20.2", .peer_port = 500}));
    EXPECT_EQ(event->text, "192.168.20.2[500] - 172.16.20.2[500]:0x7fa610013da0 authentication failure");
}

TEST(ScanLineEndpoints, NatTraversalPortsAreKept) {
    const auto event = scan_event(pan_line("10.0.0.1[4500] - 10.0.0.2[4500]:(nil) failed to get valid proposal."));
    ASSERT_TRUE(event.has_value());
    expect_endpoints(*event, {.local_port = 4500, .peer_port = 4500});
}

TEST(ScanLineEndpoints, RespondNewPhase1Negotiation) {
    const auto event = scan_event(
        "2021-07-06 18:35:17.861 +0900  [INFO]: {    9:     }: respond new phase 1 negotiation: "
        "200.100.5.1[500]<=>200.100.1.254[500]");
    ASSERT_TRUE(event.has_value());
    const auto* start = std::get_if<model::phase_start_event>(&event->what);
    ASSERT_NE(start, nullptr);
    EXPECT_EQ(start->role, model::role::responder);
    EXPECT_EQ(start->phase, 1u);
    EXPECT_EQ(event->code, model::event_code::phase1_started);
    ASSERT_NO_FATAL_FAILURE(
        expect_endpoints(*event, {.local_address = "200.100.5.1", .local_port = 500,
                                  .peer_address = "200.100.1.254", .peer_port = 500}));
    EXPECT_EQ(event->text, "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]");
    EXPECT_EQ(event->time.iso8601(), "2021-07-06T18:35:17.861+09:00");
    EXPECT_EQ(event->level, "INFO");
}

TEST(ScanLineEndpoints, InitiateNewPhase1Negotiation) {
    const auto event = scan_event(std::string(k_racoon_prefix) +
                                  "initiate new phase 1 negotiation: 10.1.1.1[500]<=>10.2.2.2[4500]");
    ASSERT_TRUE(event.has_value());
    const auto* start = std::get_if<model::phase_start_event>(&event->what);
    ASSERT_NE(start, nullptr);
    EXPECT_EQ(start->role, model::role::initiator);
    EXPECT_EQ(start->phase, 1u);
    expect_endpoints(*event, {.local_address = "10.1.1.1", .local_port = 500,
                              .peer_address = "10.2.2.2", .peer_port = 4500});
}

TEST(ScanLineEndpoints, Ipv6EndpointsAreRead) {
    const auto event = scan_event(pan_line("initiate new phase 1 negotiation: 2001:db8::1[500]<=>2001:db8::2[500]"));
    ASSERT_TRUE(event.has_value());
    expect_endpoints(*event, {.local_address = "2001:db8::1", .peer_address = "2001:db8::2"});
}

TEST(ScanLineEndpoints, IsakmpSaEstablished) {
    const auto event = scan_event(pan_line(
        "ISAKMP-SA established 200.100.5.1[500]-200.100.1.254[500] spi:02f293d180b306a3:8a5d0c1e4b7f9a21"));
    ASSERT_TRUE(event.has_value());
    const auto* established = std::get_if<model::sa_established_event>(&event->what);
    ASSERT_NE(established, nullptr);
    EXPECT_EQ(established->initiator_cookie, "02f293d180b306a3");
    EXPECT_EQ(established->responder_cookie, "8a5d0c1e4b7f9a21");
    ASSERT_NO_FATAL_FAILURE(
        expect_endpoints(*event, {.local_address = "200.100.5.1", .local_port = 500,
                                  .peer_address = "200.100.1.254", .peer_port = 500}));
    EXPECT_EQ(event->text,
              "ISAKMP-SA established 200.100.5.1[500]-200.100.1.254[500] spi:02f293d180b306a3:8a5d0c1e4b7f9a21");
}

// Banners -----------------------------------------------------------------------------------

TEST(ScanLineBanner, Phase1StartedAsResponderMainMode) {
    const auto event = scan_event(pan_line("====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, MAIN MODE <===="));
    ASSERT_TRUE(event.has_value());
    const auto* banner = std::get_if<model::banner_event>(&event->what);
    ASSERT_NE(banner, nullptr);
    expect_banner(*banner, {.phase = 1u, .state = model::banner_event::status::started,
                            .role = model::role::responder, .mode = model::exchange::main});
    EXPECT_EQ(event->text, "====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, MAIN MODE <====");
    EXPECT_FALSE(event->local.has_value());
}

TEST(ScanLineBanner, Phase1FailedAsInitiatorAggressiveMode) {
    const auto event = scan_event(pan_line("====> PHASE-1 NEGOTIATION FAILED AS INITIATOR, AGGRESSIVE MODE <===="));
    ASSERT_TRUE(event.has_value());
    const auto* banner = std::get_if<model::banner_event>(&event->what);
    ASSERT_NE(banner, nullptr);
    expect_banner(*banner, {.phase = 1u, .state = model::banner_event::status::failed,
                            .role = model::role::initiator, .mode = model::exchange::aggressive});
}

TEST(ScanLineBanner, SucceededState) {
    const auto event = scan_event(pan_line("====> PHASE-1 NEGOTIATION SUCCEEDED AS RESPONDER, MAIN MODE <===="));
    ASSERT_TRUE(event.has_value());
    const auto* banner = std::get_if<model::banner_event>(&event->what);
    ASSERT_NE(banner, nullptr);
    expect_banner(*banner, {.state = model::banner_event::status::succeeded});
}

// Noise -------------------------------------------------------------------------------------

TEST(ScanLineNoise, NonLogLineIsNoMatch) {
    EXPECT_TRUE(is_no_match("Phase 1 proposals did not match, see below"));
    EXPECT_TRUE(is_no_match("admin@PA-220> less mp-log ikemgr.log"));
}

TEST(ScanLineNoise, EmptyAndBlankLinesAreNoMatch) {
    EXPECT_TRUE(is_no_match(""));
    EXPECT_TRUE(is_no_match("   \t "));
}

TEST(ScanLineNoise, KnownPrefixWithUnknownMessageIsNoMatch) {
    EXPECT_TRUE(is_no_match(pan_line("total SA len=56")));
    EXPECT_TRUE(is_no_match(pan_line("begin.")));
    EXPECT_TRUE(is_no_match(pan_line("prop#=1, prot-id=ISAKMP, spi-size=0, #trns=1")));
    EXPECT_TRUE(is_no_match(pan_line("type=Encryption Algorithm, flag=0x8000, lorv=AES-CBC")));
    // (`phase1 negotiation failed.` was once such a message; it is a phrase now.)
    const auto failed = scan_event(std::string(k_racoon_prefix) + "phase1 negotiation failed.");
    ASSERT_TRUE(failed.has_value());
    EXPECT_EQ(failed->code, model::event_code::phase1_failed);
}

TEST(ScanLineNoise, PrefixAloneIsNoMatch) {
    EXPECT_TRUE(is_no_match(k_pan_prefix));
    EXPECT_TRUE(is_no_match(k_racoon_prefix));
}

TEST(ScanLineNoise, IncompletePrefixIsNoMatch) {
    EXPECT_TRUE(is_no_match("2021-07-06 18:35:17.869 +0900  DEBG: no suitable proposal found."));
    EXPECT_TRUE(is_no_match("2021-07-06 no suitable proposal found."));
    EXPECT_TRUE(is_no_match("2021-7-6 18:35:17: ERROR: no suitable proposal found."));
}

TEST(ScanLineNoise, AttributeNameWithoutEqualsIsNoMatch) {
    EXPECT_TRUE(is_no_match(pan_line("lifetime expired")));
}

// Malformed ---------------------------------------------------------------------------------

TEST(ScanLineMalformed, TruncatedRejectedLineReportsColumnOfMissingToken) {
    // "2006-07-22 08:19:43: ERROR: " is 28 characters, so the message starts at column 29;
    // in "rejected hashtype: DB(prop#1:trns" the "trns" starts at offset 29 of the message:
    // column 29 + 29 = 58, where "trns#" was expected.
    const std::string line = std::string(k_racoon_prefix) + "rejected hashtype: DB(prop#1:trns";
    ASSERT_EQ(line.size(), 61u);
    expect_malformed(line,
                     {.column = 58u, .message_start = "expected", .message = "expected \"trns#\""});
}

TEST(ScanLineMalformed, RejectedLineWithoutRefsExpectsTheDbParenthesis) {
    // PAN prefix 54 characters; "rejected enctype:" is 17, then the blank: "XX" at 73. (`DB`
    // and its parenthesis are apart since real copies put a blank between them.)
    expect_malformed(pan_line("rejected enctype: XX"),
                     {.column = 73u, .message = "expected \"DB\""});
}

TEST(ScanLineMalformed, RejectedLineWithGarbageRefNamesTheRule) {
    // 54 characters of prefix + 21 of "rejected enctype: DB(": the "x" is at column 76.
    expect_malformed(pan_line("rejected enctype: DB(x"),
                     {.column = 76u, .message = "expected prop#N:trns#N"});
}

TEST(ScanLineMalformed, RejectedLineWithoutPeerValueReportsEndOfLine) {
    // "rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = AES" is 61 characters.
    const std::string line = pan_line("rejected enctype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = AES");
    ASSERT_EQ(line.size(), 115u);
    expect_malformed(line, {.column = 116u, .message = "expected ':'"});
}

TEST(ScanLineMalformed, ComparedValueWithoutColonReportsEndOfLine) {
    // 54 characters of prefix + 17 of "hashtype = SHA256": the ':' was expected at column 72.
    const std::string line = pan_line("hashtype = SHA256");
    ASSERT_EQ(line.size(), 71u);
    expect_malformed(line, {.column = 72u, .message_start = "expected", .message = "expected ':'"});
}

TEST(ScanLineMalformed, ColumnCountsTheIndentation) {
    expect_malformed("  " + pan_line("hashtype = SHA256"), {.column = 74u});
}

// next_line_start ---------------------------------------------------------------------------

TEST(NextLineStart, GluedGuideLineSplitsAfterTheFirstValue) {
    const std::string first = pan_line("enctype = AES:AES");
    const std::string second = "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: (encklen = 256:256)";
    const std::string glued = first + second;
    ASSERT_EQ(first.size(), 71u);
    EXPECT_EQ(parser::next_line_start(glued, 0), 71u);
    EXPECT_EQ(parser::next_line_start(glued, 71), std::string_view::npos);

    const std::string_view view = glued;
    const auto event1 = scan_event(view.substr(0, 71));
    ASSERT_TRUE(event1.has_value());
    const auto* c1 = std::get_if<model::compared_event>(&event1->what);
    ASSERT_NE(c1, nullptr);
    EXPECT_EQ(c1->peer, "AES");
    const auto event2 = scan_event(view.substr(71));
    ASSERT_TRUE(event2.has_value());
    const auto* c2 = std::get_if<model::compared_event>(&event2->what);
    ASSERT_NE(c2, nullptr);
    EXPECT_EQ(c2->attribute, model::phase1_attribute::key_length);
    EXPECT_EQ(event2->time.iso8601(), "2021-07-06T18:35:17.870+09:00");
}

TEST(NextLineStart, SingleLineHasNoContinuation) {
    EXPECT_EQ(parser::next_line_start(pan_line("hashtype = SHA256:SHA512"), 0), std::string_view::npos);
    EXPECT_EQ(parser::next_line_start("", 0), std::string_view::npos);
    EXPECT_EQ(parser::next_line_start("short", 0), std::string_view::npos);
}

TEST(NextLineStart, DateInsideMessageWithoutPrefixDoesNotSplit) {
    const std::string line = pan_line("certificate valid until 2021-07-06 18:35:17 expiry checked");
    EXPECT_EQ(parser::next_line_start(line, 0), std::string_view::npos);
    const std::string date_only = pan_line("last rekey 2021-07-06 18:35:17.870 +0900 ok");
    EXPECT_EQ(parser::next_line_start(date_only, 0), std::string_view::npos);
}

TEST(NextLineStart, ValueEndingInDigitsGluedToDateSplitsAtTheDate) {
    const std::string first = "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: dh_group = DH20:DH20";
    const std::string second =
        "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: rejected hashtype: "
        "DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512";
    ASSERT_EQ(first.size(), 74u);
    const std::string glued = first + second;
    EXPECT_EQ(parser::next_line_start(glued, 0), 74u);

    const auto event = scan_event(std::string_view(glued).substr(0, 74));
    ASSERT_TRUE(event.has_value());
    const auto* c = std::get_if<model::compared_event>(&event->what);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->local, "DH20");
    EXPECT_EQ(c->peer, "DH20");
}

TEST(NextLineStart, GluedRacoonLineSplits) {
    const std::string first = std::string(k_racoon_prefix) + "no suitable proposal found.";
    const std::string glued = first + std::string(k_racoon_prefix) + "begin Aggressive mode.";
    EXPECT_EQ(parser::next_line_start(glued, 0), first.size());
}

TEST(NextLineStart, GluedPanSevenDebugLineSplits) {
    // docs/log-formats.md section 1 lists the PAN-OS 7.x debug prefix among those that
    // "must be recognised"; a copy-paste can glue such a line behind another one.
    const std::string first = pan_line("no suitable proposal found.");
    const std::string glued =
        first +
        "2016-03-01 14:32:24.890 +0800 debug: pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): ... "
        "IKEv2 SA state {GW:6-I}: SA dying from state ESTABLISHED";
    EXPECT_EQ(parser::next_line_start(glued, 0), first.size());
}

TEST(NextLineStart, ThreeGluedLinesAreFoundOneAfterTheOther) {
    const std::string a = pan_line("Compared: DB:Peer");
    const std::string b = pan_line("(lifetime = 28800:28800)");
    const std::string c = pan_line("(lifebyte = 0:0)");
    const std::string glued = a + b + c;
    const std::size_t second = parser::next_line_start(glued, 0);
    EXPECT_EQ(second, a.size());
    const std::size_t third = parser::next_line_start(glued, a.size());
    EXPECT_EQ(third, a.size() + b.size());
    EXPECT_EQ(parser::next_line_start(glued, a.size() + b.size()), std::string_view::npos);
}

} // namespace

namespace {

/// The endpoints a line names, as "LOCAL[port] PEER[port]", or "" when it names none.
std::string arrow_endpoints(std::string_view message) {
    const auto event = scan_event(pan_line(message));
    if (!event || !event->local || !event->peer) {
        return "";
    }
    return event->local->address + "[" + std::to_string(event->local->port) + "] " + event->peer->address +
           "[" + std::to_string(event->peer->port) + "]";
}

TEST(ScanLineArrowPair, EndpointsAnywhereInAnUnknownMessage) {
    EXPECT_EQ(arrow_endpoints("initiate new phase 2 negotiation: 198.18.0.1[500]<=>198.51.100.20[500]"),
              "198.18.0.1[500] 198.51.100.20[500]");
}

TEST(ScanLineArrowPair, AddressGluedToAWordByAColon) {
    // "phase:" ends in a hex letter: the address still starts after the colon.
    EXPECT_EQ(arrow_endpoints("phase:200.100.5.1[500]<=>200.100.1.254[500]"), "200.100.5.1[500] 200.100.1.254[500]");
    EXPECT_EQ(arrow_endpoints("x:2001:db8::a[500]<=>2001:db8::b[500] trailing"), "2001:db8::a[500] 2001:db8::b[500]");
}

TEST(ScanLineArrowPair, BlanksAroundTheArrowAndIpv6) {
    EXPECT_EQ(arrow_endpoints("negotiation:fe80::1[500] <=> fe80::2[4500]"), "fe80::1[500] fe80::2[4500]");
    EXPECT_EQ(arrow_endpoints("::1[500]<=>::2[500]"), "::1[500] ::2[500]");
}

TEST(ScanLineArrowPair, AnArrowWithoutEndpointsIsNoise) {
    EXPECT_TRUE(is_no_match(pan_line("a <=> b")));
    EXPECT_TRUE(is_no_match(pan_line("<=>")));
    EXPECT_TRUE(is_no_match(pan_line("x[500]<=>")));
}

} // namespace

namespace {

TEST(ScanLineDoubledBlanks, CopyPasteDoubledSpacesInsideAMessageAreTolerated) {
    const auto header = scan_event(pan_line("Compared:  DB:Peer"));
    ASSERT_TRUE(header.has_value());
    EXPECT_EQ(phrase_code(*header), model::event_code::compared_begin);
    EXPECT_EQ(header->text, "Compared:  DB:Peer"); // kept as logged

    const auto verdict = scan_event(pan_line("no  suitable\tproposal found."));
    ASSERT_TRUE(verdict.has_value());
    EXPECT_EQ(phrase_code(*verdict), model::event_code::no_suitable_proposal);

    const auto rejected = scan_event(pan_line("rejected  hashtype:  DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512"));
    ASSERT_TRUE(rejected.has_value());
    EXPECT_TRUE(std::holds_alternative<model::rejected_event>(rejected->what));
}

TEST(ScanLineDoubledBlanks, AnUnknownMessageWithDoubledSpacesIsStillNoise) {
    EXPECT_TRUE(is_no_match(pan_line("total  SA  len=56")));
}

} // namespace
