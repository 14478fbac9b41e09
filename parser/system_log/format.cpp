#include "parser/system_log/format.hpp"

#include "model/text.hpp"
#include "parser/io/line_pump.hpp"
#include "parser/system_log/system_log.hpp"

namespace ikediff::parser {

namespace {

/// How many non-empty lines of the first chunk the detection looks at.
constexpr std::size_t k_detect_lines = 20;

/// Whether the first lines of an input (`head`: its first chunk, decompressed) are a PAN-OS
/// system log: one of the first 20 non-empty lines is system log or any PAN-OS CSV log
/// record.
bool is_system_log_head(std::string_view head) {
    std::size_t seen = 0;
    std::size_t start = 0;
    while (start < head.size() && seen < k_detect_lines) {
        const std::size_t nl = head.find('\n', start);
        const std::size_t end = nl == std::string_view::npos ? head.size() : nl;
        const std::string_view line = head.substr(start, end - start);
        if (!model::trim(line).empty() && line != "\xEF\xBB\xBF") {
            ++seen;
            if (looks_like_system_log(line) || looks_like_pan_log(line)) {
                return true;
            }
        }
        if (nl == std::string_view::npos) {
            break;
        }
        start = nl + 1;
    }
    return false;
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
        return lines.run(feeder, error);
    }
};

} // namespace

const log_format& format() {
    static const system_log_format k_format;
    return k_format;
}

} // namespace system_log

} // namespace ikediff::parser
