#pragma once
// Remediation as commands: for a deviation on the firewall's side, the PAN-OS CLI
// (configure mode) that gives it the sheet's value, with the profile, gateway and tunnel
// names from the sheet or the log, or a `<placeholder>` where neither names one.

#include "diff/compare.hpp"
#include "model/negotiation.hpp"
#include "model/sheet.hpp"

#include <string>
#include <vector>

namespace ikediff::cli {

/// The `set ...` commands that fix mismatch `m` on the firewall (empty when the firewall is
/// not the side to change, or when no single command does it: an IPsec protocol switch, an
/// encapsulation mode PAN-OS does not offer, a proxy ID with ports). A pre-shared key is never
/// written: `<pre-shared-key>` stands for it.
std::vector<std::string> pan_commands(const diff::mismatch& m, const model::tunnel_expectation* tunnel,
                                      const model::negotiation& n);

} // namespace ikediff::cli
