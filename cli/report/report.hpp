#pragma once
// What a writer needs besides each negotiation's report, finding and configuration check:
// what was read, the sheet, and the running totals. Those items reach the writers one at a
// time (cli/report/writer.hpp), as they become final; this holds only what is counted, so
// memory does not grow with them.

#include "diff/ike/compare.hpp"
#include "model/config_check.hpp"
#include "model/diagnostic.hpp"
#include "model/finding.hpp"
#include "model/sheet.hpp"
#include "parser/log_reader.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ikediff::cli {

struct report {
    std::vector<parser::input_stats> inputs;
    const model::sheet* sheet = nullptr; ///< null without --expect
    std::vector<std::size_t> tunnels_not_seen; ///< sheet tunnels no negotiation matched
    std::size_t filtered_out = 0;              ///< negotiations the filter left out
    /// The error that stopped reading after the report had begun where it cannot be taken
    /// back (a JSON report on standard output): the report holds what was read before it,
    /// and the exit status is 2.
    std::optional<model::diagnostic> stopped;
    /// Every rule a findings analysis checked, with its hits (JSON `checks`, contract.md
    /// section 7: "checked, clean" is visible); one per rule, known at the end.
    std::vector<model::rule_check> rule_checks;

    struct totals {
        std::size_t negotiations = 0, established = 0, failed = 0, unknown = 0;
        std::size_t mismatches = 0; ///< every difference listed
        std::size_t deviations = 0; ///< those that need a change: all but side `neither`
        /// Negotiations with lines not understood (model::negotiation::not_understood): not
        /// confirmed against the sheet.
        std::size_t not_understood = 0;
        std::map<std::string, std::size_t> failures; ///< by class name
        std::size_t findings = 0; ///< every finding, observed or explained
        /// Observed findings by severity (indexed by model::finding_severity, worst first).
        std::array<std::size_t, 5> observed{};
        std::size_t raising_findings = 0; ///< those that raise the exit status (model::raises_status)
        std::size_t config_checks = 0;
        std::size_t config_deviations = 0; ///< checks not ok
    };
    /// Counts a negotiation's report into the totals.
    void count(const diff::negotiation_report& nr);
    /// Counts a finding into the totals.
    void count(const model::finding& f);
    /// Counts a configuration check into the totals.
    void count(const model::config_check& c);
    /// Whether the report has a findings part: a finding, or a rule checked.
    bool has_findings() const { return m_totals.findings > 0 || !rule_checks.empty(); }
    /// Whether an input that may tell of IKE negotiations was read (anything but the logs
    /// only rule packs read, the management-plane and traffic logs, and the configuration):
    /// without one, "no negotiation" says nothing worth a hint.
    bool read_ike_log() const {
        for (const auto& in : inputs) {
            if (in.format != "mp-log" && in.format != "traffic-log" && in.format != "panos-config") {
                return true;
            }
        }
        return inputs.empty();
    }
    const totals& summary() const { return m_totals; }

    /// The negotiation's kept line at `where` (every evidence position is one).
    static const model::evidence_line& line_at(const model::negotiation& n, const model::source_line& where);
    /// contract.md section 2: 2 when reading stopped; 1 for a failed negotiation, a deviation,
    /// a sheet tunnel not seen, an observed finding of severity medium or worse, or a
    /// configuration check that is not ok; else 0.
    int exit_status() const;

private:
    totals m_totals;
};

/// How a negotiation stands, worst first: reports list them in this order.
enum class status : std::uint8_t { failed, deviates, unknown, ok };
status status_of(const diff::negotiation_report& r);

/// `200.100.5.1[500]`, the address alone when the port was not logged, `?` when unknown.
std::string endpoint_text(const std::optional<model::endpoint>& e);
/// `ikemgr.log:14` (`:col` when a glued line starts inside a physical one).
std::string location_text(const report& r, const model::source_line& where);
/// `2 lines (ikemgr.log:3, ikemgr.log:4) could not be read: what they say is not compared
/// with the sheet`, for a negotiation with lines not understood.
std::string not_understood_text(const report& r, const model::negotiation& n);
/// `IKEv1 phase 1, main mode, PAN-OS is responder, started 2021-07-06T18:35:17.861+09:00`
std::string describe(const model::negotiation& n);

/// A parameter's value in a report: `sha256`, `28800 (8h)` for a lifetime; `-` when not known.
std::string show(const std::optional<model::value>& v, std::string_view attribute);
/// Acceptable values: `sha512`, `sha512 or sha384`; `-` when the sheet is silent.
std::string show(const std::vector<model::value>& values, std::string_view attribute);
/// Who to change, in a table cell: `PAN-OS`, `peer`, `both`, `either`, `?`.
std::string_view fix_cell(diff::side s);
/// What to change, in words: "change the firewall's IKE crypto profile hash from sha256 to sha512".
std::string fix_sentence(const diff::mismatch& m, const model::tunnel_expectation* tunnel);

} // namespace ikediff::cli
