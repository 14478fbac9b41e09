// check_findings: compares the rule hits a management-plane log was built with
// (mp_logs_generate --counts) with ikediff's JSON report of it.
//
//   check_findings EXPECTED.txt REPORT.json
//
// EXPECTED.txt: `#` comment lines, then `key value` lines: `lines` (the log's lines),
// `matching` (the lines that match a rule) and `hits.<rule>` for each rule. REPORT.json:
// `ikediff --format json`; per rule, `checks[].hits` and the sum of `findings[].count` must
// both equal `hits.<rule>` (a rule checked but not named in EXPECTED.txt: 0), their totals
// `matching`, and the lines of its inputs (`inputs[].lines`) `lines`. Prints one line per
// count, `name expected hits findings OK|MISMATCH`. Exit status: 0 when every count matches,
// 1 otherwise, 2 when an input cannot be read.

#include "bench/expected_counts.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using json = nlohmann::json;

constexpr int k_mismatch = 1;
constexpr int k_trouble = 2;


/// A member of `object` that is an unsigned number, else 0.
std::uint64_t number_in(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
}

struct rule_counts {
    std::uint64_t hits = 0;     ///< checks[].hits
    std::uint64_t findings = 0; ///< the sum of findings[].count
};

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: check_findings EXPECTED.txt REPORT.json\n";
        return k_trouble;
    }
    const auto expected = ikediff::bench::read_expected(argv[1], "check_findings");
    if (!expected) {
        return k_trouble;
    }
    json report;
    {
        std::ifstream in(argv[2], std::ios::binary);
        try {
            report = json::parse(in); // a findings report is small: no negotiations
        } catch (const json::exception& e) {
            std::cerr << "check_findings: " << argv[2] << ": not JSON: " << e.what() << '\n';
            return k_trouble;
        }
    }
    if (!report.is_object() || !report.contains("checks") || !report["checks"].is_array()) {
        std::cerr << "check_findings: " << argv[2] << ": no `checks` (no rule was checked, or nothing found)\n";
        return k_trouble;
    }
    std::map<std::string, rule_counts> got;
    for (const json& c : report["checks"]) {
        got[c.value("rule", "")].hits += number_in(c, "hits");
    }
    if (const auto f = report.find("findings"); f != report.end() && f->is_array()) {
        for (const json& finding : *f) {
            got[finding.value("rule", "")].findings += number_in(finding, "count");
        }
    }
    std::uint64_t lines = 0;
    if (const auto i = report.find("inputs"); i != report.end() && i->is_array()) {
        for (const json& input : *i) {
            lines += number_in(input, "lines");
        }
    }

    bool all_match = true;
    const auto print = [&all_match](const std::string& name, std::uint64_t want, std::uint64_t hits,
                                    std::optional<std::uint64_t> findings) {
        const bool ok = hits == want && (!findings || *findings == want);
        all_match = all_match && ok;
        std::printf("%-34s %10llu %10llu %10s %s\n", name.c_str(), static_cast<unsigned long long>(want),
                    static_cast<unsigned long long>(hits),
                    findings ? std::to_string(*findings).c_str() : "-", ok ? "OK" : "MISMATCH");
    };
    std::printf("%-34s %10s %10s %10s\n", "count", "expected", "hits", "findings");
    std::map<std::string, bool> named;
    for (const auto& [name, want] : *expected) {
        if (name == "lines") {
            print(name, want, lines, std::nullopt);
        } else if (name == "matching") {
            std::uint64_t hits = 0;
            std::uint64_t findings = 0;
            for (const auto& [rule, counts] : got) {
                hits += counts.hits;
                findings += counts.findings;
            }
            print(name, want, hits, findings);
        } else if (name.starts_with("hits.")) {
            const std::string rule = name.substr(5);
            named[rule] = true;
            const rule_counts c = got.contains(rule) ? got[rule] : rule_counts{};
            print(name, want, c.hits, c.findings);
        } else {
            std::cerr << "check_findings: " << argv[1] << ": unknown count `" << name << "`\n";
            return k_trouble;
        }
    }
    // A rule the report has and EXPECTED.txt does not name was expected 0 times.
    for (const auto& [rule, counts] : got) {
        if (!named.contains(rule)) {
            print("hits." + rule, 0, counts.hits, counts.findings);
        }
    }
    return all_match ? 0 : k_mismatch;
}
