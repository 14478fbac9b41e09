#include "cli/report/redact.hpp"

#include "model/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace ikediff::cli {

namespace {

using model::is_alnum;
using model::is_digit;
using model::is_hex;
bool is_name_char(char c) { return is_alnum(c) || c == '-' || c == '_'; }

/// Replaces, left to right, every match `find(text, from)` returns (its start and length)
/// by what `replace(match)` says.
template <class Find, class Replace>
std::string replace_all(std::string_view text, Find find, Replace replace) {
    std::string out;
    std::size_t from = 0;
    for (;;) {
        const auto [at, length] = find(text, from);
        if (at == std::string_view::npos) {
            out.append(text.substr(from));
            return out;
        }
        out.append(text.substr(from, at - from));
        out += replace(text.substr(at, length));
        from = at + length;
    }
}

using match = std::pair<std::size_t, std::size_t>;
constexpr match k_none{std::string_view::npos, 0};

/// `a.b.c.d`, each part 1-3 digits, not inside a longer run of digits and dots.
match find_ipv4(std::string_view t, std::size_t from) {
    for (std::size_t i = from; i < t.size(); ++i) {
        if (!is_digit(t[i]) || (i > 0 && (is_digit(t[i - 1]) || t[i - 1] == '.' || is_alnum(t[i - 1])))) {
            continue;
        }
        std::size_t j = i;
        int parts = 0;
        while (parts < 4) {
            const std::size_t start = j;
            while (j < t.size() && is_digit(t[j]) && j - start < 3) {
                ++j;
            }
            if (j == start || (j < t.size() && is_digit(t[j]))) {
                break;
            }
            ++parts;
            if (parts < 4) {
                if (j + 1 >= t.size() || t[j] != '.' || !is_digit(t[j + 1])) {
                    break;
                }
                ++j;
            }
        }
        if (parts == 4 && !(j < t.size() && (is_alnum(t[j]) || (t[j] == '.' && j + 1 < t.size() && is_digit(t[j + 1]))))) {
            return {i, j - i};
        }
    }
    return k_none;
}

/// A run of hex digits and colons with `::` or seven colons: an IPv6 address.
match find_ipv6(std::string_view t, std::size_t from) {
    for (std::size_t i = from; i < t.size(); ++i) {
        if (!(is_hex(t[i]) || t[i] == ':') || (i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == ':' || t[i - 1] == '.'))) {
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && (is_hex(t[j]) || t[j] == ':')) {
            ++j;
        }
        // An embedded IPv4 tail (`::ffff:10.0.0.1`) belongs to it.
        if (j < t.size() && t[j] == '.' && j > i && is_digit(t[j - 1])) {
            while (j < t.size() && (is_digit(t[j]) || t[j] == '.')) {
                ++j;
            }
        }
        const std::string_view run = t.substr(i, j - i);
        const auto colons = static_cast<std::size_t>(std::count(run.begin(), run.end(), ':'));
        const bool hexes = std::any_of(run.begin(), run.end(), [](char c) { return is_hex(c); });
        if (hexes && (run.find("::") != std::string_view::npos || colons == 7) && run.size() >= 3 &&
            !(j < t.size() && is_alnum(t[j]))) {
            return {i, j - i};
        }
        i = j;
    }
    return k_none;
}

/// 16 hex digits standing alone: an IKE SA cookie (`spi:02f293d180b306a3:8a5d0c1e4b7f9a21`).
match find_cookie(std::string_view t, std::size_t from) {
    for (std::size_t i = from; i + 16 <= t.size(); ++i) {
        if (i > 0 && is_alnum(t[i - 1])) {
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && is_hex(t[j])) {
            ++j;
        }
        if (j - i == 16 && !(j < t.size() && is_alnum(t[j]))) {
            return {i, 16};
        }
        i = j;
    }
    return k_none;
}

/// The value after `spi=`/`spi:` (decimal, hex, or `3230840274(0xc0a8b1d2)`), or `0x` and
/// eight hex digits in parentheses after one.
match find_spi(std::string_view t, std::size_t from) {
    for (std::size_t i = from; i + 4 < t.size(); ++i) {
        // `spi=`, `spi:`, and racoon's `spi_p=` (the peer's SPI in a bundle line).
        const bool spi = (t[i] == 's' || t[i] == 'S') && (t[i + 1] == 'p' || t[i + 1] == 'P') &&
                         (t[i + 2] == 'i' || t[i + 2] == 'I') && (i == 0 || !is_alnum(t[i - 1]));
        std::size_t value_at = i + 3;
        if (spi && t.substr(value_at, 2) == "_p") {
            value_at += 2;
        }
        if (!spi || value_at >= t.size() || (t[value_at] != '=' && t[value_at] != ':')) {
            continue;
        }
        std::size_t j = value_at + 1;
        if (j + 1 < t.size() && t[j] == '0' && (t[j + 1] == 'x' || t[j + 1] == 'X')) {
            j += 2;
        }
        const std::size_t start = value_at + 1;
        while (j < t.size() && is_hex(t[j])) {
            ++j;
        }
        if (j - start == 16 || j == start) {
            continue; // a cookie pair (`spi:<cookie>:<cookie>`): the cookie rule takes it
        }
        if (j + 3 < t.size() && t[j] == '(' && t[j + 1] == '0' && t[j + 2] == 'x') {
            std::size_t k = j + 3;
            while (k < t.size() && is_hex(t[k])) {
                ++k;
            }
            if (k < t.size() && t[k] == ')') {
                j = k + 1;
            }
        }
        return {start, j - start};
    }
    return k_none;
}

/// An SPI's value in one spelling (lower-case hex), whichever way the line wrote it.
std::string spi_key(std::string_view spi) {
    if (const auto open = spi.find("(0x"); open != std::string_view::npos) {
        spi = spi.substr(open + 3, spi.size() - open - 4);
    } else if (spi.starts_with("0x") || spi.starts_with("0X")) {
        spi.remove_prefix(2);
    } else if (std::all_of(spi.begin(), spi.end(), is_digit)) {
        unsigned long long n = 0;
        std::from_chars(spi.data(), spi.data() + spi.size(), n);
        char hex[32];
        std::snprintf(hex, sizeof hex, "%llx", n);
        return std::string("spi:") + hex;
    }
    std::string out = "spi:";
    for (const char c : spi) {
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    // Leading zeros do not make another SPI.
    const auto first = out.find_first_not_of('0', 4);
    return first == std::string::npos ? "spi:0" : "spi:" + out.substr(first);
}

/// A hostname (`vpn.example.com`) or a user@host identity: dotted labels ending in a
/// label of letters that is not a file's extension.
match find_host(std::string_view t, std::size_t from) {
    static constexpr std::string_view k_file_suffixes[] = {"log", "gz", "csv", "txt", "yaml", "yml",
                                                          "json", "tgz", "tar", "zip", "xml"};
    const auto file_suffix = [](std::string_view label) {
        return std::find(std::begin(k_file_suffixes), std::end(k_file_suffixes), label) != std::end(k_file_suffixes) ||
               (!label.empty() && std::all_of(label.begin(), label.end(), is_digit)); // a rotation: `.1`
    };
    for (std::size_t i = from; i < t.size(); ++i) {
        if (!is_alnum(t[i]) || (i > 0 && (is_name_char(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == '@'))) {
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && (is_name_char(t[j]) || t[j] == '.' || t[j] == '@')) {
            ++j;
        }
        std::string_view run = t.substr(i, j - i);
        while (!run.empty() && (run.back() == '.' || run.back() == '-')) {
            run.remove_suffix(1); // the sentence's full stop
        }
        // A file named after a host (`gw1.example.com.log`): the host is what precedes the
        // file's suffixes.
        for (auto dot = run.rfind('.'); dot != std::string_view::npos && file_suffix(run.substr(dot + 1));
             dot = run.rfind('.')) {
            run = run.substr(0, dot);
        }
        const auto dot = run.rfind('.');
        if (dot != std::string_view::npos && dot + 1 < run.size()) {
            const std::string_view tld = run.substr(dot + 1);
            const bool letters = tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](char c) {
                                     return std::isalpha(static_cast<unsigned char>(c)) != 0;
                                 });
            if (letters && run.find("..") == std::string_view::npos) {
                return {i, run.size()};
            }
        }
        i = j;
    }
    return k_none;
}

/// `CORP\svc_uid`: a Windows account as domain and user, as User-ID logs name them.
match find_domain_user(std::string_view t, std::size_t from) {
    const auto account_char = [](char c) { return is_name_char(c) || c == '.' || c == '$'; };
    for (std::size_t slash = t.find('\\', from); slash != std::string_view::npos; slash = t.find('\\', slash + 1)) {
        std::size_t begin = slash;
        while (begin > from && account_char(t[begin - 1])) {
            --begin;
        }
        std::size_t end = slash + 1;
        while (end < t.size() && account_char(t[end])) {
            ++end;
        }
        if (begin < slash && end > slash + 1) {
            return {begin, end - begin};
        }
    }
    return k_none;
}

} // namespace

redactor::redactor(const model::sheet* sheet) {
    if (sheet == nullptr) {
        return;
    }
    for (const auto& t : sheet->tunnels) {
        name("tunnel", t.name);
        if (t.gateway) {
            name("gateway", *t.gateway);
        }
        for (const auto* profile : {&t.ike.crypto_profile, &t.ipsec.crypto_profile}) {
            if (*profile) {
                name("profile", **profile);
            }
        }
        for (const auto* id : {&t.ike.local_id, &t.ike.peer_id}) {
            if (*id && !(*id)->id.empty()) {
                name("id", (*id)->id);
            }
        }
    }
}

std::string redactor::pseudonym(std::string_view kind, const std::string& value) {
    const auto [it, added] = m_pseudonyms.try_emplace(value);
    if (added) {
        it->second = std::string(kind) + "-" + std::to_string(++m_counters[std::string(kind)]);
    }
    return it->second;
}

std::string redactor::name(std::string_view kind, const std::string& value) {
    if (value.empty()) {
        return value;
    }
    if (const auto it = m_pseudonyms.find(value); it != m_pseudonyms.end()) {
        return it->second;
    }
    // Longest first, and in the order learnt among names of one length: where a stable sort
    // after appending would put it, found without sorting again (one name per finding's
    // subject or negotiation's gateway: sorting every time made learning quadratic).
    m_names.insert(std::upper_bound(m_names.begin(), m_names.end(), value,
                                    [](const std::string& a, const std::string& b) { return a.size() > b.size(); }),
                   value);
    return pseudonym(kind, value);
}

std::string redactor::text(std::string_view input) {
    // Known names first (longest first), as whole words.
    std::string t(input);
    for (const std::string& n : m_names) {
        t = replace_all(
            t,
            [&n](std::string_view s, std::size_t from) -> match {
                for (auto at = s.find(n, from); at != std::string_view::npos; at = s.find(n, at + 1)) {
                    const bool before = at == 0 || !is_name_char(s[at - 1]);
                    const bool after = at + n.size() == s.size() || !is_name_char(s[at + n.size()]);
                    if (before && after) {
                        return {at, n.size()};
                    }
                }
                return k_none;
            },
            [&](std::string_view) { return m_pseudonyms.at(n); });
    }
    t = replace_all(t, find_ipv6, [&](std::string_view a) { return pseudonym("ip6", std::string(a)); });
    t = replace_all(t, find_ipv4, [&](std::string_view a) { return pseudonym("ip4", std::string(a)); });
    t = replace_all(t, find_spi, [&](std::string_view s) { return pseudonym("spi", spi_key(s)); });
    t = replace_all(t, find_cookie, [&](std::string_view c) {
        std::string lower(c);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](char ch) { return static_cast<char>(std::tolower(static_cast<unsigned char>(ch))); });
        return pseudonym("cookie", lower);
    });
    t = replace_all(t, find_domain_user, [&](std::string_view u) { return pseudonym("user", std::string(u)); });
    t = replace_all(t, find_host, [&](std::string_view h) {
        return pseudonym(h.find('@') != std::string_view::npos ? "user" : "host", std::string(h));
    });
    return t;
}

model::value redactor::value(const model::value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) {
        return text(*s);
    }
    return v;
}

model::sheet redactor::sheet(const model::sheet& s) {
    model::sheet out = s;
    out.file = text(s.file);
    for (auto& t : out.tunnels) {
        t.name = name("tunnel", t.name);
        for (auto* field : {&t.gateway, &t.ike.crypto_profile, &t.ipsec.crypto_profile}) {
            if (*field) {
                **field = text(**field);
            }
        }
        for (auto* field : {&t.local_address, &t.peer_address}) {
            if (*field && **field != "dynamic") {
                **field = text(**field);
            }
        }
        for (auto* id : {&t.ike.local_id, &t.ike.peer_id}) {
            if (*id) {
                (*id)->id = text((*id)->id);
            }
        }
        for (auto& p : t.ipsec.proxy_ids) {
            p.local = text(p.local);
            p.remote = text(p.remote);
        }
    }
    return out;
}

diff::negotiation_report redactor::negotiation(const diff::negotiation_report& nr) {
    diff::negotiation_report out = nr;
    model::negotiation& n = out.negotiation;
    // Names the log gives are learnt before the log text is redacted, so lines naming them
    // (system log entries name their gateway) get the same pseudonym.
    if (n.gateway) {
        n.gateway = name("gateway", *n.gateway);
    }
    if (n.ipsec_tunnel) {
        n.ipsec_tunnel = name("tunnel", *n.ipsec_tunnel);
    }
    for (auto* e : {&n.local, &n.peer}) {
        if (*e) {
            (*e)->address = text((*e)->address);
        }
    }
    if (n.initiator_cookie) {
        n.initiator_cookie = text(*n.initiator_cookie);
    }
    for (auto& l : n.lines) {
        l.text = text(l.text);
    }
    for (auto& p : n.proxy_ids) {
        p.local = text(p.local);
        p.remote = text(p.remote);
    }
    for (auto& m : out.mismatches) {
        for (auto& v : m.expected) {
            v = value(v);
        }
        for (auto* v : {&m.local, &m.peer}) {
            if (*v) {
                **v = value(**v);
            }
        }
    }
    for (auto& c : out.checks) {
        for (auto& v : c.expected) {
            v = value(v);
        }
        for (auto* v : {&c.local, &c.peer}) {
            if (*v) {
                **v = value(**v);
            }
        }
    }
    return out;
}

void redactor::learn_subject(const model::finding& f) {
    if (!f.subject.empty() && !f.subject_from_rule && text(f.subject) == f.subject) {
        name("subject", f.subject);
    }
}

model::finding redactor::finding(const model::finding& f) {
    model::finding out = f;
    // The subject first, so lines naming it get its pseudonym: an address or a hostname is
    // hidden as text is; anything else (a server's short name, a collector) as a name.
    if (!f.subject.empty() && !f.subject_from_rule) {
        out.subject = text(f.subject);
        if (out.subject == f.subject) {
            out.subject = name("subject", f.subject);
        }
    }
    out.log = text(f.log);
    out.title = text(f.title);
    out.cause = text(f.cause);
    for (auto& step : out.fix) {
        step = text(step);
    }
    for (auto& c : out.codes) {
        c.term = text(c.term);
    }
    for (auto& l : out.evidence) {
        l.text = text(l.text);
    }
    // Tallied values are addresses, applications, users: hidden as text, or as a name.
    for (auto& t : out.top) {
        const std::string hidden = text(t.value);
        t.value = hidden != t.value || t.field == "application" ? hidden : name(t.field, t.value);
    }
    return out;
}

model::config_check redactor::config_check(const model::config_check& c) {
    model::config_check out = c;
    out.tunnel = name("tunnel", c.tunnel);
    out.gateway = name("gateway", c.gateway);
    // A value that is itself a name (a gateway, an identity, a profile: a DN or an FQDN
    // without a known top-level domain) is redacted as one, whatever text it is; the rest
    // (algorithms, lifetimes) as text, addresses and known names replaced.
    const auto kind_of = [](std::string_view attribute) -> std::string_view {
        if (attribute == "gateway") {
            return "gateway";
        }
        if (attribute == "local_id" || attribute == "peer_id") {
            return "id";
        }
        if (attribute.ends_with("profile")) {
            return "profile";
        }
        return {};
    };
    const std::string_view kind = kind_of(c.attribute);
    for (auto* v : {&out.expected, &out.configured}) {
        if (*v && **v != "none") { // `none`: no identity, no name to hide
            **v = kind.empty() ? text(**v) : name(kind, **v);
        }
    }
    for (std::string& command : out.fix) {
        command = this->command(command);
    }
    return out;
}

std::string redactor::command(std::string_view command) {
    // A PAN-OS command's names follow their keyword: `gateway GW`, `ike-crypto-profiles P`,
    // `ipsec T`, `proxy-id N`, `id X`; each becomes the pseudonym of its kind. The other
    // words are keywords and values (addresses are hidden as in any text).
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_named{{
        {"gateway", "gateway"},
        {"ike-crypto-profiles", "profile"},
        {"ipsec-crypto-profiles", "profile"},
        {"ipsec", "tunnel"},
        {"proxy-id", "proxy-id"},
        {"id", "id"},
    }};
    std::string out;
    std::string_view kind;
    std::size_t at = 0;
    while (at < command.size()) {
        // A name in double quotes (`"Branch GW"`) is one word, blanks and all.
        const std::size_t close = command[at] == '"' ? command.find('"', at + 1) : std::string_view::npos;
        const std::size_t end = std::min(command.find(' ', close == std::string_view::npos ? at : close), command.size());
        const std::string word(command.substr(at, end - at));
        const bool placeholder = word.starts_with('<');
        const bool quoted = word.size() >= 2 && word.front() == '"' && word.back() == '"';
        const std::string bare = quoted ? word.substr(1, word.size() - 2) : word; // as the report names it
        out += (out.empty() ? "" : " ") + (!kind.empty() && !placeholder ? name(kind, bare) : text(word));
        kind = {};
        for (const auto& [keyword, of] : k_named) {
            if (word == keyword) {
                kind = of;
            }
        }
        at = end + 1;
    }
    return out;
}

namespace {

/// Hands the inner writer redacted copies: of each negotiation, of the sheet, of the inputs.
class redacting_report_writer final : public report_writer {
public:
    redacting_report_writer(std::unique_ptr<report_writer> inner, const model::sheet* sheet)
        : m_inner(std::move(inner)), m_redact(sheet), m_source(sheet) {
        if (sheet != nullptr) {
            m_sheet = m_redact.sheet(*sheet);
        }
        m_report.sheet = sheet != nullptr ? &*m_sheet : nullptr;
    }

    void begin(std::ostream& out, const report&) override { m_inner->begin(out, m_report); }

    void negotiation(const report& r, const diff::negotiation_report& nr) override {
        learn_inputs(r);
        m_inner->negotiation(m_report, m_redact.negotiation(nr));
    }

    void finding(const report& r, const model::finding& f) override {
        learn_inputs(r);
        m_inner->finding(m_report, m_redact.finding(f));
    }

    void findings_ahead(const std::vector<model::finding>& all) override {
        // Every subject is a name before any finding's lines are redacted: a server one
        // finding is about may be named in another's evidence, written first.
        for (const model::finding& f : all) {
            m_redact.learn_subject(f);
        }
        m_inner->findings_ahead(all);
    }

    void config_check(const report& r, const model::config_check& c) override {
        learn_inputs(r);
        // The configuration is read ahead of the logs: the sheet may have taken the names of
        // its gateways and profiles since it was copied (cli/run.cpp). Copied again, before
        // any negotiation, so that fix commands name their pseudonyms.
        if (m_source != nullptr && r.summary().negotiations == 0) {
            m_sheet = m_redact.sheet(*m_source);
        }
        m_inner->config_check(m_report, m_redact.config_check(c));
    }

    void finish(std::ostream& out, const report& r) override {
        report copy = r;
        copy.sheet = m_report.sheet;
        for (auto& in : copy.inputs) {
            in.name = m_redact.text(in.name);
            for (auto& d : in.problems) {
                d.file = m_redact.text(d.file);
                d.message = m_redact.text(d.message);
            }
        }
        m_inner->finish(out, copy);
    }

private:
    /// The redacted names of inputs read since the last item: an item's lines name them.
    void learn_inputs(const report& r) {
        for (std::size_t i = m_report.inputs.size(); i < r.inputs.size(); ++i) {
            m_report.inputs.emplace_back().name = m_redact.text(r.inputs[i].name);
        }
    }

    std::unique_ptr<report_writer> m_inner;
    redactor m_redact;
    std::optional<model::sheet> m_sheet;
    const model::sheet* m_source; ///< the sheet as the run holds it
    report m_report; ///< what the inner writer sees while negotiations come: names only
};

} // namespace

std::unique_ptr<report_writer> redacting_writer(std::unique_ptr<report_writer> inner, const model::sheet* sheet) {
    return std::make_unique<redacting_report_writer>(std::move(inner), sheet);
}

} // namespace ikediff::cli
