#include "cli/remedy.hpp"

#include <sstream>

namespace ikediff::cli {

namespace {

std::string text_of(const model::value& v) {
    if (const auto* n = std::get_if<std::uint64_t>(&v)) {
        return std::to_string(*n);
    }
    return std::get<std::string>(v);
}

/// `sha512`, or `[ sha512 sha384 ]` for several acceptable values (PAN-OS tries them in order).
std::string members(const std::vector<model::value>& values) {
    if (values.size() == 1) {
        return text_of(values.front());
    }
    std::string out = "[";
    for (const auto& v : values) {
        out += ' ' + text_of(v);
    }
    return out + " ]";
}

/// A lifetime in seconds in the largest unit PAN-OS offers that divides it.
std::string lifetime(std::uint64_t seconds) {
    if (seconds % 86400 == 0) {
        return "days " + std::to_string(seconds / 86400);
    }
    if (seconds % 3600 == 0) {
        return "hours " + std::to_string(seconds / 3600);
    }
    if (seconds % 60 == 0) {
        return "minutes " + std::to_string(seconds / 60);
    }
    return "seconds " + std::to_string(seconds);
}

/// A name from the sheet, else from the log, else a placeholder.
std::string name_or(const std::optional<std::string>& sheet, const std::optional<std::string>& log,
                    const char* placeholder) {
    return sheet ? *sheet : log ? *log : placeholder;
}

} // namespace

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
    const std::string gateway =
        "set network ike gateway " + name_or(tunnel ? tunnel->gateway : std::nullopt, n.gateway, "<ike-gateway>");
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
