// diff::attach_rejections: `rejected X: DB(prop#a:trns#b):Peer(prop#c:trns#d)` lines matched to
// the `Compared: DB:Peer` blocks they describe, through the reconstructor and directly.

#include "diff/ike/reconstruct.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "test_support.hpp"

#include <cstdint>
#include <gtest/gtest.h>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace {

using namespace ikediff;
using model::phase1_attribute;
using model::phase1_parameter;

std::string pan_line(const std::string& message) {
    return "2021-07-06 18:35:17.870 +0900  [DEBG]: {    5:     }: " + message;
}

std::vector<model::negotiation> rebuild(const std::vector<std::string>& lines) {
    diff::reconstructor r;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto scanned = parser::scan_line(lines[i]);
        auto* event = std::get_if<model::log_event>(&scanned);
        if (event == nullptr) {
            ADD_FAILURE() << "not a recognised line: " << lines[i];
            continue;
        }
        event->where = {0, i + 1, 1};
        r.add(test_support::keyed_as_ikemgr(*event));
    }
    return r.finish();
}

std::string value_of(const model::phase1_proposal& p, phase1_parameter param) {
    const auto v = p.get(param);
    return v ? model::to_string(*v) : "(none)";
}

/// A `Compared: DB:Peer` block (8 lines) with PAN spellings.
std::vector<std::string> compared_block(const std::string& enctype, const std::string& encklen,
                                        const std::string& hash, const std::string& group) {
    return {pan_line("Compared: DB:Peer"),
            pan_line("(lifetime = 28800:28800)"),
            pan_line("(lifebyte = 0:0)"),
            pan_line("enctype = " + enctype),
            pan_line("(encklen = " + encklen + ")"),
            pan_line("hashtype = " + hash),
            pan_line("authmethod = PSK:PSK"),
            pan_line("dh_group = " + group)};
}

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
    to.insert(to.end(), more.begin(), more.end());
}

std::vector<std::uint64_t> line_numbers(const model::proposal_pair& p) {
    std::vector<std::uint64_t> out;
    for (const auto& l : p.lines) {
        out.push_back(l.where.line);
    }
    return out;
}

// Through the reconstructor ----------------------------------------------------------------

TEST(AttachRejectionsTest, TwoLocalProposalsAgainstOnePeerTransformGetTheirOwnRefs) {
    std::vector<std::string> lines{
        pan_line("respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]")}; // 1
    append(lines, compared_block("AES:AES", "256:256", "SHA256:SHA512", "DH14:DH20"));       // 2-9
    append(lines, compared_block("3DES:AES", "0:256", "SHA512:SHA512", "DH20:DH20")); // 10-17
    lines.push_back(
        pan_line("rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512")); // 18
    lines.push_back(
        pan_line("rejected dh_group: DB(prop#1:trns#1):Peer(prop#1:trns#1) = DH14:DH20")); // 19
    lines.push_back(
        pan_line("rejected enctype: DB(prop#1:trns#2):Peer(prop#1:trns#1) = 3DES:AES")); // 20
    lines.push_back(pan_line("no suitable proposal found."));                            // 21

    const auto all = rebuild(lines);
    ASSERT_EQ(all.size(), 1u);
    ASSERT_EQ(all[0].pairs.size(), 2u);

    const auto& first = all[0].pairs[0];
    EXPECT_EQ(first.local_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(first.peer_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(first.rejected,
              (std::vector{phase1_attribute::hash, phase1_attribute::dh_group}));
    EXPECT_EQ(value_of(first.local, phase1_parameter::hash), "sha256");
    EXPECT_EQ(value_of(first.local, phase1_parameter::dh_group), "group14");
    EXPECT_EQ(line_numbers(first), (std::vector<std::uint64_t>{2, 3, 4, 5, 6, 7, 8, 9, 18, 19}));
    EXPECT_EQ(first.lines[8].attribute, phase1_attribute::hash);
    EXPECT_EQ(first.lines[9].attribute, phase1_attribute::dh_group);

    const auto& second = all[0].pairs[1];
    EXPECT_EQ(second.local_ref, (model::transform_ref{1, 2}));
    EXPECT_EQ(second.peer_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(second.rejected, std::vector{phase1_attribute::cipher});
    EXPECT_EQ(value_of(second.local, phase1_parameter::encryption), "3des");
    EXPECT_EQ(value_of(second.peer, phase1_parameter::encryption), "aes-256-cbc");
    EXPECT_EQ(line_numbers(second),
              (std::vector<std::uint64_t>{10, 11, 12, 13, 14, 15, 16, 17, 20}));
    EXPECT_EQ(second.lines.back().attribute, phase1_attribute::cipher);
}

TEST(AttachRejectionsTest, KeyLengthOnlyPairHasNoRejectedLineAndStaysWithoutRefs) {
    std::vector<std::string> lines;
    append(lines,
           compared_block("AES:AES", "256:256", "SHA256:SHA512", "DH20:DH20")); // 1-8, DB trns#1
    append(lines,
           compared_block("AES:AES", "128:256", "SHA512:SHA512", "DH20:DH20")); // 9-16, DB trns#2
    append(lines,
           compared_block("3DES:AES", "0:256", "SHA512:SHA512", "DH20:DH20")); // 17-24, DB trns#3
    lines.push_back(
        pan_line("rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512")); // 25
    lines.push_back(
        pan_line("rejected enctype: DB(prop#1:trns#3):Peer(prop#1:trns#1) = 3DES:AES")); // 26

    const auto all = rebuild(lines);
    ASSERT_EQ(all.size(), 1u);
    ASSERT_EQ(all[0].pairs.size(), 3u);
    const auto& pairs = all[0].pairs;

    EXPECT_EQ(pairs[0].local_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(pairs[0].rejected, std::vector{phase1_attribute::hash});

    EXPECT_FALSE(pairs[1].local_ref.has_value());
    EXPECT_FALSE(pairs[1].peer_ref.has_value());
    EXPECT_TRUE(pairs[1].rejected.empty());
    EXPECT_EQ(pairs[1].lines.size(), 8u);
    EXPECT_EQ(value_of(pairs[1].local, phase1_parameter::encryption), "aes-128-cbc");
    EXPECT_EQ(value_of(pairs[1].peer, phase1_parameter::encryption), "aes-256-cbc");

    EXPECT_EQ(pairs[2].local_ref, (model::transform_ref{1, 3}));
    EXPECT_EQ(pairs[2].peer_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(pairs[2].rejected, std::vector{phase1_attribute::cipher});
    EXPECT_EQ(pairs[2].lines.back().where.line, 26u);
}

TEST(AttachRejectionsTest, RejectedLinesWithoutComparedBlocksCreatePairs) {
    const auto all = rebuild({
        pan_line("respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]"),   // 1
        pan_line("rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512"), // 2
        pan_line("rejected dh_group: DB(prop#1:trns#1):Peer(prop#1:trns#1) = DH14:DH20"),     // 3
        pan_line("rejected hashtype: DB(prop#1:trns#2):Peer(prop#1:trns#1) = SHA1:SHA512"),   // 4
        pan_line("no suitable proposal found."),                                              // 5
    });
    ASSERT_EQ(all.size(), 1u);
    ASSERT_EQ(all[0].pairs.size(), 2u);
    const auto& first = all[0].pairs[0];
    EXPECT_EQ(first.local_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(first.peer_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(value_of(first.local, phase1_parameter::hash), "sha256");
    EXPECT_EQ(value_of(first.peer, phase1_parameter::hash), "sha512");
    EXPECT_EQ(value_of(first.local, phase1_parameter::dh_group), "group14");
    EXPECT_EQ(value_of(first.peer, phase1_parameter::dh_group), "group20");
    // Only what the rejected lines said.
    EXPECT_EQ(value_of(first.local, phase1_parameter::encryption), "(none)");
    EXPECT_EQ(value_of(first.local, phase1_parameter::lifetime), "(none)");
    EXPECT_EQ(first.rejected,
              (std::vector{phase1_attribute::hash, phase1_attribute::dh_group}));
    EXPECT_EQ(line_numbers(first), (std::vector<std::uint64_t>{2, 3}));

    const auto& second = all[0].pairs[1];
    EXPECT_EQ(second.local_ref, (model::transform_ref{1, 2}));
    EXPECT_EQ(second.peer_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(value_of(second.local, phase1_parameter::hash), "sha1");
    EXPECT_EQ(value_of(second.peer, phase1_parameter::hash), "sha512");
    EXPECT_EQ(value_of(second.local, phase1_parameter::dh_group), "(none)");
    EXPECT_EQ(second.rejected, std::vector{phase1_attribute::hash});
    EXPECT_EQ(line_numbers(second), std::vector<std::uint64_t>{4});
}

// Direct calls -----------------------------------------------------------------------------

using rejection = std::pair<model::rejected_event, model::source_line>;

rejection rejected(phase1_attribute a, std::uint32_t db_trns, std::uint32_t peer_trns,
                   const std::string& local, const std::string& peer, std::uint64_t line) {
    return {model::rejected_event{a, {1, db_trns}, {1, peer_trns}, local, peer}, {0, line, 1}};
}

TEST(AttachRejectionsTest, InterleavedRejectedLinesAreGroupedByTheirRefs) {
    model::negotiation n;
    diff::attach_rejections(n, {rejected(phase1_attribute::hash, 1, 1, "SHA256", "SHA512", 10),
                                rejected(phase1_attribute::hash, 2, 1, "SHA1", "SHA512", 11),
                                rejected(phase1_attribute::dh_group, 1, 1, "DH14", "DH20", 12)});
    ASSERT_EQ(n.pairs.size(), 2u);
    EXPECT_EQ(n.pairs[0].local_ref, (model::transform_ref{1, 1}));
    EXPECT_EQ(n.pairs[0].rejected,
              (std::vector{phase1_attribute::hash, phase1_attribute::dh_group}));
    EXPECT_EQ(line_numbers(n.pairs[0]), (std::vector<std::uint64_t>{10, 12}));
    EXPECT_EQ(n.pairs[1].local_ref, (model::transform_ref{1, 2}));
    EXPECT_EQ(n.pairs[1].rejected, std::vector{phase1_attribute::hash});
    EXPECT_EQ(line_numbers(n.pairs[1]), std::vector<std::uint64_t>{11});
}

TEST(AttachRejectionsTest, RejectionsMatchComparedPairsByValue) {
    model::negotiation n;
    // Pair 0 differs in the hash only, pair 1 in the DH group only.
    for (const auto& [local_group, local_hash] :
         std::vector<std::pair<std::string, std::string>>{{"DH20", "SHA256"}, {"DH14", "SHA512"}}) {
        model::proposal_pair p;
        p.local.set_logged(phase1_attribute::hash, local_hash);
        p.peer.set_logged(phase1_attribute::hash, "SHA512");
        p.local.set_logged(phase1_attribute::dh_group, local_group);
        p.peer.set_logged(phase1_attribute::dh_group, "DH20");
        n.pairs.push_back(p);
    }
    diff::attach_rejections(n, {rejected(phase1_attribute::dh_group, 2, 1, "DH14", "DH20", 30)});
    ASSERT_EQ(n.pairs.size(), 2u);
    EXPECT_FALSE(n.pairs[0].local_ref.has_value());
    EXPECT_TRUE(n.pairs[0].rejected.empty());
    EXPECT_EQ(n.pairs[1].local_ref, (model::transform_ref{1, 2}));
    EXPECT_EQ(n.pairs[1].rejected, std::vector{phase1_attribute::dh_group});
}

TEST(AttachRejectionsTest, NoRejectionsLeavePairsUntouched) {
    model::negotiation n;
    n.pairs.emplace_back();
    n.pairs[0].local.set_logged(phase1_attribute::hash, "SHA256");
    diff::attach_rejections(n, {});
    ASSERT_EQ(n.pairs.size(), 1u);
    EXPECT_FALSE(n.pairs[0].local_ref.has_value());
    EXPECT_TRUE(n.pairs[0].rejected.empty());
    EXPECT_TRUE(n.pairs[0].lines.empty());
}

} // namespace
