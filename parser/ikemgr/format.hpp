#pragma once
// The PAN-OS ikemgr.log format (racoon's and PAN-OS 8.x+ layouts, parser/ikemgr/grammar.hpp):
// the feeder that turns its physical lines into events through the line facade, and its
// entry in the format registry.

#include "parser/ikemgr/line_scanner.hpp"
#include "parser/log_format.hpp"

#include <cstdint>
#include <string_view>

namespace ikediff::parser {

/// Feeds physical lines (as the line pump cuts them, parser/io/line_pump.hpp) to the
/// scanner: glued lines are split, each event gets its place and its correlation key.
class line_feeder {
public:
    line_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink);

    /// One physical line without its line end.
    void feed(std::string_view line);
    /// Counts a line that was too long to keep as one line of noise.
    void feed_oversized();

private:
    void scan_segment(std::string_view segment, std::uint32_t column, scan_result (*scan)(std::string_view));

    std::uint32_t m_input;
    input_stats& m_stats;
    event_sink m_sink;
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
