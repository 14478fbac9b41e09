#pragma once
// The findings analysis (contract.md section 7): an analysis of lines (diff/event_taker.hpp)
// that runs every rule of a rule_book over the records of the logs it names, and groups the
// hits by rule and subject into findings: a count, the first and last time, the codes it
// decoded, the logs that told it, the first lines as evidence, tallies of the fields the
// rule counts, and the article's remedy for each code seen. Every rule whose logs were read
// is a check with its hits, so a clean log shows as "checked, clean".

#include "diff/event_taker.hpp"
#include "diff/findings/rule.hpp"
#include "model/finding.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ikediff::diff::findings {

class rule_scan final : public event_taker {
public:
    /// `rules` outlives the scan.
    explicit rule_scan(const rule_book& rules);

    void take(const model::log_event& event) override;
    /// The anchors of every pattern over a management-plane log: a line holding none of
    /// them matches no rule (none when some such pattern has no text).
    std::optional<std::vector<std::string>> literals() const override;

    /// Says that a log of `family` was read (whatever it held): its rules were checked. An
    /// empty family is a management-plane log whose name did not say which.
    void read_log_of(const std::string& family);
    /// The findings, worst first, then by rule and subject.
    std::vector<model::finding> findings() const;
    /// Every rule checked against a log that was read, with its hits, in rule order.
    std::vector<model::rule_check> checks() const;

    /// How many evidence lines a finding keeps, and how many values of a tallied field.
    static constexpr std::size_t k_evidence = 5;
    static constexpr std::size_t k_tallied = 4096;

private:
    struct group {
        model::finding f;
        std::map<std::string, std::map<std::string, std::uint64_t>> tallies;
    };
    void hit(const rule& r, const model::log_event& event, const model::record_event& record,
             const captures& caught);

    const rule_book& m_rules;
    std::map<std::pair<std::size_t, std::string>, group> m_groups; ///< (rule index, subject)
    std::vector<std::uint64_t> m_hits;                               ///< per rule index
    std::set<std::string> m_families_read;
    captures m_caught;
    /// The matches that read the family last seen, in rule order (rule index, match).
    std::optional<std::string> m_family;
    std::vector<std::pair<std::size_t, const rule_match*>> m_reading;
};

/// Whether `r` reads records of `family` (an empty family: any management-plane log).
bool reads(const rule_match& m, std::string_view family);

/// The text of a record of its family: `message`, else `description`.
const std::string* family_text(const model::record_event& record);
/// The text of `record` a match reads: its `field`, else the family's text.
const std::string* text_of(const rule_match& m, const model::record_event& record);

} // namespace ikediff::diff::findings
