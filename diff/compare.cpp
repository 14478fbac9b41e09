#include "diff/compare.hpp"

#include "model/address.hpp"
#include "model/names.hpp"

#include <algorithm>
#include <array>

namespace ikediff::diff {

namespace {

using model::phase1_parameter;
using model::value;

std::vector<value> names(const auto& values) {
    std::vector<value> out;
    for (const auto& v : values) {
        out.emplace_back(std::string(model::to_string(v)));
    }
    return out;
}

std::vector<value> numbers(const std::vector<std::uint64_t>& values) {
    return {values.begin(), values.end()};
}

/// What the sheet expects for a phase 1 parameter; empty when it is silent.
std::vector<value> expected(const model::ike_expectation& ike, phase1_parameter p) {
    switch (p) {
    case phase1_parameter::encryption: return names(ike.encryption);
    case phase1_parameter::hash: return names(ike.hash);
    case phase1_parameter::dh_group: return names(ike.dh_group);
    case phase1_parameter::auth_method: return names(ike.auth);
    case phase1_parameter::lifetime: return numbers(ike.lifetime);
    case phase1_parameter::lifebytes: return {};
    }
    return {};
}

bool allowed(phase1_parameter p, const std::vector<value>& expect, const value& v) {
    return std::any_of(expect.begin(), expect.end(), [&](const value& e) {
        if (p == phase1_parameter::encryption) {
            const auto enc = model::canonical_value<model::encryption>(std::get<std::string>(e));
            return enc && model::encryption_allows(*enc, std::get<std::string>(v));
        }
        return e == v;
    });
}

/// One parameter of a compared pair against the sheet; nullopt when nothing deviates.
std::optional<mismatch> compare(phase1_parameter p, const model::proposal_pair& pair,
                                const model::tunnel_expectation* tunnel) {
    const auto local = pair.local.get(p);
    const auto peer = pair.peer.get(p);
    const std::vector<value> expect = tunnel ? expected(tunnel->ike, p) : std::vector<value>{};
    mismatch m{1, std::string(model::to_string(p)), expect, local, peer, side::unknown, {}};
    if (expect.empty()) {
        if (local && peer && *local != *peer) {
            return m;
        }
        return std::nullopt;
    }
    const bool local_ok = !local || allowed(p, expect, *local);
    const bool peer_ok = !peer || allowed(p, expect, *peer);
    if (!local_ok && !peer_ok) {
        m.side = side::both;
    } else if (!local_ok) {
        m.side = side::local;
    } else if (!peer_ok) {
        m.side = side::peer;
    } else if (local && peer && *local != *peer) {
        m.side = side::neither;
    } else {
        return std::nullopt;
    }
    return m;
}

/// How badly a pair fits: sheet deviations first, then local/peer differences.
std::pair<std::size_t, std::size_t> misfit(const model::proposal_pair& pair,
                                           const model::tunnel_expectation* tunnel) {
    std::size_t deviations = 0;
    std::size_t differences = 0;
    for (phase1_parameter p : model::k_phase1_parameters) {
        if (auto m = compare(p, pair, tunnel)) {
            if (m->side == side::both) {
                deviations += 2;
            } else if (m->side == side::local || m->side == side::peer) {
                deviations += 1;
            }
        }
        const auto local = pair.local.get(p);
        const auto peer = pair.peer.get(p);
        if (local && peer && *local != *peer) {
            ++differences;
        }
    }
    return {deviations, differences + pair.rejected.size()};
}

std::optional<std::size_t> choose_pair(const model::negotiation& n, const model::tunnel_expectation* tunnel) {
    if (n.pairs.empty()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < n.pairs.size(); ++i) {
        if (n.pairs[i].accepted) {
            return i; // what the two sides actually agreed on
        }
    }
    std::size_t best = 0;
    auto best_fit = misfit(n.pairs[0], tunnel);
    for (std::size_t i = 1; i < n.pairs.size(); ++i) {
        const auto fit = misfit(n.pairs[i], tunnel);
        if (fit < best_fit) {
            best = i;
            best_fit = fit;
        }
    }
    return best;
}

/// The exchange that ran is what both sides used, so a deviation is on both sides.
std::optional<mismatch> compare_exchange(const model::negotiation& n, const model::tunnel_expectation& t) {
    if (!n.exchange || t.ike.exchange_mode.empty()) {
        return std::nullopt;
    }
    std::optional<model::exchange_mode> mode;
    if (*n.exchange == model::exchange::main) {
        mode = model::exchange_mode::main;
    } else if (*n.exchange == model::exchange::aggressive) {
        mode = model::exchange_mode::aggressive;
    }
    if (!mode || std::find(t.ike.exchange_mode.begin(), t.ike.exchange_mode.end(), *mode) != t.ike.exchange_mode.end()) {
        return std::nullopt;
    }
    const value seen{std::string(model::to_string(*mode))};
    return mismatch{1, "exchange_mode", names(t.ike.exchange_mode), seen, seen, side::both, {}};
}

/// Whether a logged attribute line shows (part of) a parameter's value.
bool shows(model::phase1_attribute a, phase1_parameter p) {
    using model::phase1_attribute;
    switch (p) {
    case phase1_parameter::encryption: return a == phase1_attribute::enctype || a == phase1_attribute::encklen;
    case phase1_parameter::hash: return a == phase1_attribute::hashtype;
    case phase1_parameter::dh_group: return a == phase1_attribute::dh_group;
    case phase1_parameter::auth_method: return a == phase1_attribute::authmethod;
    case phase1_parameter::lifetime: return a == phase1_attribute::lifetime;
    case phase1_parameter::lifebytes: return a == phase1_attribute::lifebyte;
    }
    return false;
}

} // namespace

std::string_view to_string(side s) {
    static constexpr std::array<std::string_view, 5> words{"local", "peer", "both", "neither", "unknown"};
    return model::name_in(words, s);
}

bool filter::keeps(const model::negotiation& n, const model::tunnel_expectation* tunnel) const {
    if (peer && (!n.peer || !model::same_address(n.peer->address, *peer))) {
        return false;
    }
    if (gateway) {
        const bool logged = n.gateway && *n.gateway == *gateway;
        const bool from_sheet = !n.gateway && tunnel && tunnel->gateway && *tunnel->gateway == *gateway;
        if (!logged && !from_sheet) {
            return false;
        }
    }
    if ((since || until) && !n.started) {
        return false;
    }
    auto at = [&](const bound& b) {
        return b.wall_clock ? n.started->epoch_ms + std::int64_t{n.started->offset_minutes.value_or(0)} * 60000
                            : n.started->epoch_ms;
    };
    if (since && at(*since) < since->ms) {
        return false;
    }
    if (until && at(*until) > until->ms) {
        return false;
    }
    return true;
}

std::optional<std::size_t> match_tunnel(const model::negotiation& n, const model::sheet& sheet) {
    // Each tunnel that can be the negotiation's scores how specifically it names it: the
    // peer address (a different one rules the tunnel out unless the gateway names it), then
    // the gateway, then the local address
    // (which only breaks ties: behind NAT the logged local address is not the sheet's).
    std::optional<std::size_t> best;
    int best_score = 0;
    for (std::size_t i = 0; i < sheet.tunnels.size(); ++i) {
        const model::tunnel_expectation& t = sheet.tunnels[i];
        const bool dynamic = t.peer_address && *t.peer_address == "dynamic";
        const bool peer_named = t.peer_address && !dynamic && n.peer;
        const bool peer_ok = peer_named && model::same_address(*t.peer_address, n.peer->address);
        const bool gateway_named = t.gateway && n.gateway;
        const bool gateway_ok = gateway_named && *t.gateway == *n.gateway;
        // contract.md section 3: the tunnel whose peer_address (or gateway) it names.
        if ((gateway_named && !gateway_ok) || (peer_named && !peer_ok && !gateway_ok)) {
            continue;
        }
        int score = (peer_ok ? 8 : 0) + (gateway_ok ? 4 : 0) + (dynamic ? 1 : 0);
        if (t.local_address && n.local && model::same_address(*t.local_address, n.local->address)) {
            score += 2;
        }
        if (score > best_score) {
            best = i;
            best_score = score;
        }
    }
    if (best) {
        return best;
    }
    // One tunnel that names no peer, or a negotiation whose peer the log never named.
    if (sheet.tunnels.size() == 1 && (!sheet.tunnels[0].peer_address || !n.peer)) {
        return 0;
    }
    return std::nullopt;
}

analysis analyse(std::vector<model::negotiation> negotiations, const model::sheet* sheet,
                 const filter& keep) {
    analysis out;
    std::vector<bool> seen(sheet ? sheet->tunnels.size() : 0, false);
    for (auto& n : negotiations) {
        negotiation_report r;
        r.tunnel = sheet ? match_tunnel(n, *sheet) : std::nullopt;
        const model::tunnel_expectation* tunnel = r.tunnel ? &sheet->tunnels[*r.tunnel] : nullptr;
        if (!keep.keeps(n, tunnel)) {
            ++out.filtered_out;
            continue;
        }
        if (r.tunnel) {
            seen[*r.tunnel] = true;
        }
        r.chosen_pair = choose_pair(n, tunnel);
        if (tunnel) {
            if (auto m = compare_exchange(n, *tunnel)) {
                r.mismatches.push_back(std::move(*m));
            }
        }
        if (r.chosen_pair) {
            const auto& pair = n.pairs[*r.chosen_pair];
            for (phase1_parameter p : model::k_phase1_parameters) {
                if (auto m = compare(p, pair, tunnel)) {
                    for (const auto& line : pair.lines) {
                        if (line.attribute && shows(*line.attribute, p)) {
                            m->evidence.push_back(line.where);
                        }
                    }
                    r.mismatches.push_back(std::move(*m));
                }
            }
        }
        r.negotiation = std::move(n);
        out.negotiations.push_back(std::move(r));
    }
    // A tunnel that --peer or --gateway leaves out was not looked for: it is not "not seen".
    // A time window does not leave a tunnel out: not seen in the window is still not seen.
    for (std::size_t i = 0; i < seen.size(); ++i) {
        const model::tunnel_expectation& t = sheet->tunnels[i];
        const bool other_peer =
            keep.peer && !(t.peer_address && model::same_address(*t.peer_address, *keep.peer));
        const bool other_gateway = keep.gateway && !(t.gateway && *t.gateway == *keep.gateway);
        if (!seen[i] && !other_peer && !other_gateway) {
            out.tunnels_not_seen.push_back(i);
        }
    }
    return out;
}

} // namespace ikediff::diff
