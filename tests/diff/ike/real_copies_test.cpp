// diff/ike/reconstruct on lines as real copies show them (fixtures/real-*): unanswered
// retransmits as timeout evidence, lines not understood kept with their negotiation, PAN-OS
// 7.x IKEv2 SA states.

#include "diff/ike/reconstruct.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <string>
#include <variant>
#include <vector>

namespace {

using namespace ikediff;

/// Every line through the scanner, as the ikemgr feeder hands it on: events, and the lines
/// not understood as such (noise left out).
std::vector<model::negotiation> rebuild(const std::vector<std::string>& lines) {
    diff::reconstructor r;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto result = parser::scan_line(lines[i]);
        model::log_event* event = std::get_if<model::log_event>(&result);
        if (auto* bad = std::get_if<parser::scan_malformed>(&result); bad != nullptr && bad->line) {
            event = &*bad->line;
        }
        if (event != nullptr) {
            event->where = {0, i + 1, 1};
            r.add(test_support::keyed_as_ikemgr(*event));
        }
    }
    return r.finish();
}

// The forum post of fixtures/real-placeholder-host (racoon 0.6.6, `racoon -F -d`).
const std::string k_start = "2007-08-07 00:03:58: INFO: initiate new phase 1 negotiation: "
                            "192.168.1.60[500]<=>ip.of.vpn.gateway[500]";
const std::string k_resend =
    "2007-08-07 00:04:18: DEBUG: resend phase1 packet 800d8ae83243773b:0000000000000000";

TEST(RealCopiesReconstruct, RetransmitsUntilTheNextAttemptAreATimeout) {
    const auto all = rebuild({k_start, k_resend, k_resend, k_start});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].result, model::outcome::failed);
    EXPECT_EQ(all[0].failure, model::failure_class::timeout);
    EXPECT_EQ(all[0].evidence.size(), 2u); // the two retransmits
    EXPECT_EQ(all[0].peer->address, "ip.of.vpn.gateway");
    // The second attempt has nothing yet when the log ends.
    EXPECT_EQ(all[1].result, model::outcome::unknown);
}

TEST(RealCopiesReconstruct, RetransmitsWhenTheLogEndsAreUnfinished) {
    const auto all = rebuild({k_start, k_resend, k_resend});
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].result, model::outcome::unknown);
    EXPECT_FALSE(all[0].failure);
}

TEST(RealCopiesReconstruct, AnAnswerAfterRetransmitsClearsTheTimeout) {
    const auto all = rebuild({k_start, k_resend,
                              "2007-08-07 00:04:20: INFO: ISAKMP-SA established "
                              "192.168.1.60[500]-ip.of.vpn.gateway[500] "
                              "spi:800d8ae83243773b:9b95e47f6705088b",
                              k_start});
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].result, model::outcome::established);
    EXPECT_FALSE(all[0].failure);
}

TEST(RealCopiesReconstruct, LinesNotUnderstoodStayWithTheirNegotiation) {
    // fixtures/real-unread-line: the guide's lines, two of them cut short.
    const std::string prefix = "2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: ";
    const auto all = rebuild({prefix + "Compared: DB:Peer", prefix + "hashtype = SHA256",
                              prefix + "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns",
                              prefix + "no suitable proposal found."});
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].failure, model::failure_class::no_proposal);
    ASSERT_EQ(all[0].not_understood.size(), 2u);
    EXPECT_EQ(all[0].not_understood[0].line, 2u);
    EXPECT_EQ(all[0].not_understood[1].line, 3u);
}

TEST(RealCopiesReconstruct, LinesNotUnderstoodAloneMakeNoNegotiation) {
    const auto all =
        rebuild({"2021-07-06 18:35:17.870 +0900  [PERR]: {    9:     }: hashtype = SHA256"});
    EXPECT_TRUE(all.empty());
}

TEST(RealCopiesReconstruct, PanOs7AbortOfAnEstablishedSaIsDpdDown) {
    // Palo Alto KB kA10g000000ClgcCAC
    const auto all = rebuild({"2016-03-01 14:32:24 [INFO]: ike_sa.c:275:ikev2_abort(): "
                              "6:1.1.1.1[500] - 2.2.2.2[500]:(nil):aborting IKEv2 SA GW:6",
                              "2016-03-01 14:32:24.890 +0800 debug: "
                              "pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): ... IKEv2 SA state "
                              "{GW:6-I}: SA dying from state ESTABLISHED, caller ikev2_abort"});
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].result, model::outcome::failed);
    EXPECT_EQ(all[0].failure, model::failure_class::dpd_down);
    EXPECT_EQ(all[0].version, model::ike_version::ikev2);
    EXPECT_EQ(all[0].gateway, "GW");
    EXPECT_EQ(all[0].evidence.size(), 2u);
}

} // namespace
