// diff/ike/compare: which side deviates from the sheet (contract.md section 4, `side`), which
// compared pair a report is about, tunnel matching and filters.

#include "diff/ike/compare.hpp"
#include "diff/ike/reconstruct.hpp"
#include "diff/ike/sheet_loader.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "test_support.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace {

using namespace ikediff;
using model::phase1_attribute;

model::sheet sheet_of(const std::string& text) {
    auto r = diff::parse_sheet(text, "params.yaml");
    if (!r.ok()) {
        ADD_FAILURE() << "the sheet did not load: " << r.error().located_message();
        return {};
    }
    return r.value();
}

/// One side's phase 1 proposal, in PAN spellings as a `Compared` block logs them.
struct proposal_text {
    std::string enctype = "AES";
    std::string encklen = "256";
    std::string hash = "SHA512";
    std::string auth = "PSK";
    std::string group = "DH20";
    std::string lifetime = "28800";
    std::string lifebyte = "0";
};

/// A compared pair as the reconstructor builds it: values and one line per attribute
/// (lines `first_line` .. `first_line + 6`, in the log's order).
model::proposal_pair compared(const proposal_text& local, const proposal_text& peer,
                              std::uint64_t first_line = 1) {
    model::proposal_pair p;
    const std::vector<std::tuple<phase1_attribute, std::string, std::string>> rows{
        {phase1_attribute::lifetime, local.lifetime, peer.lifetime},
        {phase1_attribute::lifebytes, local.lifebyte, peer.lifebyte},
        {phase1_attribute::cipher, local.enctype, peer.enctype},
        {phase1_attribute::key_length, local.encklen, peer.encklen},
        {phase1_attribute::hash, local.hash, peer.hash},
        {phase1_attribute::auth_method, local.auth, peer.auth},
        {phase1_attribute::dh_group, local.group, peer.group}};
    std::uint64_t line = first_line;
    for (const auto& [attribute, l, r] : rows) {
        if (!l.empty()) {
            p.local.set_logged(attribute, l);
        }
        if (!r.empty()) {
            p.peer.set_logged(attribute, r);
        }
        p.lines.push_back({attribute, {0, line++, 1}});
    }
    return p;
}

model::negotiation negotiation_with(std::vector<model::proposal_pair> pairs,
                                    const std::string& peer_address = "200.100.1.254") {
    model::negotiation n;
    n.local = model::endpoint{"200.100.5.1", 500};
    n.peer = model::endpoint{peer_address, 500};
    n.role = model::role::responder;
    n.exchange = model::exchange::main;
    n.version = model::ike_version::ikev1;
    n.started = model::timestamp::from_civil(2021, 7, 6, 18, 35, 17, 861, 540, true);
    n.pairs = std::move(pairs);
    return n;
}

std::string shown(const std::optional<model::value>& v) {
    return v ? model::to_string(*v) : "(none)";
}

std::string shown(const std::vector<model::value>& values) {
    std::string out;
    for (const auto& v : values) {
        out += (out.empty() ? "" : ", ") + model::to_string(v);
    }
    return out;
}

std::vector<std::uint64_t> evidence_lines(const diff::mismatch& m) {
    std::vector<std::uint64_t> out;
    for (const auto& w : m.evidence) {
        out.push_back(w.line);
    }
    return out;
}

std::vector<std::string> attributes_of(const diff::negotiation_report& r) {
    std::vector<std::string> out;
    for (const auto& m : r.mismatches) {
        out.push_back(m.attribute);
    }
    return out;
}

const std::string k_guide_sheet = "version: 1\n"
                                  "name: osaka-branch\n"
                                  "local_address: 200.100.5.1\n"
                                  "peer_address: 200.100.1.254\n"
                                  "psk: testvpn\n"
                                  "ike:\n"
                                  "  version: ikev1\n"
                                  "  exchange_mode: main\n"
                                  "  auth: pre-shared-key\n"
                                  "  encryption: aes-256-cbc\n"
                                  "  hash: sha512\n"
                                  "  dh_group: group20\n"
                                  "  lifetime: 8h\n";

/// The single report of analysing `n` against `sheet` (nullptr: no sheet), with no filter.
diff::negotiation_report report_of(model::negotiation n, const model::sheet* sheet) {
    std::vector<model::negotiation> all;
    all.push_back(std::move(n));
    diff::analysis a = diff::analyse(std::move(all), sheet, {});
    if (a.negotiations.size() != 1) {
        ADD_FAILURE() << "expected one report, got " << a.negotiations.size();
        return {};
    }
    return std::move(a.negotiations[0]);
}

// Sides -------------------------------------------------------------------------------------

TEST(AnalyseTest, GuideLogHashDeviatesOnTheLocalSide) {
    const std::vector<std::string> log{
        "2021-07-06 18:35:17.861 +0900  [INFO]: {    9:     }: respond new phase 1 negotiation: "
        "200.100.5.1[500]<=>200.100.1.254[500]",
        "2021-07-06 18:35:17.861 +0900  [INFO]: {    9:     }: begin Identity Protection mode.",
        "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: Compared: DB:Peer",
        "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: (lifetime = 28800:28800)",
        "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: (lifebyte = 0:0)",
        "2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: enctype = AES:AES",
        "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: (encklen = 256:256)",
        "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: hashtype = SHA256:SHA512",
        "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: authmethod = PSK:PSK",
        "2021-07-06 18:35:17.870 +0900  [DEBG]: {    9:     }: dh_group = DH20:DH20",
        "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: rejected hashtype: "
        "DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512",
        "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: no suitable proposal found.",
        "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: 200.100.5.1[500] - "
        "200.100.1.254[500]:(nil) failed to get valid proposal.",
    };
    diff::reconstructor rec;
    for (std::size_t i = 0; i < log.size(); ++i) {
        auto scanned = parser::scan_line(log[i]);
        auto* event = std::get_if<model::log_event>(&scanned);
        ASSERT_NE(event, nullptr) << log[i];
        event->where = {0, i + 1, 1};
        rec.add(test_support::keyed_as_ikemgr(*event));
    }
    const model::sheet sheet = sheet_of(k_guide_sheet);
    const diff::analysis a = diff::analyse(rec.finish(), &sheet, {});
    ASSERT_EQ(a.negotiations.size(), 1u);
    const auto& r = a.negotiations[0];
    EXPECT_EQ(r.tunnel, std::size_t{0});
    EXPECT_EQ(r.chosen_pair, std::size_t{0});
    EXPECT_TRUE(a.tunnels_not_seen.empty());
    ASSERT_EQ(r.mismatches.size(), 1u);
    const auto& m = r.mismatches[0];
    EXPECT_EQ(m.phase, 1u);
    EXPECT_EQ(m.attribute, "hash");
    EXPECT_EQ(shown(m.expected), "sha512");
    EXPECT_EQ(shown(m.local), "sha256");
    EXPECT_EQ(shown(m.peer), "sha512");
    EXPECT_EQ(m.side, diff::side::local);
    // `hashtype = SHA256:SHA512` and the rejected line.
    EXPECT_EQ(evidence_lines(m), (std::vector<std::uint64_t>{8, 11}));
}

TEST(AnalyseTest, PeerDhGroupOffTheSheetIsThePeersSide) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    proposal_text peer;
    peer.group = "DH14";
    const auto r = report_of(negotiation_with({compared({}, peer)}), &sheet);
    ASSERT_EQ(r.mismatches.size(), 1u);
    const auto& m = r.mismatches[0];
    EXPECT_EQ(m.attribute, "dh_group");
    EXPECT_EQ(shown(m.expected), "group20");
    EXPECT_EQ(shown(m.local), "group20");
    EXPECT_EQ(shown(m.peer), "group14");
    EXPECT_EQ(m.side, diff::side::peer);
    EXPECT_EQ(evidence_lines(m), std::vector<std::uint64_t>{7});
}

TEST(AnalyseTest, BothSidesOffTheSheetIsBoth) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    proposal_text local;
    local.hash = "SHA256";
    proposal_text peer;
    peer.hash = "SHA1";
    const auto r = report_of(negotiation_with({compared(local, peer)}), &sheet);
    ASSERT_EQ(r.mismatches.size(), 1u);
    EXPECT_EQ(r.mismatches[0].attribute, "hash");
    EXPECT_EQ(shown(r.mismatches[0].local), "sha256");
    EXPECT_EQ(shown(r.mismatches[0].peer), "sha1");
    EXPECT_EQ(r.mismatches[0].side, diff::side::both);
}

TEST(AnalyseTest, SidesAgreeingOnAValueOffTheSheetAreBoth) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    proposal_text both;
    both.lifetime = "3600";
    const auto r = report_of(negotiation_with({compared(both, both)}), &sheet);
    ASSERT_EQ(r.mismatches.size(), 1u);
    EXPECT_EQ(r.mismatches[0].attribute, "lifetime");
    EXPECT_EQ(shown(r.mismatches[0].expected), "28800");
    EXPECT_EQ(shown(r.mismatches[0].local), "3600");
    EXPECT_EQ(shown(r.mismatches[0].peer), "3600");
    EXPECT_EQ(r.mismatches[0].side, diff::side::both);
}

TEST(AnalyseTest, DifferentValuesTheSheetBothAllowsAreNeither) {
    const model::sheet sheet = sheet_of("peer_address: 200.100.1.254\n"
                                        "ike:\n"
                                        "  hash: [sha256, sha512]\n");
    proposal_text local;
    local.hash = "SHA256";
    const auto r = report_of(negotiation_with({compared(local, {})}), &sheet);
    ASSERT_EQ(r.mismatches.size(), 1u);
    const auto& m = r.mismatches[0];
    EXPECT_EQ(m.attribute, "hash");
    EXPECT_EQ(shown(m.expected), "sha256, sha512");
    EXPECT_EQ(shown(m.local), "sha256");
    EXPECT_EQ(shown(m.peer), "sha512");
    EXPECT_EQ(m.side, diff::side::neither);
}

TEST(AnalyseTest, DifferenceWithoutASheetIsUnknown) {
    proposal_text local;
    local.hash = "SHA256";
    const auto r = report_of(negotiation_with({compared(local, {})}), nullptr);
    EXPECT_FALSE(r.tunnel.has_value());
    EXPECT_EQ(r.chosen_pair, std::size_t{0});
    ASSERT_EQ(r.mismatches.size(), 1u);
    const auto& m = r.mismatches[0];
    EXPECT_EQ(m.attribute, "hash");
    EXPECT_TRUE(m.expected.empty());
    EXPECT_EQ(shown(m.local), "sha256");
    EXPECT_EQ(shown(m.peer), "sha512");
    EXPECT_EQ(m.side, diff::side::unknown);
}

TEST(AnalyseTest, DifferenceTheSheetIsSilentAboutIsUnknown) {
    const model::sheet sheet = sheet_of("peer_address: 200.100.1.254\n"
                                        "ike:\n"
                                        "  dh_group: group20\n");
    proposal_text local;
    local.hash = "SHA256";
    const auto r = report_of(negotiation_with({compared(local, {})}), &sheet);
    EXPECT_EQ(r.tunnel, std::size_t{0});
    ASSERT_EQ(r.mismatches.size(), 1u);
    EXPECT_EQ(r.mismatches[0].attribute, "hash");
    EXPECT_TRUE(r.mismatches[0].expected.empty());
    EXPECT_EQ(r.mismatches[0].side, diff::side::unknown);
}

TEST(AnalyseTest, MatchingSidesOnTheSheetGiveNoMismatch) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    const auto r = report_of(negotiation_with({compared({}, {})}), &sheet);
    EXPECT_EQ(r.tunnel, std::size_t{0});
    EXPECT_EQ(r.chosen_pair, std::size_t{0});
    EXPECT_TRUE(r.mismatches.empty());
}

TEST(AnalyseTest, LifetimeRacoonWouldTolerateIsStillAMismatch) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    proposal_text peer;
    peer.lifetime = "86400";
    const auto r = report_of(negotiation_with({compared({}, peer)}), &sheet);
    ASSERT_EQ(r.mismatches.size(), 1u);
    const auto& m = r.mismatches[0];
    EXPECT_EQ(m.attribute, "lifetime");
    ASSERT_EQ(m.expected.size(), 1u);
    EXPECT_EQ(m.expected[0], model::value{std::uint64_t{28800}});
    EXPECT_EQ(m.local, model::value{std::uint64_t{28800}});
    EXPECT_EQ(m.peer, model::value{std::uint64_t{86400}});
    EXPECT_EQ(m.side, diff::side::peer);
    EXPECT_EQ(evidence_lines(m), std::vector<std::uint64_t>{1});
}

TEST(AnalyseTest, EncryptionWithoutLoggedKeyLengthSatisfiesTheSheet) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    proposal_text local;
    local.encklen = "";
    proposal_text peer;
    peer.encklen = "";
    const auto r = report_of(negotiation_with({compared(local, peer)}), &sheet);
    EXPECT_TRUE(r.mismatches.empty()) << attributes_of(r).size() << " mismatches";
}

TEST(AnalyseTest, ShorterKeyLengthOffTheSheetIsThatSidesDeviation) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    proposal_text local;
    local.encklen = "128";
    const auto r = report_of(negotiation_with({compared(local, {})}), &sheet);
    ASSERT_EQ(r.mismatches.size(), 1u);
    EXPECT_EQ(r.mismatches[0].attribute, "encryption");
    EXPECT_EQ(shown(r.mismatches[0].local), "aes-128-cbc");
    EXPECT_EQ(shown(r.mismatches[0].peer), "aes-256-cbc");
    EXPECT_EQ(r.mismatches[0].side, diff::side::local);
    // enctype and encklen lines both show the encryption.
    EXPECT_EQ(evidence_lines(r.mismatches[0]), (std::vector<std::uint64_t>{3, 4}));
}

TEST(AnalyseTest, ExchangeModeOffTheSheetIsBothSides) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    model::negotiation n = negotiation_with({compared({}, {})});
    n.exchange = model::exchange::aggressive;
    const auto r = report_of(std::move(n), &sheet);
    ASSERT_EQ(r.mismatches.size(), 1u);
    const auto& m = r.mismatches[0];
    EXPECT_EQ(m.attribute, "exchange_mode");
    EXPECT_EQ(shown(m.expected), "main");
    EXPECT_EQ(shown(m.local), "aggressive");
    EXPECT_EQ(shown(m.peer), "aggressive");
    EXPECT_EQ(m.side, diff::side::both);
}

TEST(AnalyseTest, NegotiationWithoutPairsHasNoChosenPair) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    const auto r = report_of(negotiation_with({}), &sheet);
    EXPECT_EQ(r.tunnel, std::size_t{0});
    EXPECT_FALSE(r.chosen_pair.has_value());
    EXPECT_TRUE(r.mismatches.empty());
}

// Choosing the pair -------------------------------------------------------------------------

/// Pair 0: one local/peer difference but far from the sheet; pair 1: two differences but
/// closer to the sheet.
std::vector<model::proposal_pair> sheet_versus_difference_pairs() {
    proposal_text far_local;
    far_local.hash = "SHA256";
    far_local.group = "DH14";
    proposal_text far_peer;
    far_peer.hash = "SHA256";
    proposal_text near_peer;
    near_peer.hash = "SHA384";
    near_peer.encklen = "128";
    return {compared(far_local, far_peer, 1), compared({}, near_peer, 11)};
}

TEST(AnalyseTest, WithASheetThePairClosestToTheSheetIsChosen) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    const auto r = report_of(negotiation_with(sheet_versus_difference_pairs()), &sheet);
    EXPECT_EQ(r.chosen_pair, std::size_t{1});
    EXPECT_EQ(attributes_of(r), (std::vector<std::string>{"encryption", "hash"}));
    for (const auto& m : r.mismatches) {
        EXPECT_EQ(m.side, diff::side::peer) << m.attribute;
    }
}

TEST(AnalyseTest, WithoutASheetThePairWithFewestDifferencesIsChosen) {
    const auto r = report_of(negotiation_with(sheet_versus_difference_pairs()), nullptr);
    EXPECT_EQ(r.chosen_pair, std::size_t{0});
    ASSERT_EQ(r.mismatches.size(), 1u);
    EXPECT_EQ(r.mismatches[0].attribute, "dh_group");
    EXPECT_EQ(shown(r.mismatches[0].local), "group14");
    EXPECT_EQ(shown(r.mismatches[0].peer), "group20");
    EXPECT_EQ(r.mismatches[0].side, diff::side::unknown);
}

TEST(AnalyseTest, AcceptedPairIsChosenOverABetterFit) {
    const model::sheet sheet = sheet_of(k_guide_sheet);
    proposal_text off;
    off.hash = "SHA256";
    std::vector<model::proposal_pair> pairs{compared({}, {}), compared(off, off)};
    pairs[1].accepted = true;
    const auto r = report_of(negotiation_with(std::move(pairs)), &sheet);
    EXPECT_EQ(r.chosen_pair, std::size_t{1});
    ASSERT_EQ(r.mismatches.size(), 1u);
    EXPECT_EQ(r.mismatches[0].attribute, "hash");
    EXPECT_EQ(r.mismatches[0].side, diff::side::both);
}

TEST(AnalyseTest, RejectedLinesCountAgainstAPairWithoutASheet) {
    // Same values on both pairs; the one with rejected lines is the worse fit.
    std::vector<model::proposal_pair> pairs{compared({}, {}), compared({}, {})};
    pairs[0].rejected.push_back(phase1_attribute::hash);
    const auto r = report_of(negotiation_with(std::move(pairs)), nullptr);
    EXPECT_EQ(r.chosen_pair, std::size_t{1});
}

// Tunnels -----------------------------------------------------------------------------------

const std::string k_two_tunnels = "tunnels:\n"
                                  "  - name: osaka\n"
                                  "    peer_address: 200.100.1.254\n"
                                  "  - name: kyoto\n"
                                  "    gateway: GW-KYOTO\n"
                                  "    peer_address: 198.51.100.7\n";

TEST(MatchTunnelTest, PeerAddressPicksTheTunnel) {
    const model::sheet sheet = sheet_of(k_two_tunnels);
    EXPECT_EQ(diff::match_tunnel(negotiation_with({}, "200.100.1.254"), sheet), std::size_t{0});
    EXPECT_EQ(diff::match_tunnel(negotiation_with({}, "198.51.100.7"), sheet), std::size_t{1});
    EXPECT_FALSE(diff::match_tunnel(negotiation_with({}, "203.0.113.1"), sheet).has_value());
}

TEST(MatchTunnelTest, GatewayPicksTheTunnelWhenThePeerDoesNot) {
    const model::sheet sheet = sheet_of(k_two_tunnels);
    model::negotiation n = negotiation_with({}, "203.0.113.1");
    n.gateway = "GW-KYOTO";
    EXPECT_EQ(diff::match_tunnel(n, sheet), std::size_t{1});
}

TEST(MatchTunnelTest, LocalAddressPicksBetweenTwoTunnelsToTheSamePeer) {
    // Two ISP uplinks of one firewall to one branch device.
    const model::sheet sheet = sheet_of("tunnels:\n"
                                        "  - name: isp-a\n"
                                        "    local_address: 200.100.5.1\n"
                                        "    peer_address: 200.100.1.254\n"
                                        "  - name: isp-b\n"
                                        "    local_address: 200.100.5.2\n"
                                        "    peer_address: 200.100.1.254\n");
    model::negotiation n = negotiation_with({});
    EXPECT_EQ(diff::match_tunnel(n, sheet), std::size_t{0});
    n.local = model::endpoint{"200.100.5.2", 500};
    EXPECT_EQ(diff::match_tunnel(n, sheet), std::size_t{1});
    // Behind NAT the logged local address is neither: the peer still decides.
    n.local = model::endpoint{"10.0.0.1", 500};
    EXPECT_EQ(diff::match_tunnel(n, sheet), std::size_t{0});
}

TEST(MatchTunnelTest, Ipv6AddressesMatchWhateverTheirSpelling) {
    const model::sheet sheet = sheet_of("peer_address: 2001:DB8:FFFF:0::FE\n");
    EXPECT_EQ(diff::match_tunnel(negotiation_with({}, "2001:db8:ffff::fe"), sheet), std::size_t{0});
    model::sheet two = sheet_of("tunnels:\n"
                                "  - name: v4\n"
                                "    peer_address: 200.100.1.254\n"
                                "  - name: v6\n"
                                "    peer_address: 2001:DB8::1\n");
    EXPECT_EQ(diff::match_tunnel(negotiation_with({}, "2001:db8:0:0::1"), two), std::size_t{1});
}

TEST(MatchTunnelTest, DifferentGatewayRulesATunnelOutEvenWithTheSamePeer) {
    const model::sheet sheet = sheet_of(k_two_tunnels);
    model::negotiation n = negotiation_with({}, "198.51.100.7");
    n.gateway = "GW-OTHER";
    EXPECT_FALSE(diff::match_tunnel(n, sheet).has_value());
}

TEST(AnalyseTest, PeerFilterReportsANotSeenTunnelOfThatPeer) {
    const model::sheet sheet = sheet_of(k_two_tunnels);
    diff::filter keep;
    keep.peer = "198.51.100.7";
    std::vector<model::negotiation> none;
    none.push_back(negotiation_with({}, "200.100.1.254"));
    const diff::analysis a = diff::analyse(std::move(none), &sheet, keep);
    EXPECT_TRUE(a.negotiations.empty());
    EXPECT_EQ(a.filtered_out, 1u);
    // osaka is outside the filter (not looked for); kyoto was looked for and not seen.
    EXPECT_EQ(a.tunnels_not_seen, std::vector<std::size_t>{1});
}

TEST(AnalyseTest, TimeWindowDoesNotHideANotSeenTunnel) {
    const model::sheet sheet = sheet_of(k_two_tunnels);
    diff::filter keep;
    keep.since = diff::filter::bound{0, false};
    std::vector<model::negotiation> one;
    one.push_back(negotiation_with({}, "200.100.1.254"));
    const diff::analysis a = diff::analyse(std::move(one), &sheet, keep);
    EXPECT_EQ(a.negotiations.size(), 1u);
    EXPECT_EQ(a.tunnels_not_seen, std::vector<std::size_t>{1});
}

TEST(FilterTest, PeerFilterComparesAddressesNotSpellings) {
    diff::filter keep;
    keep.peer = "2001:DB8::FE";
    EXPECT_TRUE(keep.keeps(negotiation_with({}, "2001:db8:0::fe"), nullptr));
    EXPECT_FALSE(keep.keeps(negotiation_with({}, "2001:db8::ff"), nullptr));
}

TEST(MatchTunnelTest, SingleTunnelWithoutPeerAddressTakesEveryNegotiation) {
    const model::sheet sheet = sheet_of("name: only\n");
    EXPECT_EQ(diff::match_tunnel(negotiation_with({}, "203.0.113.1"), sheet), std::size_t{0});
}

TEST(MatchTunnelTest, SingleTunnelForAnotherPeerDoesNotMatch) {
    const model::sheet sheet = sheet_of("peer_address: 200.100.1.254\n");
    EXPECT_FALSE(diff::match_tunnel(negotiation_with({}, "203.0.113.1"), sheet).has_value());
}

TEST(MatchTunnelTest, SingleTunnelMatchesANegotiationWithoutPeer) {
    const model::sheet sheet = sheet_of("peer_address: 200.100.1.254\n");
    model::negotiation n = negotiation_with({});
    n.peer.reset();
    EXPECT_EQ(diff::match_tunnel(n, sheet), std::size_t{0});
}

TEST(MatchTunnelTest, DynamicPeerTunnelTakesUnmatchedPeers) {
    const model::sheet sheet = sheet_of("tunnels:\n"
                                        "  - name: osaka\n"
                                        "    peer_address: 200.100.1.254\n"
                                        "  - name: roaming\n"
                                        "    peer_address: dynamic\n");
    EXPECT_EQ(diff::match_tunnel(negotiation_with({}, "200.100.1.254"), sheet), std::size_t{0});
    EXPECT_EQ(diff::match_tunnel(negotiation_with({}, "203.0.113.1"), sheet), std::size_t{1});
}

TEST(AnalyseTest, TunnelsNoNegotiationMatchedAreNotSeen) {
    const model::sheet sheet = sheet_of(k_two_tunnels);
    std::vector<model::negotiation> all{negotiation_with({compared({}, {})}, "200.100.1.254")};
    const diff::analysis a = diff::analyse(std::move(all), &sheet, {});
    ASSERT_EQ(a.negotiations.size(), 1u);
    EXPECT_EQ(a.negotiations[0].tunnel, std::size_t{0});
    EXPECT_EQ(a.tunnels_not_seen, std::vector<std::size_t>{1});
}

TEST(AnalyseTest, TunnelsOutsideAFilterAreNotReportedUnseen) {
    const model::sheet sheet = sheet_of(k_two_tunnels);
    std::vector<model::negotiation> all{negotiation_with({}, "200.100.1.254")};
    diff::filter keep;
    keep.peer = "200.100.1.254";
    const diff::analysis a = diff::analyse(std::move(all), &sheet, keep);
    ASSERT_EQ(a.negotiations.size(), 1u);
    EXPECT_TRUE(a.tunnels_not_seen.empty());
}

TEST(AnalyseTest, NegotiationOfAnUnknownPeerHasNoTunnelAndIsComparedWithoutSheet) {
    const model::sheet sheet = sheet_of(k_two_tunnels);
    proposal_text local;
    local.hash = "SHA256";
    const auto r = report_of(negotiation_with({compared(local, {})}, "203.0.113.1"), &sheet);
    EXPECT_FALSE(r.tunnel.has_value());
    ASSERT_EQ(r.mismatches.size(), 1u);
    EXPECT_EQ(r.mismatches[0].side, diff::side::unknown);
}

// Filters -----------------------------------------------------------------------------------

model::negotiation started_at(unsigned hour, unsigned minute, const std::string& peer_address) {
    model::negotiation n = negotiation_with({}, peer_address);
    n.started = model::timestamp::from_civil(2021, 7, 6, hour, minute, 0, 0, 540, true);
    return n;
}

std::int64_t utc_ms(unsigned hour, unsigned minute) {
    return model::timestamp::from_civil(2021, 7, 6, hour, minute, 0, 0, 0, true).epoch_ms;
}

TEST(AnalyseTest, PeerFilterKeepsOnlyThatPeer) {
    std::vector<model::negotiation> all{started_at(18, 0, "200.100.1.254"),
                                        started_at(18, 1, "198.51.100.7"),
                                        started_at(18, 2, "200.100.1.254")};
    diff::filter keep;
    keep.peer = "200.100.1.254";
    const diff::analysis a = diff::analyse(std::move(all), nullptr, keep);
    ASSERT_EQ(a.negotiations.size(), 2u);
    EXPECT_EQ(a.negotiations[0].negotiation.started->epoch_ms,
              started_at(18, 0, "x").started->epoch_ms);
    EXPECT_EQ(a.negotiations[1].negotiation.started->epoch_ms,
              started_at(18, 2, "x").started->epoch_ms);
}

TEST(FilterTest, GatewayFilterNeedsTheSameGateway) {
    diff::filter keep;
    keep.gateway = "GW-OSAKA";
    model::negotiation n = negotiation_with({});
    EXPECT_FALSE(keep.keeps(n, nullptr));
    n.gateway = "GW-KYOTO";
    EXPECT_FALSE(keep.keeps(n, nullptr));
    n.gateway = "GW-OSAKA";
    EXPECT_TRUE(keep.keeps(n, nullptr));
}

TEST(FilterTest, GatewayFilterUsesTheSheetTunnelsGatewayWhenTheLogNamesNone) {
    diff::filter keep;
    keep.gateway = "GW-OSAKA";
    const model::negotiation n = negotiation_with({});
    model::tunnel_expectation osaka;
    osaka.gateway = "GW-OSAKA";
    model::tunnel_expectation kyoto;
    kyoto.gateway = "GW-KYOTO";
    EXPECT_TRUE(keep.keeps(n, &osaka));
    EXPECT_FALSE(keep.keeps(n, &kyoto));
    EXPECT_FALSE(keep.keeps(n, nullptr));
}

TEST(FilterTest, SinceAndUntilBoundTheStartInstantInclusively) {
    // Started 18:00, 18:30 and 19:00 at +0900, i.e. 09:00, 09:30 and 10:00 UTC.
    diff::filter keep;
    keep.since = diff::filter::bound{utc_ms(9, 30), false};
    keep.until = diff::filter::bound{utc_ms(10, 0), false};
    EXPECT_FALSE(keep.keeps(started_at(18, 0, "200.100.1.254"), nullptr));
    EXPECT_TRUE(keep.keeps(started_at(18, 30, "200.100.1.254"), nullptr));
    EXPECT_TRUE(keep.keeps(started_at(19, 0, "200.100.1.254"), nullptr));
    EXPECT_FALSE(keep.keeps(started_at(19, 1, "200.100.1.254"), nullptr));
}

TEST(FilterTest, WallClockBoundsCompareTheLogsLocalTime) {
    // A bound written without a zone, 18:15, read as the log's own wall clock.
    diff::filter keep;
    keep.since = diff::filter::bound{utc_ms(18, 15), true};
    EXPECT_FALSE(keep.keeps(started_at(18, 0, "200.100.1.254"), nullptr));
    EXPECT_TRUE(keep.keeps(started_at(18, 30, "200.100.1.254"), nullptr));
    // The same number as an instant (18:15 UTC) is after both starts.
    keep.since = diff::filter::bound{utc_ms(18, 15), false};
    EXPECT_FALSE(keep.keeps(started_at(18, 30, "200.100.1.254"), nullptr));
}

TEST(FilterTest, TimeBoundsDropANegotiationWithoutStart) {
    diff::filter keep;
    keep.until = diff::filter::bound{utc_ms(23, 0), false};
    model::negotiation n = negotiation_with({});
    n.started.reset();
    EXPECT_FALSE(keep.keeps(n, nullptr));
    EXPECT_TRUE(diff::filter{}.keeps(n, nullptr));
}

TEST(AnalyseTest, TimeFilterDropsNegotiationsOutsideTheBounds) {
    std::vector<model::negotiation> all{started_at(18, 0, "200.100.1.254"),
                                        started_at(18, 30, "200.100.1.254"),
                                        started_at(19, 30, "200.100.1.254")};
    diff::filter keep;
    keep.since = diff::filter::bound{utc_ms(9, 15), false};
    keep.until = diff::filter::bound{utc_ms(10, 0), false};
    const diff::analysis a = diff::analyse(std::move(all), nullptr, keep);
    ASSERT_EQ(a.negotiations.size(), 1u);
    EXPECT_EQ(a.negotiations[0].negotiation.started->epoch_ms, utc_ms(9, 30));
}

TEST(SideTest, EverySideHasItsContractWord) {
    EXPECT_EQ(diff::to_string(diff::side::local), "local");
    EXPECT_EQ(diff::to_string(diff::side::peer), "peer");
    EXPECT_EQ(diff::to_string(diff::side::both), "both");
    EXPECT_EQ(diff::to_string(diff::side::neither), "neither");
    EXPECT_EQ(diff::to_string(diff::side::unknown), "unknown");
}

} // namespace
