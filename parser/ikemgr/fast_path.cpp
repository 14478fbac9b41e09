// The hand-written fast path of the line facade, less the readers the facade runs inline
// (fast_path.hpp): the usual PAN-OS 8.x+ prefix told in one look, the noise test, `shape_of`
// (both at once, in one pass over a line) and the glued-line search, sixteen bytes at a time
// where the processor has SSE2 (every x86-64). What each part mirrors in grammar_def.hpp:
// - `usual_prefix`: `pan_prefix` (`timestamp`, `level`, `pan_context`) in the layout of
//   nearly every line, from the line's first byte, a yes or no without values;
// - `after_source_location`: `-source_location` at the head of `message`, what it leaves;
// - `could_begin_alternative`: the first bytes of each alternative of `message`
//   (`endpoint_message`'s `endpoint`, its `host` over-approximated, and `grammar::message_starts()` for the others);
// - `noise_message`, `certainly_noise`, `shape_of`: no alternative of `message` can match,
//   and no `endpoint_pair` (`<=>`) for the facade to look for;
// - `next_line_start`: where `line_prefix` matches inside a line, found by its date's dashes
//   and confirmed by the rule itself (`read_prefix`).
// Every "no" here leaves the line to the grammar; every "noise" is one the grammar would find
// (tests/parser/ikemgr/fast_path_test.cpp, fuzz/fuzz_line_scanner.cpp).

#include "parser/ikemgr/fast_path.hpp"
#include "parser/ikemgr/grammar.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "model/text.hpp"

#include <array>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ikediff::parser {

namespace fast_path {

namespace {

#if defined(__SSE2__)
/// Per start q .. q + 15, all ones where a `-` has another `-` three bytes on, as a date's
/// `YYYY-MM-DD` has (reads q .. q + 18).
__m128i date_dash_pairs(const char* q) {
    const __m128i dash = _mm_set1_epi8('-');
    return _mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q)), dash),
                         _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 3)), dash));
}
#endif

// The usual prefix -------------------------------------------------------------------------------

/// The 53 bytes at `p` are the usual PAN-OS 8.x+ prefix, `2022-11-02 08:00:00.005 +0900
/// [DEBG]: {  185:     }:`: `shape_matches(p) && usual_level_and_context(p + 29, p + 53)`, told
/// from four 16-byte looks where the processor has SSE2 (asked of every line of a log, and
/// those two took ~120 instructions a line).
bool usual_prefix(const char* p) {
#if defined(__SSE2__)
    const auto load = [p](int at) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at)); };
    const auto bits = [](__m128i m) { return static_cast<unsigned>(_mm_movemask_epi8(m)); };
    const auto same = [&bits](__m128i v, const char (&pattern)[17]) {
        return bits(_mm_cmpeq_epi8(v, _mm_loadu_si128(reinterpret_cast<const __m128i*>(pattern))));
    };
    const __m128i a = load(0);  // bytes 0-15:  `2022-11-02 08:00`
    const __m128i b = load(16); // bytes 16-31: `:00.005 +0900  [`
    const __m128i c = load(32); // bytes 32-47: `DEBG]: {  185:  `
    const __m128i d = load(37); // bytes 37-52: `: {  185:     }:`
    // The fixed bytes (the masks name the bytes of a pattern that are compared; the other
    // '.'s stand in for digits and letters), then the digits, the capitals of the level, the
    // offset's sign.
    constexpr unsigned a_fixed = 0x2490;  // 4 '-', 7 '-', 10 ' ', 13 ':'
    constexpr unsigned b_fixed = 0xE089;  // 16 ':', 19 '.', 23 ' ', 29 ' ', 30 ' ', 31 '['
    constexpr unsigned c_fixed = 0x0010;  // 36 ']'
    constexpr unsigned d_fixed = 0xC107;  // 37 ':', 38 ' ', 39 '{', 45 ':', 51 '}', 52 ':'
    constexpr unsigned a_digits = 0xDB6F; // 0-3, 5-6, 8-9, 11-12, 14-15
    constexpr unsigned b_digits = 0x1E76; // 17-18, 20-22, 25-28
    if ((same(a, "....-..-.. ..:..") & a_fixed) != a_fixed || (same(b, ":...... .....  [") & b_fixed) != b_fixed ||
        (same(c, "....]...........") & c_fixed) != c_fixed || (same(d, ": {.....:.....}:") & d_fixed) != d_fixed ||
        (bits(bytes_within(a, '0', '9')) & a_digits) != a_digits ||
        (bits(bytes_within(b, '0', '9')) & b_digits) != b_digits || (bits(bytes_within(c, 'A', 'Z')) & 0xF) != 0xF) {
        return false;
    }
    if (p[24] != '+' && p[24] != '-') {
        return false;
    }
    // The context's two fields five wide, bytes 40-44 and 46-50 (3-7 and 9-13 of `d`).
    const unsigned digits = bits(bytes_within(d, '0', '9'));
    const unsigned blanks = bits(_mm_or_si128(_mm_cmpeq_epi8(d, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(d, _mm_set1_epi8('\t'))));
    return padded_field({digits >> 3, blanks >> 3}) == padded::number &&
           padded_field({digits >> 9, blanks >> 9}) != padded::other;
#else
    return shape_matches(p) && usual_level_and_context(p + 29, p + 53);
#endif
}

// The noise test ---------------------------------------------------------------------------------

/// Whether `message` begins with `start`, a blank in `start` matching any run of blanks.
bool begins_with_collapsed(std::string_view message, std::string_view start) {
    std::size_t m = 0;
    for (const char c : start) {
        if (c == ' ') {
            if (m >= message.size() || !in_class(message[m], k_blank)) {
                return false;
            }
            while (m < message.size() && in_class(message[m], k_blank)) {
                ++m;
            }
        } else if (m >= message.size() || message[m++] != c) {
            return false;
        }
    }
    return true;
}

/// The grammar's opening texts, bucketed by their first byte.
const std::array<std::vector<std::string_view>, 256>& starts_by_first_byte() {
    static const auto table = [] {
        std::array<std::vector<std::string_view>, 256> t;
        for (const std::string& start : grammar::message_starts()) {
            t[static_cast<unsigned char>(start.front())].push_back(start);
        }
        return t;
    }();
    return table;
}

/// `[0-9a-zA-Z_.]`
bool is_name_char(char c) { return in_class(c, k_name); }

/// Whether one of `grammar::message_starts()` may begin a message whose first two bytes are
/// `a` and `b` (as `begins_with_collapsed` compares: a blank in an opening text matches a
/// blank or a tab, then any more of them).
bool could_open_with(char a, char b) {
    static const auto pairs = [] {
        std::vector<bool> t(256 * 256, false);
        const auto mark = [&t](unsigned char x, unsigned char y) { t[x * 256u + y] = true; };
        const auto blank_or = [](char c) -> std::vector<unsigned char> {
            if (c == ' ') {
                return {' ', '\t'};
            }
            return {static_cast<unsigned char>(c)};
        };
        for (const std::string& start : grammar::message_starts()) {
            for (const unsigned char x : blank_or(start[0])) {
                if (start.size() == 1 || start[0] == ' ') {
                    for (int y = 0; y < 256; ++y) {
                        mark(x, static_cast<unsigned char>(y)); // any second byte may follow
                    }
                    continue;
                }
                for (const unsigned char y : blank_or(start[1])) {
                    mark(x, y);
                }
            }
        }
        return t;
    }();
    return pairs[static_cast<unsigned char>(a) * 256u + static_cast<unsigned char>(b)];
}

/// Past the run of `[0-9a-zA-Z_.]` at `p` (with `Dot`) or of `[0-9a-zA-Z_]`: sixteen bytes
/// at a time where the processor has SSE2 (a source location's file and function names are
/// runs of twenty bytes or so, on nearly every line).
template <bool Dot>
const char* skip_name_chars(const char* p, const char* end) {
#if defined(__SSE2__)
    while (end - p >= 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        __m128i name = _mm_or_si128(_mm_or_si128(bytes_within(v, '0', '9'), bytes_within(v, 'a', 'z')),
                                    _mm_or_si128(bytes_within(v, 'A', 'Z'), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
        if constexpr (Dot) {
            name = _mm_or_si128(name, _mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
        }
        const auto other = static_cast<unsigned>(~_mm_movemask_epi8(name)) & 0xFFFFu;
        if (other != 0) {
            return p + std::countr_zero(other);
        }
        p += 16;
    }
#endif
    while (p < end && (Dot ? is_name_char(*p) : is_word_char(*p))) {
        ++p;
    }
    return p;
}

/// What the grammar's `-source_location` leaves of `message` (grammar_def.hpp), read by
/// hand: `file.c:275:func(): [N:]` or `func(anything): `, each with the blanks after it, or
/// nothing. PEG, as X3 parses it: each repetition takes all it can, and a location that
/// matches is kept whatever follows it.
std::string_view after_source_location(std::string_view message) {
    const char* p = message.data();
    const char* const end = p + message.size();
    const auto skip_blanks = [end](const char* q) {
        while (q < end && is_blank(*q)) {
            ++q;
        }
        return q;
    };
    const auto rest = [&message, end](const char* q) {
        return message.substr(static_cast<std::size_t>(q - message.data()),
                              static_cast<std::size_t>(end - q));
    };
    // Both forms open with a run of name characters, the second's without a '.': one run
    // read tells which form may follow. (Where the first form fails, the second cannot
    // match: its run would stop at that ':' or at an earlier '.', neither of them '('.)
    const char* const q = skip_name_chars<true>(p, end);
    if (q == p || q == end) {
        return message;
    }
    if (*q == ':') {
        // +char_("a-zA-Z0-9_.") >> ':' >> uint_ >> ':' >> +char_("a-zA-Z0-9_") >> "():" >>
        // opt_blanks >> -(uint_ >> ':')
        unsigned ignored = 0;
        if (const char* line = read_uint32(q + 1, end, ignored); line != nullptr && line < end && *line == ':') {
            const char* name = line + 1;
            const char* r = skip_name_chars<false>(name, end);
            if (r != name && end - r >= 3 && r[0] == '(' && r[1] == ')' && r[2] == ':') {
                r = skip_blanks(r + 3);
                if (const char* n = read_uint32(r, end, ignored); n != nullptr && n < end && *n == ':') {
                    r = n + 1;
                }
                return rest(r);
            }
        }
        return message;
    }
    // +char_("a-zA-Z0-9_") >> '(' >> *(char_ - ')') >> "):" >> opt_blanks
    if (*q == '(' && skip_name_chars<false>(p, q) == q) {
        const auto* close = static_cast<const char*>(std::memchr(q + 1, ')', static_cast<std::size_t>(end - q - 1)));
        if (close != nullptr && close + 1 < end && close[1] == ':') {
            return rest(skip_blanks(close + 2));
        }
    }
    return message;
}

/// Whether an alternative of the grammar's `message` after its source location could begin
/// `rest`: `ADDRESS[` (endpoint_message), or one of `grammar::message_starts()`.
bool could_begin_alternative(std::string_view rest) {
    if (rest.empty()) {
        return false;
    }
    // `host`, blanks, `[`: the grammar's `endpoint` (its host over-approximated: whatever the
    // host rule stops at, a blank or `[` follows it where an endpoint matches, and this run
    // stops there too).
    std::size_t run = 0;
    while (run < rest.size() && is_host_char(rest[run])) {
        ++run;
    }
    std::size_t bracket = run;
    while (bracket < rest.size() && in_class(rest[bracket], k_blank)) {
        ++bracket;
    }
    if (run > 0 && bracket < rest.size() && rest[bracket] == '[') {
        return true;
    }
    if (rest.size() >= 2 && !could_open_with(rest[0], rest[1])) {
        return false; // most messages: no opening text begins with their first two bytes
    }
    for (std::string_view start : starts_by_first_byte()[static_cast<unsigned char>(rest.front())]) {
        if (begins_with_collapsed(rest, start)) {
            return true;
        }
    }
    return false;
}

/// Whether a `-` with another `-` three bytes on (a date's two dashes, where a glued line may
/// begin: `next_line_start`) or a `<=>` (an endpoint pair: `noise_message`) begins in
/// [from, end). Reads back to `end - 19` when the range is shorter than that: the caller
/// vouches that [floor, from) holds neither, and that floor <= end - 19.
bool dashes_or_arrow([[maybe_unused]] const char* floor, const char* from, const char* end) {
    assert(floor <= from && end - floor >= 19);
#if defined(__SSE2__)
    const auto hits = [](const char* q) { // starts q .. q + 15; reads q .. q + 18
        const auto at = [q](int i) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q + i)); };
        const auto is = [](__m128i v, char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
        const __m128i arrow = _mm_and_si128(is(at(0), '<'), _mm_and_si128(is(at(1), '='), is(at(2), '>')));
        return _mm_movemask_epi8(_mm_or_si128(date_dash_pairs(q), arrow)) != 0;
    };
    const char* q = from;
    for (; end - q >= 19; q += 16) {
        if (hits(q)) {
            return true;
        }
    }
    // What is left, in one block that ends where the line does (it starts in what was read
    // or vouched for), and an arrow in the last three bytes, which no block start reaches.
    if (q < end && hits(end - 19)) {
        return true;
    }
    return end - from >= 3 && end[-3] == '<' && end[-2] == '=' && end[-1] == '>';
#else
    for (const char* q = from; q < end; ++q) {
        if ((end - q >= 4 && q[0] == '-' && q[3] == '-') ||
            (end - q >= 3 && q[0] == '<' && q[1] == '=' && q[2] == '>')) {
            return true;
        }
    }
    return false;
#endif
}

} // namespace

bool noise_message(std::string_view message) {
    return !could_begin_alternative(after_source_location(message)) &&
           message.find("<=>") == std::string_view::npos;
}

// The glued-line search ---------------------------------------------------------------------------

namespace {

/// `YYYY-MM-DD HH:MM:SS` at `p` (cheap shape test before the real prefix grammar).
bool looks_like_datetime(const char* p, const char* end) {
    if (end - p < 19) {
        return false;
    }
    return is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) && p[4] == '-' &&
           is_digit(p[5]) && is_digit(p[6]) && p[7] == '-' && is_digit(p[8]) && is_digit(p[9]) && is_blank(p[10]);
}

/// The first `-` at or after `p` with another `-` three bytes on, as in a date's `YYYY-MM-DD`
/// (`looks_like_datetime` needs both), or nullptr. Every such pair where a datetime of 19
/// bytes would still fit before `end` is found; a pair nearer the end may be found too (the
/// caller's `looks_like_datetime` turns it down). Sixteen bytes at a time where the processor
/// has SSE2 (every x86-64): a line's dashes between words and in `A[500] - B[500]` are passed
/// over in bulk, not found one call at a time.
const char* find_date_dashes(const char* p, const char* end) {
#if defined(__SSE2__)
    while (end - p >= 19) {
        const int both = _mm_movemask_epi8(date_dash_pairs(p));
        if (both != 0) {
            return p + std::countr_zero(static_cast<unsigned>(both));
        }
        p += 16;
    }
#endif
    for (; end - p >= 15; ++p) {
        if (p[0] == '-' && p[3] == '-') {
            return p;
        }
    }
    return nullptr;
}

} // namespace

} // namespace fast_path

// The public face of the fast path (line_scanner.hpp) -----------------------------------------

using namespace fast_path; // the readers and predicates above, this file's own

bool certainly_noise(std::string_view line) {
    pan_prefix_reader prefix(line);
    return prefix.read() && is_debug_level(prefix.level()) && noise_message(prefix.message());
}

line_shape shape_of(std::string_view line) {
    const char* const p = line.data();
    const char* const end = p + line.size();
    // The usual PAN-OS 8.x+ prefix from the first byte, `2022-11-02 08:00:00.005 +0900
    // [DEBG]: {  185:     }:` (53 bytes), as pan_prefix_reader reads it.
    if (line.size() < 53 || !usual_prefix(p)) {
        return line_shape::other;
    }
    const char* message = p + 53;
    while (message < end && in_class(*message, k_blank)) {
        ++message;
    }
    // No glued line and no `<=>`: the prefix after its date's first dash holds neither (its
    // dashes are the date's second and an offset's sign, neither with a dash three bytes on;
    // it has no '<'), nor do the blanks before the message. One pass over the message tells.
    if (dashes_or_arrow(p + 5, message, end)) {
        return line_shape::other;
    }
    if (is_debug_level(std::string_view(p + 32, 4)) &&
        !could_begin_alternative(after_source_location(std::string_view(message, static_cast<std::size_t>(end - message))))) {
        return line_shape::noise_alone;
    }
    return line_shape::usual_alone;
}

std::size_t next_line_start(std::string_view line, std::size_t from) {
    const char* const begin = line.data();
    const char* const end = begin + line.size();
    // A prefix's date has its dashes four and seven characters in: find such pairs and test there.
    // Blanks before the first prefix are indentation (a copy-paste), not a glued line.
    while (from < line.size() && is_blank(line[from])) {
        ++from;
    }
    if (line.size() < from + 5) {
        return std::string_view::npos;
    }
    const char* p = begin + from + 5;
    while (p < end) {
        const char* dash = find_date_dashes(p, end);
        if (dash == nullptr) {
            return std::string_view::npos;
        }
        const char* candidate = dash - 4;
        if (candidate > begin + from && looks_like_datetime(candidate, end)) {
            const char* first = candidate;
            ast::prefix ignored;
            if (read_prefix(first, end, ignored)) {
                return static_cast<std::size_t>(candidate - begin);
            }
        }
        p = dash + 1;
    }
    return std::string_view::npos;
}

} // namespace ikediff::parser
