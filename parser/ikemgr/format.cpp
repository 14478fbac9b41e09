#include "parser/ikemgr/format.hpp"

#include "parser/io/line_pump.hpp"

#include <utility>
#include <variant>

namespace ikediff::parser {

line_feeder::line_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink)
    : m_input(input_index), m_stats(stats), m_sink(std::move(sink)) {}

void line_feeder::feed(std::string_view line) {
    ++m_stats.physical_lines;
    switch (shape_of(line)) {
    case line_shape::noise_alone:
        ++m_stats.lines; // most lines of a debug log: one segment, no match
        ++m_stats.unrecognized;
        return;
    case line_shape::usual_alone:
        scan_segment(line, 1, scan_usual_line); // one segment, no glued line to look for
        return;
    case line_shape::other:
        break;
    }
    std::size_t start = 0;
    for (;;) {
        const std::size_t next = next_line_start(line, start);
        const std::size_t end = next == std::string_view::npos ? line.size() : next;
        scan_segment(line.substr(start, end - start), static_cast<std::uint32_t>(start + 1), scan_line);
        if (next == std::string_view::npos) {
            break;
        }
        start = next;
    }
}

void line_feeder::feed_oversized() {
    ++m_stats.physical_lines;
    ++m_stats.lines;
    ++m_stats.unrecognized;
    ++m_stats.oversized;
}

void line_feeder::scan_segment(std::string_view segment, std::uint32_t column, scan_result (*scan)(std::string_view)) {
    ++m_stats.lines;
    scan_result result = scan(segment);
    if (auto* event = std::get_if<model::log_event>(&result)) {
        ++m_stats.recognized;
        event->where = {m_input, m_stats.physical_lines, column};
        event->key.kind = ikemgr::correlation_of(*event);
        m_sink(std::move(*event));
    } else if (auto* bad = std::get_if<scan_malformed>(&result)) {
        ++m_stats.malformed;
        if (bad->line) {
            // Not understood, yet not lost: its negotiation learns that a line of it went unread.
            bad->line->where = {m_input, m_stats.physical_lines, column};
            bad->line->key.kind = ikemgr::correlation_of(*bad->line);
            m_sink(std::move(*bad->line));
        }
        if (m_stats.problems.size() < k_max_diagnostics) {
            model::diagnostic d;
            d.level = model::severity::warning;
            d.code = "log-malformed";
            d.message = "IKE line not understood: " + bad->message;
            d.file = m_stats.name;
            d.line = m_stats.physical_lines;
            d.column = column - 1 + bad->column;
            m_stats.problems.push_back(std::move(d));
        }
    } else {
        ++m_stats.unrecognized;
    }
}

namespace ikemgr {

model::correlation::by correlation_of(const model::log_event& event) {
    using by = model::correlation::by;
    if (event.context) {
        return by::context;
    }
    if (event.peer) {
        return by::peer;
    }
    if (std::holds_alternative<model::ipsec_sa_established_event>(event.what)) {
        return by::sa_ends;
    }
    return by::follow;
}

namespace {

class ikemgr_format final : public log_format {
public:
    std::string_view name() const override { return "ikemgr"; }
    std::string_view files() const override { return "ikemgr.log*"; }
    bool wants(std::string_view base_name, found_in /*where*/) const override {
        return base_name.starts_with("ikemgr.log");
    }
    detection detect(std::string_view /*head*/) const override { return detection::fallback; }
    bool read(line_pump& lines, std::uint32_t input, input_stats& stats, const event_sink& sink,
              std::string& error) const override {
        line_feeder feeder(input, stats, sink);
        return lines.run(feeder, error);
    }
};

} // namespace

const log_format& format() {
    static const ikemgr_format k_format;
    return k_format;
}

} // namespace ikemgr

} // namespace ikediff::parser
