#pragma once
// A finding: a failure a rule pack recognises in a log other than the IKE negotiation's
// (contract.md section 7), or a code asked about with `explain`. Rule packs and the analysis
// that applies them live in diff/; this is what they hand the report writers.

#include "model/event.hpp"
#include "model/negotiation.hpp"
#include "model/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::model {

/// How much a finding matters, worst first.
enum class finding_severity : std::uint8_t { critical, high, medium, low, info };
/// `observed`: lines in the inputs show it; `explained`: a code or a term asked about.
enum class finding_status : std::uint8_t { observed, explained };
std::string_view to_string(finding_severity v);
std::string_view to_string(finding_status v);
std::optional<finding_severity> finding_severity_named(std::string_view name);

/// A code a finding names, decoded: `krb5` -1765328360 `KRB5KDC_ERR_PREAUTH_FAILED`.
struct code_meaning {
    std::string table;                 ///< `krb5`, `x509`, `errno`, `http`, `tls-alert`, `pan-ssl`, ...
    std::optional<std::int64_t> value; ///< the code as a number, when it is one
    std::string term;                  ///< the code as logged or asked (`handshake_failure`, `-12`)
    std::string name;                  ///< the table's symbol, empty when it has none
    std::string meaning;
    friend bool operator==(const code_meaning&, const code_meaning&) = default;
};

/// An article or a manual page a finding rests on.
struct reference {
    std::string title;
    std::string url;
    friend bool operator==(const reference&, const reference&) = default;
};

/// How often a field had one value among a finding's lines: the traffic log's top
/// destinations and applications.
struct tally {
    std::string field; ///< `destination_address`
    std::string value;
    std::uint64_t count = 0;
    friend bool operator==(const tally&, const tally&) = default;
};

struct finding {
    std::string rule; ///< stable id: `userid-kerberos`, `lc-cert-eku`
    finding_severity severity = finding_severity::medium;
    finding_status status = finding_status::observed;
    std::string title;   ///< the symptom, in a line
    std::string subject; ///< what it is about: a server, a collector, a destination; may be empty
    /// The subject is the rule's own words (the MLAV cloud's public name), not a log's: it
    /// names nothing of the site, and --redact leaves it.
    bool subject_from_rule = false;
    std::string log;     ///< the log it was seen in first (`useridd.log`), empty when explained
    /// Every log that told it, in the order they did: joint evidence (`devsrv.log`,
    /// `system-log`).
    std::vector<std::string> logs;
    std::uint64_t count = 0; ///< lines of this rule and subject
    std::optional<timestamp> first, last;
    std::vector<code_meaning> codes;
    std::string cause;
    std::vector<std::string> fix; ///< steps: PAN-OS GUI paths and CLI commands
    std::vector<reference> references;
    std::vector<evidence_line> evidence; ///< the first lines that show it, and the latest
    std::vector<tally> top; ///< the commonest values of the fields the rule tallies, per field
};

/// A rule that was checked, against which logs, with how many hits: "checked, clean" is
/// visible in a report.
struct rule_check {
    std::string rule;
    std::vector<std::string> logs;
    std::uint64_t hits = 0;
    friend bool operator==(const rule_check&, const rule_check&) = default;
};

/// Whether a finding counts as a failure for the exit status (contract.md section 2).
bool raises_status(const finding& f);

} // namespace ikediff::model
