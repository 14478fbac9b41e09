// Assembles one negotiation from its lines (assemble.hpp): what each kind of line adds to
// it, when a line begins the next negotiation instead, and what is done once it is final
// (rejections matched to pairs, lines in log order).

#include "diff/ike/assemble.hpp"

#include "diff/ike/classify.hpp"
#include "model/text.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <variant>

namespace ikediff::diff {

namespace {

using model::phase1_attribute;

/// The name a rejected attribute's value normalises to, for matching against a pair.
std::string attribute_name(const model::phase1_proposal& p, phase1_attribute a) {
    switch (a) {
    case phase1_attribute::cipher: return p.cipher_family.present() ? p.cipher_family.name() : "";
    case phase1_attribute::hash: return p.hash.present() ? p.hash.name() : "";
    case phase1_attribute::auth_method: return p.auth.present() ? p.auth.name() : "";
    case phase1_attribute::dh_group: return p.group.present() ? p.group.name() : "";
    default: return "";
    }
}

std::string logged_name(phase1_attribute a, const std::string& text) {
    model::phase1_proposal p;
    p.set_logged(a, text);
    return attribute_name(p, a);
}

/// The attributes a `rejected` line reports (racoon's print_ph1mismatched).
constexpr phase1_attribute k_rejectable[] = {phase1_attribute::cipher, phase1_attribute::auth_method,
                                             phase1_attribute::hash, phase1_attribute::dh_group};

/// Whether compared pair `p` is the one a group of rejections (one DB x Peer pair) describes.
bool consistent(const model::proposal_pair& p, const std::vector<const model::rejected_event*>& group) {
    for (phase1_attribute a : k_rejectable) {
        const auto it = std::find_if(group.begin(), group.end(),
                                     [&](const auto* r) { return r->attribute == a; });
        const std::string local = attribute_name(p.local, a);
        const std::string peer = attribute_name(p.peer, a);
        if (it != group.end()) {
            if (local != logged_name(a, (*it)->local) || peer != logged_name(a, (*it)->peer)) {
                return false;
            }
        } else if (!local.empty() && !peer.empty() && local != peer) {
            return false; // a differing attribute would have had its own rejected line
        }
    }
    return true;
}

bool has_attribute(const model::proposal_pair& pair, phase1_attribute a) {
    return std::any_of(pair.lines.begin(), pair.lines.end(),
                       [&](const model::proposal_pair::line& l) { return l.attribute == a; });
}

/// A line of a proposal comparison: after an outcome, such a line is a retry.
bool is_comparison(const model::log_event& e) {
    if (std::holds_alternative<model::compared_event>(e.what) ||
        std::holds_alternative<model::rejected_event>(e.what)) {
        return true;
    }
    return e.code == model::event_code::compared_begin || e.code == model::event_code::begin_compare_proposals;
}

/// Whether the line decides an outcome (a row of the rule table with one).
bool is_decisive(const model::log_event& e) {
    const rule* r = e.code ? rule_for(*e.code) : nullptr;
    return r != nullptr && r->outcome != model::outcome::unknown;
}

/// What a quick-mode comparison line adds: the bundles each side offers, a mismatch named.
void apply_phase2(assembly& a, const model::log_event& event) {
    model::negotiation& n = a.n;
    const auto open = [&]() -> model::phase2_pair& {
        if (!a.open_p2) {
            n.phase2_pairs.emplace_back();
            a.open_p2 = n.phase2_pairs.size() - 1;
        }
        return n.phase2_pairs[*a.open_p2];
    };
    if (const auto* header = std::get_if<model::bundle_header_event>(&event.what)) {
        // The peer's bundle comes first, then the firewall's own: a peer header opens the
        // next pair.
        if (header->side == model::p2_side::peer) {
            a.open_p2.reset();
        }
        a.p2_side = header->side;
        open().lines.push_back({std::nullopt, event.where});
    } else if (const auto* values = std::get_if<model::bundle_values_event>(&event.what)) {
        model::phase2_pair& pair = open();
        model::phase2_proposal& side = a.p2_side == model::p2_side::mine ? pair.local : pair.peer;
        for (const auto& [attribute, text] : values->values) {
            side.set_logged(attribute, text);
        }
        pair.lines.push_back({std::nullopt, event.where});
    } else if (const auto* m = std::get_if<model::phase2_mismatch_event>(&event.what)) {
        model::phase2_pair& pair = open();
        pair.local.set_logged(m->attribute, m->mine);
        pair.peer.set_logged(m->attribute, m->peer);
        pair.mismatched.push_back(m->attribute);
        pair.lines.push_back({m->attribute, event.where});
    } else if (const auto* sys = model::system_entry(event.what); sys && sys->mismatch) {
        model::phase2_pair& pair = open();
        pair.local.set_logged(sys->mismatch->attribute, sys->mismatch->mine);
        pair.peer.set_logged(sys->mismatch->attribute, sys->mismatch->peer);
        pair.mismatched.push_back(sys->mismatch->attribute);
        pair.lines.push_back({sys->mismatch->attribute, event.where});
    } else if (event.code == model::event_code::begin_compare_proposals ||
               event.code == model::event_code::not_matched) {
        a.open_p2.reset();
    }
}

/// What an SA copied CLI output shows adds: its version, role and exchange, and the
/// proposal both sides agreed on, the same on both sides.
void apply_sa_state(model::negotiation& n, const model::sa_state_event& sa, const model::source_line& where) {
    if (sa.version) {
        n.version = sa.version;
    }
    if (sa.role && !n.role) {
        n.role = sa.role;
    }
    if (sa.exchange && !n.exchange) {
        n.exchange = sa.exchange;
    }
    if (!sa.phase1.empty()) {
        model::proposal_pair& pair = n.pairs.emplace_back();
        for (const auto& [attribute, text] : sa.phase1) {
            pair.local.set_logged(attribute, text);
            pair.peer.set_logged(attribute, text);
            pair.lines.push_back({attribute, where});
        }
        pair.accepted = true;
    }
    if (!sa.phase2.empty()) {
        model::phase2_pair& pair = n.phase2_pairs.emplace_back();
        for (const auto& [attribute, text] : sa.phase2) {
            pair.local.set_logged(attribute, text);
            pair.peer.set_logged(attribute, text);
        }
        pair.lines.push_back({std::nullopt, where});
    }
}

} // namespace

void attach_rejections(model::negotiation& n,
                       const std::vector<std::pair<model::rejected_event, model::source_line>>& rejections) {
    // Group by DB x Peer reference pair, keeping first-appearance order.
    struct group {
        model::transform_ref local_ref, peer_ref;
        std::vector<const model::rejected_event*> events;
        std::vector<model::proposal_pair::line> lines;
    };
    std::vector<group> groups;
    for (const auto& rejection : rejections) {
        const model::rejected_event& r = rejection.first; // (clang 14 cannot capture a structured binding)
        const model::source_line& where = rejection.second;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const group& g) {
            return g.local_ref == r.local_ref && g.peer_ref == r.peer_ref;
        });
        if (it == groups.end()) {
            groups.push_back({r.local_ref, r.peer_ref, {}, {}});
            it = groups.end() - 1;
        }
        it->events.push_back(&r);
        it->lines.push_back({r.attribute, where});
    }
    std::size_t cursor = 0; // pairs and groups come in the same order
    for (const group& g : groups) {
        std::optional<std::size_t> match;
        for (std::size_t i = cursor; i < n.pairs.size(); ++i) {
            if (!n.pairs[i].local_ref && consistent(n.pairs[i], g.events)) {
                match = i;
                break;
            }
        }
        if (!match) {
            // No Compared block (normal log level): the rejected lines are all we know.
            n.pairs.emplace_back();
            match = n.pairs.size() - 1;
            for (const auto* r : g.events) {
                n.pairs.back().local.set_logged(r->attribute, r->local);
                n.pairs.back().peer.set_logged(r->attribute, r->peer);
            }
        }
        auto& pair = n.pairs[*match];
        pair.local_ref = g.local_ref;
        pair.peer_ref = g.peer_ref;
        for (const auto* r : g.events) {
            pair.rejected.push_back(r->attribute);
        }
        pair.lines.insert(pair.lines.end(), g.lines.begin(), g.lines.end());
        cursor = *match + 1;
    }
}

std::optional<std::uint32_t> phase_of(const model::log_event& event) {
    if (const auto* start = std::get_if<model::phase_start_event>(&event.what)) {
        return start->phase;
    }
    if (const auto* banner = std::get_if<model::banner_event>(&event.what)) {
        return banner->phase;
    }
    if (std::holds_alternative<model::compared_event>(event.what)) {
        return 1;
    }
    if (!event.code) {
        return std::nullopt;
    }
    switch (*event.code) {
    case model::event_code::begin_compare_proposals:
    case model::event_code::bundle_header:
    case model::event_code::bundle_protocol:
    case model::event_code::bundle_transform:
    case model::event_code::phase2_started:
    case model::event_code::phase2_delete_sent:
    case model::event_code::phase2_time_up_waiting_phase1: return 2; // a phase 2 line about phase 1
    case model::event_code::ikev2_started:
    case model::event_code::compared_begin: return 1;
    default: break;
    }
    if (const rule* r = rule_for(*event.code); r != nullptr && !r->any_phase) {
        return r->phase;
    }
    return std::nullopt;
}

bool is_start(const model::log_event& event) {
    if (std::holds_alternative<model::phase_start_event>(event.what)) {
        return true;
    }
    if (const auto* b = std::get_if<model::banner_event>(&event.what)) {
        return b->state == model::banner_event::status::started;
    }
    return event.code == model::event_code::phase1_started || event.code == model::event_code::phase2_started ||
           event.code == model::event_code::ikev2_started;
}

void begin(assembly& a, const model::log_event& first) {
    a.n.lines.reserve(8); // 8.7 lines a negotiation in a generated debug log: one allocation, not four
    a.n.from_summary = first.key.summary;
    a.n.phase = first.context && first.context->child ? 2 : phase_of(first).value_or(1);
}

bool starts_new(const assembly& a, const model::log_event& event) {
    const model::negotiation& n = a.n;
    const bool has_content = a.informative || !n.lines.empty();
    const std::optional<std::uint32_t> phase = phase_of(event);
    if (is_start(event)) {
        const bool is_line = std::holds_alternative<model::phase_start_event>(event.what);
        const bool is_banner = std::holds_alternative<model::banner_event>(event.what);
        return (is_line && a.started_by_line) || (is_banner && a.started_by_banner) ||
               (!is_line && !is_banner && has_content) || n.result != model::outcome::unknown ||
               !n.pairs.empty() || !n.phase2_pairs.empty() || (has_content && phase && *phase != n.phase);
    }
    if (is_comparison(event) && n.result != model::outcome::unknown) {
        return true;
    }
    // A line of the other phase (quick mode after phase 1 in a context without a child
    // number) belongs to the next negotiation.
    if (has_content && phase && *phase != n.phase && !n.from_summary) {
        return true;
    }
    // A summary account reports each attempt once: after an outcome, a new verdict is a new
    // attempt (but a DPD teardown is the end of the established SA it follows).
    if (n.from_summary && n.result != model::outcome::unknown && is_decisive(event) &&
        event.code != model::event_code::dpd_down) {
        return true;
    }
    return false;
}

void apply(assembly& a, model::log_event& event) {
    model::negotiation& n = a.n;
    if (event.code == model::event_code::line_not_understood) {
        n.not_understood.push_back(event.where); // its place only: it said nothing readable
        return;
    }
    if (event.has_time) { // a line without a time dates nothing
        if (!n.started) {
            n.started = event.time;
        }
        n.ended = event.time;
    }
    if (!n.context && event.context) {
        n.context = event.context;
    }
    if (!n.local && event.local) {
        n.local = event.local;
    }
    if (!n.peer && event.peer) {
        n.peer = event.peer;
    }
    if (!n.gateway && event.gateway) {
        n.gateway = event.gateway;
    }
    if (!n.ipsec_tunnel && event.ipsec_tunnel) {
        n.ipsec_tunnel = event.ipsec_tunnel;
    }
    // A line that only names endpoints, or only notes an SA's deletion, is no attempt of
    // its own: it joins a negotiation but does not make one; so is a summary account's
    // entry that names no code.
    if ((event.code && event.code != model::event_code::phase2_delete_sent) ||
        (!event.code && !std::holds_alternative<std::monostate>(event.what) && !event.key.summary)) {
        a.informative = true;
    }
    n.lines.push_back({event.where, std::move(event.text)});
    const std::size_t line_index = n.lines.size() - 1;

    if (event.code == model::event_code::compared_begin) {
        n.pairs.emplace_back();
        n.pairs.back().lines.push_back({std::nullopt, event.where});
        a.open_pair = n.pairs.size() - 1;
        n.version = model::ike_version::ikev1;
    } else if (event.code == model::event_code::acceptable_proposal) {
        if (a.open_pair) {
            n.pairs[*a.open_pair].accepted = true;
        }
        a.open_pair.reset();
    } else if (event.code == model::event_code::begin_main_mode ||
               event.code == model::event_code::begin_aggressive_mode) {
        n.exchange = event.code == model::event_code::begin_main_mode ? model::exchange::main
                                                                      : model::exchange::aggressive;
        n.version = model::ike_version::ikev1;
    } else if (const auto* c = std::get_if<model::compared_event>(&event.what)) {
        // A block whose header line was lost, or a second block whose header was:
        // an attribute the open block already has starts the next one.
        if (!a.open_pair || has_attribute(n.pairs[*a.open_pair], c->attribute)) {
            n.pairs.emplace_back();
            a.open_pair = n.pairs.size() - 1;
        }
        auto& pair = n.pairs[*a.open_pair];
        pair.local.set_logged(c->attribute, c->local);
        pair.peer.set_logged(c->attribute, c->peer);
        pair.lines.push_back({c->attribute, event.where});
    } else if (const auto* r = std::get_if<model::rejected_event>(&event.what)) {
        a.rejections.emplace_back(*r, event.where);
        a.open_pair.reset();
    } else if (const auto* start = std::get_if<model::phase_start_event>(&event.what)) {
        a.started_by_line = true;
        n.role = start->role;
        n.phase = start->phase;
        n.version = model::ike_version::ikev1;
    } else if (const auto* banner = std::get_if<model::banner_event>(&event.what)) {
        if (banner->state == model::banner_event::status::started) {
            a.started_by_banner = true;
        }
        n.phase = banner->phase;
        if (banner->role_logged) {
            n.role = banner->role;
        }
        n.version = banner->version;
        // IKEv2: an IKE SA's negotiation spans IKE_SA_INIT and IKE_AUTH (a failure's rule
        // names the one it failed in); a child SA's is IKE_AUTH's or, rekeyed, CREATE_CHILD_SA.
        if (banner->version == model::ike_version::ikev1) {
            n.exchange = banner->mode;
        } else if (banner->mode != model::exchange::ike_sa_init && !n.exchange) {
            n.exchange = banner->mode;
        }
    } else if (const auto* sa_line = std::get_if<model::banner_sa_event>(&event.what)) {
        // `====> Initiated SA: A[500]-B[500] SPI:I:R SN:4 <====`: the SA the banner is about,
        // named by its initiator's cookie (IKEv1) or SPI (IKEv2) as a system log names it.
        n.version = sa_line->version;
        if (!n.initiator_cookie) {
            n.initiator_cookie = model::to_lower(sa_line->initiator_spi);
        }
    } else if (const auto* proxy = std::get_if<model::proxy_id_event>(&event.what)) {
        n.proxy_ids.push_back({proxy->local, proxy->remote, proxy->protocol, event.where});
    } else if (const auto* sys = model::system_entry(event.what)) {
        if (sys->role && !n.role) {
            n.role = sys->role;
        }
        if (sys->exchange && !n.exchange) {
            n.exchange = sys->exchange;
        }
        if (sys->initiator_cookie && !n.initiator_cookie) {
            n.initiator_cookie = model::to_lower(*sys->initiator_cookie);
        }
        if (sys->proxy_id) {
            n.proxy_ids.push_back({sys->proxy_id->local, sys->proxy_id->remote, sys->proxy_id->protocol, event.where});
        }
        if (sys->version && (sys->version_certain || !n.version)) {
            n.version = sys->version;
        }
    } else if (const auto* shown = model::sa_state_of(event.what)) {
        apply_sa_state(n, *shown, event.where);
    } else if (const auto* sa = std::get_if<model::sa_established_event>(&event.what)) {
        n.version = model::ike_version::ikev1;
        if (!n.initiator_cookie) {
            n.initiator_cookie = model::to_lower(sa->initiator_cookie);
        }
    }
    apply_phase2(a, event);
    classify(n, event, line_index);
    if (n.phase == 2 && n.version == model::ike_version::ikev1 && !n.exchange) {
        n.exchange = model::exchange::quick; // IKEv1 phase 2 is quick mode
    }
    // A system log entry whose event says it failed (`ike-nego-p2-fail`) fails its
    // negotiation even when its description names no decisive cause (`pfs group mismatched`).
    if (const auto* sys = model::system_entry(event.what);
        sys && sys->failed && n.result == model::outcome::unknown) {
        n.result = model::outcome::failed;
        if (std::find(n.evidence.begin(), n.evidence.end(), line_index) == n.evidence.end()) {
            n.evidence.push_back(line_index);
        }
    }
}

bool complete(assembly& a, closed_by how) {
    if (!a.informative) {
        return false; // only named endpoints: no attempt of its own
    }
    attach_rejections(a.n, a.rejections);
    // Only unanswered retransmits (a provisional timeout) and no outcome: the peer never
    // answered, and the negotiation ended so; at the log's end it is unfinished.
    if (a.n.result == model::outcome::unknown && a.n.failure == model::failure_class::timeout &&
        a.n.failure_provisional) {
        if (how == closed_by::log_end) {
            a.n.failure.reset();
            a.n.failure_provisional = false;
        } else {
            a.n.result = model::outcome::failed;
            a.n.failure_provisional = false;
        }
    }
    sort_lines(a.n);
    return true;
}

void sort_lines(model::negotiation& n) {
    const auto order = [](const model::evidence_line& a, const model::evidence_line& b) {
        return std::tie(a.where.input, a.where.line, a.where.column) <
               std::tie(b.where.input, b.where.line, b.where.column);
    };
    if (std::is_sorted(n.lines.begin(), n.lines.end(), order)) {
        return;
    }
    std::vector<model::source_line> evidence;
    for (std::size_t i : n.evidence) {
        evidence.push_back(n.lines[i].where);
    }
    std::stable_sort(n.lines.begin(), n.lines.end(), order);
    n.evidence.clear();
    for (const auto& where : evidence) {
        const auto it = std::find_if(n.lines.begin(), n.lines.end(),
                                     [&](const model::evidence_line& l) { return l.where == where; });
        n.evidence.push_back(static_cast<std::size_t>(it - n.lines.begin()));
    }
}

} // namespace ikediff::diff
