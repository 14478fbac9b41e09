#pragma once
// The command line (contract.md section 1).

#include "cli/report/writer.hpp" // k_report_formats: the `--format` names
#include "diff/ike/compare.hpp"
#include "model/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::cli {

enum class color_mode : std::uint8_t { automatic, always, never };

struct options {
    std::vector<std::string> inputs;
    std::optional<std::string> expect;
    std::string format = "text"; ///< a name in k_report_formats (cli/report/writer.hpp)
    std::optional<std::string> output;
    diff::filter filter;
    color_mode color = color_mode::automatic;
    bool help = false;
    bool version = false;
    std::optional<std::string> emit_sheet; ///< --emit-sheet FILE (cli/emit_sheet.hpp)
    std::optional<std::string> rules; ///< --rules DIR: rule packs beside the built-in ones
    bool redact = false; ///< pseudonyms for addresses, names, cookies, SPIs (cli/report/redact.hpp)
};

/// Parses argv; a usage error comes back as a diagnostic (exit status 2).
model::result<options> parse_options(int argc, const char* const* argv);

/// `--help` text, with a worked example.
std::string help_text();

/// Reads a `--since`/`--until` time: `2021-07-06`, `2021-07-06 18:35`, `2021-07-06T18:35:17`,
/// optionally followed by `Z`, `+09:00` or `+0900`. Without a zone the bound is compared
/// with the log's own wall-clock time.
std::optional<diff::filter::bound> parse_time_bound(const std::string& text, bool end_of_day);

} // namespace ikediff::cli
