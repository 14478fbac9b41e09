#include "parser/system_log/system_log.hpp"

#include "model/vocabulary.hpp"
#include "parser/panos/phrases.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ikediff::parser {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::size_t k_npos = std::string_view::npos;

/// Columns of the syslog field order (log-formats.md section 5).
constexpr std::size_t k_min_positional_fields = 15; // through Description
const system_log_feeder::columns k_positional{
    .type = 3,
    .subtype = 4,
    .generated_time = 6,
    .receive_time = 1,
    .high_res_time = 25,
    .event_id = 8,
    .object = 9,
    .severity = 13,
    .description = 14,
};

/// Values of the Type field of PAN-OS CSV logs.
constexpr std::array<std::string_view, 14> k_log_types{
    "TRAFFIC",    "THREAT", "SYSTEM", "CONFIG", "HIPMATCH", "GLOBALPROTECT", "USERID",
    "DECRYPTION", "AUTH",   "TUNNEL", "GTP",    "SCTP",     "CORRELATION",   "IPTAG"};

using model::is_blank;
using model::is_digit;
using model::is_hex;

/// Advances `at` over `c` when it is there.
bool skip(std::string_view s, std::size_t& at, char c) {
    if (at < s.size() && s[at] == c) {
        ++at;
        return true;
    }
    return false;
}

/// `text` without a BOM and a trailing CR.
std::string_view strip_line(std::string_view text) {
    if (text.starts_with(k_bom)) {
        text.remove_prefix(k_bom.size());
    }
    if (!text.empty() && text.back() == '\r') {
        text.remove_suffix(1);
    }
    return text;
}

/// ASCII case-insensitive search of `needle` in `text` from `from`: only where its first
/// letter is, in either case, is the rest compared (a description is searched for many
/// phrases).
std::size_t find_ci(std::string_view text, std::string_view needle, std::size_t from = 0) {
    if (needle.empty() || text.size() < needle.size()) {
        return k_npos;
    }
    const char first = model::to_lower(needle.front());
    for (std::size_t at = from; at + needle.size() <= text.size(); ++at) {
        if (model::to_lower(text[at]) == first && model::iequals(text.substr(at, needle.size()), needle)) {
            return at;
        }
    }
    return k_npos;
}

// Layouts -----------------------------------------------------------------------------------

/// `,YYYY/MM/DD hh:mm:ss,` at `comma`: the Receive Time that follows a record's first field.
bool receive_time_at(std::string_view line, std::size_t comma) {
    constexpr std::string_view shape = ",dddd/dd/dd dd:dd:dd,";
    if (line.size() - comma < shape.size()) {
        return false;
    }
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const char c = line[comma + i];
        if (shape[i] == 'd' ? !is_digit(c) : c != shape[i]) {
            return false;
        }
    }
    return true;
}

/// Where a PAN-OS CSV record starts in `line`: 0 for a raw row, after the syslog header for
/// a forwarded one (`<14>Nov  9 19:53:08 fw-2 1,2019/10/06 15:46:26,...`); none without a
/// record's opening `N,YYYY/MM/DD hh:mm:ss,` (N: the FUTURE_USE field, digits or empty) at
/// the line's start or after a blank.
std::optional<std::size_t> record_offset(std::string_view line) {
    for (std::size_t comma = line.find(','); comma != k_npos; comma = line.find(',', comma + 1)) {
        if (!receive_time_at(line, comma)) {
            continue;
        }
        std::size_t start = comma;
        while (start > 0 && is_digit(line[start - 1])) {
            --start;
        }
        if (start == 0 || is_blank(line[start - 1])) {
            return start;
        }
    }
    return std::nullopt;
}

/// `<14>`: a syslog priority opens the line.
bool starts_with_priority(std::string_view line) {
    std::size_t i = 0;
    if (!skip(line, i, '<')) {
        return false;
    }
    const std::size_t digits = i;
    while (i < line.size() && is_digit(line[i])) {
        ++i;
    }
    return i > digits && i - digits <= 3 && skip(line, i, '>');
}

/// A header name reduced to lower-case letters and digits: `Threat/Content Type` ->
/// `threatcontenttype`, `Serial #` -> `serial`.
std::string column_key(std::string_view name) {
    std::string key;
    for (const char c : name) {
        if (is_digit(c) || (c >= 'a' && c <= 'z')) {
            key += c;
        } else if (c >= 'A' && c <= 'Z') {
            key += model::to_lower(c);
        }
    }
    return key;
}

/// The columns a header row names, or none when it is not a system log header (it must
/// name an event id and a description).
std::optional<system_log_feeder::columns> header_columns(const std::vector<csv_field>& fields) {
    struct name_slot {
        std::string_view key;
        std::optional<std::size_t> system_log_feeder::columns::*slot;
    };
    using c = system_log_feeder::columns;
    static constexpr std::array<name_slot, 19> k_names{{
        {"type", &c::type},
        {"subtype", &c::subtype},
        {"threatcontenttype", &c::subtype},
        {"contentthreattype", &c::subtype},
        {"generatetime", &c::generated_time},
        {"generatedtime", &c::generated_time},
        {"timegenerated", &c::generated_time},
        {"receivetime", &c::receive_time},
        {"receivedtime", &c::receive_time},
        {"timereceived", &c::receive_time},
        {"highrestimestamp", &c::high_res_time},
        {"highresolutiontimestamp", &c::high_res_time},
        {"eventid", &c::event_id},
        {"event", &c::event_id},
        {"object", &c::object},
        {"objectname", &c::object},
        {"severity", &c::severity},
        {"description", &c::description},
        {"opaque", &c::description},
    }};
    c out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const std::string key = column_key(fields[i].text);
        for (const name_slot& n : k_names) {
            if (key == n.key && !(out.*n.slot)) {
                out.*n.slot = i;
            }
        }
    }
    if (!out.event_id || !out.description) {
        return std::nullopt;
    }
    return out;
}

/// The Type field of the PAN-OS record in `line`, or empty.
std::string record_type(std::string_view line) {
    const std::optional<std::size_t> offset = record_offset(line);
    if (!offset) {
        return {};
    }
    std::vector<csv_field> fields;
    split_csv(line.substr(*offset), fields);
    return fields.size() > 4 ? std::string(model::trim(fields[3].text)) : std::string{};
}

/// A cheap test before reading a line as a header row: it must name a description column.
bool may_be_header(std::string_view line) {
    return line.find("escription") != k_npos || line.find("ESCRIPTION") != k_npos ||
           line.find("opaque") != k_npos;
}

bool is_header(std::string_view line) {
    if (!may_be_header(line)) {
        return false;
    }
    std::vector<csv_field> fields;
    split_csv(line, fields);
    return header_columns(fields).has_value();
}

// Values ------------------------------------------------------------------------------------

/// Reads 1 to `max_digits` digits at `at` (advancing it) within [`low`, `high`].
bool read_number(std::string_view s, std::size_t& at, std::size_t min_digits,
                 std::size_t max_digits, unsigned low, unsigned high, unsigned& out) {
    std::size_t n = 0;
    unsigned value = 0;
    while (at < s.size() && n < max_digits && is_digit(s[at])) {
        value = value * 10 + static_cast<unsigned>(s[at] - '0');
        ++at;
        ++n;
    }
    out = value;
    return n >= min_digits && value >= low && value <= high;
}

/// `2019/10/19 15:39:29` (Generated Time: no zone) or `2021-07-06T18:35:17.869+09:00`
/// (High Resolution Timestamp); `Z`, `+hhmm` and a fraction of any length are accepted.
std::optional<model::timestamp> parse_time(std::string_view s) {
    s = model::trim(s);
    std::size_t at = 0;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_number(s, at, 4, 4, 1970, 9999, year) || at >= s.size() ||
        (s[at] != '/' && s[at] != '-')) {
        return std::nullopt;
    }
    const char date_sep = s[at++];
    if (!read_number(s, at, 1, 2, 1, 12, month) || !skip(s, at, date_sep) ||
        !read_number(s, at, 1, 2, 1, 31, day) || !(skip(s, at, ' ') || skip(s, at, 'T')) ||
        !read_number(s, at, 1, 2, 0, 23, hour) || !skip(s, at, ':') ||
        !read_number(s, at, 2, 2, 0, 59, minute) || !skip(s, at, ':') ||
        !read_number(s, at, 2, 2, 0, 60, second)) {
        return std::nullopt;
    }
    unsigned millis = 0;
    bool has_millis = false;
    if (skip(s, at, '.')) {
        unsigned scale = 100;
        std::size_t digits = 0;
        while (at < s.size() && is_digit(s[at])) {
            millis += static_cast<unsigned>(s[at] - '0') * scale;
            scale /= 10;
            ++at;
            ++digits;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        has_millis = true;
    }
    std::optional<std::int32_t> offset;
    if (skip(s, at, 'Z')) {
        offset = 0;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        const bool negative = s[at++] == '-';
        unsigned oh = 0, om = 0;
        if (!read_number(s, at, 2, 2, 0, 14, oh)) {
            return std::nullopt;
        }
        skip(s, at, ':');
        if (!read_number(s, at, 2, 2, 0, 59, om)) {
            return std::nullopt;
        }
        const auto minutes = static_cast<std::int32_t>(oh * 60 + om);
        offset = negative ? -minutes : minutes;
    }
    if (at != s.size()) {
        return std::nullopt;
    }
    return model::timestamp::from_civil(static_cast<int>(year), month, day, hour, minute, second,
                                        millis, offset, has_millis);
}

bool is_address_char(char c) {
    return is_hex(c) || c == '.' || c == ':';
}

/// `200.100.1.254[500]` at `at` (advancing it).
std::optional<model::endpoint> read_endpoint(std::string_view s, std::size_t& at) {
    const std::size_t start = at;
    std::size_t i = at;
    while (i < s.size() && is_address_char(s[i])) {
        ++i;
    }
    const std::string_view address = s.substr(start, i - start);
    if (address.empty() || address.find_first_of(".:") == k_npos || !skip(s, i, '[')) {
        return std::nullopt;
    }
    unsigned port = 0;
    if (!read_number(s, i, 1, 5, 0, 65535, port) || !skip(s, i, ']')) {
        return std::nullopt;
    }
    at = i;
    return model::endpoint{std::string(address), static_cast<std::uint16_t>(port)};
}

/// The run of characters at `at` that are none of `stops` (and not blank).
std::string_view token_at(std::string_view s, std::size_t at, std::string_view stops = ",;") {
    std::size_t end = at;
    while (end < s.size() && !is_blank(s[end]) && stops.find(s[end]) == k_npos) {
        ++end;
    }
    return s.substr(at, end - at);
}

std::string_view without_trailing_period(std::string_view s) {
    while (!s.empty() && s.back() == '.') {
        s.remove_suffix(1);
    }
    return s;
}

std::size_t skip_blanks(std::string_view s, std::size_t at) {
    while (at < s.size() && is_blank(s[at])) {
        ++at;
    }
    return at;
}

/// `Failed SA: A[500]-B[500]` (also `Initiated SA:`, `Established SA:`): local, then peer.
void read_sa_pair(std::string_view d, model::log_event& event) {
    for (std::size_t at = d.find("SA:"); at != k_npos; at = d.find("SA:", at + 1)) {
        std::size_t i = skip_blanks(d, at + 3);
        auto local = read_endpoint(d, i);
        if (!local || !skip(d, i, '-')) {
            continue;
        }
        auto peer = read_endpoint(d, i);
        if (peer) {
            event.local = std::move(local);
            event.peer = std::move(peer);
            return;
        }
    }
}

/// `cookie:02f293d180b306a3:0000000000000000`
void read_cookies(std::string_view d, model::system_event& se) {
    const std::size_t at = d.find("cookie:");
    if (at == k_npos) {
        return;
    }
    std::size_t i = at + 7;
    const std::size_t first = i;
    while (i < d.size() && is_hex(d[i])) {
        ++i;
    }
    if (i == first || i >= d.size() || d[i] != ':') {
        return;
    }
    const std::size_t second = i + 1;
    std::size_t j = second;
    while (j < d.size() && is_hex(d[j])) {
        ++j;
    }
    if (j == second) {
        return;
    }
    se.initiator_cookie = std::string(d.substr(first, i - first));
    se.responder_cookie = std::string(d.substr(second, j - second));
}

/// A value named by `label` (`SPI:0xA1CD910F.`, `message id:0x2A1C4F52`), without a
/// trailing period.
std::optional<std::string> labelled_value(std::string_view d, std::string_view label) {
    const std::size_t at = find_ci(d, label);
    if (at == k_npos) {
        return std::nullopt;
    }
    const std::string_view value =
        without_trailing_period(token_at(d, skip_blanks(d, at + label.size()), ",;/"));
    if (value.empty()) {
        return std::nullopt;
    }
    return std::string(value);
}

/// `Received local id 192.168.60.0/24 type IPv4 address protocol 0 port 0, received remote
/// id 192.168.10.0/24 type IPv4 address protocol 0 port 0.`
std::optional<model::proxy_id_event> read_proxy_id(std::string_view d) {
    const std::size_t local_at = find_ci(d, "local id ");
    if (local_at == k_npos) {
        return std::nullopt;
    }
    const std::size_t remote_at = find_ci(d, "remote id ", local_at);
    if (remote_at == k_npos) {
        return std::nullopt;
    }
    model::proxy_id_event out;
    out.local = std::string(without_trailing_period(token_at(d, skip_blanks(d, local_at + 9))));
    out.remote = std::string(without_trailing_period(token_at(d, skip_blanks(d, remote_at + 10))));
    if (out.local.empty() || out.remote.empty()) {
        return std::nullopt;
    }
    const std::size_t protocol_at = find_ci(d, "protocol ", local_at);
    if (protocol_at != k_npos) {
        const std::string_view protocol =
            without_trailing_period(token_at(d, skip_blanks(d, protocol_at + 9)));
        out.protocol = protocol == "0" ? "any" : std::string(protocol);
    }
    return out;
}

/// `pfs group mismatched:my: 2peer: 0` (sic), `trns_id mismatched: my:3DES peer:AES`,
/// `key length mismatched, mine:256 peer:128.`
std::optional<model::phase2_mismatch_event> read_mismatch(std::string_view d) {
    struct name_attribute {
        std::string_view name;
        model::phase2_attribute attribute;
    };
    using a = model::phase2_attribute;
    static constexpr std::array<name_attribute, 7> k_names{{
        {"pfs group mismatched", a::pfs_group},
        {"trns_id mismatched", a::cipher},
        {"authtype mismatched", a::authentication},
        {"encmode mismatched", a::encapsulation},
        {"proto_id mismatched", a::protocol},
        {"lifetime mismatched", a::lifetime},
        {"key length mismatched", a::key_length},
    }};
    for (const name_attribute& n : k_names) {
        const std::size_t at = find_ci(d, n.name);
        if (at == k_npos) {
            continue;
        }
        const std::size_t after = at + n.name.size();
        std::size_t mine_at = find_ci(d, "mine:", after);
        std::size_t mine_value = mine_at + 5;
        if (mine_at == k_npos) {
            mine_at = find_ci(d, "my:", after);
            mine_value = mine_at + 3;
        }
        if (mine_at == k_npos) {
            return std::nullopt;
        }
        const std::size_t peer_at = find_ci(d, "peer:", mine_value);
        if (peer_at == k_npos) {
            return std::nullopt;
        }
        std::string_view mine = model::trim(d.substr(mine_value, peer_at - mine_value));
        while (!mine.empty() && (mine.back() == ',' || is_blank(mine.back()))) {
            mine.remove_suffix(1);
        }
        const std::string_view peer =
            without_trailing_period(token_at(d, skip_blanks(d, peer_at + 5)));
        if (mine.empty() || peer.empty()) {
            return std::nullopt;
        }
        return model::phase2_mismatch_event{n.attribute, std::string(mine), std::string(peer)};
    }
    return std::nullopt;
}

/// `Configured encryption algorithm 'AES256-CBC' was not presented ...` -> `AES256-CBC`
/// (straight or curly quotes).
std::optional<std::string> read_configured_encryption(std::string_view d) {
    const std::size_t at = find_ci(d, "encryption algorithm ");
    if (at == k_npos) {
        return std::nullopt;
    }
    std::size_t i = skip_blanks(d, at + 21);
    if (skip(d, i, '\'') || skip(d, i, '"')) {
        // straight quote
    } else if (d.substr(i, 3) == "\xE2\x80\x98" || d.substr(i, 3) == "\xE2\x80\x99") {
        i += 3;
    } else {
        return std::nullopt;
    }
    std::size_t end = i;
    while (end < d.size() && d[end] != '\'' && d[end] != '"' && d[end] != '\xE2') {
        ++end;
    }
    if (end == i || end == d.size()) {
        return std::nullopt;
    }
    return std::string(d.substr(i, end - i));
}

/// `[GW-AZURE]: Configured encryption algorithm ...` -> `GW-AZURE`
std::optional<std::string> bracket_gateway(std::string_view d) {
    if (!d.starts_with('[')) {
        return std::nullopt;
    }
    const std::size_t close = d.find(']');
    if (close == k_npos || close < 2 || close + 1 >= d.size() || d[close + 1] != ':') {
        return std::nullopt;
    }
    return std::string(d.substr(1, close - 1));
}

/// Fills endpoints and the system event's optional fields from a description.
void read_description(std::string_view d, model::log_event& event, model::system_event& se) {
    if (d.find("as initiator") != k_npos) {
        se.role = model::role::initiator;
    } else if (d.find("as responder") != k_npos) {
        se.role = model::role::responder;
    }
    if (find_ci(d, "main mode") != k_npos) {
        se.exchange = model::exchange::main;
    } else if (find_ci(d, "aggressive mode") != k_npos) {
        se.exchange = model::exchange::aggressive;
    } else if (find_ci(d, "quick mode") != k_npos) {
        se.exchange = model::exchange::quick;
    }

    read_sa_pair(d, event);
    if (!event.peer) {
        if (const std::size_t at = d.find("peer IP "); at != k_npos) {
            std::size_t i = at + 8;
            event.peer = read_endpoint(d, i);
        }
    }
    if (!event.peer) {
        if (const std::size_t at = d.find("from IP "); at != k_npos) {
            std::size_t i = at + 8;
            event.peer = read_endpoint(d, i);
            i = skip_blanks(d, i);
            if (event.peer && d.substr(i, 3) == "to ") {
                i = skip_blanks(d, i + 3);
                event.local = read_endpoint(d, i);
            }
        }
    }

    read_cookies(d, se);
    se.message_id = labelled_value(d, "message id:");
    se.spi = labelled_value(d, "SPI:");
    se.proxy_id = read_proxy_id(d);
    se.mismatch = read_mismatch(d);
    se.configured_encryption = read_configured_encryption(d);
}

/// Whether an event is about phase 2 (a child SA): its event id, or `phase-2` in its text.
bool is_phase2(std::string_view event_id, std::string_view description) {
    return event_id.find("-p2-") != k_npos || event_id.find("child") != k_npos ||
           contains_phrase(description, phrase{"phase-2", model::event_code::phase2_failed});
}

/// `find_phrase`'s code, moved to its phase 2 twin for a phase 2 event.
std::optional<model::event_code> description_code(std::string_view event_id,
                                                  std::string_view description) {
    using e = model::event_code;
    std::optional<e> code = find_phrase(description);
    if (code && is_phase2(event_id, description)) {
        if (*code == e::phase1_time_up) {
            code = e::phase2_time_up;
        } else if (*code == e::peer_sa_unusable) {
            code = e::no_suitable_policy;
        }
    }
    return code;
}

} // namespace

// Public functions --------------------------------------------------------------------------

void split_csv(std::string_view line, std::vector<csv_field>& fields) {
    fields.clear();
    std::size_t i = 0;
    for (;;) {
        csv_field field;
        field.offset = i;
        if (i < line.size() && line[i] == '"') {
            ++i;
            while (i < line.size()) {
                const std::size_t quote = line.find('"', i);
                if (quote == k_npos) {
                    field.text.append(line.substr(i)); // unterminated: to the end of the line
                    i = line.size();
                    break;
                }
                field.text.append(line.substr(i, quote - i));
                if (quote + 1 < line.size() && line[quote + 1] == '"') {
                    field.text += '"';
                    i = quote + 2;
                } else {
                    i = quote + 1;
                    break;
                }
            }
        }
        const std::size_t comma = line.find(',', i);
        const std::size_t end = comma == k_npos ? line.size() : comma;
        field.text.append(line.substr(i, end - i));
        fields.push_back(std::move(field));
        if (end >= line.size()) {
            break;
        }
        i = end + 1;
    }
}

bool looks_like_system_log(std::string_view line) {
    line = strip_line(line);
    if (model::trim(line).empty()) {
        return false;
    }
    return model::iequals(record_type(line), "SYSTEM") || is_header(line);
}

bool looks_like_pan_log(std::string_view line) {
    line = strip_line(line);
    if (model::trim(line).empty()) {
        return false;
    }
    const std::string type = record_type(line);
    const bool known = std::any_of(k_log_types.begin(), k_log_types.end(),
                                   [&type](std::string_view t) { return model::iequals(type, t); });
    return known || is_header(line);
}

std::optional<model::event_code> system_event_code(std::string_view event_id) {
    using e = model::event_code;
    struct id_code {
        std::string_view id;
        e code;
        bool prefix; // also every event id that starts with `id`
    };
    // clang-format off
    static constexpr std::array<id_code, 15> k_ids{{
        {"ike-nego-p1-start",       e::phase1_started,           false},
        {"ike-nego-p1-succ",        e::phase1_succeeded,         false},
        {"ike-nego-p1-fail-psk",    e::psk_mismatch_likely,      false},
        {"ike-nego-p1-fail",        e::phase1_failed,            true},
        {"ike-nego-p2-start",       e::phase2_started,           false},
        {"ike-nego-p2-succ",        e::phase2_succeeded,         false},
        {"ike-nego-p2-fail",        e::phase2_failed,            true},
        {"ike-send-p2-delete",      e::phase2_delete_sent,       false},
        {"ikev2-nego-ike-start",    e::ikev2_started,            false},
        {"ikev2-nego-ike-succ",     e::phase1_succeeded,         false},
        {"ikev2-nego-ike-fail",     e::phase1_failed,            true},
        {"ikev2-nego-child-start",  e::phase2_started,           false},
        {"ikev2-nego-child-succ",   e::phase2_succeeded,         false},
        {"ikev2-nego-child-fail",   e::phase2_failed,            true},
        {"ikev2-nego-enc-mismatch", e::encryption_not_presented, false},
    }};
    // clang-format on
    event_id = model::trim(event_id);
    for (const id_code& row : k_ids) {
        if (event_id == row.id || (row.prefix && event_id.starts_with(row.id))) {
            return row.code;
        }
    }
    return std::nullopt;
}

// system_log_feeder -------------------------------------------------------------------------

system_log_feeder::system_log_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink)
    : m_input(input_index), m_stats(stats), m_sink(std::move(sink)) {}

void system_log_feeder::feed(std::string_view line) {
    ++m_stats.physical_lines;
    ++m_stats.lines;
    m_line = line;
    if (model::trim(line).empty()) {
        ++m_stats.unrecognized;
        return;
    }
    // After a header row, rows are the export's own, unless a syslog priority says otherwise.
    const std::optional<std::size_t> offset = record_offset(line);
    if (offset && *offset > 0 &&
        (!m_header || starts_with_priority(line))) { // behind a syslog header
        split_csv(line.substr(*offset), m_fields);
        read_row(*offset, layout::positional);
        return;
    }
    split_csv(line, m_fields);
    if (std::optional<columns> header =
            may_be_header(line) ? header_columns(m_fields) : std::nullopt) {
        m_header = *header;
        ++m_stats.unrecognized;
        return;
    }
    if (m_header) {
        read_row(0, layout::header);
    } else if (offset) {
        read_row(0, layout::positional);
    } else {
        ++m_stats.unrecognized;
    }
}

void system_log_feeder::feed_oversized() {
    ++m_stats.physical_lines;
    ++m_stats.lines;
    ++m_stats.unrecognized;
    ++m_stats.oversized;
}

void system_log_feeder::read_row(std::size_t offset, layout how) {
    const columns& cols = how == layout::header ? *m_header : k_positional;
    const auto field = [this](std::optional<std::size_t> column) -> const csv_field* {
        return column && *column < m_fields.size() ? &m_fields[*column] : nullptr;
    };
    const auto text_of = [&field](std::optional<std::size_t> column) -> std::string_view {
        const csv_field* f = field(column);
        return f != nullptr ? model::trim(f->text) : std::string_view{};
    };
    const auto column_of = [offset](const csv_field& f) { return offset + f.offset + 1; };

    // Type SYSTEM and subtype vpn, or noise. Without a subtype column (a trimmed export),
    // the event id tells: every IKE event id starts with `ike`.
    if (cols.type &&
        (field(cols.type) == nullptr || !model::iequals(text_of(cols.type), "SYSTEM"))) {
        ++m_stats.unrecognized;
        return;
    }
    if (cols.subtype
            ? (field(cols.subtype) == nullptr || !model::iequals(text_of(cols.subtype), "vpn"))
            : !model::iequals(text_of(cols.event_id).substr(0, 3), "ike")) {
        ++m_stats.unrecognized;
        return;
    }

    const std::optional<std::size_t> time_column =
        cols.generated_time ? cols.generated_time : cols.receive_time;
    if (!time_column && !cols.high_res_time) {
        malformed(1, "the header row names no time column");
        return;
    }
    std::size_t needed = std::max(*cols.event_id, *cols.description) + 1;
    if (time_column) {
        needed = std::max(needed, *time_column + 1);
    }
    if (how == layout::positional) {
        needed = std::max(needed, k_min_positional_fields);
    }
    if (m_fields.size() < needed) {
        malformed(m_line.size() + 1, "expected at least " + std::to_string(needed) +
                                         " fields, found " + std::to_string(m_fields.size()));
        return;
    }

    // The High Resolution Timestamp when it is there: by name it must be readable; by
    // position (PAN-OS 10.x+) a field 25 that is not a time is some other release's field.
    std::optional<model::timestamp> time;
    if (const csv_field* high_res = field(cols.high_res_time);
        high_res != nullptr && !model::trim(high_res->text).empty()) {
        time = parse_time(high_res->text);
        if (!time && how == layout::header) {
            malformed(column_of(*high_res), "unreadable time \"" + high_res->text + "\"");
            return;
        }
    }
    if (!time) {
        const csv_field* generated = field(time_column);
        if (generated == nullptr) {
            malformed(1, "no time in the row");
            return;
        }
        time = parse_time(generated->text);
        if (!time) {
            malformed(column_of(*generated), "unreadable time \"" + generated->text + "\"");
            return;
        }
    }

    model::log_event event;
    event.where = {m_input, m_stats.physical_lines, 1};
    event.time = *time;
    event.level = std::string(text_of(cols.severity));
    model::system_event se;
    se.event_id = std::string(text_of(cols.event_id));
    // PAN-OS names its system log events by IKE version: ike-nego-* and ikev2-nego-*.
    if (se.event_id.starts_with("ikev2-")) {
        se.version = model::ike_version::ikev2;
        se.version_certain = true;
    } else if (se.event_id.starts_with("ike-nego-")) {
        se.version = model::ike_version::ikev1;
    }
    se.failed = se.event_id.find("-fail") != std::string::npos;
    se.object = std::string(text_of(cols.object));
    const std::string_view description = text_of(cols.description);
    event.text = std::string(description);
    read_description(description, event, se);
    // The Object column names the IKE gateway of a phase 1 entry and the IPsec tunnel of a
    // phase 2 one.
    std::optional<std::string> object = se.object.empty() ? bracket_gateway(description) : se.object;
    if (object && is_phase2(se.event_id, description)) {
        event.ipsec_tunnel = std::move(object);
    } else {
        event.gateway = std::move(object);
    }
    event.code = description_code(se.event_id, description);
    if (!event.code) {
        event.code = system_event_code(se.event_id);
    }
    event.what = std::move(se);
    // An entry is an account per gateway (or tunnel, or peer) written after the fact.
    event.key.kind = model::correlation::by::subject;
    event.key.summary = true;
    ++m_stats.recognized;
    m_sink(std::move(event));
}

void system_log_feeder::malformed(std::size_t column, std::string message) {
    ++m_stats.malformed;
    if (m_stats.problems.size() < k_max_diagnostics) {
        model::diagnostic d;
        d.level = model::severity::warning;
        d.code = "log-malformed";
        d.message = "system log entry not understood: " + std::move(message);
        d.file = m_stats.name;
        d.line = m_stats.physical_lines;
        d.column = column;
        m_stats.problems.push_back(std::move(d));
    }
}

} // namespace ikediff::parser
