#pragma once
// One check of a sheet tunnel against the firewall's configuration (contract.md section 9):
// a configuration reader and its analysis produce them, before any log line; the report
// writers list them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ikediff::model {

struct config_check {
    std::string tunnel;  ///< the sheet's tunnel name
    std::string gateway; ///< the configuration's IKE gateway, empty when none was found
    std::optional<std::uint32_t> phase; ///< 1 or 2 where the attribute exists in both
    /// The sheet's own key: `hash`, `dh_group`, `gateway`, `proxy_id`, ...
    std::string attribute;
    std::optional<std::string> expected;   ///< as the sheet says, in the canonical vocabulary
    std::optional<std::string> configured; ///< none: the configuration has no such thing
    bool ok = false;
    /// When not ok: the PAN-OS commands (configure mode) that give the configuration the
    /// sheet's value, naming the real gateway, profile and tunnel (never a key: a
    /// `<pre-shared-key>` placeholder stands for it); empty when no command does it alone.
    std::vector<std::string> fix;
    friend bool operator==(const config_check&, const config_check&) = default;
};

} // namespace ikediff::model
