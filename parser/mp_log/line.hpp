#pragma once
// The management-plane log line of PAN-OS (docs/mp-logs.md section 1.1): what `ms.log`,
// `configd.log`, `devsrv.log` (`devsrvr.log`), `useridd.log` (`user-id.log`) and their
// siblings write, one entry a line:
//
//     2023-08-28 13:36:24.606 -0400 Error: verify_cb(pan_ssl_curl_utils.c:652): Failed to validate ...
//     Error: pan_user_id_krb5_init_ticket(pan_user_id_win.c:2062): failed to get krb5 tgt ticket ...
//     2020-08-12 15:37:02.203 +0800 mlav force_reconnect is true
//
//     line      := [ timestamp blanks ] [ level ":" blanks ] [ function "(" file ":" N "):" blanks ] message
//     timestamp := YYYY-MM-DD hh:mm:ss[.mmm] [(+|-)hhmm]
//
// The timestamp, the level and the location are each optional (the KB articles quote lines
// without timestamps; a line without a level and location was seen). A Spirit X3 grammar
// reads it (line.cpp). Copies in KB articles glue entries together on one line
// (`... metadata query 2023-08-28 13:36:23.882 -0400 Error: ...`, `... -1765328228. Error:
// pan_user_id_...`): `split_entries` cuts them apart.

#include "model/time.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace ikediff::parser::mp_log {

/// One entry, its parts as views into the line.
struct entry {
    std::optional<model::timestamp> time;
    std::string_view level;    ///< `Error`; empty when the line has none
    std::string_view function; ///< `verify_cb`; empty when the line names no location
    std::string_view source;   ///< `pan_ssl_curl_utils.c:652`
    std::string_view message;  ///< the rest, trailing blanks removed
    /// Whether the line has the layout at all: a timestamp, or a level with a location.
    bool laid_out() const { return time.has_value() || (!level.empty() && !function.empty()); }
};

/// Reads one entry (never fails: a line without any layout is all message).
entry read_entry(std::string_view line);

/// One entry of a physical line, and the 0-based column it starts at.
struct piece {
    std::size_t column = 0;
    std::string_view text;
};

/// The entries glued together on one physical line: a new one starts, after a blank or a
/// non-ASCII byte, where a timestamp starts, or a level with its location (`Error:
/// name(file.c:N):`) that no timestamp opens. A line holding one entry gives one piece.
void split_entries(std::string_view line, std::vector<piece>& into);

/// Whether `text` opens with an entry's level and location (`Error: verify_cb(x.c:1):`),
/// the mark of the management-plane layout.
bool opens_with_location(std::string_view text);

/// The log family a file of this base name is (rotations and `.gz` allowed): `ms.log`,
/// `configd.log`, `devsrv.log` (also `devsrvr.log`), `useridd.log` (also `user-id.log`);
/// empty for any other name.
std::string_view family_of(std::string_view base_name);

} // namespace ikediff::parser::mp_log
