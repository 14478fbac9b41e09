// The Markdown report (`--format markdown`): for a change ticket, an onboarding checklist or
// a vendor interop report. Renders on GitHub and GitLab: a summary table per tunnel, then per
// negotiation (worst first) the checklist of every sheet parameter, the fix as PAN-OS
// commands, the troubleshooting guide's next steps, and the evidence lines; then, when the
// report has them, the configuration checks as a table and the findings (worst first) with
// their codes, cause, fix steps, references and evidence.
#include "cli/report/advice/remedy.hpp"
#include "cli/report/writer.hpp"
#include "cli/report/spool.hpp"

#include "diff/ike/classify.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <numeric>
#include <sstream>

namespace ikediff::cli {

namespace {

/// `text` with what Markdown would read as markup escaped (for headings, list items and table
/// cells), control characters shown as in the text report. Only what can start markup inside
/// a line is escaped, so the raw text still reads well in a ticket that does not render it:
/// an underscore inside a word (`exchange_mode`) or a dot in an address stays as it is.
std::string md(std::string_view text) {
    const std::string safe = terminal_safe(text);
    std::string out;
    const auto word = [&](std::size_t i) {
        return i < safe.size() && (std::isalnum(static_cast<unsigned char>(safe[i])) != 0);
    };
    for (std::size_t i = 0; i < safe.size(); ++i) {
        const char c = safe[i];
        const bool inside_word = c == '_' && i > 0 && word(i - 1) && word(i + 1);
        if (std::string_view("\\`*_[]<>|~").find(c) != std::string_view::npos && !inside_word) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

/// `sentence` with its first letter upper-case (a list item reads as a sentence).
std::string capitalised(std::string sentence) {
    if (!sentence.empty() && sentence.front() >= 'a' && sentence.front() <= 'z') {
        sentence.front() = static_cast<char>(sentence.front() - 'a' + 'A');
    }
    return sentence;
}

/// `text` as inline code: fenced with more backticks than it holds in a row.
std::string code(std::string_view text) {
    const std::string safe = terminal_safe(text);
    std::size_t longest = 0;
    for (std::size_t run = 0, i = 0; i < safe.size(); ++i) {
        run = safe[i] == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(longest + 1, '`');
    const bool pad = !safe.empty() && (safe.front() == '`' || safe.back() == '`');
    return fence + (pad ? " " : "") + safe + (pad ? " " : "") + fence;
}

/// `code(text)` for a table cell: GFM splits a cell at a `|` even inside a code span, unless
/// it is escaped (the span then shows a plain `|`).
std::string cell_code(std::string_view text) {
    std::string out;
    for (const char c : code(text)) {
        if (c == '|') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

/// Lines in a fenced code block, with a fence longer than any backtick run inside.
std::string code_block(const std::vector<std::string>& lines, std::string_view indent = "") {
    std::size_t longest = 2;
    for (const auto& l : lines) {
        for (std::size_t run = 0, i = 0; i < l.size(); ++i) {
            run = l[i] == '`' ? run + 1 : 0;
            longest = std::max(longest, run);
        }
    }
    const std::string fence(longest + 1, '`');
    std::string out = std::string(indent) + fence + '\n';
    for (const auto& l : lines) {
        out += std::string(indent) + terminal_safe(l) + '\n';
    }
    return out + std::string(indent) + fence + '\n';
}

std::string_view status_word(status s) {
    switch (s) {
    case status::failed: return "FAILED";
    case status::deviates: return "DEVIATES";
    case status::unknown: return "UNKNOWN";
    case status::ok: return "OK";
    }
    return "";
}

std::string_view status_mark(status s) {
    switch (s) {
    case status::failed: return "❌";
    case status::deviates: return "⚠️";
    case status::unknown: return "❔";
    case status::ok: return "✅";
    }
    return "";
}

/// The name a negotiation goes by: the sheet's tunnel, else what the log names.
std::string tunnel_name(const report& r, const diff::negotiation_report& nr) {
    const model::negotiation& n = nr.negotiation;
    if (nr.tunnel && r.sheet) {
        return r.sheet->tunnels[*nr.tunnel].name;
    }
    if (n.gateway) {
        return "gateway " + *n.gateway;
    }
    if (n.ipsec_tunnel) {
        return "tunnel " + *n.ipsec_tunnel;
    }
    return n.peer ? "peer " + n.peer->address : "unnamed";
}

std::string verdict_text(const diff::parameter_check& c) {
    switch (c.result) {
    case diff::parameter_check::verdict::agrees: return "as the sheet says";
    case diff::parameter_check::verdict::not_logged: return "not in the log";
    case diff::parameter_check::verdict::deviates:
        return "**change " + std::string(c.side == diff::side::local ? "PAN-OS"
                                         : c.side == diff::side::peer ? "the peer"
                                                                      : "both sides") +
               "**";
    }
    return "";
}

/// The checklist: every sheet parameter the log speaks of, then deviations the checks do
/// not hold (proxy IDs); without a sheet, the parameters where the two sides differ.
void checklist(std::ostream& out, const diff::negotiation_report& nr) {
    if (nr.checks.empty() && nr.mismatches.empty()) {
        return;
    }
    out << "**Parameters**\n\n";
    for (const auto& c : nr.checks) {
        const bool ok = c.result == diff::parameter_check::verdict::agrees;
        out << "- [" << (ok ? 'x' : ' ') << "] " << (c.phase == 2 ? "phase 2 " : "") << code(c.attribute)
            << ": expected " << code(show(c.expected, c.attribute)) << "; PAN-OS " << code(show(c.local, c.attribute))
            << ", peer " << code(show(c.peer, c.attribute)) << ": " << verdict_text(c) << '\n';
    }
    for (const auto& m : nr.mismatches) {
        const bool listed = std::any_of(nr.checks.begin(), nr.checks.end(), [&](const diff::parameter_check& c) {
            return c.phase == m.phase && c.attribute == m.attribute;
        });
        if (listed) {
            continue;
        }
        const bool ok = m.side == diff::side::neither;
        out << "- [" << (ok ? 'x' : ' ') << "] " << (m.phase == 2 && m.attribute != "proxy_id" ? "phase 2 " : "")
            << code(m.attribute) << ": expected " << code(show(m.expected, m.attribute)) << "; PAN-OS "
            << code(show(m.local, m.attribute)) << ", peer " << code(show(m.peer, m.attribute)) << ": "
            << (m.side == diff::side::unknown ? "the two sides differ" : ok ? "both allowed" : "**change " + std::string(fix_cell(m.side)) + "**")
            << '\n';
    }
    out << '\n';
}

void render_negotiation(std::ostream& out, const report& r, const diff::negotiation_report& nr) {
    const model::negotiation& n = nr.negotiation;
    const model::tunnel_expectation* tunnel = nr.tunnel && r.sheet ? &r.sheet->tunnels[*nr.tunnel] : nullptr;
    const status s = status_of(nr);
    out << "### " << status_mark(s) << ' ' << status_word(s) << ": " << md(tunnel_name(r, nr));
    if (n.local || n.peer) {
        out << ", " << code(endpoint_text(n.local)) << " ↔ " << code(endpoint_text(n.peer));
    }
    out << "\n\n" << md(describe(n)) << "\n\n";
    switch (n.result) {
    case model::outcome::failed:
        if (n.failure) {
            out << "**Failure:** " << code(model::to_string(*n.failure)) << ": " << md(diff::meaning(*n.failure))
                << "\n\n";
        } else {
            out << "**Failure:** the log says the negotiation failed but not why\n\n";
        }
        break;
    case model::outcome::established: out << "**Outcome:** established\n\n"; break;
    case model::outcome::unknown: out << "**Outcome:** unknown (the log ends before the negotiation does)\n\n"; break;
    }
    if (!n.not_understood.empty()) {
        out << "**Not understood:** " << md(not_understood_text(r, n)) << "\n\n";
    }
    checklist(out, nr);

    // Numbered lists whose items may end in a code block (which ends with a blank line).
    bool blank = true;
    std::size_t number = 0;
    for (const auto& m : nr.mismatches) {
        if (m.side == diff::side::neither) {
            continue;
        }
        if (number == 0) {
            out << "**Fix**\n\n";
        }
        out << ++number << ". " << md(capitalised(fix_sentence(m, tunnel))) << '\n';
        const auto commands = pan_commands(m, tunnel, n);
        if (!commands.empty()) {
            out << '\n' << code_block(commands, "   ") << '\n';
        }
        blank = !commands.empty();
    }
    if (number > 0 && !blank) {
        out << '\n';
    }
    if (const auto steps = next_steps(n, tunnel); !steps.empty()) {
        out << "**Next steps** (troubleshooting guide)\n\n";
        std::size_t i = 0;
        for (const auto& step : steps) {
            out << ++i << ". " << terminal_safe(step.text) << '\n'; // ours: it may hold `code`
            if (!step.command.empty()) {
                out << '\n' << code_block({step.command}, "   ") << '\n';
            }
            blank = !step.command.empty();
        }
        if (!blank) {
            out << '\n';
        }
    }

    std::vector<model::source_line> lines;
    for (std::size_t i : n.evidence) {
        lines.push_back(n.lines[i].where);
    }
    for (const auto& m : nr.mismatches) {
        lines.insert(lines.end(), m.evidence.begin(), m.evidence.end());
    }
    std::sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) {
        return std::tie(a.input, a.line, a.column) < std::tie(b.input, b.line, b.column);
    });
    lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    if (!lines.empty()) {
        std::vector<std::string> rows;
        for (const auto& l : lines) {
            rows.push_back(location_text(r, l) + "  " + report::line_at(n, l).text);
        }
        out << "**Evidence**\n\n" << code_block(rows) << '\n';
    }
}

std::string_view severity_mark(model::finding_severity s) {
    switch (s) {
    case model::finding_severity::critical: return "🛑";
    case model::finding_severity::high: return "🔴";
    case model::finding_severity::medium: return "🟠";
    case model::finding_severity::low: return "🟡";
    case model::finding_severity::info: return "ℹ️";
    }
    return "";
}

/// A URL as a link's destination: `<...>`, with what cannot stand inside it (blanks,
/// controls, angle brackets) and every byte beyond ASCII percent-encoded.
std::string link_target(std::string_view url) {
    static constexpr std::string_view hex = "0123456789ABCDEF";
    std::string out = "<";
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte >= 0x7F || c == '<' || c == '>' || c == '\\') {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        } else {
            out += c;
        }
    }
    return out + ">";
}

/// A finding: its severity and title, what it is about and when it was seen, the codes
/// decoded, the cause, the fix steps, the references and the evidence lines.
void render_finding(std::ostream& out, const report& r, const model::finding& f) {
    std::string severity(model::to_string(f.severity));
    std::transform(severity.begin(), severity.end(), severity.begin(),
                   [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
    out << "### " << severity_mark(f.severity) << ' ' << severity << ": " << md(f.title) << "\n\n";
    out << "- **Rule:** " << code(f.rule) << '\n';
    if (!f.subject.empty()) {
        out << "- **Subject:** " << md(f.subject) << '\n';
    }
    if (f.status == model::finding_status::explained) {
        out << "- **Explained:** no line of the inputs shows it\n";
    } else {
        out << "- **Seen:** " << f.count << (f.count == 1 ? " time" : " times");
        if (!f.logs.empty()) {
            out << " in ";
            for (std::size_t i = 0; i < f.logs.size(); ++i) {
                out << (i == 0 ? "" : " and ") << code(f.logs[i]);
            }
        } else if (!f.log.empty()) {
            out << " in " << code(f.log);
        }
        if (f.first) {
            out << ", " << f.first->iso8601();
            if (f.last && *f.last != *f.first) {
                out << " to " << f.last->iso8601();
            }
        }
        out << '\n';
    }
    for (const auto& c : f.codes) {
        out << "- **Code:** " << code(c.table);
        if (!c.term.empty()) {
            out << ' ' << code(c.term);
        } else if (c.value) {
            out << ' ' << code(std::to_string(*c.value));
        }
        if (!c.name.empty()) {
            out << ' ' << code(c.name);
        }
        if (!c.meaning.empty()) {
            out << ": " << md(c.meaning);
        }
        out << '\n';
    }
    for (const auto& t : f.top) {
        out << "- **Top " << md(t.field) << ":** " << code(t.value) << " (" << t.count << ")\n";
    }
    out << '\n';
    if (!f.cause.empty()) {
        // A code's own cause follows the rule's as a paragraph of its own.
        std::string_view cause = f.cause;
        for (bool first = true; !cause.empty(); first = false) {
            const std::size_t nl = std::min(cause.find('\n'), cause.size());
            out << (first ? "**Cause:** " : "") << md(std::string(cause.substr(0, nl))) << "\n\n";
            cause.remove_prefix(std::min(nl + 1, cause.size()));
        }
    }
    if (!f.fix.empty()) {
        out << "**Fix**\n\n";
        std::size_t i = 0;
        for (const auto& step : f.fix) {
            out << ++i << ". " << md(capitalised(step)) << '\n';
        }
        out << '\n';
    }
    if (!f.references.empty()) {
        out << "**References**\n\n";
        for (const auto& ref : f.references) {
            out << "- [" << md(ref.title.empty() ? ref.url : ref.title) << "](" << link_target(ref.url) << ")\n";
        }
        out << '\n';
    }
    if (!f.evidence.empty()) {
        std::vector<std::string> rows;
        for (const auto& l : f.evidence) {
            rows.push_back(location_text(r, l.where) + "  " + l.text);
        }
        out << "**Evidence**\n\n" << code_block(rows) << '\n';
    }
}

/// A configuration check as a row of the configuration table.
std::string config_check_row(const model::config_check& c) {
    std::string parameter = cell_code(c.attribute);
    if (c.phase) {
        parameter = "phase " + std::to_string(*c.phase) + " " + parameter;
    }
    return "| " + std::string(c.ok ? "✅" : "❌") + " | " + md(c.tunnel) + " | " +
           (c.gateway.empty() ? std::string("-") : md(c.gateway)) + " | " + parameter + " | " +
           (c.expected ? cell_code(*c.expected) : std::string("-")) + " | " +
           (c.configured ? cell_code(*c.configured) : std::string("none")) + " |\n";
}

/// What the summary table says of one tunnel.
struct tunnel_row {
    std::string peer;
    std::array<std::size_t, 4> by_status{}; ///< indexed by `status`
    std::map<std::string, std::size_t> failures;
    std::map<std::string, std::size_t> fix_on; ///< `PAN-OS`, `peer`, `both`
};

class markdown_report_writer final : public report_writer {
public:
    void negotiation(const report& r, const diff::negotiation_report& nr) override {
        std::ostringstream block;
        render_negotiation(block, r, nr);
        const status s = status_of(nr);
        m_by_status[static_cast<std::size_t>(s)].append(block.str());
        tunnel_row& row = m_tunnels[tunnel_name(r, nr)];
        if (row.peer.empty() && nr.negotiation.peer) {
            row.peer = nr.negotiation.peer->address;
        }
        ++row.by_status[static_cast<std::size_t>(s)];
        if (nr.negotiation.failure) {
            ++row.failures[std::string(model::to_string(*nr.negotiation.failure))];
        }
        for (const auto& m : nr.mismatches) {
            if (m.side == diff::side::local || m.side == diff::side::peer || m.side == diff::side::both) {
                ++row.fix_on[std::string(fix_cell(m.side))];
            }
        }
    }

    /// Findings are rendered as they come, into one spool per severity, written worst first.
    void finding(const report& r, const model::finding& f) override {
        std::ostringstream block;
        render_finding(block, r, f);
        m_findings[static_cast<std::size_t>(f.severity)].append(block.str());
    }

    void config_check(const report&, const model::config_check& c) override {
        m_config_checks.append(config_check_row(c));
        if (!c.fix.empty()) {
            // In a fenced block: a name holding the fence's backticks cannot end it early.
            const auto fenced = [](const std::string& line) {
                std::string out = terminal_safe(line);
                std::replace(out.begin(), out.end(), '`', '\'');
                return out + "\n";
            };
            m_config_fixes.append(fenced("# " + c.tunnel + ": " +
                                         (c.phase ? "phase " + std::to_string(*c.phase) + " " : "") + c.attribute));
            for (const auto& command : c.fix) {
                m_config_fixes.append(fenced(command));
            }
        }
    }

    void finish(std::ostream& out, const report& r) override;

private:
    /// The findings part: the findings, worst first, then every rule checked.
    void write_findings(std::ostream& out, const report& r);

    std::array<spool, 4> m_by_status;
    std::array<spool, 5> m_findings; ///< indexed by `model::finding_severity`
    spool m_config_checks;           ///< the configuration table's rows
    spool m_config_fixes;            ///< the commands that fix its deviations, one per line
    std::map<std::string, tunnel_row> m_tunnels; ///< by name: one row per tunnel, bounded by the sheet and the peers
};

std::string counts(const std::map<std::string, std::size_t>& m) {
    std::string out;
    for (const auto& [name, count] : m) {
        out += out.empty() ? "" : ", ";
        out += md(name) + (count > 1 ? " ×" + std::to_string(count) : "");
    }
    return out.empty() ? "-" : out;
}

void markdown_report_writer::write_findings(std::ostream& out, const report& r) {
    out << "## Findings\n\n";
    if (r.summary().findings == 0) {
        out << "No findings.\n\n";
    }
    for (spool& s : m_findings) {
        s.write_to(out);
    }
    if (!r.rule_checks.empty()) {
        // A checklist, as the negotiations' parameters are: ticked where the logs are clean.
        out << "**Rules checked**\n\n";
        for (const auto& c : r.rule_checks) {
            std::string logs;
            for (const auto& log : c.logs) {
                logs += (logs.empty() ? "" : ", ") + code(log);
            }
            out << (c.hits == 0 ? "- [x] " : "- [ ] ") << code(c.rule) << " in " << (logs.empty() ? "-" : logs)
                << ": " << (c.hits == 0 ? std::string("clean") : std::to_string(c.hits) + (c.hits == 1 ? " hit" : " hits"))
                << '\n';
        }
        out << '\n';
    }
}

void markdown_report_writer::finish(std::ostream& out, const report& r) {
    const auto& t = r.summary();
    out << "# ikediff report\n\n";
    out << "- **Sheet:** " << (r.sheet ? code(r.sheet->file) : std::string("none (PAN-OS and the peer compared with each other)"))
        << '\n';
    out << "- **Negotiations:** " << t.negotiations << " (" << t.established << " established, " << t.failed
        << " failed, " << t.unknown << " unfinished)\n";
    out << "- **Deviations:** " << t.deviations << (r.sheet ? " from the sheet" : " between the two sides") << '\n';
    if (t.not_understood > 0) {
        out << "- **Not understood:** lines of " << t.not_understood
            << (t.not_understood == 1 ? " negotiation" : " negotiations") << " could not be read (not confirmed)\n";
    }
    if (r.has_findings()) {
        out << "- **Findings:** " << t.findings;
        std::string by_severity;
        for (std::size_t i = 0; i < t.observed.size(); ++i) {
            if (t.observed[i] > 0) {
                by_severity += (by_severity.empty() ? "" : ", ") + std::to_string(t.observed[i]) + " " +
                               std::string(model::to_string(static_cast<model::finding_severity>(i)));
            }
        }
        const std::size_t observed = std::accumulate(t.observed.begin(), t.observed.end(), std::size_t{0});
        if (observed < t.findings) {
            by_severity += (by_severity.empty() ? "" : ", ") + std::to_string(t.findings - observed) + " explained";
        }
        out << (by_severity.empty() ? "" : " (" + by_severity + ")") << '\n';
    }
    if (t.config_checks > 0) {
        out << "- **Configuration checks:** " << t.config_checks << " (" << t.config_deviations
            << " deviating from the sheet)\n";
    }
    out << "- **Exit status:** " << r.exit_status() << "\n\n";

    out << "## Summary\n\n";
    if (m_tunnels.empty() && r.tunnels_not_seen.empty()) {
        out << (r.filtered_out > 0   ? "No negotiation matches the filter.\n\n"
                : r.read_ike_log() ? "No IKE negotiation in the input: is it an ikemgr.log with "
                                     "`debug ike global on debug`?\n\n"
                                   : "No IKE log among the inputs.\n\n");
    } else {
        out << "| | Tunnel | Peer | Negotiations | Failures | Change |\n|---|---|---|---|---|---|\n";
        for (const auto& [name, row] : m_tunnels) {
            const auto worst = static_cast<status>(
                std::find_if(row.by_status.begin(), row.by_status.end(), [](std::size_t c) { return c > 0; }) -
                row.by_status.begin());
            std::string negotiations;
            for (const status s : {status::failed, status::deviates, status::unknown, status::ok}) {
                if (const std::size_t c = row.by_status[static_cast<std::size_t>(s)]; c > 0) {
                    negotiations += (negotiations.empty() ? "" : ", ") + std::to_string(c) + " " +
                                    std::string(status_word(s)) ;
                }
            }
            out << "| " << status_mark(worst) << " | " << md(name) << " | " << (row.peer.empty() ? "-" : md(row.peer))
                << " | " << negotiations << " | " << counts(row.failures) << " | " << counts(row.fix_on) << " |\n";
        }
        for (std::size_t i : r.tunnels_not_seen) {
            const auto& tunnel = r.sheet->tunnels[i];
            out << "| ❔ | " << md(tunnel.name) << " | " << (tunnel.peer_address ? md(*tunnel.peer_address) : "-")
                << " | not seen in the log | - | - |\n";
        }
        out << '\n';
    }

    bool any = false;
    for (spool& s : m_by_status) {
        if (!s.empty() && !any) {
            out << "## Negotiations\n\n";
            any = true;
        }
        s.write_to(out);
    }
    if (!m_config_checks.empty()) {
        out << "## Configuration checks\n\n| | Tunnel | Gateway | Parameter | Expected | Configured |\n"
               "|---|---|---|---|---|---|\n";
        m_config_checks.write_to(out);
        out << '\n';
        if (!m_config_fixes.empty()) {
            out << "**Fix** (PAN-OS configure mode)\n\n```\n";
            m_config_fixes.write_to(out);
            out << "```\n\n";
        }
    }
    if (r.has_findings()) {
        write_findings(out, r);
    }

    out << "## Inputs\n\n| Input | Format | Lines | Recognised | Noise | Malformed |\n|---|---|---|---|---|---|\n";
    for (const auto& in : r.inputs) {
        out << "| " << md(in.name) << " | " << md(in.format) << (in.compression.empty() ? "" : " (" + in.compression + ")")
            << " | " << in.lines << " | " << in.recognized << " | " << in.unrecognized << " | " << in.malformed << " |\n";
    }
    std::vector<std::string> problems;
    for (const auto& in : r.inputs) {
        for (const auto& d : in.problems) {
            problems.push_back(d.located_message());
        }
    }
    if (!problems.empty()) {
        out << "\nWarnings:\n\n";
        for (const auto& p : problems) {
            out << "- " << md(p) << '\n';
        }
    }
    if (r.sheet && r.sheet->has_psk()) {
        out << "\nThe sheet's pre-shared key is never shown, and a log cannot confirm a key's value.\n";
    }
}

} // namespace

std::unique_ptr<report_writer> markdown_writer() { return std::make_unique<markdown_report_writer>(); }

} // namespace ikediff::cli
