#include "diff/config/check.hpp"
#include "diff/config/panos_syntax.hpp"

#include <algorithm>

namespace ikediff::diff::config {

namespace {

template <class E>
std::vector<std::string> names(const std::vector<E>& values) {
    std::vector<std::string> out;
    for (const E v : values) {
        out.emplace_back(model::to_string(v));
    }
    return out;
}

std::vector<std::string> numbers(const std::vector<std::uint64_t>& values) {
    std::vector<std::string> out;
    for (const std::uint64_t v : values) {
        out.push_back(std::to_string(v));
    }
    return out;
}

/// `sha512`, `sha512 or sha384`: what the sheet allows.
std::string alternatives(const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += (i == 0 ? "" : " or ") + values[i];
    }
    return out;
}

/// `aes-256-cbc, aes-128-cbc`: what a profile lists, in its order.
std::string listed(const std::vector<std::string>& values) {
    std::string out;
    for (std::size_t i = 0; i < values.size(); ++i) {
        out += (i == 0 ? "" : ", ") + values[i];
    }
    return out;
}

bool allowed(const std::vector<std::string>& sheet, std::string_view value) {
    return std::find(sheet.begin(), sheet.end(), value) != sheet.end();
}

std::string identity_text(const std::optional<model::ike_identity>& id) {
    if (!id || id->type == "none") {
        return "none";
    }
    return id->type + " " + id->id;
}

std::string identity_text(const std::optional<model::config_identity>& id) {
    if (!id || id->type.empty()) {
        return "none";
    }
    return id->type + " " + id->id;
}

std::string dpd_text(const model::dpd_settings& d) {
    if (d.enabled && !*d.enabled) {
        return "disabled";
    }
    std::string out = d.enabled ? "enabled" : "";
    if (d.interval) {
        out += (out.empty() ? "" : ", ") + std::string("interval ") + std::to_string(*d.interval);
    }
    if (d.retry) {
        out += (out.empty() ? "" : ", ") + std::string("retry ") + std::to_string(*d.retry);
    }
    return out;
}

std::string dpd_text(const std::optional<model::config_dpd>& d) {
    if (!d || !d->enabled) {
        return "disabled";
    }
    std::string out = "enabled";
    if (d->interval) {
        out += ", interval " + std::to_string(*d->interval);
    }
    if (d->retry) {
        out += ", retry " + std::to_string(*d->retry);
    }
    return out;
}

bool dpd_ok(const model::dpd_settings& want, const std::optional<model::config_dpd>& have) {
    const bool enabled = have && have->enabled;
    if (want.enabled && *want.enabled != enabled) {
        return false;
    }
    if (!enabled) {
        return want.enabled.has_value(); // the sheet said disabled; an interval alone means enabled
    }
    return (!want.interval || have->interval == want.interval) &&
           (!want.retry || have->retry == want.retry);
}

std::string proxy_text(const std::string& local, const std::string& remote,
                       const std::string& protocol) {
    return local + " " + remote + " " + (protocol.empty() ? "any" : protocol);
}

/// The checks of one tunnel, in the order the report lists them.
std::vector<std::string> fix_for(const model::config_check& c, const model::tunnel_expectation& t,
                                 const placement& p);

class checker {
public:
    checker(const model::tunnel_expectation& t, std::vector<model::config_check>& out)
        : m_tunnel(t), m_out(out) {}
    void set_place(const placement& p) { m_place = p; }

    void add(std::optional<std::uint32_t> phase, std::string attribute,
             std::optional<std::string> expected, std::optional<std::string> configured, bool ok) {
        model::config_check c;
        c.tunnel = m_tunnel.name;
        c.gateway = m_gateway;
        c.phase = phase;
        c.attribute = std::move(attribute);
        c.expected = std::move(expected);
        c.configured = std::move(configured);
        c.ok = ok && c.configured.has_value();
        if (!c.ok) {
            c.fix = fix_for(c, m_tunnel, m_place);
        }
        m_out.push_back(std::move(c));
    }

    /// A single configured value against the sheet's acceptable ones.
    void one(std::optional<std::uint32_t> phase, std::string attribute,
             const std::vector<std::string>& sheet, const std::optional<std::string>& configured) {
        if (sheet.empty()) {
            return;
        }
        add(phase, std::move(attribute), alternatives(sheet), configured,
            configured && allowed(sheet, *configured));
    }

    /// A configured member list: ok when every member is one the sheet allows.
    void members(std::optional<std::uint32_t> phase, std::string attribute,
                 const std::vector<std::string>& sheet,
                 const std::vector<std::string>* configured) {
        if (sheet.empty()) {
            return;
        }
        if (configured == nullptr || configured->empty()) {
            add(phase, std::move(attribute), alternatives(sheet), std::nullopt, false);
            return;
        }
        const bool ok = std::all_of(configured->begin(), configured->end(),
                                    [&](const std::string& v) { return allowed(sheet, v); });
        add(phase, std::move(attribute), alternatives(sheet), listed(*configured), ok);
    }

    void set_gateway(std::string name) { m_gateway = std::move(name); }

private:
    const model::tunnel_expectation& m_tunnel;
    std::vector<model::config_check>& m_out;
    std::string m_gateway;
    placement m_place;
};

std::optional<std::string> number_text(const std::optional<std::uint64_t>& n) {
    return n ? std::optional(std::to_string(*n)) : std::nullopt;
}

void check_phase1(checker& c, const model::tunnel_expectation& t, const placement& p) {
    const model::ike_gateway& g = *p.gateway;
    const model::ike_expectation& ike = t.ike;
    if (!ike.version.empty()) {
        const std::vector<std::string> sheet = names(ike.version);
        const bool ok = allowed(sheet, g.version) ||
                        (g.version == "ikev2-preferred" && allowed(sheet, "ikev2"));
        c.add(1, "version", alternatives(sheet), g.version, ok);
    }
    if (!ike.exchange_mode.empty() && g.version != "ikev2") {
        const std::vector<std::string> sheet = names(ike.exchange_mode);
        const std::string mode = g.ikev1.exchange_mode.value_or("auto");
        c.add(1, "exchange_mode", alternatives(sheet), mode,
              allowed(sheet, mode) || (mode == "auto" && allowed(sheet, "main")));
    }
    if (!ike.auth.empty()) {
        const std::vector<std::string> sheet = names(ike.auth);
        const bool ok =
            g.auth_method == "certificate"
                ? std::any_of(sheet.begin(), sheet.end(),
                              [](const std::string& s) { return s != "pre-shared-key"; })
                : allowed(sheet, g.auth_method);
        const bool certificate_sheet = std::none_of(
            sheet.begin(), sheet.end(), [](const std::string& s) { return s == "pre-shared-key"; });
        c.add(1, "auth", certificate_sheet ? "certificate" : alternatives(sheet), g.auth_method,
              ok);
    }
    if (ike.crypto_profile) {
        // The sheet names the profile the gateway should use; the fixes below name the one it uses.
        const std::string used = g.active().crypto_profile.value_or("default");
        c.add(1, "crypto_profile", *ike.crypto_profile, used, *ike.crypto_profile == used);
    }
    const model::ike_crypto_profile* profile = p.ike_profile;
    c.members(1, "encryption", names(ike.encryption), profile ? &profile->encryption : nullptr);
    c.members(1, "hash", names(ike.hash), profile ? &profile->hash : nullptr);
    c.members(1, "dh_group", names(ike.dh_group), profile ? &profile->dh_group : nullptr);
    c.one(1, "lifetime", numbers(ike.lifetime),
          profile ? number_text(profile->lifetime) : std::nullopt);
    if (ike.local_id) {
        const std::string want = identity_text(ike.local_id);
        const std::string have = identity_text(g.local_id);
        c.add(1, "local_id", want, have, want == have);
    }
    if (ike.peer_id) {
        const std::string want = identity_text(ike.peer_id);
        const std::string have = identity_text(g.peer_id);
        c.add(1, "peer_id", want, have, want == have);
    }
    if (ike.dpd) {
        const auto& dpd = g.active().dpd;
        c.add(1, "dpd", dpd_text(*ike.dpd), dpd_text(dpd), dpd_ok(*ike.dpd, dpd));
    }
}

void check_phase2(checker& c, const model::tunnel_expectation& t, const placement& p) {
    const model::ipsec_expectation& ipsec = t.ipsec;
    if (ipsec.crypto_profile && p.tunnel != nullptr) {
        const std::string used = p.tunnel->crypto_profile.value_or("default");
        c.add(2, "crypto_profile", *ipsec.crypto_profile, used, *ipsec.crypto_profile == used);
    }
    const model::ipsec_crypto_profile* profile = p.ipsec_profile;
    c.one(2, "protocol", names(ipsec.protocol),
          profile ? std::optional(profile->protocol) : std::nullopt);
    if (profile == nullptr || profile->protocol == "esp") {
        c.members(2, "encryption", names(ipsec.encryption),
                  profile ? &profile->encryption : nullptr);
    }
    c.members(2, "authentication", names(ipsec.authentication),
              profile ? &profile->authentication : nullptr);
    c.one(2, "dh_group", names(ipsec.dh_group), profile ? profile->dh_group : std::nullopt);
    c.one(2, "lifetime", numbers(ipsec.lifetime),
          profile ? number_text(profile->lifetime) : std::nullopt);
    if (!ipsec.proxy_ids.empty()) {
        std::vector<std::string> want;
        for (const auto& id : ipsec.proxy_ids) {
            want.push_back(proxy_text(id.local, id.remote, id.protocol));
        }
        std::optional<std::string> have;
        bool ok = false;
        if (p.tunnel != nullptr) {
            std::vector<std::string> configured;
            for (const auto& id : p.tunnel->proxy_ids) {
                configured.push_back(proxy_text(id.local, id.remote, id.protocol));
            }
            have = configured.empty() ? "none" : listed(configured);
            std::sort(want.begin(), want.end());
            std::sort(configured.begin(), configured.end());
            ok = want == configured;
            want.clear();
            for (const auto& id : ipsec.proxy_ids) {
                want.push_back(proxy_text(id.local, id.remote, id.protocol));
            }
        }
        c.add(2, "proxy_id", listed(want), have, ok);
    }
}


std::string set_identity(const std::string& gateway, std::string_view key,
                         const std::optional<model::ike_identity>& id) {
    if (!id || id->type == "none") {
        return "delete network ike gateway " + quoted_name(gateway) + " " + std::string(key);
    }
    return "set network ike gateway " + quoted_name(gateway) + " " + std::string(key) + " type " +
           id->type + " id " + quoted_name(id->id);
}

/// The commands that give the configuration the sheet's value for `c` (contract.md
/// section 9), with the names `p` found: the gateway, its IKE crypto profile (the one it
/// names, `default` when it names none), its IPsec tunnel and IPsec crypto profile.
std::vector<std::string> fix_for(const model::config_check& c, const model::tunnel_expectation& t,
                                 const placement& p) {
    const std::string& a = c.attribute;
    if (p.gateway == nullptr) {
        // No gateway for the tunnel: the one to create, named as the sheet names it.
        const std::string name = t.gateway.value_or(t.name);
        const std::string base = "set network ike gateway " + quoted_name(name);
        std::vector<std::string> out;
        if (t.peer_address) {
            out.push_back(base + (*t.peer_address == "dynamic"
                                      ? " peer-address dynamic"
                                      : " peer-address ip " + *t.peer_address));
        }
        if (t.local_address) {
            out.push_back(base + " local-address ip " + *t.local_address);
        }
        return out;
    }
    const model::ike_gateway& g = *p.gateway;
    const std::string gateway = "set network ike gateway " + quoted_name(g.name);
    const std::string version = g.version == "ikev1" ? "ikev1" : "ikev2";
    const std::string ike_profile =
        "set network ike crypto-profiles ike-crypto-profiles " +
        quoted_name(p.ike_profile != nullptr ? p.ike_profile->name
                                      : g.active().crypto_profile.value_or("default"));
    const std::string ipsec_name = p.ipsec_profile != nullptr ? p.ipsec_profile->name
                                   : p.tunnel != nullptr
                                       ? p.tunnel->crypto_profile.value_or("default")
                                       : "default";
    const std::string ipsec_profile =
        "set network ike crypto-profiles ipsec-crypto-profiles " + quoted_name(ipsec_name);
    const model::ike_expectation& ike = t.ike;
    const model::ipsec_expectation& ipsec = t.ipsec;
    if (!c.phase) {
        if (a == "local_address" && t.local_address) {
            return {gateway + " local-address ip " + *t.local_address};
        }
        if (a == "peer_address" && t.peer_address) {
            return {gateway + (*t.peer_address == "dynamic"
                                   ? " peer-address dynamic"
                                   : " peer-address ip " + *t.peer_address)};
        }
        return {}; // `gateway`: the sheet names another one; which is right is not a command
    }
    if (*c.phase == 1) {
        if (a == "version")
            return {gateway + " protocol version " + names(ike.version).front()};
        if (a == "exchange_mode")
            return {gateway + " protocol ikev1 exchange-mode " + names(ike.exchange_mode).front()};
        if (a == "auth" && names(ike.auth).front() == "pre-shared-key") {
            return {gateway + " authentication pre-shared-key key <pre-shared-key>"};
        }
        if (a == "crypto_profile" && ike.crypto_profile) {
            return {gateway + " protocol " + version + " ike-crypto-profile " + quoted_name(*ike.crypto_profile)};
        }
        if (a == "encryption")
            return {ike_profile + " encryption " + member_list(names(ike.encryption))};
        if (a == "hash")
            return {ike_profile + " hash " + member_list(names(ike.hash))};
        if (a == "dh_group")
            return {ike_profile + " dh-group " + member_list(names(ike.dh_group))};
        if (a == "lifetime" && !ike.lifetime.empty())
            return {ike_profile + " lifetime " + lifetime_words(ike.lifetime.front())};
        if (a == "local_id")
            return {set_identity(g.name, "local-id", ike.local_id)};
        if (a == "peer_id")
            return {set_identity(g.name, "peer-id", ike.peer_id)};
        if (a == "dpd" && ike.dpd) {
            const model::dpd_settings& d = *ike.dpd;
            std::string cmd = gateway + " protocol " + version + " dpd enable " +
                              (d.enabled.value_or(true) ? "yes" : "no");
            if (d.interval && d.enabled.value_or(true)) {
                cmd += " interval " + std::to_string(*d.interval);
            }
            if (d.retry && d.enabled.value_or(true) && version == "ikev1") {
                cmd += " retry " + std::to_string(*d.retry);
            }
            return {cmd};
        }
        return {};
    }
    if (a == "crypto_profile" && ipsec.crypto_profile && p.tunnel != nullptr) {
        return {"set network tunnel ipsec " + quoted_name(p.tunnel->name) + " auto-key ipsec-crypto-profile " +
                quoted_name(*ipsec.crypto_profile)};
    }
    const bool ah = p.ipsec_profile != nullptr && p.ipsec_profile->protocol == "ah";
    if (a == "encryption")
        return {ipsec_profile + " esp encryption " + member_list(names(ipsec.encryption))};
    if (a == "authentication") {
        return {ipsec_profile + (ah ? " ah" : " esp") + " authentication " +
                member_list(names(ipsec.authentication))};
    }
    if (a == "dh_group")
        return {ipsec_profile + " dh-group " + names(ipsec.dh_group).front()};
    if (a == "lifetime" && !ipsec.lifetime.empty())
        return {ipsec_profile + " lifetime " + lifetime_words(ipsec.lifetime.front())};
    if (a == "proxy_id" && p.tunnel != nullptr) {
        std::vector<std::string> out;
        for (const auto& id : p.tunnel->proxy_ids) {
            out.push_back("delete network tunnel ipsec " + quoted_name(p.tunnel->name) +
                          " auto-key proxy-id " + quoted_name(id.name));
        }
        std::size_t i = 0;
        for (const auto& id : ipsec.proxy_ids) {
            std::string cmd = "set network tunnel ipsec " + quoted_name(p.tunnel->name) +
                              " auto-key proxy-id proxy-id-" + std::to_string(++i) + " local " +
                              id.local + " remote " + id.remote + " protocol ";
            const std::string protocol = id.protocol.empty() ? "any" : id.protocol;
            cmd += protocol == "any" || protocol == "tcp" || protocol == "udp"
                       ? protocol
                       : "number " + protocol;
            out.push_back(std::move(cmd));
        }
        return out;
    }
    return {}; // an IPsec protocol switch (esp/ah) is a new profile, not one command
}

placement complete(const model::ike_gateway* g, const model::vpn_config& config) {
    placement p;
    p.gateway = g;
    if (g == nullptr) {
        return p;
    }
    p.ike_profile = config.ike_profile(g->active().crypto_profile.value_or("default"));
    p.tunnel = config.tunnel_of_gateway(g->name);
    if (p.tunnel != nullptr) {
        p.ipsec_profile = config.ipsec_profile(p.tunnel->crypto_profile.value_or("default"));
    }
    return p;
}

} // namespace

placement place_peer(std::string_view address, std::span<const model::vpn_config> configs) {
    for (const model::vpn_config& config : configs) {
        if (const model::ike_gateway* g = config.gateway_for_peer(address)) {
            return complete(g, config);
        }
    }
    return {};
}

placement place(const model::tunnel_expectation& tunnel,
                std::span<const model::vpn_config> configs) {
    if (tunnel.gateway) {
        for (const model::vpn_config& config : configs) {
            if (const model::ike_gateway* g = config.gateway(*tunnel.gateway)) {
                return complete(g, config);
            }
        }
    }
    if (!tunnel.peer_address) {
        return {};
    }
    if (*tunnel.peer_address != "dynamic") {
        return place_peer(*tunnel.peer_address, configs);
    }
    placement only;
    for (const model::vpn_config& config : configs) {
        for (const model::ike_gateway& g : config.gateways) {
            if (g.peer_kind == "dynamic") {
                if (only.gateway != nullptr) {
                    return {}; // several: the sheet's `gateway` must say which
                }
                only = complete(&g, config);
            }
        }
    }
    return only;
}

std::vector<model::config_check> check(const model::tunnel_expectation& tunnel,
                                       std::span<const model::vpn_config> configs) {
    std::vector<model::config_check> out;
    checker c(tunnel, out);
    const placement p = place(tunnel, configs);
    if (p.gateway == nullptr) {
        c.set_place(p);
        c.add(std::nullopt, "gateway", tunnel.gateway, std::nullopt, false);
        return out;
    }
    const model::ike_gateway& g = *p.gateway;
    c.set_gateway(g.name);
    c.set_place(p);
    c.add(std::nullopt, "gateway", tunnel.gateway, g.name,
          !tunnel.gateway || *tunnel.gateway == g.name);
    if (tunnel.local_address && g.local_ip) {
        c.add(std::nullopt, "local_address", tunnel.local_address, g.local_ip,
              *tunnel.local_address == *g.local_ip);
    }
    if (tunnel.peer_address) {
        const std::string have = g.peer_kind == "dynamic" ? "dynamic" : g.peer_address.value_or("");
        c.add(std::nullopt, "peer_address", tunnel.peer_address, have,
              *tunnel.peer_address == have);
    }
    check_phase1(c, tunnel, p);
    check_phase2(c, tunnel, p);
    return out;
}

std::vector<model::config_check> check(const model::sheet& sheet,
                                       std::span<const model::vpn_config> configs) {
    std::vector<model::config_check> out;
    for (const model::tunnel_expectation& t : sheet.tunnels) {
        std::vector<model::config_check> one = check(t, configs);
        out.insert(out.end(), std::make_move_iterator(one.begin()),
                   std::make_move_iterator(one.end()));
    }
    return out;
}

void name_from_configuration(model::sheet& sheet, std::span<const model::vpn_config> configs) {
    for (model::tunnel_expectation& t : sheet.tunnels) {
        const placement p = place(t, configs);
        if (p.gateway == nullptr) {
            continue;
        }
        if (!t.gateway) {
            t.gateway = p.gateway->name;
        }
        // The profiles the gateway and tunnel really use win over names the sheet gives: a fix
        // must change the profile the firewall negotiates with, not one it does not use.
        if (p.ike_profile != nullptr) {
            t.ike.crypto_profile = p.ike_profile->name;
        }
        if (p.ipsec_profile != nullptr) {
            t.ipsec.crypto_profile = p.ipsec_profile->name;
        }
    }
}

} // namespace ikediff::diff::config
