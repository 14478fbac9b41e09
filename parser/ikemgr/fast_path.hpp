#pragma once
// The hand-written fast path of the line facade, the part that line_scanner.cpp (the facade
// over the X3 grammar) and fast_path.cpp (the rest of the fast path) share. Internal to
// parser/ikemgr: included by those two files and their tests, never by another folder.
//
// The fast path re-reads the grammar (grammar_def.hpp) by hand for the lines nearly every
// log is made of. Each reader consumes exactly what its rule consumes and reads the same
// values, so where a reader matches, the grammar would have matched the same way, and where
// it refuses, the grammar decides (tests/parser/ikemgr/fast_path_test.cpp and
// fuzz/fuzz_line_scanner.cpp hold the two to that). What each piece here mirrors:
// - `pan_prefix_reader`: `opt_blanks >> pan_prefix` (`timestamp`, `fraction`, `utc_offset`,
//   `level`, `-pan_context`), the PAN-OS 8.x+ prefix; `shape_matches` and
//   `usual_level_and_context`: the same rule in the layout of nearly every line, a yes or no;
// - `sa_message_reader`: `sa_established` and `ipsec_sa` (with `endpoint` and `hex`), from a
//   message's first byte;
// - `text_cursor`: a literal byte, `blanks`, `opt_blanks`; `read_uint32`: `uint_`;
//   `char_class`: the grammar's character sets (`char_("0-9a-fA-F.:")`, ...);
// - `read_prefix`: not a re-reading but the grammar's `line_prefix` itself, which both sides
//   fall back on or confirm with.
// The noise test, `shape_of` and the glued-line search are in fast_path.cpp.
//
// Everything defined here has internal linkage (an unnamed namespace; the free functions are
// `inline` only so that a file calling none of them is not warned of it): each of the two
// files compiles its own copy, and the compiler inlines it into its callers as it did when
// both programs were one file. With external linkage GCC kept the larger ones out of line
// (`pan_prefix_reader::prefix`, `sa_message_reader::read`, asked on every line the grammar
// may read), which cost the reading thread 0.7 % more instructions.

#include "parser/ikemgr/ast.hpp"
#include "parser/ikemgr/grammar.hpp"
#include "model/text.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ikediff::parser::fast_path {

/// Whether a message after a debug-level PAN-OS 8.x+ prefix is certainly noise: no
/// alternative of the grammar's `message` can begin it (after its `-source_location`) and it
/// holds no `<=>` (fast_path.cpp).
bool noise_message(std::string_view message);

namespace {

using model::is_blank;
using model::is_digit;

// Character classes -------------------------------------------------------------------------

/// Character classes of the grammar, one table lookup each: the sets of several ranges (the
/// fast path asks for them on every byte of an address, a cookie, a source location), and
/// digits and blanks for the loops that run on every line of a log (the prefix's blanks and
/// context fields, the blanks before a message). There the lookup is the point: it is one
/// test where model/text.hpp's `is_blank` and `is_digit` are two compares, and those loops
/// cost the reading thread 0.7 % more instructions with them. Elsewhere the fast path uses
/// model/text.hpp's.
enum char_class : std::uint8_t {
    k_word = 1,    ///< `[0-9a-zA-Z_]`
    k_address = 2, ///< `[0-9a-fA-F.:]`, the grammar's `endpoint` address
    k_name = 4,    ///< `[0-9a-zA-Z_.]`, a source location's file name
    k_alpha = 8,   ///< `[A-Za-z]`
    k_hex = 16,    ///< `[0-9a-fA-F]`, the grammar's `hex`
    k_digit = 32,  ///< `[0-9]`, `model::is_digit`
    k_blank = 64,  ///< `[ \t]`, `model::is_blank`
    k_host = 128,  ///< `[0-9a-zA-Z_.:<>-]`: every byte the grammar's `host` takes, and more
};

constexpr std::array<std::uint8_t, 256> make_char_classes() {
    std::array<std::uint8_t, 256> t{};
    for (int i = 0; i < 256; ++i) {
        const auto c = static_cast<char>(static_cast<unsigned char>(i));
        const bool word = model::is_alnum(c) || c == '_';
        const bool hex = model::is_hex(c);
        t[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(
            (word ? k_word : 0) | (hex || c == '.' || c == ':' ? k_address : 0) | (word || c == '.' ? k_name : 0) |
            (model::is_alpha(c) ? k_alpha : 0) | (hex ? k_hex : 0) | (is_digit(c) ? k_digit : 0) |
            (is_blank(c) ? k_blank : 0) |
            (word || c == '.' || c == ':' || c == '<' || c == '>' || c == '-' ? k_host : 0));
    }
    return t;
}

constexpr std::array<std::uint8_t, 256> k_char_classes = make_char_classes();

inline bool in_class(char c, char_class k) { return (k_char_classes[static_cast<unsigned char>(c)] & k) != 0; }

/// `[0-9a-zA-Z_]`
inline bool is_word_char(char c) { return in_class(c, k_word); }

/// `[0-9a-fA-F.:]`
inline bool is_address_char(char c) { return in_class(c, k_address); }

/// `[0-9a-zA-Z_.:<>-]`: a byte the grammar's `host` (an address, a host name, a `<placeholder>`)
/// may take; the noise test's over-approximation of it.
inline bool is_host_char(char c) { return in_class(c, k_host); }

// What both sides ask of a prefix ------------------------------------------------------------

/// Whether a line's level is a debug level (`DEBG`, `DEBUG`, `DEBUG2`): the bulk of a debug
/// log, and not where PAN-OS 8.x+ ikemgr or racoon report a failure.
inline bool is_debug_level(std::string_view level) {
    // PAN-OS 7.x logs everything as `debug:` (lower case): there, failures are debug lines too.
    return level.size() >= 4 && level[0] == 'D' && level[1] == 'E';
}

/// A prefix whose date or time cannot exist (`2021-13-45 25:61:61`) is not a log line.
inline bool plausible(const ast::timestamp& t) {
    return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 && t.hour <= 23 && t.minute <= 59 &&
           t.second <= 60 && (!t.offset || (t.offset->hhmm / 100 <= 14 && t.offset->hhmm % 100 <= 59));
}

/// Reads a line prefix at `first` with the grammar's own `line_prefix` (every layout: PAN-OS,
/// racoon, PAN-OS 7.x), advancing it; false when there is none. The facade reads with it
/// where the hand reader refuses; the glued-line search confirms a candidate with it.
inline bool read_prefix(const char*& first, const char* last, ast::prefix& prefix) {
    return boost::spirit::x3::parse(first, last, grammar::line_prefix_parser(), prefix) && plausible(prefix.time);
}

// The grammar's smallest pieces ---------------------------------------------------------------

/// x3::uint_ at `p`: one or more digits whose value fits 32 bits. Past them (with `value`
/// set), or null, having consumed nothing, as uint_ fails (on overflow too).
inline const char* read_uint32(const char* p, const char* end, unsigned& value) {
    const char* start = p;
    std::uint64_t v = 0;
    while (p < end && is_digit(*p)) {
        v = v * 10 + static_cast<std::uint64_t>(*p - '0');
        if (v > 0xFFFFFFFFu) {
            return nullptr;
        }
        ++p;
    }
    if (p == start) {
        return nullptr;
    }
    value = static_cast<unsigned>(v);
    return p;
}

/// Which of `n` bytes at `p` (n <= 16) are digits and which blanks, as bit i for byte i.
struct byte_bits {
    unsigned digits = 0;
    unsigned blanks = 0;
};
inline byte_bits classify_bytes(const char* p, unsigned n) {
    byte_bits bits;
    for (unsigned i = 0; i < n; ++i) {
        bits.digits |= unsigned{in_class(p[i], k_digit)} << i;
        bits.blanks |= unsigned{in_class(p[i], k_blank)} << i;
    }
    return bits;
}

/// A PAN-OS context field five wide, from its bytes' bits (`classify_bytes`): blanks, digits,
/// blanks (what `opt_blanks >> uint_ >> opt_blanks` reads there; five digits cannot
/// overflow), blanks only, or other text.
enum class padded { number, blank, other };
inline padded padded_field(byte_bits field) {
    const unsigned digits = field.digits & 0x1F;
    if ((digits | (field.blanks & 0x1F)) != 0x1F) {
        return padded::other;
    }
    if (digits == 0) {
        return padded::blank;
    }
    const unsigned run = digits >> std::countr_zero(digits);
    return (run & (run + 1)) == 0 ? padded::number : padded::other; // one run of digits
}

/// What the hand-written readers share: a place in a text, and the grammar's smallest
/// pieces read at it (a byte, blanks), each consuming what its X3 counterpart consumes.
class text_cursor {
protected:
    explicit text_cursor(std::string_view text) : m_p(text.data()), m_end(text.data() + text.size()) {}

    bool take(char c) {
        if (m_p == m_end || *m_p != c) {
            return false;
        }
        ++m_p;
        return true;
    }
    /// opt_blanks
    void skip_blanks() {
        while (m_p < m_end && in_class(*m_p, k_blank)) {
            ++m_p;
        }
    }
    /// blanks: one or more
    bool blanks() {
        const char* start = m_p;
        skip_blanks();
        return m_p != start;
    }

    const char* m_p;
    const char* m_end;
};

// The prefix ----------------------------------------------------------------------------------

#if defined(__SSE2__)
/// Per byte of `v`, all ones where it lies in [low, high] (ASCII bounds; signed compares, so
/// bytes beyond ASCII, negative, are never in range).
inline __m128i bytes_within(__m128i v, char low, char high) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(low - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(high + 1))));
}
#endif

/// `classify_bytes` of the 16 bytes at `p`, all at once where the processor has SSE2.
inline byte_bits classify_16_bytes(const char* p) {
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i digit = bytes_within(v, '0', '9');
    const __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
    return {static_cast<unsigned>(_mm_movemask_epi8(digit)), static_cast<unsigned>(_mm_movemask_epi8(blank))};
#else
    return classify_bytes(p, 16);
#endif
}

/// `dddd-dd-dd dd:dd:dd.ddd Sdddd `: the usual PAN-OS 8.x+ timestamp (`d` a digit, `S` a sign,
/// the blanks single spaces), with the three bytes after it left free: 32 bytes, as four
/// little-endian words of masks, so a line is checked against it a word at a time.
struct time_shape {
    std::array<std::uint64_t, 4> digit{};   ///< 0xFF on bytes that must be digits
    std::array<std::uint64_t, 4> literal{}; ///< 0xFF on bytes that must equal `value`
    std::array<std::uint64_t, 4> value{};
};

constexpr time_shape make_time_shape() {
    constexpr std::string_view shape = "dddd-dd-dd dd:dd:dd.ddd Sdddd ";
    time_shape t;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const std::size_t word = i / 8;
        const std::size_t shift = 8 * (i % 8);
        if (shape[i] == 'd') {
            t.digit[word] |= std::uint64_t{0xFF} << shift;
        } else if (shape[i] != 'S') {
            t.literal[word] |= std::uint64_t{0xFF} << shift;
            t.value[word] |= std::uint64_t{static_cast<unsigned char>(shape[i])} << shift;
        }
    }
    return t;
}

constexpr time_shape k_time_shape = make_time_shape();

/// Whether the 32 bytes at `p` have the usual timestamp's shape (the sign checked apart).
inline bool shape_matches(const char* p) {
    if constexpr (std::endian::native != std::endian::little) {
        return false; // the masks are laid out little-endian; read_time reads every layout
    }
    constexpr std::uint64_t ones = 0x0101010101010101u;
    std::uint64_t wrong = 0; // one test at the end: the shape holds on nearly every line
    for (std::size_t w = 0; w < 4; ++w) {
        std::uint64_t x = 0;
        std::memcpy(&x, p + 8 * w, 8); // little-endian: byte i of the word is p[8w + i]
        const std::uint64_t digits = x & k_time_shape.digit[w];
        // A digit is 0x30..0x39: high nibble 3, and a low nibble that adding 6 does not carry.
        wrong |= (x & k_time_shape.literal[w]) ^ k_time_shape.value[w];
        wrong |= (digits & (0xF0 * ones)) ^ (0x30 * ones & k_time_shape.digit[w]);
        wrong |= ((digits & (0x0F * ones)) + (0x06 * ones & k_time_shape.digit[w])) & (0xF0 * ones);
    }
    if (wrong != 0) {
        return false;
    }
    return p[24] == '+' || p[24] == '-';
}

/// The two fields of the usual context `{  185:     }`, whose first byte is at `f`: the
/// bits of the first field, then of the second (six bytes on).
inline std::pair<byte_bits, byte_bits> context_fields(const char* f, const char* end) {
    const byte_bits both = end - f >= 16 ? classify_16_bytes(f) : classify_bytes(f, 11);
    return {both, {both.digits >> 6, both.blanks >> 6}};
}

/// Whether what follows the usual timestamp at `p` is the usual rest of the prefix,
/// `  [DEBG]: {  185:     }:` (24 bytes): a level of four capitals and a context of two fields
/// five wide, the first a number.
inline bool usual_level_and_context(const char* p, const char* end) {
    if (end - p < 24) {
        return false;
    }
#if defined(__SSE2__)
    // Two overlapping blocks, bytes 0-15 and 8-23: their fixed bytes compared at once, the
    // level's four bytes tested for capitals at once (this runs on nearly every line).
    const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i second = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 8));
    const auto same = [](__m128i v, const char (&pattern)[17]) {
        return static_cast<unsigned>(
            _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_loadu_si128(reinterpret_cast<const __m128i*>(pattern)))));
    };
    const auto capitals = static_cast<unsigned>(_mm_movemask_epi8(bytes_within(first, 'A', 'Z')));
    constexpr unsigned fixed_first = 0x0787;  // bytes 0, 1, 2, 7, 8, 9, 10
    constexpr unsigned fixed_second = 0xC100; // bytes 16, 22, 23 (8, 14, 15 of the second block)
    if ((same(first, "  [....]: {.....") & fixed_first) != fixed_first ||
        (same(second, ": {.....:.....}:") & fixed_second) != fixed_second || (capitals & 0x78) != 0x78) {
        return false;
    }
#else
    if (p[0] != ' ' || p[1] != ' ' || p[2] != '[' || p[7] != ']' || p[8] != ':' || p[9] != ' ' || p[10] != '{' ||
        p[16] != ':' || p[22] != '}' || p[23] != ':') {
        return false;
    }
    for (int i = 3; i < 7; ++i) {
        if (p[i] < 'A' || p[i] > 'Z') {
            return false;
        }
    }
#endif
    const auto [sa, child] = context_fields(p + 11, end);
    return padded_field(sa) == padded::number && padded_field(child) != padded::other;
}

/// A hand-written reader of the grammar's `opt_blanks >> pan_prefix` (grammar_def.hpp: the
/// `line_prefix` alternative, with `timestamp`, `fraction`, `utc_offset`, `level` and
/// `-pan_context`), consuming exactly what that rule consumes and reading the same values,
/// without X3: the prefix of nearly every line of a PAN-OS 8.x+ log. `scan_line` reads it so;
/// the grammar's `line_prefix` reads the rest (racoon, PAN-OS 7.x) and whatever this reader
/// refuses.
class pan_prefix_reader : text_cursor {
public:
    explicit pan_prefix_reader(std::string_view line) : text_cursor(line) {}

    /// Reads the prefix; on success `level()`, `message()` and `prefix()` are set.
    bool read() {
        skip_blanks();
        if (read_usual_time()) {
            if (read_usual_level_and_context()) {
                return true;
            }
        } else if (!read_time()) {
            return false;
        }
        skip_blanks();
        if (!take('[')) {
            return false;
        }
        const char* level_begin = m_p;
        while (m_p < m_end && ((*m_p >= 'A' && *m_p <= 'Z') || is_digit(*m_p) || *m_p == '_')) {
            ++m_p;
        }
        if (m_p == level_begin) {
            return false;
        }
        m_level = std::string_view(level_begin, static_cast<std::size_t>(m_p - level_begin));
        if (!(take(']') && take(':'))) {
            return false;
        }
        skip_blanks();
        // -pan_context: -'\\' '{' opt_blanks uint_ opt_blanks ':' opt_blanks -uint_ opt_blanks -'\\' '}'
        // ':' (a web copy's `\{ 9: \}:`)
        const char* before_context = m_p;
        ast::context context;
        unsigned child = 0;
        bool has_child = false;
        if ((take('\\'), take('{')) && (skip_blanks(), uint32(context.sa)) && (skip_blanks(), take(':')) &&
            (skip_blanks(), has_child = uint32(child), skip_blanks(), take('\\'), take('}')) && take(':')) {
            if (has_child) {
                context.child = child;
            }
            m_prefix.ctx = context;
        } else {
            m_p = before_context;
        }
        skip_blanks();
        m_message = std::string_view(m_p, static_cast<std::size_t>(m_end - m_p));
        return true;
    }

    /// `read()` of a line `shape_of` found in the usual layout from its first byte: the same
    /// state, without checking that layout again.
    void take_usual() {
        take_usual_time();
        take_usual_level_and_context();
    }

    std::string_view level() const { return m_level; }
    std::string_view message() const { return m_message; }
    /// The prefix as the grammar's `line_prefix` would have read it. (The usual layout is
    /// only checked by `read()`: its values are read here, for the lines that are not noise.)
    ast::prefix prefix() const {
        ast::prefix out = m_prefix;
        if (m_usual_time != nullptr) {
            const char* t = m_usual_time;
            const auto d = [t](int i) { return static_cast<unsigned>(t[i] - '0'); };
            out.time.year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
            out.time.month = d(5) * 10 + d(6);
            out.time.day = d(8) * 10 + d(9);
            out.time.hour = d(11) * 10 + d(12);
            out.time.minute = d(14) * 10 + d(15);
            out.time.second = d(17) * 10 + d(18);
            out.time.offset = ast::utc_offset{t[24], d(25) * 1000 + d(26) * 100 + d(27) * 10 + d(28)};
        }
        if (m_usual_context != nullptr) {
            ast::context context;
            context.sa = padded_value(m_usual_context + 11);
            if (padded_field(classify_bytes(m_usual_context + 17, 5)) == padded::number) {
                context.child = padded_value(m_usual_context + 17);
            }
            out.ctx = context;
        }
        out.level = std::string(m_level);
        if (!m_fraction.empty()) {
            out.time.fraction = std::string(m_fraction);
        }
        return out;
    }

private:
    /// The timestamp as PAN-OS 8.x+ writes it, `2022-11-02 08:00:00.005 +0900` and a blank,
    /// checked eight bytes at a time against that shape (the same as `read_time` reads, for
    /// the layout of nearly every line); false, with nothing consumed, for any other layout.
    bool read_usual_time() {
        if (m_end - m_p < 32 || !shape_matches(m_p)) {
            return false;
        }
        take_usual_time();
        return true;
    }
    void take_usual_time() {
        m_usual_time = m_p;
        m_fraction = std::string_view(m_p + 20, 3);
        m_p += 29;
    }

    /// What follows the usual timestamp on nearly every line, `  [DEBG]: {  185:     }: `: a
    /// level of four capitals and a context of two fields five wide (PAN-OS pads them with
    /// blanks), then the message after its blanks. False, with nothing consumed, for any other
    /// layout, which the general reading takes.
    bool read_usual_level_and_context() {
        if (!usual_level_and_context(m_p, m_end)) {
            return false;
        }
        take_usual_level_and_context();
        return true;
    }
    void take_usual_level_and_context() {
        m_level = std::string_view(m_p + 3, 4);
        m_usual_context = m_p;
        m_p += 24;
        skip_blanks();
        m_message = std::string_view(m_p, static_cast<std::size_t>(m_end - m_p));
    }

    /// The number in a field `padded_field` calls a number.
    static unsigned padded_value(const char* f) {
        unsigned value = 0;
        for (int i = 0; i < 5; ++i) {
            if (in_class(f[i], k_digit)) {
                value = value * 10 + static_cast<unsigned>(f[i] - '0');
            }
        }
        return value;
    }

    /// The grammar's `timestamp`, any layout it allows.
    bool read_time() {
        ast::timestamp& t = m_prefix.time;
        if (!(digits(4, t.year) && take('-') && digits(2, t.month) && take('-') && digits(2, t.day) && blanks() &&
              digits(2, t.hour) && take(':') && digits(2, t.minute) && take(':') && digits(2, t.second))) {
            return false;
        }
        // -fraction: '.' >> +digit
        if (m_p + 1 < m_end && *m_p == '.' && is_digit(m_p[1])) {
            const char* begin = ++m_p;
            while (m_p < m_end && is_digit(*m_p)) {
                ++m_p;
            }
            m_fraction = std::string_view(begin, static_cast<std::size_t>(m_p - begin));
        }
        // -utc_offset: blanks >> char_("+-") >> digits4, or nothing consumed
        {
            const char* q = m_p;
            while (q < m_end && is_blank(*q)) {
                ++q;
            }
            if (q != m_p && q + 4 < m_end && (*q == '+' || *q == '-') && is_digit(q[1]) && is_digit(q[2]) &&
                is_digit(q[3]) && is_digit(q[4])) {
                m_p = q + 1;
                unsigned hhmm = 0;
                digits(4, hhmm);
                t.offset = ast::utc_offset{*q, hhmm};
            }
        }
        return true;
    }

    /// Exactly `n` digits (x3::uint_parser<unsigned, 10, n, n>).
    bool digits(int n, unsigned& value) {
        value = 0;
        for (int i = 0; i < n; ++i, ++m_p) {
            if (m_p >= m_end || !is_digit(*m_p)) {
                return false;
            }
            value = value * 10 + static_cast<unsigned>(*m_p - '0');
        }
        return true;
    }
    /// x3::uint_: one or more digits that fit 32 bits (on overflow it fails).
    bool uint32(unsigned& value) {
        const char* past = read_uint32(m_p, m_end, value);
        if (past == nullptr) {
            return false;
        }
        m_p = past;
        return true;
    }

    ast::prefix m_prefix; ///< time and context read by the general reading
    const char* m_usual_time = nullptr;    ///< the usual timestamp, read by prefix()
    const char* m_usual_context = nullptr; ///< the usual level and context, read by prefix()
    std::string_view m_fraction;
    std::string_view m_level;
    std::string_view m_message;
};

// The messages logged once per SA -------------------------------------------------------------

/// The grammar's `sa_established` and `ipsec_sa` (grammar_def.hpp) read by hand, from a
/// message's first byte: into `body` what those rules read, or false (the grammar then reads
/// the message, and decides). An SA is logged with its own cookies or SPIs, so no two of these
/// messages are alike: the memo never holds them, and the grammar, trying its alternatives
/// in turn, cost more on each than the rest of its line's reading (docs/performance.md). No
/// source location and no alternative before theirs can begin a message that opens with
/// their texts (tests/parser/ikemgr/fast_path_test.cpp), so where these readers match, the
/// grammar takes the same alternative and reads the same values.
class sa_message_reader : text_cursor {
public:
    explicit sa_message_reader(std::string_view message) : text_cursor(message) {}

    bool read(ast::body& body) {
        if (m_p == m_end || *m_p != 'I') {
            return false; // nearly every other message: one byte looked at
        }
        if (literal("ISAKMP-SA established")) {
            // blanks >> endpoint >> opt_blanks >> '-' >> opt_blanks >> endpoint >> blanks >>
            // "spi:" >> hex >> ':' >> hex
            ast::sa_established sa;
            if (!(blanks() && endpoint(sa.local) && (skip_blanks(), take('-')) && (skip_blanks(), endpoint(sa.peer)) &&
                  blanks() && literal("spi:") && run(k_hex, sa.initiator_cookie) && take(':') &&
                  run(k_hex, sa.responder_cookie))) {
                return false;
            }
            body = std::move(sa);
            return true;
        }
        if (literal("IPsec-SA established:")) {
            // opt_blanks >> +[A-Za-z] >> '/' >> +[A-Za-z] >> blanks >> endpoint >> "->" >> endpoint
            ast::ipsec_sa sa;
            if (!((skip_blanks(), run(k_alpha, sa.protocol)) && take('/') && run(k_alpha, sa.mode) && blanks() &&
                  endpoint(sa.from) && literal("->") && endpoint(sa.to))) {
                return false;
            }
            body = std::move(sa);
            return true;
        }
        return false;
    }

private:
    bool literal(std::string_view text) {
        if (static_cast<std::size_t>(m_end - m_p) < text.size() || std::memcmp(m_p, text.data(), text.size()) != 0) {
            return false;
        }
        m_p += text.size();
        return true;
    }
    /// One or more bytes of class `k`, into `out`.
    bool run(char_class k, std::string& out) {
        const char* start = m_p;
        while (m_p < m_end && in_class(*m_p, k)) {
            ++m_p;
        }
        out.assign(start, m_p);
        return m_p != start;
    }
    /// raw[+char_("0-9a-fA-F.:")] >> '[' >> uint_parser<std::uint16_t> >> ']' (a port beyond
    /// 16 bits fails it, as it fails X3's uint_parser).
    bool endpoint(ast::endpoint& e) {
        if (!(run(k_address, e.address) && take('['))) {
            return false;
        }
        unsigned port = 0;
        const char* past = read_uint32(m_p, m_end, port);
        if (past == nullptr || port > 0xFFFF) {
            return false;
        }
        e.port = static_cast<std::uint16_t>(port);
        m_p = past;
        return take(']');
    }
};

} // namespace

} // namespace ikediff::parser::fast_path
