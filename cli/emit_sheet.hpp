#pragma once
// `--emit-sheet FILE`: the parameter sheet (contract.md section 3) that what the firewall was
// seen to use corresponds to, one tunnel per peer: a starting point for a new onboarding
// sheet. Only the firewall's (DB) side is written: the peer's values are what the sheet is
// there to judge. Fed one negotiation at a time, as the report writers are.
//
// Given the firewall's configuration, it writes one complete tunnel per configured IPsec
// tunnel instead (gateway, addresses, version, the crypto profiles' members, identities,
// DPD, proxy IDs; never a key), and then the peers seen in the logs that no configured
// gateway holds.

#include "diff/ike/compare.hpp"
#include "model/vpn_config.hpp"

#include <map>
#include <string>
#include <vector>

namespace ikediff::cli {

class sheet_emitter {
public:
    void add(const diff::negotiation_report& nr);
    /// Every IPsec tunnel of `config`, each with its gateway and profiles.
    void add(const model::vpn_config& config);
    /// The sheet as YAML; `source` names what it was read from, in its header comment.
    std::string yaml(const std::string& source) const;

private:
    /// What one peer's negotiations showed of the firewall's side, values in order seen.
    struct observed {
        std::string peer;
        std::vector<std::string> gateway, local_address, version, exchange_mode;
        std::map<std::string, std::vector<std::string>> ike, ipsec; ///< by sheet key
        std::vector<std::string> proxy_ids;                          ///< `{local: .., remote: .., protocol: ..}`
        std::size_t negotiations = 0, established = 0;
    };
    std::vector<observed> m_peers; ///< in order of first appearance
    std::vector<std::string> m_configured;         ///< a YAML sheet tunnel per configured IPsec tunnel
    std::vector<std::string> m_configured_peers;   ///< the peer addresses of those tunnels' gateways
    std::vector<std::string> m_configurations;     ///< the files they come from
};

} // namespace ikediff::cli
