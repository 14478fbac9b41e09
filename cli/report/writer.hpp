#pragma once
// Report writers: the interface every report format implements, and the registry of formats
// that `--format` names (cli/report/formats.cpp).

#include "cli/report/report.hpp"
#include "model/config_check.hpp"
#include "model/finding.hpp"

#include <memory>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ikediff::cli {

enum class colors : std::uint8_t { off, on };

/// Writes a report in one format to one stream: `begin` before the first input is read,
/// then negotiations, findings and configuration checks one at a time, as they become final
/// (while inputs are still being read), then `finish` (on the stream `begin` had), when
/// every input was read and the totals are known. A format that lays its report out by
/// status spools what waits (cli/report/spool.hpp); the JSON report streams. Items reach it
/// through `hand_over`, which counts each into the report first.
class report_writer {
public:
    virtual ~report_writer() = default;
    virtual void begin(std::ostream& /*out*/, const report& /*r*/) {}
    virtual void negotiation(const report& r, const diff::negotiation_report& nr) = 0;
    /// A finding of a rule pack (contract.md section 7).
    virtual void finding(const report& r, const model::finding& f) = 0;
    /// Every finding an analysis is about to hand over, before the first of them: what a
    /// writer that must know them all ahead (redaction) looks at.
    virtual void findings_ahead(const std::vector<model::finding>& /*all*/) {}
    /// A check of a sheet tunnel against the firewall's configuration (contract.md section 9).
    virtual void config_check(const report& r, const model::config_check& c) = 0;
    virtual void finish(std::ostream& out, const report& r) = 0;
};

/// How every item reaches a writer: counted into `r` first (the totals, `has_findings()` and
/// the exit status that every writer reads), then handed over. A new kind of analysis hands
/// what it produces to the writer through these.
inline void hand_over(report& r, report_writer& w, const diff::negotiation_report& nr) {
    r.count(nr);
    w.negotiation(r, nr);
}
inline void hand_over(report& r, report_writer& w, const model::finding& f) {
    r.count(f);
    w.finding(r, f);
}
inline void hand_over(report& r, report_writer& w, const model::config_check& c) {
    r.count(c);
    w.config_check(r, c);
}

/// What the command line says of a report beyond its format.
struct writer_settings {
    colors color = colors::off; ///< decided for the destination (cli/run.cpp: --color, NO_COLOR, a terminal)
};

/// A report format `--format` can name.
struct report_format {
    std::string_view description; ///< one line, for `--help`
    /// Whether the report is written while inputs are read (its head before the first): once
    /// begun on standard output it cannot be taken back, so an input that fails later ends it
    /// as a whole document saying why, rather than leaving no report.
    bool streams = false;
    std::unique_ptr<report_writer> (*make)(const writer_settings&) = nullptr;
};

/// The registry: every report format by its `--format` name, in the order `--help` lists
/// them, the default (`text`) first. A new format is its writer's file and one line in
/// cli/report/formats.cpp.
extern const std::span<const std::pair<std::string_view, report_format>> k_report_formats;
/// The format named `name`; null when there is none.
const report_format* find_report_format(std::string_view name);
/// The formats' names as a sentence: `text, json or markdown`.
std::string report_format_names();

/// The terminal report: failures and deviations first, a table per negotiation
/// (parameter | expected | PAN-OS | peer | fix), the fix in words, and the evidence lines;
/// then the findings, worst first, and the configuration checks.
std::unique_ptr<report_writer> text_writer(colors c);

/// `text` made safe for a terminal: a log line (or a file name) can hold escape sequences
/// that would retitle, recolour or clear the reader's terminal. C0 controls, DEL and the C1
/// controls (U+0080..U+009F, which some terminals obey too) are shown as `\xNN` and
/// `\u00NN` (`\t` for a tab); everything else, invalid UTF-8 included, is left as it is.
std::string terminal_safe(std::string_view text);

/// The JSON report of contract.md sections 4, 7 and 9 (`schema: ikediff/1`).
std::unique_ptr<report_writer> json_writer();

/// The Markdown report: a summary table per tunnel, a checklist of the sheet's parameters,
/// fixes as PAN-OS commands, the guide's next steps, evidence, findings and configuration
/// checks (for tickets and handovers).
std::unique_ptr<report_writer> markdown_writer();

} // namespace ikediff::cli
