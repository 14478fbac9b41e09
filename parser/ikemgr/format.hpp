#pragma once
// The PAN-OS ikemgr.log format (racoon's and PAN-OS 8.x+ layouts, parser/ikemgr/grammar.hpp):
// the feeder that turns its physical lines into events through the line facade, and its
// entry in the format registry.

#include "parser/ikemgr/continuation.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "parser/log_format.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ikediff::parser {

/// Feeds physical lines (as the line pump cuts them, parser/io/line_pump.hpp) to the
/// scanner: glued lines are split, each event gets its place and its correlation key.
/// A line with a prefix is held back until the next line tells whether it continues it
/// (parser/ikemgr/continuation.hpp: a wrapped line joined, a banner's own line read under its
/// prefix); an event keeps the number of its first physical line. `finish()` reads the line
/// still held at the end of the input.
class line_feeder {
public:
    line_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink);

    /// One physical line without its line end.
    void feed(std::string_view line);
    /// Counts a line that was too long to keep as one line of noise.
    void feed_oversized();
    /// The end of the input: the line held back is read.
    void finish();

private:
    /// Reads a line (glued lines split) that was physical line `number`, `shift` bytes at
    /// its front being a prefix borrowed from the line before it.
    void scan_text(std::string_view line, std::uint64_t number, std::uint32_t shift);
    void scan_segment(std::string_view segment, std::uint32_t column, scan_result (*scan)(std::string_view));
    /// Reads the held line, if any.
    void flush();
    /// Whether the prefix-less `line` continues the held line (a wrap) rather than stands
    /// apart (a note pasted under it), and if so how the two join.
    std::optional<ikemgr::wrap_cut> continues(std::string_view line) const;

    std::uint32_t m_input;
    input_stats& m_stats;
    event_sink m_sink;
    std::string m_held;            ///< the line held back, continuations joined
    bool m_holding = false;
    std::uint64_t m_held_line = 0; ///< its first physical line
    std::uint32_t m_held_shift = 0; ///< bytes of a borrowed prefix at its front
    std::uint64_t m_scan_line = 0;  ///< the physical line `scan_segment` reads
    std::uint32_t m_scan_shift = 0;
};

namespace ikemgr {

/// The correlation key the feeder gives an event of this format: the `{ A: B }` context when
/// the line has one (PAN-OS 8.x+ numbers its negotiations), else the peer it names, else the
/// ends of the IPsec SA it names, else the negotiation its stream last spoke of (racoon logs
/// one exchange at a time).
model::correlation::by correlation_of(const model::log_event& event);

/// The format: `ikemgr.log*` in directories and archives; the fallback of detection (a
/// debug log may open with any line, and one of only noise is still an ikemgr.log).
const log_format& format();

} // namespace ikemgr

} // namespace ikediff::parser
