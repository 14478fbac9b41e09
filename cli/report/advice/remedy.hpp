#pragma once
// Remediation as commands: for a deviation on the firewall's side, the PAN-OS CLI
// (configure mode) that gives it the sheet's value, with the profile, gateway and tunnel
// names from the sheet or the log, or a `<placeholder>` where neither names one.

#include "diff/ike/compare.hpp"
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

/// A step of the troubleshooting guide for a failure: what to check (plain text; `ike` in
/// backticks is a name to type), and the command that checks or fixes it, if there is one.
struct guide_step {
    std::string text;
    std::string command;
};

/// The guide's steps for `n`'s failure class, in order (empty when it did not fail, or for
/// a class whose fix is the parameter list itself).
std::vector<guide_step> next_steps(const model::negotiation& n, const model::tunnel_expectation* tunnel);

} // namespace ikediff::cli
