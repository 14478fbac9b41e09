#include "parser/line_scanner.hpp"

#include "parser/ast_adapted.hpp"
#include "parser/ike_grammar.hpp"

#include <cstring>
#include <type_traits>

namespace ikediff::parser {

namespace x3 = boost::spirit::x3;

namespace {

model::timestamp to_model(const ast::timestamp& t) {
    unsigned millis = 0;
    bool has_millis = false;
    if (t.fraction && !t.fraction->empty()) {
        // ".8" -> 800 ms, ".869" -> 869 ms, ".869123" -> 869 ms
        std::string f = t.fraction->substr(0, 3);
        f.resize(3, '0');
        millis = static_cast<unsigned>(std::stoul(f));
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

/// Fills the payload (and endpoints) of `out` from the parsed message.
struct body_converter {
    model::log_event& out;

    void operator()(model::event_code code) const { out.what = model::phrase_event{code}; }
    void operator()(const ast::compared& c) const {
        out.what = model::compared_event{c.attribute, value_text(c.local), value_text(c.peer)};
    }
    void operator()(const ast::rejected& r) const {
        out.what = model::rejected_event{r.attribute, to_model(r.local_ref), to_model(r.peer_ref),
                                         value_text(r.local), value_text(r.peer)};
    }
    void operator()(const ast::phase1_start& s) const {
        out.local = to_model(s.local);
        out.peer = to_model(s.peer);
        out.what = model::phase1_start_event{s.role};
    }
    void operator()(const ast::banner& b) const {
        out.what = model::banner_event{b.phase, b.state, b.role, b.mode};
    }
    void operator()(const ast::sa_established& s) const {
        out.local = to_model(s.local);
        out.peer = to_model(s.peer);
        out.what = model::sa_established_event{s.initiator_cookie, s.responder_cookie};
    }
    void operator()(const ast::endpoint_message&) const {} // handled in scan_line
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

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

bool is_word_char(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_address_char(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
}

/// A message we do not know that names `A[port]<=>B[port]`: the endpoints still tie its
/// context to a peer (`initiate new phase 2 negotiation: A[500]<=>B[500]`).
scan_result scan_arrow_pair(ast::prefix& prefix, std::string_view message) {
    const std::size_t arrow = message.find("<=>");
    if (arrow == std::string_view::npos) {
        return scan_no_match{};
    }
    // Back over `A[port]` and blanks before the arrow to where the address starts.
    std::size_t start = arrow;
    while (start > 0 && (message[start - 1] == ' ' || message[start - 1] == '\t')) {
        --start;
    }
    if (start == 0 || message[start - 1] != ']') {
        return scan_no_match{};
    }
    start = message.rfind('[', start - 1);
    if (start == std::string_view::npos) {
        return scan_no_match{};
    }
    while (start > 0 && is_address_char(message[start - 1])) {
        --start;
    }
    // `negotiation:200.100.5.1[500]`: the run of address characters may begin inside the
    // word before it (`...n:` has no hex digit, `...e:` does); start after that word's ':'.
    if (start > 0 && is_word_char(message[start - 1])) {
        const std::size_t colon = message.find(':', start);
        if (colon == std::string_view::npos || colon >= arrow) {
            return scan_no_match{};
        }
        start = colon + 1;
    }
    while (start < arrow && message[start] == ':' && message[start + 1] != ':') {
        ++start;
    }
    const char* first = message.data() + start;
    ast::endpoint_pair pair;
    if (!x3::parse(first, message.data() + message.size(), grammar::endpoint_pair_parser(), pair)) {
        return scan_no_match{};
    }
    model::log_event event = event_from(prefix, message);
    event.local = to_model(pair.local);
    event.peer = to_model(pair.peer);
    event.what = model::endpoints_event{};
    return event;
}

/// A copy-paste may double the blanks inside a message (`Compared:  DB:Peer`): when the
/// message is not recognised as logged and has such a run, parse it once more with every run
/// of blanks made one space. Only known lines are retried, so the hot path pays nothing; a
/// retried line that turns out malformed stays noise (its column would not be the log's).
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

} // namespace

scan_result scan_line(std::string_view line) {
    const char* first = line.data();
    const char* const last = line.data() + line.size();

    ast::prefix prefix;
    if (!read_prefix(first, last, prefix)) {
        return scan_no_match{};
    }
    const char* const message_begin = first;
    const std::string_view message(message_begin, static_cast<std::size_t>(last - message_begin));
    ast::body body;
    try {
        if (!x3::parse(first, last, grammar::message_parser(), body) && !parse_collapsed(message, body)) {
            return scan_arrow_pair(prefix, message);
        }
    } catch (const x3::expectation_failure<grammar::iterator_type>& e) {
        return scan_malformed{static_cast<std::uint32_t>(e.where() - line.data() + 1),
                              "expected " + e.which()};
    }

    model::log_event event = event_from(prefix, message);

    if (const auto* em = boost::get<ast::endpoint_message>(&body)) {
        // An endpoint pair with a message we do not know still tells us who talks to whom.
        event.local = to_model(em->local);
        event.peer = to_model(em->peer);
        if (em->code) {
            event.what = model::phrase_event{*em->code};
        } else {
            event.what = model::endpoints_event{};
        }
        return event;
    }
    boost::apply_visitor(body_converter{event}, body);
    return event;
}

std::size_t next_line_start(std::string_view line, std::size_t from) {
    const char* const begin = line.data();
    const char* const end = begin + line.size();
    // A prefix's date has its first '-' four characters in: find each '-' and test there.
    if (line.size() < from + 5) {
        return std::string_view::npos;
    }
    const char* p = begin + from + 5;
    while (p < end) {
        const auto* dash = static_cast<const char*>(std::memchr(p, '-', static_cast<std::size_t>(end - p)));
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
