// fixtures/many-interleaved: 40+ negotiations interleaved across PAN-OS contexts (phase 2
// child contexts, contexts reused after a negotiation ended, several peers, ~60 % noise),
// written by its generate.py together with expected-counts.txt. The pipeline (parser::read_log
// into diff::reconstructor) must find exactly those counts, and a peer for every negotiation.

#include "diff/ike/reconstruct.hpp"
#include "model/negotiation.hpp"
#include "parser/log_reader.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using namespace ikediff;

const std::string k_dir = std::string(IKEDIFF_FIXTURES) + "/many-interleaved";

struct read_result {
    std::vector<model::negotiation> negotiations;
    parser::input_stats stats;
};

read_result read_fixture() {
    read_result out;
    const std::string path = k_dir + "/ikemgr.log";
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        ADD_FAILURE() << "cannot open " << path;
        return out;
    }
    diff::reconstructor r;
    out.stats.name = "ikemgr.log";
    std::string error;
    const bool ok =
        parser::read_log(f, 0, out.stats, [&](model::log_event&& e) { r.add(std::move(e)); }, error);
    std::fclose(f);
    EXPECT_TRUE(ok) << error;
    out.negotiations = r.finish();
    return out;
}

/// expected-counts.txt: `key value` lines; `#` starts a comment line.
std::map<std::string, std::uint64_t> expected_counts() {
    std::map<std::string, std::uint64_t> counts;
    std::ifstream in(k_dir + "/expected-counts.txt");
    EXPECT_TRUE(in.good()) << "cannot read " << k_dir << "/expected-counts.txt";
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        std::istringstream fields(line);
        std::string key;
        std::uint64_t value = 0;
        if (fields >> key >> value) {
            counts[key] = value;
        } else {
            ADD_FAILURE() << "expected-counts.txt: cannot read \"" << line << "\"";
        }
    }
    return counts;
}

constexpr std::array k_classes{
    model::failure_class::peer_not_found,         model::failure_class::timeout,
    model::failure_class::no_proposal,            model::failure_class::psk_mismatch,
    model::failure_class::proxy_id_mismatch,      model::failure_class::id_mismatch,
    model::failure_class::ike_version_mismatch,   model::failure_class::exchange_mode_mismatch,
    model::failure_class::dpd_down,
};

/// The counts of the same keys, from what the pipeline rebuilt.
std::map<std::string, std::uint64_t> actual_counts(const std::vector<model::negotiation>& all) {
    std::map<std::string, std::uint64_t> counts;
    counts["negotiations"] = all.size();
    counts["established"] = 0;
    counts["failed"] = 0;
    counts["unknown"] = 0;
    for (const auto c : k_classes) {
        counts["failure." + std::string(model::to_string(c))] = 0;
    }
    for (const auto& n : all) {
        ++counts[std::string(model::to_string(n.result))];
        if (n.failure) {
            ++counts["failure." + std::string(model::to_string(*n.failure))];
        }
    }
    return counts;
}

TEST(InterleavedCountsTest, ExpectedCountsCoverEveryKeyAndClass) {
    const auto expected = expected_counts();
    for (const std::string key : {"negotiations", "established", "failed", "unknown"}) {
        EXPECT_TRUE(expected.count(key) == 1) << "expected-counts.txt lacks " << key;
    }
    for (const auto c : k_classes) {
        const std::string key = "failure." + std::string(model::to_string(c));
        ASSERT_TRUE(expected.count(key) == 1) << "expected-counts.txt lacks " << key;
        EXPECT_GT(expected.at(key), 0u) << key << ": the fixture should cover every class";
    }
    ASSERT_TRUE(expected.count("negotiations") == 1);
    EXPECT_GE(expected.at("negotiations"), 40u);
}

TEST(InterleavedCountsTest, PipelineFindsEveryExpectedCount) {
    const auto result = read_fixture();
    const auto expected = expected_counts();
    const auto actual = actual_counts(result.negotiations);
    for (const auto& [key, value] : expected) {
        const auto it = actual.find(key);
        ASSERT_NE(it, actual.end()) << "unknown key in expected-counts.txt: " << key;
        EXPECT_EQ(it->second, value) << key;
    }
}

TEST(InterleavedCountsTest, EveryNegotiationHasItsPeer) {
    const auto result = read_fixture();
    ASSERT_FALSE(result.negotiations.empty());
    for (std::size_t i = 0; i < result.negotiations.size(); ++i) {
        const auto& n = result.negotiations[i];
        ASSERT_TRUE(n.peer.has_value()) << "negotiation " << i << " has no peer";
        EXPECT_FALSE(n.peer->address.empty()) << "negotiation " << i;
        EXPECT_EQ(n.peer->port, 500u) << "negotiation " << i;
    }
}

TEST(InterleavedCountsTest, EveryNegotiationHasAContextAndEveryFailureEvidence) {
    // Every generated negotiation runs in a PAN-OS context, and every failure has evidence.
    const auto result = read_fixture();
    for (std::size_t i = 0; i < result.negotiations.size(); ++i) {
        const auto& n = result.negotiations[i];
        ASSERT_TRUE(n.context.has_value()) << "negotiation " << i;
        if (n.failure) {
            EXPECT_FALSE(n.evidence.empty()) << "negotiation " << i;
        }
    }
}

TEST(InterleavedCountsTest, ReaderSeesNoMalformedLinesAndMostlyNoise) {
    const auto result = read_fixture();
    EXPECT_EQ(result.stats.malformed, 0u);
    EXPECT_EQ(result.stats.lines, result.stats.physical_lines);
    ASSERT_GT(result.stats.lines, 0u);
    // About 60 % of the generated lines are debug noise.
    EXPECT_GT(result.stats.unrecognized * 100, result.stats.lines * 50);
    EXPECT_LT(result.stats.unrecognized * 100, result.stats.lines * 75);
}

} // namespace
