#include "cli/report/writer.hpp"

#include "diff/ike/classify.hpp"

#include "cli/report/advice/remedy.hpp"
#include "cli/report/spool.hpp"

#include <algorithm>
#include <array>
#include <sstream>

namespace ikediff::cli {

namespace {

struct palette {
    colors mode;
    std::string paint(std::string_view text, std::string_view code) const {
        if (mode == colors::off) {
            return std::string(text);
        }
        return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
    }
};

/// A table with columns padded to their widest cell (the last column is not padded).
std::string table(const std::vector<std::vector<std::string>>& rows, std::string_view indent) {
    std::vector<std::size_t> width;
    for (const auto& row : rows) {
        width.resize(std::max(width.size(), row.size()), 0);
        for (std::size_t i = 0; i < row.size(); ++i) {
            width[i] = std::max(width[i], row[i].size());
        }
    }
    std::string out;
    for (const auto& row : rows) {
        out += indent;
        for (std::size_t i = 0; i < row.size(); ++i) {
            out += row[i];
            if (i + 1 < row.size()) {
                out.append(width[i] - row[i].size() + 2, ' ');
            }
        }
        out += '\n';
    }
    return out;
}

std::string tag(status s, const palette& p) {
    switch (s) {
    case status::failed: return p.paint("FAILED  ", "1;31");
    case status::deviates: return p.paint("DEVIATES", "1;33");
    case status::unknown: return p.paint("UNKNOWN ", "1;34");
    case status::ok: return p.paint("OK      ", "1;32");
    }
    return {};
}

std::string location(const report& r, const model::source_line& where) {
    return terminal_safe(location_text(r, where));
}

void render_negotiation(std::ostream& out, const report& r, const diff::negotiation_report& nr,
                        const palette& p) {
    const model::negotiation& n = nr.negotiation;
    const model::tunnel_expectation* tunnel =
        nr.tunnel && r.sheet ? &r.sheet->tunnels[*nr.tunnel] : nullptr;
    std::vector<std::string> title;
    if (tunnel) {
        title.push_back(p.paint(terminal_safe(tunnel->name), "1"));
    } else if (n.gateway) {
        title.push_back("gateway " + terminal_safe(*n.gateway));
    } else if (n.ipsec_tunnel) {
        title.push_back("tunnel " + terminal_safe(*n.ipsec_tunnel));
    } else if (n.context) {
        title.push_back("context " + std::to_string(n.context->sa));
    }
    if (n.local || n.peer) {
        title.push_back(terminal_safe(endpoint_text(n.local) + " <-> " + endpoint_text(n.peer)));
    }
    out << tag(status_of(nr), p);
    for (const auto& part : title) {
        out << "  " << part;
    }
    out << '\n';
    out << "  " << describe(n) << '\n';
    switch (n.result) {
    case model::outcome::failed:
        if (n.failure) {
            out << "  failure: " << p.paint(model::to_string(*n.failure), "1") << " ("
                << diff::meaning(*n.failure) << ")\n";
        } else {
            out << "  failure: the log says the negotiation failed but not why\n";
        }
        break;
    case model::outcome::established: out << "  outcome: established\n"; break;
    case model::outcome::unknown: out << "  outcome: unknown (the log ends before the negotiation does)\n"; break;
    }
    if (!n.not_understood.empty()) {
        out << "  not understood: " << not_understood_text(r, n) << '\n';
    }
    if (nr.chosen_phase2_pair && n.phase2_pairs.size() > 1) {
        out << "  compared: the closest of " << n.phase2_pairs.size() << " quick-mode bundle pairs\n";
    }
    if (nr.chosen_pair) {
        const auto& pair = n.pairs[*nr.chosen_pair];
        if (pair.local_ref && pair.peer_ref) {
            out << "  compared: PAN-OS " << pair.local_ref->str() << " with peer " << pair.peer_ref->str();
        } else if (pair.accepted) {
            out << (n.role == model::role::initiator   ? "  proposal: the peer accepted PAN-OS's proposal"
                    : n.role == model::role::responder ? "  proposal: PAN-OS accepted the peer's proposal"
                                                       : "  proposal: the two sides agreed on a proposal");
        } else {
            out << "  compared: PAN-OS and peer proposals (the log names no prop#/trns#)";
        }
        if (n.pairs.size() > 1) {
            out << (pair.accepted ? " (of " : " (the closest of ") << n.pairs.size() << " pairs compared)";
        }
        out << '\n';
    }
    if (!nr.mismatches.empty()) {
        std::vector<std::vector<std::string>> rows{{"parameter", "expected", "PAN-OS", "peer", "fix"}};
        for (const auto& m : nr.mismatches) {
            rows.push_back({(m.phase == 2 && n.phase != 2 ? "phase 2 " : "") + m.attribute,
                            terminal_safe(show(m.expected, m.attribute)), terminal_safe(show(m.local, m.attribute)),
                            terminal_safe(show(m.peer, m.attribute)),
                            std::string(fix_cell(m.side))});
        }
        out << '\n' << table(rows, "  ") << '\n';
        for (const auto& m : nr.mismatches) {
            out << "  fix: " << terminal_safe(fix_sentence(m, tunnel)) << '\n';
            for (const std::string& command : pan_commands(m, tunnel, n)) {
                out << "       " << terminal_safe(command) << '\n';
            }
        }
    }
    // Evidence: the lines that decided the outcome and the lines that show each deviation.
    std::vector<model::source_line> lines;
    for (std::size_t i : n.evidence) {
        lines.push_back(n.lines[i].where);
    }
    for (const auto& m : nr.mismatches) {
        lines.insert(lines.end(), m.evidence.begin(), m.evidence.end());
    }
    const auto order = [](const model::source_line& a, const model::source_line& b) {
        return std::tie(a.input, a.line, a.column) < std::tie(b.input, b.line, b.column);
    };
    std::sort(lines.begin(), lines.end(), order);
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    if (!lines.empty()) {
        out << "\n  evidence:\n";
        std::vector<std::vector<std::string>> rows;
        for (const auto& l : lines) {
            rows.push_back({location(r, l), terminal_safe(report::line_at(n, l).text)});
        }
        out << table(rows, "    ");
    }
    out << '\n';
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string severity_tag(model::finding_severity s, const palette& p) {
    switch (s) {
    case model::finding_severity::critical: return p.paint("CRITICAL", "1;31");
    case model::finding_severity::high: return p.paint("HIGH    ", "1;31");
    case model::finding_severity::medium: return p.paint("MEDIUM  ", "1;33");
    case model::finding_severity::low: return p.paint("LOW     ", "1;34");
    case model::finding_severity::info: return p.paint("INFO    ", "1");
    }
    return {};
}

/// `krb5 -1765328360 KRB5KDC_ERR_PREAUTH_FAILED: Preauthentication failed`: the code as
/// logged (its number when no term was kept), the table's symbol, what it means.
std::string code_text(const model::code_meaning& c) {
    std::string out = c.table;
    const std::string value = !c.term.empty() ? c.term : c.value ? std::to_string(*c.value) : std::string();
    for (const std::string* part : {&value, &c.name}) {
        if (!part->empty()) {
            out += (out.empty() ? "" : " ") + *part;
        }
    }
    if (!c.meaning.empty()) {
        out += (out.empty() ? "" : ": ") + c.meaning;
    }
    return out;
}

/// The fields a finding tallies, in order.
std::vector<std::string> top_fields(const model::finding& f) {
    std::vector<std::string> fields;
    for (const auto& t : f.top) {
        if (std::find(fields.begin(), fields.end(), t.field) == fields.end()) {
            fields.push_back(t.field);
        }
    }
    return fields;
}

/// `203.0.113.5 (12), 198.51.100.7 (3)`: the commonest values of one tallied field.
std::string top_text(const model::finding& f, const std::string& field) {
    std::string out;
    for (const auto& t : f.top) {
        if (t.field == field) {
            out += (out.empty() ? "" : ", ") + t.value + " (" + std::to_string(t.count) + ")";
        }
    }
    return out;
}

std::string joined(const std::vector<std::string>& items, std::string_view between) {
    std::string out;
    for (const auto& i : items) {
        out += (out.empty() ? "" : std::string(between)) + i;
    }
    return out;
}

/// How often and when a finding was seen: `seen 12 times in useridd.log, 2024-02-08T18:10:00+09:00
/// to 2024-02-08T19:40:00+09:00`; an explained one was not seen.
std::string seen_text(const model::finding& f) {
    if (f.status == model::finding_status::explained) {
        return "explained: no line of the inputs shows it";
    }
    std::string out = "seen " + plural(f.count, "time", "times");
    if (!f.logs.empty()) {
        out += " in " + joined(f.logs, " and ");
    } else if (!f.log.empty()) {
        out += " in " + f.log;
    }
    if (f.first) {
        out += ", " + f.first->iso8601();
        if (f.last && *f.last != *f.first) {
            out += " to " + f.last->iso8601();
        }
    }
    return out;
}

void render_finding(std::ostream& out, const report& r, const model::finding& f, const palette& p) {
    out << severity_tag(f.severity, p) << "  " << p.paint(terminal_safe(f.rule), "1");
    if (!f.subject.empty()) {
        out << "  " << terminal_safe(f.subject);
    }
    out << '\n';
    out << "  " << terminal_safe(f.title) << '\n';
    out << "  " << terminal_safe(seen_text(f)) << '\n';
    for (const auto& c : f.codes) {
        out << "  code: " << terminal_safe(code_text(c)) << '\n';
    }
    if (!f.cause.empty()) {
        // A code's own cause follows the rule's on a line of its own.
        std::string_view cause = f.cause;
        for (bool first = true; !cause.empty(); first = false) {
            const std::size_t nl = std::min(cause.find('\n'), cause.size());
            out << (first ? "  cause: " : "         ") << terminal_safe(cause.substr(0, nl)) << '\n';
            cause.remove_prefix(std::min(nl + 1, cause.size()));
        }
    }
    for (const auto& field : top_fields(f)) {
        out << "  top " << terminal_safe(field) << ": " << terminal_safe(top_text(f, field)) << '\n';
    }
    for (std::size_t i = 0; i < f.fix.size(); ++i) {
        out << (i == 0 ? "  fix: " : "       ") << terminal_safe(f.fix[i]) << '\n';
    }
    for (std::size_t i = 0; i < f.references.size(); ++i) {
        const auto& ref = f.references[i];
        out << (i == 0 ? "  see: " : "       ") << terminal_safe(ref.title)
            << (ref.title.empty() || ref.url.empty() ? "" : ": ") << terminal_safe(ref.url) << '\n';
    }
    if (!f.evidence.empty()) {
        out << "\n  evidence:\n";
        std::vector<std::vector<std::string>> rows;
        for (const auto& l : f.evidence) {
            rows.push_back({location(r, l.where), terminal_safe(l.text)});
        }
        out << table(rows, "    ");
    }
    out << '\n';
}

/// The line under the summary that counts findings and configuration checks, when the
/// report has either: `3 findings: 1 high, 2 medium; 14 configuration checks: 2 deviate from the sheet`.
std::string findings_and_checks_line(const report& r) {
    const auto& t = r.summary();
    std::vector<std::string> parts;
    if (r.has_findings()) {
        if (t.findings == 0) {
            parts.push_back("no findings (" + plural(r.rule_checks.size(), "rule", "rules") + " checked)");
        } else {
            std::string part = plural(t.findings, "finding", "findings");
            std::size_t observed = 0;
            std::string by_severity;
            for (std::size_t i = 0; i < t.observed.size(); ++i) {
                if (t.observed[i] > 0) {
                    by_severity += (by_severity.empty() ? "" : ", ") + std::to_string(t.observed[i]) + " " +
                                   std::string(model::to_string(static_cast<model::finding_severity>(i)));
                    observed += t.observed[i];
                }
            }
            if (observed < t.findings) {
                by_severity += (by_severity.empty() ? "" : ", ") + std::to_string(t.findings - observed) + " explained";
            }
            parts.push_back(part + ": " + by_severity);
        }
    }
    if (t.config_checks > 0) {
        std::string part = plural(t.config_checks, "configuration check", "configuration checks") + ": ";
        if (t.config_deviations == 0) {
            part += "the configuration agrees with the sheet";
        } else {
            part += std::to_string(t.config_deviations) + (t.config_deviations == 1 ? " deviates" : " deviate");
            part += " from the sheet";
        }
        parts.push_back(part);
    }
    std::string line;
    for (const auto& part : parts) {
        line += (line.empty() ? "" : "; ") + part;
    }
    return line;
}

/// The configuration checks, one row each: the tunnel, the gateway, the parameter, what
/// the sheet expects, what is configured, and whether they agree.
void render_config_checks(std::ostream& out, const std::vector<model::config_check>& checks, const palette& p) {
    const auto deviate = static_cast<std::size_t>(
        std::count_if(checks.begin(), checks.end(), [](const model::config_check& c) { return !c.ok; }));
    out << "configuration: " << plural(checks.size(), "check", "checks") << " against the sheet, "
        << (deviate == 0 ? "all agree" : std::to_string(deviate) + (deviate == 1 ? " deviates" : " deviate")) << '\n';
    std::vector<std::vector<std::string>> rows{{"tunnel", "gateway", "parameter", "expected", "configured", "result"}};
    for (const auto& c : checks) {
        rows.push_back({terminal_safe(c.tunnel), c.gateway.empty() ? "-" : terminal_safe(c.gateway),
                        (c.phase ? "phase " + std::to_string(*c.phase) + " " : "") + terminal_safe(c.attribute),
                        c.expected ? terminal_safe(*c.expected) : "-",
                        c.configured ? terminal_safe(*c.configured) : "none",
                        c.ok ? p.paint("ok", "1;32") : p.paint("DEVIATES", "1;33")});
    }
    out << table(rows, "  ") << '\n';
    // The commands that give the configuration the sheet's values, deviation by deviation.
    bool any_fix = false;
    for (const auto& c : checks) {
        if (c.fix.empty()) {
            continue;
        }
        if (!any_fix) {
            out << "  fix:\n";
            any_fix = true;
        }
        out << "    # " << terminal_safe(c.tunnel) << ": " << (c.phase ? "phase " + std::to_string(*c.phase) + " " : "")
            << terminal_safe(c.attribute) << '\n';
        for (const auto& command : c.fix) {
            out << "    " << terminal_safe(command) << '\n';
        }
    }
    if (any_fix) {
        out << '\n';
    }
}

/// Every rule the findings analysis checked, and what it found.
void render_rule_checks(std::ostream& out, const report& r) {
    if (r.rule_checks.empty()) {
        return;
    }
    out << "rules checked:\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : r.rule_checks) {
        std::string logs;
        for (const auto& log : c.logs) {
            logs += (logs.empty() ? "" : ", ") + terminal_safe(log);
        }
        rows.push_back({terminal_safe(c.rule), logs.empty() ? "-" : logs,
                        c.hits == 0 ? "clean" : plural(c.hits, "hit", "hits")});
    }
    out << table(rows, "  ") << '\n';
}

} // namespace

namespace {

/// Negotiations are rendered as they come, into one spool per status, and written worst
/// status first (within one, in the order they started); then the configuration checks and
/// the findings, each part only when the report has one.
class text_report_writer final : public report_writer {
public:
    explicit text_report_writer(colors c) : m_palette{c} {}

    void negotiation(const report& r, const diff::negotiation_report& nr) override {
        std::ostringstream block;
        render_negotiation(block, r, nr, m_palette);
        m_by_status[static_cast<std::size_t>(status_of(nr))].append(block.str());
    }

    /// Findings are rendered as they come too, into one spool per severity, written worst
    /// first after the negotiations.
    void finding(const report& r, const model::finding& f) override {
        std::ostringstream block;
        render_finding(block, r, f, m_palette);
        m_findings[static_cast<std::size_t>(f.severity)].append(block.str());
    }

    /// Configuration checks are kept for their table, whose columns fit the widest cell: one
    /// per sheet tunnel and parameter, bounded by the sheet.
    void config_check(const report&, const model::config_check& c) override { m_config_checks.push_back(c); }

    void finish(std::ostream& out, const report& r) override;

private:
    palette m_palette;
    std::array<spool, 4> m_by_status; ///< indexed by `status`
    std::array<spool, 5> m_findings;  ///< indexed by `model::finding_severity`
    std::vector<model::config_check> m_config_checks;
};

void text_report_writer::finish(std::ostream& out, const report& r) {
    const palette& p = m_palette;
    std::string names;
    for (const auto& in : r.inputs) {
        names += names.empty() ? "" : ", ";
        names += terminal_safe(in.name);
    }
    out << "ikediff: " << names;
    if (r.sheet) {
        out << " against " << terminal_safe(r.sheet->file) << '\n';
    } else {
        out << " (no sheet: showing where PAN-OS and the peer differ)\n";
    }

    const auto t = r.summary();
    std::string line = plural(t.negotiations, "negotiation", "negotiations");
    if (t.negotiations > 0) {
        std::vector<std::string> parts;
        if (t.established > 0) {
            parts.push_back(std::to_string(t.established) + " established");
        }
        if (t.failed > 0) {
            std::string f = std::to_string(t.failed) + " failed (";
            bool first = true;
            for (const auto& [cls, count] : t.failures) {
                f += first ? "" : ", ";
                f += cls;
                if (t.failures.size() > 1 || count != t.failed) {
                    f += ' ';
                    f += std::to_string(count);
                }
                first = false;
            }
            std::size_t classified = 0;
            for (const auto& [cls, count] : t.failures) {
                classified += count;
            }
            if (classified < t.failed) {
                f += first ? "" : ", ";
                f += "no class " + std::to_string(t.failed - classified);
            }
            parts.push_back(f + ")");
        }
        if (t.unknown > 0) {
            parts.push_back(std::to_string(t.unknown) + " unfinished");
        }
        line += ":";
        for (std::size_t i = 0; i < parts.size(); ++i) {
            line += i == 0 ? " " : ", ";
            line += parts[i];
        }
    }
    if (t.negotiations == 0 && t.config_checks > 0) {
        // The configuration alone against the sheet: the next line says how that went.
    } else if (t.deviations == 0 && t.not_understood > 0) {
        line += "; ";
        line += r.sheet ? "nothing deviates from the sheet" : "the two sides agree";
        line += " in the lines read, but " + plural(t.not_understood, "negotiation has", "negotiations have") +
                " lines not understood";
    } else if (t.deviations == 0) {
        line += "; ";
        line += r.sheet ? "nothing deviates from the sheet" : "the two sides agree wherever both are logged";
    } else {
        line += "; ";
        line += plural(t.deviations, "parameter deviates", "parameters deviate");
        line += r.sheet ? " from the sheet" : " between the two sides";
    }
    if (t.mismatches > t.deviations) {
        line += " (" + plural(t.mismatches - t.deviations, "difference", "differences") + " the sheet allows)";
    }
    out << line << '\n';
    if (const std::string more = findings_and_checks_line(r); !more.empty()) {
        out << more << '\n';
    }
    out << '\n';

    if (t.negotiations == 0 && r.filtered_out > 0) {
        out << "no negotiation matches the filter (" << plural(r.filtered_out, "negotiation", "negotiations")
            << " in the input left out)\n\n";
    } else if (t.negotiations == 0 && r.read_ike_log()) {
        std::uint64_t read = 0;
        for (const auto& in : r.inputs) {
            read += in.lines;
        }
        out << "no IKE negotiation found (" << plural(read, "line", "lines")
            << " read): is this an ikemgr.log with `debug ike global on debug`?\n\n";
    }

    for (spool& s : m_by_status) {
        s.write_to(out);
    }
    for (std::size_t i : r.tunnels_not_seen) {
        const auto& tunnel = r.sheet->tunnels[i];
        out << p.paint("NOT SEEN", "1;35") << "  " << p.paint(terminal_safe(tunnel.name), "1");
        if (tunnel.peer_address) {
            out << "  peer " << terminal_safe(*tunnel.peer_address);
        }
        out << (r.filtered_out > 0 ? ": no negotiation of this tunnel matches the filter\n\n"
                                            : ": no negotiation of this tunnel in the log\n\n");
    }
    if (!m_config_checks.empty()) {
        render_config_checks(out, m_config_checks, p);
    }
    for (spool& s : m_findings) {
        s.write_to(out);
    }
    render_rule_checks(out, r);

    bool noted = false;
    for (const auto& in : r.inputs) {
        for (const auto& d : in.problems) {
            out << "warning: " << terminal_safe(d.located_message()) << '\n';
            noted = true;
        }
        if (in.malformed > in.problems.size()) {
            out << "warning: " << terminal_safe(in.name) << ": " << in.malformed - in.problems.size()
                << " more malformed lines not listed\n";
            noted = true;
        }
        if (in.oversized > 0) {
            out << "note: " << terminal_safe(in.name) << ": " << plural(in.oversized, "line", "lines")
                << " longer than 1 MiB skipped as noise\n";
            noted = true;
        }
    }
    if (r.sheet && r.sheet->has_psk()) {
        out << "note: the sheet's pre-shared key is never shown, and a log cannot confirm a key's value\n";
        noted = true;
    }
    if (noted) {
        out << '\n';
    }
    for (const auto& in : r.inputs) {
        out << "read " << terminal_safe(in.name) << ": " << plural(in.lines, "line", "lines") << ", " << in.recognized
            << " recognised, " << in.unrecognized << " noise, " << in.malformed << " malformed\n";
    }
}

} // namespace

std::unique_ptr<report_writer> text_writer(colors c) { return std::make_unique<text_report_writer>(c); }

std::string terminal_safe(std::string_view text) {
    static constexpr std::string_view hex = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool c1 = byte == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                        static_cast<unsigned char>(text[i + 1]) <= 0x9F;
        if (byte == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7F) {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        } else if (c1) {
            const auto code = static_cast<unsigned char>(text[++i]);
            out += "\\u00";
            out += hex[code >> 4];
            out += hex[code & 0xF];
        } else {
            out += static_cast<char>(byte);
        }
    }
    return out;
}

} // namespace ikediff::cli
