#pragma once
// The system log as the PAN-OS CLI prints it (`show log system`), what engineers paste into
// tickets and what KB articles quote (docs/log-formats.md section 6, mp-logs.md section 1.5):
//
//     Time                Severity Subtype Object EventID ID Description
//     ===============================================================================
//     2019/03/06 18:24:04 low      vpn     seapa- ikev2-n 0  IKEv2 IKE SA is down determined by
//     DPD. 2023/08/08 16:07:21 high tls tls-X50 0 MLAV Server certificate validation failed. Dest
//     Addr: ml.service.paloaltonetworks.com, Reason: unable to get local issuer certificate
//     2020/07/24 20:59:32 high general general 0 MLAV: Authentication or Client Certificate
//     failure.
//
// A row: the time `YYYY/MM/DD hh:mm:ss` (no zone: the firewall's local time), the severity
// (critical, high, medium, low, informational, or the first three letters or more of one: the
// column is cut to its width, `info`), the subtype, then the Object (empty for
// most entries that are not vpn: copies collapse its blanks, so it is then missing), the
// Event ID (both cut to the table's width: `seapa-`, `ikev2-n`), the numeric ID column,
// and the description, to the end of the line. So after the subtype:
// - `X N description` (N digits): event id X, no object (`tls tls-X50 0 MLAV ...`);
// - `O X N description`: object O, event id X (`vpn seapa- ikev2-n 0 IKEv2 ...`);
// - otherwise, `X O description` (the order mp-logs.md section 1.5 inferred).
// Copies glue rows to other text: `...次のメッセージが表示されます。2023/08/08 16:07:21 high tls
// ...`. A row is found anywhere in a line, by its time followed by a severity word; a second
// row glued behind it ends its description, but other text that follows the description on
// the same line (`解決:...` in a KB article) cannot be told from it and stays in it.

#include "model/event.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace ikediff::parser {

/// One `show log system` row, its text views into the line.
struct cli_row {
    model::timestamp time;
    std::string_view severity;
    std::string_view subtype;
    std::string_view object; ///< empty when the row has none
    std::string_view event_id;
    std::string_view description; ///< without trailing blanks
};

/// Where the first row starts in `line` (0-based): `YYYY/MM/DD hh:mm:ss ` and a severity
/// word (or its cut start, three letters or more) then a blank, anywhere in the line, not
/// right after a digit.
std::optional<std::size_t> cli_row_offset(std::string_view line);

/// Whether `line` holds a row at its start (after blanks), is the table's header
/// (`Time Severity Subtype ... Description`), or opens a detail view's entry
/// (`detail_event_id`): a system log as the CLI or the GUI prints it.
bool looks_like_cli_system_log(std::string_view line);

/// The GUI's log detail view copied as text opens an entry with `Event: <event id>` on a
/// line of its own, the description on the lines after it, up to a blank line:
///
///     Event: ikev2-nego-ike-start
///     IKEv2 IKE SA negotiation is started as responder, non-rekey. Initiated SA:
///     10.0.0.2[500]-10.0.0.1[500] SPI:07f21c0fd2236540:ac9d9ee491cd49d9.
///
/// (a PA-VM lab report quoting Monitor > System, fixtures/cli-log-detail/NOTES.md). The
/// event id of such a line (lower-case letters, digits and dashes, at least one dash), or
/// none. A BOM, a trailing CR and surrounding blanks are ignored.
std::optional<std::string_view> detail_event_id(std::string_view line);

/// The row `text` opens with (`cli_row_offset` found it at 0), or none when its time cannot
/// be read (`2023/13/45 ...`) or nothing follows the subtype.
std::optional<cli_row> read_cli(std::string_view text);

} // namespace ikediff::parser
