#include "parser/traffic_log/format.hpp"

#include "model/text.hpp"
#include "parser/io/line_pump.hpp"
#include "parser/panos/csv.hpp"
#include "parser/traffic_log/traffic_log.hpp"

#include <algorithm>

namespace ikediff::parser {

namespace traffic_log {

namespace {

bool is_traffic_log_head(std::string_view head) {
    const std::vector<std::string_view> lines = panos::head_lines(head);
    const bool system = std::any_of(lines.begin(), lines.end(), [](std::string_view line) {
        return model::iequals(panos::record_type(line), "SYSTEM");
    });
    return !system && std::any_of(lines.begin(), lines.end(), looks_like_traffic_log);
}

class traffic_log_format final : public log_format {
public:
    std::string_view name() const override { return "traffic-log"; }
    std::string_view files() const override { return "traffic log"; }
    bool wants(std::string_view base_name, found_in where) const override {
        if (where != found_in::directory || base_name.find("traffic") == std::string_view::npos) {
            return false;
        }
        return base_name.ends_with(".csv") || base_name.ends_with(".gz");
    }
    bool looks_in(found_in where) const override { return where == found_in::directory; }
    detection detect(std::string_view head) const override {
        return is_traffic_log_head(head) ? detection::yes : detection::no;
    }
    bool read(line_pump& lines, std::uint32_t input, input_stats& stats, const event_sink& sink,
              std::string& error) const override {
        traffic_log_feeder feeder(input, stats, sink);
        return lines.run(feeder, error);
    }
};

} // namespace

const log_format& format() {
    static const traffic_log_format k_format;
    return k_format;
}

} // namespace traffic_log

} // namespace ikediff::parser
