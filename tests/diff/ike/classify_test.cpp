// diff/ike/classify: the rule table (event code -> outcome, failure class, phase, version,
// meaning) and how a line's rule changes its negotiation.

#include "diff/ike/classify.hpp"
#include "diff/ike/reconstruct.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace ikediff;
using model::event_code;
using model::failure_class;
using model::outcome;

const std::vector<failure_class> k_all_failure_classes{
    failure_class::peer_not_found,       failure_class::timeout,
    failure_class::no_proposal,          failure_class::psk_mismatch,
    failure_class::proxy_id_mismatch,    failure_class::id_mismatch,
    failure_class::ike_version_mismatch, failure_class::exchange_mode_mismatch,
    failure_class::dpd_down};

model::log_event line(event_code code) {
    model::log_event e;
    e.code = code;
    return e;
}

// The table --------------------------------------------------------------------------------

TEST(RuleTable, EachCodeHasAtMostOneRow) {
    std::set<event_code> seen;
    for (const auto& r : diff::rules()) {
        EXPECT_TRUE(seen.insert(r.code).second) << "two rows for " << model::to_string(r.code);
    }
}

TEST(RuleTable, RuleForFindsEachRowAndNothingForCodesThatDecideNothing) {
    for (const auto& r : diff::rules()) {
        ASSERT_NE(diff::rule_for(r.code), nullptr);
        EXPECT_EQ(diff::rule_for(r.code)->code, r.code);
        EXPECT_FALSE(r.meaning.empty()) << model::to_string(r.code);
        EXPECT_TRUE(r.phase == 1 || r.phase == 2) << model::to_string(r.code);
    }
    EXPECT_EQ(diff::rule_for(event_code::compared_begin), nullptr);
    EXPECT_EQ(diff::rule_for(event_code::bundle_transform), nullptr);
    EXPECT_EQ(diff::rule_for(event_code::phase1_started), nullptr);
}

TEST(RuleTable, EveryFailureClassOfTheContractIsProducedByARow) {
    for (failure_class c : k_all_failure_classes) {
        const auto rows = diff::rules();
        EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [&](const diff::rule& r) { return r.failure == c; }))
            << model::to_string(c);
    }
}

TEST(RuleTable, TimeoutAndNoProposalExistInBothPhases) {
    for (failure_class c : {failure_class::timeout, failure_class::no_proposal}) {
        std::set<std::uint32_t> phases;
        for (const auto& r : diff::rules()) {
            if (r.failure == c) {
                phases.insert(r.phase);
            }
        }
        EXPECT_EQ(phases, (std::set<std::uint32_t>{1, 2})) << model::to_string(c);
    }
}

TEST(RuleTable, EveryFailureClassHasADistinctMeaning) {
    std::set<std::string> meanings;
    for (failure_class c : k_all_failure_classes) {
        const std::string m(diff::meaning(c));
        EXPECT_FALSE(m.empty()) << model::to_string(c);
        EXPECT_TRUE(meanings.insert(m).second) << model::to_string(c);
    }
}

// classify ----------------------------------------------------------------------------------

TEST(ClassifyTest, NoSuitableProposalFailsWithNoProposalAndMarksEvidence) {
    model::negotiation n;
    EXPECT_TRUE(diff::classify(n, line(event_code::no_suitable_proposal), 4));
    EXPECT_EQ(n.result, outcome::failed);
    EXPECT_EQ(n.failure, failure_class::no_proposal);
    EXPECT_EQ(n.phase, 1u);
    EXPECT_EQ(n.evidence, std::vector<std::size_t>{4});
}

TEST(ClassifyTest, LineWithoutRuleChangesNothing) {
    model::negotiation n;
    EXPECT_FALSE(diff::classify(n, line(event_code::compared_begin), 0));
    EXPECT_FALSE(diff::classify(n, model::log_event{}, 0));
    EXPECT_EQ(n.result, outcome::unknown);
    EXPECT_FALSE(n.failure.has_value());
    EXPECT_TRUE(n.evidence.empty());
}

TEST(ClassifyTest, RejectedLineSetsTheClassButNotTheOutcome) {
    model::negotiation n;
    EXPECT_TRUE(diff::classify(n, line(event_code::rejected_attribute), 2));
    EXPECT_EQ(n.result, outcome::unknown);
    EXPECT_EQ(n.failure, failure_class::no_proposal);
}

TEST(ClassifyTest, EstablishedClearsAnEarlierFailureClass) {
    model::negotiation n;
    diff::classify(n, line(event_code::rejected_attribute), 0);
    EXPECT_TRUE(diff::classify(n, line(event_code::isakmp_sa_established), 1));
    EXPECT_EQ(n.result, outcome::established);
    EXPECT_FALSE(n.failure.has_value());
    EXPECT_EQ(n.evidence, (std::vector<std::size_t>{0, 1}));
}

TEST(ClassifyTest, DpdDownFailsAnEstablishedSa) {
    model::negotiation n;
    diff::classify(n, line(event_code::isakmp_sa_established), 0);
    diff::classify(n, line(event_code::dpd_down), 1);
    EXPECT_EQ(n.result, outcome::failed);
    EXPECT_EQ(n.failure, failure_class::dpd_down);
}

TEST(ClassifyTest, AFailedVerdictKeepsTheMorePreciseClassBeforeIt) {
    model::negotiation n;
    diff::classify(n, line(event_code::hash_mismatched), 0);
    diff::classify(n, line(event_code::phase1_failed), 1);
    EXPECT_EQ(n.result, outcome::failed);
    EXPECT_EQ(n.failure, failure_class::psk_mismatch);
}

TEST(ClassifyTest, PhaseTwoFailuresHaveTheirClass) {
    model::negotiation n;
    diff::classify(n, line(event_code::sainfo_not_found), 0);
    EXPECT_EQ(n.failure, failure_class::proxy_id_mismatch);
    model::negotiation t;
    diff::classify(t, line(event_code::phase2_time_up), 0);
    EXPECT_EQ(t.failure, failure_class::timeout);
}

TEST(PhaseOfTest, LinesOfOnePhaseSayWhichAndNotificationsSayNothing) {
    EXPECT_EQ(diff::phase_of(line(event_code::sainfo_not_found)), 2u);
    EXPECT_EQ(diff::phase_of(line(event_code::bundle_header)), 2u);
    EXPECT_EQ(diff::phase_of(line(event_code::phase2_time_up_waiting_phase1)), 2u);
    EXPECT_EQ(diff::phase_of(line(event_code::no_suitable_proposal)), 1u);
    EXPECT_FALSE(diff::phase_of(line(event_code::no_proposal_chosen)).has_value());
    EXPECT_FALSE(diff::phase_of(line(event_code::dpd_down)).has_value());
}

TEST(ClassifyTest, AProvisionalClassGivesWayToADecisiveOne) {
    // Pair 1 did not match (provisional no-proposal), then the exchange timed out.
    model::negotiation n;
    diff::classify(n, line(event_code::phase2_mismatched), 0);
    EXPECT_EQ(n.failure, failure_class::no_proposal);
    diff::classify(n, line(event_code::phase2_time_up), 1);
    EXPECT_EQ(n.failure, failure_class::timeout);
    // A decisive class stays against a later provisional one.
    model::negotiation d;
    diff::classify(d, line(event_code::phase2_time_up), 0);
    diff::classify(d, line(event_code::not_matched), 1);
    EXPECT_EQ(d.failure, failure_class::timeout);
}

TEST(ClassifyTest, Ikev2OnlyLinesSetTheVersion) {
    model::negotiation n;
    diff::classify(n, line(event_code::no_ikev2_configuration), 0);
    EXPECT_EQ(n.version, model::ike_version::ikev2);
    EXPECT_EQ(n.failure, failure_class::ike_version_mismatch);
}

TEST(ClassifyTest, EvidenceLineGetsTheMeaningOfItsRule) {
    model::negotiation n;
    n.lines.resize(2);
    EXPECT_TRUE(diff::classify(n, line(event_code::no_suitable_proposal), 1));
    EXPECT_EQ(n.lines[1].meaning, diff::rule_for(event_code::no_suitable_proposal)->meaning);
    EXPECT_TRUE(n.lines[0].meaning.empty());
}

} // namespace

namespace {

TEST(ClassifyTest, Ikev2FailuresNameTheExchangeTheyHappenIn) {
    model::negotiation init;
    diff::classify(init, line(event_code::dh_group_mismatch), 0);
    EXPECT_EQ(init.version, model::ike_version::ikev2);
    EXPECT_EQ(init.exchange, model::exchange::ike_sa_init);

    model::negotiation auth;
    diff::classify(auth, line(event_code::ts_unacceptable), 0);
    EXPECT_EQ(auth.exchange, model::exchange::ike_auth);

    // An IKEv1 negotiation keeps its exchange.
    model::negotiation v1;
    v1.version = model::ike_version::ikev1;
    v1.exchange = model::exchange::main;
    diff::classify(v1, line(event_code::dh_group_mismatch), 0);
    EXPECT_EQ(v1.exchange, model::exchange::main);
}

} // namespace
