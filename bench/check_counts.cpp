// check_counts: compares the counts a log was built with (ikemgr_generate --counts, or a
// fixture's expected-counts.txt) with those of ikediff's JSON report.
//
//   check_counts EXPECTED.txt REPORT.json
//
// EXPECTED.txt: `#` comment lines, then `key value` lines: `negotiations`, `established`,
// `failed`, `unknown`, `failure.<class>`. REPORT.json: `ikediff --format json`; its `summary`
// object (negotiations, established, failed, unknown, failures{class: n}; a class missing
// there is 0). Prints one line per count, `name expected got OK|MISMATCH`, plus a line for
// every class the report has and EXPECTED.txt does not. Exit status: 0 when every count
// matches, 1 otherwise, 2 when an input cannot be read.
//
// The report of a big log is big (every negotiation with its lines): it is parsed with a
// callback that keeps only `summary`, so memory stays small whatever its size.

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


/// The report's `summary` object; nullopt (after a message) on error.
std::optional<json> read_summary(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "check_counts: cannot read " << path << '\n';
        return std::nullopt;
    }
    // Keep the top-level `summary` and nothing else.
    bool in_summary = false;
    const json::parser_callback_t keep_summary = [&in_summary](int depth, json::parse_event_t event,
                                                               json& parsed) {
        if (depth == 1 && event == json::parse_event_t::key) {
            in_summary = parsed.is_string() && parsed.get_ref<const std::string&>() == "summary";
            return in_summary;
        }
        return depth == 0 || in_summary;
    };
    json doc;
    try {
        doc = json::parse(in, keep_summary);
    } catch (const json::exception& e) {
        std::cerr << "check_counts: " << path << ": not JSON: " << e.what() << '\n';
        return std::nullopt;
    }
    if (!doc.is_object() || !doc.contains("summary") || !doc["summary"].is_object()) {
        std::cerr << "check_counts: " << path << ": no `summary` object\n";
        return std::nullopt;
    }
    return doc["summary"];
}

/// A count of the summary: `negotiations`, ... or `failure.<class>`; nullopt for an unknown name.
std::optional<std::uint64_t> count_of(const json& summary, const std::string& name) {
    const json* where = nullptr;
    std::string key = name;
    if (name.starts_with("failure.")) {
        key = name.substr(8);
        const auto failures = summary.find("failures");
        if (failures == summary.end() || !failures->is_object()) {
            return 0;
        }
        const auto it = failures->find(key);
        if (it == failures->end()) {
            return 0; // ikediff lists only the classes it found
        }
        where = &*it;
    } else if (name == "negotiations" || name == "established" || name == "failed" ||
               name == "unknown") {
        const auto it = summary.find(key);
        if (it == summary.end()) {
            return std::nullopt;
        }
        where = &*it;
    } else {
        return std::nullopt;
    }
    if (!where->is_number_unsigned()) {
        return std::nullopt;
    }
    return where->get<std::uint64_t>();
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: check_counts EXPECTED.txt REPORT.json\n";
        return k_trouble;
    }
    const auto expected = ikediff::bench::read_expected(argv[1], "check_counts");
    const auto summary = expected ? read_summary(argv[2]) : std::nullopt;
    if (!expected || !summary) {
        return k_trouble;
    }
    bool all_match = true;
    std::map<std::string, bool> listed;
    for (const auto& [name, want] : *expected) {
        const std::optional<std::uint64_t> got = count_of(*summary, name);
        if (!got) {
            std::cerr << "check_counts: " << argv[2] << ": no count `" << name
                      << "` in its summary\n";
            return k_trouble;
        }
        listed[name] = true;
        const bool ok = *got == want;
        all_match = all_match && ok;
        std::printf("%-32s %10llu %10llu %s\n", name.c_str(), static_cast<unsigned long long>(want),
                    static_cast<unsigned long long>(*got), ok ? "OK" : "MISMATCH");
    }
    // A class the report found that EXPECTED.txt does not name was expected 0 times.
    if (const auto failures = summary->find("failures");
        failures != summary->end() && failures->is_object()) {
        for (const auto& [cls, value] : failures->items()) {
            const std::string name = "failure." + cls;
            if (listed.contains(name) || !value.is_number_unsigned()) {
                continue;
            }
            const auto got = value.get<std::uint64_t>();
            all_match = all_match && got == 0;
            std::printf("%-32s %10llu %10llu %s\n", name.c_str(), 0ULL,
                        static_cast<unsigned long long>(got), got == 0 ? "OK" : "MISMATCH");
        }
    }
    return all_match ? 0 : k_mismatch;
}
