#pragma once
// The sheet against the firewall's configuration (contract.md section 9): for every sheet
// tunnel, its IKE gateway (by the sheet's `gateway` name, else by its peer address), the
// gateway's IKE crypto profile for the version it speaks, its IPsec tunnel and that
// tunnel's IPsec crypto profile, one model::config_check per parameter the sheet states.
//
// What "ok" means: a single configured value (a gateway's version, exchange mode, peer
// address; an IPsec profile's DH group) must be one the sheet allows; a configured member
// list (a profile's encryption, hash, DH group, authentication) is ok when every member is
// allowed by the sheet, since PAN-OS may settle on any of them. `ikev2-preferred` is ok when
// the sheet allows ikev2, the exchange mode `auto` when it allows main (PAN-OS initiates in
// main mode). Proxy IDs are ok when the configured set is the sheet's set (order aside).
// A parameter the sheet is silent on is not checked; one the configuration lacks is
// `configured: null`, not ok.

#include "model/config_check.hpp"
#include "model/sheet.hpp"
#include "model/vpn_config.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::diff::config {

/// Where a sheet tunnel lives in the configuration: its gateway, the gateway's IKE crypto
/// profile, its IPsec tunnel and IPsec crypto profile (each null when not found).
struct placement {
    const model::ike_gateway* gateway = nullptr;
    const model::ike_crypto_profile* ike_profile = nullptr;
    const model::ipsec_tunnel* tunnel = nullptr;
    const model::ipsec_crypto_profile* ipsec_profile = nullptr;
};

/// `tunnel`'s place in `configs`: the gateway the sheet names, else the one whose peer
/// address is the sheet's (`dynamic`: the only dynamic-peer gateway, if there is one).
placement place(const model::tunnel_expectation& tunnel,
                std::span<const model::vpn_config> configs);

/// The gateway whose peer address is `address` in any of `configs`, with its place.
placement place_peer(std::string_view address, std::span<const model::vpn_config> configs);

/// Every check of every sheet tunnel, in sheet order.
std::vector<model::config_check> check(const model::sheet& sheet,
                                       std::span<const model::vpn_config> configs);

/// The checks of one sheet tunnel.
std::vector<model::config_check> check(const model::tunnel_expectation& tunnel,
                                       std::span<const model::vpn_config> configs);

/// Fills in what each sheet tunnel leaves out of its PAN-OS names from where `configs`
/// place it: the gateway, the IKE crypto profile and the IPsec crypto profile (for fix
/// commands: cli/report/advice/remedy). The sheet's gateway stays; the profiles are those the
/// gateway and its tunnel really use (a differing sheet name is a `crypto_profile` check).
void name_from_configuration(model::sheet& sheet, std::span<const model::vpn_config> configs);

} // namespace ikediff::diff::config
