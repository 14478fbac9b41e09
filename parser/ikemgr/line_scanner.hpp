#pragma once
// The line facade: one log line in, one typed result out. No exception crosses it.
//
// A scan has three outcomes (lnav's distinction): a recognised line (`model::log_event`),
// a line that is not one we know (`scan_no_match`: noise, normal, counted), and a line that
// is one we know but cannot read (`scan_malformed`: a diagnostic with a column).
//
// Two programs stand behind it: the facade over the X3 grammar (line_scanner.cpp: the
// scans, the conversion to events, the memo of messages) and the hand-written fast path in
// front of it (fast_path.hpp and fast_path.cpp: `certainly_noise`, `shape_of`,
// `next_line_start`, and the readers the scans use).

#include "model/event.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ikediff::parser {

struct scan_no_match {
    friend bool operator==(const scan_no_match&, const scan_no_match&) = default;
};

struct scan_malformed {
    std::uint32_t column = 1; ///< 1-based, within the scanned text
    std::string message;      ///< "expected ':'"
    /// The line as far as it was read: its prefix's time, level and context, the message as
    /// text, the code `line_not_understood` (no values), so that the feeder can hand it to the
    /// negotiation it belongs to. Empty where no prefix was read.
    std::optional<model::log_event> line;
    friend bool operator==(const scan_malformed&, const scan_malformed&) = default;
};

using scan_result = std::variant<scan_no_match, model::log_event, scan_malformed>;

/// Scans one log line (no glued continuation: see `next_line_start`). The event's `where`
/// is left for the caller to fill in. A message is recognised by the grammar (phrases that
/// open it, structured lines) at any level; a phrase inside a message the grammar does not
/// know (parser/panos/phrases.cpp) counts only in lines logged above debug level.
///
/// A message read before is not read again: what it gave is remembered (per thread, a few
/// thousand messages at most), as a debug log repeats itself. `scan_line_with_grammar`
/// gives the same result on every line, with the grammar alone.
scan_result scan_line(std::string_view line);

/// The fast path `scan_line` takes first: true when `line` is certainly noise, decided
/// without the grammar from a PAN-OS 8.x+ prefix read by hand, a debug level, and a message
/// that no alternative of the grammar can begin (grammar.hpp, `message_starts`) and
/// that holds no `<=>`. False means "not known to be noise": the grammar decides. Exposed so
/// tests and the fuzzer can hold it to its promise: whenever it says true, the grammar would
/// have found no match.
bool certainly_noise(std::string_view line);

/// What the line feeder may skip for a physical line, told by `shape_of` in one pass over
/// the line's message: asked of every line first.
enum class line_shape : std::uint8_t {
    /// Certainly noise (as `certainly_noise` says) with no glued line (`next_line_start(line,
    /// 0)` finds none): counted and left.
    noise_alone,
    /// No glued line, the usual PAN-OS 8.x+ prefix at the first byte, and not noise by the
    /// fast path's test: `scan_usual_line` reads it as `scan_line` would.
    usual_alone,
    /// Anything else: `next_line_start` and `scan_line`.
    other,
};
line_shape shape_of(std::string_view line);

/// `scan_line` for a line of shape `usual_alone`, without the noise test `shape_of` made.
scan_result scan_usual_line(std::string_view line);

/// `scan_line` without the fast path and without remembering: every line through the
/// grammar, prefix included (for tests and the fuzzer, which hold `scan_line` to giving the
/// same result on every line).
scan_result scan_line_with_grammar(std::string_view line);

/// Where, after `from`, a new log line prefix begins inside `line` (two lines glued
/// together by a copy-paste: `enctype = AES:AES2021-07-06 18:35:17.870 +0900  [DEBG]: ...`),
/// or `std::string_view::npos`.
std::size_t next_line_start(std::string_view line, std::size_t from);

} // namespace ikediff::parser
