// parser::scan_line on lines as real public copies show them (docs/log-formats.md section 6):
// blanks inside the racoon comparison, a blank before a port, no port, host names and
// placeholders where an address stands, escaped braces, retransmits, quick mode without an
// ISAKMP-SA, PAN-OS 7.x IKEv2 SA states. Each line is quoted from the source its fixture's
// NOTES.md names (fixtures/real-*/).

#include "parser/ikemgr/line_scanner.hpp"

#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace {

using namespace ikediff;
using e = model::event_code;

std::optional<model::log_event> scan_event(std::string_view line) {
    parser::scan_result result = parser::scan_line(line);
    if (auto* event = std::get_if<model::log_event>(&result)) {
        return std::move(*event);
    }
    return std::nullopt;
}

/// The grammar alone must read every line as the fast path does.
void expect_same_as_grammar(std::string_view line) {
    EXPECT_EQ(parser::scan_line(line), parser::scan_line_with_grammar(line)) << line;
}

// ossec-docs, docs/log_samples/vpn/racoon.rst
constexpr std::string_view k_rejected_auth =
    "2006-07-22 08:19:43: ERROR: rejected authmethod: DB "
    "(prop#1:trns#1):Peer(prop#1:trns#2) = pre-shared key:GSS-API on "
    "Kerberos 5";
constexpr std::string_view k_rejected_hash = "2006-07-22 08:19:43: ERROR: rejected hashtype: "
                                             "DB(prop#1:trns#1):Peer (prop#1:trns#4) = SHA:MD5";

TEST(RealCopies, RejectedWithBlankAfterDb) {
    const auto event = scan_event(k_rejected_auth);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::rejected_attribute);
    const auto* r = std::get_if<model::rejected_event>(&event->what);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->attribute, model::phase1_attribute::auth_method);
    EXPECT_EQ(r->local_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(r->peer_ref, (model::transform_ref{1, 2}));
    EXPECT_EQ(r->local, "pre-shared key");
    EXPECT_EQ(r->peer, "GSS-API on Kerberos 5");
    expect_same_as_grammar(k_rejected_auth);
}

TEST(RealCopies, RejectedWithBlankAfterPeer) {
    const auto event = scan_event(k_rejected_hash);
    ASSERT_TRUE(event);
    const auto* r = std::get_if<model::rejected_event>(&event->what);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->attribute, model::phase1_attribute::hash);
    EXPECT_EQ(r->peer_ref, (model::transform_ref{1, 4}));
    EXPECT_EQ(r->local, "SHA");
    EXPECT_EQ(r->peer, "MD5");
}

TEST(RealCopies, RejectedWithoutItsPeerTransformIsMalformed) {
    const auto result = parser::scan_line(
        "2006-07-22 08:19:43: ERROR: rejected hashtype: DB(prop#1:trns#1):Peer = SHA:MD5");
    ASSERT_TRUE(std::holds_alternative<parser::scan_malformed>(result));
}

TEST(RealCopies, IsakmpSaWithBlankBeforePort) {
    // ossec-docs racoon.rst
    constexpr std::string_view line =
        "2006-02-19 11:09:26: INFO: ISAKMP-SA established 80.34.246.154 "
        "[500]-217.127.190.50[500] spi:bc013ca51d1a8745:9b95e47f6705088b";
    const auto event = scan_event(line);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::isakmp_sa_established);
    EXPECT_EQ(event->local, (model::endpoint{"80.34.246.154", 500}));
    EXPECT_EQ(event->peer, (model::endpoint{"217.127.190.50", 500}));
    const auto* sa = std::get_if<model::sa_established_event>(&event->what);
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(sa->initiator_cookie, "bc013ca51d1a8745");
    EXPECT_EQ(sa->responder_cookie, "9b95e47f6705088b");
    expect_same_as_grammar(line);
}

TEST(RealCopies, IpsecSaWithoutPorts) {
    // ossec-docs racoon.rst
    constexpr std::string_view line = "2006-02-19 11:09:27: INFO: IPsec-SA established: ESP/Tunnel "
                                      "217.127.190.50->80.34.246.154 spi=87487840(0x536f560)";
    const auto event = scan_event(line);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::ipsec_sa_established);
    const auto* sa = std::get_if<model::ipsec_sa_established_event>(&event->what);
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(sa->protocol, "ESP");
    EXPECT_EQ(sa->mode, "Tunnel");
    EXPECT_EQ(sa->from, (model::endpoint{"217.127.190.50", 0}));
    EXPECT_EQ(sa->to, (model::endpoint{"80.34.246.154", 0}));
    expect_same_as_grammar(line);
}

TEST(RealCopies, PlaceholderHostInPhaseStart) {
    // The forum post "site 2 site tunnel with IPsec, racoon and NAT"
    // (fixtures/real-placeholder-host)
    constexpr std::string_view line = "2007-08-07 00:03:58: INFO: initiate new phase 1 "
                                      "negotiation: 192.168.1.60[500]<=>ip.of.vpn.gateway[500]";
    const auto event = scan_event(line);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::phase1_started);
    EXPECT_EQ(event->local, (model::endpoint{"192.168.1.60", 500}));
    EXPECT_EQ(event->peer, (model::endpoint{"ip.of.vpn.gateway", 500}));
}

TEST(RealCopies, AngleBracketPlaceholderAndHostNameInSaLine) {
    const auto event = scan_event(
        "2008-05-21 10:01:03: INFO: ISAKMP-SA established <local-ip>[500]-vpn-gw.example.net[500] "
        "spi:1a2b3c4d5e6f7a8b:0102030405060708");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->local, (model::endpoint{"<local-ip>", 500}));
    EXPECT_EQ(event->peer, (model::endpoint{"vpn-gw.example.net", 500}));
}

TEST(RealCopies, PskeyNotFoundNamesTheAddressOrItsPlaceholder) {
    // ossec-docs racoon.rst
    const auto event = scan_event("2006-08-08 01:42:09: ERROR: couldn't find the pskey for 222.155.15.88.");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::pskey_not_found);
    EXPECT_EQ(event->peer, (model::endpoint{"222.155.15.88", 0}));
    const auto named = scan_event("2006-08-08 01:42:09: ERROR: couldn't find the pskey for ip.of.vpn.gateway.");
    ASSERT_TRUE(named);
    EXPECT_EQ(named->peer, (model::endpoint{"ip.of.vpn.gateway", 0}));
}

TEST(RealCopies, HostNameEndpointMessageOnADebugLineIsNotNoise) {
    constexpr std::string_view line =
        "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: vpn.example.net[500] - "
        "x.x.x.x[500]:(nil) failed to get valid proposal.";
    EXPECT_FALSE(parser::certainly_noise(line));
    const auto event = scan_event(line);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::failed_to_get_valid_proposal);
    EXPECT_EQ(event->peer, (model::endpoint{"x.x.x.x", 500}));
    expect_same_as_grammar(line);
}

TEST(RealCopies, EscapedBracesAreTheContext) {
    // log-formats.md section 2's guide line as a web page escapes it
    constexpr std::string_view line =
        "2021-07-06 18:35:17.870 +0900  [PERR]: \\{ 9: \\}: rejected hashtype: "
        "DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512";
    const auto event = scan_event(line);
    ASSERT_TRUE(event);
    ASSERT_TRUE(event->context);
    EXPECT_EQ(event->context->sa, 9u);
    EXPECT_FALSE(event->context->child);
    EXPECT_EQ(event->code, e::rejected_attribute);
    expect_same_as_grammar(line);
    const auto child =
        scan_event("2021-07-06 18:35:17.870 +0900  [DEBG]: \\{ 1: 1}: Compared: DB:Peer");
    ASSERT_TRUE(child && child->context);
    EXPECT_EQ(child->context->child, 1u);
}

TEST(RealCopies, ResendWithZeroResponderCookieIsUnanswered) {
    // The forum post "site 2 site tunnel with IPsec, racoon and NAT"
    constexpr std::string_view line =
        "2007-08-07 00:03:58: DEBUG: resend phase1 packet 800d8ae83243773b:0000000000000000";
    const auto event = scan_event(line);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::phase1_resent_unanswered);
    expect_same_as_grammar(line);
    const auto answered = scan_event(
        "2007-08-07 00:03:58: DEBUG: resend phase1 packet 800d8ae83243773b:9b95e47f6705088b");
    ASSERT_TRUE(answered);
    EXPECT_EQ(answered->code, e::phase1_resent);
}

TEST(RealCopies, QuickModeWithoutIsakmpSaWaitsOnPhaseOne) {
    // ipsec-tools racoon isakmp.c: "can't start the quick mode, there is no valid ISAKMP-SA, %s"
    // with isakmp_pindex(): ICOOKIE:RCOOKIE:MSGID
    const auto event = scan_event(
        "2014-05-07 10:00:00: ERROR: can't start the quick mode, there is no valid ISAKMP-SA, "
        "800d8ae83243773b:0000000000000000:0000a1b2");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::phase2_time_up_waiting_phase1);
}

TEST(RealCopies, PanOs7SaDyingFromEstablished) {
    // Palo Alto KB kA10g000000ClgcCAC ("IKEv2 with liveness check to detect network connectivity
    // problem")
    constexpr std::string_view line =
        "2016-03-01 14:32:24.890 +0800 debug: pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): "
        "... IKEv2 SA state {GW:6-I}: SA dying from state ESTABLISHED, caller ikev2_abort";
    const auto event = scan_event(line);
    ASSERT_TRUE(event);
    EXPECT_EQ(event->code, e::ikev2_sa_dying_established);
    EXPECT_EQ(event->gateway, "GW");
    expect_same_as_grammar(line);
    // Read twice: the remembered outcome keeps the gateway.
    const auto again = scan_event(line);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->gateway, "GW");
}

TEST(RealCopies, PanOs7LivenessLossAndOtherStates) {
    const auto lost = scan_event(
        "2016-03-01 14:32:24.890 +0800 debug: pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): "
        "IKEv2 SA state {GW:6-I}: liveness detected loss of connectivity");
    ASSERT_TRUE(lost);
    EXPECT_EQ(lost->code, e::dpd_down);
    const auto dying = scan_event(
        "2016-03-01 14:32:24.890 +0800 debug: pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): "
        "IKEv2 SA state {GW:6-R}: SA dying from state CREATED, caller ikev2_abort");
    ASSERT_TRUE(dying);
    EXPECT_EQ(dying->code, e::ikev2_sa_dying);
}

} // namespace
