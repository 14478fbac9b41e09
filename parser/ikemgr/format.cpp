#include "parser/ikemgr/format.hpp"

#include "parser/ikemgr/continuation.hpp"
#include "parser/io/line_pump.hpp"
#include "model/text.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <utility>
#include <variant>

namespace ikediff::parser {

namespace {

/// What a scan read, as far as telling two readings of a line apart goes: whether it found
/// an event, its code, and whether it named a gateway and a peer.
struct reading {
    bool event = false;
    std::optional<model::event_code> code;
    bool gateway = false;
    bool peer = false;
};

reading reading_of(const scan_result& result) {
    const auto* event = std::get_if<model::log_event>(&result);
    if (event == nullptr) {
        return {};
    }
    return {true, event->code, event->gateway.has_value(), event->peer.has_value()};
}

/// Whether `joined` reads as more than `alone`: an event where there was none, another code
/// (a longer phrase), or a gateway or a peer where there was none. A value that only grows
/// (`dh_group = DH20:DH20` and a note pasted under it) does not count.
bool reads_more(const reading& joined, const reading& alone) {
    return joined.event && (!alone.event || joined.code != alone.code || (joined.gateway && !alone.gateway) ||
                            (joined.peer && !alone.peer));
}

/// Whether a message's last byte says more was to come: `...negotiation: A[500]<=>`,
/// `... time up. 1a2b3c4d5e6f7a8b:`, `cookie:02f2...:`, `A[500]-`.
bool ends_unfinished(std::string_view text) {
    return !text.empty() && std::string_view(">:-,[(=/").find(text.back()) != std::string_view::npos;
}

/// Where the last segment of `line` (glued lines: next_line_start) begins.
std::size_t last_segment(std::string_view line) {
    std::size_t last = 0;
    for (std::size_t next = 0; (next = next_line_start(line, last)) != std::string_view::npos;) {
        last = next;
    }
    return last;
}

} // namespace

line_feeder::line_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink)
    : m_input(input_index), m_stats(stats), m_sink(std::move(sink)) {}

void line_feeder::feed(std::string_view line) {
    ++m_stats.physical_lines;
    if (m_holding) {
        std::optional<std::size_t> own_prefix;
        const bool prefixless = !(own_prefix = ikemgr::prefix_length(line));
        switch (prefixless ? ikemgr::follower_kind(line) : ikemgr::follower::none) {
        case ikemgr::follower::wrapped:
            if (const auto cut = continues(line)) {
                ikemgr::join_wrapped(m_held, line, *cut);
                ++m_stats.continued;
                return;
            }
            flush();
            break;
        case ikemgr::follower::banner: {
            // Under the prefix of the held line's last segment (a glued line's own).
            const std::size_t last = last_segment(m_held);
            const std::string prefix =
                m_held.substr(last, ikemgr::prefix_length(std::string_view(m_held).substr(last)).value_or(0));
            flush();
            const std::string_view text = model::trim(line);
            m_held = prefix;
            m_held.append(text);
            m_held_shift = static_cast<std::uint32_t>(prefix.size());
            m_held_line = m_stats.physical_lines;
            m_holding = true;
            return;
        }
        case ikemgr::follower::none: flush(); break;
        }
        if (own_prefix) {
            m_held.assign(line);
            m_held_line = m_stats.physical_lines;
            m_held_shift = 0;
            m_holding = true;
            return;
        }
    } else if (ikemgr::prefix_length(line)) {
        m_held.assign(line);
        m_held_line = m_stats.physical_lines;
        m_held_shift = 0;
        m_holding = true;
        return;
    }
    scan_text(line, m_stats.physical_lines, 0);
}

void line_feeder::finish() { flush(); }

std::optional<ikemgr::wrap_cut> line_feeder::continues(std::string_view line) const {
    // Joined only where joining reads better (`reads_more`: noise that becomes an event, a
    // phrase that becomes a longer one, `phase1 negotiation failed due to time` / `up.`, a
    // gateway named), with a blank at the cut or without, whichever reads; or a line
    // that stops where more must follow. A note pasted under a complete line (`(omitted)`,
    // a stray remark) stays apart from it.
    const std::string_view held(m_held);
    const reading alone = reading_of(scan_line(held.substr(last_segment(held))));
    for (const auto cut : {ikemgr::wrap_cut::as_cut, ikemgr::wrap_cut::no_blank, ikemgr::wrap_cut::blank}) {
        std::string joined = m_held;
        ikemgr::join_wrapped(joined, line, cut);
        const std::string_view all(joined);
        if (reads_more(reading_of(scan_line(all.substr(last_segment(all)))), alone)) {
            return cut;
        }
    }
    if (ends_unfinished(model::trim(held))) {
        return ikemgr::wrap_cut::as_cut;
    }
    return std::nullopt;
}

void line_feeder::flush() {
    if (!m_holding) {
        return;
    }
    m_holding = false;
    scan_text(m_held, m_held_line, m_held_shift);
}

void line_feeder::scan_text(std::string_view line, std::uint64_t number, std::uint32_t shift) {
    m_scan_line = number;
    m_scan_shift = shift;
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
    flush(); // nothing continues across it
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
        // A banner's own line read under a borrowed prefix is column 1 of its line.
        event->where = {m_input, m_scan_line, column > m_scan_shift ? column - m_scan_shift : 1};
        event->key.kind = ikemgr::correlation_of(*event);
        m_sink(std::move(*event));
    } else if (auto* bad = std::get_if<scan_malformed>(&result)) {
        ++m_stats.malformed;
        if (bad->line) {
            // Not understood, yet not lost: its negotiation learns that a line of it went unread.
            // Its own line, not the one read after it (a line is held for its continuation).
            bad->line->where = {m_input, m_scan_line, column > m_scan_shift ? column - m_scan_shift : 1};
            bad->line->key.kind = ikemgr::correlation_of(*bad->line);
            m_sink(std::move(*bad->line));
        }
        if (m_stats.problems.size() < k_max_diagnostics) {
            model::diagnostic d;
            d.level = model::severity::warning;
            d.code = "log-malformed";
            d.message = "IKE line not understood: " + bad->message;
            d.file = m_stats.name;
            d.line = m_scan_line;
            d.column = std::max(column - 1 + bad->column, m_scan_shift + 1) - m_scan_shift;
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
        const bool read = lines.run(feeder, error);
        feeder.finish();
        return read;
    }
};

} // namespace

const log_format& format() {
    static const ikemgr_format k_format;
    return k_format;
}

} // namespace ikemgr

} // namespace ikediff::parser
