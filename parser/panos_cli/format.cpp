#include "parser/panos_cli/format.hpp"

#include "model/text.hpp"
#include "parser/io/line_pump.hpp"
#include "parser/panos/csv.hpp"
#include "parser/panos_cli/sa_xml.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ikediff::parser::panos_cli {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_response = "<response";
constexpr std::string_view k_response_end = "</response>";

/// `line` without a BOM, a trailing CR, terminal escapes (`ESC [ ... letter`) and the
/// `--More--` of a pager at its start, and where what is left starts (0-based).
std::pair<std::string_view, std::size_t> strip(std::string_view line) {
    std::size_t at = line.starts_with(k_bom) ? k_bom.size() : 0;
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    for (bool again = true; again;) {
        again = false;
        while (at < line.size() && model::is_blank(line[at])) {
            ++at;
        }
        if (line.substr(at, 2) == "\x1b[") {
            std::size_t end = at + 2;
            while (end < line.size() && !model::is_alpha(line[end])) {
                ++end;
            }
            at = std::min(end + 1, line.size());
            again = true;
        } else if (line.size() - at >= 8 && model::iequals(line.substr(at, 8), "--More--")) {
            at += 8;
            again = true;
        }
    }
    return {line.substr(at), at};
}

/// `admin@PA-VM> show vpn ike-sa`: a word with `@` ending in `>` or `#` opens the line.
bool is_prompt(std::string_view line) {
    const std::size_t end = line.find_first_of(" \t");
    const std::string_view word = line.substr(0, end);
    return word.size() > 2 && word.find('@') != std::string_view::npos &&
           (word.back() == '>' || word.back() == '#');
}

bool names_sa_command(std::string_view line) {
    return line.find("show vpn ike-sa") != std::string_view::npos ||
           line.find("show vpn ipsec-sa") != std::string_view::npos;
}

/// A line shaped like a row of `show vpn ike-sa` or `show vpn ipsec-sa`: digits, then
/// (after a TnID for the latter) an address.
bool looks_like_row(std::string_view line) {
    const std::vector<std::string_view> w = model::split_blanks(line, 3);
    const auto digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), model::is_digit);
    };
    const auto dotted = [](std::string_view s) {
        return std::count(s.begin(), s.end(), '.') == 3 || std::count(s.begin(), s.end(), ':') >= 2;
    };
    return w.size() >= 3 && digits(w[0]) && (dotted(w[1]) || (digits(w[1]) && dotted(w[2])));
}

/// `text` with each run of blanks made one blank: a row without its column padding.
std::string collapse_blanks(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (model::is_blank(c)) {
            if (!out.empty() && out.back() != ' ') {
                out += ' ';
            }
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

} // namespace

bool is_panos_cli_head(std::string_view head) {
    for (const std::string_view raw : panos::head_lines(head)) {
        const std::string_view line = strip(raw).first;
        if (table_of(line) != table::none || read_detail_start(line) ||
            (is_prompt(line) && names_sa_command(line))) {
            return true;
        }
    }
    if (head.find(k_response) == std::string_view::npos ||
        head.find("<config") != std::string_view::npos) {
        return false;
    }
    constexpr std::array<std::string_view, 4> k_sa_tags{"<algo>", "<i_spi>", "<ntun>", "<o_spi>"};
    return std::any_of(k_sa_tags.begin(), k_sa_tags.end(), [head](std::string_view tag) {
        return head.find(tag) != std::string_view::npos;
    });
}

feeder::feeder(std::uint32_t input, input_stats& stats, event_sink sink)
    : m_input(input), m_stats(stats), m_sink(std::move(sink)) {}

void feeder::feed(std::string_view physical_line) {
    ++m_stats.physical_lines;
    ++m_stats.lines;
    const auto [line, column] = strip(physical_line);
    read_line(line, column + 1);
}

void feeder::feed_oversized() {
    ++m_stats.physical_lines;
    ++m_stats.lines;
    ++m_stats.oversized;
    ++m_stats.unrecognized;
}

bool feeder::read_xml(std::string_view line, std::size_t column) {
    bool taken = false; // the line counts in an answer
    std::size_t from = 0;
    for (;;) {
        if (!m_xml) {
            const std::size_t at = line.find(k_response, from);
            if (at == std::string_view::npos) {
                return taken;
            }
            close_detail();
            m_table = table::none;
            m_xml = xml{std::string(), m_stats.physical_lines, column + at, taken ? 0U : 1U};
            taken = true;
            from = at;
        } else if (!taken) { // a line inside the answer
            m_xml->text += '\n';
            m_xml->text.append(column - 1, ' '); // what strip() took: the columns stay
            ++m_xml->lines;
            taken = true;
        }
        const std::size_t end = line.find(k_response_end, from);
        const std::size_t stop =
            end == std::string_view::npos ? line.size() : end + k_response_end.size();
        m_xml->text += line.substr(from, stop - from);
        if (end == std::string_view::npos) {
            return true;
        }
        close_xml();
        from = stop; // another answer may follow on the line
    }
}

void feeder::read_line(std::string_view line, std::size_t column) {
    if (read_xml(line, column)) {
        return;
    }
    if (auto start = read_detail_start(line)) {
        close_detail();
        m_table = table::none;
        m_detail = detail{std::move(start->gateway),
                          std::string(start->rest),
                          {m_input, m_stats.physical_lines, static_cast<std::uint32_t>(column)},
                          1,
                          collapse_blanks(line)};
        return;
    }
    const table t = table_of(line);
    if (m_detail && (t != table::none || is_prompt(line))) {
        close_detail();
    }
    if (m_detail) {
        m_detail->text += ' '; // one text, as a flattened copy has it
        m_detail->text += line;
        ++m_detail->lines;
        return;
    }
    if (is_prompt(line)) {
        m_table = table::none;
        ++m_stats.unrecognized;
        return;
    }
    if (t != table::none) {
        m_table = t;
        ++m_stats.unrecognized;
        return;
    }
    std::optional<sa_row> row;
    switch (m_table) {
    case table::ike_sa:
        row = read_ike_sa_row(line);
        break;
    case table::child_v1:
        row = read_child_sa_row(line, child_section::ikev1);
        break;
    case table::child_v2:
        row = read_child_sa_row(line, child_section::ikev2);
        break;
    case table::ipsec_sa:
        row = read_ipsec_sa_row(line);
        break;
    case table::none: // rows pasted without their header
        row = read_ipsec_sa_row(line);
        if (!row) {
            row = read_ike_sa_row(line);
        }
        break;
    }
    if (row) {
        ++m_stats.recognized;
        add(std::move(*row), column, collapse_blanks(line));
    } else if (looks_like_row(line)) {
        malformed(m_stats.physical_lines, column,
                  "a row of `show vpn ike-sa`/`show vpn ipsec-sa` that does not read as one");
    } else {
        ++m_stats.unrecognized;
    }
}

void feeder::add(sa_row row, std::size_t column, std::string text) {
    const model::source_line where{m_input, m_stats.physical_lines,
                                   static_cast<std::uint32_t>(column)};
    if (row.sa.phase == 2 && row.sa.spi_in && row.sa.spi_out) {
        for (pending& p : m_sas) {
            model::sa_state_event& seen = p.row.sa;
            if (seen.phase != 2 || seen.spi_in != row.sa.spi_in || seen.spi_out != row.sa.spi_out) {
                continue;
            }
            // The same SA shown again: what the first sighting lacks.
            for (const auto& value : row.sa.phase2) {
                const bool known =
                    std::any_of(seen.phase2.begin(), seen.phase2.end(),
                                [&](const auto& v) { return v.first == value.first; });
                if (!known) {
                    seen.phase2.push_back(value);
                }
            }
            for (auto [mine, theirs] :
                 {std::pair{&p.row.gateway, &row.gateway}, std::pair{&p.row.tunnel, &row.tunnel},
                  std::pair{&p.row.peer, &row.peer}, std::pair{&p.row.local, &row.local}}) {
                if (mine->empty()) {
                    *mine = *theirs;
                }
            }
            if (!seen.version) {
                seen.version = row.sa.version;
            }
            if (!seen.role) {
                seen.role = row.sa.role;
            }
            return;
        }
    }
    m_sas.push_back({std::move(row), where, std::move(text)});
}

void feeder::close_detail() {
    if (!m_detail) {
        return;
    }
    detail d = std::move(*m_detail);
    m_detail.reset();
    sa_row row;
    row.gateway = d.gateway;
    read_detail_text(d.text, row);
    m_stats.recognized += d.lines;
    m_sas.push_back({std::move(row), d.where, std::move(d.first)});
}

void feeder::close_xml() {
    if (!m_xml) {
        return;
    }
    xml x = std::move(*m_xml);
    m_xml.reset();
    const xml_answer answer = read_xml_answer(x.text);
    // The line and column of an offset into the answer's text.
    const auto locate = [&x](std::size_t offset) {
        offset = std::min(offset, x.text.size());
        const std::string_view before = std::string_view(x.text).substr(0, offset);
        const auto newlines =
            static_cast<std::uint64_t>(std::count(before.begin(), before.end(), '\n'));
        const std::size_t last = before.rfind('\n');
        const std::size_t column =
            last == std::string_view::npos ? x.column + offset : offset - last;
        return std::pair<std::uint64_t, std::size_t>{x.line + newlines, column};
    };
    if (answer.error_offset) {
        const auto [line, column] = locate(*answer.error_offset);
        m_stats.unrecognized += x.lines - 1;
        malformed(line, column, "XML API answer: " + answer.error);
        return;
    }
    m_stats.recognized += x.lines;
    for (const xml_sa& sa : answer.sas) {
        const auto [line, column] = locate(sa.offset);
        const std::size_t end = x.text.find("</entry>", sa.offset);
        std::string text = x.text.substr(sa.offset, end == std::string::npos ? std::string::npos
                                                                             : end + 8 - sa.offset);
        // One line of evidence: the element with its layout blanks collapsed.
        std::string flat;
        for (const char c : text) {
            if (c == '\n' || model::is_blank(c)) {
                if (!flat.empty() && flat.back() != ' ' && flat.back() != '>') {
                    flat += ' ';
                }
            } else {
                if (c == '<' && !flat.empty() && flat.back() == ' ') {
                    flat.pop_back();
                }
                flat += c;
            }
        }
        const std::uint64_t saved = m_stats.physical_lines;
        m_stats.physical_lines = line; // `add` places the SA at the line being read
        add(sa.row, column, std::move(flat));
        m_stats.physical_lines = saved;
    }
}

void feeder::finish() {
    close_detail();
    close_xml();
    for (pending& p : m_sas) {
        const model::sa_state_event& sa = p.row.sa;
        model::log_event event;
        event.where = p.where;
        event.has_time = false;
        if (!p.row.gateway.empty()) {
            event.gateway = p.row.gateway;
        }
        if (sa.phase == 2 && !p.row.tunnel.empty()) {
            event.ipsec_tunnel = p.row.tunnel;
        }
        if (!p.row.peer.empty()) {
            event.peer = model::endpoint{p.row.peer, 0};
        }
        if (!p.row.local.empty()) {
            event.local = model::endpoint{p.row.local, 0};
        }
        using e = model::event_code;
        event.code = sa.phase == 1 ? (sa.up ? e::phase1_succeeded : e::phase1_started)
                                   : (sa.up ? e::ipsec_sa_established : e::phase2_started);
        event.text = std::move(p.text);
        event.what = model::boxed<model::sa_state_event>(std::move(p.row.sa));
        event.key.kind = model::correlation::by::subject;
        event.key.summary = true;
        m_sink(std::move(event));
    }
    m_sas.clear();
}

void feeder::malformed(std::uint64_t line, std::size_t column, std::string message) {
    ++m_stats.malformed;
    if (m_stats.problems.size() < k_max_diagnostics) {
        model::diagnostic d;
        d.level = model::severity::warning;
        d.code = "log-malformed";
        d.message = "CLI output not understood: " + std::move(message);
        d.file = m_stats.name;
        d.line = line;
        d.column = column;
        m_stats.problems.push_back(std::move(d));
    }
}

namespace {

class panos_cli_format final : public log_format {
public:
    std::string_view name() const override { return "panos-cli"; }
    std::string_view files() const override { return "copied CLI output"; }
    bool wants(std::string_view /*base_name*/, found_in /*where*/) const override { return false; }
    bool looks_in(found_in /*where*/) const override { return false; }
    detection detect(std::string_view head) const override {
        return is_panos_cli_head(head) ? detection::yes : detection::no;
    }
    bool read(line_pump& lines, std::uint32_t input, input_stats& stats, const event_sink& sink,
              std::string& error) const override {
        feeder f(input, stats, sink);
        const bool ok = lines.run(f, error);
        f.finish();
        return ok;
    }
};

} // namespace

const log_format& format() {
    static const panos_cli_format k_format;
    return k_format;
}

} // namespace ikediff::parser::panos_cli
