#pragma once
// Rules as data (contract.md section 7, docs/rules.md): what one rule of a rule pack says,
// once its YAML is read (rule_loader.hpp). A rule names the logs it reads, the lines it
// matches, how to decode what it captures, and what a hit means: severity, symptom, cause,
// fix and references; its samples are lines it must match.

#include "diff/findings/pattern.hpp"
#include "model/finding.hpp"

#include <map>
#include <string>
#include <vector>

namespace ikediff::diff::findings {

/// One way a rule recognises a line.
struct rule_match {
    /// The log families it reads (`ms.log`, `configd.log`, `devsrv.log`, `useridd.log`,
    /// `system-log`, `traffic-log`).
    std::vector<std::string> logs;
    /// The record field the pattern reads; empty: the family's text (`message`,
    /// `description`).
    std::string field;
    std::optional<pattern> text;
    /// Fields that must equal these values (case-insensitive).
    std::vector<std::pair<std::string, std::string>> where;
};

/// The article's remedy for one decoded code.
struct code_remedy {
    std::string table; ///< `krb5`
    std::string term;  ///< `-1765328228`
    std::string cause;
    std::vector<std::string> fix;
};

/// A line a rule must match, as its log writes it.
struct rule_sample {
    std::string log;
    std::string line;
    std::map<std::string, std::string> captures;
    std::uint64_t at_line = 0; ///< where the pack has it, for messages
};

struct rule {
    std::string id;
    std::string area; ///< the pack's: `user-id`
    std::string title;
    model::finding_severity severity = model::finding_severity::medium;
    std::vector<rule_match> matches;
    std::vector<std::string> subject; ///< captures or fields naming the subject, first present
    std::string subject_default;
    /// capture -> the code tables it is looked up in, in order.
    std::vector<std::pair<std::string, std::vector<std::string>>> decode;
    std::vector<std::string> top; ///< fields tallied (the traffic log's destinations)
    std::string cause;
    std::vector<std::string> fix;
    std::vector<code_remedy> codes;
    std::vector<std::string> terms; ///< phrases `ikediff explain` answers with this rule
    std::vector<model::reference> references;
    std::vector<rule_sample> samples;
    std::string pack; ///< the file it came from, for messages

    /// Every log family any of its matches reads, in order, once each.
    std::vector<std::string> logs() const;
};

/// The rules in force: the built-in packs, then those of `--rules DIR` (a rule with an id
/// already there replaces it).
class rule_book {
public:
    /// Adds `r`, replacing the rule of the same id.
    void put(rule r);
    const std::vector<rule>& rules() const { return m_rules; }
    const rule* find(std::string_view id) const;

private:
    std::vector<rule> m_rules;
};

} // namespace ikediff::diff::findings
