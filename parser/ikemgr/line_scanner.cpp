#include "parser/ikemgr/line_scanner.hpp"

#include "parser/ikemgr/ast_adapted.hpp"
#include "parser/ikemgr/grammar.hpp"
#include "parser/ikemgr/phrases.hpp"
#include "model/text.hpp"

#include <array>
#include <cassert>
#include <bit>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ikediff::parser {

namespace x3 = boost::spirit::x3;

namespace {

model::timestamp to_model(const ast::timestamp& t) {
    unsigned millis = 0;
    bool has_millis = false;
    if (t.fraction && !t.fraction->empty()) {
        // ".8" -> 800 ms, ".869" -> 869 ms, ".869123" -> 869 ms
        const std::string& f = *t.fraction; // digits only (the grammar's +digit)
        for (std::size_t i = 0; i < 3; ++i) {
            millis = millis * 10 + (i < f.size() ? static_cast<unsigned>(f[i] - '0') : 0);
        }
        has_millis = true;
    }
    std::optional<std::int32_t> offset;
    if (t.offset) {
        const auto minutes = static_cast<std::int32_t>(t.offset->hhmm / 100 * 60 + t.offset->hhmm % 100);
        offset = t.offset->sign == '-' ? -minutes : minutes;
    }
    return model::timestamp::from_civil(static_cast<int>(t.year), t.month, t.day, t.hour, t.minute,
                                        t.second, millis, offset, has_millis);
}

model::endpoint to_model(const ast::endpoint& e) {
    return {e.address, e.port};
}

model::transform_ref to_model(const ast::transform_ref& r) {
    return {r.proposal, r.transform};
}

/// A `Compared` peer value runs to the end of the line: drop the `)` of `(lifetime = a:b)`.
std::string value_text(std::string_view text) {
    text = model::trim(text);
    if (!text.empty() && text.back() == ')') {
        text.remove_suffix(1);
    }
    return std::string(model::trim(text));
}

/// `10.0.1.0/24[0]`: a selector with port 0 (any) reads as the network alone.
std::string selector(const std::string& text) {
    return text.ends_with("[0]") ? text.substr(0, text.size() - 3) : text;
}

model::event_code banner_code(const ast::banner& b) {
    using e = model::event_code;
    using st = model::banner_event::status;
    if (b.phase == 2) {
        return b.state == st::started ? e::phase2_started : b.state == st::succeeded ? e::phase2_succeeded : e::phase2_failed;
    }
    return b.state == st::started ? e::phase1_started : b.state == st::succeeded ? e::phase1_succeeded : e::phase1_failed;
}

/// Fills the code, payload and endpoints of `out` from the parsed message.
struct body_converter {
    model::log_event& out;

    void operator()(model::event_code code) const { out.code = code; }
    void operator()(const ast::compared& c) const {
        out.what = model::compared_event{c.attribute, value_text(c.local), value_text(c.peer)};
    }
    void operator()(const ast::rejected& r) const {
        out.code = model::event_code::rejected_attribute;
        out.what = model::rejected_event{r.attribute, to_model(r.local_ref), to_model(r.peer_ref),
                                         value_text(r.local), value_text(r.peer)};
    }
    void operator()(const ast::phase_start& s) const {
        out.local = to_model(s.local);
        out.peer = to_model(s.peer);
        out.code = s.phase == 2 ? model::event_code::phase2_started : model::event_code::phase1_started;
        out.what = model::phase_start_event{s.role, s.phase};
    }
    void operator()(const ast::banner& b) const {
        out.code = banner_code(b);
        out.what = model::banner_event{b.phase, b.state, b.role, b.mode};
    }
    void operator()(const ast::sa_established& s) const {
        out.local = to_model(s.local);
        out.peer = to_model(s.peer);
        out.code = model::event_code::isakmp_sa_established;
        out.what = model::sa_established_event{s.initiator_cookie, s.responder_cookie};
    }
    void operator()(const ast::endpoint_message& em) const {
        // An endpoint pair with a message we do not know still tells us who talks to whom.
        out.local = to_model(em.local);
        out.peer = to_model(em.peer);
        if (em.code) {
            out.code = *em.code;
        }
    }
    void operator()(const ast::phase2_mismatch& m) const {
        out.code = model::event_code::phase2_mismatched;
        out.what = model::phase2_mismatch_event{m.attribute, m.mine, m.peer};
    }
    void operator()(const ast::addressed_failure& f) const {
        out.code = f.code;
        std::string address = f.address;
        while (!address.empty() && (address.back() == '.' || address.back() == ':')) {
            address.pop_back(); // the sentence's full stop
        }
        out.peer = model::endpoint{address, 0}; // port not logged
    }
    void operator()(model::p2_side side) const {
        out.code = model::event_code::bundle_header;
        out.what = model::bundle_header_event{side};
    }
    void operator()(const ast::bundle_values& values) const {
        using a = model::phase2_attribute;
        static constexpr std::pair<std::string_view, a> k_keys[] = {
            {"proto_id", a::protocol}, {"encmode", a::encapsulation}, {"trns_id", a::cipher},
            {"encklen", a::key_length},   {"authtype", a::authentication}};
        model::bundle_values_event event;
        for (const auto& kv : values) {
            for (const auto& [key, attribute] : k_keys) {
                if (kv.key == key) {
                    event.values.emplace_back(attribute, kv.value);
                }
            }
        }
        out.code = !values.empty() && values.front().key == "proto_id" ? model::event_code::bundle_protocol
                                                                      : model::event_code::bundle_transform;
        out.what = std::move(event);
    }
    void operator()(const ast::policy_lookup& p) const {
        // racoon looks policies up by source and destination: inbound, the source is the
        // peer's network; outbound, ours.
        const bool inbound = p.direction == "in";
        out.code = model::event_code::policy_not_found;
        out.what = model::proxy_id_event{selector(inbound ? p.destination : p.source),
                                         selector(inbound ? p.source : p.destination), p.protocol};
    }
    void operator()(const ast::ipsec_sa& s) const {
        out.code = model::event_code::ipsec_sa_established;
        out.what = model::ipsec_sa_established_event{s.protocol, s.mode, to_model(s.from), to_model(s.to)};
    }
};

/// Character classes of the grammar, one table lookup each (the fast path asks for them on
/// every byte of a line's opening).
enum char_class : std::uint8_t {
    k_digit = 1,
    k_word = 2,
    k_address = 4,
    k_name = 8,
    k_blank = 16,
    k_alpha = 32,
    k_hex = 64,
};

constexpr std::array<std::uint8_t, 256> make_char_classes() {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool digit = c >= '0' && c <= '9';
        const bool word = digit || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        const bool address = hex || c == '.' || c == ':';
        t[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(
            (digit ? k_digit : 0) | (word ? k_word : 0) | (address ? k_address : 0) |
            (word || c == '.' ? k_name : 0) | (c == ' ' || c == '\t' ? k_blank : 0) | (alpha ? k_alpha : 0) |
            (hex ? k_hex : 0));
    }
    return t;
}

constexpr std::array<std::uint8_t, 256> k_char_classes = make_char_classes();

bool in_class(char c, char_class k) { return (k_char_classes[static_cast<unsigned char>(c)] & k) != 0; }

using model::is_digit;

/// A prefix whose date or time cannot exist (`2021-13-45 25:61:61`) is not a log line.
bool plausible(const ast::timestamp& t) {
    return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 && t.hour <= 23 && t.minute <= 59 &&
           t.second <= 60 && (!t.offset || (t.offset->hhmm / 100 <= 14 && t.offset->hhmm % 100 <= 59));
}

/// Reads a line prefix at `first`, advancing it; false when there is none.
bool read_prefix(const char*& first, const char* last, ast::prefix& prefix) {
    return x3::parse(first, last, grammar::line_prefix_parser(), prefix) && plausible(prefix.time);
}

/// `YYYY-MM-DD HH:MM:SS` at `p` (cheap shape test before the real prefix grammar).
bool looks_like_datetime(const char* p, const char* end) {
    if (end - p < 19) {
        return false;
    }
    return is_digit(p[0]) && is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]) && p[4] == '-' &&
           is_digit(p[5]) && is_digit(p[6]) && p[7] == '-' && is_digit(p[8]) && is_digit(p[9]) &&
           (p[10] == ' ' || p[10] == '\t');
}

/// The prefix's fields in an event (payload and endpoints left for the caller).
model::log_event event_from(ast::prefix& prefix, std::string_view message) {
    model::log_event event;
    event.time = to_model(prefix.time);
    event.level = std::move(prefix.level);
    if (prefix.ctx) {
        event.context = model::pan_context{
            prefix.ctx->sa, prefix.ctx->child ? std::optional<std::uint32_t>{*prefix.ctx->child} : std::nullopt};
    }
    event.text = std::string(model::trim(message));
    return event;
}

/// `[0-9a-zA-Z_]`
bool is_word_char(char c) { return in_class(c, k_word); }

/// `[0-9a-fA-F.:]`
bool is_address_char(char c) { return in_class(c, k_address); }

/// The endpoints of `A[port]<=>B[port]` anywhere in `message`, if it has them.
std::optional<ast::endpoint_pair> arrow_pair(std::string_view message) {
    const std::size_t arrow = message.find("<=>");
    if (arrow == std::string_view::npos) {
        return std::nullopt;
    }
    // Back over `A[port]` and blanks before the arrow to where the address starts.
    std::size_t start = arrow;
    while (start > 0 && (message[start - 1] == ' ' || message[start - 1] == '\t')) {
        --start;
    }
    if (start == 0 || message[start - 1] != ']') {
        return std::nullopt;
    }
    start = message.rfind('[', start - 1);
    if (start == std::string_view::npos) {
        return std::nullopt;
    }
    while (start > 0 && is_address_char(message[start - 1])) {
        --start;
    }
    // `negotiation:200.100.5.1[500]`: the run of address characters may begin inside the
    // word before it (`...n:` has no hex digit, `...e:` does); start after that word's ':'.
    if (start > 0 && is_word_char(message[start - 1])) {
        const std::size_t colon = message.find(':', start);
        if (colon == std::string_view::npos || colon >= arrow) {
            return std::nullopt;
        }
        start = colon + 1;
    }
    while (start < arrow && message[start] == ':' && message[start + 1] != ':') {
        ++start;
    }
    const char* first = message.data() + start;
    ast::endpoint_pair pair;
    if (!x3::parse(first, message.data() + message.size(), grammar::endpoint_pair_parser(), pair)) {
        return std::nullopt;
    }
    return pair;
}

/// Whether a line's level is a debug level (`DEBG`, `DEBUG`, `DEBUG2`): the bulk of a debug
/// log, and not where PAN-OS 8.x+ ikemgr or racoon report a failure.
bool is_debug_level(std::string_view level) {
    // PAN-OS 7.x logs everything as `debug:` (lower case): there, failures are debug lines too.
    return level.size() >= 4 && level[0] == 'D' && level[1] == 'E';
}

/// A phrase inside the message (parser/phrases.cpp), looked for only in lines the daemon
/// logged above debug level: the table is long, and debug lines are most of a log.
std::optional<model::event_code> inner_phrase(std::string_view level, std::string_view message) {
    return is_debug_level(level) ? std::nullopt : find_phrase(message);
}

/// A message the grammar does not know may still matter: a phrase inside it, or endpoints as
/// `A[port]<=>B[port]`, which tie its context to a peer.
scan_result scan_unknown_message(ast::prefix& prefix, std::string_view message) {
    const std::optional<model::event_code> code = inner_phrase(prefix.level, message);
    const std::optional<ast::endpoint_pair> pair = arrow_pair(message);
    if (!code && !pair) {
        return scan_no_match{};
    }
    model::log_event event = event_from(prefix, message);
    event.code = code;
    if (pair) {
        event.local = to_model(pair->local);
        event.peer = to_model(pair->peer);
    }
    return event;
}

/// A copy-paste may double the blanks inside a message (`Compared:  DB:Peer`): when the
/// message is not recognised as logged and has such a run, parse it once more with every run
/// of blanks made one space. Every unrecognised message with a doubled blank or a tab pays
/// for a copy and a second parse; ikemgr's own messages rarely have one. A retried line that
/// turns out malformed stays noise (its column would not be the log's).
bool parse_collapsed(std::string_view message, ast::body& body) {
    if (message.find("  ") == std::string_view::npos && message.find('\t') == std::string_view::npos) {
        return false;
    }
    std::string collapsed;
    collapsed.reserve(message.size());
    for (char c : message) {
        const bool blank = c == ' ' || c == '\t';
        if (blank && !collapsed.empty() && collapsed.back() == ' ') {
            continue;
        }
        collapsed += blank ? ' ' : c;
    }
    const char* first = collapsed.data();
    const char* const last = collapsed.data() + collapsed.size();
    ast::body fresh; // the failed first parse may have left `body` half filled
    try {
        if (!x3::parse(first, last, grammar::message_parser(), fresh)) {
            return false;
        }
    } catch (const x3::expectation_failure<grammar::iterator_type>&) {
        return false;
    }
    body = std::move(fresh);
    return true;
}

using model::is_blank;

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
bool shape_matches(const char* p) {
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

/// x3::uint_ at `p`: one or more digits whose value fits 32 bits. Past them (with `value`
/// set), or null, having consumed nothing, as uint_ fails (on overflow too).
const char* read_uint32(const char* p, const char* end, unsigned& value) {
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

#if defined(__SSE2__)
/// Per byte of `v`, all ones where it lies in [low, high] (ASCII bounds; signed compares, so
/// bytes beyond ASCII, negative, are never in range).
__m128i bytes_within(__m128i v, char low, char high) {
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(static_cast<char>(low - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8(static_cast<char>(high + 1))));
}

/// Per start q .. q + 15, all ones where a `-` has another `-` three bytes on, as a date's
/// `YYYY-MM-DD` has (reads q .. q + 18).
__m128i date_dash_pairs(const char* q) {
    const __m128i dash = _mm_set1_epi8('-');
    return _mm_and_si128(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q)), dash),
                         _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 3)), dash));
}
#endif

/// Which of `n` bytes at `p` (n <= 16) are digits and which blanks, as bit i for byte i.
struct byte_bits {
    unsigned digits = 0;
    unsigned blanks = 0;
};
byte_bits classify_bytes(const char* p, unsigned n) {
    byte_bits bits;
    for (unsigned i = 0; i < n; ++i) {
        bits.digits |= unsigned{is_digit(p[i])} << i;
        bits.blanks |= unsigned{is_blank(p[i])} << i;
    }
    return bits;
}

/// The same of the 16 bytes at `p`, all at once where the processor has SSE2.
byte_bits classify_16_bytes(const char* p) {
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i digit = bytes_within(v, '0', '9');
    const __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\t')));
    return {static_cast<unsigned>(_mm_movemask_epi8(digit)), static_cast<unsigned>(_mm_movemask_epi8(blank))};
#else
    return classify_bytes(p, 16);
#endif
}

/// A PAN-OS context field five wide, from its bytes' bits (`classify_bytes`): blanks, digits,
/// blanks (what `opt_blanks >> uint_ >> opt_blanks` reads there; five digits cannot
/// overflow), blanks only, or other text.
enum class padded { number, blank, other };
padded padded_field(byte_bits field) {
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

/// The two fields of the usual context `{  185:     }`, whose first byte is at `f`: the
/// bits of the first field, then of the second (six bytes on).
std::pair<byte_bits, byte_bits> context_fields(const char* f, const char* end) {
    const byte_bits both = end - f >= 16 ? classify_16_bytes(f) : classify_bytes(f, 11);
    return {both, {both.digits >> 6, both.blanks >> 6}};
}

/// Whether what follows the usual timestamp at `p` is the usual rest of the prefix,
/// `  [DEBG]: {  185:     }:` (24 bytes): a level of four capitals and a context of two fields
/// five wide, the first a number.
bool usual_level_and_context(const char* p, const char* end) {
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

/// What the hand-written readers below share: a place in a text, and the grammar's smallest
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
        while (m_p < m_end && is_blank(*m_p)) {
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

/// A hand-written reader of the grammar's `opt_blanks >> pan_prefix` (ike_grammar_def.hpp),
/// consuming exactly what that rule consumes and reading the same values, without X3: the
/// prefix of nearly every line of a PAN-OS 8.x+ log. `scan_line` reads it so; the grammar's
/// `line_prefix` reads the rest (racoon, PAN-OS 7.x) and whatever this reader refuses.
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
        // -pan_context: '{' opt_blanks uint_ opt_blanks ':' opt_blanks -uint_ opt_blanks '}' ':'
        const char* before_context = m_p;
        ast::context context;
        unsigned child = 0;
        bool has_child = false;
        if (take('{') && (skip_blanks(), uint32(context.sa)) && (skip_blanks(), take(':')) &&
            (skip_blanks(), has_child = uint32(child), skip_blanks(), take('}')) && take(':')) {
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
            if (is_digit(f[i])) {
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

/// Whether `message` begins with `start`, a blank in `start` matching any run of blanks.
bool begins_with_collapsed(std::string_view message, std::string_view start) {
    std::size_t m = 0;
    for (const char c : start) {
        if (c == ' ') {
            if (m >= message.size() || !is_blank(message[m])) {
                return false;
            }
            while (m < message.size() && is_blank(message[m])) {
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

/// What the grammar's `-source_location` leaves of `message` (ike_grammar_def.hpp), read by
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
    std::size_t run = 0;
    while (run < rest.size() && is_address_char(rest[run])) {
        ++run;
    }
    if (run > 0 && run < rest.size() && rest[run] == '[') {
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

/// Whether a message after a debug-level PAN-OS 8.x+ prefix is certainly noise: no
/// alternative of the grammar can begin it and it holds no `<=>`.
bool noise_message(std::string_view message) {
    return !could_begin_alternative(after_source_location(message)) &&
           message.find("<=>") == std::string_view::npos;
}

/// The event of a message read into `body` (by the grammar or by `sa_message_reader`).
model::log_event event_of(ast::prefix& prefix, std::string_view message, const ast::body& body) {
    model::log_event event = event_from(prefix, message);
    boost::apply_visitor(body_converter{event}, body);
    if (!event.code && std::holds_alternative<std::monostate>(event.what)) {
        event.code = inner_phrase(event.level, message); // `A[p] - B[p]:0x.. <message with a phrase inside>`
    }
    return event;
}

/// The grammar's `sa_established` and `ipsec_sa` (ike_grammar_def.hpp) read by hand, from a
/// message's first byte: into `body` what those rules read, or false (the grammar then reads
/// the message, and decides). An SA is logged with its own cookies or SPIs, so no two of these
/// messages are alike: the memo never holds them, and the grammar, trying its alternatives
/// in turn, cost more on each than the rest of its line's reading (docs/performance.md). No
/// source location and no alternative before theirs can begin a message that opens with
/// their texts (tests/parser/fast_path_test.cpp), so where these readers match, the grammar
/// takes the same alternative and reads the same values.
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

/// The message of a line whose prefix has been read, through the grammar.
scan_result scan_message(std::string_view line, ast::prefix& prefix, const char* message_begin) {
    const char* first = message_begin;
    const char* const last = line.data() + line.size();
    const std::string_view message(message_begin, static_cast<std::size_t>(last - message_begin));
    ast::body body;
    try {
        if (!x3::parse(first, last, grammar::message_parser(), body) && !parse_collapsed(message, body)) {
            return scan_unknown_message(prefix, message);
        }
    } catch (const x3::expectation_failure<grammar::iterator_type>& e) {
        return scan_malformed{static_cast<std::uint32_t>(e.where() - line.data() + 1),
                              "expected " + e.which()};
    }

    return event_of(prefix, message, body);
}

/// What a message alone decides of its line's result; the prefix (time, level, context) and
/// the message's own text decide the rest. Whether the level is a debug level counts too
/// (`inner_phrase`), so that is part of what a message is remembered under.
struct message_outcome {
    enum class kind : std::uint8_t { noise, event, malformed };
    kind result = kind::noise;
    std::optional<model::event_code> code;
    model::event_payload what;
    std::optional<model::endpoint> local;
    std::optional<model::endpoint> peer;
    std::uint32_t column = 0; ///< malformed: where, counted from the message's first byte
    std::string error;        ///< malformed: what was expected
};

/// Outcomes of messages read before. A debug log says the same things again and again (each
/// retry of a negotiation logs the same Compared block), and the grammar costs far more than
/// a lookup. Bounded: messages up to k_max_message bytes, emptied when it holds k_max_entries.
class message_cache {
public:
    static constexpr std::size_t k_max_entries = 4096;
    /// Longer messages are read by the grammar every time (ikemgr's own are far shorter).
    static constexpr std::size_t k_max_message = 512;

    const message_outcome* find(std::string_view message, bool debug) const {
        const auto& map = m_by_level[debug ? 1 : 0];
        const auto it = map.find(message);
        return it == map.end() ? nullptr : &it->second;
    }

    void store(std::string_view message, bool debug, message_outcome outcome) {
        if (message.size() > k_max_message) {
            return; // a line may be 1 MiB: the memory stays small whatever the input
        }
        if (m_by_level[0].size() + m_by_level[1].size() >= k_max_entries) {
            m_by_level[0].clear();
            m_by_level[1].clear();
        }
        m_by_level[debug ? 1 : 0].emplace(std::string(message), std::move(outcome));
    }

private:
    /// Eight bytes at a time, a multiply and a shift each: std::hash's byte-wise mixing was a
    /// tenth of the reading thread's work on a debug log (docs/performance.md).
    struct text_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept {
            constexpr std::uint64_t k = 0x9E3779B97F4A7C15u;
            std::uint64_t h = s.size() * k;
            const auto mix = [&h](std::uint64_t word) {
                h = (h ^ word) * 0xBF58476D1CE4E5B9u;
                h ^= h >> 31;
            };
            const char* p = s.data();
            std::size_t n = s.size();
            for (; n >= 8; p += 8, n -= 8) {
                std::uint64_t word = 0;
                std::memcpy(&word, p, 8);
                mix(word);
            }
            std::uint64_t tail = 0;
            for (std::size_t i = 0; i < n; ++i) {
                tail |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
            }
            mix(tail);
            return static_cast<std::size_t>(h ^ (h >> 29));
        }
    };
    std::array<std::unordered_map<std::string, message_outcome, text_hash, std::equal_to<>>, 2> m_by_level;
};

/// `scan_message`, remembering each message's outcome for the next line that says the same.
scan_result scan_message_remembered(std::string_view line, ast::prefix& prefix, const char* message_begin) {
    thread_local message_cache cache;
    const std::string_view message(message_begin, static_cast<std::size_t>(line.data() + line.size() - message_begin));
    const auto offset = static_cast<std::uint32_t>(message_begin - line.data());
    if (ast::body body; sa_message_reader(message).read(body)) {
        return event_of(prefix, message, body);
    }
    const bool debug = is_debug_level(prefix.level);
    if (const message_outcome* known = cache.find(message, debug)) {
        switch (known->result) {
        case message_outcome::kind::noise: return scan_no_match{};
        case message_outcome::kind::malformed: return scan_malformed{known->column + offset, known->error};
        case message_outcome::kind::event: break;
        }
        model::log_event event = event_from(prefix, message);
        event.code = known->code;
        event.what = known->what;
        event.local = known->local;
        event.peer = known->peer;
        return event;
    }
    scan_result result = scan_message(line, prefix, message_begin);
    message_outcome outcome;
    if (const auto* event = std::get_if<model::log_event>(&result)) {
        outcome.result = message_outcome::kind::event;
        outcome.code = event->code;
        outcome.what = event->what;
        outcome.local = event->local;
        outcome.peer = event->peer;
    } else if (const auto* bad = std::get_if<scan_malformed>(&result)) {
        outcome.result = message_outcome::kind::malformed;
        outcome.column = bad->column - offset;
        outcome.error = bad->message;
    }
    cache.store(message, debug, std::move(outcome));
    return result;
}

/// The line's prefix read by the grammar's `line_prefix` (every layout: PAN-OS, racoon,
/// PAN-OS 7.x), then its message by `read_message`.
scan_result scan_after_prefix_rule(std::string_view line,
                                   scan_result (*read_message)(std::string_view, ast::prefix&, const char*)) {
    const char* first = line.data();
    ast::prefix prefix;
    if (!read_prefix(first, line.data() + line.size(), prefix)) {
        return scan_no_match{};
    }
    return read_message(line, prefix, first);
}

} // namespace

bool certainly_noise(std::string_view line) {
    pan_prefix_reader prefix(line);
    return prefix.read() && is_debug_level(prefix.level()) && noise_message(prefix.message());
}

namespace {

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

line_shape shape_of(std::string_view line) {
    const char* const p = line.data();
    const char* const end = p + line.size();
    // The usual PAN-OS 8.x+ prefix from the first byte, `2022-11-02 08:00:00.005 +0900
    // [DEBG]: {  185:     }:` (53 bytes), as pan_prefix_reader reads it.
    if (line.size() < 53 || !usual_prefix(p)) {
        return line_shape::other;
    }
    const char* message = p + 53;
    while (message < end && is_blank(*message)) {
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

namespace {

/// The message of a line whose prefix the hand reader has read (and found not noise).
scan_result scan_after_hand_read_prefix(std::string_view line, const pan_prefix_reader& reader) {
    ast::prefix prefix = reader.prefix();
    if (!plausible(prefix.time)) {
        return scan_no_match{};
    }
    return scan_message_remembered(line, prefix, reader.message().data());
}

} // namespace

scan_result scan_usual_line(std::string_view line) {
    // As scan_line, less what shape_of made of the line: its usual layout, and the noise
    // test (a debug line whose message an alternative may begin, and no `<=>`, is what
    // noise_message calls not noise).
    assert(shape_of(line) == line_shape::usual_alone);
    pan_prefix_reader reader(line);
    reader.take_usual();
    return scan_after_hand_read_prefix(line, reader);
}

scan_result scan_line(std::string_view line) {
    // Nearly every line has a PAN-OS 8.x+ prefix: read by hand, it tells noise at once, and
    // its values spare the grammar's prefix rule.
    pan_prefix_reader reader(line);
    if (!reader.read()) {
        return scan_after_prefix_rule(line, scan_message_remembered);
    }
    if (is_debug_level(reader.level()) && noise_message(reader.message())) {
        return scan_no_match{};
    }
    return scan_after_hand_read_prefix(line, reader);
}

scan_result scan_line_with_grammar(std::string_view line) {
    return scan_after_prefix_rule(line, scan_message);
}

namespace {

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

std::size_t next_line_start(std::string_view line, std::size_t from) {
    const char* const begin = line.data();
    const char* const end = begin + line.size();
    // A prefix's date has its dashes four and seven characters in: find such pairs and test there.
    // Blanks before the first prefix are indentation (a copy-paste), not a glued line.
    while (from < line.size() && (line[from] == ' ' || line[from] == '\t')) {
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
