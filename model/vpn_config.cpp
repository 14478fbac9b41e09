#include "model/vpn_config.hpp"

#include <algorithm>
#include <string_view>

namespace ikediff::model {

namespace {

template <class T>
const T* named(const std::vector<T>& items, std::string_view name) {
    const auto it =
        std::find_if(items.begin(), items.end(), [&](const T& i) { return i.name == name; });
    return it == items.end() ? nullptr : &*it;
}

} // namespace

const ike_gateway* vpn_config::gateway(std::string_view name) const {
    return named(gateways, name);
}

const ike_gateway* vpn_config::gateway_for_peer(std::string_view address) const {
    const auto it = std::find_if(gateways.begin(), gateways.end(), [&](const ike_gateway& g) {
        return g.peer_address && *g.peer_address == address;
    });
    return it == gateways.end() ? nullptr : &*it;
}

const ike_crypto_profile* vpn_config::ike_profile(std::string_view name) const {
    return named(ike_profiles, name);
}

const ipsec_crypto_profile* vpn_config::ipsec_profile(std::string_view name) const {
    return named(ipsec_profiles, name);
}

const ipsec_tunnel* vpn_config::tunnel_of_gateway(std::string_view name) const {
    const auto it = std::find_if(tunnels.begin(), tunnels.end(), [&](const ipsec_tunnel& t) {
        return t.gateway && *t.gateway == name;
    });
    return it == tunnels.end() ? nullptr : &*it;
}

} // namespace ikediff::model
