#pragma once
// The firewall's VPN configuration as plain values (contract.md section 9): what a PAN-OS
// `<config>` XML (running-config.xml, an export) says of its IKE gateways, IKE and IPsec
// crypto profiles and IPsec tunnels. Values are in the canonical vocabulary (contract.md
// section 5, model/vocabulary): a configured word the vocabulary does not know is kept as
// written, lowercased, so that a comparison shows it. A pre-shared key is never kept: only
// whether the gateway authenticates with one.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::model {

/// `network/ike/crypto-profiles/ike-crypto-profiles/entry`.
struct ike_crypto_profile {
    std::string name;
    std::vector<std::string> encryption;   ///< every member, in order: `aes-256-cbc`
    std::vector<std::string> hash;         ///< `sha256`
    std::vector<std::string> dh_group;     ///< `group20`
    std::optional<std::uint64_t> lifetime; ///< seconds (from seconds, minutes, hours or days)
};

/// `network/ike/crypto-profiles/ipsec-crypto-profiles/entry`.
struct ipsec_crypto_profile {
    std::string name;
    std::string protocol = "esp";            ///< `esp` | `ah`
    std::vector<std::string> encryption;     ///< esp only: `aes-256-cbc`, `null`
    std::vector<std::string> authentication; ///< `sha256`, `none`
    std::optional<std::string> dh_group;     ///< one value: `group14`, `no-pfs`
    std::optional<std::uint64_t> lifetime;   ///< seconds
    std::optional<std::uint64_t> lifesize;   ///< bytes (from kb, mb, gb or tb)
};

/// `local-id` / `peer-id`: a type (`ipaddr`, `fqdn`, `ufqdn`, `keyid`, `dn`) and the identity.
struct config_identity {
    std::string type;
    std::string id;
};

/// A gateway's dead peer detection for the version it uses.
struct config_dpd {
    bool enabled = false;
    std::optional<std::uint64_t> interval;
    std::optional<std::uint64_t> retry; ///< IKEv1 only
};

/// What one IKE version's settings of a gateway say (`protocol/ikev1`, `protocol/ikev2`).
struct gateway_protocol {
    std::optional<std::string> crypto_profile; ///< the IKE crypto profile's name
    std::optional<std::string> exchange_mode;  ///< ikev1: `auto` | `main` | `aggressive`
    std::optional<config_dpd> dpd;
};

/// `network/ike/gateway/entry`.
struct ike_gateway {
    std::string name;
    std::string version = "ikev1"; ///< `ikev1` | `ikev2` | `ikev2-preferred` (absent: ikev1)
    gateway_protocol ikev1;
    gateway_protocol ikev2;
    std::optional<std::string> local_interface; ///< `ethernet1/1`
    std::optional<std::string> local_ip;        ///< without its prefix length: `192.0.2.1`
    /// `peer-address`: kind `ip` (an address or an address object's name), `fqdn` or `dynamic`.
    std::string peer_kind = "ip";
    std::optional<std::string> peer_address; ///< none for `dynamic`
    std::optional<config_identity> local_id;
    std::optional<config_identity> peer_id;
    std::string auth_method = "pre-shared-key"; ///< `pre-shared-key` | `certificate`
    bool has_psk = false;                       ///< a key is configured (its value is never read)
    bool nat_traversal = false;
    bool passive = false;
    bool disabled = false;

    /// The settings of the version the gateway speaks first (`ikev2-preferred`: IKEv2).
    const gateway_protocol& active() const { return version == "ikev1" ? ikev1 : ikev2; }
};

/// `auto-key/proxy-id/entry`: `protocol` as the sheet writes it (`any`, `tcp`, `udp`, a number).
struct config_proxy_id {
    std::string name;
    std::string local;
    std::string remote;
    std::string protocol = "any";
};

/// `network/tunnel/ipsec/entry`.
struct ipsec_tunnel {
    std::string name;
    std::optional<std::string> gateway;        ///< `auto-key/ike-gateway/entry/@name` (the first)
    std::optional<std::string> crypto_profile; ///< `auto-key/ipsec-crypto-profile`
    std::vector<config_proxy_id> proxy_ids;    ///< IPv4 and IPv6 ones, in order
    std::optional<std::string> tunnel_interface;
    bool disabled = false;
};

/// One configuration file's VPN objects, from every device, vsys and template in it.
struct vpn_config {
    std::string file; ///< the input it was read from
    std::vector<ike_gateway> gateways;
    std::vector<ike_crypto_profile> ike_profiles;
    std::vector<ipsec_crypto_profile> ipsec_profiles;
    std::vector<ipsec_tunnel> tunnels;

    const ike_gateway* gateway(std::string_view name) const;
    /// The gateway whose peer address is `address` (an IP or FQDN, compared exactly).
    const ike_gateway* gateway_for_peer(std::string_view address) const;
    const ike_crypto_profile* ike_profile(std::string_view name) const;
    const ipsec_crypto_profile* ipsec_profile(std::string_view name) const;
    /// The first IPsec tunnel that uses gateway `name`.
    const ipsec_tunnel* tunnel_of_gateway(std::string_view name) const;
};

} // namespace ikediff::model
