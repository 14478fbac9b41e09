#include "cli/report/advice/remedy.hpp"
#include "diff/config/panos_syntax.hpp"

#include <sstream>

namespace ikediff::cli {

namespace {

std::string text_of(const model::value& v) {
    if (const auto* n = std::get_if<std::uint64_t>(&v)) {
        return std::to_string(*n);
    }
    return std::get<std::string>(v);
}

/// `sha512`, or `[ sha512 sha384 ]` (diff/config/panos_syntax).
std::string members(const std::vector<model::value>& values) {
    std::vector<std::string> words;
    words.reserve(values.size());
    for (const auto& v : values) {
        words.push_back(text_of(v));
    }
    return diff::config::member_list(words);
}

std::string lifetime(std::uint64_t seconds) { return diff::config::lifetime_words(seconds); }

/// A name from the sheet, else from the log, else a placeholder; quoted where the PAN-OS CLI
/// needs it (a name with blanks).
std::string name_or(const std::optional<std::string>& sheet, const std::optional<std::string>& log,
                    const char* placeholder) {
    return sheet ? diff::config::quoted_name(*sheet) : log ? diff::config::quoted_name(*log) : placeholder;
}

std::string gateway_name(const model::tunnel_expectation* tunnel, const model::negotiation& n) {
    return name_or(tunnel ? tunnel->gateway : std::nullopt, n.gateway, "<ike-gateway>");
}

std::string local_ip(const model::tunnel_expectation* tunnel, const model::negotiation& n) {
    return n.local ? n.local->address : tunnel && tunnel->local_address ? *tunnel->local_address : "<firewall-ip>";
}

std::string peer_ip(const model::tunnel_expectation* tunnel, const model::negotiation& n) {
    return n.peer ? n.peer->address : tunnel && tunnel->peer_address ? *tunnel->peer_address : "<peer-ip>";
}

} // namespace

std::vector<guide_step> next_steps(const model::negotiation& n, const model::tunnel_expectation* tunnel) {
    if (n.result != model::outcome::failed || !n.failure) {
        return {};
    }
    const std::string gateway = "set network ike gateway " + gateway_name(tunnel, n);
    const std::string ping = "ping source " + local_ip(tunnel, n) + " host " + peer_ip(tunnel, n);
    using f = model::failure_class;
    switch (*n.failure) {
    case f::timeout:
        return {{"Check that the two gateways reach each other: ping the peer from the firewall's own address.", ping},
                {"Check the security policies on the firewall: traffic between the two gateways (usually untrust to "
                 "untrust) must be allowed for the applications `ike` and `ipsec-esp`, before any rule that denies it. "
                 "Check the peer's policies the same way.",
                 ""},
                {"If both are fine, compare the phase 1 parameters of both sides: turn on detailed IKE logging, let "
                 "the tunnel retry, and run ikediff on the new ikemgr.log.",
                 "debug ike global on debug"}};
    case f::peer_not_found:
        return {{"The firewall has no IKE gateway for the peer " + peer_ip(tunnel, n) +
                     ": check the peer address of the IKE gateway (Network > Network Profiles > IKE Gateways). The "
                     "peer's configuration need not be checked for this.",
                 gateway + " peer-address ip " + peer_ip(tunnel, n)}};
    case f::psk_mismatch:
        return {{"Check the pre-shared key of the firewall's IKE gateway (enter it again).",
                 gateway + " authentication pre-shared-key key <pre-shared-key>"},
                {"If it is right, check the pre-shared key configured on the peer.", ""}};
    case f::no_proposal:
        if (n.pairs.empty() && n.phase2_pairs.empty()) {
            return {{"The log does not show the two proposals: turn on detailed IKE logging, let the tunnel retry, "
                     "and run ikediff on the new ikemgr.log (then set the level back with "
                     "`debug ike global on normal`).",
                     "debug ike global on debug"}};
        }
        return {};
    case f::proxy_id_mismatch:
        return {{"Make the proxy IDs (traffic selectors) of both sides mirror each other: the firewall's local "
                 "network is the peer's remote one, and the other way round.",
                 ""}};
    case f::id_mismatch:
        return {{"Check the IKE identities: the firewall's Local and Peer Identification (IKE gateway, Advanced "
                 "Options) against the peer's own ID and the ID it expects.",
                 ""}};
    case f::ike_version_mismatch:
        return {{"Use the same IKE version on both sides (IKE gateway, Version).",
                 tunnel && !tunnel->ike.version.empty()
                     ? gateway + " protocol version " + std::string(model::to_string(tunnel->ike.version.front()))
                     : ""}};
    case f::exchange_mode_mismatch:
        return {{"Use the same IKEv1 exchange mode (main or aggressive) on both sides.",
                 tunnel && !tunnel->ike.exchange_mode.empty()
                     ? gateway + " protocol ikev1 exchange-mode " +
                           std::string(model::to_string(tunnel->ike.exchange_mode.front()))
                     : ""}};
    case f::dpd_down:
        return {{"The tunnel was up until dead peer detection lost the peer: check the path between the gateways.",
                 ping},
                {"Check that DPD is enabled with a compatible interval and retry count on both sides.", ""}};
    }
    return {};
}

std::vector<std::string> pan_commands(const diff::mismatch& m, const model::tunnel_expectation* tunnel,
                                      const model::negotiation& n) {
    if ((m.side != diff::side::local && m.side != diff::side::both) || m.expected.empty()) {
        return {};
    }
    const std::string ike_profile =
        "set network ike crypto-profiles ike-crypto-profiles " +
        name_or(tunnel ? tunnel->ike.crypto_profile : std::nullopt, std::nullopt, "<ike-crypto-profile>");
    const std::string ipsec_profile =
        "set network ike crypto-profiles ipsec-crypto-profiles " +
        name_or(tunnel ? tunnel->ipsec.crypto_profile : std::nullopt, std::nullopt, "<ipsec-crypto-profile>");
    const std::string gateway = "set network ike gateway " + gateway_name(tunnel, n);
    const std::string& a = m.attribute;
    const auto seconds = [&] { return std::get_if<std::uint64_t>(&m.expected.front()); };

    if (m.phase == 1) {
        if (a == "encryption") return {ike_profile + " encryption " + members(m.expected)};
        if (a == "hash") return {ike_profile + " hash " + members(m.expected)};
        if (a == "dh_group") return {ike_profile + " dh-group " + members(m.expected)};
        if (a == "lifetime" && seconds()) return {ike_profile + " lifetime " + lifetime(*seconds())};
        if (a == "exchange_mode") return {gateway + " protocol ikev1 exchange-mode " + text_of(m.expected.front())};
        if (a == "auth_method" && text_of(m.expected.front()) == "pre-shared-key") {
            return {gateway + " authentication pre-shared-key key <pre-shared-key>"};
        }
        return {};
    }
    const bool ah = tunnel && !tunnel->ipsec.protocol.empty() && tunnel->ipsec.protocol.front() == model::ipsec_protocol::ah;
    if (a == "encryption" && !ah) return {ipsec_profile + " esp encryption " + members(m.expected)};
    if (a == "authentication") return {ipsec_profile + (ah ? " ah" : " esp") + " authentication " + members(m.expected)};
    if (a == "dh_group") return {ipsec_profile + " dh-group " + text_of(m.expected.front())};
    if (a == "lifetime" && seconds()) return {ipsec_profile + " lifetime " + lifetime(*seconds())};
    if (a == "proxy_id") {
        // `local remote protocol` as the sheet lists it; PAN-OS names each proxy ID.
        std::vector<std::string> out;
        const std::string tunnel_name = name_or(std::nullopt, n.ipsec_tunnel, "<ipsec-tunnel>");
        std::size_t i = 0;
        for (const auto& v : m.expected) {
            std::istringstream words(text_of(v));
            std::string local, remote, protocol;
            words >> local >> remote >> protocol;
            if (protocol != "any") {
                return {}; // a protocol with ports: not one command
            }
            out.push_back("set network tunnel ipsec " + tunnel_name + " auto-key proxy-id proxy-id-" +
                          std::to_string(++i) + " local " + local + " remote " + remote + " protocol any");
        }
        return out;
    }
    return {};
}

} // namespace ikediff::cli
