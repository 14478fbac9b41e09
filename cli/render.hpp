#pragma once
// Report renderers: each writes the whole report to a stream.

#include "cli/report.hpp"

#include <ostream>

namespace ikediff::cli {

enum class colors : std::uint8_t { off, on };

/// The terminal report: failures and deviations first, a table per negotiation
/// (parameter | expected | PAN-OS | peer | fix), the fix in words, and the evidence lines.
void render_text(std::ostream& out, const report& r, colors c);

/// The JSON report of contract.md section 4 (`schema: ikediff/1`).
void render_json(std::ostream& out, const report& r);

} // namespace ikediff::cli
