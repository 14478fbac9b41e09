#include "parser/mp_log/format.hpp"

#include "model/text.hpp"
#include "parser/io/line_pump.hpp"
#include "parser/mp_log/line.hpp"

#include <string>
#include <vector>

namespace ikediff::parser::mp_log {

namespace {

/// How many non-empty lines of the first chunk the detection looks at.
constexpr std::size_t k_detect_lines = 20;

/// Whether a laid-out entry is the IKE daemon's own: PAN-OS 7.x ikemgr.log writes its debug
/// lines in this same layout (`debug: pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): ...`).
/// Its marks: a source under `protocols/`, an `ikev1`/`ikev2`/`isakmp` file, or a function of
/// the daemon's own prefixes. (configd's `pan_cfg_commit_ike_gateways` is not one.)
bool is_ike_daemons(const entry& e) {
    const std::string source = model::to_lower(e.source);
    const std::string function = model::to_lower(e.function);
    const std::string_view file = std::string_view(source).substr(0, source.rfind(':'));
    const std::string_view base = file.substr(file.rfind('/') == std::string_view::npos ? 0 : file.rfind('/') + 1);
    for (const std::string_view daemon_file : {"ikev1", "ikev2", "isakmp", "ikemgr", "racoon"}) {
        if (base.starts_with(daemon_file)) {
            return true;
        }
    }
    for (const std::string_view prefix : {"pan_ikev", "pan_ike_", "pan_isakmp", "ikev1_", "ikev2_", "isakmp_", "ikemgr_"}) {
        if (function.starts_with(prefix)) {
            return true;
        }
    }
    return source.starts_with("protocols/");
}

bool is_mp_log_head(std::string_view head) {
    std::size_t seen = 0;
    bool located = false;
    std::vector<piece> pieces;
    while (!head.empty() && seen < k_detect_lines) {
        const std::size_t nl = head.find('\n');
        const std::string_view line = model::trim(head.substr(0, nl));
        head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
        if (line.empty()) {
            continue;
        }
        ++seen;
        split_entries(line, pieces);
        for (const piece& p : pieces) {
            const entry e = read_entry(p.text);
            if (e.function.empty()) {
                continue;
            }
            if (is_ike_daemons(e)) {
                return false; // an ikemgr.log of PAN-OS 7.x
            }
            located = true;
        }
    }
    return located;
}

class feeder {
public:
    feeder(std::uint32_t input, input_stats& stats, const event_sink& sink)
        : m_input(input), m_stats(stats), m_sink(sink), m_family(family_of(base_name(stats.name))) {}

    void feed(std::string_view line) {
        ++m_stats.physical_lines;
        split_entries(line, m_pieces);
        for (const piece& p : m_pieces) {
            ++m_stats.lines;
            read(p);
        }
    }
    void feed_oversized() {
        ++m_stats.physical_lines;
        ++m_stats.lines;
        ++m_stats.unrecognized;
        ++m_stats.oversized;
    }
    void skip_lines(std::uint64_t n) {
        m_stats.physical_lines += n;
        m_stats.lines += n;
        m_stats.unrecognized += n;
    }

private:
    void read(const piece& p) {
        const entry e = read_entry(p.text);
        if (e.message.empty() && !e.laid_out()) {
            ++m_stats.unrecognized;
            return;
        }
        // A line without the layout (a KB quote without its prefix, a continuation) is a
        // record of its message only: the rules say whether it means anything.
        model::log_event event;
        event.where = {m_input, m_stats.physical_lines, static_cast<std::uint32_t>(p.column + 1)};
        if (e.time) {
            event.time = *e.time;
        }
        event.level = std::string(e.level);
        event.text = std::string(p.text);
        model::record_event record;
        record.log = std::string(m_family);
        record.has_time = e.time.has_value();
        if (!e.level.empty()) {
            record.fields.emplace_back("level", std::string(e.level));
        }
        if (!e.function.empty()) {
            record.fields.emplace_back("function", std::string(e.function));
            record.fields.emplace_back("source", std::string(e.source));
        }
        record.fields.emplace_back("message", std::string(e.message));
        event.what = std::move(record);
        event.key.kind = model::correlation::by::none;
        ++m_stats.recognized;
        m_sink(std::move(event));
    }

    std::uint32_t m_input;
    input_stats& m_stats;
    const event_sink& m_sink;
    std::string_view m_family;
    std::vector<piece> m_pieces;
};

class mp_log_format final : public log_format {
public:
    std::string_view name() const override { return "mp-log"; }
    std::string_view files() const override { return "ms.log/devsrv.log/useridd.log/configd.log"; }
    bool wants(std::string_view base_name, found_in /*where*/) const override {
        return !family_of(base_name).empty();
    }
    detection detect(std::string_view head) const override {
        return is_mp_log_head(head) ? detection::yes : detection::no;
    }
    bool read(line_pump& lines, std::uint32_t input, input_stats& stats, const event_sink& sink,
              std::string& error) const override {
        feeder f(input, stats, sink);
        return lines.run(f, error);
    }
};

} // namespace

const log_format& format() {
    static const mp_log_format k_format;
    return k_format;
}

} // namespace ikediff::parser::mp_log
