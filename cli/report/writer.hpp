#pragma once
// Report renderers: each writes the whole report to a stream.

#include "cli/report/report.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace ikediff::cli {

enum class colors : std::uint8_t { off, on };

/// Writes a report in one format to one stream: `begin` before the first input is read,
/// then negotiations one at a time, as they become final (while inputs are still being
/// read), then `finish` (on the stream `begin` had), when every input was read and the
/// totals are known. A format that lays its report out by status spools what waits
/// (cli/spool.hpp); the JSON report streams.
class report_writer {
public:
    virtual ~report_writer() = default;
    virtual void begin(std::ostream& /*out*/, const report& /*r*/) {}
    virtual void negotiation(const report& r, const diff::negotiation_report& nr) = 0;
    virtual void finish(std::ostream& out, const report& r) = 0;
};

/// The terminal report: failures and deviations first, a table per negotiation
/// (parameter | expected | PAN-OS | peer | fix), the fix in words, and the evidence lines.
std::unique_ptr<report_writer> text_writer(colors c);

/// `text` made safe for a terminal: a log line (or a file name) can hold escape sequences
/// that would retitle, recolour or clear the reader's terminal. C0 controls, DEL and the C1
/// controls (U+0080..U+009F, which some terminals obey too) are shown as `\xNN` and
/// `\u00NN` (`\t` for a tab); everything else, invalid UTF-8 included, is left as it is.
std::string terminal_safe(std::string_view text);

/// The JSON report of contract.md section 4 (`schema: ikediff/1`).
std::unique_ptr<report_writer> json_writer();

/// The Markdown report: a summary table per tunnel, a checklist of the sheet's parameters,
/// fixes as PAN-OS commands, the guide's next steps, evidence (for tickets and handovers).
std::unique_ptr<report_writer> markdown_writer();

} // namespace ikediff::cli
