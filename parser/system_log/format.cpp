#include "parser/system_log/format.hpp"

#include "parser/io/line_pump.hpp"
#include "parser/panos/csv.hpp"
#include "parser/system_log/system_log.hpp"

#include <algorithm>

namespace ikediff::parser {

namespace {

/// Whether the first lines of an input (`head`: its first chunk, decompressed) are a PAN-OS
/// system log: one of the first 20 non-empty lines is system log (CSV, syslog, or the CLI's
/// `show log system` table) or any PAN-OS CSV log record.
bool is_system_log_head(std::string_view head) {
    const std::vector<std::string_view> lines = panos::head_lines(head);
    return std::any_of(lines.begin(), lines.end(), [](std::string_view line) {
        return looks_like_system_log(line) || looks_like_pan_log(line);
    });
}

} // namespace

namespace system_log {

namespace {

class system_log_format final : public log_format {
public:
    std::string_view name() const override { return "system-log"; }
    std::string_view files() const override { return "system log"; }
    bool wants(std::string_view base_name, found_in where) const override {
        if (where != found_in::directory) {
            return false;
        }
        std::string_view plain = base_name;
        if (plain.ends_with(".gz")) {
            plain.remove_suffix(3);
        }
        return plain.ends_with(".csv") || plain.find("system") != std::string_view::npos;
    }
    bool looks_in(found_in where) const override { return where == found_in::directory; }
    detection detect(std::string_view head) const override {
        return is_system_log_head(head) ? detection::yes : detection::no;
    }
    bool read_ahead() const override { return true; }
    bool read(line_pump& lines, std::uint32_t input, input_stats& stats, const event_sink& sink,
              std::string& error) const override {
        system_log_feeder feeder(input, stats, sink);
        const bool ok = lines.run(feeder, error);
        feeder.finish();
        return ok;
    }
};

} // namespace

const log_format& format() {
    static const system_log_format k_format;
    return k_format;
}

} // namespace system_log

} // namespace ikediff::parser
