// diff/ike: negotiations rebuilt from PAN-OS banners whose details stand on lines of their
// own, and from native PAN-OS IKEv2 banners (log-formats.md section 6), read by the
// ikemgr.log feeder as a file is: version, phase, role, gateway, endpoints, the SA's
// cookie or SPI, outcome, failure class and evidence lines.

#include "diff/ike/reconstruct.hpp"
#include "parser/ikemgr/format.hpp"

#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ikediff;

/// `text`'s lines through the ikemgr.log feeder, then the reconstruction.
std::vector<model::negotiation> rebuild(std::string_view text) {
    parser::input_stats stats;
    diff::reconstructor r;
    parser::line_feeder feeder(0, stats, [&r](model::log_event&& e) { r.add(std::move(e)); });
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        feeder.feed(text.substr(0, nl));
        text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    }
    feeder.finish();
    return r.finish();
}

std::vector<std::uint64_t> evidence_lines(const model::negotiation& n) {
    std::vector<std::uint64_t> lines;
    for (std::size_t i : n.evidence) {
        lines.push_back(n.lines[i].where.line);
    }
    return lines;
}

TEST(PanosBanner, GuideTimeoutOnLinesOfTheirOwn) {
    const auto ns = rebuild("2014-05-07 10:00:00.100 +0200  [PNTF]: { 1: }: ====> PHASE-1 "
                            "NEGOTIATION STARTED AS INITIATOR, MAIN MODE <====\n"
                            "====> Initiated SA: 200.100.5.1[500]-200.100.1.254[500] "
                            "cookie:02f293d180b306a3:0000000000000000 <====\n"
                            "2014-05-07 10:00:40.100 +0200  [PERR]: { 1: }: ====> PHASE-1 "
                            "NEGOTIATION FAILED AS INITIATOR, MAIN MODE <====\n"
                            "====> Failed SA: 200.100.5.1[500]-200.100.1.254[500] "
                            "cookie:02f293d180b306a3:0000000000000000 <====\n"
                            "====> Due to timeout. <====\n");
    ASSERT_EQ(ns.size(), 1u);
    const auto& n = ns[0];
    EXPECT_EQ(n.version, model::ike_version::ikev1);
    EXPECT_EQ(n.role, model::role::initiator);
    EXPECT_EQ(n.local, (model::endpoint{"200.100.5.1", 500}));
    EXPECT_EQ(n.peer, (model::endpoint{"200.100.1.254", 500}));
    EXPECT_EQ(n.initiator_cookie, "02f293d180b306a3");
    EXPECT_EQ(n.result, model::outcome::failed);
    EXPECT_EQ(n.failure, model::failure_class::timeout);
    EXPECT_EQ(evidence_lines(n), (std::vector<std::uint64_t>{3, 5}));
}

TEST(PanosBanner, Ikev2NoProposalAsInitiator) {
    const auto ns = rebuild(
        "2024-03-05 10:00:00.100 +0100  [PNTF]: { 3: }: ====> IKEv2 IKE SA NEGOTIATION STARTED AS "
        "INITIATOR, non-rekey; gateway GW-X <====\n"
        "====> Initiated SA: 192.0.2.1[500]-198.51.100.2[500] "
        "SPI:8669654AB024E4AE:0000000000000000 SN:4 <====\n"
        "2024-03-05 10:00:00.300 +0100  [PERR]: { 3: }: received notify type NO_PROPOSAL_CHOSEN\n"
        "2024-03-05 10:00:00.300 +0100  [PERR]: { 3: }: ====> IKEv2 IKE SA NEGOTIATION FAILED AS "
        "INITIATOR, non-rekey; gateway GW-X <====\n"
        "====> Failed SA: 192.0.2.1[500]-198.51.100.2[500] SPI:8669654AB024E4AE:0000000000000000 "
        "SN:4 <====\n");
    ASSERT_EQ(ns.size(), 1u);
    const auto& n = ns[0];
    EXPECT_EQ(n.version, model::ike_version::ikev2);
    EXPECT_EQ(n.phase, 1u);
    EXPECT_EQ(n.role, model::role::initiator);
    EXPECT_EQ(n.gateway, "GW-X");
    EXPECT_FALSE(
        n.exchange); // NO_PROPOSAL_CHOSEN's rule names none: it may answer IKE_SA_INIT or IKE_AUTH
    EXPECT_EQ(n.initiator_cookie,
              "8669654ab024e4ae"); // the IKE SA's initiator SPI, as a system log names it
    EXPECT_EQ(n.result, model::outcome::failed);
    EXPECT_EQ(n.failure, model::failure_class::no_proposal);
    EXPECT_EQ(evidence_lines(n), (std::vector<std::uint64_t>{3, 4}));
}

TEST(PanosBanner, Ikev2ChildSaTsUnacceptableIsPhaseTwoProxyIdMismatch) {
    const auto ns = rebuild(
        "2024-03-05 10:00:00.100 +0100  [PNTF]: { 3: }: ====> IKEv2 IKE SA NEGOTIATION SUCCEEDED "
        "AS INITIATOR, non-rekey; gateway GW-X <====\n"
        "====> Established SA: 192.0.2.1[500]-198.51.100.2[500] "
        "SPI:8669654ab024e4ae:cabd66d702c02131 SN:4 <====\n"
        "2024-03-05 10:00:00.200 +0100  [PNTF]: { 3: 1}: ====> IKEv2 CHILD SA NEGOTIATION STARTED "
        "AS INITIATOR, non-rekey; gateway GW-X <====\n"
        "2024-03-05 10:00:00.300 +0100  [PERR]: { 3: 1}: received notify type TS_UNACCEPTABLE\n"
        "2024-03-05 10:00:00.300 +0100  [PERR]: { 3: 1}: ====> IKEv2 CHILD SA NEGOTIATION FAILED "
        "AS INITIATOR, non-rekey; gateway GW-X <====\n");
    ASSERT_EQ(ns.size(), 2u);
    EXPECT_EQ(ns[0].phase, 1u);
    EXPECT_EQ(ns[0].result, model::outcome::established);
    EXPECT_EQ(ns[0].gateway, "GW-X");
    EXPECT_EQ(ns[1].phase, 2u);
    EXPECT_EQ(ns[1].version, model::ike_version::ikev2);
    EXPECT_EQ(ns[1].gateway, "GW-X");
    EXPECT_EQ(ns[1].exchange, model::exchange::ike_auth);
    EXPECT_EQ(ns[1].result, model::outcome::failed);
    EXPECT_EQ(ns[1].failure, model::failure_class::proxy_id_mismatch);
}

TEST(PanosBanner, Ikev2ResponderIdMismatchBehindNat) {
    // forum.mikrotik.com thread 1119654: the peer's ID_I is its private address.
    const auto ns =
        rebuild("2023-05-10 09:12:01.001 +0300  [PNTF]: { 5: }: ====> IKEv2 IKE SA NEGOTIATION "
                "STARTED AS RESPONDER, non-rekey; gateway GW-MIKROTIK <====\n"
                "2023-05-10 09:12:01.210 +0300  [PERR]: { 5: }: received ID_I (type ipaddr "
                "[10.222.191.127]) does not match peers id\n"
                "2023-05-10 09:12:01.210 +0300  [PERR]: { 5: }: ====> IKEv2 IKE SA NEGOTIATION "
                "FAILED AS RESPONDER, non-rekey; gateway GW-MIKROTIK <====\n"
                "====> Failed SA: 111.111.111.111[4500]-176.238.239.255[51435] "
                "SPI:0239b91635ed0e98:426762ab448185a9 SN:7 <====\n");
    ASSERT_EQ(ns.size(), 1u);
    EXPECT_EQ(ns[0].role, model::role::responder);
    EXPECT_EQ(ns[0].peer, (model::endpoint{"176.238.239.255", 51435}));
    EXPECT_EQ(ns[0].failure, model::failure_class::id_mismatch);
    EXPECT_EQ(ns[0].initiator_cookie, "0239b91635ed0e98");
}

TEST(PanosBanner, DueToTimeoutUnderAPhaseTwoBannerIsAPhaseTwoTimeout) {
    // The system log's phase 2 wording (`IKE phase-2 negotiation is failed as initiator, quick
    // mode. ... Due to timeout.`), as ikemgr.log banners write it.
    const auto ns = rebuild("2014-05-07 10:01:00.100 +0200  [PNTF]: { 1: 2}: ====> PHASE-2 "
                            "NEGOTIATION STARTED AS INITIATOR, QUICK MODE <====\n"
                            "2014-05-07 10:01:30.100 +0200  [PERR]: { 1: 2}: ====> PHASE-2 "
                            "NEGOTIATION FAILED AS INITIATOR, QUICK MODE <====\n"
                            "====> Due to timeout. <====\n");
    ASSERT_EQ(ns.size(), 1u);
    EXPECT_EQ(ns[0].phase, 2u);
    EXPECT_EQ(ns[0].exchange, model::exchange::quick);
    EXPECT_EQ(ns[0].failure, model::failure_class::timeout);
    EXPECT_EQ(evidence_lines(ns[0]), (std::vector<std::uint64_t>{2, 3}));
}

} // namespace
