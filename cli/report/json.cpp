#include "cli/report/writer.hpp"

#include "diff/ike/classify.hpp"

#include "cli/report/advice/remedy.hpp"
#include "cli/report/json_emitter.hpp"
#include "cli/report/spool.hpp"

#include <nlohmann/json.hpp>

#include <cassert>
#include <cstdint>
#include <stdexcept>
#include <string_view>

namespace ikediff::cli {

namespace {

using json = nlohmann::ordered_json;

void write_value(json_emitter& w, const std::optional<model::value>& v) {
    if (!v) {
        w.null();
    } else if (const auto* n = std::get_if<std::uint64_t>(&*v)) {
        w.number(*n);
    } else {
        w.text(std::get<std::string>(*v));
    }
}

void write_endpoint(json_emitter& w, const std::optional<model::endpoint>& e) {
    if (!e) {
        w.null();
        return;
    }
    w.begin_object();
    w.key("address");
    w.text(e->address);
    w.key("port");
    e->port == 0 ? w.null() : w.number(e->port); // 0: not logged
    w.end_object();
}

template <class T>
void write_name(json_emitter& w, const std::optional<T>& v) {
    v ? w.text(model::to_string(*v)) : w.null();
}

template <class Proposal>
void write_proposal(json_emitter& w, const Proposal& p, const auto& parameters) {
    w.begin_object();
    for (auto param : parameters) {
        w.key(model::to_string(param));
        write_value(w, p.get(param));
    }
    w.end_object();
}

void write_line(json_emitter& w, const report& r, const model::evidence_line& l) {
    w.begin_object();
    w.key("input");
    w.text(r.inputs[l.where.input].name);
    w.key("line");
    w.number(l.where.line);
    w.key("column");
    w.number(l.where.column);
    w.key("text");
    w.text(l.text);
    if (!l.meaning.empty()) {
        w.key("means");
        w.text(l.meaning);
    }
    w.end_object();
}

/// A negotiation's report, as contract.md section 4 lists its members.
void write_negotiation(json_emitter& w, const report& r, const diff::negotiation_report& nr) {
    const model::negotiation& n = nr.negotiation;
    const model::tunnel_expectation* tunnel = nr.tunnel && r.sheet ? &r.sheet->tunnels[*nr.tunnel] : nullptr;
    w.begin_object();
    w.key("ike_version");
    write_name(w, n.version);
    w.key("phase");
    w.number(n.phase);
    w.key("role");
    write_name(w, n.role);
    w.key("exchange");
    write_name(w, n.exchange);
    w.key("local");
    write_endpoint(w, n.local);
    w.key("peer");
    write_endpoint(w, n.peer);
    w.key("gateway");
    w.optional_text(n.gateway);
    w.key("ipsec_tunnel");
    w.optional_text(n.ipsec_tunnel);
    w.key("tunnel");
    tunnel ? w.text(tunnel->name) : w.null();
    w.key("context");
    n.context ? w.number(n.context->sa) : w.null();
    w.key("cookie");
    w.optional_text(n.initiator_cookie);
    w.key("started");
    model::timestamp::iso8601_text time;
    n.started ? w.text(n.started->iso8601(time)) : w.null();
    w.key("ended");
    n.ended ? w.text(n.ended->iso8601(time)) : w.null();
    w.key("outcome");
    w.text(model::to_string(n.result));
    w.key("failure");
    write_name(w, n.failure);
    w.key("failure_meaning");
    n.failure ? w.text(diff::meaning(*n.failure)) : w.null();

    w.key("proposals");
    w.begin_array();
    if (nr.chosen_pair) {
        const auto& pair = n.pairs[*nr.chosen_pair];
        w.begin_object();
        w.key("phase");
        w.number(1);
        w.key("local_ref");
        pair.local_ref ? w.text(pair.local_ref->str()) : w.null();
        w.key("peer_ref");
        pair.peer_ref ? w.text(pair.peer_ref->str()) : w.null();
        w.key("local");
        write_proposal(w, pair.local, model::k_phase1_parameters);
        w.key("peer");
        write_proposal(w, pair.peer, model::k_phase1_parameters);
        w.key("accepted");
        w.boolean(pair.accepted);
        w.end_object();
    }
    if (nr.chosen_phase2_pair) {
        const auto& pair = n.phase2_pairs[*nr.chosen_phase2_pair];
        w.begin_object();
        w.key("phase");
        w.number(2);
        w.key("local_ref");
        w.null();
        w.key("peer_ref");
        w.null();
        w.key("local");
        write_proposal(w, pair.local, model::k_phase2_parameters);
        w.key("peer");
        write_proposal(w, pair.peer, model::k_phase2_parameters);
        w.end_object();
    }
    w.end_array();
    w.key("pairs_compared");
    w.number(n.pairs.size() + n.phase2_pairs.size());
    w.key("proxy_ids");
    w.begin_array();
    for (const auto& p : n.proxy_ids) {
        w.begin_object();
        w.key("local");
        w.text(p.local);
        w.key("remote");
        w.text(p.remote);
        w.key("protocol");
        w.text(p.protocol);
        w.end_object();
    }
    w.end_array();

    w.key("mismatches");
    w.begin_array();
    for (const auto& m : nr.mismatches) {
        w.begin_object();
        w.key("phase");
        w.number(m.phase);
        w.key("attribute");
        w.text(m.attribute);
        w.key("expected"); // one value, as in the contract: the sheet's first, preferred one
        write_value(w, m.expected.empty() ? std::nullopt : std::optional<model::value>(m.expected.front()));
        w.key("acceptable"); // every value the sheet allows
        w.begin_array();
        for (const auto& v : m.expected) {
            write_value(w, v);
        }
        w.end_array();
        w.key("local");
        write_value(w, m.local);
        w.key("peer");
        write_value(w, m.peer);
        w.key("side");
        w.text(diff::to_string(m.side));
        w.key("fix");
        w.text(fix_sentence(m, tunnel));
        w.key("pan_commands");
        w.begin_array();
        for (const auto& command : pan_commands(m, tunnel, n)) {
            w.text(command);
        }
        w.end_array();
        w.key("evidence");
        w.begin_array();
        for (const auto& where : m.evidence) {
            write_line(w, r, report::line_at(n, where));
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();

    w.key("evidence");
    w.begin_array();
    for (std::size_t i : n.evidence) {
        write_line(w, r, n.lines[i]);
    }
    w.end_array();
    if (!n.not_understood.empty()) {
        // Lines of it not understood (each a `log-malformed` diagnostic of its input).
        w.key("not_understood");
        w.begin_array();
        for (const auto& where : n.not_understood) {
            w.begin_object();
            w.key("input");
            w.text(r.inputs[where.input].name);
            w.key("line");
            w.number(where.line);
            w.key("column");
            w.number(where.column);
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
}

/// A finding, as contract.md section 7 lists its members (`term`, an evidence line's
/// `column` and `means` besides).
void write_finding(json_emitter& w, const report& r, const model::finding& f) {
    const auto text_or_null = [&w](const std::string& s) { s.empty() ? w.null() : w.text(s); };
    w.begin_object();
    w.key("rule");
    w.text(f.rule);
    w.key("severity");
    w.text(model::to_string(f.severity));
    w.key("status");
    w.text(model::to_string(f.status));
    w.key("title");
    w.text(f.title);
    w.key("subject");
    text_or_null(f.subject);
    w.key("log");
    text_or_null(f.log);
    w.key("logs");
    w.begin_array();
    for (const auto& l : f.logs) {
        w.text(l);
    }
    w.end_array();
    w.key("count");
    w.number(f.count);
    model::timestamp::iso8601_text time;
    w.key("first");
    f.first ? w.text(f.first->iso8601(time)) : w.null();
    w.key("last");
    f.last ? w.text(f.last->iso8601(time)) : w.null();
    w.key("codes");
    w.begin_array();
    for (const auto& c : f.codes) {
        w.begin_object();
        w.key("table");
        w.text(c.table);
        w.key("value");
        c.value ? w.number(*c.value) : w.null();
        w.key("term");
        text_or_null(c.term);
        w.key("name");
        text_or_null(c.name);
        w.key("meaning");
        w.text(c.meaning);
        w.end_object();
    }
    w.end_array();
    w.key("cause");
    w.text(f.cause);
    w.key("fix");
    w.begin_array();
    for (const auto& step : f.fix) {
        w.text(step);
    }
    w.end_array();
    w.key("references");
    w.begin_array();
    for (const auto& ref : f.references) {
        w.begin_object();
        w.key("title");
        w.text(ref.title);
        w.key("url");
        w.text(ref.url);
        w.end_object();
    }
    w.end_array();
    w.key("evidence");
    w.begin_array();
    for (const auto& l : f.evidence) {
        write_line(w, r, l);
    }
    w.end_array();
    if (!f.top.empty()) {
        w.key("top");
        w.begin_array();
        for (const auto& t : f.top) {
            w.begin_object();
            w.key("field");
            w.text(t.field);
            w.key("value");
            w.text(t.value);
            w.key("count");
            w.number(t.count);
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
}

/// A configuration check, as contract.md section 9 lists its members.
void write_config_check(json_emitter& w, const model::config_check& c) {
    w.begin_object();
    w.key("tunnel");
    w.text(c.tunnel);
    w.key("gateway");
    c.gateway.empty() ? w.null() : w.text(c.gateway);
    w.key("phase");
    c.phase ? w.number(*c.phase) : w.null();
    w.key("attribute");
    w.text(c.attribute);
    w.key("expected");
    w.optional_text(c.expected);
    w.key("configured");
    w.optional_text(c.configured);
    w.key("ok");
    w.boolean(c.ok);
    if (!c.fix.empty()) {
        w.key("fix");
        w.begin_array();
        for (const auto& command : c.fix) {
            w.text(command);
        }
        w.end_array();
    }
    w.end_object();
}

/// Log text may hold bytes that are not UTF-8: replace them rather than fail.
std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

/// The document's members but those listed as they come: `negotiations` empty, and neither
/// `findings`, `checks` nor `config_checks` (cli/report/json.cpp writes them after the
/// negotiations). What comes before the list (`schema`, `sheet`) is known when reading
/// starts, what comes after it (`inputs`, `summary`, ...) only at the end.
json document(const report& r, bool at_end) {
    json doc;
    doc["schema"] = "ikediff/1";
    doc["sheet"] = r.sheet ? json(r.sheet->file) : json(nullptr);
    doc["negotiations"] = json::array();
    if (!at_end) {
        return doc;
    }
    json inputs = json::array();
    for (const auto& in : r.inputs) {
        json problems = json::array();
        for (const auto& d : in.problems) {
            problems.push_back(json{{"code", d.code}, {"message", d.message}, {"line", d.line}, {"column", d.column}});
        }
        json entry{{"name", in.name},
                   {"format", in.format},
                   {"compression", in.compression.empty() ? json(nullptr) : json(in.compression)},
                   {"lines", in.lines},
                   {"recognized", in.recognized},
                   {"unrecognized", in.unrecognized},
                   {"malformed", in.malformed},
                   {"physical_lines", in.physical_lines},
                   {"oversized", in.oversized},
                   {"diagnostics", problems}};
        if (in.continued > 0) {
            entry["continued"] = in.continued; // wrapped lines joined to the line before
        }
        inputs.push_back(std::move(entry));
    }
    doc["inputs"] = inputs;

    json not_seen = json::array();
    for (std::size_t i : r.tunnels_not_seen) {
        not_seen.push_back(r.sheet->tunnels[i].name);
    }
    const auto t = r.summary();
    json failures = json::object();
    for (const auto& [cls, count] : t.failures) {
        failures[cls] = count;
    }
    json summary = json{{"negotiations", t.negotiations},
                        {"established", t.established},
                        {"failed", t.failed},
                        {"unknown", t.unknown},
                        {"failures", failures},
                        {"mismatches", t.mismatches},
                        {"deviations", t.deviations}};
    if (t.not_understood > 0) {
        summary["not_understood"] = t.not_understood; // negotiations with lines not understood
    }
    if (r.has_findings()) {
        // Observed findings by severity, every severity named (contract.md section 7).
        json by_severity = json::object();
        for (std::size_t i = 0; i < t.observed.size(); ++i) {
            by_severity[std::string(model::to_string(static_cast<model::finding_severity>(i)))] = t.observed[i];
        }
        summary["findings"] = by_severity;
    }
    if (t.config_checks > 0) {
        summary["config_deviations"] = t.config_deviations;
    }
    summary["tunnels_not_seen"] = not_seen;
    summary["filtered_out"] = r.filtered_out;
    summary["exit_status"] = r.exit_status();
    doc["summary"] = summary;
    if (r.stopped) {
        doc["error"] = json{{"code", r.stopped->code}, {"file", r.stopped->file}, {"message", r.stopped->message}};
        if (r.stopped->line != 0) { // where in the file: a configuration that is not well-formed
            doc["error"]["line"] = r.stopped->line;
            doc["error"]["column"] = r.stopped->column;
        }
    }
    if (r.sheet && r.sheet->has_psk()) {
        doc["notes"] = json::array({"the sheet's pre-shared key is never shown, and a log cannot confirm a key's value"});
    }
    return doc;
}

/// Where the empty `negotiations` list of a dumped document opens, at its `[`.
std::size_t list_opening(const std::string& text) {
    constexpr std::string_view k_empty = "\n  \"negotiations\": []";
    const std::size_t at = text.find(k_empty);
    assert(at != std::string::npos); // the first member a writer adds after `sheet`
    return at + k_empty.size() - 2;
}

/// A list of the document whose elements are written as they come: their text waits in a
/// spool (memory, then a scratch file) until the list's place is reached, after the
/// negotiations.
class spooled_list {
public:
    /// Adds an element, written by `write(json_emitter&)` at the list's depth.
    template <class Write>
    void add(std::string& working_room, Write write) {
        json_emitter w(working_room, 0, m_count == 0 ? "\n    " : ",\n    ", 2);
        write(w);
        m_text.append(std::string_view(working_room.data(), w.end()));
        ++m_count;
    }
    /// `,`, the member `name` and the list, laid out as dump(2) lays out a top-level member.
    void write_to(std::ostream& out, std::string_view name) {
        out << ",\n  \"" << name << "\": [";
        m_text.write_to(out);
        out << (m_count > 0 ? "\n  ]" : "]");
    }

private:
    spool m_text;
    std::size_t m_count = 0;
};

/// The report streams: the document opens when reading starts, each negotiation is written
/// as it becomes final (in blocks of about a megabyte), and the members known only at the
/// end (`inputs`, `summary`) follow the list; findings and configuration checks wait in a
/// spool for their place after the negotiations, and each list is written only when the
/// report has one (a report of IKE logs alone reads as it always did). Laid out as
/// nlohmann's `dump(2)` would lay out the whole document, so the report needs neither memory
/// nor a temporary file in proportion to the log.
class json_report_writer final : public report_writer {
public:
    void begin(std::ostream& out, const report& r) override {
        m_out = &out;
        const std::string head = dump(document(r, false));
        m_out->write(head.data(), static_cast<std::streamsize>(list_opening(head) + 1));
    }

    void negotiation(const report& r, const diff::negotiation_report& nr) override {
        // An element of the document's `negotiations` list: at depth 2, as in the whole dump.
        // Items gather in one buffer (grown once, kept), written out once it holds a block.
        json_emitter w(m_items_text, m_items_length, m_count == 0 ? "\n    " : ",\n    ", 2);
        write_negotiation(w, r, nr);
        m_items_length = w.end();
        ++m_count;
        if (m_items_length >= k_block) {
            write_items();
        }
    }

    void finding(const report& r, const model::finding& f) override {
        m_findings.add(m_working_room, [&](json_emitter& w) { write_finding(w, r, f); });
    }

    void config_check(const report&, const model::config_check& c) override {
        m_config_checks.add(m_working_room, [&](json_emitter& w) { write_config_check(w, c); });
    }

    void finish(std::ostream& out, const report& r) override {
        if (m_out != &out) {
            throw std::logic_error("the JSON report was not begun on the stream it is finished on");
        }
        write_items();
        const std::string whole = dump(document(r, true));
        if (m_count > 0) {
            out << "\n  ";
        }
        // The negotiations' `]`, the lists that came with them, then the members after it.
        const std::string_view after = std::string_view(whole).substr(list_opening(whole) + 1);
        out << after.front();
        if (r.has_findings()) {
            m_findings.write_to(out, "findings");
            write_rule_checks(out, r);
        }
        if (r.summary().config_checks > 0) {
            m_config_checks.write_to(out, "config_checks");
        }
        out << after.substr(1) << '\n';
    }

private:
    static constexpr std::size_t k_block = std::size_t{1} << 20;
    void write_items() {
        if (m_out == nullptr) {
            throw std::logic_error("a JSON report written before it was begun");
        }
        m_out->write(m_items_text.data(), static_cast<std::streamsize>(m_items_length));
        m_items_length = 0;
    }
    /// `checks`: one element per rule, held by the report.
    void write_rule_checks(std::ostream& out, const report& r) {
        json_emitter w(m_working_room, 0, ",\n  \"checks\": ", 1);
        w.begin_array();
        for (const auto& c : r.rule_checks) {
            w.begin_object();
            w.key("rule");
            w.text(c.rule);
            w.key("logs");
            w.begin_array();
            for (const auto& log : c.logs) {
                w.text(log);
            }
            w.end_array();
            w.key("hits");
            w.number(c.hits);
            w.end_object();
        }
        w.end_array();
        out.write(m_working_room.data(), static_cast<std::streamsize>(w.end()));
    }

    std::ostream* m_out = nullptr;
    std::string m_items_text;       ///< items not yet written, then working room
    std::size_t m_items_length = 0; ///< how much of m_items_text they fill
    std::size_t m_count = 0;
    spooled_list m_findings;
    spooled_list m_config_checks;
    std::string m_working_room; ///< where a finding or a check is written before its spool takes it
};

} // namespace

std::unique_ptr<report_writer> json_writer() { return std::make_unique<json_report_writer>(); }

} // namespace ikediff::cli
