// libFuzzer target for the PAN-OS system log reader (parser/system_log/system_log.hpp):
// `system_log_feeder` fed the input line by line, and `split_csv`, `looks_like_system_log`,
// `looks_like_pan_log` and `system_event_code` on every line. A finding is a sanitizer
// report, an exception out of the parser or a broken promise of the header (`fuzz::check`).

#include "fuzz/fuzz_support.hpp"
#include "parser/log_reader.hpp"
#include "parser/system_log/system_log.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace ikediff;
using fuzz::check;

constexpr std::uint32_t k_input = 3;

/// `split_csv`'s promises: at least one field, each starting after the comma that ends the
/// one before it; a row without quotes is its fields joined by commas.
void check_split(std::string_view line, const std::vector<parser::csv_field>& fields) {
    check(!fields.empty(), "split_csv returned no field");
    check(fields.front().offset == 0, "the first CSV field does not start the line");
    for (std::size_t i = 1; i < fields.size(); ++i) {
        const std::size_t at = fields[i].offset;
        check(at > fields[i - 1].offset && at <= line.size() && line[at - 1] == ',',
              "a CSV field does not start after a comma");
    }
    for (const parser::csv_field& f : fields) {
        check(f.text.size() <= line.size(), "a CSV field longer than its line");
    }
    if (line.find('"') == std::string_view::npos) {
        std::string joined;
        for (const parser::csv_field& f : fields) {
            joined += f.text;
            joined += ',';
        }
        joined.pop_back();
        check(joined == line, "an unquoted CSV row is not its fields joined by commas");
    }
}

void scan_one(std::string_view line, std::vector<parser::csv_field>& fields) {
    parser::split_csv(line, fields);
    check_split(line, fields);
    for (const parser::csv_field& f : fields) {
        (void)parser::system_event_code(f.text);
    }
    const bool system = parser::looks_like_system_log(line);
    const bool pan = parser::looks_like_pan_log(line);
    check(!system || pan, "a system log line that is not a PAN-OS log line");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    parser::input_stats stats;
    stats.name = "fuzz.csv";
    parser::system_log_feeder feeder(k_input, stats, [&stats](model::log_event&& event) {
        // A CLI row glued behind other text starts further into its line.
        check(event.where.input == k_input && event.where.column >= 1,
              "a system log event not at {input, line, column >= 1}");
        check(event.where.line >= 1 && event.where.line <= stats.physical_lines,
              "a system log event outside the lines read");
    });
    std::vector<parser::csv_field> fields;
    std::uint64_t fed = 0;
    fuzz::for_each_line(text, [&](std::string_view line) {
        scan_one(line, fields);
        feeder.feed(line);
        ++fed;
    });
    feeder.finish(); // a detail view's entry still open
    // Two CLI rows glued on one line are two log lines.
    check(stats.physical_lines == fed && stats.lines >= fed, "system log lines != lines fed");
    check(stats.lines == stats.recognized + stats.unrecognized + stats.malformed,
          "lines != recognized + unrecognized + malformed");
    check(stats.problems.size() <= parser::k_max_diagnostics &&
              stats.problems.size() <= stats.malformed,
          "more diagnostics than malformed lines");
    for (const model::diagnostic& d : stats.problems) {
        check(d.line >= 1 && d.line <= stats.physical_lines && d.column >= 1,
              "a diagnostic outside the lines read");
    }
    return 0;
}
