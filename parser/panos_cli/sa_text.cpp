#include "parser/panos_cli/sa_text.hpp"

#include "model/text.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace ikediff::parser::panos_cli {

namespace {

using model::phase1_attribute;
using model::phase2_attribute;
using words = std::vector<std::string_view>;

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

std::string_view clean(std::string_view line) {
    if (line.starts_with(k_bom)) {
        line.remove_prefix(k_bom.size());
    }
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return model::trim(line);
}

words split(std::string_view line) { return model::split_blanks(line); }

std::string join(const words& w, std::size_t from, std::size_t to, std::string_view between) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) {
        if (i > from) {
            out += between;
        }
        out += w[i];
    }
    return out;
}

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), model::is_digit);
}

/// `10.0.1.2` or an IPv6 address (`2001:db8::1`): what stands in an address column.
bool is_address(std::string_view s) {
    const bool v4 =
        std::count(s.begin(), s.end(), '.') == 3 &&
        std::all_of(s.begin(), s.end(), [](char c) { return model::is_digit(c) || c == '.'; });
    const bool v6 =
        std::count(s.begin(), s.end(), ':') >= 2 &&
        std::all_of(s.begin(), s.end(), [](char c) { return model::is_hex(c) || c == ':'; });
    return v4 || v6;
}

/// An SPI as the tables show it: eight hex digits.
bool is_spi(std::string_view s) {
    return s.size() == 8 && std::all_of(s.begin(), s.end(), model::is_hex);
}

std::optional<model::role> role_of(std::string_view word) {
    if (model::iequals(word, "Init")) {
        return model::role::initiator;
    }
    if (model::iequals(word, "Resp")) {
        return model::role::responder;
    }
    return std::nullopt;
}

/// The index of the first role word at or after `from`.
std::optional<std::size_t> find_role(const words& w, std::size_t from) {
    for (std::size_t i = from; i < w.size(); ++i) {
        if (role_of(w[i])) {
            return i;
        }
    }
    return std::nullopt;
}

/// The parts of `a/b/c/d`, each trimmed (a cut column leaves a part empty).
std::vector<std::string_view> parts_of(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t slash = text.find('/');; slash = text.find('/', start)) {
        out.push_back(model::trim(text.substr(start, slash - start)));
        if (slash == std::string_view::npos) {
            break;
        }
        start = slash + 1;
    }
    return out;
}

/// Joins words while the algorithm they spell has fewer than `slashes` slashes, from `at`
/// (advanced past them): `PSK/` `DH2/A128/SHA1` -> `PSK/DH2/A128/SHA1`.
std::string gather_algorithm(const words& w, std::size_t& at, std::size_t slashes) {
    std::string out;
    while (at < w.size() &&
           static_cast<std::size_t>(std::count(out.begin(), out.end(), '/')) < slashes) {
        out += w[at++];
    }
    return out;
}

void add_cipher(model::sa_state_event& sa, std::uint32_t phase, std::string_view text) {
    const cipher_words c = read_cipher(text);
    if (phase == 1) {
        sa.phase1.emplace_back(phase1_attribute::cipher, c.family);
        if (c.key_bits) {
            sa.phase1.emplace_back(phase1_attribute::key_length, std::to_string(*c.key_bits));
        }
    } else {
        sa.phase2.emplace_back(phase2_attribute::cipher, c.family);
        if (c.key_bits) {
            sa.phase2.emplace_back(phase2_attribute::key_length, std::to_string(*c.key_bits));
        }
    }
}

constexpr std::array<std::string_view, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<unsigned, 12> k_month_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

/// `Jul.31 01:35:00` as seconds since the start of a (non-leap) year.
std::optional<std::uint64_t> seconds_in_year(std::string_view text) {
    const words w = split(text);
    if (w.size() != 2 || w[0].size() < 5 || w[0][3] != '.' || w[1].size() != 8) {
        return std::nullopt;
    }
    const auto month = std::find_if(k_months.begin(), k_months.end(), [&](std::string_view m) {
        return model::iequals(m, w[0].substr(0, 3));
    });
    const std::optional<std::uint64_t> day = model::parse_unsigned(w[0].substr(4));
    const std::optional<std::uint64_t> h = model::parse_unsigned(w[1].substr(0, 2));
    const std::optional<std::uint64_t> m = model::parse_unsigned(w[1].substr(3, 2));
    const std::optional<std::uint64_t> s = model::parse_unsigned(w[1].substr(6, 2));
    if (month == k_months.end() || !day || *day == 0 || *day > 31 || !h || *h > 23 || !m ||
        *m > 59 || !s || *s > 59 || w[1][2] != ':' || w[1][5] != ':') {
        return std::nullopt;
    }
    std::uint64_t days = *day - 1;
    for (auto i = k_months.begin(); i != month; ++i) {
        days += k_month_days[static_cast<std::size_t>(i - k_months.begin())];
    }
    return ((days * 24 + *h) * 60 + *m) * 60 + *s;
}

/// Takes the Established and Expiration columns at `at` (four words), as the lifetime.
void add_lifetime(model::sa_state_event& sa, const words& w, std::size_t at) {
    if (at + 3 >= w.size()) {
        return;
    }
    const std::string established = std::string(w[at]) + ' ' + std::string(w[at + 1]);
    const std::string expires = std::string(w[at + 2]) + ' ' + std::string(w[at + 3]);
    if (const auto seconds = lifetime_between(established, expires)) {
        sa.phase1.emplace_back(phase1_attribute::lifetime, std::to_string(*seconds));
    }
}

/// The word after `label` in `text` (up to a blank, or one of `stops`), or empty.
std::string_view word_after(std::string_view text, std::string_view label,
                            std::string_view stops = "") {
    const std::size_t at = text.find(label);
    if (at == std::string_view::npos) {
        return {};
    }
    std::size_t start = at + label.size();
    while (start < text.size() && model::is_blank(text[start])) {
        ++start;
    }
    std::size_t end = start;
    while (end < text.size() && !model::is_blank(text[end]) &&
           stops.find(text[end]) == std::string_view::npos) {
        ++end;
    }
    return text.substr(start, end - start);
}

bool contains(std::string_view text, std::string_view what) {
    return text.find(what) != std::string_view::npos;
}

} // namespace

cipher_words read_cipher(std::string_view text) {
    text = model::trim(text);
    // `A128`, `A192`, `A256`: AES-CBC with its key length.
    if (text.size() == 4 && (text[0] == 'A' || text[0] == 'a') && all_digits(text.substr(1))) {
        return {"AES-CBC", static_cast<unsigned>(*model::parse_unsigned(text.substr(1)))};
    }
    // `AES256-CBC`, `AES128-GCM16`, `AES128-CCM`
    if (text.size() > 3 && model::iequals(text.substr(0, 3), "AES")) {
        std::size_t digits = 3;
        while (digits < text.size() && model::is_digit(text[digits])) {
            ++digits;
        }
        if (digits > 3) {
            const auto bits =
                static_cast<unsigned>(*model::parse_unsigned(text.substr(3, digits - 3)));
            const std::string_view mode = text.substr(digits);
            const std::string lower = model::to_lower(mode);
            if (mode.empty() || lower == "-cbc") {
                return {"AES-CBC", bits};
            }
            if (lower.starts_with("-gcm")) {
                return {"AES-GCM", bits};
            }
            if (lower.starts_with("-ccm")) {
                return {"AES-CCM", bits};
            }
        }
    }
    return {std::string(text), std::nullopt}; // `AES`, `3DES`, `DES`, `NULL`, or as shown
}

bool read_phase1_algorithm(std::string_view text, model::sa_state_event& sa) {
    const std::vector<std::string_view> p = parts_of(text);
    if (p.size() != 4) {
        return false;
    }
    if (!p[0].empty()) {
        sa.phase1.emplace_back(phase1_attribute::auth_method, std::string(p[0]));
    }
    if (!p[1].empty()) {
        sa.phase1.emplace_back(phase1_attribute::dh_group, std::string(p[1]));
    }
    if (!p[2].empty()) {
        add_cipher(sa, 1, p[2]);
    }
    if (!p[3].empty()) {
        sa.phase1.emplace_back(phase1_attribute::hash, std::string(p[3]));
    }
    return true;
}

bool read_detail_proposal(std::string_view text, model::sa_state_event& sa) {
    const std::vector<std::string_view> p = parts_of(text);
    if (p.size() != 3) {
        return false;
    }
    if (!p[0].empty()) {
        add_cipher(sa, 1, p[0]);
    }
    if (!p[1].empty()) {
        sa.phase1.emplace_back(phase1_attribute::hash, std::string(p[1]));
    }
    if (!p[2].empty()) {
        sa.phase1.emplace_back(phase1_attribute::dh_group, std::string(p[2]));
    }
    return true;
}

bool read_phase2_algorithm(std::string_view text, model::sa_state_event& sa) {
    const std::vector<std::string_view> p = parts_of(text);
    if (p.size() == 3) {
        if (!p[0].empty()) {
            sa.phase2.emplace_back(phase2_attribute::protocol, std::string(p[0]));
        }
        if (!p[1].empty()) {
            add_cipher(sa, 2, p[1]);
        }
        if (!p[2].empty()) {
            sa.phase2.emplace_back(phase2_attribute::authentication, std::string(p[2]));
        }
        return true;
    }
    if (p.size() != 4) {
        return false;
    }
    // `ESP/    /tunl/SHA2`: columns cut to their width; only whole values are taken.
    if (model::log_protocol(p[0])) {
        sa.phase2.emplace_back(phase2_attribute::protocol, std::string(p[0]));
    }
    if (!p[1].empty()) {
        const cipher_words c = read_cipher(p[1]);
        if (model::log_cipher(c.family) && c.key_bits) {
            add_cipher(sa, 2, p[1]);
        }
    }
    if (model::iequals(p[2], "tunl")) {
        sa.phase2.emplace_back(phase2_attribute::encapsulation, "Tunnel");
    } else if (model::iequals(p[2], "trns")) {
        sa.phase2.emplace_back(phase2_attribute::encapsulation, "Transport");
    }
    if (model::log_authentication(p[3])) {
        sa.phase2.emplace_back(phase2_attribute::authentication, std::string(p[3]));
    }
    return true;
}

std::optional<std::uint64_t> lifetime_between(std::string_view established,
                                              std::string_view expires) {
    const auto from = seconds_in_year(established);
    const auto to = seconds_in_year(expires);
    if (!from || !to) {
        return std::nullopt;
    }
    constexpr std::uint64_t k_year = 365ULL * 24 * 3600;
    return *to >= *from ? *to - *from : *to + k_year - *from;
}

std::optional<sa_row> read_ike_sa_row(std::string_view line) {
    const words w = split(clean(line));
    if (w.size() < 6 || !(all_digits(w[0]) || is_address(w[0])) || !is_address(w[1])) {
        return std::nullopt;
    }
    const std::optional<std::size_t> r = find_role(w, 3);
    if (!r || *r + 2 >= w.size()) {
        return std::nullopt;
    }
    sa_row row;
    row.gateway_id = std::string(w[0]);
    row.peer = std::string(w[1]);
    row.gateway = join(w, 2, *r, " ");
    row.sa.role = role_of(w[*r]);
    std::size_t at = *r + 1;
    if (model::iequals(w[at], "Main") || model::iequals(w[at], "Aggr")) {
        row.sa.version = model::ike_version::ikev1;
        row.sa.exchange =
            model::iequals(w[at], "Main") ? model::exchange::main : model::exchange::aggressive;
    } else if (all_digits(w[at])) {
        row.sa.version = model::ike_version::ikev2; // the SN column
    } else {
        return std::nullopt;
    }
    ++at;
    if (!read_phase1_algorithm(gather_algorithm(w, at, 3), row.sa)) {
        return std::nullopt;
    }
    add_lifetime(row.sa, w, at);
    // IKEv1: `V ST Xt Phase2` after the times; IKEv2: `Xt Child ST`.
    const std::size_t state = at + 4 + (row.sa.version == model::ike_version::ikev1 ? 1 : 2);
    if (state < w.size()) {
        row.sa.state = std::string(w[state]);
    }
    return row;
}

std::optional<sa_row> read_child_sa_row(std::string_view line, child_section section) {
    const words w = split(clean(line));
    const std::size_t before =
        section == child_section::ikev1 ? 3 : 4; // words between name and role
    const std::optional<std::size_t> r = find_role(w, before + 1);
    if (!r || !all_digits(w[*r - before])) {
        return std::nullopt;
    }
    sa_row row;
    row.sa.phase = 2;
    row.sa.role = role_of(w[*r]);
    row.gateway = join(w, 0, *r - before, " ");
    row.tunnel = std::string(w[*r - before + 1]);
    std::size_t at = *r + 1;
    if (section == child_section::ikev1) {
        row.sa.version = model::ike_version::ikev1;
        row.gateway_id = std::string(w[*r - 1]);
        if (!read_phase2_algorithm(gather_algorithm(w, at, 3), row.sa)) {
            return std::nullopt;
        }
    } else {
        row.sa.version = model::ike_version::ikev2;
        if (!all_digits(w[*r - 1]) || !all_digits(w[*r - 2])) {
            return std::nullopt;
        }
    }
    if (at + 1 >= w.size() || !is_spi(w[at]) || !is_spi(w[at + 1])) {
        return std::nullopt;
    }
    row.sa.spi_in = std::string(w[at]);
    row.sa.spi_out = std::string(w[at + 1]);
    const std::size_t state = at + 3; // after MsgID
    if (state < w.size()) {
        row.sa.state = std::string(w[state]);
    }
    return row;
}

std::optional<sa_row> read_ipsec_sa_row(std::string_view line) {
    const words w = split(clean(line));
    if (w.size() < 7 || !(all_digits(w[0]) || is_address(w[0])) || !all_digits(w[1]) ||
        !is_address(w[2])) {
        return std::nullopt;
    }
    std::size_t at = 3;
    while (at < w.size() && !w[at].ends_with(')')) {
        ++at;
    }
    if (at == w.size()) {
        return std::nullopt;
    }
    const std::string named = join(w, 3, at + 1, " ");
    const std::size_t open = named.rfind('(');
    if (open == std::string::npos || open == 0) {
        return std::nullopt;
    }
    sa_row row;
    row.sa.phase = 2;
    row.gateway_id = std::string(w[0]);
    row.peer = std::string(w[2]);
    row.tunnel = named.substr(0, open);
    row.gateway = named.substr(open + 1, named.size() - open - 2);
    ++at;
    std::string algorithm;
    while (at < w.size() && !is_spi(w[at])) {
        algorithm += w[at++];
    }
    if (!read_phase2_algorithm(algorithm, row.sa) || at + 1 >= w.size() || !is_spi(w[at + 1])) {
        return std::nullopt;
    }
    row.sa.spi_in = std::string(w[at]);
    row.sa.spi_out = std::string(w[at + 1]);
    at += 2;
    // `3600/Unlimited 2733`: with a remain-time column, the life column is the lifetime.
    if (at + 1 < w.size() && all_digits(w[at + 1])) {
        const std::string_view seconds = w[at].substr(0, w[at].find('/'));
        if (all_digits(seconds)) {
            row.sa.phase2.emplace_back(phase2_attribute::lifetime, std::string(seconds));
        }
    }
    return row;
}

table table_of(std::string_view line) {
    if (contains(line, "IKEv1 phase-1 SAs") || contains(line, "IKEv2 SAs")) {
        return table::ike_sa;
    }
    if (contains(line, "IKEv1 phase-2 SAs")) {
        return table::child_v1;
    }
    if (contains(line, "IKEv2 IPSec Child SAs")) {
        return table::child_v2;
    }
    if (contains(line, "Peer-Address") && contains(line, "GwID") && contains(line, "TnID")) {
        return table::ipsec_sa;
    }
    if (contains(line, "Peer-Address") &&
        (contains(line, "GwID") || contains(line, "Gateway ID")) && contains(line, "Algorithm")) {
        return table::ike_sa;
    }
    if (contains(line, "Gateway Name") && contains(line, "TnID") && contains(line, "Parent")) {
        return table::child_v2;
    }
    if (contains(line, "Gateway Name") && contains(line, "TnID") && contains(line, "GwID/IP")) {
        return table::child_v1;
    }
    return table::none;
}

std::optional<detail_start> read_detail_start(std::string_view line) {
    constexpr std::string_view k_label = "IKE Gateway ";
    const std::size_t at = line.find(k_label);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const std::size_t name = at + k_label.size();
    const std::size_t id = line.find(", ID ", name);
    if (id == std::string_view::npos || id == name) {
        return std::nullopt;
    }
    std::size_t end = id + 5;
    while (end < line.size() && model::is_digit(line[end])) {
        ++end;
    }
    if (end == id + 5) {
        return std::nullopt;
    }
    return detail_start{std::string(line.substr(name, id - name)), line.substr(end)};
}

void read_detail_text(std::string_view text, sa_row& row) {
    if (const std::size_t arrow = text.find(" => "); arrow != std::string_view::npos) {
        std::size_t start = arrow;
        while (start > 0 && !model::is_blank(text[start - 1])) {
            --start;
        }
        row.local = std::string(text.substr(start, arrow - start));
        row.peer = std::string(word_after(text, " => "));
    }
    if (const std::size_t spi = text.find("IKE SA: SPI:"); spi != std::string_view::npos) {
        row.sa.version = model::ike_version::ikev2;
        const words w = split(text.substr(spi + 12));
        if (w.size() > 1) {
            row.sa.role = role_of(w[1]);
        }
    }
    if (const std::string_view state = word_after(text, "State:"); !state.empty()) {
        row.sa.state = std::string(state);
        row.sa.up = model::iequals(state, "Established");
    }
    if (const std::string_view auth = word_after(text, "Authentication:", ","); !auth.empty()) {
        row.sa.phase1.emplace_back(phase1_attribute::auth_method, std::string(auth));
    }
    if (const std::string_view proposal = word_after(text, "Proposal:"); !proposal.empty()) {
        read_detail_proposal(proposal, row.sa);
    }
}

} // namespace ikediff::parser::panos_cli
