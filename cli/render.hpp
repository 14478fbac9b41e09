#pragma once
// Report renderers: each writes the whole report to a stream.

#include "cli/report.hpp"

#include <ostream>
#include <string>
#include <string_view>

namespace ikediff::cli {

enum class colors : std::uint8_t { off, on };

/// The terminal report: failures and deviations first, a table per negotiation
/// (parameter | expected | PAN-OS | peer | fix), the fix in words, and the evidence lines.
void render_text(std::ostream& out, const report& r, colors c);

/// `text` made safe for a terminal: a log line (or a file name) can hold escape sequences
/// that would retitle, recolour or clear the reader's terminal. C0 controls, DEL and the C1
/// controls (U+0080..U+009F, which some terminals obey too) are shown as `\xNN` and
/// `\u00NN` (`\t` for a tab); everything else, invalid UTF-8 included, is left as it is.
std::string terminal_safe(std::string_view text);

/// The JSON report of contract.md section 4 (`schema: ikediff/1`).
void render_json(std::ostream& out, const report& r);

} // namespace ikediff::cli
