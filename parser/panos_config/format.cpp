#include "parser/panos_config/format.hpp"

#include "parser/io/line_pump.hpp"
#include "parser/panos_config/reader.hpp"

namespace ikediff::parser::panos_config {

namespace {

constexpr std::string_view k_tech_support_path = "opt/pancfg/mgmt/saved-configs/running-config.xml";

/// Counts the document's lines: each is part of the configuration read ahead.
class feeder {
public:
    explicit feeder(input_stats& stats) : m_stats(stats) {}
    void feed(std::string_view /*line*/) {
        ++m_stats.physical_lines;
        ++m_stats.lines;
        ++m_stats.recognized;
    }
    void feed_oversized() {
        ++m_stats.physical_lines;
        ++m_stats.lines;
        ++m_stats.recognized; // a long line of XML is still part of the document
        ++m_stats.oversized;
    }

private:
    input_stats& m_stats;
};

class config_format final : public log_format {
public:
    std::string_view name() const override { return "panos-config"; }
    std::string_view files() const override { return "running-config.xml"; }
    bool wants(std::string_view base_name, found_in /*where*/) const override {
        return base_name.ends_with(".xml");
    }
    /// In a tech-support file, the running configuration only (the other members named
    /// running-config.xml are not it); in an archive of its own, one at the top.
    bool wants_member(std::string_view path) const override {
        if (path.starts_with("./")) {
            path.remove_prefix(2);
        }
        return path == "running-config.xml" || path == k_tech_support_path ||
               path.ends_with("/" + std::string(k_tech_support_path));
    }
    detection detect(std::string_view head) const override {
        return panos_config::is_configuration(head) ? detection::yes : detection::no;
    }
    bool read(line_pump& lines, std::uint32_t /*input*/, input_stats& stats,
              const event_sink& /*sink*/, std::string& error) const override {
        feeder f(stats);
        return lines.run(f, error);
    }
    bool is_configuration() const override { return true; }
    model::result<model::vpn_config> read_configuration(std::string_view text,
                                                        const std::string& name) const override {
        return panos_config::read_configuration(text, name);
    }
};

} // namespace

const log_format& format() {
    static const config_format k_format;
    return k_format;
}

} // namespace ikediff::parser::panos_config
