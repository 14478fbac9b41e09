#pragma once
// The CSV records every PAN-OS log shares (system, traffic, threat, ...: docs/log-formats.md
// section 5, mp-logs.md section 1.6), read by the formats of those logs
// (parser/system_log/, parser/traffic_log/: neither includes the other's folder; both
// include this one):
// - fields: CSV, a field holding commas or quotes quoted, `""` inside quotes one `"`;
// - where a record starts: at the line's start (a raw row) or behind a syslog header
//   (`<14>Nov  9 19:53:08 fw-2.example.com 1,2019/10/06 15:46:26,...`, with or without the
//   `<PRI>`, RFC 5424 headers too): `N,YYYY/MM/DD hh:mm:ss,` (N: the FUTURE_USE field,
//   digits or empty) at the line's start or after a blank;
// - the Type field (field 3: `TRAFFIC`, `SYSTEM`, ...);
// - the GUI export's header row, whose column names are compared by `column_key`;
// - times: `2019/10/19 15:39:29` (Generated Time, Receive Time: no zone, the firewall's
//   local time) and `2021-07-06T18:35:17.869+09:00` (High Resolution Timestamp).

#include "model/event.hpp"
#include "model/text.hpp"
#include "parser/log_format.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ikediff::parser {

/// One CSV field: its text (quotes removed, `""` made `"`) and where it starts in the line
/// (0-based, at the opening quote when quoted).
struct csv_field {
    std::string text;
    std::size_t offset = 0;
};

/// Splits one CSV row into `fields` (cleared first). An unterminated quote runs to the end
/// of the line; text after a closing quote and before the next comma is kept.
void split_csv(std::string_view line, std::vector<csv_field>& fields);

namespace panos {

/// `text` without a BOM and a trailing CR.
std::string_view strip_line(std::string_view text);

/// Where a PAN-OS CSV record starts in `line`: 0 for a raw row, after the syslog header for
/// a forwarded one; none without a record's opening `N,YYYY/MM/DD hh:mm:ss,`.
std::optional<std::size_t> record_offset(std::string_view line);

/// `<14>`: a syslog priority opens the line.
bool starts_with_priority(std::string_view line);

/// The Type field of the PAN-OS record in `line` (trimmed, as logged), or empty when the
/// line holds no record.
std::string record_type(std::string_view line);

/// Whether `type` is a Type PAN-OS logs carry (`TRAFFIC`, `THREAT`, `SYSTEM`, `CONFIG`,
/// `HIPMATCH`, `GLOBALPROTECT`, `USERID`, `DECRYPTION`, `AUTH`, `TUNNEL`, `GTP`, `SCTP`,
/// `CORRELATION`, `IPTAG`), in any case.
bool is_log_type(std::string_view type);

/// A header name reduced to lower-case letters and digits: `Threat/Content Type` ->
/// `threatcontenttype`, `Serial #` -> `serial`, `Source address` -> `sourceaddress`.
std::string column_key(std::string_view name);

/// A header row's column name (its `column_key`) and the member of `Columns` it fills.
template <class Columns>
struct column_name {
    std::string_view key;
    std::optional<std::size_t> Columns::*slot;
};

/// The columns a header row (`fields`) names, by `names`: the first column of each key.
template <class Columns, std::size_t N>
Columns named_columns(const std::vector<csv_field>& fields,
                      const std::array<column_name<Columns>, N>& names) {
    Columns out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string key = column_key(fields[i].text);
        for (const column_name<Columns>& n : names) {
            if (key == n.key && !(out.*n.slot)) {
                out.*n.slot = i;
            }
        }
    }
    return out;
}

/// How a line of a PAN-OS CSV log is read (`route_line`).
enum class row_layout : std::uint8_t {
    none,       ///< counted: blank, the export's header row, noise, or read by `other`
    positional, ///< a record in the syslog field order, from `offset`
    header,     ///< a row of the export whose header row was seen
};
struct routed_row {
    row_layout how = row_layout::none;
    std::size_t offset = 0; ///< where the record starts in the line
};

/// The routing of lines every PAN-OS CSV log's feeder shares: counts `line` (physical and
/// log line), splits its row into `fields`, and says how to read it. A blank line is noise.
/// A record behind a syslog header is read by position, also after a header row when a
/// syslog `<PRI>` opens the line. Otherwise the line is a header row when `header_of(line,
/// fields)` gives its columns (kept in `header`; the line is noise), then a row of that
/// export once a header was seen, else a raw record read by position. A line that is none
/// of these is given to `other(line)` (which reads it, or says false: it is noise).
template <class Columns, class HeaderOf, class Other>
routed_row route_line(std::string_view line, input_stats& stats, std::optional<Columns>& header,
                      std::vector<csv_field>& fields, HeaderOf header_of, Other other) {
    ++stats.physical_lines;
    ++stats.lines;
    if (model::trim(line).empty()) {
        ++stats.unrecognized;
        return {};
    }
    const std::optional<std::size_t> offset = record_offset(line);
    if (offset && *offset > 0 && (!header || starts_with_priority(line))) {
        split_csv(line.substr(*offset), fields);
        return {row_layout::positional, *offset};
    }
    if (!offset && !header && other(line)) {
        return {};
    }
    split_csv(line, fields);
    if (std::optional<Columns> named = header_of(line, fields)) {
        header = std::move(named);
        ++stats.unrecognized;
        return {};
    }
    if (header || offset) {
        return {header ? row_layout::header : row_layout::positional, 0};
    }
    ++stats.unrecognized;
    return {};
}

/// Counts a line too long to keep as one line of noise.
void count_oversized(input_stats& stats);

/// `2019/10/19 15:39:29` (no zone) or `2021-07-06T18:35:17.869+09:00`; `Z`, `+hhmm` and a
/// fraction of any length are accepted; surrounding blanks are ignored.
std::optional<model::timestamp> parse_time(std::string_view s);

/// Reads `min_digits` to `max_digits` digits at `at` (advancing it) within [`low`, `high`].
bool read_number(std::string_view s, std::size_t& at, std::size_t min_digits,
                 std::size_t max_digits, unsigned low, unsigned high, unsigned& out);

/// How many non-empty lines of an input's first chunk detection looks at.
inline constexpr std::size_t k_detect_lines = 20;

/// The first `k_detect_lines` non-empty lines of `head` (an input's first chunk,
/// decompressed; a line of only a BOM is empty), as detection reads them.
std::vector<std::string_view> head_lines(std::string_view head);

/// Counts a malformed line of `stats` (the line being read: `stats.physical_lines`) and,
/// while fewer than `k_max_diagnostics` are kept, its `log-malformed` warning at `column`
/// (1-based): `<what> entry not understood: <message>` (`what`: `system log`, `traffic log`).
void malformed_entry(input_stats& stats, std::string_view what, std::size_t column,
                     std::string message);

/// Advances `at` over `c` when it is there.
bool skip(std::string_view s, std::size_t& at, char c);

} // namespace panos

} // namespace ikediff::parser
