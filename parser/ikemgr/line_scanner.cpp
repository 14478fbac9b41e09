// The line facade (line_scanner.hpp) over the X3 grammar (grammar.hpp): a line's prefix and
// message read, what they read turned into a `model::log_event`, and each distinct
// message's outcome remembered for the next line that says the same.
//
// The hand-written fast path in front of the grammar (the PAN-OS 8.x+ prefix and the two
// messages logged once per SA read by hand, the noise test, `shape_of`, the glued-line
// search) is fast_path.hpp and fast_path.cpp; `scan_line_with_grammar` is the grammar alone,
// which tests and the fuzzer hold the fast path to.

#include "parser/ikemgr/line_scanner.hpp"

#include "parser/ikemgr/ast_adapted.hpp"
#include "parser/ikemgr/fast_path.hpp"
#include "parser/ikemgr/grammar.hpp"
#include "parser/panos/phrases.hpp"
#include "model/text.hpp"

#include <array>
#include <cassert>
#include <cstring>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <variant>

namespace ikediff::parser {

namespace x3 = boost::spirit::x3;

using fast_path::is_address_char;
using fast_path::is_debug_level;
using fast_path::is_word_char;
using fast_path::pan_prefix_reader;
using fast_path::plausible;
using fast_path::read_prefix;
using model::is_blank;

namespace {

// The AST to events ---------------------------------------------------------------------------

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
    void operator()(const ast::ikev2_banner& b) const {
        using ex = model::exchange;
        out.code = banner_code({b.phase, b.state, model::role::initiator, ex::main});
        model::banner_event event{b.phase, b.state, b.role.value_or(model::role::initiator),
                                  b.rekey.value_or(false) ? ex::create_child_sa
                                  : b.phase == 2          ? ex::ike_auth
                                                          : ex::ike_sa_init,
                                  model::ike_version::ikev2, b.role.has_value()};
        out.what = event;
        if (b.gateway) {
            out.gateway = *b.gateway;
        }
    }
    void operator()(const ast::banner_sa& s) const {
        out.local = to_model(s.local);
        out.peer = to_model(s.peer);
        out.what = model::banner_sa_event{s.state, s.version, s.initiator_spi, s.responder_spi,
                                          s.sn ? std::optional<std::uint32_t>{*s.sn} : std::nullopt};
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
    void operator()(const ast::resend& r) const {
        // An all-zero responder cookie: the peer has not answered the exchange's first packet.
        const bool unanswered = r.responder_cookie.find_first_not_of('0') == std::string::npos;
        out.code = unanswered ? model::event_code::phase1_resent_unanswered : model::event_code::phase1_resent;
    }
    void operator()(const ast::phase1_wait& w) const {
        out.code = model::event_code::phase2_time_up_waiting_phase1;
        out.local = to_model(w.local);
        out.peer = to_model(w.peer);
    }
    void operator()(const ast::ikev2_sa_state& s) const {
        out.code = s.code;
        out.gateway = s.gateway;
    }
};

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

/// The event of a line the grammar knows but could not read: no values, its place only.
model::log_event not_understood(ast::prefix prefix, std::string_view message) {
    model::log_event event = event_from(prefix, message);
    event.code = model::event_code::line_not_understood;
    return event;
}

// Messages the grammar does not know -----------------------------------------------------------

/// The endpoints of `A[port]<=>B[port]` anywhere in `message`, if it has them.
std::optional<ast::endpoint_pair> arrow_pair(std::string_view message) {
    const std::size_t arrow = message.find("<=>");
    if (arrow == std::string_view::npos) {
        return std::nullopt;
    }
    // Back over `A[port]` and blanks before the arrow to where the address starts.
    std::size_t start = arrow;
    while (start > 0 && is_blank(message[start - 1])) {
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

/// A phrase inside the message (parser/panos/phrases.cpp), looked for only in lines the daemon
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
        const bool blank = is_blank(c);
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

/// The event of a message read into `body` (by the grammar or by `sa_message_reader`).
model::log_event event_of(ast::prefix& prefix, std::string_view message, const ast::body& body) {
    model::log_event event = event_from(prefix, message);
    boost::apply_visitor(body_converter{event}, body);
    if (!event.code && std::holds_alternative<std::monostate>(event.what)) {
        event.code = inner_phrase(event.level, message); // `A[p] - B[p]:0x.. <message with a phrase inside>`
    }
    return event;
}

// The grammar, and the memo in front of it -------------------------------------------------------

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
        return scan_malformed{static_cast<std::uint32_t>(e.where() - line.data() + 1), "expected " + e.which(),
                              not_understood(prefix, message)};
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
    std::optional<std::string> gateway; ///< an IKEv2 banner's `gateway GW-X`
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
    if (ast::body body; fast_path::sa_message_reader(message).read(body)) {
        return event_of(prefix, message, body);
    }
    const bool debug = is_debug_level(prefix.level);
    if (const message_outcome* known = cache.find(message, debug)) {
        switch (known->result) {
        case message_outcome::kind::noise: return scan_no_match{};
        case message_outcome::kind::malformed:
            return scan_malformed{known->column + offset, known->error, not_understood(prefix, message)};
        case message_outcome::kind::event: break;
        }
        model::log_event event = event_from(prefix, message);
        event.code = known->code;
        event.what = known->what;
        event.local = known->local;
        event.peer = known->peer;
        event.gateway = known->gateway;
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
        outcome.gateway = event->gateway;
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
    if (is_debug_level(reader.level()) && fast_path::noise_message(reader.message())) {
        return scan_no_match{};
    }
    return scan_after_hand_read_prefix(line, reader);
}

scan_result scan_line_with_grammar(std::string_view line) {
    return scan_after_prefix_rule(line, scan_message);
}

} // namespace ikediff::parser
