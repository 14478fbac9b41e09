// libFuzzer target for the ikemgr.log side of the parser (parser/ikemgr/line_scanner.hpp,
// parser/log_reader.hpp): `scan_line` and `next_line_start` on every line of the input,
// `line_feeder` over the same lines (glued lines; a BOM or CR left in, which the line pump
// would have removed), and `read_log` on the whole input as a stream (format detection,
// gzip, the line pump's chunks, BOM and line ends). A finding is a sanitizer report,
// an exception out of the parser (none may cross its boundary) or a broken promise of those
// headers (`fuzz::check`).

#include "fuzz/fuzz_support.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "parser/ikemgr/format.hpp"
#include "parser/log_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <variant>

namespace {

using namespace ikediff;
using fuzz::check;

/// The input index the fuzzer reads as; any value but 0 shows it is carried through.
constexpr std::uint32_t k_input = 7;

/// One line through the facade, then every glued line start in it, as `line_feeder` walks.
void scan_one(std::string_view line) {
    const parser::scan_result result = parser::scan_line(line);
    if (const auto* bad = std::get_if<parser::scan_malformed>(&result)) {
        check(bad->column >= 1 && bad->column <= line.size() + 1,
              "scan_malformed::column is outside the scanned line");
        check(!bad->message.empty(), "scan_malformed without a message");
    }
    // The fast path may only call noise what the grammar calls noise, and scan_line (its
    // hand-read prefix, its remembered messages) must read every line as the grammar alone.
    const parser::scan_result by_grammar = parser::scan_line_with_grammar(line);
    if (parser::certainly_noise(line)) {
        check(std::holds_alternative<parser::scan_no_match>(by_grammar),
              "certainly_noise on a line the grammar reads");
    }
    // The line feeder's first test may skip a line whole, or its glued-line search: a line
    // said to be alone has nothing glued; noise alone is noise; a usual line alone is read
    // as scan_line reads it.
    switch (parser::shape_of(line)) {
    case parser::line_shape::noise_alone:
        check(parser::certainly_noise(line) && parser::next_line_start(line, 0) == std::string_view::npos,
              "shape_of says noise alone of a line that is not");
        break;
    case parser::line_shape::usual_alone:
        check(parser::next_line_start(line, 0) == std::string_view::npos && !parser::certainly_noise(line) &&
                  parser::scan_usual_line(line) == by_grammar,
              "shape_of says usual alone of a line that is not, or scan_usual_line reads it otherwise");
        break;
    case parser::line_shape::other: break;
    }
    const auto* fast = std::get_if<model::log_event>(&result);
    const auto* slow = std::get_if<model::log_event>(&by_grammar);
    check(result == by_grammar && (!fast || fast->time.iso8601() == slow->time.iso8601()),
          "scan_line and scan_line_with_grammar read a line differently");
    std::size_t from = 0;
    for (;;) {
        const std::size_t next = parser::next_line_start(line, from);
        if (next == std::string_view::npos) {
            break;
        }
        check(next > from && next < line.size(),
              "next_line_start did not move forward in the line");
        from = next;
    }
}

/// Where each event says it came from, against what was read.
class checking_sink {
public:
    explicit checking_sink(const parser::input_stats& stats) : m_stats(stats) {}

    void operator()(model::log_event&& event) const {
        check(event.where.input == k_input, "event from another input");
        check(event.where.line >= 1 && event.where.line <= m_stats.physical_lines,
              "event line outside the lines read");
        check(event.where.column >= 1, "event column 0");
    }

private:
    const parser::input_stats& m_stats;
};

/// The counts `input_stats` documents: every log line is recognised, noise or malformed,
/// and there is at most one diagnostic per malformed line.
void check_stats(const parser::input_stats& stats) {
    check(stats.lines == stats.recognized + stats.unrecognized + stats.malformed,
          "lines != recognized + unrecognized + malformed");
    check(stats.lines + stats.continued >= stats.physical_lines,
          "fewer log lines than physical lines not joined to the line before");
    check(stats.oversized <= stats.unrecognized, "oversized lines not counted as noise");
    check(stats.problems.size() <= parser::k_max_diagnostics &&
              stats.problems.size() <= stats.malformed,
          "more diagnostics than malformed lines");
    for (const model::diagnostic& d : stats.problems) {
        check(d.line >= 1 && d.line <= stats.physical_lines && d.column >= 1,
              "diagnostic outside the lines read");
    }
}

void feed_lines(std::string_view text) {
    parser::input_stats stats;
    stats.name = "fuzz.log";
    parser::line_feeder feeder(k_input, stats, checking_sink(stats));
    std::uint64_t fed = 0;
    fuzz::for_each_line(text, [&](std::string_view line) {
        scan_one(line);
        feeder.feed(line);
        ++fed;
    });
    feeder.finish();
    check(stats.physical_lines == fed, "physical_lines != lines fed");
    check_stats(stats);
    check(stats.format == "ikemgr", "line_feeder changed the format");
}

/// `read_log` on an fmemopen stream (gzip is told from the content, so a gzip input is
/// decompressed here too).
void read_stream(std::string_view text) {
    std::string bytes(text);
    std::FILE* file = ::fmemopen(bytes.data(), bytes.size(), "r");
    if (file == nullptr) {
        return; // glibc refuses an empty buffer
    }
    parser::input_stats stats;
    stats.name = "fuzz.log";
    std::string error;
    const bool ok = parser::read_log(file, k_input, stats, checking_sink(stats), error);
    std::fclose(file);
    check(ok || !error.empty(), "read_log failed without an error");
    // A format of the registry (the input may be any of them: a management-plane log, a
    // traffic log...), or `tar` for an archive where a log was expected.
    bool known = stats.format == "tar";
    for (const parser::log_format* f : parser::format_registry::built_in().formats()) {
        known = known || stats.format == f->name();
    }
    check(known, "read_log set an unknown format");
    check(stats.compression.empty() || stats.compression == "gzip",
          "read_log set an unknown compression");
    check_stats(stats);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    feed_lines(text);
    read_stream(text);
    return 0;
}
