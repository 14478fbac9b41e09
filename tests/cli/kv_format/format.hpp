#pragma once
// A log format that exists only for tests: lines of `key=value` pairs,
//
//     kv-log time=1700000000000 peer=10.0.0.2 event=phase1-started
//     kv-log time=1700000001000 peer=10.0.0.2 event=no-proposal-chosen
//
// each line one event (`event` is an event code's name, model::to_string(event_code)), tied
// to its negotiation by the peer's address. It is the recipe of ARCHITECTURE.md ("adding a
// log format") carried out: this folder and one line that adds it to a registry
// (tests/cli/format_recipe_test.cpp); nothing in parser/, diff/ or cli/ knows it.

#include "parser/io/line_pump.hpp"
#include "parser/log_format.hpp"

#include "model/event.hpp"
#include "model/text.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ikediff::test_formats::kv {

/// The event code named `name`, if one is.
inline std::optional<model::event_code> code_named(std::string_view name) {
    for (unsigned c = 0; c <= static_cast<unsigned>(model::event_code::dpd_down); ++c) {
        if (model::to_string(static_cast<model::event_code>(c)) == name) {
            return static_cast<model::event_code>(c);
        }
    }
    return std::nullopt;
}

class feeder {
public:
    feeder(std::uint32_t input, parser::input_stats& stats, const parser::event_sink& sink)
        : m_input(input), m_stats(stats), m_sink(sink) {}

    void feed(std::string_view line) {
        ++m_stats.physical_lines;
        ++m_stats.lines;
        if (!line.starts_with("kv-log ")) {
            ++m_stats.unrecognized;
            return;
        }
        model::log_event event;
        event.where = {m_input, m_stats.physical_lines, 1};
        event.text = std::string(line);
        line.remove_prefix(7);
        while (!line.empty()) {
            const std::size_t end = std::min(line.find(' '), line.size());
            const std::string_view pair = line.substr(0, end);
            line.remove_prefix(std::min(end + 1, line.size()));
            const std::size_t eq = pair.find('=');
            const std::string_view key = pair.substr(0, eq);
            const std::string_view value = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
            if (key == "time") {
                event.time.epoch_ms = static_cast<std::int64_t>(model::parse_unsigned(value).value_or(0));
            } else if (key == "peer") {
                event.peer = model::endpoint{std::string(value), 500};
            } else if (key == "event") {
                event.code = code_named(value);
            }
        }
        if (!event.code) {
            ++m_stats.malformed;
            return;
        }
        event.key.kind = event.peer ? model::correlation::by::peer : model::correlation::by::follow;
        ++m_stats.recognized;
        m_sink(std::move(event));
    }
    void feed_oversized() {
        ++m_stats.physical_lines;
        ++m_stats.lines;
        ++m_stats.unrecognized;
        ++m_stats.oversized;
    }

private:
    std::uint32_t m_input;
    parser::input_stats& m_stats;
    const parser::event_sink& m_sink;
};

class format final : public parser::log_format {
public:
    std::string_view name() const override { return "kv"; }
    std::string_view files() const override { return "*.kv"; }
    bool wants(std::string_view base_name, parser::found_in /*where*/) const override {
        return base_name.ends_with(".kv");
    }
    parser::detection detect(std::string_view head) const override {
        return head.starts_with("kv-log ") ? parser::detection::yes : parser::detection::no;
    }
    bool read(parser::line_pump& lines, std::uint32_t input, parser::input_stats& stats,
              const parser::event_sink& sink, std::string& error) const override {
        feeder f(input, stats, sink);
        return lines.run(f, error);
    }
};

} // namespace ikediff::test_formats::kv
