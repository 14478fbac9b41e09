#include "diff/reconstruct.hpp"

#include "diff/classify.hpp"

#include <algorithm>

namespace ikediff::diff {

namespace {

using model::phase1_attribute;

bool is_start(const model::log_event& e) {
    if (std::holds_alternative<model::phase1_start_event>(e.what)) {
        return true;
    }
    if (const auto* b = std::get_if<model::banner_event>(&e.what)) {
        return b->state == model::banner_event::status::started;
    }
    return false;
}

/// A line of a proposal comparison: after an outcome, such a line is a retry.
bool is_comparison(const model::log_event& e) {
    if (const auto* p = std::get_if<model::phrase_event>(&e.what)) {
        return p->code == model::event_code::compared_begin;
    }
    return std::holds_alternative<model::compared_event>(e.what) ||
           std::holds_alternative<model::rejected_event>(e.what);
}

/// The name a rejected attribute's value normalises to, for matching against a pair.
std::string attribute_name(const model::phase1_proposal& p, phase1_attribute a) {
    switch (a) {
    case phase1_attribute::enctype: return p.cipher_family.present() ? p.cipher_family.name() : "";
    case phase1_attribute::hashtype: return p.hash.present() ? p.hash.name() : "";
    case phase1_attribute::authmethod: return p.auth.present() ? p.auth.name() : "";
    case phase1_attribute::dh_group: return p.group.present() ? p.group.name() : "";
    default: return "";
    }
}

std::string logged_name(phase1_attribute a, const std::string& text) {
    model::phase1_proposal p;
    p.set_logged(a, text);
    return attribute_name(p, a);
}

/// The attributes racoon's print_ph1mismatched reports.
constexpr phase1_attribute k_rejectable[] = {phase1_attribute::enctype, phase1_attribute::authmethod,
                                             phase1_attribute::hashtype, phase1_attribute::dh_group};

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
    for (const auto& [r, where] : rejections) {
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

bool reconstructor::starts_new(const state& s, const model::log_event& event) {
    if (is_start(event)) {
        const bool is_line = std::holds_alternative<model::phase1_start_event>(event.what);
        return (is_line ? s.started_by_line : s.started_by_banner) ||
               s.n.result != model::outcome::unknown || !s.n.pairs.empty();
    }
    if (is_comparison(event)) {
        return s.n.result != model::outcome::unknown;
    }
    return false;
}

reconstructor::state& reconstructor::state_for(const model::log_event& event) {
    const key k{event.where.input,
                event.context ? std::optional<std::uint32_t>{event.context->sa} : std::nullopt};
    auto it = m_current.find(k);
    if (it == m_current.end() || starts_new(m_states[it->second], event)) {
        m_states.emplace_back();
        m_current[k] = m_states.size() - 1;
        return m_states.back();
    }
    return m_states[it->second];
}

void reconstructor::add(model::log_event event) {
    apply(state_for(event), event);
}

void reconstructor::apply(state& s, model::log_event& event) {
    model::negotiation& n = s.n;
    if (!n.started) {
        n.started = event.time;
    }
    n.ended = event.time;
    if (!n.context && event.context) {
        n.context = event.context;
    }
    if (!n.local && event.local) {
        n.local = event.local;
    }
    if (!n.peer && event.peer) {
        n.peer = event.peer;
    }
    if (!std::holds_alternative<model::endpoints_event>(event.what)) {
        s.informative = true;
    }
    n.lines.push_back({event.where, std::move(event.text)});
    const std::size_t line_index = n.lines.size() - 1;

    std::visit(
        [&](const auto& what) {
            using T = std::decay_t<decltype(what)>;
            if constexpr (std::is_same_v<T, model::phrase_event>) {
                switch (what.code) {
                case model::event_code::compared_begin:
                    n.pairs.emplace_back();
                    n.pairs.back().lines.push_back({std::nullopt, event.where});
                    s.open_pair = n.pairs.size() - 1;
                    n.version = model::ike_version::ikev1;
                    break;
                case model::event_code::acceptable_proposal:
                    if (s.open_pair) {
                        n.pairs[*s.open_pair].accepted = true;
                    }
                    s.open_pair.reset();
                    break;
                case model::event_code::begin_main_mode:
                    n.exchange = model::exchange::main;
                    n.version = model::ike_version::ikev1;
                    break;
                case model::event_code::begin_aggressive_mode:
                    n.exchange = model::exchange::aggressive;
                    n.version = model::ike_version::ikev1;
                    break;
                default:
                    s.open_pair.reset();
                    break;
                }
            } else if constexpr (std::is_same_v<T, model::compared_event>) {
                // A block whose header line was lost, or a second block whose header was:
                // an attribute the open block already has starts the next one.
                if (!s.open_pair || has_attribute(n.pairs[*s.open_pair], what.attribute)) {
                    n.pairs.emplace_back();
                    s.open_pair = n.pairs.size() - 1;
                }
                auto& pair = n.pairs[*s.open_pair];
                pair.local.set_logged(what.attribute, what.local);
                pair.peer.set_logged(what.attribute, what.peer);
                pair.lines.push_back({what.attribute, event.where});
            } else if constexpr (std::is_same_v<T, model::rejected_event>) {
                s.rejections.emplace_back(what, event.where);
                s.open_pair.reset();
            } else if constexpr (std::is_same_v<T, model::phase1_start_event>) {
                s.started_by_line = true;
                n.role = what.role;
                n.version = model::ike_version::ikev1;
            } else if constexpr (std::is_same_v<T, model::banner_event>) {
                if (what.state == model::banner_event::status::started) {
                    s.started_by_banner = true;
                }
                n.phase = what.phase;
                n.role = what.role;
                n.version = model::ike_version::ikev1;
                if (what.phase == 1) {
                    n.exchange = what.mode == model::exchange_mode::main ? model::exchange::main
                                                                        : model::exchange::aggressive;
                }
            } else if constexpr (std::is_same_v<T, model::sa_established_event>) {
                n.version = model::ike_version::ikev1;
            }
        },
        event.what);

    classify(n, event, line_index);
}

std::vector<model::negotiation> reconstructor::finish() {
    std::vector<model::negotiation> out;
    out.reserve(m_states.size());
    for (auto& s : m_states) {
        if (!s.informative) {
            continue;
        }
        attach_rejections(s.n, s.rejections);
        out.push_back(std::move(s.n));
    }
    m_states.clear();
    m_current.clear();
    return out;
}

} // namespace ikediff::diff
