#include "parser/system_log/system_log.hpp"

#include "model/vocabulary.hpp"
#include "parser/panos/phrases.hpp"
#include "parser/system_log/cli_row.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ikediff::parser {

namespace {

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
    .module = 12,
    .severity = 13,
    .description = 14,
};

using model::is_blank;
using model::is_hex;
using panos::column_key;
using panos::parse_time;
using panos::read_number;
using panos::record_offset;
using panos::skip;
using panos::starts_with_priority;
using panos::strip_line;

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

/// The columns a header row names, or none when it is not a system log header (it must
/// name an event id and a description).
std::optional<system_log_feeder::columns> header_columns(const std::vector<csv_field>& fields) {
    using c = system_log_feeder::columns;
    static constexpr std::array<panos::column_name<c>, 20> k_names{{
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
        {"module", &c::module},
        {"severity", &c::severity},
        {"description", &c::description},
        {"opaque", &c::description},
    }};
    const c out = panos::named_columns(fields, k_names);
    if (!out.event_id || !out.description) {
        return std::nullopt;
    }
    return out;
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

bool looks_like_system_log(std::string_view line) {
    line = strip_line(line);
    if (model::trim(line).empty()) {
        return false;
    }
    return model::iequals(panos::record_type(line), "SYSTEM") || is_header(line) ||
           looks_like_cli_system_log(line);
}

bool looks_like_pan_log(std::string_view line) {
    line = strip_line(line);
    if (model::trim(line).empty()) {
        return false;
    }
    return panos::is_log_type(panos::record_type(line)) || is_header(line);
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
    m_line = line;
    if (!m_table_header && looks_like_cli_system_log(line) && !cli_row_offset(line) &&
        !detail_event_id(line)) {
        m_table_header = true; // `Time Severity Subtype ...`: a table pasted whole
    }
    if (m_open && continue_entry(line)) {
        return;
    }
    const auto header_of = [](std::string_view text, const std::vector<csv_field>& fields) {
        return may_be_header(text) ? header_columns(fields) : std::nullopt;
    };
    const auto cli = [this](std::string_view text) {
        if (const std::optional<std::string_view> id = detail_event_id(text)) {
            close_entry();
            m_open = open_entry{};
            m_open->event_id = std::string(*id);
            m_open->line = m_stats.physical_lines;
            m_open->column = text.find("Event:") + 1;
            m_open->detail = true;
            return true;
        }
        std::optional<std::size_t> at = cli_row_offset(text);
        const bool found = at.has_value();
        while (at) {
            // A row glued behind this one ends its description: one more log line.
            const std::optional<std::size_t> after = cli_row_offset(text.substr(*at + 1));
            const std::optional<std::size_t> next =
                after ? std::optional<std::size_t>(*at + 1 + *after) : std::nullopt;
            read_cli_row(*at, next.value_or(text.size()));
            if (next) {
                ++m_stats.lines;
            }
            at = next;
        }
        return found;
    };
    const panos::routed_row row =
        panos::route_line(line, m_stats, m_header, m_fields, header_of, cli);
    if (row.how != panos::row_layout::none) {
        read_row(row.offset,
                 row.how == panos::row_layout::header ? layout::header : layout::positional);
    }
}

void system_log_feeder::feed_oversized() {
    panos::count_oversized(m_stats);
}

void system_log_feeder::finish() {
    close_entry();
}

bool system_log_feeder::continue_entry(std::string_view line) {
    const std::string_view text = model::trim(strip_line(line));
    const std::string_view first_word = text.substr(0, text.find_first_of(" \t"));
    const bool prompt = first_word.size() > 2 && first_word.find('@') != k_npos &&
                        (first_word.back() == '>' || first_word.back() == '#');
    if (text.empty() || std::none_of(text.begin(), text.end(), model::is_alnum) || prompt ||
        looks_like_cli_system_log(text) || panos::record_offset(line) || is_header(line)) {
        close_entry();
        return false;
    }
    const std::optional<std::size_t> row = cli_row_offset(text);
    // A CLI row goes on only in a table pasted with its header: in an article's text, what
    // follows a row is the article's.
    if ((row && m_open->detail) || (!m_open->detail && !m_table_header)) {
        close_entry();
        return false;
    }
    const std::string_view more = model::trim(text.substr(0, row.value_or(text.size())));
    if (!more.empty()) {
        if (!m_open->description.empty()) {
            m_open->description += ' ';
        }
        m_open->description += more;
    }
    if (row) { // the rest of the line is the next row, read as usual
        close_entry();
        return false;
    }
    ++m_stats.physical_lines;
    ++m_stats.lines;
    ++m_stats.recognized;
    return true;
}

void system_log_feeder::close_entry() {
    if (!m_open) {
        return;
    }
    const open_entry open = std::move(*m_open);
    m_open.reset();
    entry e;
    e.subtype = open.subtype;
    e.event_id = open.event_id;
    e.object = open.object;
    e.severity = open.severity;
    e.description = open.description;
    emit(e, open.time, open.column, open.line);
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

    // Type SYSTEM, or noise; a row too short to hold its subtype is noise too.
    if (cols.type &&
        (field(cols.type) == nullptr || !model::iequals(text_of(cols.type), "SYSTEM"))) {
        ++m_stats.unrecognized;
        return;
    }
    if (cols.subtype && field(cols.subtype) == nullptr) {
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

    entry e;
    e.subtype =
        cols.subtype ? std::optional<std::string_view>(text_of(cols.subtype)) : std::nullopt;
    e.event_id = text_of(cols.event_id);
    e.object = text_of(cols.object);
    e.module = text_of(cols.module);
    e.severity = text_of(cols.severity);
    e.description = text_of(cols.description);
    emit(e, *time, 1);
}

void system_log_feeder::read_cli_row(std::size_t start, std::size_t end) {
    const std::string_view text = m_line.substr(start, end - start);
    const std::optional<cli_row> row = read_cli(text);
    if (!row) {
        malformed(start + 1, parse_time(text.substr(0, 19))
                                 ? std::string("no event id after the subtype")
                                 : "unreadable time \"" + std::string(text.substr(0, 19)) + "\"");
        return;
    }
    // Its description may go on on the next line: the row waits (`continue_entry`).
    close_entry();
    m_open = open_entry{std::string(row->subtype),
                        std::string(row->event_id),
                        std::string(row->object),
                        std::string(row->severity),
                        std::string(row->description),
                        row->time,
                        m_stats.physical_lines,
                        start + 1,
                        false};
}

void system_log_feeder::emit(const entry& e, const std::optional<model::timestamp>& time,
                             std::size_t column, std::optional<std::uint64_t> line) {
    model::log_event event;
    event.where = {m_input, line.value_or(m_stats.physical_lines),
                   static_cast<std::uint32_t>(column)}; // lines are short (k_max_line)
    event.time = time.value_or(model::timestamp{});
    event.has_time = time.has_value();
    event.level = std::string(e.severity);
    event.text = std::string(e.description);
    // Subtype vpn: an IKE event. Without a subtype (a trimmed export), the event id tells:
    // every IKE event id starts with `ike`.
    const bool vpn = e.subtype ? model::iequals(*e.subtype, "vpn")
                               : model::iequals(e.event_id.substr(0, 3), "ike");
    if (!vpn) {
        model::record_event record;
        record.log = "system-log";
        const auto add = [&record](std::string_view name, std::string_view value) {
            if (!value.empty()) {
                record.fields.emplace_back(std::string(name), std::string(value));
            }
        };
        add("subtype", e.subtype.value_or(std::string_view{}));
        add("event_id", e.event_id);
        add("object", e.object);
        add("module", e.module);
        add("severity", e.severity);
        add("description", e.description);
        event.what = std::move(record);
        event.key.kind = model::correlation::by::none;
        ++m_stats.recognized;
        m_sink(std::move(event));
        return;
    }

    model::system_event se;
    se.event_id = std::string(e.event_id);
    // PAN-OS names its system log events by IKE version: ike-nego-* and ikev2-nego-*.
    if (se.event_id.starts_with("ikev2-")) {
        se.version = model::ike_version::ikev2;
        se.version_certain = true;
    } else if (se.event_id.starts_with("ike-nego-")) {
        se.version = model::ike_version::ikev1;
    }
    se.failed = se.event_id.find("-fail") != std::string::npos;
    se.object = std::string(e.object);
    const std::string_view description = e.description;
    read_description(description, event, se);
    // The Object column names the IKE gateway of a phase 1 entry and the IPsec tunnel of a
    // phase 2 one.
    std::optional<std::string> object =
        se.object.empty() ? bracket_gateway(description) : se.object;
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
    panos::malformed_entry(m_stats, "system log", column, std::move(message));
}

} // namespace ikediff::parser
