#include "cli/report/writer.hpp"

#include "diff/ike/classify.hpp"

#include "cli/report/advice/remedy.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cassert>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ikediff::cli {

namespace {

using json = nlohmann::ordered_json;

/// `,` and a line break, then blanks: a separator and indentation as dump(2) writes them are
/// a slice of it.
constexpr auto k_breaks = [] {
    std::array<char, 2 + 256> b{};
    b.fill(' ');
    b[0] = ',';
    b[1] = '\n';
    return b;
}();
/// A report's indentation is never longer: copied whole, in fixed-size moves, no call.
constexpr std::size_t k_short_break = 32;

/// Writes JSON laid out exactly as nlohmann's `dump(2)` lays it out, straight into a string,
/// without building a document: a negotiation's report is written this way, the costliest part
/// of a big report (docs/performance.md). Keys and values are written in call order.
class json_out {
public:
    /// Writes `lead`, then the value, into `buffer` from byte `from` on: the buffer's size is
    /// working room, grown as needed and kept for the next value (`end()`: where the text
    /// written ends).
    json_out(std::string& buffer, std::size_t from, std::string_view lead, std::size_t depth)
        : m_out(buffer), m_length(from), m_depth(depth) {
        put(lead);
    }
    json_out(const json_out&) = delete;
    json_out& operator=(const json_out&) = delete;

    std::size_t end() const { return m_length; }

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    /// The next member's key (inside an object).
    void key(std::string_view k) {
        separate();
        // The vocabulary's names: printable ASCII, written as they are (told a word at a time).
        if (!may_need_escape(k)) {
            reserve(k.size() + 3);
            m_out[m_length++] = '"';
            std::memcpy(m_out.data() + m_length, k.data(), k.size());
            m_length += k.size();
            std::memcpy(m_out.data() + m_length, "\": ", 3);
            m_length += 3;
        } else {
            string(k);
            put(": ");
        }
        m_keyed = true;
    }
    /// A key written in this file: a name of the contract's schema, printable ASCII without
    /// quotes or backslashes, written as it is. The commonest write of a report: the separator,
    /// the indentation and the key in one reserve and fixed-size copies.
    template <std::size_t N>
    void key(const char (&k)[N]) {
        const std::size_t width = 2 * (m_depth + m_first.size());
        if (m_first.empty() || width + 2 > k_short_break) [[unlikely]] {
            separate();
            put('"');
            put(std::string_view(k, N - 1));
            put("\": ");
            m_keyed = true;
            return;
        }
        const std::size_t skip = m_first.back() ? 1 : 0; // the container's first member: no comma
        m_first.back() = false;
        reserve(k_short_break + N + 2);
        char* out = m_out.data() + m_length;
        out = short_break(out, skip, width);
        *out++ = '"';
        std::memcpy(out, k, N - 1);
        out += N - 1;
        std::memcpy(out, "\": ", 3);
        m_length = static_cast<std::size_t>(out + 3 - m_out.data());
        m_keyed = true;
    }
    void null() { scalar("null"); }
    void boolean(bool b) { scalar(b ? "true" : "false"); }
    void number(std::uint64_t n) {
        before_value();
        constexpr std::size_t k_digits = 20; // of the largest std::uint64_t
        reserve(k_digits);
        char* at = m_out.data() + m_length;
        m_length += static_cast<std::size_t>(std::to_chars(at, at + k_digits, n).ptr - at); // in place: no copy
    }
    void text(std::string_view s) {
        before_value();
        string(s);
    }
    template <class T>
    void optional_text(const std::optional<T>& v) {
        v ? text(*v) : null();
    }

private:
    void before_value() {
        if (!m_keyed) {
            separate(); // an array element
        }
        m_keyed = false;
    }
    void separate() {
        if (!m_first.empty()) {
            indent(m_depth + m_first.size(), !m_first.back());
            m_first.back() = false;
        }
    }
    void open(char bracket) {
        before_value();
        put(bracket);
        m_first.push_back(true);
    }
    void close(char bracket) {
        const bool empty = m_first.back();
        m_first.pop_back();
        if (!empty) {
            indent(m_depth + m_first.size());
        }
        put(bracket);
    }
    void scalar(std::string_view s) {
        before_value();
        put(s);
    }
    /// A JSON string as nlohmann writes it (ensure_ascii off); text with bytes beyond ASCII
    /// goes through nlohmann itself, whose replacement of invalid UTF-8 the report keeps.
    void string(std::string_view s) {
        if (!may_need_escape(s)) {
            // Nearly every string: written whole, with its quotes, at once.
            reserve(s.size() + 2);
            m_out[m_length++] = '"';
            std::memcpy(m_out.data() + m_length, s.data(), s.size());
            m_length += s.size();
            m_out[m_length++] = '"';
            return;
        }
        static constexpr char hex[] = "0123456789abcdef";
        const std::size_t mark = m_length;
        put('"');
        // Runs of characters that need no escape are appended whole (most text is one run),
        // looked through eight bytes at a time.
        const char* p = s.data();
        const char* const end = p + s.size();
        const char* run = p;
        while (p < end) {
            if (end - p >= 8 && !may_need_escape(p)) {
                p += 8;
                continue;
            }
            const auto u = static_cast<unsigned char>(*p);
            if (u >= 0x20 && u < 0x80 && u != '"' && u != '\\') {
                ++p;
                continue;
            }
            if (u >= 0x80) {
                m_length = mark;
                put(json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace));
                return;
            }
            put(std::string_view(run, static_cast<std::size_t>(p - run)));
            run = ++p;
            switch (u) {
            case '"': put("\\\""); break;
            case '\\': put("\\\\"); break;
            case '\b': put("\\b"); break;
            case '\f': put("\\f"); break;
            case '\n': put("\\n"); break;
            case '\r': put("\\r"); break;
            case '\t': put("\\t"); break;
            default:
                put("\\u00");
                put(hex[u >> 4]);
                put(hex[u & 0xF]);
            }
        }
        put(std::string_view(run, static_cast<std::size_t>(end - run)));
        put('"');
    }
    /// Whether one of the eight bytes of `x` may be a control character, `"`, `\\` or beyond
    /// ASCII (never false when one is; now and then true when none is).
    static bool may_need_escape(std::uint64_t x) {
        constexpr std::uint64_t ones = 0x0101010101010101u;
        constexpr std::uint64_t high = 0x8080808080808080u;
        const auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & high; };
        return ((x - 0x20 * ones) & ~x & high) != 0 || has_zero(x ^ ('"' * ones)) != 0 ||
               has_zero(x ^ ('\\' * ones)) != 0 || (x & high) != 0;
    }
    static bool may_need_escape(const char* p) {
        std::uint64_t x = 0;
        std::memcpy(&x, p, 8);
        return may_need_escape(x);
    }
    /// The same of a whole string, in words that may overlap (a byte looked at twice is
    /// harmless): no byte-by-byte loop for the short strings most values are.
    static bool may_need_escape(std::string_view s) {
        const char* p = s.data();
        const std::size_t n = s.size();
#if defined(__SSE2__)
        if (n >= 16) { // a log line's text: sixteen bytes a look
            const auto any_in = [](const char* q) {
                const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
                // Signed: bytes beyond ASCII are negative, below 0x20 like control characters.
                const __m128i hits = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                                  _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                               _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
                return _mm_movemask_epi8(hits) != 0;
            };
            for (std::size_t i = 0; i + 16 < n; i += 16) {
                if (any_in(p + i)) {
                    return true;
                }
            }
            return any_in(p + n - 16);
        }
#endif
        if (n >= 8) {
            for (std::size_t i = 0; i + 8 < n; i += 8) {
                if (may_need_escape(p + i)) {
                    return true;
                }
            }
            return may_need_escape(p + n - 8);
        }
        constexpr std::uint64_t harmless = 0x6161616161616161u; // "aaaaaaaa"
        if (n >= 4) {
            std::uint32_t first = 0;
            std::uint32_t last = 0;
            std::memcpy(&first, p, 4);
            std::memcpy(&last, p + n - 4, 4);
            return may_need_escape(std::uint64_t{first} | std::uint64_t{last} << 32);
        }
        if (n == 0) {
            return false;
        }
        // One to three bytes: the first, the middle and the last cover them all.
        const auto byte = [p](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
        return may_need_escape((harmless & ~std::uint64_t{0xFFFFFF}) | byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16);
    }
    /// `,` (unless `skip`) and a line break, then `width` blanks, at `out` (which has room for
    /// k_short_break bytes: copied whole, the rest is written over next); past them.
    static char* short_break(char* out, std::size_t skip, std::size_t width) {
        std::memcpy(out, k_breaks.data() + skip, k_short_break);
        return out + 2 - skip + width;
    }
    /// A line break and the indentation of `level`, after a comma when `comma`, as dump(2)
    /// writes them.
    void indent(std::size_t level, bool comma = false) {
        const std::size_t width = 2 * level;
        const std::size_t skip = comma ? 0 : 1;
        if (2 - skip + width <= k_short_break) {
            reserve(k_short_break);
            m_length = static_cast<std::size_t>(short_break(m_out.data() + m_length, skip, width) - m_out.data());
            return;
        }
        if (width <= k_breaks.size() - 2) {
            put(std::string_view(k_breaks.data() + skip, 2 - skip + width));
            return;
        }
        put(std::string_view(k_breaks.data() + skip, 2 - skip));
        for (std::size_t i = 0; i < width; ++i) {
            put(' ');
        }
    }

    // The text goes into m_out's first m_length bytes; m_out itself is grown ahead in large
    // steps, so a write is a copy, not a call that checks and grows a string.
    void reserve(std::size_t n) {
        if (m_out.size() - m_length < n) [[unlikely]] {
            grow(n);
        }
    }
    [[gnu::noinline]] void grow(std::size_t n) { m_out.resize(std::max(2 * m_out.size(), m_length + n + 4096)); }
    void put(char c) {
        reserve(1);
        m_out[m_length++] = c;
    }
    void put(std::string_view s) {
        reserve(s.size());
        std::memcpy(m_out.data() + m_length, s.data(), s.size());
        m_length += s.size();
    }
    /// A literal: its length known here, the copy inlined.
    template <std::size_t N>
    void put(const char (&s)[N]) {
        reserve(N - 1);
        std::memcpy(m_out.data() + m_length, s, N - 1);
        m_length += N - 1;
    }

    std::string& m_out;
    std::size_t m_length = 0; ///< how much of m_out is written
    std::size_t m_depth;       ///< the depth the first value is written at
    /// Per open container, innermost last: whether nothing was written in it yet.
    class open_containers {
    public:
        bool empty() const { return m_size == 0; }
        std::size_t size() const { return m_size; }
        bool& back() { return m_first[m_size - 1]; }
        void push_back(bool first) {
            if (m_size == m_first.size()) {
                throw std::logic_error("JSON nested deeper than a report nests");
            }
            m_first[m_size++] = first;
        }
        void pop_back() { --m_size; }

    private:
        std::array<bool, 16> m_first{}; // a negotiation nests five deep (its mismatches' evidence)
        std::size_t m_size = 0;
    } m_first;
    bool m_keyed = false;      ///< a key was written: the value follows it on the line
};

void write_value(json_out& w, const std::optional<model::value>& v) {
    if (!v) {
        w.null();
    } else if (const auto* n = std::get_if<std::uint64_t>(&*v)) {
        w.number(*n);
    } else {
        w.text(std::get<std::string>(*v));
    }
}

void write_endpoint(json_out& w, const std::optional<model::endpoint>& e) {
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
void write_name(json_out& w, const std::optional<T>& v) {
    v ? w.text(model::to_string(*v)) : w.null();
}

template <class Proposal>
void write_proposal(json_out& w, const Proposal& p, const auto& parameters) {
    w.begin_object();
    for (auto param : parameters) {
        w.key(model::to_string(param));
        write_value(w, p.get(param));
    }
    w.end_object();
}

void write_line(json_out& w, const report& r, const model::evidence_line& l) {
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
void write_negotiation(json_out& w, const report& r, const diff::negotiation_report& nr) {
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
    w.end_object();
}

/// Log text may hold bytes that are not UTF-8: replace them rather than fail.
std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace); }

/// The document's members, `negotiations` empty: what comes before its list (`schema`,
/// `sheet`) is known when reading starts, what comes after it (`inputs`, `summary`, ...)
/// only at the end.
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
        inputs.push_back(json{{"name", in.name},
                              {"format", in.format},
                              {"compression", in.compression.empty() ? json(nullptr) : json(in.compression)},
                              {"lines", in.lines},
                              {"recognized", in.recognized},
                              {"unrecognized", in.unrecognized},
                              {"malformed", in.malformed},
                              {"physical_lines", in.physical_lines},
                              {"oversized", in.oversized},
                              {"diagnostics", problems}});
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
    doc["summary"] = json{{"negotiations", t.negotiations},
                          {"established", t.established},
                          {"failed", t.failed},
                          {"unknown", t.unknown},
                          {"failures", failures},
                          {"mismatches", t.mismatches},
                          {"deviations", t.deviations},
                          {"tunnels_not_seen", not_seen},
                          {"filtered_out", r.filtered_out},
                          {"exit_status", r.exit_status()}};
    if (r.stopped) {
        doc["error"] = json{{"code", r.stopped->code}, {"file", r.stopped->file}, {"message", r.stopped->message}};
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

/// The report streams: the document opens when reading starts, each negotiation is written
/// as it becomes final (in blocks of about a megabyte), and the members known only at the
/// end (`inputs`, `summary`) follow the list. Laid out as nlohmann's `dump(2)` would lay
/// out the whole document, so the report needs neither memory nor a temporary file in
/// proportion to the log.
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
        json_out w(m_items_text, m_items_length, m_count == 0 ? "\n    " : ",\n    ", 2);
        write_negotiation(w, r, nr);
        m_items_length = w.end();
        ++m_count;
        if (m_items_length >= k_block) {
            write_items();
        }
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
        out << std::string_view(whole).substr(list_opening(whole) + 1) << '\n';
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

    std::ostream* m_out = nullptr;
    std::string m_items_text;       ///< items not yet written, then working room
    std::size_t m_items_length = 0; ///< how much of m_items_text they fill
    std::size_t m_count = 0;
};

} // namespace

std::unique_ptr<report_writer> json_writer() { return std::make_unique<json_report_writer>(); }

} // namespace ikediff::cli
