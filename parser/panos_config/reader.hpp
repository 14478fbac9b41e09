#pragma once
// A PAN-OS configuration (`<config>` XML: running-config.xml from a tech-support file, or
// an export) read with pugixml into model::vpn_config (contract.md section 9). Element
// paths as Palo Alto's own schema (pan-os-codegen specs/network/ike-gateway.yaml,
// specs/network/tunnels/ipsec.yaml, specs/objects/profiles/ike-crypto-profile.yaml,
// ipsec-crypto-profile.yaml) and its day-1 template (iron-skillet) write them; every
// `network` element holding `ike` or `tunnel` is read: a firewall's
// `devices/entry/network`, and a Panorama template's
// `devices/entry/template/entry/config/devices/entry/network`.
//
// The pre-shared key (`authentication/pre-shared-key/key`, `-AQ==...`) is never read: only
// its presence is kept.

#include "model/result.hpp"
#include "model/vpn_config.hpp"

#include <string>
#include <string_view>

namespace ikediff::parser::panos_config {

/// Whether `head` (an input's first bytes) is a PAN-OS configuration: its root element is
/// `<config` (`<config version="10.1.0" urldb="paloaltonetworks">`), after an optional BOM,
/// blanks, `<?xml ...?>` declaration and comments.
bool is_configuration(std::string_view head);

/// Reads the whole document `xml`, from the input named `name`. Errors (stable codes
/// `config-bad-xml`, `config-not-panos`, `config-bad-value`) carry `name:line:col`, the
/// line and column (1-based, in bytes) of where pugixml stopped or of the element at fault.
model::result<model::vpn_config> read_configuration(std::string_view xml, const std::string& name);

/// `line` and `column` (1-based; a column counts bytes) of byte `offset` in `text`.
struct text_position {
    std::uint64_t line = 1;
    std::uint64_t column = 1;
};
text_position position_of(std::string_view text, std::size_t offset);

} // namespace ikediff::parser::panos_config
