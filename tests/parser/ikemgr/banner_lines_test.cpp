// PAN-OS banners on lines of their own and native PAN-OS IKEv2 banners (log-formats.md
// section 6): the grammar's `ikev2_banner`, `banner_sa` and `banner_reason` rules and the
// IKEv2 failure phrases, one real line each, through parser::scan_line; and the same lines
// through the grammar alone (the fast path must agree).

#include "parser/ikemgr/line_scanner.hpp"

#include <gtest/gtest.h>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace {

using namespace ikediff;
using model::event_code;

constexpr std::string_view k_prefix = "2024-03-05 10:00:00.100 +0100  [PNTF]: { 3: }: ";

std::optional<model::log_event> scan_event(std::string_view message) {
    const std::string line = std::string(k_prefix) + std::string(message);
    parser::scan_result result = parser::scan_line(line);
    EXPECT_EQ(result, parser::scan_line_with_grammar(line))
        << "fast path and grammar differ on " << line;
    if (auto* event = std::get_if<model::log_event>(&result)) {
        return std::move(*event);
    }
    return std::nullopt;
}

TEST(Ikev2Banner, IkeSaStartedAsInitiatorNamesRoleAndGateway) {
    const auto e = scan_event(
        "====> IKEv2 IKE SA NEGOTIATION STARTED AS INITIATOR, non-rekey; gateway GW-X <====");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, event_code::phase1_started);
    EXPECT_EQ(e->gateway, "GW-X");
    const auto* b = std::get_if<model::banner_event>(&e->what);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->phase, 1u);
    EXPECT_EQ(b->version, model::ike_version::ikev2);
    EXPECT_EQ(b->role, model::role::initiator);
    EXPECT_TRUE(b->role_logged);
    EXPECT_EQ(b->mode, model::exchange::ike_sa_init);
    EXPECT_EQ(e->context, (model::pan_context{3, std::nullopt}));
}

TEST(Ikev2Banner, IkeSaFailedAsResponder) {
    const auto e = scan_event(
        "====> IKEv2 IKE SA NEGOTIATION FAILED AS RESPONDER, non-rekey; gateway GW-MIKROTIK <====");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, event_code::phase1_failed);
    EXPECT_EQ(e->gateway, "GW-MIKROTIK");
    const auto* b = std::get_if<model::banner_event>(&e->what);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->role, model::role::responder);
}

TEST(Ikev2Banner, ChildSaIsPhaseTwoAndRekeyIsCreateChildSa) {
    const auto e = scan_event(
        "====> IKEv2 CHILD SA NEGOTIATION STARTED AS INITIATOR, rekey; gateway GW-X <====");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, event_code::phase2_started);
    const auto* b = std::get_if<model::banner_event>(&e->what);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(b->phase, 2u);
    EXPECT_EQ(b->mode, model::exchange::create_child_sa);
    const auto first = scan_event(
        "====> IKEv2 CHILD SA NEGOTIATION SUCCEEDED AS INITIATOR, non-rekey; gateway GW-X <====");
    ASSERT_TRUE(first);
    EXPECT_EQ(first->code, event_code::phase2_succeeded);
    EXPECT_EQ(std::get<model::banner_event>(first->what).mode, model::exchange::ike_auth);
}

TEST(Ikev2Banner, AsAReadmeQuotesItWithoutArrowsOrRole) {
    // github: a PAN-OS lab README quoting `tail follow yes mp-log ikemgr.log`.
    const auto e = scan_event("IKEv2 IKE SA NEGOTIATION SUCCEEDED");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, event_code::phase1_succeeded);
    const auto* b = std::get_if<model::banner_event>(&e->what);
    ASSERT_NE(b, nullptr);
    EXPECT_FALSE(b->role_logged);
    EXPECT_FALSE(e->gateway);
}

TEST(Ikev2Banner, DoubledBlanksAreRead) {
    const auto e = scan_event(
        "====>  IKEv2  IKE SA NEGOTIATION  FAILED AS RESPONDER,  non-rekey;  gateway GW-X  <====");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, event_code::phase1_failed);
    EXPECT_EQ(e->gateway, "GW-X");
}

TEST(BannerSa, FailedSaWithCookiesGivesEndpointsAndCookies) {
    const auto e = scan_event("====> Failed SA: 200.100.5.1[500]-200.100.1.254[500] "
                              "cookie:02f293d180b306a3:0000000000000000 <====");
    ASSERT_TRUE(e);
    EXPECT_FALSE(e->code);
    EXPECT_EQ(e->local, (model::endpoint{"200.100.5.1", 500}));
    EXPECT_EQ(e->peer, (model::endpoint{"200.100.1.254", 500}));
    const auto* sa = std::get_if<model::banner_sa_event>(&e->what);
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(sa->state, model::banner_sa_event::status::failed);
    EXPECT_EQ(sa->version, model::ike_version::ikev1);
    EXPECT_EQ(sa->initiator_spi, "02f293d180b306a3");
    EXPECT_EQ(sa->responder_spi, "0000000000000000");
    EXPECT_FALSE(sa->sn);
}

TEST(BannerSa, Ikev2FailedSaBehindNatWithSpis) {
    // The SA of forum.mikrotik.com thread 1119654 (ports 4500 and 51435: NAT traversal).
    const auto e = scan_event("====> Failed SA: 111.111.111.111[4500]-176.238.239.255[51435] "
                              "SPI:0239b91635ed0e98:426762ab448185a9 SN:7 <====");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->local, (model::endpoint{"111.111.111.111", 4500}));
    EXPECT_EQ(e->peer, (model::endpoint{"176.238.239.255", 51435}));
    const auto* sa = std::get_if<model::banner_sa_event>(&e->what);
    ASSERT_NE(sa, nullptr);
    EXPECT_EQ(sa->version, model::ike_version::ikev2);
    EXPECT_EQ(sa->initiator_spi, "0239b91635ed0e98");
    EXPECT_EQ(sa->responder_spi, "426762ab448185a9");
    EXPECT_EQ(sa->sn, 7u);
}

TEST(BannerSa, InitiatedAndEstablishedSa) {
    const auto e = scan_event("====> Initiated SA: 2.2.2.2[500]-1.1.1.1[500] "
                              "SPI:8669654ab024e4ae:0000000000000000 SN:4 <====");
    ASSERT_TRUE(e);
    EXPECT_EQ(std::get<model::banner_sa_event>(e->what).state,
              model::banner_sa_event::status::initiated);
    const auto up = scan_event("====> Established SA: 2.2.2.2[500]-1.1.1.1[500] "
                               "SPI:8669654ab024e4ae:cabd66d702c02131 SN:4 <====");
    ASSERT_TRUE(up);
    EXPECT_EQ(std::get<model::banner_sa_event>(up->what).state,
              model::banner_sa_event::status::established);
}

TEST(BannerReason, DueToTimeoutIsTheBannersTimeout) {
    const auto e = scan_event("====> Due to timeout. <====");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, event_code::banner_timeout);
}

TEST(BannerReason, APhraseUnderTheArrowIsRead) {
    const auto e = scan_event("====> received notify type TS_UNACCEPTABLE <====");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->code, event_code::ts_unacceptable);
}

TEST(Ikev2Reasons, DocumentedWordingMapsToItsCode) {
    EXPECT_EQ(scan_event("IKEv2 proposal doesn't match, please check crypto setting on both sides.")
                  ->code,
              event_code::no_proposal_chosen);
    EXPECT_EQ(scan_event("received notify type NO_PROPOSAL_CHOSEN")->code,
              event_code::no_proposal_chosen);
    EXPECT_EQ(scan_event("received notify type TS_UNACCEPTABLE")->code,
              event_code::ts_unacceptable);
    EXPECT_EQ(scan_event("received notify type AUTHENTICATION_FAILED")->code,
              event_code::authentication_failure);
    EXPECT_EQ(scan_event("received Notify type AUTHENTICATION_FAILED")->code,
              event_code::authentication_failure);
}

TEST(BannerLines, OtherArrowsStayNoise) {
    const std::string line = std::string(k_prefix) + "====> IPSEC KEY INSTALLATION SUCCEEDED <====";
    EXPECT_TRUE(std::holds_alternative<parser::scan_no_match>(parser::scan_line(line)));
    EXPECT_TRUE(
        std::holds_alternative<parser::scan_no_match>(parser::scan_line_with_grammar(line)));
}

} // namespace
