#pragma once
// A parameter value in the peer's own words, for the vendors a sheet's `peer_vendor` names
// (strongSwan and libreswan proposal keywords, Cisco ASA/IOS, FortiGate, Juniper SRX, and the
// AWS, Azure and Google Cloud VPN names), so the fix for the peer's side reads as its
// administrator would type it.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ikediff::cli {

struct vendor_word {
    std::string_view vendor;         ///< `strongSwan`, `Cisco ASA`, ...
    std::optional<std::string> word; ///< nullopt: the vendor does not offer this value there
};

/// How `vendor` (a sheet `peer_vendor`) writes the canonical `value` of `attribute`
/// (`encryption`, `hash`, `authentication`, `dh_group`) in phase `phase`; nullopt for a
/// vendor or an attribute without a table (`other`, lifetimes).
std::optional<vendor_word> vendor_term(std::string_view vendor, std::uint32_t phase, std::string_view attribute,
                                       std::string_view value);

} // namespace ikediff::cli
