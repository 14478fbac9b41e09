// diff/ike/reconstruct: negotiations rebuilt from real log lines (run through parser::scan_line),
// one per PAN-OS context, with outcome, failure class, evidence, role and exchange.

#include "diff/ike/reconstruct.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "parser/log_reader.hpp"
#include "test_support.hpp"

#include <cstdint>
#include <cstdio>
#include <gtest/gtest.h>
#include <algorithm>
#include <iterator>
#include <random>
#include <string>
#include <variant>
#include <vector>

namespace {

using namespace ikediff;

/// `2021-07-06 <clock> +0900  [<level>]: {    <sa>:     }: <message>`
std::string pan_line(const std::string& clock, const std::string& level, unsigned sa,
                     const std::string& message) {
    return "2021-07-06 " + clock + " +0900  [" + level + "]: {    " + std::to_string(sa) +
           ":     }: " + message;
}

/// Scans `lines` as input `input` (line numbers from 1), keyed as the reader keys them; noise
/// is skipped, as the reader does.
std::vector<model::log_event> scan(const std::vector<std::string>& lines, std::uint32_t input = 0) {
    std::vector<model::log_event> events;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto r = parser::scan_line(lines[i]);
        if (auto* malformed = std::get_if<parser::scan_malformed>(&r)) {
            ADD_FAILURE() << "malformed line " << i + 1 << ": " << malformed->message << "\n"
                          << lines[i];
            continue;
        }
        if (auto* event = std::get_if<model::log_event>(&r)) {
            event->where = {input, i + 1, 1};
            events.push_back(std::move(test_support::keyed_as_ikemgr(*event)));
        }
    }
    return events;
}

std::vector<model::negotiation> rebuild(const std::vector<std::string>& lines) {
    diff::reconstructor r;
    for (const auto& e : scan(lines)) {
        r.add(e);
    }
    return r.finish();
}

std::string value_of(const model::phase1_proposal& p, model::phase1_parameter param) {
    const auto v = p.get(param);
    return v ? model::to_string(*v) : "(none)";
}

/// The guide's failing phase 1 (log-formats.md section 2, fixtures/guide-hash-local).
const std::vector<std::string> k_guide{
    pan_line("18:35:17.861", "INFO", 9,
             "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]"),  // 1
    pan_line("18:35:17.861", "INFO", 9, "begin Identity Protection mode."),              // 2
    pan_line("18:35:17.862", "DEBG", 9, "total SA len=56"),                              // 3 noise
    pan_line("18:35:17.862", "DEBG", 9, "begin."),                                       // 4 noise
    pan_line("18:35:17.863", "DEBG", 9, "prop#=1, prot-id=ISAKMP, spi-size=0, #trns=1"), // 5 noise
    pan_line("18:35:17.863", "DEBG", 9, "trns#=1, trns-id=IKE"),                         // 6 noise
    pan_line("18:35:17.864", "DEBG", 9,
             "type=Encryption Algorithm, flag=0x8000, lorv=AES-CBC"),                     // 7 noise
    pan_line("18:35:17.864", "DEBG", 9, "type=Hash Algorithm, flag=0x8000, lorv=SHA512"), // 8 noise
    pan_line("18:35:17.869", "DEBG", 9, "Compared: DB:Peer"),                             // 9
    pan_line("18:35:17.869", "DEBG", 9, "(lifetime = 28800:28800)"),                      // 10
    pan_line("18:35:17.869", "DEBG", 9, "(lifebyte = 0:0)"),                              // 11
    pan_line("18:35:17.869", "DEBG", 9, "enctype = AES:AES"),                             // 12
    pan_line("18:35:17.870", "DEBG", 9, "(encklen = 256:256)"),                           // 13
    pan_line("18:35:17.870", "DEBG", 9, "hashtype = SHA256:SHA512"),                      // 14
    pan_line("18:35:17.870", "DEBG", 9, "authmethod = PSK:PSK"),                          // 15
    pan_line("18:35:17.870", "DEBG", 9, "dh_group = DH20:DH20"),                          // 16
    pan_line("18:35:17.870", "PERR", 9,
             "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512"), // 17
    pan_line("18:35:17.870", "PERR", 9, "no suitable proposal found."),                   // 18
    pan_line("18:35:17.870", "PERR", 9,
             "200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal."), // 19
};

model::timestamp guide_time(unsigned second, unsigned millis) {
    return model::timestamp::from_civil(2021, 7, 6, 18, 35, second, millis, 540, true);
}

// One context ------------------------------------------------------------------------------

TEST(ReconstructorTest, GuideBlockIsOneNegotiationOfItsContext) {
    const auto all = rebuild(k_guide);
    ASSERT_EQ(all.size(), 1u);
    const auto& n = all[0];
    EXPECT_EQ(n.context, (model::pan_context{9, std::nullopt}));
    EXPECT_EQ(n.phase, 1u);
    EXPECT_EQ(n.version, model::ike_version::ikev1);
    EXPECT_EQ(n.local, (model::endpoint{"200.100.5.1", 500}));
    EXPECT_EQ(n.peer, (model::endpoint{"200.100.1.254", 500}));
    EXPECT_FALSE(n.gateway.has_value());
    ASSERT_TRUE(n.started.has_value());
    ASSERT_TRUE(n.ended.has_value());
    EXPECT_EQ(n.started->epoch_ms, guide_time(17, 861).epoch_ms);
    EXPECT_EQ(n.started->offset_minutes, 540);
    EXPECT_EQ(n.ended->epoch_ms, guide_time(17, 870).epoch_ms);
    // 19 lines, 6 of them noise.
    ASSERT_EQ(n.lines.size(), 13u);
    EXPECT_EQ(n.lines.front().where.line, 1u);
    EXPECT_EQ(n.lines.front().text,
              "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]");
    EXPECT_EQ(n.lines[2].where.line, 9u);
    EXPECT_EQ(n.lines.back().where.line, 19u);
}

TEST(ReconstructorTest, RoleAndExchangeComeFromStartAndModeLines) {
    const auto all = rebuild(k_guide);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].role, model::role::responder);
    EXPECT_EQ(all[0].exchange, model::exchange::main);
}

TEST(ReconstructorTest, InitiatorInAggressiveModeIsRecognised) {
    const auto all = rebuild({
        pan_line("10:00:00.000", "INFO", 3,
                 "initiate new phase 1 negotiation: 200.100.5.1[500]<=>203.0.113.9[500]"),
        pan_line("10:00:00.001", "INFO", 3, "begin Aggressive mode."),
    });
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].role, model::role::initiator);
    EXPECT_EQ(all[0].exchange, model::exchange::aggressive);
    EXPECT_EQ(all[0].version, model::ike_version::ikev1);
    EXPECT_EQ(all[0].result, model::outcome::unknown);
    EXPECT_FALSE(all[0].failure.has_value());
    EXPECT_TRUE(all[0].evidence.empty());
}

TEST(ReconstructorTest, PanBannerGivesRoleExchangeAndFailure) {
    const auto all = rebuild({
        pan_line("10:00:00.000", "PNTF", 4,
                 "====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, AGGRESSIVE MODE <===="),
        pan_line("10:00:30.000", "PNTF", 4,
                 "====> PHASE-1 NEGOTIATION FAILED AS RESPONDER, AGGRESSIVE MODE <===="),
    });
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].role, model::role::responder);
    EXPECT_EQ(all[0].exchange, model::exchange::aggressive);
    EXPECT_EQ(all[0].result, model::outcome::failed);
    EXPECT_FALSE(all[0].failure.has_value()); // the banner alone does not say why
    EXPECT_EQ(all[0].evidence, std::vector<std::size_t>{1});
}

TEST(ReconstructorTest, GuideBlockFailsWithNoProposalAndItsEvidence) {
    const auto all = rebuild(k_guide);
    ASSERT_EQ(all.size(), 1u);
    const auto& n = all[0];
    EXPECT_EQ(n.result, model::outcome::failed);
    EXPECT_EQ(n.failure, model::failure_class::no_proposal);
    // rejected..., no suitable proposal found., failed to get valid proposal.
    ASSERT_EQ(n.evidence, (std::vector<std::size_t>{10, 11, 12}));
    EXPECT_EQ(n.lines[n.evidence[0]].where.line, 17u);
    EXPECT_EQ(n.lines[n.evidence[0]].text,
              "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512");
    EXPECT_EQ(n.lines[n.evidence[1]].where.line, 18u);
    EXPECT_EQ(n.lines[n.evidence[1]].text, "no suitable proposal found.");
    EXPECT_EQ(n.lines[n.evidence[2]].where.line, 19u);
    EXPECT_EQ(n.lines[n.evidence[2]].text,
              "200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal.");
}

TEST(ReconstructorTest, GuideBlockComparedPairHoldsBothProposals) {
    const auto all = rebuild(k_guide);
    ASSERT_EQ(all.size(), 1u);
    ASSERT_EQ(all[0].pairs.size(), 1u);
    const auto& p = all[0].pairs[0];
    EXPECT_EQ(p.local_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(p.peer_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(p.rejected, std::vector{model::phase1_attribute::hash});
    EXPECT_FALSE(p.accepted);
    using model::phase1_parameter;
    EXPECT_EQ(value_of(p.local, phase1_parameter::encryption), "aes-256-cbc");
    EXPECT_EQ(value_of(p.peer, phase1_parameter::encryption), "aes-256-cbc");
    EXPECT_EQ(value_of(p.local, phase1_parameter::hash), "sha256");
    EXPECT_EQ(value_of(p.peer, phase1_parameter::hash), "sha512");
    EXPECT_EQ(value_of(p.local, phase1_parameter::dh_group), "group20");
    EXPECT_EQ(value_of(p.peer, phase1_parameter::dh_group), "group20");
    EXPECT_EQ(value_of(p.local, phase1_parameter::auth_method), "pre-shared-key");
    EXPECT_EQ(value_of(p.peer, phase1_parameter::auth_method), "pre-shared-key");
    EXPECT_EQ(p.local.lifetime, std::uint64_t{28800});
    EXPECT_EQ(p.peer.lifetime, std::uint64_t{28800});
    EXPECT_EQ(p.local.lifebytes, std::uint64_t{0});
    // The block's header and 7 attribute lines, then the rejected line about it.
    ASSERT_EQ(p.lines.size(), 9u);
    EXPECT_FALSE(p.lines[0].attribute.has_value());
    EXPECT_EQ(p.lines[0].where.line, 9u);
    EXPECT_EQ(p.lines[5].attribute, model::phase1_attribute::hash);
    EXPECT_EQ(p.lines[5].where.line, 14u);
    EXPECT_EQ(p.lines[8].attribute, model::phase1_attribute::hash);
    EXPECT_EQ(p.lines[8].where.line, 17u);
}

TEST(ReconstructorTest, IsakmpSaEstablishedEndsTheNegotiationEstablished) {
    const auto all = rebuild({
        pan_line("11:00:00.000", "INFO", 7,
                 "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]"),
        pan_line("11:00:00.001", "INFO", 7, "begin Identity Protection mode."),
        pan_line("11:00:00.010", "DEBG", 7, "Compared: DB:Peer"),
        pan_line("11:00:00.010", "DEBG", 7, "hashtype = SHA512:SHA512"),
        pan_line("11:00:00.011", "DEBG", 7, "an acceptable proposal found."),
        pan_line("11:00:00.050", "INFO", 7, "agreed on pre-shared key auth."),
        pan_line("11:00:00.090", "INFO", 7,
                 "ISAKMP-SA established 200.100.5.1[500]-200.100.1.254[500] "
                 "spi:02f293d180b306a3:8a5d0c1e4b7f9a21"),
    });
    ASSERT_EQ(all.size(), 1u);
    const auto& n = all[0];
    EXPECT_EQ(n.result, model::outcome::established);
    EXPECT_FALSE(n.failure.has_value());
    ASSERT_EQ(n.lines.size(), 7u);
    // `an acceptable proposal found.` and `ISAKMP-SA established`.
    EXPECT_EQ(n.evidence, (std::vector<std::size_t>{4, 6}));
    ASSERT_EQ(n.pairs.size(), 1u);
    EXPECT_TRUE(n.pairs[0].accepted);
    EXPECT_FALSE(n.pairs[0].local_ref.has_value());
}

// Several contexts -------------------------------------------------------------------------

TEST(ReconstructorTest, InterleavedContextsGiveTwoNegotiations) {
    const auto all = rebuild({
        pan_line("12:00:00.000", "INFO", 9,
                 "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]"),
        pan_line("12:00:00.001", "INFO", 12,
                 "initiate new phase 1 negotiation: 200.100.5.1[500]<=>198.51.100.7[500]"),
        pan_line("12:00:00.002", "INFO", 9, "begin Identity Protection mode."),
        pan_line("12:00:00.003", "INFO", 12, "begin Aggressive mode."),
        pan_line("12:00:00.004", "DEBG", 9, "Compared: DB:Peer"),
        pan_line("12:00:00.004", "DEBG", 9, "hashtype = SHA256:SHA512"),
        pan_line("12:00:00.005", "INFO", 12,
                 "ISAKMP-SA established 200.100.5.1[500]-198.51.100.7[500] "
                 "spi:0123456789abcdef:fedcba9876543210"),
        pan_line("12:00:00.006", "PERR", 9,
                 "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512"),
        pan_line("12:00:00.006", "PERR", 9, "no suitable proposal found."),
    });
    ASSERT_EQ(all.size(), 2u);
    const auto& first = all[0];
    const auto& second = all[1];
    EXPECT_EQ(first.context, (model::pan_context{9, std::nullopt}));
    EXPECT_EQ(first.peer, (model::endpoint{"200.100.1.254", 500}));
    EXPECT_EQ(first.role, model::role::responder);
    EXPECT_EQ(first.exchange, model::exchange::main);
    EXPECT_EQ(first.result, model::outcome::failed);
    EXPECT_EQ(first.failure, model::failure_class::no_proposal);
    EXPECT_EQ(first.lines.size(), 6u);
    EXPECT_EQ(first.pairs.size(), 1u);

    EXPECT_EQ(second.context, (model::pan_context{12, std::nullopt}));
    EXPECT_EQ(second.peer, (model::endpoint{"198.51.100.7", 500}));
    EXPECT_EQ(second.role, model::role::initiator);
    EXPECT_EQ(second.exchange, model::exchange::aggressive);
    EXPECT_EQ(second.result, model::outcome::established);
    EXPECT_FALSE(second.failure.has_value());
    ASSERT_EQ(second.lines.size(), 3u);
    EXPECT_EQ(second.lines[0].where.line, 2u);
    EXPECT_EQ(second.lines[1].where.line, 4u);
    EXPECT_EQ(second.lines[2].where.line, 7u);
    EXPECT_TRUE(second.pairs.empty());
}

TEST(ReconstructorTest, ContextReusedAfterFailureStartsANewNegotiation) {
    std::vector<std::string> lines = k_guide;
    lines.push_back(
        pan_line("18:36:17.861", "INFO", 9,
                 "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]")); // 20
    lines.push_back(pan_line("18:36:17.862", "INFO", 9, "begin Identity Protection mode.")); // 21
    lines.push_back(pan_line("18:36:17.900", "INFO", 9,
                             "ISAKMP-SA established 200.100.5.1[500]-200.100.1.254[500] "
                             "spi:02f293d180b306a3:8a5d0c1e4b7f9a21")); // 22
    const auto all = rebuild(lines);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].result, model::outcome::failed);
    EXPECT_EQ(all[0].failure, model::failure_class::no_proposal);
    EXPECT_EQ(all[0].lines.size(), 13u);
    EXPECT_EQ(all[0].ended->epoch_ms, guide_time(17, 870).epoch_ms);

    const auto& again = all[1];
    EXPECT_EQ(again.context, (model::pan_context{9, std::nullopt}));
    EXPECT_EQ(again.result, model::outcome::established);
    EXPECT_FALSE(again.failure.has_value());
    ASSERT_EQ(again.lines.size(), 3u);
    EXPECT_EQ(again.lines[0].where.line, 20u);
    ASSERT_TRUE(again.started.has_value());
    EXPECT_EQ(again.started->epoch_ms,
              model::timestamp::from_civil(2021, 7, 6, 18, 36, 17, 861, 540, true).epoch_ms);
    EXPECT_TRUE(again.pairs.empty());
    EXPECT_EQ(again.evidence, std::vector<std::size_t>{2});
}

TEST(ReconstructorTest, ComparedBlockAfterFailureStartsANewNegotiation) {
    std::vector<std::string> lines = k_guide;
    lines.push_back(pan_line("18:36:00.000", "DEBG", 9, "Compared: DB:Peer"));        // 20
    lines.push_back(pan_line("18:36:00.000", "DEBG", 9, "hashtype = SHA512:SHA512")); // 21
    const auto all = rebuild(lines);
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].pairs.size(), 1u);
    ASSERT_EQ(all[1].pairs.size(), 1u);
    EXPECT_EQ(all[1].result, model::outcome::unknown);
    EXPECT_EQ(all[1].lines.size(), 2u);
}

TEST(ReconstructorTest, ContextStillOpenKeepsItsLaterLines) {
    const auto all = rebuild({
        pan_line("12:00:00.000", "INFO", 9,
                 "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]"),
        pan_line("12:00:00.100", "INFO", 5,
                 "respond new phase 1 negotiation: 200.100.5.1[500]<=>198.51.100.7[500]"),
        pan_line("12:00:05.000", "DEBG", 9, "Compared: DB:Peer"),
        pan_line("12:00:05.000", "DEBG", 9, "hashtype = SHA256:SHA512"),
    });
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].lines.size(), 3u);
    EXPECT_EQ(all[0].pairs.size(), 1u);
    EXPECT_EQ(all[1].lines.size(), 1u);
}

// Classic racoon (no context) --------------------------------------------------------------

const std::
    vector<std::string>
        k_racoon{
            "2006-07-22 08:19:40: INFO: respond new phase 1 negotiation: "
            "10.0.0.1[500]<=>10.0.0.2[500]",                              // 1
            "2006-07-22 08:19:40: INFO: begin Identity Protection mode.", // 2
            "2006-07-22 08:19:43: ERROR: rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#4) "
            "= SHA:MD5",                                               // 3
            "2006-07-22 08:19:43: ERROR: no suitable proposal found.", // 4
            "2006-07-22 08:20:10: INFO: respond new phase 1 negotiation: "
            "10.0.0.1[500]<=>10.0.0.3[500]",                     // 5
            "2006-07-22 08:20:10: INFO: begin Aggressive mode.", // 6
            "2006-07-22 08:20:11: INFO: ISAKMP-SA established 10.0.0.1[500]-10.0.0.3[500] "
            "spi:0123456789abcdef:fedcba9876543210", // 7
        };

TEST(ReconstructorTest, RacoonLinesWithoutContextJoinTheLastStartedNegotiation) {
    const auto all = rebuild(k_racoon);
    ASSERT_EQ(all.size(), 2u);
    const auto& first = all[0];
    EXPECT_FALSE(first.context.has_value());
    EXPECT_EQ(first.peer, (model::endpoint{"10.0.0.2", 500}));
    EXPECT_EQ(first.exchange, model::exchange::main);
    EXPECT_EQ(first.result, model::outcome::failed);
    EXPECT_EQ(first.failure, model::failure_class::no_proposal);
    EXPECT_EQ(first.lines.size(), 4u);
    EXPECT_FALSE(first.started->offset_minutes.has_value());
    EXPECT_FALSE(first.started->has_millis);

    const auto& second = all[1];
    EXPECT_FALSE(second.context.has_value());
    EXPECT_EQ(second.peer, (model::endpoint{"10.0.0.3", 500}));
    EXPECT_EQ(second.role, model::role::responder);
    EXPECT_EQ(second.exchange, model::exchange::aggressive);
    EXPECT_EQ(second.result, model::outcome::established);
    ASSERT_EQ(second.lines.size(), 3u);
    EXPECT_EQ(second.lines[0].where.line, 5u);
    EXPECT_EQ(second.lines[2].where.line, 7u);
}

TEST(ReconstructorTest, RacoonRejectedLinesAloneMakeAPair) {
    const auto all = rebuild(k_racoon);
    ASSERT_EQ(all.size(), 2u);
    ASSERT_EQ(all[0].pairs.size(), 1u);
    const auto& p = all[0].pairs[0];
    EXPECT_EQ(p.local_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(p.peer_ref, (model::transform_ref{1, 4}));
    EXPECT_EQ(value_of(p.local, model::phase1_parameter::hash), "sha1");
    EXPECT_EQ(value_of(p.peer, model::phase1_parameter::hash), "md5");
    EXPECT_EQ(value_of(p.local, model::phase1_parameter::encryption), "(none)");
    EXPECT_EQ(p.rejected, std::vector{model::phase1_attribute::hash});
}

TEST(ReconstructorTest, RacoonLinesOfAnotherInputDoNotJoinThisInputsNegotiation) {
    diff::reconstructor r;
    for (const auto& e : scan({k_racoon[0], k_racoon[1]}, 0)) {
        r.add(e);
    }
    for (const auto& e : scan({k_racoon[3]}, 1)) {
        r.add(e);
    }
    for (const auto& e : scan({k_racoon[2]}, 0)) {
        r.add(e);
    }
    const auto all = r.finish();
    ASSERT_EQ(all.size(), 2u);
    EXPECT_EQ(all[0].lines.size(), 3u);
    EXPECT_EQ(all[0].result, model::outcome::unknown);
    EXPECT_EQ(all[0].pairs.size(), 1u);
    ASSERT_EQ(all[1].lines.size(), 1u);
    EXPECT_EQ(all[1].lines[0].where.input, 1u);
    EXPECT_EQ(all[1].result, model::outcome::failed);
}

TEST(ReconstructorTest, FinishEmptiesTheReconstructor) {
    diff::reconstructor r;
    for (const auto& e : scan(k_guide)) {
        r.add(e);
    }
    EXPECT_EQ(r.finish().size(), 1u);
    EXPECT_TRUE(r.finish().empty());
}

} // namespace

namespace {

TEST(ReconstructRetryTest, RejectedLinesAfterAFailureAreANewAttempt) {
    // Normal log level (no Compared blocks): the hash is rejected at 18:35, the peer
    // retries with the hash fixed and the DH group is rejected at 18:45, same context.
    const auto negotiations = rebuild({
        pan_line("18:35:17.870", "PERR", 9, "rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512"),
        pan_line("18:35:17.870", "PERR", 9, "no suitable proposal found."),
        pan_line("18:35:17.870", "PERR", 9,
                 "200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal."),
        pan_line("18:45:02.100", "PERR", 9, "rejected dh_group: DB(prop#1:trns#1):Peer(prop#1:trns#1) = DH20:DH14"),
        pan_line("18:45:02.100", "PERR", 9, "no suitable proposal found."),
    });
    ASSERT_EQ(negotiations.size(), 2u);
    ASSERT_EQ(negotiations[0].pairs.size(), 1u);
    EXPECT_EQ(negotiations[0].pairs[0].rejected, std::vector<model::phase1_attribute>{model::phase1_attribute::hash});
    EXPECT_EQ(negotiations[0].lines.size(), 3u);
    ASSERT_EQ(negotiations[1].pairs.size(), 1u);
    EXPECT_EQ(negotiations[1].pairs[0].rejected, std::vector<model::phase1_attribute>{model::phase1_attribute::dh_group});
    EXPECT_EQ(negotiations[1].result, model::outcome::failed);
}

TEST(ReconstructRetryTest, ARepeatedAttributeOpensTheNextComparedPair) {
    // The second block's `Compared: DB:Peer` header was lost (or mangled by a copy-paste).
    const auto negotiations = rebuild({
        pan_line("18:35:17.869", "DEBG", 9, "Compared: DB:Peer"),
        pan_line("18:35:17.869", "DEBG", 9, "hashtype = SHA256:SHA512"),
        pan_line("18:35:17.869", "DEBG", 9, "dh_group = DH14:DH20"),
        pan_line("18:35:17.869", "DEBG", 9, "Compared:  DB:Peer (mangled header)"),
        pan_line("18:35:17.869", "DEBG", 9, "hashtype = SHA512:SHA512"),
        pan_line("18:35:17.869", "DEBG", 9, "dh_group = DH20:DH20"),
    });
    ASSERT_EQ(negotiations.size(), 1u);
    ASSERT_EQ(negotiations[0].pairs.size(), 2u);
    EXPECT_EQ(value_of(negotiations[0].pairs[0].local, model::phase1_parameter::hash), "sha256");
    EXPECT_EQ(value_of(negotiations[0].pairs[1].local, model::phase1_parameter::hash), "sha512");
    EXPECT_EQ(value_of(negotiations[0].pairs[1].local, model::phase1_parameter::dh_group), "group20");
}

TEST(ReconstructTest, AContextThatOnlyNamesEndpointsIsNoNegotiation) {
    const auto negotiations = rebuild({
        pan_line("18:35:17.869", "DEBG", 4, "purged SA: 200.100.5.1[500]<=>200.100.1.254[500]"),
        pan_line("18:35:17.869", "DEBG", 4, "200.100.5.1[500] - 200.100.1.254[500]:0x7fa610013da0 some message"),
    });
    EXPECT_TRUE(negotiations.empty());
}

} // namespace

namespace {

model::negotiation attempt(const std::string& peer, int minute, bool system_log, const std::string& cookie) {
    model::negotiation n;
    n.peer = model::endpoint{peer, 500};
    n.started = model::timestamp::from_civil(2021, 7, 6, 18, static_cast<unsigned>(minute), 0, 0, 540, false);
    n.ended = n.started;
    n.from_summary = system_log;
    n.result = model::outcome::failed;
    if (!cookie.empty()) {
        n.initiator_cookie = cookie;
    }
    n.lines.push_back({{system_log ? 1u : 0u, static_cast<std::uint64_t>(minute), 1}, "line", {}});
    n.evidence.push_back(0);
    return n;
}

TEST(MergeSystemLogTest, TheSameCookieMergesWhateverTheClocksSay) {
    std::vector<model::negotiation> all;
    all.push_back(attempt("200.100.1.254", 10, false, "02f293d180b306a3"));
    all.push_back(attempt("200.100.1.254", 40, true, "02f293d180b306a3")); // clocks 30 min apart
    diff::merge_summaries(all);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].lines.size(), 2u);
    EXPECT_EQ(all[0].evidence.size(), 2u);
}

TEST(MergeSystemLogTest, DifferentCookiesDoNotMergeEvenAtTheSameTime) {
    std::vector<model::negotiation> all;
    all.push_back(attempt("200.100.1.254", 10, false, "02f293d180b306a3"));
    all.push_back(attempt("200.100.1.254", 10, true, "9c3e5a7b1d2f4e60"));
    diff::merge_summaries(all);
    EXPECT_EQ(all.size(), 2u);
}

TEST(MergeSystemLogTest, WithoutCookiesTheSamePeerAndTimeMerge) {
    std::vector<model::negotiation> all;
    all.push_back(attempt("200.100.1.254", 10, false, ""));
    all.push_back(attempt("198.51.100.7", 10, true, ""));   // another peer: stays
    all.push_back(attempt("200.100.1.254", 10, true, ""));  // merges
    all.push_back(attempt("200.100.1.254", 30, true, ""));  // 20 minutes later: stays
    diff::merge_summaries(all);
    ASSERT_EQ(all.size(), 3u);
    EXPECT_EQ(all[0].lines.size(), 2u);
}

/// The matching merge_summaries() makes, the plain way: each system log negotiation, in
/// order, against every ikemgr.log negotiation (what summary_matches() finds by index).
std::vector<std::pair<std::size_t, std::size_t>> matches_by_looking_at_all(const std::vector<model::negotiation>& all) {
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    std::vector<bool> taken(all.size(), false);
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (!all[i].from_summary) {
            continue;
        }
        std::vector<std::pair<std::int64_t, std::size_t>> candidates;
        for (std::size_t j = 0; j < all.size(); ++j) {
            if (!taken[j] && diff::same_attempt(all[i], all[j])) {
                const auto at = [](const model::negotiation& n) { return n.started->epoch_ms; }; // one zone here
                const std::int64_t distance = at(all[i]) - at(all[j]);
                candidates.emplace_back(distance < 0 ? -distance : distance, j);
            }
        }
        std::sort(candidates.begin(), candidates.end());
        if (candidates.empty() ||
            (!all[i].peer && candidates.size() > 1 && candidates[0].first == candidates[1].first)) {
            continue;
        }
        taken[candidates[0].second] = true;
        matches.emplace_back(i, candidates[0].second);
    }
    return matches;
}

/// Negotiations of both logs at random, the same for the same seed. Few peers, few cookies,
/// whole seconds and durations near the 10 s slack: ties, the slack's edges, cookies against
/// clocks, long negotiations and missing parts come often.
std::vector<model::negotiation> random_attempts(unsigned seed) {
    static const std::vector<std::string> peers{"200.100.1.254", "198.51.100.7", "203.0.113.10", "2001:db8::1"};
    static const std::vector<std::string> cookies{"02f293d180b306a3", "9c3e5a7b1d2f4e60", "6a1f0c2e9b7d4a31"};
    std::mt19937 random(seed);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
    const auto at_second = [](std::size_t second) {
        return model::timestamp::from_civil(2021, 7, 6, 18, static_cast<unsigned>(second / 60),
                                            static_cast<unsigned>(second % 60), 0, 540, false);
    };
    std::vector<model::negotiation> all(10 + pick(120));
    for (model::negotiation& n : all) {
        n.from_summary = pick(3) == 0;
        n.phase = pick(4) == 0 ? 2 : 1;
        n.result = model::outcome::failed;
        if (pick(n.from_summary ? 3 : 10) != 0) {
            // (an IPv6 peer also spelt otherwise: the same peer)
            const std::string& peer = peers[pick(peers.size())];
            n.peer = model::endpoint{peer == "2001:db8::1" && pick(2) == 0 ? "2001:DB8:0::1" : peer, 500};
        }
        if (pick(2) == 0) {
            n.initiator_cookie = cookies[pick(cookies.size())];
        }
        const std::size_t start = pick(240);
        if (pick(30) != 0) {
            n.started = at_second(start);
        }
        const std::size_t lengths[] = {0, 1, 5, 9, 10, 11, 20, 40, 600, 1800};
        if (pick(10) != 0) {
            n.ended = at_second(start + lengths[pick(std::size(lengths))]);
        }
    }
    return all;
}

TEST(MergeSystemLogTest, TheIndexFindsWhatLookingAtEveryNegotiationFinds) {
    std::size_t merges = 0;
    for (unsigned seed = 1; seed <= 300; ++seed) {
        const std::vector<model::negotiation> all = random_attempts(seed);
        const auto expected = matches_by_looking_at_all(all);
        EXPECT_EQ(diff::summary_matches(all), expected) << "seed " << seed;
        merges += expected.size();
    }
    EXPECT_GT(merges, 1000u); // the cases merge, not only stay apart
}

TEST(MergeSystemLogTest, ReadAheadTellsWhatLookingAtEveryEntryTells) {
    std::size_t taken = 0, left = 0;
    for (unsigned seed = 1; seed <= 300; ++seed) {
        const std::vector<model::negotiation> all = random_attempts(seed);
        std::vector<model::negotiation> system;
        std::copy_if(all.begin(), all.end(), std::back_inserter(system),
                     [](const model::negotiation& n) { return n.from_summary; });
        const diff::summary_ahead ahead(system);
        for (const model::negotiation& n : all) {
            const bool expected = std::any_of(system.begin(), system.end(),
                                              [&](const model::negotiation& s) { return diff::same_attempt(s, n); });
            EXPECT_EQ(ahead.may_take(n), expected) << "seed " << seed;
            (expected ? taken : left) += 1;
        }
    }
    EXPECT_GT(taken, 1000u);
    EXPECT_GT(left, 1000u);
}

/// The events of fixture file `path` read as input `input`.
std::vector<model::log_event> read_fixture(const std::string& path, std::uint32_t input) {
    std::vector<model::log_event> events;
    std::FILE* file = std::fopen((std::string(IKEDIFF_FIXTURES) + "/" + path).c_str(), "rb");
    EXPECT_NE(file, nullptr) << path;
    if (file != nullptr) {
        parser::input_stats stats;
        std::string error;
        EXPECT_TRUE(parser::read_log(file, input, stats, [&](model::log_event&& e) { events.push_back(std::move(e)); },
                                     error))
            << error;
        std::fclose(file);
    }
    return events;
}

/// What tells one reported negotiation from another, sorted (the order they leave in differs);
/// input 1 is the system log.
std::vector<std::string> described(const std::vector<model::negotiation>& negotiations) {
    std::vector<std::string> out;
    for (const model::negotiation& n : negotiations) {
        out.push_back((n.started ? n.started->iso8601() : "?") + " " + (n.peer ? n.peer->address : "?") + " " +
                      n.gateway.value_or("-") + " " + (n.failure ? std::string(model::to_string(*n.failure)) : "-") +
                      " " + std::to_string(n.lines.size()) + " lines, " +
                      std::to_string(std::count_if(n.lines.begin(), n.lines.end(),
                                                   [](const model::evidence_line& l) { return l.where.input == 1; })) +
                      " of input 1");
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(MergeSystemLogTest, ReadAheadOnlyWhatAnEntryMayDuplicateWaitsAndTheResultIsTheSame) {
    // fixtures/merge-ikemgr-syslog: two ikemgr.log negotiations the system log duplicates
    // (18:12, 18:35) and a PSK failure it alone has (18:52, no peer named). Before them, at
    // 17:00, the guide's failure with another peer: no entry can duplicate it.
    std::vector<std::string> earlier;
    for (std::string line : k_guide) {
        line.replace(line.find("18:35:"), 6, "17:00:");
        line.replace(line.find("{    9:"), 7, "{   30:");
        if (const auto at = line.find("200.100.1.254"); at != std::string::npos) {
            line.replace(at, 13, "203.0.113.99");
        }
        earlier.push_back(line);
    }
    std::vector<model::log_event> ikemgr = scan(earlier);
    for (model::log_event& e : read_fixture("merge-ikemgr-syslog/ikemgr.log", 0)) {
        ikemgr.push_back(std::move(e));
    }
    const std::vector<model::log_event> system = read_fixture("merge-ikemgr-syslog/system.csv", 1);
    ASSERT_FALSE(system.empty());

    // Every negotiation kept to the end (a system log that cannot be read ahead).
    std::vector<model::negotiation> held;
    diff::reconstructor holding([&](model::negotiation&& n) { held.push_back(std::move(n)); });
    holding.hold();
    for (const auto& e : ikemgr) {
        holding.add(e);
    }
    EXPECT_TRUE(held.empty());
    for (const auto& e : system) {
        holding.add(e);
    }
    holding.finish();

    // Read ahead: the 17:00 negotiation leaves once the log is 10 minutes past it.
    diff::reconstructor ahead;
    for (const auto& e : system) {
        ahead.add(e);
    }
    std::vector<model::negotiation> streamed;
    diff::reconstructor streaming([&](model::negotiation&& n) { streamed.push_back(std::move(n)); });
    streaming.expect_summaries(ahead.finish());
    for (const auto& e : ikemgr) {
        streaming.add(e);
    }
    ASSERT_EQ(streamed.size(), 1u);
    EXPECT_EQ(streamed[0].peer->address, "203.0.113.99");
    for (const auto& e : system) {
        streaming.add(e);
    }
    streaming.finish();

    EXPECT_EQ(described(streamed), described(held));
    const std::vector<std::string> expected{
        "2021-07-06T17:00:17.861+09:00 203.0.113.99 - no-proposal 13 lines, 0 of input 1",
        // (its five `resend phase1 packet ...:0000000000000000` lines are timeout evidence too)
        "2021-07-06T18:12:24.310+09:00 200.100.1.254 GW-VPN-DEVICE timeout 12 lines, 2 of input 1",
        "2021-07-06T18:35:17.861+09:00 200.100.1.254 GW-VPN-DEVICE no-proposal 14 lines, 1 of input 1",
        "2021-07-06T18:52:41 ? GW-VPN-DEVICE psk-mismatch 1 lines, 1 of input 1"}; // (its log has no zone)
    EXPECT_EQ(described(streamed), expected);
}

} // namespace

// Routing by the correlation key alone ------------------------------------------------------

namespace {

/// A line of a made-up format, keyed by `kind` (about the gateway `subject`), `summary` or not, at
/// 2021-07-06 18:35:`second` +0900, line `line` of input `input`.
model::log_event made_up(model::correlation::by kind, bool summary, const std::string& subject,
                         model::event_code code, unsigned second, std::uint32_t input, std::uint64_t line) {
    model::log_event e;
    e.where = {input, line, 1};
    e.time = guide_time(second, 0);
    e.code = code;
    e.text = std::string(model::to_string(code));
    e.key.kind = kind;
    e.key.summary = summary;
    e.gateway = subject;
    return e;
}

TEST(ReconstructCorrelationTest, ALineFollowsItsKeyNotItsContext) {
    // Two contexts, but the key says to follow the stream: one negotiation.
    auto events = scan({pan_line("18:35:17.861", "INFO", 1,
                                 "respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]"),
                        pan_line("18:35:17.870", "PERR", 2, "no suitable proposal found.")});
    ASSERT_EQ(events.size(), 2u);
    diff::reconstructor by_context;
    diff::reconstructor following;
    for (auto& e : events) {
        by_context.add(e);
        e.key.kind = model::correlation::by::follow;
        following.add(e);
    }
    EXPECT_EQ(by_context.finish().size(), 2u);
    const auto all = following.finish();
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].lines.size(), 2u);
    EXPECT_EQ(all[0].result, model::outcome::failed);
}

TEST(ReconstructCorrelationTest, ASubjectKeyWithoutSummaryStreamsPerSubject) {
    using by = model::correlation::by;
    using model::event_code;
    std::vector<model::negotiation> out;
    diff::reconstructor r([&](model::negotiation&& n) { out.push_back(std::move(n)); });
    std::uint64_t line = 1;
    for (const char* subject : {"A", "B"}) {
        r.add(made_up(by::subject, false, subject, event_code::phase1_started, 1, 0, line++));
    }
    for (const char* subject : {"A", "B"}) {
        r.add(made_up(by::subject, false, subject, event_code::phase1_failed, 2, 0, line++));
    }
    EXPECT_TRUE(out.empty()); // both subjects' negotiations may still take lines
    // A's retry: its first attempt can take no more lines, and leaves (nothing is held).
    r.add(made_up(by::subject, false, "A", event_code::phase1_started, 3, 0, line++));
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].lines.size(), 2u);
    EXPECT_EQ(out[0].lines[0].where.line, 1u);
    EXPECT_EQ(out[0].lines[1].where.line, 3u);
    EXPECT_FALSE(out[0].from_summary);
    r.finish();
    EXPECT_EQ(out.size(), 3u);
}

TEST(ReconstructCorrelationTest, ASummaryAccountMergesWhateverItsPayload) {
    // The guide's failure (18:35:17, no gateway named), and a summary account's entry of the
    // same peer 3 s later that is no system log entry: it merges as one would.
    std::vector<model::negotiation> out;
    diff::reconstructor r([&](model::negotiation&& n) { out.push_back(std::move(n)); });
    for (auto& e : scan(k_guide)) {
        r.add(std::move(e));
    }
    model::log_event entry =
        made_up(model::correlation::by::subject, true, "GW-X", model::event_code::phase1_failed, 20, 1, 1);
    entry.peer = model::endpoint{"200.100.1.254", 500};
    entry.gateway = "GW-X";
    r.add(std::move(entry));
    r.finish();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].gateway, "GW-X");
    ASSERT_EQ(out[0].lines.size(), 14u);
    EXPECT_EQ(out[0].lines.back().where.input, 1u);
    EXPECT_EQ(out[0].failure, model::failure_class::no_proposal);
}

} // namespace
