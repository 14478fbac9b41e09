// The rule packs: every built-in pack loads, every rule's sample lines, read by the real
// format of their log, are hits of that rule with the captures the pack says; broken packs
// are errors at file:line:col.

#include "diff/findings/rule_loader.hpp"
#include "diff/findings/scan.hpp"
#include "parser/io/byte_source.hpp"
#include "parser/log_reader.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace {

using namespace ikediff;
using diff::findings::rule;
using diff::findings::rule_book;

const rule_book& built_in() {
    static const rule_book book = [] {
        auto loaded = diff::findings::load_rules(std::nullopt);
        EXPECT_TRUE(loaded) << loaded.error().located_message();
        return loaded ? loaded.value() : rule_book{};
    }();
    return book;
}

/// A file name that makes a log of `family`.
std::string file_for(const std::string& family) {
    if (family == "system-log") {
        return "system.csv";
    }
    if (family == "traffic-log") {
        return "traffic.csv";
    }
    return family;
}

/// The records the real reader makes of `line` as a log of `family`.
std::vector<model::log_event> read_as(const std::string& family, const std::string& line) {
    // A management-plane line quoted without its prefix is read as one only inside a log
    // the reader knows by its other lines: one such line goes first.
    const bool mp_log = family != "system-log" && family != "traffic-log";
    const std::string text =
        (mp_log ? "2024-01-01 00:00:00.000 +0000 Info: context(context.c:1): a line before\n" : "") + line + "\n";
    parser::memory_source source(text);
    parser::input_stats stats;
    stats.name = file_for(family);
    std::vector<model::log_event> events;
    std::string error;
    parser::read_log(source, 0, stats, [&](model::log_event&& e) { events.push_back(std::move(e)); }, error);
    return events;
}

TEST(RulePacks, EveryRuleTheContractNamesIsBuiltIn) {
    for (const char* id :
         {"lc-cert-eku", "mlav-cert-validation", "mlav-auth", "mlav-server-error", "mlav-dns", "mlav-unknown",
          "userid-kerberos", "userid-winrm-connect", "userid-winrm-cert", "userid-winrm-401", "userid-winrm-500",
          "userid-wmi-access-denied", "userid-wmi-not-connected", "decrypt-cert-validation",
          "decrypt-unsupport-param", "decrypt-error"}) {
        EXPECT_NE(built_in().find(id), nullptr) << id;
    }
}

TEST(RulePacks, EverySampleIsAHitOfItsRuleThroughItsLogsReader) {
    ASSERT_FALSE(built_in().rules().empty());
    for (const rule& r : built_in().rules()) {
        for (const auto& sample : r.samples) {
            SCOPED_TRACE(r.pack + ":" + std::to_string(sample.at_line) + " rule " + r.id);
            const auto events = read_as(sample.log, sample.line);
            ASSERT_FALSE(events.empty()) << "the " << sample.log << " reader made nothing of: " << sample.line;
            diff::findings::rule_scan scan(built_in());
            for (const auto& e : events) {
                scan.take(e);
            }
            const auto found = scan.findings();
            const auto it = std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.rule == r.id; });
            ASSERT_NE(it, found.end()) << sample.line;
            // The captures the pack expects, as the scan decoded or grouped them.
            for (const auto& [name, value] : sample.captures) {
                bool seen = it->subject == value;
                for (const auto& c : it->codes) {
                    seen = seen || c.term == value;
                }
                for (const auto& t : it->top) {
                    seen = seen || t.value == value;
                }
                seen = seen || it->evidence.front().text.find(value) != std::string::npos;
                EXPECT_TRUE(seen) << name << " = " << value;
            }
        }
    }
}

TEST(RulePacks, EveryAnchorIsInTheLinesOfItsPattern) {
    // The prefilter looks for anchors: one missing from a sample line would hide the rule.
    const diff::findings::rule_scan scan(built_in());
    const auto literals = scan.literals();
    ASSERT_TRUE(literals.has_value());
    for (const std::string& l : *literals) {
        EXPECT_GE(l.size(), 4u) << "a short anchor lets too many lines through: " << l;
    }
}

std::string error_of(const std::string& yaml) {
    rule_book book;
    const auto error = diff::findings::read_pack(yaml, "pack.yaml", book);
    return error ? error->located_message() : "";
}

constexpr const char* k_good_rule = R"(area: test
rules:
  - id: t-one
    title: A test rule
    severity: high
    match:
      - logs: [ms.log]
        text: "broke with {code:int}"
    cause: It broke.
    fix: ["Mend it."]
    references: [{title: T, url: "https://example.com"}]
    samples:
      - log: ms.log
        line: "Error: f(a.c:1): broke with 3"
)";

TEST(RulePacks, AGoodPackLoadsAndReplacesABuiltInRuleOfItsId) {
    EXPECT_EQ(error_of(k_good_rule), "");
    rule_book book = built_in();
    std::string replaced = k_good_rule;
    replaced.replace(replaced.find("t-one"), 5, "userid-kerberos");
    ASSERT_FALSE(diff::findings::read_pack(replaced, "pack.yaml", book));
    EXPECT_EQ(book.find("userid-kerberos")->title, "A test rule");
    EXPECT_EQ(book.rules().size(), built_in().rules().size());
}

TEST(RulePacks, BrokenPacksAreErrorsWithFileLineColumn) {
    std::string no_sample = k_good_rule;
    no_sample.erase(no_sample.find("    samples:"));
    EXPECT_EQ(error_of(no_sample), "pack.yaml:3:5: rule `t-one` has no sample: each rule carries lines it must match");

    std::string bad_type = k_good_rule;
    bad_type.replace(bad_type.find("{code:int}"), 10, "{code:num}");
    EXPECT_EQ(error_of(bad_type), "pack.yaml:8:15: in the pattern, at its character 18: unknown capture type `num` (int, hex, word, text)");

    std::string bad_key = k_good_rule;
    bad_key.replace(bad_key.find("severity"), 8, "severty");
    EXPECT_EQ(error_of(bad_key).substr(0, 45), "pack.yaml:5:5: unknown key `severty` (known: ");

    std::string bad_log = k_good_rule;
    bad_log.replace(bad_log.find("[ms.log]"), 8, "[mss.log]");
    EXPECT_NE(error_of(bad_log).find("pack.yaml:7:16: unknown log `mss.log`"), std::string::npos)
        << error_of(bad_log);

    std::string unmatched = k_good_rule;
    unmatched.replace(unmatched.find("broke with 3"), 12, "mended at 3");
    EXPECT_EQ(error_of(unmatched), "pack.yaml:13:9: the sample matches none of rule `t-one`'s patterns for ms.log");

    std::string wrong_capture = k_good_rule;
    wrong_capture += "        captures: {code: \"4\"}\n";
    EXPECT_EQ(error_of(wrong_capture), "pack.yaml:15:19: the sample's capture `code` is `3`, not `4`");

    EXPECT_NE(error_of("area: x\nrules: [\n").find("pack.yaml:3:1: not valid YAML"), std::string::npos)
        << error_of("area: x\nrules: [\n");
}

} // namespace
