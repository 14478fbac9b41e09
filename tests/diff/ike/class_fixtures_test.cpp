// The failure-class fixtures (fixtures/class-*/, fixtures/merge-ikemgr-syslog/) read through
// the real pipeline: parser::read_log on each file (input index = its position in the list),
// every event into one diff::reconstructor, then finish(). Each table row says what the
// negotiations must be, in the order finish() returns them: outcome, failure class, phase,
// peer address and IKE version. What each fixture covers: its NOTES.md.

#include "diff/ike/reconstruct.hpp"
#include "model/negotiation.hpp"
#include "model/vocabulary.hpp"
#include "parser/log_reader.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace ikediff;
using model::failure_class;
using model::ike_version;
using model::outcome;

constexpr std::optional<failure_class> no_class = std::nullopt;
constexpr std::optional<ike_version> no_version = std::nullopt;
constexpr auto v1 = ike_version::ikev1;
constexpr auto v2 = ike_version::ikev2;

/// What finish() returned for a set of inputs, with what the reader counted per input.
struct pipeline_result {
    std::vector<model::negotiation> negotiations;
    std::vector<parser::input_stats> inputs;
};

/// Reads `files` (relative to fixtures/) in order, input index = position, into one
/// reconstructor.
pipeline_result run_pipeline(const std::vector<std::string>& files) {
    pipeline_result out;
    diff::reconstructor r;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string path = std::string(IKEDIFF_FIXTURES) + "/" + files[i];
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (f == nullptr) {
            ADD_FAILURE() << "cannot open " << path;
            continue;
        }
        parser::input_stats stats;
        stats.name = files[i];
        std::string error;
        const bool ok = parser::read_log(f, static_cast<std::uint32_t>(i), stats,
                                         [&](model::log_event&& e) { r.add(std::move(e)); }, error);
        std::fclose(f);
        EXPECT_TRUE(ok) << path << ": " << error;
        EXPECT_EQ(stats.malformed, 0u) << path << " has malformed lines";
        out.inputs.push_back(std::move(stats));
    }
    out.negotiations = r.finish();
    return out;
}

struct expected_negotiation {
    outcome result;
    std::optional<failure_class> failure;
    std::uint32_t phase;
    std::string peer; ///< empty: no peer address
    std::optional<ike_version> version;
};

struct fixture_case {
    std::string name; ///< test name suffix
    std::vector<std::string> files;
    std::vector<expected_negotiation> expected;
};

void PrintTo(const fixture_case& c, std::ostream* os) {
    *os << c.name;
}

std::string describe(outcome result, std::optional<failure_class> failure, std::uint32_t phase,
                     const std::string& peer, std::optional<ike_version> version) {
    std::string s = std::string(model::to_string(result)) + " / " +
                    (failure ? std::string(model::to_string(*failure)) : std::string("no class")) +
                    " / phase " + std::to_string(phase) + " / peer " + (peer.empty() ? "(none)" : peer) +
                    " / " + (version ? std::string(model::to_string(*version)) : std::string("no version"));
    return s;
}

std::string describe(const expected_negotiation& e) {
    return describe(e.result, e.failure, e.phase, e.peer, e.version);
}

std::string describe(const model::negotiation& n) {
    return describe(n.result, n.failure, n.phase, n.peer ? n.peer->address : std::string(), n.version);
}

std::string describe_all(const std::vector<model::negotiation>& all) {
    std::string s;
    for (std::size_t i = 0; i < all.size(); ++i) {
        s += "  [" + std::to_string(i) + "] " + describe(all[i]) + "\n";
    }
    return s;
}

const std::vector<fixture_case>& fixture_cases() {
    static const std::vector<fixture_case> cases{
        {"PeerNotFoundPanOs",
         {"class-peer-not-found/ikemgr.log"},
         {{outcome::failed, failure_class::peer_not_found, 1, "198.51.100.77", no_version},
          {outcome::failed, failure_class::peer_not_found, 1, "203.0.113.5", v1}}},
        // racoon logs one exchange at a time: the `no configuration found for 10.0.0.9.` line
        // comes after an established SA with another peer and names its own peer.
        {"PeerNotFoundRacoon",
         {"class-peer-not-found/racoon.log"},
         {{outcome::established, no_class, 1, "10.0.0.2", v1},
          {outcome::failed, failure_class::peer_not_found, 1, "10.0.0.9", no_version}}},
        {"TimeoutPhase1TwoInputs",
         {"class-timeout/ikemgr.log", "class-timeout/racoon.log"},
         {{outcome::failed, failure_class::timeout, 1, "198.51.100.40", v1},
          {outcome::failed, failure_class::timeout, 1, "172.16.9.9", v1}}},
        {"TimeoutPhase2",
         {"class-timeout-p2/ikemgr.log"},
         {{outcome::established, no_class, 1, "203.0.113.88", v1},
          {outcome::failed, failure_class::timeout, 2, "203.0.113.88", v1}}},
        {"NoProposalPhase2",
         {"class-no-proposal-p2/ikemgr.log"},
         {{outcome::established, no_class, 1, "200.100.1.254", v1},
          {outcome::failed, failure_class::no_proposal, 2, "200.100.1.254", v1}}},
        {"PskMismatch",
         {"class-psk-mismatch/ikemgr.log"},
         {{outcome::failed, failure_class::psk_mismatch, 1, "172.16.20.9", v1},
          {outcome::failed, failure_class::psk_mismatch, 1, "172.16.20.2", no_version},
          {outcome::failed, failure_class::psk_mismatch, 1, "172.16.20.14", v1}}},
        {"ProxyIdMismatch",
         {"class-proxy-id-mismatch/ikemgr.log"},
         {{outcome::established, no_class, 1, "198.51.100.20", v1},
          {outcome::failed, failure_class::proxy_id_mismatch, 2, "198.51.100.20", v1}}},
        {"ProxyIdMismatchIkev2",
         {"class-proxy-id-mismatch/racoon2.log"},
         {{outcome::failed, failure_class::proxy_id_mismatch, 2, "198.51.100.30", v2}}},
        {"IdMismatch",
         {"class-id-mismatch/ikemgr.log"},
         {{outcome::failed, failure_class::id_mismatch, 1, "185.46.20.9", v1}}},
        {"IdMismatchIkev2",
         {"class-id-mismatch/racoon2.log"},
         {{outcome::failed, failure_class::id_mismatch, 1, "100.64.7.3", v2}}},
        {"IkeVersionMismatch",
         {"class-ike-version-mismatch/ikemgr.log"},
         {{outcome::failed, failure_class::ike_version_mismatch, 1, "203.0.113.60", v2},
          {outcome::failed, failure_class::ike_version_mismatch, 1, "198.51.100.99", v2},
          {outcome::failed, no_class, 1, "192.0.2.200", v2}}},
        // Context 6: the peer answers main mode with aggressive mode until phase 1 times out;
        // the timeout is the consequence, the mode mismatch the reason.
        {"ExchangeModeMismatch",
         {"class-exchange-mode-mismatch/ikemgr.log"},
         {{outcome::failed, failure_class::exchange_mode_mismatch, 1, "198.51.100.61", v1},
          {outcome::failed, failure_class::exchange_mode_mismatch, 1, "198.51.100.62", v1}}},
        {"DpdDown",
         {"class-dpd-down/ikemgr.log"},
         {{outcome::failed, failure_class::dpd_down, 1, "52.62.10.77", v1},
          {outcome::established, no_class, 2, "52.62.10.77", v1},
          {outcome::unknown, no_class, 1, "52.62.10.77", v1}}},
        {"MergeIkemgrAndSystemLog",
         {"merge-ikemgr-syslog/ikemgr.log", "merge-ikemgr-syslog/system.csv"},
         {{outcome::failed, failure_class::timeout, 1, "200.100.1.254", v1},
          {outcome::failed, failure_class::no_proposal, 1, "200.100.1.254", v1},
          {outcome::failed, failure_class::psk_mismatch, 1, "", v1}}},
    };
    return cases;
}

class ClassFixtureTest : public ::testing::TestWithParam<fixture_case> {};

TEST_P(ClassFixtureTest, NegotiationsMatchTheTable) {
    const fixture_case& c = GetParam();
    const auto result = run_pipeline(c.files);
    const auto& all = result.negotiations;
    ASSERT_EQ(all.size(), c.expected.size()) << "negotiations found:\n" << describe_all(all);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& want = c.expected[i];
        const auto& n = all[i];
        EXPECT_EQ(describe(n), describe(want)) << "negotiation " << i << "; all:\n" << describe_all(all);
        if (n.result == outcome::failed && n.failure) {
            EXPECT_FALSE(n.evidence.empty()) << "negotiation " << i << " fails without evidence";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ClassFixtureTest, ::testing::ValuesIn(fixture_cases()),
                         [](const ::testing::TestParamInfo<fixture_case>& param_info) { return param_info.param.name; });

// Evidence: the line carrying the class's key phrase proves the failure ------------------

/// Index of the first negotiation with `failure`, if any.
std::optional<std::size_t> first_with(const std::vector<model::negotiation>& all, failure_class failure) {
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].failure == failure) {
            return i;
        }
    }
    return std::nullopt;
}

/// Whether one of `n`'s evidence lines contains `phrase` (and carries a meaning).
bool evidence_has(const model::negotiation& n, const std::string& phrase) {
    return std::any_of(n.evidence.begin(), n.evidence.end(), [&](std::size_t i) {
        return i < n.lines.size() && n.lines[i].text.find(phrase) != std::string::npos &&
               !n.lines[i].meaning.empty();
    });
}

std::string evidence_text(const model::negotiation& n) {
    std::string s;
    for (std::size_t i : n.evidence) {
        s += "  " + (i < n.lines.size() ? n.lines[i].text : std::string("(index out of range)")) + "\n";
    }
    return s;
}

/// The `which`-th negotiation (0-based) of `files` with class `failure` has a line with
/// `phrase` among its evidence.
void expect_key_phrase(const std::vector<std::string>& files, failure_class failure, const std::string& phrase,
                       std::size_t which = 0) {
    const auto all = run_pipeline(files).negotiations;
    std::size_t seen = 0;
    for (const auto& n : all) {
        if (n.failure != failure) {
            continue;
        }
        if (seen++ == which) {
            EXPECT_TRUE(evidence_has(n, phrase)) << "no evidence line with \"" << phrase << "\"; evidence:\n"
                                                 << evidence_text(n);
            return;
        }
    }
    ADD_FAILURE() << "no negotiation #" << which << " with class " << model::to_string(failure)
                  << "; negotiations:\n"
                  << describe_all(all);
}

TEST(ClassFixtureEvidenceTest, PeerNotFound) {
    expect_key_phrase({"class-peer-not-found/ikemgr.log"}, failure_class::peer_not_found,
                      "couldn't find configuration.");
    expect_key_phrase({"class-peer-not-found/ikemgr.log"}, failure_class::peer_not_found,
                      "couldn't find the pskey for 203.0.113.5.", 1);
    expect_key_phrase({"class-peer-not-found/racoon.log"}, failure_class::peer_not_found,
                      "no configuration found for 10.0.0.9.");
}

TEST(ClassFixtureEvidenceTest, TimeoutPhase1) {
    expect_key_phrase({"class-timeout/ikemgr.log"}, failure_class::timeout,
                      "phase1 negotiation failed due to time up. 8c1a2b3c4d5e6f70:0000000000000000");
    expect_key_phrase({"class-timeout/racoon.log"}, failure_class::timeout,
                      "phase1 negotiation failed due to time up. 4f2e9a7c1b3d5e60:0000000000000000");
}

TEST(ClassFixtureEvidenceTest, TimeoutPhase2) {
    expect_key_phrase({"class-timeout-p2/ikemgr.log"}, failure_class::timeout,
                      "phase2 negotiation failed due to time up.");
}

TEST(ClassFixtureEvidenceTest, NoProposalPhase2) {
    const std::vector<std::string> files{"class-no-proposal-p2/ikemgr.log"};
    expect_key_phrase(files, failure_class::no_proposal, "trns_id mismatched:  my:3DES  peer:AES");
    expect_key_phrase(files, failure_class::no_proposal, "not matched");
    expect_key_phrase(files, failure_class::no_proposal, "no suitable  policy found.");
}

TEST(ClassFixtureEvidenceTest, NoProposalPhase2KeepsBothBundles) {
    const auto all = run_pipeline({"class-no-proposal-p2/ikemgr.log"}).negotiations;
    const auto at = first_with(all, failure_class::no_proposal);
    ASSERT_TRUE(at.has_value()) << describe_all(all);
    const auto& n = all[*at];
    ASSERT_EQ(n.phase2_pairs.size(), 1u);
    const auto& pair = n.phase2_pairs[0];
    ASSERT_EQ(pair.mismatched.size(), 1u);
    EXPECT_EQ(pair.mismatched[0], model::phase2_attribute::cipher);
    EXPECT_EQ(n.role, model::role::responder);
    EXPECT_EQ(n.exchange, model::exchange::quick);
    ASSERT_TRUE(n.context.has_value());
    EXPECT_EQ(*n.context, (model::pan_context{9, 12}));
}

TEST(ClassFixtureEvidenceTest, PskMismatch) {
    const std::vector<std::string> files{"class-psk-mismatch/ikemgr.log"};
    expect_key_phrase(files, failure_class::psk_mismatch, "HASH mismatched");
    expect_key_phrase(files, failure_class::psk_mismatch,
                      "192.168.20.2[500] - 172.16.20.2[500]:0x7fa610013da0 authentication failure", 1);
    expect_key_phrase(files, failure_class::psk_mismatch, "invalid flag 0x3f.", 2);
}

TEST(ClassFixtureEvidenceTest, PskMismatchCrlfLeavesNoCarriageReturn) {
    const auto all = run_pipeline({"class-psk-mismatch/ikemgr.log"}).negotiations;
    for (const auto& n : all) {
        for (const auto& line : n.lines) {
            EXPECT_EQ(line.text.find('\r'), std::string::npos) << line.text;
        }
    }
}

TEST(ClassFixtureEvidenceTest, ProxyIdMismatch) {
    expect_key_phrase({"class-proxy-id-mismatch/ikemgr.log"}, failure_class::proxy_id_mismatch,
                      "no policy found: 10.0.1.0/24[0] 10.9.0.0/24[0] proto=any dir=in");
    expect_key_phrase({"class-proxy-id-mismatch/racoon2.log"}, failure_class::proxy_id_mismatch,
                      "received Notify type TS_UNACCEPTABLE, failed establishing child_sa");
}

TEST(ClassFixtureEvidenceTest, ProxyIdMismatchRecordsThePeersSelectors) {
    const auto all = run_pipeline({"class-proxy-id-mismatch/ikemgr.log"}).negotiations;
    const auto at = first_with(all, failure_class::proxy_id_mismatch);
    ASSERT_TRUE(at.has_value()) << describe_all(all);
    const auto& n = all[*at];
    ASSERT_EQ(n.proxy_ids.size(), 1u);
    // Inbound lookup: the source is the peer's network, the destination PAN-OS's.
    EXPECT_EQ(n.proxy_ids[0].local, "10.9.0.0/24");
    EXPECT_EQ(n.proxy_ids[0].remote, "10.0.1.0/24");
    EXPECT_EQ(n.proxy_ids[0].protocol, "any");
    EXPECT_EQ(n.role, model::role::responder);
}

TEST(ClassFixtureEvidenceTest, IdMismatch) {
    expect_key_phrase({"class-id-mismatch/ikemgr.log"}, failure_class::id_mismatch, "ID mismatched.");
    expect_key_phrase({"class-id-mismatch/racoon2.log"}, failure_class::id_mismatch,
                      "received ID_I (type ipaddr [10.222.191.127]) does not match peers id");
}

TEST(ClassFixtureEvidenceTest, IkeVersionMismatch) {
    const std::vector<std::string> files{"class-ike-version-mismatch/ikemgr.log"};
    expect_key_phrase(files, failure_class::ike_version_mismatch,
                      "received IKEv2 request but no IKEv2 configuration for peer 203.0.113.60");
    expect_key_phrase(files, failure_class::ike_version_mismatch, "ikev2 not acceptable by configuration", 1);
}

TEST(ClassFixtureEvidenceTest, ExchangeModeMismatch) {
    // By position (the class of the first one is what ClassFixtureTest checks): context 6,
    // then context 8, whose mismatch line has the FAILED banner glued behind it.
    const auto all = run_pipeline({"class-exchange-mode-mismatch/ikemgr.log"}).negotiations;
    ASSERT_EQ(all.size(), 2u) << describe_all(all);
    EXPECT_TRUE(evidence_has(all[0], "exchange type is mismatched: db=Identity Protection packet=Aggressive, ignore it."))
        << evidence_text(all[0]);
    EXPECT_TRUE(evidence_has(all[1], "exchange type is mismatched: db=Aggressive packet=Identity Protection, ignore it."))
        << evidence_text(all[1]);
}

TEST(ClassFixtureEvidenceTest, DpdDown) {
    expect_key_phrase({"class-dpd-down/ikemgr.log"}, failure_class::dpd_down,
                      "DPD down, rekey vpn tunnel <tunnel.14:aws-vpc-1>, SA state ESTABLISHED");
}

// Reader variants the fixtures carry ------------------------------------------------------

TEST(ClassFixtureInputTest, IndentedLinesAreOneLineEachAtColumnOne) {
    // class-timeout/ikemgr.log: lines 14 and 16 are indented (copy-paste), nothing is glued.
    const auto result = run_pipeline({"class-timeout/ikemgr.log"});
    ASSERT_EQ(result.inputs.size(), 1u);
    EXPECT_EQ(result.inputs[0].physical_lines, 18u);
    EXPECT_EQ(result.inputs[0].lines, 18u);
    ASSERT_EQ(result.negotiations.size(), 1u);
    const auto& n = result.negotiations[0];
    const auto it = std::find_if(n.lines.begin(), n.lines.end(), [](const model::evidence_line& l) {
        return l.text.find("phase1 negotiation failed due to time up") != std::string::npos;
    });
    ASSERT_NE(it, n.lines.end());
    EXPECT_EQ(it->where.line, 16u);
    EXPECT_EQ(it->where.column, 1u) << "a column > 1 means a glued line (model/event.hpp)";
}

TEST(ClassFixtureInputTest, GluedLinesAreSplit) {
    // class-exchange-mode-mismatch/ikemgr.log: lines 17 and 20 each hold two log lines.
    const auto result = run_pipeline({"class-exchange-mode-mismatch/ikemgr.log"});
    ASSERT_EQ(result.inputs.size(), 1u);
    EXPECT_EQ(result.inputs[0].physical_lines, 20u);
    EXPECT_EQ(result.inputs[0].lines, 22u);
    ASSERT_EQ(result.negotiations.size(), 2u);
    EXPECT_EQ(result.negotiations[1].exchange, model::exchange::aggressive);
}

// Merging an ikemgr.log with the system log of the same firewall --------------------------

TEST(MergeFixtureTest, EventsOfOneNegotiationMergeInsteadOfDoubling) {
    const auto result = run_pipeline({"merge-ikemgr-syslog/ikemgr.log", "merge-ikemgr-syslog/system.csv"});
    ASSERT_EQ(result.inputs.size(), 2u);
    EXPECT_EQ(result.inputs[0].format, "ikemgr");
    EXPECT_EQ(result.inputs[1].format, "system-log");
    // ikemgr.log: a timeout (18:12) and the guide's no-proposal (18:35); system.csv: the same
    // two plus a PSK mismatch (18:52) only it has. Two merge, one stays: 3, not 5.
    const auto& all = result.negotiations;
    ASSERT_EQ(all.size(), 3u) << describe_all(all);
    std::size_t from_system_only = 0;
    for (const auto& n : all) {
        from_system_only += n.from_summary ? 1 : 0;
    }
    EXPECT_EQ(from_system_only, 1u);
}

TEST(MergeFixtureTest, MergedNegotiationCarriesTheGatewayAndBothInputsEvidence) {
    const auto all =
        run_pipeline({"merge-ikemgr-syslog/ikemgr.log", "merge-ikemgr-syslog/system.csv"}).negotiations;
    for (const failure_class failure : {failure_class::no_proposal, failure_class::timeout}) {
        const auto at = first_with(all, failure);
        ASSERT_TRUE(at.has_value()) << model::to_string(failure) << "\n" << describe_all(all);
        const auto& n = all[*at];
        EXPECT_FALSE(n.from_summary);
        ASSERT_TRUE(n.gateway.has_value()) << model::to_string(failure);
        EXPECT_EQ(*n.gateway, "GW-VPN-DEVICE");
        ASSERT_TRUE(n.context.has_value());
        EXPECT_EQ(n.context->sa, failure == failure_class::no_proposal ? 9u : 8u);
        bool ikemgr_line = false;
        bool system_line = false;
        for (std::size_t i : n.evidence) {
            ASSERT_LT(i, n.lines.size());
            ikemgr_line = ikemgr_line || n.lines[i].where.input == 0;
            system_line = system_line || n.lines[i].where.input == 1;
        }
        EXPECT_TRUE(ikemgr_line) << model::to_string(failure);
        EXPECT_TRUE(system_line) << model::to_string(failure);
    }
}

TEST(MergeFixtureTest, MergedNoProposalKeepsTheComparedPair) {
    const auto all =
        run_pipeline({"merge-ikemgr-syslog/ikemgr.log", "merge-ikemgr-syslog/system.csv"}).negotiations;
    const auto at = first_with(all, failure_class::no_proposal);
    ASSERT_TRUE(at.has_value());
    const auto& n = all[*at];
    ASSERT_EQ(n.pairs.size(), 1u);
    EXPECT_EQ(n.pairs[0].rejected, std::vector<model::phase1_attribute>{model::phase1_attribute::hash});
    ASSERT_TRUE(n.local.has_value());
    EXPECT_EQ(n.local->address, "200.100.5.1");
}

TEST(MergeFixtureTest, EventOnlyTheSystemLogHasStaysItsOwnNegotiation) {
    const auto all =
        run_pipeline({"merge-ikemgr-syslog/ikemgr.log", "merge-ikemgr-syslog/system.csv"}).negotiations;
    const auto at = first_with(all, failure_class::psk_mismatch);
    ASSERT_TRUE(at.has_value()) << describe_all(all);
    const auto& n = all[*at];
    EXPECT_TRUE(n.from_summary);
    ASSERT_TRUE(n.gateway.has_value());
    EXPECT_EQ(*n.gateway, "GW-VPN-DEVICE");
    ASSERT_EQ(n.evidence.size(), 1u);
    EXPECT_EQ(n.lines[n.evidence[0]].where.input, 1u);
    EXPECT_EQ(n.lines[n.evidence[0]].where.line, 2u);
}

} // namespace
