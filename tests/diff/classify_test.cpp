// diff/classify: the signal -> outcome/failure table, what each line signals, and how a
// signal changes its negotiation.

#include "diff/classify.hpp"

#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ikediff;
using diff::signal;
using model::failure_class;
using model::outcome;

const std::vector<signal> k_all_signals{signal::rejected_attribute,
                                        signal::no_suitable_proposal,
                                        signal::failed_to_get_valid_proposal,
                                        signal::acceptable_proposal,
                                        signal::isakmp_sa_established,
                                        signal::phase1_succeeded,
                                        signal::phase1_failed};

const std::vector<failure_class> k_all_failure_classes{failure_class::peer_not_found,
                                                       failure_class::timeout,
                                                       failure_class::no_proposal,
                                                       failure_class::psk_mismatch,
                                                       failure_class::proxy_id_mismatch,
                                                       failure_class::id_mismatch,
                                                       failure_class::ike_version_mismatch,
                                                       failure_class::exchange_mode_mismatch,
                                                       failure_class::dpd_down};

model::log_event event_of(model::event_payload what) {
    model::log_event e;
    e.what = std::move(what);
    return e;
}

model::log_event phrase(model::event_code code) {
    return event_of(model::phrase_event{code});
}

model::log_event banner(std::uint32_t phase, model::banner_event::status state) {
    return event_of(
        model::banner_event{phase, state, model::role::responder, model::exchange_mode::main});
}

model::log_event rejection() {
    return event_of(model::rejected_event{
        model::phase1_attribute::hashtype, {1, 1}, {1, 1}, "SHA256", "SHA512"});
}

model::log_event established() {
    return event_of(model::sa_established_event{"02f293d180b306a3", "8a5d0c1e4b7f9a21"});
}

// The table ---------------------------------------------------------------------------------

TEST(RuleTableTest, EverySignalHasItsOwnRow) {
    for (signal s : k_all_signals) {
        SCOPED_TRACE(static_cast<int>(s));
        const diff::rule& r = diff::rule_for(s);
        EXPECT_EQ(r.signal, s);
        EXPECT_FALSE(r.meaning.empty());
        EXPECT_EQ(r.phase, 1u);
    }
}

TEST(RuleTableTest, FailingSignalsSayNoProposal) {
    for (signal s : {signal::no_suitable_proposal, signal::failed_to_get_valid_proposal}) {
        SCOPED_TRACE(static_cast<int>(s));
        EXPECT_EQ(diff::rule_for(s).outcome, outcome::failed);
        EXPECT_EQ(diff::rule_for(s).failure, failure_class::no_proposal);
    }
    // A rejected attribute names the class but does not end the negotiation by itself.
    EXPECT_EQ(diff::rule_for(signal::rejected_attribute).outcome, outcome::unknown);
    EXPECT_EQ(diff::rule_for(signal::rejected_attribute).failure, failure_class::no_proposal);
}

TEST(RuleTableTest, SuccessSignalsCarryNoFailureClass) {
    EXPECT_EQ(diff::rule_for(signal::isakmp_sa_established).outcome, outcome::established);
    EXPECT_EQ(diff::rule_for(signal::phase1_succeeded).outcome, outcome::established);
    EXPECT_EQ(diff::rule_for(signal::acceptable_proposal).outcome, outcome::unknown);
    for (signal s :
         {signal::isakmp_sa_established, signal::phase1_succeeded, signal::acceptable_proposal}) {
        EXPECT_FALSE(diff::rule_for(s).failure.has_value()) << static_cast<int>(s);
    }
    EXPECT_EQ(diff::rule_for(signal::phase1_failed).outcome, outcome::failed);
    EXPECT_FALSE(diff::rule_for(signal::phase1_failed).failure.has_value());
}

TEST(MeaningTest, EveryFailureClassHasADistinctMeaning) {
    std::vector<std::string_view> seen;
    for (failure_class c : k_all_failure_classes) {
        SCOPED_TRACE(std::string(model::to_string(c)));
        const std::string_view m = diff::meaning(c);
        EXPECT_FALSE(m.empty());
        EXPECT_EQ(std::count(seen.begin(), seen.end(), m), 0);
        seen.push_back(m);
    }
}

TEST(MeaningTest, MeaningsFollowContractSectionSix) {
    EXPECT_EQ(diff::meaning(failure_class::peer_not_found),
              "no IKE gateway matches the peer's address");
    EXPECT_EQ(diff::meaning(failure_class::no_proposal), "no proposal acceptable to both sides");
}

// signal_of ---------------------------------------------------------------------------------

TEST(SignalOfTest, PhrasesThatDecideSomethingCarryTheirSignal) {
    EXPECT_EQ(diff::signal_of(phrase(model::event_code::no_suitable_proposal)),
              signal::no_suitable_proposal);
    EXPECT_EQ(diff::signal_of(phrase(model::event_code::failed_to_get_valid_proposal)),
              signal::failed_to_get_valid_proposal);
    EXPECT_EQ(diff::signal_of(phrase(model::event_code::acceptable_proposal)),
              signal::acceptable_proposal);
}

TEST(SignalOfTest, OtherPhrasesCarryNoSignal) {
    for (auto code :
         {model::event_code::compared_begin, model::event_code::begin_main_mode,
          model::event_code::begin_aggressive_mode, model::event_code::agreed_psk_auth}) {
        EXPECT_FALSE(diff::signal_of(phrase(code)).has_value()) << static_cast<int>(code);
    }
}

TEST(SignalOfTest, RejectedAndEstablishedLinesCarryTheirSignal) {
    EXPECT_EQ(diff::signal_of(rejection()), signal::rejected_attribute);
    EXPECT_EQ(diff::signal_of(established()), signal::isakmp_sa_established);
}

TEST(SignalOfTest, PhaseOneBannersSignalTheirEndOnly) {
    using status = model::banner_event::status;
    EXPECT_EQ(diff::signal_of(banner(1, status::succeeded)), signal::phase1_succeeded);
    EXPECT_EQ(diff::signal_of(banner(1, status::failed)), signal::phase1_failed);
    EXPECT_FALSE(diff::signal_of(banner(1, status::started)).has_value());
    EXPECT_FALSE(diff::signal_of(banner(2, status::failed)).has_value());
    EXPECT_FALSE(diff::signal_of(banner(2, status::succeeded)).has_value());
}

TEST(SignalOfTest, DataLinesCarryNoSignal) {
    EXPECT_FALSE(diff::signal_of(event_of(model::compared_event{model::phase1_attribute::hashtype,
                                                                "SHA256", "SHA512"}))
                     .has_value());
    EXPECT_FALSE(
        diff::signal_of(event_of(model::phase1_start_event{model::role::responder})).has_value());
    EXPECT_FALSE(diff::signal_of(event_of(model::endpoints_event{})).has_value());
}

// classify ----------------------------------------------------------------------------------

TEST(ClassifyTest, NoSuitableProposalFailsWithNoProposalAndMarksEvidence) {
    model::negotiation n;
    EXPECT_TRUE(diff::classify(n, phrase(model::event_code::no_suitable_proposal), 4));
    EXPECT_EQ(n.result, outcome::failed);
    EXPECT_EQ(n.failure, failure_class::no_proposal);
    EXPECT_EQ(n.evidence, std::vector<std::size_t>{4});
}

TEST(ClassifyTest, LineWithoutSignalChangesNothing) {
    model::negotiation n;
    EXPECT_FALSE(diff::classify(n, phrase(model::event_code::compared_begin), 0));
    EXPECT_EQ(n.result, outcome::unknown);
    EXPECT_FALSE(n.failure.has_value());
    EXPECT_TRUE(n.evidence.empty());
}

TEST(ClassifyTest, RejectedLineSetsTheClassButNotTheOutcome) {
    model::negotiation n;
    EXPECT_TRUE(diff::classify(n, rejection(), 2));
    EXPECT_EQ(n.result, outcome::unknown);
    EXPECT_EQ(n.failure, failure_class::no_proposal);
    EXPECT_EQ(n.evidence, std::vector<std::size_t>{2});
}

TEST(ClassifyTest, EstablishedClearsAnEarlierFailureClass) {
    model::negotiation n;
    diff::classify(n, rejection(), 0);
    EXPECT_TRUE(diff::classify(n, established(), 1));
    EXPECT_EQ(n.result, outcome::established);
    EXPECT_FALSE(n.failure.has_value());
    EXPECT_EQ(n.evidence, (std::vector<std::size_t>{0, 1}));
}

TEST(ClassifyTest, RejectedLineAfterEstablishedDoesNotAddAFailure) {
    model::negotiation n;
    diff::classify(n, established(), 0);
    diff::classify(n, rejection(), 1);
    EXPECT_EQ(n.result, outcome::established);
    EXPECT_FALSE(n.failure.has_value());
}

TEST(ClassifyTest, Phase1FailedBannerFailsWithoutAClass) {
    model::negotiation n;
    EXPECT_TRUE(diff::classify(n, banner(1, model::banner_event::status::failed), 7));
    EXPECT_EQ(n.result, outcome::failed);
    EXPECT_FALSE(n.failure.has_value());
    EXPECT_EQ(n.evidence, std::vector<std::size_t>{7});
}

} // namespace

namespace {

TEST(ClassifyTest, EvidenceLineGetsTheMeaningOfItsRule) {
    model::negotiation n;
    n.lines.resize(2);
    EXPECT_TRUE(diff::classify(n, phrase(model::event_code::no_suitable_proposal), 1));
    EXPECT_EQ(n.lines[1].meaning, diff::rule_for(diff::signal::no_suitable_proposal).meaning);
    EXPECT_FALSE(n.lines[1].meaning.empty());
    EXPECT_TRUE(n.lines[0].meaning.empty());
    EXPECT_EQ(n.phase, diff::rule_for(diff::signal::no_suitable_proposal).phase);
}

} // namespace
