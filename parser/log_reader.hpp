#pragma once
// Streams one input (a file or standard input) through the line facade (or, for a PAN-OS
// system log, parser/system_log.hpp), in fixed-size chunks, so memory does not grow with
// the input. Handles a UTF-8 BOM, CRLF, lines glued together, and lines too long to be log
// lines (skipped and counted).

#include "model/diagnostic.hpp"
#include "model/event.hpp"
#include "parser/io/byte_source.hpp"
#include "parser/ikemgr/line_scanner.hpp"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace ikediff::parser {

/// What was read from one input (contract.md section 4, `inputs`).
struct input_stats {
    std::string name;
    std::string format = "ikemgr";
    std::string compression; ///< `gzip`, or empty for a plain input
    std::uint64_t physical_lines = 0; ///< newline-separated lines in the input
    std::uint64_t lines = 0;          ///< log lines, after splitting glued ones
    std::uint64_t recognized = 0;
    std::uint64_t unrecognized = 0; ///< noise: not an IKE line we interpret
    std::uint64_t malformed = 0;    ///< an IKE line we could not read
    std::uint64_t oversized = 0;    ///< lines longer than `k_max_line` (counted as noise)
    /// One diagnostic per malformed line, the first `k_max_diagnostics` of them.
    std::vector<model::diagnostic> problems;
};

inline constexpr std::size_t k_max_line = 1 << 20;
inline constexpr std::size_t k_max_diagnostics = 100;

using event_sink = std::function<void(model::log_event&&)>;

/// Feeds physical lines to the scanner; `finish()` after the last one.
class line_feeder {
public:
    line_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink);

    /// One physical line without its newline (a trailing CR is removed here).
    void feed(std::string_view line);
    /// Counts a line that was too long to keep as one line of noise.
    void feed_oversized();

private:
    void scan_segment(std::string_view segment, std::uint32_t column, scan_result (*scan)(std::string_view));

    std::uint32_t m_input;
    input_stats& m_stats;
    event_sink m_sink;
};

/// Reads `source` to its end, decompressing it when it is gzip (detected from its content).
/// Returns false (with `error` set) on a read error or a truncated or corrupt gzip stream;
/// what was read before it is kept and counted.
///
/// The format is detected from the content: when one of the first 20 non-empty lines of the
/// first chunk is PAN-OS system log (`looks_like_system_log`, or any PAN-OS CSV log record:
/// parser/system_log.hpp), the input is read by `system_log_feeder` and `stats.format` is
/// `system-log`; otherwise by `line_feeder`, with `stats.format` `ikemgr`. Only that first
/// chunk is looked at, so reading stays streaming. A tar archive here (an archive inside an
/// archive) is refused with `stats.format` `tar`: archives are read by
/// parser/archive_reader.hpp, whose members come back here.
bool read_log(byte_source& source, std::uint32_t input_index, input_stats& stats,
              const event_sink& sink, std::string& error);

/// Whether the first lines of an input (`head`: its first chunk, decompressed) are a PAN-OS
/// system log (CSV export, raw CSV or syslog-forwarded) rather than an ikemgr log: the test
/// `read_log` makes.
bool is_system_log_head(std::string_view head);

/// `read_log` on an open file (not closed here).
bool read_log(std::FILE* file, std::uint32_t input_index, input_stats& stats,
              const event_sink& sink, std::string& error);

} // namespace ikediff::parser
