#include "diff/ike/sheet_loader.hpp"

#include "diff/yaml_diagnostic.hpp"

#include <arpa/inet.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ikediff::diff {

namespace {

using model::diagnostic;

/// Thrown inside the loader only; load_sheet turns it into a result.
struct sheet_error {
    diagnostic d;
};

constexpr std::array<std::string_view, 9> k_tunnel_keys{
    "name", "gateway", "peer_vendor", "local_address", "peer_address", "ike", "ipsec", "psk",
    "pre_shared_key"};
constexpr std::array<std::string_view, 13> k_ike_keys{
    "version", "crypto_profile", "exchange_mode", "auth", "encryption", "hash", "dh_group",
    "lifetime", "local_id", "peer_id", "dpd", "psk", "pre_shared_key"};
constexpr std::array<std::string_view, 8> k_ipsec_keys{
    "protocol", "crypto_profile", "encryption", "authentication", "dh_group", "lifetime",
    "encapsulation", "proxy_ids"};
constexpr std::array<std::string_view, 3> k_dpd_keys{"enabled", "interval", "retry"};
constexpr std::array<std::string_view, 3> k_proxy_id_keys{"local", "remote", "protocol"};
constexpr std::array<std::string_view, 2> k_identity_keys{"type", "id"};
constexpr std::array<std::string_view, 6> k_identity_types{"none", "ipaddr", "fqdn", "ufqdn", "keyid", "dn"};
constexpr std::array<std::string_view, 12> k_vendors{
    "strongswan", "libreswan", "cisco-asa", "cisco-ios", "fortigate", "juniper-srx",
    "aws", "azure", "gcp", "paloalto", "other", "racoon"};

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string kind_of(const YAML::Node& node) {
    switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "a value";
    case YAML::NodeType::Null: return "empty";
    case YAML::NodeType::Undefined: return "missing";
    }
    return "unknown";
}

std::string join(std::span<const std::string_view> words) {
    std::string out;
    for (auto w : words) {
        if (!out.empty()) {
            out += ", ";
        }
        out += w;
    }
    return out;
}

class sheet_reader {
public:
    sheet_reader(std::string file, std::string_view text) : m_file(std::move(file)), m_text(text) {}

    [[noreturn]] void fail(const YAML::Node& at, std::string code, std::string message,
                           std::string help = {}) const {
        const YAML::Mark mark = at.Mark();
        fail_at(mark, std::move(code), std::move(message), std::move(help));
    }

    [[noreturn]] void fail_at(const YAML::Mark& mark, std::string code, std::string message,
                              std::string help = {}) const {
        diagnostic d;
        d.code = std::move(code);
        d.message = std::move(message);
        d.file = m_file;
        if (mark.line >= 0) {
            d.line = static_cast<std::uint64_t>(mark.line) + 1;
            d.column = static_cast<std::uint64_t>(mark.column) + 1;
        }
        d.help = std::move(help);
        throw sheet_error{std::move(d)};
    }

    model::sheet read(const YAML::Node& root) {
        model::sheet sheet;
        sheet.file = m_file;
        if (root.IsNull()) {
            fail_at(YAML::Mark{}, "sheet-empty", "the sheet is empty: it names no tunnel");
        }
        if (!root.IsMap()) {
            fail(root, "sheet-not-mapping",
                 "the sheet must be a mapping (keys such as `tunnels:` or `ike:`), not " + kind_of(root));
        }
        if (const auto version = root["version"]) {
            const std::string v = scalar(version, "version");
            if (v != "1") {
                fail(version, "sheet-version", "unsupported sheet version `" + v + "`: this ikediff reads version 1");
            }
        }
        if (const auto tunnels = root["tunnels"]) {
            check_keys(root, std::array<std::string_view, 2>{"version", "tunnels"}, "at top level",
                       "(with `tunnels:`, tunnel settings go inside each list item)");
            if (!tunnels.IsSequence() || tunnels.size() == 0) {
                fail(tunnels, "sheet-type", "`tunnels` must be a non-empty list of tunnels, not " + kind_of(tunnels));
            }
            for (const auto& t : tunnels) {
                if (t.IsMap()) {
                    const auto name = t["name"];
                    check_keys(t, k_tunnel_keys,
                               name && name.IsScalar() ? "in tunnel `" + name.Scalar() + "`"
                                                       : "in tunnel " + std::to_string(sheet.tunnels.size() + 1));
                }
                sheet.tunnels.push_back(read_tunnel(t, sheet.tunnels.size()));
            }
        } else {
            std::vector<std::string_view> allowed(k_tunnel_keys.begin(), k_tunnel_keys.end());
            allowed.push_back("version");
            allowed.push_back("tunnels");
            check_keys(root, allowed, "at top level");
            sheet.tunnels.push_back(read_tunnel(root, 0));
        }
        return sheet;
    }

private:
    template <class Keys>
    void check_keys(const YAML::Node& map, const Keys& allowed, const std::string& where,
                    const std::string& extra = {}) const {
        const std::vector<std::string_view> words(std::begin(allowed), std::end(allowed));
        std::vector<std::string> seen;
        for (const auto& entry : map) {
            if (!entry.first.IsScalar()) {
                fail(entry.first, "sheet-type", "a key " + where + " must be a word, not " + kind_of(entry.first));
            }
            const std::string key = entry.first.Scalar();
            if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
                // yaml-cpp keeps both; which one counts would be a guess.
                fail(entry.first, "sheet-duplicate-key", "key `" + key + "` appears twice " + where);
            }
            seen.push_back(key);
            if (std::find(words.begin(), words.end(), key) != words.end()) {
                continue;
            }
            const std::string near = closest_word(key, words);
            std::string help = near.empty() ? "known keys: " + join(words) : "did you mean `" + near + "`?";
            if (!extra.empty() && near.empty()) {
                help += ' ' + extra;
            }
            fail(entry.first, "sheet-unknown-key", "unknown key `" + key + "` " + where, help);
        }
    }

    std::string scalar(const YAML::Node& node, std::string_view key) const {
        if (!node.IsScalar()) {
            fail(node, "sheet-type", "`" + std::string(key) + "` must be a value, not " + kind_of(node));
        }
        check_quote_closed(node, key);
        return node.Scalar();
    }

    /// yaml-cpp reads a quote left open to the end of the file as one long string, which
    /// would swallow every key after it without a word: a quoted value must close on the
    /// line it opens on (a sheet has no use for multi-line quoted values).
    void check_quote_closed(const YAML::Node& node, std::string_view key) const {
        const auto pos = static_cast<std::size_t>(std::max(node.Mark().pos, 0));
        if (pos >= m_text.size() || (m_text[pos] != '"' && m_text[pos] != '\'')) {
            return;
        }
        const std::size_t end = std::min(m_text.find('\n', pos), m_text.size());
        if (m_text.substr(pos + 1, end - pos - 1).find(m_text[pos]) == std::string_view::npos) {
            fail(node, "sheet-yaml", "the quote opening `" + std::string(key) + "`'s value is not closed on its line",
                 "a quote left open makes the rest of the file part of the value");
        }
    }

    std::optional<std::string> optional_scalar(const YAML::Node& map, std::string_view key) const {
        if (const auto node = map[std::string(key)]) {
            return scalar(node, key);
        }
        return std::nullopt;
    }

    /// A value or a list of values, each read by `one`.
    template <class T, class Reader>
    std::vector<T> values(const YAML::Node& map, std::string_view key, Reader one) const {
        std::vector<T> out;
        const auto node = map[std::string(key)];
        if (!node) {
            return out;
        }
        if (node.IsScalar()) {
            out.push_back(one(node));
        } else if (node.IsSequence() && node.size() == 0) {
            fail(node, "sheet-type", "`" + std::string(key) + "` is an empty list: give a value or a list of values");
        } else if (node.IsSequence()) {
            for (const auto& item : node) {
                if (!item.IsScalar()) {
                    fail(item, "sheet-type", "each `" + std::string(key) + "` in the list must be a value, not " + kind_of(item));
                }
                out.push_back(one(item));
            }
        } else {
            fail(node, "sheet-type", "`" + std::string(key) + "` must be a value or a list of values, not " + kind_of(node));
        }
        return out;
    }

    /// A vocabulary word (contract.md section 5).
    template <class E>
    std::vector<E> words(const YAML::Node& map, std::string_view key, std::string_view what) const {
        return values<E>(map, key, [&](const YAML::Node& n) { return word<E>(n, what); });
    }

    template <class E>
    E word(const YAML::Node& node, std::string_view what) const {
        const std::string text = node.Scalar();
        if (auto v = model::canonical_value<E>(text)) {
            return *v;
        }
        const auto names = model::canonical_names<E>();
        const std::vector<std::string_view> candidates(names.begin(), names.end());
        const std::string near = closest_word(model::to_lower(text), candidates);
        fail(node, "sheet-bad-value", "unknown " + std::string(what) + " `" + text + "`",
             near.empty() ? "expected one of: " + join(names) : "did you mean `" + near + "`?");
    }

    /// `auth`: a vocabulary word, or `certificate` (contract.md section 3), which any
    /// signature method satisfies.
    std::vector<model::auth_method> auth_methods(const YAML::Node& ike) const {
        using methods = std::vector<model::auth_method>;
        methods out;
        for (const methods& group : values<methods>(ike, "auth", [&](const YAML::Node& n) -> methods {
                 if (model::iequals(model::trim(n.Scalar()), "certificate")) {
                     return {model::auth_method::rsa_signature, model::auth_method::dss_signature,
                             model::auth_method::ecdsa_signature};
                 }
                 return {word<model::auth_method>(n, "authentication method")};
             })) {
            for (model::auth_method m : group) {
                if (std::find(out.begin(), out.end(), m) == out.end()) {
                    out.push_back(m);
                }
            }
        }
        return out;
    }

    model::dh_group group(const YAML::Node& node) const {
        // `dh_group: 20` is as clear as `group20`.
        if (auto n = model::parse_unsigned(node.Scalar())) {
            if (auto g = model::log_dh_group(node.Scalar())) {
                return *g;
            }
        }
        return word<model::dh_group>(node, "DH group");
    }

    /// `28800`, `28800s`, `480m`, `8h`, `1d`.
    std::uint64_t duration(const YAML::Node& node, std::string_view key) const {
        const std::string text(model::trim(node.Scalar()));
        std::uint64_t unit = 1;
        std::string_view digits = text;
        if (!text.empty()) {
            switch (text.back()) {
            case 's': unit = 1; digits.remove_suffix(1); break;
            case 'm': unit = 60; digits.remove_suffix(1); break;
            case 'h': unit = 3600; digits.remove_suffix(1); break;
            case 'd': unit = 86400; digits.remove_suffix(1); break;
            default: break;
            }
        }
        const auto n = model::parse_unsigned(digits);
        if (!n || *n == 0 || *n > 10'000'000'000ULL / unit) {
            fail(node, "sheet-bad-value",
                 "`" + std::string(key) + "` must be a duration such as 28800, 28800s, 480m, 8h or 1d, not `" + text + "`");
        }
        return *n * unit;
    }

    std::uint64_t number(const YAML::Node& node, std::string_view key) const {
        const auto n = model::parse_unsigned(model::trim(scalar(node, key)));
        if (!n) {
            fail(node, "sheet-bad-value", "`" + std::string(key) + "` must be a whole number, not `" + node.Scalar() + "`");
        }
        return *n;
    }

    bool boolean(const YAML::Node& node, std::string_view key) const {
        const std::string v = model::to_lower(scalar(node, key));
        if (v == "true" || v == "yes" || v == "on") {
            return true;
        }
        if (v == "false" || v == "no" || v == "off") {
            return false;
        }
        fail(node, "sheet-bad-value", "`" + std::string(key) + "` must be true or false, not `" + node.Scalar() + "`");
    }

    /// `vpn.example.net`, `ip.of.vpn.gateway`, `x.x.x.x`, `<peer-ip>`: a name where an address
    /// stands (a letter in it, so that `200.100.1.300` stays a bad address).
    static bool is_host_name(std::string_view text) {
        if (text.size() > 2 && text.front() == '<' && text.back() == '>') {
            text = text.substr(1, text.size() - 2);
        }
        bool letter = false;
        for (const char c : text) {
            const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            letter = letter || alpha;
            if (!alpha && !(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '_') {
                return false;
            }
        }
        return letter && !text.empty() && text.front() != '-' && text.front() != '.';
    }

    std::string address(const YAML::Node& node, std::string_view key, bool dynamic_allowed) const {
        const std::string text = scalar(node, key);
        if (dynamic_allowed && text == "dynamic") {
            return text;
        }
        std::string host = text;
        if (auto slash = host.find('/'); slash != std::string::npos) {
            host.resize(slash); // the guide writes 200.100.5.1/24
        }
        unsigned char buf[16];
        if (inet_pton(AF_INET, host.c_str(), buf) == 1 || inet_pton(AF_INET6, host.c_str(), buf) == 1) {
            return host;
        }
        if (text != "dynamic" && is_host_name(text)) {
            return text; // a PAN-OS gateway's FQDN peer, or a log poster's placeholder, matched as logged
        }
        fail(node, "sheet-bad-value",
             "`" + std::string(key) + "` must be an IPv4 or IPv6 address" +
                 (dynamic_allowed ? " or `dynamic`" : "") + ", not `" + text + "`");
    }

    const YAML::Node mapping(const YAML::Node& parent, std::string_view key) const {
        const auto node = parent[std::string(key)];
        if (node && !node.IsMap()) {
            fail(node, "sheet-type", "`" + std::string(key) + "` must be a mapping, not " + kind_of(node));
        }
        return node;
    }

    std::optional<model::ike_identity> identity(const YAML::Node& ike, std::string_view key) const {
        const auto node = ike[std::string(key)];
        if (!node) {
            return std::nullopt;
        }
        if (node.IsScalar() && node.Scalar() == "none") {
            return model::ike_identity{"none", ""};
        }
        if (!node.IsMap()) {
            fail(node, "sheet-type", "`" + std::string(key) + "` must be `none` or a mapping {type: ..., id: ...}, not " + kind_of(node));
        }
        check_keys(node, k_identity_keys, "in `" + std::string(key) + "`");
        model::ike_identity id;
        if (const auto type = node["type"]) {
            id.type = scalar(type, "type");
            const std::vector<std::string_view> types(k_identity_types.begin(), k_identity_types.end());
            if (std::find(types.begin(), types.end(), id.type) == types.end()) {
                const std::string near = closest_word(id.type, types);
                fail(type, "sheet-bad-value", "unknown identity type `" + id.type + "`",
                     near.empty() ? "expected one of: " + join(types) : "did you mean `" + near + "`?");
            }
        } else {
            fail(node, "sheet-missing-key", "`" + std::string(key) + "` needs a `type`");
        }
        id.id = optional_scalar(node, "id").value_or("");
        return id;
    }

    /// Whether `map` gives the pre-shared key: one non-empty string, under `psk` or
    /// `pre_shared_key`. No message ever quotes its value.
    bool psk_given(const YAML::Node& map) const {
        bool given = false;
        for (const std::string key : {"psk", "pre_shared_key"}) {
            const auto node = map[key];
            if (!node) {
                continue;
            }
            if (given) {
                fail(node, "sheet-duplicate-key", "give the pre-shared key once, as `psk` or `pre_shared_key`, not both");
            }
            if (!node.IsScalar()) {
                fail(node, "sheet-type", "`" + key + "` must be a string, not " + kind_of(node) + " (its value is never shown)");
            }
            check_quote_closed(node, key);
            if (node.Scalar().empty()) {
                fail(node, "sheet-bad-value", "`" + key + "` is empty");
            }
            given = true;
        }
        return given;
    }

    model::ike_expectation read_ike(const YAML::Node& ike, bool& has_psk) const {
        model::ike_expectation e;
        check_keys(ike, k_ike_keys, "in `ike`");
        e.version = words<model::ike_version>(ike, "version", "IKE version");
        e.crypto_profile = optional_scalar(ike, "crypto_profile");
        e.exchange_mode = words<model::exchange_mode>(ike, "exchange_mode", "exchange mode");
        e.auth = auth_methods(ike);
        e.encryption = words<model::encryption>(ike, "encryption", "encryption");
        e.hash = words<model::hash_alg>(ike, "hash", "hash");
        e.dh_group = values<model::dh_group>(ike, "dh_group", [&](const YAML::Node& n) { return group(n); });
        e.lifetime = values<std::uint64_t>(ike, "lifetime", [&](const YAML::Node& n) { return duration(n, "lifetime"); });
        e.local_id = identity(ike, "local_id");
        e.peer_id = identity(ike, "peer_id");
        if (const auto dpd = mapping(ike, "dpd")) {
            check_keys(dpd, k_dpd_keys, "in `dpd`");
            model::dpd_settings s;
            if (const auto n = dpd["enabled"]) {
                s.enabled = boolean(n, "enabled");
            }
            if (const auto n = dpd["interval"]) {
                s.interval = number(n, "interval");
            }
            if (const auto n = dpd["retry"]) {
                s.retry = number(n, "retry");
            }
            e.dpd = s;
        }
        has_psk = psk_given(ike) || has_psk;
        return e;
    }

    model::ipsec_expectation read_ipsec(const YAML::Node& ipsec) const {
        model::ipsec_expectation e;
        check_keys(ipsec, k_ipsec_keys, "in `ipsec`");
        e.protocol = words<model::ipsec_protocol>(ipsec, "protocol", "IPsec protocol");
        e.crypto_profile = optional_scalar(ipsec, "crypto_profile");
        e.encryption = words<model::encryption>(ipsec, "encryption", "encryption");
        e.authentication = words<model::authentication>(ipsec, "authentication", "authentication");
        e.dh_group = values<model::dh_group>(ipsec, "dh_group", [&](const YAML::Node& n) { return group(n); });
        e.lifetime = values<std::uint64_t>(ipsec, "lifetime", [&](const YAML::Node& n) { return duration(n, "lifetime"); });
        e.encapsulation = words<model::encapsulation>(ipsec, "encapsulation", "encapsulation");
        if (const auto ids = ipsec["proxy_ids"]) {
            if (!ids.IsSequence()) {
                fail(ids, "sheet-type", "`proxy_ids` must be a list of {local, remote, protocol}, not " + kind_of(ids));
            }
            for (const auto& item : ids) {
                if (!item.IsMap()) {
                    fail(item, "sheet-type", "each proxy ID must be a mapping {local, remote, protocol}, not " + kind_of(item));
                }
                check_keys(item, k_proxy_id_keys, "in a proxy ID");
                model::proxy_id id;
                id.local = optional_scalar(item, "local").value_or("");
                id.remote = optional_scalar(item, "remote").value_or("");
                id.protocol = optional_scalar(item, "protocol").value_or("any");
                if (id.local.empty() || id.remote.empty()) {
                    fail(item, "sheet-missing-key", "a proxy ID needs both `local` and `remote`");
                }
                e.proxy_ids.push_back(std::move(id));
            }
        }
        return e;
    }

    model::tunnel_expectation read_tunnel(const YAML::Node& node, std::size_t index) const {
        if (!node.IsMap()) {
            fail(node, "sheet-type", "a tunnel must be a mapping, not " + kind_of(node));
        }
        model::tunnel_expectation t;
        t.line = node.Mark().line >= 0 ? static_cast<std::uint64_t>(node.Mark().line) + 1 : 0;
        t.name = optional_scalar(node, "name").value_or("tunnel " + std::to_string(index + 1));
        t.gateway = optional_scalar(node, "gateway");
        if (const auto vendor = node["peer_vendor"]) {
            const std::string v = scalar(vendor, "peer_vendor");
            const std::vector<std::string_view> vendors(k_vendors.begin(), k_vendors.end());
            if (std::find(vendors.begin(), vendors.end(), v) == vendors.end()) {
                const std::string near = closest_word(v, vendors);
                fail(vendor, "sheet-bad-value", "unknown peer_vendor `" + v + "`",
                     near.empty() ? "expected one of: " + join(vendors) : "did you mean `" + near + "`?");
            }
            t.peer_vendor = v;
        }
        if (const auto a = node["local_address"]) {
            t.local_address = address(a, "local_address", false);
        }
        if (const auto a = node["peer_address"]) {
            t.peer_address = address(a, "peer_address", true);
        }
        t.has_psk = psk_given(node);
        if (const auto ike = mapping(node, "ike")) {
            t.ike = read_ike(ike, t.has_psk);
        }
        if (const auto ipsec = mapping(node, "ipsec")) {
            t.ipsec = read_ipsec(ipsec);
        }
        return t;
    }

    std::string m_file;
    std::string_view m_text; ///< the sheet's source, to look at a value's quotes
};

} // namespace

std::string closest_word(std::string_view word, const std::vector<std::string_view>& candidates) {
    std::string_view best;
    std::size_t best_distance = std::string_view::npos;
    for (auto c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    // Close enough to be a typo: at most a third of the word, and at most 3 edits.
    const std::size_t limit = std::min<std::size_t>(3, std::max<std::size_t>(1, word.size() / 3));
    return best_distance <= limit ? std::string(best) : std::string();
}

model::result<model::sheet> parse_sheet(const std::string& text, const std::string& file) {
    sheet_reader reader(file, text);
    try {
        const YAML::Node root = YAML::Load(text);
        return reader.read(root);
    } catch (const sheet_error& e) {
        return e.d;
    } catch (const YAML::Exception& e) {
        return yaml_diagnostic(e, "sheet-yaml", file);
    }
}

model::result<model::sheet> load_sheet(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diagnostic d;
        d.code = "sheet-unreadable";
        d.message = "cannot read the sheet: " + std::string(std::strerror(errno));
        d.file = path;
        return d;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_sheet(text.str(), path);
}

} // namespace ikediff::diff
