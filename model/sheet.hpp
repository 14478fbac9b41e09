#pragma once
// The intended parameter sheet (contract.md section 3) as plain values. Every enumerated
// key holds the list of acceptable values; an empty list means the sheet is silent. The
// sheet never holds a pre-shared key's value: only whether one was given.

#include "model/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ikediff::model {

/// `local_id` / `peer_id`: `none`, or a type and an identity.
struct ike_identity {
    std::string type; ///< `none` | ipaddr | fqdn | ufqdn | keyid | dn
    std::string id;
};

struct dpd_settings {
    std::optional<bool> enabled;
    std::optional<std::uint64_t> interval;
    std::optional<std::uint64_t> retry;
};

struct ike_expectation {
    std::vector<model::ike_version> version;
    std::optional<std::string> crypto_profile;
    std::vector<model::exchange_mode> exchange_mode;
    std::vector<model::auth_method> auth;
    std::vector<model::encryption> encryption;
    std::vector<hash_alg> hash;
    std::vector<model::dh_group> dh_group;
    std::vector<std::uint64_t> lifetime; ///< seconds
    std::optional<ike_identity> local_id;
    std::optional<ike_identity> peer_id;
    std::optional<dpd_settings> dpd;
};

struct proxy_id {
    std::string local;
    std::string remote;
    std::string protocol = "any";
};

struct ipsec_expectation {
    std::vector<ipsec_protocol> protocol;
    std::optional<std::string> crypto_profile;
    std::vector<model::encryption> encryption;
    std::vector<model::authentication> authentication;
    std::vector<model::dh_group> dh_group; ///< PFS group, or `no-pfs`
    std::vector<std::uint64_t> lifetime;   ///< seconds
    std::vector<model::encapsulation> encapsulation;
    std::vector<proxy_id> proxy_ids;
};

struct tunnel_expectation {
    std::string name;
    std::optional<std::string> gateway;
    std::optional<std::string> peer_vendor;
    std::optional<std::string> local_address;
    std::optional<std::string> peer_address; ///< an address, or `dynamic`
    ike_expectation ike;
    ipsec_expectation ipsec;
    bool has_psk = false; ///< a `psk`/`pre_shared_key` key was present (value discarded)
    std::uint64_t line = 0; ///< where the tunnel starts in the sheet (1-based)
};

struct sheet {
    std::string file; ///< as given on the command line
    std::vector<tunnel_expectation> tunnels;
    bool has_psk() const {
        for (const auto& t : tunnels) {
            if (t.has_psk) {
                return true;
            }
        }
        return false;
    }
};

} // namespace ikediff::model
