#pragma once
// The PAN-OS system log (Monitor > Logs > System; docs/log-formats.md section 5) as events.
//
// Four layouts reach users. Three are CSV (parser/panos/csv.hpp: a field holding commas or
// quotes is quoted, `""` inside quotes is one `"`):
// - the GUI's CSV export, whose first row names the columns
//   (`Domain,Receive Time,Serial #,Type,Threat/Content Type,...,Event ID,Object,...`);
//   the names are used when such a row was seen;
// - raw CSV rows without a header, in the syslog field order
//   (`1,2019/10/06 15:46:26,009732949126,SYSTEM,vpn,0,2019/10/19 15:39:29,,ike-...`);
// - syslog-forwarded lines: the same row behind a syslog header
//   (`<14>Nov  9 19:53:08 fw-2.example.com 1,2019/10/06 15:46:26,...`, with or without the
//   `<PRI>`, RFC 5424 headers too): the row starts at `N,YYYY/MM/DD hh:mm:ss,` (N: the
//   FUTURE_USE field, digits or empty) at the line's start or after a blank.
// After a header row, lines are read by its names unless they open with a syslog `<PRI>`.
// Without a header row, fields are read by position: 0 FUTURE_USE, 1 Receive Time,
// 2 Serial Number, 3 Type, 4 Subtype, 5 FUTURE_USE, 6 Generated Time, 7 Virtual System,
// 8 Event ID, 9 Object, 10-11 FUTURE_USE, 12 Module, 13 Severity, 14 Description,
// 15 Sequence Number, 16 Action Flags, 17-20 Device Group Hierarchy, 21 Virtual System
// Name, 22 Device Name, 23-24 FUTURE_USE, 25 High Resolution Timestamp (PAN-OS 10.x+).
// The fourth is the CLI's `show log system` table, as tickets and KB articles quote it
// (`2023/08/08 16:07:21 high tls tls-X50 0 MLAV Server certificate validation failed. ...`;
// parser/system_log/cli_row.hpp), read where no CSV record or header row was seen, its row
// found anywhere in a line; once the table's header line was seen (a table pasted whole,
// not rows quoted in an article's text), a line after a row that is no row, header,
// prompt, record or blank line continues its description (a web page's wrap: `... is down
// determined by` / `DPD. 2023/08/08 16:07:21 high tls ...`: the text before a glued row
// too), counted recognised. The GUI's detail view copied as text (`Event: <event id>` on a
// line of its own, the description on the lines after it up to a blank line, a line
// without a letter or digit (a Markdown fence), another `Event:` line or a row;
// `detail_event_id`) is read there too: its lines joined by one
// blank, the entry without a time (`log_event::has_time` false), its subtype told by its
// event id, and every line of it counted recognised.
//
// Every row of type SYSTEM becomes an event; rows of other types and other lines are noise
// (counted, skipped). A SYSTEM row that is too short or whose time cannot be read is
// malformed: counted, with a `log-malformed` diagnostic at `file:line:col`, as
// `line_feeder` does.
//
// A row of another subtype than vpn (general, tls, userid, ha, ...; without a subtype
// column, an event id that does not start with `ike`) is a `model::record_event` for the
// rule packs: `log` = `system-log`, the fields it carries (not empty) among `subtype`,
// `event_id`, `object`, `module`, `severity`, `description`; `text` the description,
// `level` the severity, `time` as below, `key.kind` `correlation::by::none`, not a summary;
// `where` {input, physical line, column where the row starts (1 but for a glued CLI row)}.
//
// Each vpn row becomes one IKE `model::log_event`:
// - `time`: the High Resolution Timestamp when present (ISO 8601 with its UTC offset), else
//   the Generated Time `2019/10/19 15:39:29` (no zone: the firewall's local time);
// - `level`: the severity (`informational`, `medium`, `high`, ...);
// - `gateway`: the Object column, or the `[GW]:` a description may open with;
// - `code`: `find_phrase(description)` (parser/panos/phrases.hpp), moved to its phase 2 twin for
//   a phase 2 event (`Due to timeout` -> `phase2_time_up`, `no suitable proposal found in
//   peer's SA payload` -> `no_suitable_policy`); failing that, the event id
//   (`system_event_code`);
// - `text`: the description; `what`: a `model::system_event` with what the description
//   carries (role, exchange, cookies, SPI, proxy IDs, a `my:`/`peer:` mismatch);
// - `local`/`peer`: from `Failed SA: 200.100.5.1[500]-200.100.1.254[500]` (also
//   `Initiated SA:`, `Established SA:`; local first), `peer IP 200.100.1.254[500]`, and
//   `from IP 198.51.100.7[500] to 200.100.5.1[500]` (peer, then local);
// - `where`: {input, physical line, 1} (a CLI row: the column where it starts).

#include "model/event.hpp"
#include "parser/log_format.hpp"
#include "parser/panos/csv.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::parser {

/// Whether `line` is PAN-OS system log: the GUI export's header row (columns named like
/// `Event ID` and `Description`), a raw CSV row whose 4th field is `SYSTEM`, such a row
/// behind a syslog header, or the CLI table's header or a row at its start
/// (`looks_like_cli_system_log`). A BOM and a trailing CR are ignored.
bool looks_like_system_log(std::string_view line);

/// Whether `line` is a PAN-OS CSV log record of any type (`TRAFFIC`, `THREAT`, `SYSTEM`,
/// `CONFIG`, ...), raw or syslog-forwarded, or a system log header row: such an input is
/// read by `system_log_feeder` (only its SYSTEM/vpn rows matter) even when its first lines
/// are traffic logs.
bool looks_like_pan_log(std::string_view line);

/// The code a system log event id stands for when its description names no known phrase:
/// `ike-nego-p1-start` -> `phase1_started`, `ike-nego-p1-fail*` -> `phase1_failed`
/// (`ike-nego-p1-fail-psk` -> `psk_mismatch_likely`), `ike-nego-p2-fail*` ->
/// `phase2_failed`, `ikev2-nego-ike-start` -> `ikev2_started`, ...; none for an event id
/// that says nothing by itself (`ike-generic-event`).
std::optional<model::event_code> system_event_code(std::string_view event_id);

/// Feeds physical lines of a system log, with the interface of `line_feeder`.
class system_log_feeder {
public:
    system_log_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink);

    /// One physical line without its line end (as the line pump cuts it:
    /// parser/io/line_pump.hpp).
    void feed(std::string_view physical_line);
    /// Counts a line that was too long to keep as one line of noise.
    void feed_oversized();
    /// Hands on the detail view's entry still open at the end of the input.
    void finish();

    /// Columns of the fields an event is made of; empty when the layout lacks one.
    struct columns {
        std::optional<std::size_t> type;
        std::optional<std::size_t> subtype;
        std::optional<std::size_t> generated_time;
        std::optional<std::size_t> receive_time;
        std::optional<std::size_t> high_res_time;
        std::optional<std::size_t> event_id;
        std::optional<std::size_t> object;
        std::optional<std::size_t> module;
        std::optional<std::size_t> severity;
        std::optional<std::size_t> description;
    };

private:
    /// Which column layout a row is read with.
    enum class layout : std::uint8_t { positional, header };

    /// What one entry says, whatever its layout (views into the line being read).
    struct entry {
        std::optional<std::string_view> subtype; ///< none: the layout has no subtype column
        std::string_view event_id;
        std::string_view object;
        std::string_view module;
        std::string_view severity;
        std::string_view description;
    };

    /// An entry whose description may go on on the next lines, its texts kept: a detail
    /// view's (`detail_event_id`), or a CLI row's (a description wrapped by a web page or a
    /// mail client), and where it starts.
    struct open_entry {
        std::optional<std::string> subtype;
        std::string event_id;
        std::string object;
        std::string severity;
        std::string description;
        std::optional<model::timestamp> time; ///< none: a detail view's
        std::uint64_t line = 0;
        std::size_t column = 1;
        bool detail = false; ///< a detail view's, else a CLI row's
    };

    void read_row(std::size_t payload_offset, layout how);
    /// Takes `line` into the open entry, when it continues its description (counted here);
    /// false when the line is read as usual (a blank line, a line without a letter or digit,
    /// a prompt, a header, a new entry or a record closes it; the text before a CLI row glued
    /// into the line is the open row's, the row is read as usual).
    bool continue_entry(std::string_view line);
    /// Hands the open entry on as an event, if there is one.
    void close_entry();
    /// The CLI row that starts at `start` in the line being read and ends at `end` (the line's
    /// end, or the next row glued behind it; parser/system_log/cli_row.hpp).
    void read_cli_row(std::size_t start, std::size_t end);
    /// Hands the event an entry makes to the sink: an IKE event for a vpn entry, a record
    /// for any other; `column` (1-based) is where the entry starts in the line.
    /// `time` none: the entry gives no time (a detail view's); `line`: the line's number, when
    /// not the line being read.
    void emit(const entry& e, const std::optional<model::timestamp>& time, std::size_t column,
              std::optional<std::uint64_t> line = std::nullopt);
    void malformed(std::size_t column, std::string message);

    std::uint32_t m_input;
    input_stats& m_stats;
    event_sink m_sink;
    std::optional<columns> m_header; ///< from the last header row seen
    std::string_view m_line;         ///< the physical line being read (valid during `feed`)
    std::vector<csv_field> m_fields; ///< the row being read (kept to reuse its storage)
    /// The entry whose description may go on (`open_entry`).
    std::optional<open_entry> m_open;
    /// Whether the CLI table's header line was seen: only then does a row's description go
    /// on on the next lines.
    bool m_table_header = false;
};

} // namespace ikediff::parser
