// The registry of built-in log formats: one line per format. Detection takes the first
// format sure of an input, else the first fallback (the ikemgr log): the order here decides
// between two formats both sure of one input, and is the order in which messages name their
// files. The traffic log comes before the system log, which is sure of any PAN-OS CSV log.

#include "parser/ikemgr/format.hpp"
#include "parser/log_format.hpp"
#include "parser/mp_log/format.hpp"
#include "parser/panos_config/format.hpp"
#include "parser/panos_cli/format.hpp"
#include "parser/system_log/format.hpp"
#include "parser/traffic_log/format.hpp"

namespace ikediff::parser {

const format_registry& format_registry::built_in() {
    static const format_registry registry = [] {
        format_registry r;
        r.add(ikemgr::format());
        r.add(traffic_log::format());
        r.add(system_log::format());
        r.add(mp_log::format());
        r.add(panos_config::format());
        r.add(panos_cli::format());
        return r;
    }();
    return registry;
}

format_registry::detected format_registry::detect(std::string_view head) const {
    const log_format* fallback = nullptr;
    for (const log_format* f : m_formats) {
        switch (f->detect(head)) {
        case detection::yes: return {f, false};
        case detection::fallback: fallback = fallback != nullptr ? fallback : f; break;
        case detection::no: break;
        }
    }
    return {fallback, fallback != nullptr};
}

bool log_format::wants_member(std::string_view path) const { return wants(base_name(path), found_in::archive); }

bool format_registry::wants(std::string_view path, found_in where) const {
    const std::string_view base = base_name(path);
    for (const log_format* f : m_formats) {
        if (where == found_in::archive ? f->wants_member(path) : f->wants(base, where)) {
            return true;
        }
    }
    return false;
}

std::string format_registry::wanted_files(found_in where) const {
    std::vector<std::string_view> names;
    for (const log_format* f : m_formats) {
        if (f->looks_in(where)) {
            names.push_back(f->files());
        }
    }
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        out += i == 0 ? "" : i + 1 == names.size() ? " or " : ", ";
        out += names[i];
    }
    return out;
}

std::string_view base_name(std::string_view path) {
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

} // namespace ikediff::parser
