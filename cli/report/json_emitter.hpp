#pragma once
// A streaming JSON writer: values, keys, objects and arrays written in call order straight
// into a string, laid out exactly as nlohmann's `dump(2)` lays out the same value, without
// building a document. It knows nothing of reports: the JSON report (cli/report/json.cpp)
// writes each negotiation with it, the costliest part of a big report
// (docs/performance.md), which is why everything a value goes through is inline here.

#include <algorithm>
#include <array>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ikediff::cli {

/// Writes one JSON value (and everything inside it) into a caller's string.
///
///     std::string buffer;
///     json_emitter w(buffer, 0, "", 0);
///     w.begin_object(); w.key("a"); w.number(1); w.end_object();
///     buffer.resize(w.end()); // {\n  "a": 1\n}
///
/// The buffer's size is working room: it grows in large steps and is kept for the next
/// value, so a write is a copy, not a call that checks and grows a string; `end()` says
/// where the text written ends. Strings are written as nlohmann writes them with
/// `ensure_ascii` off: `"`, `\\` and the control characters escaped (`\n`, `\u001b`), bytes
/// beyond ASCII as they are, invalid UTF-8 replaced by U+FFFD. Containers nest at most
/// `k_max_nesting` deep (a std::logic_error past it).
class json_emitter {
public:
    static constexpr std::size_t k_max_nesting = 16;

    /// Writes `lead` (a separator, a key: text the caller lays out), then the value, into
    /// `buffer` from byte `from` on. The value is laid out as if it were `depth` levels deep
    /// in a document: its lines are indented by `2 * (depth + nesting)` blanks.
    json_emitter(std::string& buffer, std::size_t from, std::string_view lead, std::size_t depth)
        : m_out(buffer), m_length(from), m_depth(depth) {
        put(lead);
    }
    json_emitter(const json_emitter&) = delete;
    json_emitter& operator=(const json_emitter&) = delete;

    /// Where the text written ends in the buffer (its bytes from there on are working room).
    std::size_t end() const { return m_length; }

    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }
    /// The next member's key (inside an object), escaped as a string is.
    void key(std::string_view k) {
        separate();
        // A vocabulary's names: printable ASCII, written as they are (told a word at a time).
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
    /// A key written in the program's text: printable ASCII without quotes or backslashes,
    /// written as it is. The commonest write of a report: the separator, the indentation and
    /// the key in one reserve and fixed-size copies.
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
    /// An integer of any width and sign, in decimal.
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    void number(T n) {
        before_value();
        constexpr std::size_t k_digits = 20; // of the largest std::uint64_t, or of '-' and std::int64_t's
        static_assert(sizeof(T) <= 8);
        reserve(k_digits);
        char* at = m_out.data() + m_length;
        m_length += static_cast<std::size_t>(std::to_chars(at, at + k_digits, n).ptr - at); // in place: no copy
    }
    void text(std::string_view s) {
        before_value();
        string(s);
    }
    /// The text, or null when there is none.
    template <class T>
    void optional_text(const std::optional<T>& v) {
        v ? text(*v) : null();
    }

private:
    /// `,` and a line break, then blanks: a separator and indentation as dump(2) writes them
    /// are a slice of it.
    static constexpr auto k_breaks = [] {
        std::array<char, 2 + 256> b{};
        b.fill(' ');
        b[0] = ',';
        b[1] = '\n';
        return b;
    }();
    /// A report's indentation is never longer: copied whole, in fixed-size moves, no call.
    static constexpr std::size_t k_short_break = 32;

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
    /// A JSON string, quoted and escaped.
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
                string_beyond_ascii(s);
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
    /// A string with bytes beyond ASCII, quoted and escaped by nlohmann itself, whose
    /// replacement of invalid UTF-8 is kept (json_emitter.cpp: rare, and nlohmann's cost).
    void string_beyond_ascii(std::string_view s);

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
    /// Makes room for `n` more bytes (json_emitter.cpp: out of line, the rare case).
    void grow(std::size_t n);
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
            if (m_size == m_first.size()) [[unlikely]] {
                too_deep();
            }
            m_first[m_size++] = first;
        }
        void pop_back() { --m_size; }

    private:
        /// Throws the std::logic_error of a value nested deeper than k_max_nesting.
        [[noreturn]] static void too_deep();

        std::array<bool, k_max_nesting> m_first{}; // a negotiation nests five deep (its mismatches' evidence)
        std::size_t m_size = 0;
    } m_first;
    bool m_keyed = false; ///< a key was written: the value follows it on the line
};

} // namespace ikediff::cli
