#include "diff/ike/compare.hpp"

#include "model/address.hpp"
#include "model/names.hpp"

#include <algorithm>
#include <array>

namespace ikediff::diff {

namespace {

using model::phase1_parameter;
using model::phase2_parameter;
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

/// One parameter of one compared pair, with what the sheet expects of it.
struct parameter_view {
    std::uint32_t phase = 1;
    std::string_view name;
    std::optional<value> local;
    std::optional<value> peer;
    std::vector<value> expected; ///< empty: the sheet is silent
};

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

std::vector<value> expected(const model::ipsec_expectation& ipsec, phase2_parameter p) {
    switch (p) {
    case phase2_parameter::protocol: return names(ipsec.protocol);
    case phase2_parameter::encryption: return names(ipsec.encryption);
    case phase2_parameter::authentication: return names(ipsec.authentication);
    case phase2_parameter::dh_group: return names(ipsec.dh_group);
    case phase2_parameter::lifetime: return numbers(ipsec.lifetime);
    case phase2_parameter::encapsulation: return names(ipsec.encapsulation);
    }
    return {};
}

std::vector<parameter_view> views(const model::proposal_pair& pair, const model::tunnel_expectation* tunnel) {
    std::vector<parameter_view> out;
    out.reserve(std::size(model::k_phase1_parameters));
    for (phase1_parameter p : model::k_phase1_parameters) {
        out.push_back({1, model::to_string(p), pair.local.get(p), pair.peer.get(p),
                       tunnel ? expected(tunnel->ike, p) : std::vector<value>{}});
    }
    return out;
}

std::vector<parameter_view> views(const model::phase2_pair& pair, const model::tunnel_expectation* tunnel) {
    std::vector<parameter_view> out;
    out.reserve(std::size(model::k_phase2_parameters));
    for (phase2_parameter p : model::k_phase2_parameters) {
        out.push_back({2, model::to_string(p), pair.local.get(p), pair.peer.get(p),
                       tunnel ? expected(tunnel->ipsec, p) : std::vector<value>{}});
    }
    return out;
}

bool allowed(const parameter_view& v, const value& observed) {
    return std::any_of(v.expected.begin(), v.expected.end(), [&](const value& e) {
        if (v.name == "encryption") {
            const auto enc = model::canonical_value<model::encryption>(std::get<std::string>(e));
            return enc && model::encryption_allows(*enc, std::get<std::string>(observed));
        }
        return e == observed;
    });
}

/// Which side one parameter deviates on, against the sheet (`side::neither`: the sheet
/// allows both values but they differ; `side::unknown`: no sheet, and they differ); nullopt
/// when nothing deviates. Builds nothing: most parameters of most pairs agree.
std::optional<side> deviation(const parameter_view& v) {
    if (v.expected.empty()) {
        if (v.local && v.peer && *v.local != *v.peer) {
            return side::unknown;
        }
        return std::nullopt;
    }
    const bool local_ok = !v.local || allowed(v, *v.local);
    const bool peer_ok = !v.peer || allowed(v, *v.peer);
    if (!local_ok && !peer_ok) {
        return side::both;
    }
    if (!local_ok) {
        return side::local;
    }
    if (!peer_ok) {
        return side::peer;
    }
    if (v.local && v.peer && *v.local != *v.peer) {
        return side::neither;
    }
    return std::nullopt;
}

/// One parameter against the sheet; nullopt when nothing deviates.
std::optional<mismatch> judge(const parameter_view& v) {
    const std::optional<side> s = deviation(v);
    if (!s) {
        return std::nullopt;
    }
    return mismatch{v.phase, std::string(v.name), v.expected, v.local, v.peer, *s, {}};
}

/// How badly a pair fits: sheet deviations first, then local/peer differences.
std::pair<std::size_t, std::size_t> misfit(const std::vector<parameter_view>& params, std::size_t rejected) {
    std::size_t deviations = 0;
    std::size_t differences = rejected;
    for (const auto& v : params) {
        if (const auto s = deviation(v)) {
            if (*s == side::both) {
                deviations += 2;
            } else if (*s == side::local || *s == side::peer) {
                deviations += 1;
            }
        }
        if (v.local && v.peer && *v.local != *v.peer) {
            ++differences;
        }
    }
    return {deviations, differences};
}

/// The pair the two sides agreed on if any, else the one the sheet (or, without one, the
/// fewest differences) says was meant.
template <class Pair>
std::optional<std::size_t> choose(const std::vector<Pair>& pairs, const model::tunnel_expectation* tunnel,
                                  auto accepted, auto rejected_count) {
    if (pairs.empty()) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (accepted(pairs[i])) {
            return i;
        }
    }
    if (pairs.size() == 1) {
        return 0; // nothing to weigh it against (most negotiations: the views cost as much as the rest)
    }
    std::size_t best = 0;
    auto best_fit = misfit(views(pairs[0], tunnel), rejected_count(pairs[0]));
    for (std::size_t i = 1; i < pairs.size(); ++i) {
        const auto fit = misfit(views(pairs[i], tunnel), rejected_count(pairs[i]));
        if (fit < best_fit) {
            best = i;
            best_fit = fit;
        }
    }
    return best;
}

/// Whether a logged attribute line shows (part of) a parameter's value.
bool shows(model::phase1_attribute a, std::string_view parameter) {
    using model::phase1_attribute;
    switch (a) {
    case phase1_attribute::cipher:
    case phase1_attribute::key_length: return parameter == "encryption";
    case phase1_attribute::hash: return parameter == "hash";
    case phase1_attribute::dh_group: return parameter == "dh_group";
    case phase1_attribute::auth_method: return parameter == "auth_method";
    case phase1_attribute::lifetime: return parameter == "lifetime";
    case phase1_attribute::lifebytes: return parameter == "lifebytes";
    case phase1_attribute::version: return false;
    }
    return false;
}

bool shows(model::phase2_attribute a, std::string_view parameter) {
    using model::phase2_attribute;
    switch (a) {
    case phase2_attribute::protocol: return parameter == "protocol";
    case phase2_attribute::encapsulation: return parameter == "encapsulation";
    case phase2_attribute::cipher:
    case phase2_attribute::key_length: return parameter == "encryption";
    case phase2_attribute::authentication: return parameter == "authentication";
    case phase2_attribute::pfs_group: return parameter == "dh_group";
    case phase2_attribute::lifetime: return parameter == "lifetime";
    }
    return false;
}

/// Mismatches of a compared pair, each with the lines that show its two values (the whole
/// bundle when no line names the attribute alone).
template <class Pair>
void add_mismatches(std::vector<mismatch>& out, const Pair& pair, const model::tunnel_expectation* tunnel) {
    for (const parameter_view& v : views(pair, tunnel)) {
        auto m = judge(v);
        if (!m) {
            continue;
        }
        for (const auto& line : pair.lines) {
            if (line.attribute && shows(*line.attribute, v.name)) {
                m->evidence.push_back(line.where);
            }
        }
        if (m->evidence.empty()) {
            for (const auto& line : pair.lines) {
                m->evidence.push_back(line.where);
            }
        }
        out.push_back(std::move(*m));
    }
}

/// The checklist lines of a compared pair: every parameter the sheet states.
template <class Pair>
void add_checks(std::vector<parameter_check>& out, const Pair& pair, const model::tunnel_expectation& tunnel) {
    for (const parameter_view& v : views(pair, &tunnel)) {
        if (v.expected.empty()) {
            continue;
        }
        parameter_check c{v.phase, std::string(v.name), v.expected, v.local, v.peer,
                          parameter_check::verdict::agrees, side::neither};
        if (!v.local && !v.peer) {
            c.result = parameter_check::verdict::not_logged;
        } else if (const auto s = deviation(v); s && *s != side::neither) {
            c.result = parameter_check::verdict::deviates;
            c.side = *s;
        }
        out.push_back(std::move(c));
    }
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

std::string proxy_id_text(const std::string& local, const std::string& remote, const std::string& protocol) {
    return local + " " + remote + " " + (protocol.empty() ? "any" : protocol);
}

/// Traffic selectors against the sheet's `proxy_ids`. The logged selectors are the
/// proposer's: the peer's when the firewall responds, the firewall's when it initiates. A
/// proposal the sheet lists was refused by the other side, whose proxy ID is then the wrong one.
void add_proxy_id_mismatches(std::vector<mismatch>& out, const model::negotiation& n,
                             const model::tunnel_expectation* tunnel) {
    const bool pan_proposed = n.role == model::role::initiator;
    std::vector<std::string> seen;
    for (const auto& p : n.proxy_ids) {
        const std::string text = proxy_id_text(p.local, p.remote, p.protocol);
        if (std::find(seen.begin(), seen.end(), text) != seen.end()) {
            continue;
        }
        seen.push_back(text);
        mismatch m{2, "proxy_id", {}, std::nullopt, std::nullopt, side::unknown, {p.where}};
        (pan_proposed ? m.local : m.peer) = value{text};
        if (tunnel && !tunnel->ipsec.proxy_ids.empty()) {
            bool listed = false;
            for (const auto& want : tunnel->ipsec.proxy_ids) {
                m.expected.emplace_back(proxy_id_text(want.local, want.remote, want.protocol));
                const bool any_protocol = p.protocol.empty() || p.protocol == "any" || want.protocol == "any";
                listed = listed || (want.local == p.local && want.remote == p.remote &&
                                    (any_protocol || want.protocol == p.protocol));
            }
            m.side = listed == pan_proposed ? side::peer : side::local;
        } else if (n.failure != model::failure_class::proxy_id_mismatch) {
            continue; // no sheet to judge by and nothing failed: not worth a line
        }
        out.push_back(std::move(m));
    }
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
    if (!since && !until) {
        return true;
    }
    // Compare like with like: instants when both the bound and the log have a zone,
    // otherwise wall-clock times.
    const bool log_zoned = n.started->offset_minutes.has_value();
    const std::int64_t log_wall = n.started->epoch_ms + std::int64_t{n.started->offset_minutes.value_or(0)} * 60000;
    auto before = [&](const bound& b) {
        if (b.wall_clock) {
            return log_wall < b.ms;
        }
        return log_zoned ? n.started->epoch_ms < b.ms : log_wall < b.ms + std::int64_t{b.offset_minutes} * 60000;
    };
    auto after = [&](const bound& b) {
        if (b.wall_clock) {
            return log_wall > b.ms;
        }
        return log_zoned ? n.started->epoch_ms > b.ms : log_wall > b.ms + std::int64_t{b.offset_minutes} * 60000;
    };
    if (since && before(*since)) {
        return false;
    }
    if (until && after(*until)) {
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

analyser::analyser(const model::sheet* sheet, filter keep)
    : m_sheet(sheet), m_keep(std::move(keep)), m_seen(sheet ? sheet->tunnels.size() : 0, false) {}

std::optional<negotiation_report> analyser::add(model::negotiation n) {
    negotiation_report r;
    r.tunnel = m_sheet ? match_tunnel(n, *m_sheet) : std::nullopt;
    const model::tunnel_expectation* tunnel = r.tunnel ? &m_sheet->tunnels[*r.tunnel] : nullptr;
    if (!m_keep.keeps(n, tunnel)) {
        ++m_filtered_out;
        return std::nullopt;
    }
    if (r.tunnel) {
        m_seen[*r.tunnel] = true;
    }
    r.chosen_pair = choose(n.pairs, tunnel, [](const model::proposal_pair& p) { return p.accepted; },
                           [](const model::proposal_pair& p) { return p.rejected.size(); });
    r.chosen_phase2_pair = choose(n.phase2_pairs, tunnel, [](const model::phase2_pair&) { return false; },
                                  [](const model::phase2_pair& p) { return p.mismatched.size(); });
    if (tunnel) {
        if (auto m = compare_exchange(n, *tunnel)) {
            r.mismatches.push_back(std::move(*m));
        }
    }
    if (r.chosen_pair) {
        add_mismatches(r.mismatches, n.pairs[*r.chosen_pair], tunnel);
    }
    if (r.chosen_phase2_pair) {
        add_mismatches(r.mismatches, n.phase2_pairs[*r.chosen_phase2_pair], tunnel);
    }
    add_proxy_id_mismatches(r.mismatches, n, tunnel);
    if (tunnel) {
        if (!tunnel->ike.exchange_mode.empty() && n.phase == 1) {
            parameter_check c{1, "exchange_mode", names(tunnel->ike.exchange_mode), std::nullopt, std::nullopt,
                              parameter_check::verdict::not_logged, side::neither};
            if (n.exchange == model::exchange::main || n.exchange == model::exchange::aggressive) {
                c.local = c.peer = value{std::string(model::to_string(*n.exchange))};
                const bool deviates = std::any_of(r.mismatches.begin(), r.mismatches.end(),
                                                  [](const mismatch& m) { return m.attribute == "exchange_mode"; });
                c.result = deviates ? parameter_check::verdict::deviates : parameter_check::verdict::agrees;
                c.side = deviates ? side::both : side::neither;
            }
            r.checks.push_back(std::move(c));
        }
        if (r.chosen_pair) {
            add_checks(r.checks, n.pairs[*r.chosen_pair], *tunnel);
        }
        if (r.chosen_phase2_pair) {
            add_checks(r.checks, n.phase2_pairs[*r.chosen_phase2_pair], *tunnel);
        }
    }
    r.negotiation = std::move(n);
    return r;
}

std::vector<std::size_t> analyser::tunnels_not_seen() const {
    // A tunnel that --peer or --gateway leaves out was not looked for: it is not "not seen".
    // A time window does not leave a tunnel out: not seen in the window is still not seen.
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < m_seen.size(); ++i) {
        const model::tunnel_expectation& t = m_sheet->tunnels[i];
        const bool other_peer =
            m_keep.peer && !(t.peer_address && model::same_address(*t.peer_address, *m_keep.peer));
        const bool other_gateway = m_keep.gateway && !(t.gateway && *t.gateway == *m_keep.gateway);
        if (!m_seen[i] && !other_peer && !other_gateway) {
            out.push_back(i);
        }
    }
    return out;
}

analysis analyse(std::vector<model::negotiation> negotiations, const model::sheet* sheet,
                 const filter& keep) {
    analyser a(sheet, keep);
    analysis out;
    for (auto& n : negotiations) {
        if (auto r = a.add(std::move(n))) {
            out.negotiations.push_back(std::move(*r));
        }
    }
    out.tunnels_not_seen = a.tunnels_not_seen();
    out.filtered_out = a.filtered_out();
    return out;
}

} // namespace ikediff::diff
