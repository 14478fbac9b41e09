#include "diff/findings/scan.hpp"

#include "diff/findings/codes/codes.hpp"
#include "model/text.hpp"

#include <algorithm>

namespace ikediff::diff::findings {

namespace {

bool is_mp_family(std::string_view family) { return family != "system-log" && family != "traffic-log"; }

/// The value a capture or a field named `name` has in this hit.
std::optional<std::string_view> value_of(std::string_view name, const captures& caught,
                                         const model::record_event& record) {
    for (const auto& [n, v] : caught) {
        if (n == name) {
            return v;
        }
    }
    if (const std::string* v = record.field(name)) {
        return std::string_view(*v);
    }
    return std::nullopt;
}

bool same_code(const model::code_meaning& a, const model::code_meaning& b) {
    return a.table == b.table && (a.value && b.value ? *a.value == *b.value : model::iequals(a.term, b.term));
}

} // namespace

bool reads(const rule_match& m, std::string_view family) {
    for (const std::string& l : m.logs) {
        if (l == family || (family.empty() && is_mp_family(l))) {
            return true;
        }
    }
    return false;
}

const std::string* family_text(const model::record_event& record) {
    if (const std::string* message = record.field("message")) {
        return message;
    }
    return record.field("description");
}

const std::string* text_of(const rule_match& m, const model::record_event& record) {
    return m.field.empty() ? family_text(record) : record.field(m.field);
}

rule_scan::rule_scan(const rule_book& rules) : m_rules(rules), m_hits(rules.rules().size(), 0) {}

std::optional<std::vector<std::string>> rule_scan::literals() const {
    std::vector<std::string> out;
    for (const rule& r : m_rules.rules()) {
        for (const rule_match& m : r.matches) {
            const bool over_mp_log = std::any_of(m.logs.begin(), m.logs.end(), is_mp_family);
            if (!over_mp_log) {
                continue; // the system and traffic logs are read whole
            }
            if (!m.text || m.text->phrase().empty()) {
                return std::nullopt; // it needs every line
            }
            out.push_back(m.text->phrase());
        }
    }
    return out;
}

void rule_scan::read_log_of(const std::string& family) { m_families_read.insert(family); }

void rule_scan::take(const model::log_event& event) {
    const model::record_event* record = model::record_of(event.what);
    if (record == nullptr) {
        return;
    }
    const auto& rules = m_rules.rules();
    if (!m_family || *m_family != record->log) {
        m_family = record->log;
        m_reading.clear();
        for (std::size_t i = 0; i < rules.size(); ++i) {
            for (const rule_match& m : rules[i].matches) {
                if (reads(m, record->log)) {
                    m_reading.emplace_back(i, &m);
                }
            }
        }
    }
    std::size_t hit_rule = rules.size();
    const std::string* own_text = family_text(*record); // looked up once, not per match
    for (const auto& [i, mp] : m_reading) {
        if (i == hit_rule) {
            continue; // one hit per rule and line
        }
        const rule_match& m = *mp;
        const bool where_holds = std::all_of(m.where.begin(), m.where.end(), [&](const auto& w) {
            const std::string* v = record->field(w.first);
            return v != nullptr && model::iequals(model::trim(*v), w.second);
        });
        if (!where_holds) {
            continue;
        }
        m_caught.clear();
        if (m.text) {
            const std::string* field = m.field.empty() ? own_text : text_of(m, *record);
            if (field == nullptr || !m.text->match(*field, m_caught)) {
                continue;
            }
        }
        ++m_hits[i];
        hit(rules[i], event, *record, m_caught);
        hit_rule = i;
    }
}

void rule_scan::hit(const rule& r, const model::log_event& event, const model::record_event& record,
                    const captures& caught) {
    std::string subject = r.subject_default;
    bool from_rule = true;
    for (const std::string& name : r.subject) {
        if (const auto v = value_of(name, caught, record); v && !model::trim(*v).empty()) {
            subject = std::string(model::trim(*v));
            from_rule = false;
            break;
        }
    }
    const auto index = static_cast<std::size_t>(&r - m_rules.rules().data());
    group& g = m_groups[{index, subject}];
    model::finding& f = g.f;
    if (f.rule.empty()) {
        f.rule = r.id;
        f.severity = r.severity;
        f.status = model::finding_status::observed;
        f.title = r.title;
        f.subject = subject;
        f.subject_from_rule = from_rule && !subject.empty();
        f.cause = r.cause;
        f.references = r.references;
    }
    ++f.count;
    if (record.has_time) {
        if (!f.first || event.time < *f.first) {
            f.first = event.time;
        }
        if (!f.last || *f.last < event.time) {
            f.last = event.time;
        }
    }
    const std::string log = record.log.empty() ? std::string("mp-log") : record.log;
    if (std::find(f.logs.begin(), f.logs.end(), log) == f.logs.end()) {
        f.logs.push_back(log);
    }
    if (f.log.empty()) {
        f.log = log;
    }
    for (const auto& [capture, tables] : r.decode) {
        const auto v = value_of(capture, caught, record);
        if (!v || v->empty()) {
            continue;
        }
        std::optional<model::code_meaning> meaning;
        for (const std::string& table : tables) {
            if ((meaning = codes::lookup(table, *v))) {
                break;
            }
        }
        if (!meaning) {
            meaning = model::code_meaning{tables.front(), std::nullopt, std::string(*v), {}, "not in the table"};
        }
        if (std::none_of(f.codes.begin(), f.codes.end(), [&](const auto& c) { return same_code(c, *meaning); })) {
            f.codes.push_back(std::move(*meaning));
        }
    }
    for (const std::string& field : r.top) {
        if (const auto v = value_of(field, caught, record); v && !v->empty()) {
            auto& counts = g.tallies[field];
            auto it = counts.find(std::string(*v));
            if (it != counts.end()) {
                ++it->second;
            } else if (counts.size() < k_tallied) {
                counts.emplace(std::string(*v), 1);
            } else {
                ++counts["(other)"]; // bounded: memory does not grow with distinct values
            }
        }
    }
    // The first lines, and always the latest one as the last evidence line.
    model::evidence_line line{event.where, event.text};
    if (f.evidence.size() < k_evidence) {
        f.evidence.push_back(std::move(line));
    } else {
        f.evidence.back() = std::move(line);
    }
}

std::vector<model::finding> rule_scan::findings() const {
    std::vector<model::finding> out;
    for (const auto& [key, g] : m_groups) {
        model::finding f = g.f;
        const rule& r = m_rules.rules()[key.first];
        // The article's remedy for each code seen first, then the rule's own steps.
        std::vector<std::string> fix;
        for (const model::code_meaning& c : f.codes) {
            for (const code_remedy& remedy : r.codes) {
                const auto wanted = codes::lookup(remedy.table, remedy.term);
                if (!wanted || !same_code(*wanted, c)) {
                    continue;
                }
                const std::string label = c.term + (c.name.empty() ? "" : " (" + c.name + ")");
                if (!remedy.cause.empty()) {
                    f.cause += "\n" + label + ": " + remedy.cause;
                }
                for (const std::string& step : remedy.fix) {
                    fix.push_back(label + ": " + step);
                }
            }
        }
        fix.insert(fix.end(), r.fix.begin(), r.fix.end());
        f.fix = std::move(fix);
        for (const auto& [field, counts] : g.tallies) {
            std::vector<std::pair<std::string, std::uint64_t>> sorted(counts.begin(), counts.end());
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const auto& a, const auto& b) { return a.second > b.second; });
            sorted.resize(std::min<std::size_t>(sorted.size(), 5));
            for (auto& [value, n] : sorted) {
                f.top.push_back({field, value, n});
            }
        }
        out.push_back(std::move(f));
    }
    std::stable_sort(out.begin(), out.end(), [](const model::finding& a, const model::finding& b) {
        return a.severity < b.severity;
    });
    return out;
}

std::vector<model::rule_check> rule_scan::checks() const {
    std::vector<model::rule_check> out;
    const auto& rules = m_rules.rules();
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const rule& r = rules[i];
        bool checked = false;
        for (const std::string& family : m_families_read) {
            checked = checked || std::any_of(r.matches.begin(), r.matches.end(),
                                             [&](const rule_match& m) { return reads(m, family); });
        }
        if (checked) {
            out.push_back({r.id, r.logs(), m_hits[i]});
        }
    }
    return out;
}

} // namespace ikediff::diff::findings
