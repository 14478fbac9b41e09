#pragma once
// The PAN-OS traffic log (Monitor > Logs > Traffic; mp-logs.md section 1.6) as records for
// the rule packs (contract.md section 7: sessions ended `decrypt-cert-validation`,
// `decrypt-unsupport-param`, `decrypt-error`).
//
// The layouts of every PAN-OS CSV log (parser/panos/csv.hpp):
// - the GUI's CSV export, whose first row names the columns (`Receive Time`, `Type`,
//   `Threat/Content Type`, `Source address`, `Destination address`, `Rule`, `Source User`,
//   `Application`, `Virtual System`, `Destination Port`, `IP Protocol`, `Action`,
//   `Session End Reason`, ...), compared without case and blanks; used once seen;
// - raw CSV rows, and the same rows behind a syslog header
//   (`<14>Jul 13 20:39:44 host 1,2017/07/13 20:39:44,0009C101317,TRAFFIC,end,...`), read by
//   position in the PAN-OS 9.1+ field order (0-based): 0 FUTURE_USE, 1 Receive Time,
//   2 Serial Number, 3 Type, 4 Threat/Content Type (the subtype: `end`, `start`, `drop`,
//   `deny`), 5 FUTURE_USE, 6 Generated Time, 7 Source Address, 8 Destination Address,
//   9-10 NAT addresses, 11 Rule Name, 12 Source User, 13 Destination User, 14 Application,
//   15 Virtual System, 16-17 zones, 18-19 interfaces, 20 Log Action, 21 FUTURE_USE,
//   22 Session ID, 23 Repeat Count, 24 Source Port, 25 Destination Port, 26-27 NAT ports,
//   28 Flags, 29 Protocol, 30 Action, 31-34 bytes and packets, 35 Start Time, 36 Elapsed
//   Time, 37 Category, 38 FUTURE_USE, 39 Sequence Number, 40 Action Flags, 41-42 source and
//   destination location, 43 FUTURE_USE, 44 Packets Sent, 45 Packets Received, 46 Session
//   End Reason, 47- Device Group Hierarchy, ...
//
// Each row of type TRAFFIC becomes one `model::log_event` whose payload is a
// `model::record_event` (`log` = `traffic-log`) with the fields the row carries (not
// empty): `subtype`, `session_end_reason`, `source_address`, `destination_address`,
// `destination_port`, `application`, `rule`, `source_user`, `protocol`, `action`, `vsys`;
// `time` from the Generated Time (`2017/07/13 20:39:44`, no zone: the firewall's local
// time; the Receive Time when the export has no Generated Time); `level` empty; `text`
// `10.1.1.20 -> 192.0.2.80:443 ssl decrypt-cert-validation` (source -> destination:port,
// application, session end reason; an IPv6 destination in brackets); `key.kind`
// `correlation::by::none`; `where`: {input, physical line, 1}.
// Rows of other types (THREAT, SYSTEM, ...) and other lines are noise. A TRAFFIC row too
// short to hold the session end reason (47 fields by position; by name, every column read)
// or whose time cannot be read is malformed: counted, with a `log-malformed` diagnostic at
// `file:line:col`.

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

/// Whether `line` is PAN-OS traffic log: a CSV record (raw or syslog-forwarded) of type
/// `TRAFFIC`, or the GUI export's header row (it names the source and destination address
/// columns). A BOM and a trailing CR are ignored.
bool looks_like_traffic_log(std::string_view line);

/// Feeds physical lines of a traffic log, with the interface of `line_feeder`.
class traffic_log_feeder {
public:
    traffic_log_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink);

    /// One physical line without its line end (parser/io/line_pump.hpp).
    void feed(std::string_view physical_line);
    /// Counts a line that was too long to keep as one line of noise.
    void feed_oversized();

    /// Columns of the fields a record is made of; empty when the layout lacks one.
    struct columns {
        std::optional<std::size_t> type;
        std::optional<std::size_t> subtype;
        std::optional<std::size_t> generated_time;
        std::optional<std::size_t> receive_time;
        std::optional<std::size_t> source_address;
        std::optional<std::size_t> destination_address;
        std::optional<std::size_t> rule;
        std::optional<std::size_t> source_user;
        std::optional<std::size_t> application;
        std::optional<std::size_t> vsys;
        std::optional<std::size_t> destination_port;
        std::optional<std::size_t> protocol;
        std::optional<std::size_t> action;
        std::optional<std::size_t> session_end_reason;
    };

private:
    /// Which column layout a row is read with.
    enum class layout : std::uint8_t { positional, header };

    void read_row(std::size_t payload_offset, layout how);

    std::uint32_t m_input;
    input_stats& m_stats;
    event_sink m_sink;
    std::optional<columns> m_header; ///< from the last header row seen
    std::string_view m_line;         ///< the physical line being read (valid during `feed`)
    std::vector<csv_field> m_fields; ///< the row being read (kept to reuse its storage)
};

} // namespace ikediff::parser
