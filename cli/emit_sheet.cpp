#include "cli/emit_sheet.hpp"

#include "model/vocabulary.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ikediff::cli {

namespace {

void add_once(std::vector<std::string>& values, const std::string& v) {
    if (!v.empty() && std::find(values.begin(), values.end(), v) == values.end()) {
        values.push_back(v);
    }
}

std::string text_of(const model::value& v) {
    if (const auto* n = std::get_if<std::uint64_t>(&v)) {
        return std::to_string(*n);
    }
    return std::get<std::string>(v);
}

/// A YAML double-quoted scalar.
std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
    return out + '"';
}

/// `key: value` or `key: [a, b]`, indented; nothing for no value.
void line(std::ostringstream& out, std::string_view indent, std::string_view key, const std::vector<std::string>& values) {
    if (values.empty()) {
        return;
    }
    out << indent << key << ": ";
    if (values.size() == 1) {
        out << values.front() << '\n';
        return;
    }
    out << '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        out << (i == 0 ? "" : ", ") << values[i];
    }
    out << "]\n";
}

/// The sheet's key for a phase 1 parameter (none for what a sheet does not hold).
std::string_view ike_key(model::phase1_parameter p) {
    switch (p) {
    case model::phase1_parameter::encryption: return "encryption";
    case model::phase1_parameter::hash: return "hash";
    case model::phase1_parameter::dh_group: return "dh_group";
    case model::phase1_parameter::auth_method: return "auth";
    case model::phase1_parameter::lifetime: return "lifetime";
    case model::phase1_parameter::lifebytes: return "";
    }
    return "";
}

/// Whether a logged value is one the sheet accepts under `key` (the vocabulary's canonical
/// names; an encryption whose key length the log did not show, `aes-cbc`, is not one, nor is
/// a method the sheet has no word for). Lifetimes are numbers.
bool sheet_value(std::uint32_t phase, std::string_view key, const std::string& v) {
    using namespace model;
    if (key == "lifetime") {
        return !v.empty() && std::all_of(v.begin(), v.end(), model::is_digit);
    }
    if (key == "encryption") return canonical_value<encryption>(v).has_value();
    if (key == "dh_group") return canonical_value<dh_group>(v).has_value();
    if (phase == 1) {
        if (key == "hash") return canonical_value<hash_alg>(v).has_value();
        if (key == "auth") return canonical_value<auth_method>(v).has_value();
        return false;
    }
    if (key == "protocol") return canonical_value<ipsec_protocol>(v).has_value();
    if (key == "authentication") return canonical_value<authentication>(v).has_value();
    if (key == "encapsulation") return canonical_value<encapsulation>(v).has_value();
    return false;
}

/// A traffic selector the sheet can hold: an address or a network, no port.
bool selector(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return model::is_hex(c) || c == '.' || c == ':' || c == '/';
    });
}

/// The canonical values of `values` a sheet holds under `key` (an unknown word is left out).
std::vector<std::string> sheet_values(std::uint32_t phase, std::string_view key, const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        if (sheet_value(phase, key, v)) {
            add_once(out, v);
        }
    }
    return out;
}

std::vector<std::string> number_values(const std::optional<std::uint64_t>& n) {
    return n ? std::vector<std::string>{std::to_string(*n)} : std::vector<std::string>{};
}

std::string identity_yaml(const model::config_identity& id) {
    return "{type: " + id.type + ", id: " + quoted(id.id) + "}";
}

/// One sheet tunnel from a configured IPsec tunnel and what it uses.
std::string configured_tunnel(const model::ipsec_tunnel& t, const model::ike_gateway* g,
                              const model::ike_crypto_profile* ike, const model::ipsec_crypto_profile* ipsec) {
    std::ostringstream out;
    out << "  - name: " << quoted(t.name) << '\n';
    if (t.disabled || (g != nullptr && g->disabled)) {
        out << "    # disabled in the configuration\n";
    }
    if (g == nullptr) {
        out << "    # the configuration has no IKE gateway " << quoted(t.gateway.value_or("")) << " for this tunnel\n";
    } else {
        out << "    gateway: " << quoted(g->name) << '\n';
        if (g->local_ip) {
            out << "    local_address: " << *g->local_ip << '\n';
        }
        if (g->peer_kind == "dynamic") {
            out << "    peer_address: dynamic\n";
        } else if (g->peer_address) {
            out << "    peer_address: " << quoted(*g->peer_address) << '\n';
        }
        out << "    ike:\n";
        out << "      version: " << (g->version == "ikev1" ? "ikev1" : "ikev2") << '\n';
        const model::gateway_protocol& active = g->active();
        if (ike != nullptr) {
            out << "      crypto_profile: " << quoted(ike->name) << '\n';
        }
        if (g->version == "ikev1" && active.exchange_mode && *active.exchange_mode != "auto") {
            out << "      exchange_mode: " << *active.exchange_mode << '\n';
        }
        out << "      auth: " << g->auth_method << '\n';
        if (ike != nullptr) {
            line(out, "      ", "encryption", sheet_values(1, "encryption", ike->encryption));
            line(out, "      ", "hash", sheet_values(1, "hash", ike->hash));
            line(out, "      ", "dh_group", sheet_values(1, "dh_group", ike->dh_group));
            line(out, "      ", "lifetime", number_values(ike->lifetime));
        }
        out << "      local_id: " << (g->local_id ? identity_yaml(*g->local_id) : "none") << '\n';
        out << "      peer_id: " << (g->peer_id ? identity_yaml(*g->peer_id) : "none") << '\n';
        if (active.dpd) {
            out << "      dpd: {enabled: " << (active.dpd->enabled ? "true" : "false");
            if (active.dpd->enabled && active.dpd->interval) {
                out << ", interval: " << *active.dpd->interval;
            }
            if (active.dpd->enabled && active.dpd->retry) {
                out << ", retry: " << *active.dpd->retry;
            }
            out << "}\n";
        }
    }
    if (ipsec != nullptr || !t.proxy_ids.empty()) {
        out << "    ipsec:\n";
        if (ipsec != nullptr) {
            out << "      protocol: " << ipsec->protocol << '\n';
            out << "      crypto_profile: " << quoted(ipsec->name) << '\n';
            line(out, "      ", "encryption", sheet_values(2, "encryption", ipsec->encryption));
            line(out, "      ", "authentication", sheet_values(2, "authentication", ipsec->authentication));
            if (ipsec->dh_group && sheet_value(2, "dh_group", *ipsec->dh_group)) {
                out << "      dh_group: " << *ipsec->dh_group << '\n';
            }
            line(out, "      ", "lifetime", number_values(ipsec->lifetime));
        }
        if (!t.proxy_ids.empty()) {
            out << "      proxy_ids:\n";
            for (const auto& p : t.proxy_ids) {
                out << "        - {local: " << quoted(p.local) << ", remote: " << quoted(p.remote)
                    << ", protocol: " << quoted(p.protocol) << "}\n";
            }
        }
    }
    return out.str();
}

} // namespace

void sheet_emitter::add(const model::vpn_config& config) {
    m_configurations.push_back(config.file);
    for (const model::ipsec_tunnel& t : config.tunnels) {
        const model::ike_gateway* g = t.gateway ? config.gateway(*t.gateway) : nullptr;
        const model::ike_crypto_profile* ike =
            g != nullptr ? config.ike_profile(g->active().crypto_profile.value_or("default")) : nullptr;
        const model::ipsec_crypto_profile* ipsec = config.ipsec_profile(t.crypto_profile.value_or("default"));
        m_configured.push_back(configured_tunnel(t, g, ike, ipsec));
        if (g != nullptr && g->peer_address) {
            m_configured_peers.push_back(*g->peer_address);
        }
    }
}

void sheet_emitter::add(const diff::negotiation_report& nr) {
    const model::negotiation& n = nr.negotiation;
    if (!n.peer) {
        return; // a sheet's tunnel is found by its peer
    }
    auto it = std::find_if(m_peers.begin(), m_peers.end(), [&](const observed& o) { return o.peer == n.peer->address; });
    if (it == m_peers.end()) {
        m_peers.push_back({});
        it = m_peers.end() - 1;
        it->peer = n.peer->address;
    }
    observed& o = *it;
    ++o.negotiations;
    o.established += n.result == model::outcome::established ? 1 : 0;
    if (n.gateway) {
        add_once(o.gateway, *n.gateway);
    }
    if (n.local) {
        add_once(o.local_address, n.local->address);
    }
    if (n.version) {
        add_once(o.version, std::string(model::to_string(*n.version)));
    }
    if (n.exchange == model::exchange::main || n.exchange == model::exchange::aggressive) {
        add_once(o.exchange_mode, std::string(model::to_string(*n.exchange)));
    }
    // The firewall's side of every pair it compared: each transform it offered or accepted.
    for (const auto& pair : n.pairs) {
        for (const model::phase1_parameter p : model::k_phase1_parameters) {
            const std::string_view key = ike_key(p);
            if (const auto v = pair.local.get(p); v && !key.empty() && sheet_value(1, key, text_of(*v))) {
                add_once(o.ike[std::string(key)], text_of(*v));
            }
        }
    }
    for (const auto& pair : n.phase2_pairs) {
        for (const model::phase2_parameter p : model::k_phase2_parameters) {
            const std::string key(model::to_string(p));
            if (const auto v = pair.local.get(p); v && sheet_value(2, key, text_of(*v))) {
                add_once(o.ipsec[key], text_of(*v));
            }
        }
    }
    // Proxy IDs the firewall proposed (it initiated), or that both sides agreed on.
    if (n.role == model::role::initiator || n.result == model::outcome::established) {
        for (const auto& p : n.proxy_ids) {
            const std::string protocol = p.protocol.empty() ? "any" : p.protocol;
            if (selector(p.local) && selector(p.remote)) { // not `10.0.1.0/24[500]`: ports are no sheet's
                add_once(o.proxy_ids,
                         "{local: " + quoted(p.local) + ", remote: " + quoted(p.remote) + ", protocol: " + quoted(protocol) + "}");
            }
        }
    }
}

std::string sheet_emitter::yaml(const std::string& source) const {
    std::ostringstream out;
    out << "# Written by ikediff --emit-sheet from " << source << ": what the firewall (PAN-OS) was seen\n"
           "# to use, one tunnel per peer. A starting point for an onboarding sheet, not the agreed\n"
           "# one: check every value with the peer's team, and add what a log cannot show (the\n"
           "# peer's vendor, identities, DPD, the presence of a pre-shared key).\n"
           "version: 1\n";
    std::vector<const observed*> seen;
    for (const observed& o : m_peers) {
        if (std::find(m_configured_peers.begin(), m_configured_peers.end(), o.peer) == m_configured_peers.end()) {
            seen.push_back(&o);
        }
    }
    if (!m_configurations.empty()) {
        out << "# The firewall's configuration (";
        for (std::size_t i = 0; i < m_configurations.size(); ++i) {
            out << (i == 0 ? "" : ", ") << m_configurations[i];
        }
        out << ") gives one tunnel per IPsec tunnel\n"
               "# configured, with what it says; pre-shared keys are never written.\n";
    }
    if (m_configured.empty() && seen.empty()) {
        out << (m_configurations.empty()
                    ? "tunnels: [] # no negotiation with a known peer address in the log\n"
                    : "tunnels: [] # no configured tunnel, and no negotiation with a known peer address in the log\n");
        return out.str();
    }
    out << "tunnels:\n";
    for (const std::string& t : m_configured) {
        out << t;
    }
    for (const observed* seen_peer : seen) {
        const observed& o = *seen_peer;
        out << "  - name: " << quoted(o.gateway.empty() ? "peer " + o.peer : o.gateway.front()) << '\n';
        out << "    # " << o.negotiations << (o.negotiations == 1 ? " negotiation" : " negotiations") << " seen, "
            << o.established << " established\n";
        if (!o.gateway.empty()) {
            out << "    gateway: " << quoted(o.gateway.front()) << '\n';
        }
        if (!o.local_address.empty()) {
            out << "    local_address: " << o.local_address.front() << '\n';
        }
        out << "    peer_address: " << o.peer << '\n';
        std::ostringstream ike;
        line(ike, "      ", "version", o.version);
        line(ike, "      ", "exchange_mode", o.exchange_mode);
        for (const char* key : {"auth", "encryption", "hash", "dh_group", "lifetime"}) {
            if (const auto v = o.ike.find(key); v != o.ike.end()) {
                line(ike, "      ", key, v->second);
            }
        }
        if (!ike.str().empty()) {
            out << "    ike:\n" << ike.str();
        }
        if (!o.ipsec.empty() || !o.proxy_ids.empty()) {
            out << "    ipsec:\n";
            for (const char* key : {"protocol", "encryption", "authentication", "dh_group", "lifetime", "encapsulation"}) {
                if (const auto v = o.ipsec.find(key); v != o.ipsec.end()) {
                    line(out, "      ", key, v->second);
                }
            }
            if (!o.proxy_ids.empty()) {
                out << "      proxy_ids:\n";
                for (const auto& p : o.proxy_ids) {
                    out << "        - " << p << '\n';
                }
            }
        }
    }
    return out.str();
}

} // namespace ikediff::cli
