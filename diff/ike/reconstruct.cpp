#include "diff/ike/reconstruct.hpp"

#include "diff/ike/classify.hpp"
#include "model/address.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

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

/// The attributes racoon's print_ph1mismatched reports.
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

namespace {

bool is_system(const model::log_event& e) { return model::system_entry(e.what) != nullptr; }

bool is_start(const model::log_event& e) {
    if (std::holds_alternative<model::phase_start_event>(e.what)) {
        return true;
    }
    if (const auto* b = std::get_if<model::banner_event>(&e.what)) {
        return b->state == model::banner_event::status::started;
    }
    return e.code == model::event_code::phase1_started || e.code == model::event_code::phase2_started ||
           e.code == model::event_code::ikev2_started;
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

std::int64_t wall_clock_ms(const model::timestamp& t) {
    return t.epoch_ms + std::int64_t{t.offset_minutes.value_or(0)} * 60000;
}

void sort_lines(model::negotiation& n); // below, with the merging of system log negotiations

} // namespace

reconstructor::key reconstructor::key_for(const model::log_event& event) const {
    key k;
    k.input = stream_of(event.where.input);
    if (event.context) {
        k.sa = event.context->sa;
        k.child = event.context->child;
        return k;
    }
    if (is_system(event)) {
        // System log entries: per gateway (or peer) and phase.
        k.tag = "system:" + event.gateway.value_or(event.ipsec_tunnel.value_or(event.peer ? event.peer->address : std::string())) +
                ":" + std::to_string(phase_of(event).value_or(1));
        return k;
    }
    if (event.peer) {
        k.tag = "peer:" + event.peer->address;
    } else if (const auto* sa = std::get_if<model::ipsec_sa_established_event>(&event.what)) {
        // `IPsec-SA established: ESP/Tunnel A->B` names the SA's direction: the negotiation
        // is the one with whichever of A and B is a peer already seen.
        for (const auto* e : {&sa->from, &sa->to}) {
            key candidate = k;
            candidate.tag = "peer:" + e->address;
            if (m_current.contains(candidate)) {
                return candidate;
            }
        }
    }
    return k;
}

bool reconstructor::starts_new(const state& s, const model::log_event& event) {
    const model::negotiation& n = s.n;
    const bool has_content = s.informative || !n.lines.empty();
    const std::optional<std::uint32_t> phase = phase_of(event);
    if (is_start(event)) {
        const bool is_line = std::holds_alternative<model::phase_start_event>(event.what);
        const bool is_banner = std::holds_alternative<model::banner_event>(event.what);
        return (is_line && s.started_by_line) || (is_banner && s.started_by_banner) ||
               (!is_line && !is_banner && has_content) || n.result != model::outcome::unknown ||
               !n.pairs.empty() || !n.phase2_pairs.empty() || (has_content && phase && *phase != n.phase);
    }
    if (is_comparison(event) && n.result != model::outcome::unknown) {
        return true;
    }
    // A line of the other phase (quick mode after phase 1 in a context without a child
    // number) belongs to the next negotiation.
    if (has_content && phase && *phase != n.phase && !n.from_system_log) {
        return true;
    }
    // A system log reports each attempt once: after an outcome, a new verdict is a new attempt
    // (but a DPD teardown is the end of the established SA it follows).
    if (n.from_system_log && n.result != model::outcome::unknown && is_decisive(event) &&
        event.code != model::event_code::dpd_down) {
        return true;
    }
    return false;
}

reconstructor::state& reconstructor::state_for(const model::log_event& event) {
    key k = key_for(event);
    // A racoon line that names no peer belongs to the negotiation its input last spoke of.
    if (!event.context && !is_system(event) && k.tag.empty()) {
        if (auto last = m_last_of_input.find(k.input); last != m_last_of_input.end()) {
            if (state& s = m_open.at(last->second); !starts_new(s, event)) {
                return s;
            }
        }
    }
    auto it = m_current.find(k);
    state* current = it == m_current.end() ? nullptr : it->second;
    std::optional<std::uint64_t> replaced;
    if (current == nullptr || starts_new(*current, event)) {
        if (current != nullptr) {
            replaced = current->number;
            current->current_as.reset();
        }
        const std::uint64_t number = m_next_number++;
        current = &m_open[number];
        m_current[k] = current;
        m_open_numbers.insert(m_open_numbers.end(), number);
        state& fresh = *current;
        fresh.n.lines.reserve(8); // 8.7 lines a negotiation in a generated debug log: one allocation, not four
        fresh.number = number;
        fresh.current_as = k;
        fresh.stream = k.input;
        fresh.n.from_system_log = is_system(event);
        fresh.n.phase = event.context && event.context->child ? 2 : phase_of(event).value_or(1);
    }
    const std::uint64_t number = current->number;
    std::optional<std::uint64_t> forgotten;
    if (!event.context && !is_system(event)) {
        auto [last, added] = m_last_of_input.try_emplace(k.input, number);
        if (!added && last->second != number) {
            forgotten = last->second;
            last->second = number;
        }
    }
    // A negotiation no key and no input points at can take no more lines: it is final.
    for (const auto& old : {replaced, forgotten}) {
        if (old && old != number && m_open.contains(*old)) {
            const state& s = m_open.at(*old);
            const auto last = m_last_of_input.find(s.stream);
            if (!s.current_as && (last == m_last_of_input.end() || last->second != *old)) {
                retire(*old);
            }
        }
    }
    return *current;
}

std::size_t reconstructor::key_hash::operator()(const key& k) const noexcept {
    std::size_t h = std::hash<std::string>{}(k.tag);
    for (const std::uint64_t part : {std::uint64_t{k.input}, k.sa ? std::uint64_t{*k.sa} + 1 : 0,
                                     k.child ? std::uint64_t{*k.child} + 1 : 0}) {
        h = (h ^ part) * 0x100000001b3u; // FNV-1a's prime: spreads each part
    }
    return h;
}

void reconstructor::touch(std::uint64_t number, state& s, std::int64_t ms) {
    const std::int64_t last_ms = std::max(s.last_ms, ms);
    // An established phase 1 does not go idle (dead peer detection may end it hours later):
    // out of the idle index, which then holds only what idleness can close.
    const bool in_idle = !(s.n.result == model::outcome::established && s.n.phase == 1);
    // The idle index keeps the time an entry was placed at; a later line only moves last_ms,
    // and retire_idle() puts an entry it finds out of date in its true place (once per idle
    // period at most, not once per line).
    if (!s.touched || in_idle != s.in_idle) {
        auto& idle = m_idle[s.stream];
        if (s.touched && s.in_idle) {
            idle.erase(s.idle_at);
        }
        if (in_idle) {
            // Log time mostly moves forward: the line is the stream's newest, its place the end.
            s.idle_at = idle.insert(idle.end(), {last_ms, number});
        }
    }
    s.last_ms = last_ms;
    s.in_idle = in_idle;
    if (s.touched) {
        m_lru.splice(m_lru.end(), m_lru, s.lru_at); // now the most recently touched
    } else {
        s.lru_at = m_lru.insert(m_lru.end(), number);
        s.touched = true;
    }
}

void reconstructor::retire(std::uint64_t number) {
    auto node = m_open.extract(number);
    m_open_numbers.erase(number);
    state& s = node.mapped();
    if (s.touched) {
        if (s.in_idle) {
            m_idle[s.stream].erase(s.idle_at);
        }
        m_lru.erase(s.lru_at);
    }
    if (s.current_as) {
        m_current.erase(*s.current_as);
    }
    if (const auto last = m_last_of_input.find(s.stream); last != m_last_of_input.end() && last->second == number) {
        m_last_of_input.erase(last);
    }
    if (!s.informative) {
        return; // only named endpoints: no attempt of its own
    }
    attach_rejections(s.n, s.rejections);
    sort_lines(s.n);
    if (m_ahead && m_ahead->may_take(s.n)) {
        m_held.emplace(number, std::move(s.n)); // a system log entry may merge into it
        return;
    }
    m_ready.emplace(number, std::move(s.n));
}

void reconstructor::retire_idle(std::uint32_t stream, std::int64_t now_ms) {
    auto& idle = m_idle[stream];
    std::vector<std::uint64_t> done;
    // Entries in order of the time they were placed at, which is no later than their
    // negotiation's last line: once one placed within the idle time is reached, every one
    // after it is within it too.
    for (auto it = idle.begin(); it != idle.end() && now_ms - it->first > k_idle_ms;) {
        state& s = m_open.at(it->second);
        if (s.last_ms == it->first) {
            done.push_back(it->second);
            ++it;
            continue;
        }
        // Lines came since it was placed: to its true place, which is further on. The walk
        // goes on from there if that is where the next entry was, or else from that entry.
        const auto next = std::next(it);
        auto node = idle.extract(it);
        node.value().first = s.last_ms;
        s.idle_at = idle.insert(next, std::move(node));
        it = next == idle.end() || *s.idle_at < *next ? s.idle_at : next;
    }
    for (auto it = m_lru.begin(); m_open.size() - done.size() > k_max_open && it != m_lru.end(); ++it) {
        if (std::find(done.begin(), done.end(), *it) == done.end()) {
            done.push_back(*it);
        }
    }
    for (std::uint64_t number : done) {
        retire(number);
    }
}

void reconstructor::flush_ready(bool all) {
    while (!m_ready.empty()) {
        const bool oldest = m_open_numbers.empty() || m_ready.begin()->first < *m_open_numbers.begin();
        if (!all && !oldest && m_ready.size() <= k_max_ready) {
            return;
        }
        auto node = m_ready.extract(m_ready.begin());
        if (m_emit) {
            m_emit(std::move(node.mapped()));
        } else {
            m_collected.push_back(std::move(node.mapped()));
        }
    }
}

void reconstructor::add(model::log_event&& event) {
    if (is_system(event)) {
        // Its entries merge into negotiations of any age, at finish(): those it may merge
        // into are known when it was read ahead, or else every one waits.
        m_hold = m_hold || !m_ahead;
        m_system_events.push_back(std::move(event));
        return;
    }
    state& s = state_for(event);
    const std::uint64_t number = s.number;
    const std::int64_t ms = wall_clock_ms(event.time);
    const std::uint32_t stream = s.stream;
    apply(s, event);
    touch(number, s, ms);
    if (m_hold || !m_emit) {
        return; // collecting: the order of start is kept whatever the window
    }
    retire_idle(stream, ms);
    flush_ready(false);
}

void reconstructor::replay_system_events() {
    // Each input's entries in time order; within one second (the system log's resolution), a
    // start before what follows it, and otherwise the order of the file read forwards (oldest
    // first) or backwards (a GUI export, newest first).
    std::map<std::uint32_t, bool> newest_first;
    for (const auto& e : m_system_events) {
        newest_first.try_emplace(e.where.input, false);
    }
    for (auto& [input, backwards] : newest_first) {
        const model::log_event* first = nullptr;
        const model::log_event* last = nullptr;
        for (const auto& e : m_system_events) {
            if (e.where.input == input) {
                first = first ? first : &e;
                last = &e;
            }
        }
        backwards = first && last && first->time > last->time;
    }
    std::stable_sort(m_system_events.begin(), m_system_events.end(),
                     [&](const model::log_event& a, const model::log_event& b) {
                         const auto ta = wall_clock_ms(a.time);
                         const auto tb = wall_clock_ms(b.time);
                         if (ta != tb) {
                             return ta < tb;
                         }
                         if (is_start(a) != is_start(b)) {
                             return is_start(a);
                         }
                         if (a.where.input != b.where.input) {
                             return a.where.input < b.where.input;
                         }
                         return newest_first[a.where.input] ? a.where.line > b.where.line : a.where.line < b.where.line;
                     });
    for (auto& e : m_system_events) {
        apply(state_for(e), e);
    }
    m_system_events.clear();
}

void reconstructor::apply_phase2(state& s, const model::log_event& event) {
    model::negotiation& n = s.n;
    const auto open = [&]() -> model::phase2_pair& {
        if (!s.open_p2) {
            n.phase2_pairs.emplace_back();
            s.open_p2 = n.phase2_pairs.size() - 1;
        }
        return n.phase2_pairs[*s.open_p2];
    };
    if (const auto* header = std::get_if<model::bundle_header_event>(&event.what)) {
        // racoon prints the peer's bundle, then its own: a peer header opens the next pair.
        if (header->side == model::p2_side::peer) {
            s.open_p2.reset();
        }
        s.p2_side = header->side;
        open().lines.push_back({std::nullopt, event.where});
    } else if (const auto* values = std::get_if<model::bundle_values_event>(&event.what)) {
        model::phase2_pair& pair = open();
        model::phase2_proposal& side = s.p2_side == model::p2_side::mine ? pair.local : pair.peer;
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
        s.open_p2.reset();
    }
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
    if (!n.gateway && event.gateway) {
        n.gateway = event.gateway;
    }
    if (!n.ipsec_tunnel && event.ipsec_tunnel) {
        n.ipsec_tunnel = event.ipsec_tunnel;
    }
    // A line that only names endpoints, or only notes an SA's deletion, is no attempt of
    // its own: it joins a negotiation but does not make one.
    if ((event.code && event.code != model::event_code::phase2_delete_sent) ||
        (!event.code && !std::holds_alternative<std::monostate>(event.what) && !is_system(event))) {
        s.informative = true;
    }
    n.lines.push_back({event.where, std::move(event.text)});
    const std::size_t line_index = n.lines.size() - 1;

    if (event.code == model::event_code::compared_begin) {
        n.pairs.emplace_back();
        n.pairs.back().lines.push_back({std::nullopt, event.where});
        s.open_pair = n.pairs.size() - 1;
        n.version = model::ike_version::ikev1;
    } else if (event.code == model::event_code::acceptable_proposal) {
        if (s.open_pair) {
            n.pairs[*s.open_pair].accepted = true;
        }
        s.open_pair.reset();
    } else if (event.code == model::event_code::begin_main_mode ||
               event.code == model::event_code::begin_aggressive_mode) {
        n.exchange = event.code == model::event_code::begin_main_mode ? model::exchange::main
                                                                      : model::exchange::aggressive;
        n.version = model::ike_version::ikev1;
    } else if (const auto* c = std::get_if<model::compared_event>(&event.what)) {
        // A block whose header line was lost, or a second block whose header was:
        // an attribute the open block already has starts the next one.
        if (!s.open_pair || has_attribute(n.pairs[*s.open_pair], c->attribute)) {
            n.pairs.emplace_back();
            s.open_pair = n.pairs.size() - 1;
        }
        auto& pair = n.pairs[*s.open_pair];
        pair.local.set_logged(c->attribute, c->local);
        pair.peer.set_logged(c->attribute, c->peer);
        pair.lines.push_back({c->attribute, event.where});
    } else if (const auto* r = std::get_if<model::rejected_event>(&event.what)) {
        s.rejections.emplace_back(*r, event.where);
        s.open_pair.reset();
    } else if (const auto* start = std::get_if<model::phase_start_event>(&event.what)) {
        s.started_by_line = true;
        n.role = start->role;
        n.phase = start->phase;
        n.version = model::ike_version::ikev1;
    } else if (const auto* banner = std::get_if<model::banner_event>(&event.what)) {
        if (banner->state == model::banner_event::status::started) {
            s.started_by_banner = true;
        }
        n.phase = banner->phase;
        n.role = banner->role;
        n.version = model::ike_version::ikev1;
        n.exchange = banner->mode;
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
        // PAN-OS names its system log events by IKE version: ike-nego-* and ikev2-nego-*.
        if (sys->event_id.starts_with("ikev2-")) {
            n.version = model::ike_version::ikev2;
        } else if (sys->event_id.starts_with("ike-nego-") && !n.version) {
            n.version = model::ike_version::ikev1;
        }
    } else if (const auto* sa = std::get_if<model::sa_established_event>(&event.what)) {
        n.version = model::ike_version::ikev1;
        if (!n.initiator_cookie) {
            n.initiator_cookie = model::to_lower(sa->initiator_cookie);
        }
    }
    apply_phase2(s, event);
    classify(n, event, line_index);
    if (n.phase == 2 && n.version == model::ike_version::ikev1 && !n.exchange) {
        n.exchange = model::exchange::quick; // IKEv1 phase 2 is quick mode
    }
    // A system log entry whose event id says it failed (`ike-nego-p2-fail`) fails its
    // negotiation even when its description names no decisive cause (`pfs group mismatched`).
    if (const auto* sys = model::system_entry(event.what);
        sys && sys->event_id.find("-fail") != std::string::npos && n.result == model::outcome::unknown) {
        n.result = model::outcome::failed;
        if (std::find(n.evidence.begin(), n.evidence.end(), line_index) == n.evidence.end()) {
            n.evidence.push_back(line_index);
        }
    }
}

namespace {

/// Puts `n`'s lines in log order (system log entries replayed in time order, merged
/// negotiations), keeping its evidence pointing at the same lines.
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

/// Appends `from`'s lines and evidence to `into`, in log order.
void merge_lines(model::negotiation& into, model::negotiation& from) {
    const std::size_t offset = into.lines.size();
    for (auto& l : from.lines) {
        into.lines.push_back(std::move(l));
    }
    for (std::size_t i : from.evidence) {
        into.evidence.push_back(offset + i);
    }
    sort_lines(into);
}

/// How far apart in time a system log entry and the ikemgr.log lines of one attempt may be:
/// the two logs are written by different daemons.
constexpr std::int64_t k_slack_ms = 10'000;

} // namespace

bool same_attempt(const model::negotiation& s, const model::negotiation& n) {
    if (n.from_system_log || s.phase != n.phase || !s.started || !n.started || !n.ended) {
        return false;
    }
    if (s.peer && n.peer && !model::same_address(s.peer->address, n.peer->address)) {
        return false;
    }
    if (s.initiator_cookie && n.initiator_cookie) {
        return *s.initiator_cookie == *n.initiator_cookie; // the same exchange, whatever the clocks say
    }
    const std::int64_t at = wall_clock_ms(*s.started);
    return at >= wall_clock_ms(*n.started) - k_slack_ms && at <= wall_clock_ms(*n.ended) + k_slack_ms;
}

system_log_ahead::system_log_ahead(std::vector<model::negotiation> from_system_log)
    : m_negotiations(std::move(from_system_log)) {
    for (std::size_t i = 0; i < m_negotiations.size(); ++i) {
        const model::negotiation& s = m_negotiations[i];
        if (!s.started) {
            continue; // merges into nothing
        }
        const std::pair<std::int64_t, std::size_t> entry{wall_clock_ms(*s.started), i};
        m_all.push_back(entry);
        (s.peer ? m_by_peer[model::address_key(s.peer->address)] : m_peerless).push_back(entry);
        if (s.initiator_cookie) {
            m_by_cookie.emplace(*s.initiator_cookie, i);
        }
    }
    const auto by_time = [](const auto& a, const auto& b) { return a.first < b.first; };
    std::stable_sort(m_all.begin(), m_all.end(), by_time);
    std::stable_sort(m_peerless.begin(), m_peerless.end(), by_time);
    for (auto& [peer, entries] : m_by_peer) {
        std::stable_sort(entries.begin(), entries.end(), by_time);
    }
}

bool system_log_ahead::may_take(const model::negotiation& n) const {
    if (n.from_system_log || !n.started || !n.ended) {
        return false;
    }
    const auto takes = [&](std::size_t i) { return same_attempt(m_negotiations[i], n); };
    if (n.initiator_cookie) {
        const auto [first, last] = m_by_cookie.equal_range(*n.initiator_cookie);
        if (std::any_of(first, last, [&](const auto& entry) { return takes(entry.second); })) {
            return true;
        }
    }
    const std::int64_t from = wall_clock_ms(*n.started) - k_slack_ms;
    const std::int64_t to = wall_clock_ms(*n.ended) + k_slack_ms;
    const auto any_within = [&](const by_start& entries) {
        auto it = std::lower_bound(entries.begin(), entries.end(), from,
                                   [](const auto& entry, std::int64_t at) { return entry.first < at; });
        for (; it != entries.end() && it->first <= to; ++it) {
            if (takes(it->second)) {
                return true;
            }
        }
        return false;
    };
    if (!n.peer) {
        return any_within(m_all);
    }
    const auto same_peer = m_by_peer.find(model::address_key(n.peer->address));
    return (same_peer != m_by_peer.end() && any_within(same_peer->second)) || any_within(m_peerless);
}

void reconstructor::expect_system_log(std::vector<model::negotiation> from_system_log) {
    m_ahead.emplace(std::move(from_system_log));
}

namespace {

/// Negotiations found by a time a system log entry of theirs may start at: within
/// [start - slack, end + slack]. A tree over them in order of start keeps the latest end
/// below each node, so that a search descends only where one can be.
class interval_index {
public:
    void add(std::int64_t start, std::int64_t end, std::size_t index) { m_entries.push_back({start, end, index}); }

    /// After the last add(): sorts and builds the tree.
    void build() {
        std::sort(m_entries.begin(), m_entries.end(), [](const entry& a, const entry& b) { return a.start < b.start; });
        while (m_leaves < m_entries.size()) {
            m_leaves *= 2;
        }
        m_latest_end.assign(2 * m_leaves, std::numeric_limits<std::int64_t>::min());
        for (std::size_t k = 0; k < m_entries.size(); ++k) {
            m_latest_end[m_leaves + k] = m_entries[k].end;
        }
        for (std::size_t node = m_leaves - 1; node >= 1; --node) {
            m_latest_end[node] = std::max(m_latest_end[2 * node], m_latest_end[2 * node + 1]);
        }
    }

    /// Appends to `found` the index of each whose interval holds `at`.
    void find(std::int64_t at, std::vector<std::size_t>& found) const {
        // Started no later than `at` + slack: a prefix; of those, ended no earlier than `at` - slack.
        const auto prefix = static_cast<std::size_t>(
            std::upper_bound(m_entries.begin(), m_entries.end(), at + k_slack_ms,
                             [](std::int64_t t, const entry& e) { return t < e.start; }) -
            m_entries.begin());
        collect(1, 0, m_leaves, prefix, at - k_slack_ms, found);
    }

private:
    struct entry {
        std::int64_t start, end;
        std::size_t index;
    };

    /// The entries below `node` (covering [lo, hi) of m_entries) before `prefix` whose end is
    /// `not_before` or later.
    void collect(std::size_t node, std::size_t lo, std::size_t hi, std::size_t prefix, std::int64_t not_before,
                 std::vector<std::size_t>& found) const {
        if (lo >= prefix || m_latest_end[node] < not_before) {
            return;
        }
        if (hi - lo == 1) {
            found.push_back(m_entries[lo].index);
            return;
        }
        const std::size_t mid = lo + (hi - lo) / 2;
        collect(2 * node, lo, mid, prefix, not_before, found);
        collect(2 * node + 1, mid, hi, prefix, not_before, found);
    }

    std::vector<entry> m_entries;
    std::size_t m_leaves = 1;
    std::vector<std::int64_t> m_latest_end; ///< a heap-ordered tree: node k's children are 2k, 2k+1
};

/// The ikemgr.log negotiations a system log entry may duplicate, found without looking at
/// every one (a system log of the same hours has about one entry per negotiation): by
/// cookie, and by time among those of the entry's peer and those that name none (every one,
/// for an entry that names no peer).
class attempt_index {
public:
    explicit attempt_index(const std::vector<model::negotiation>& negotiations) : m_all(negotiations) {
        for (std::size_t j = 0; j < negotiations.size(); ++j) {
            const model::negotiation& n = negotiations[j];
            if (n.from_system_log || !n.started || !n.ended) {
                continue; // never one same_attempt() accepts
            }
            const std::int64_t start = wall_clock_ms(*n.started);
            const std::int64_t end = wall_clock_ms(*n.ended);
            m_every.add(start, end, j);
            (n.peer ? m_by_peer[model::address_key(n.peer->address)] : m_peerless).add(start, end, j);
            if (n.initiator_cookie) {
                m_by_cookie.emplace(*n.initiator_cookie, j);
            }
        }
        m_every.build();
        m_peerless.build();
        for (auto& [peer, index] : m_by_peer) {
            index.build();
        }
    }

    /// Every negotiation `s` may duplicate (same_attempt), in index order, those in `taken`
    /// left out.
    std::vector<std::size_t> candidates(const model::negotiation& s, const std::vector<bool>& taken) const {
        std::vector<std::size_t> found;
        if (!s.started) {
            return found;
        }
        const std::int64_t at = wall_clock_ms(*s.started);
        if (!s.peer) {
            m_every.find(at, found);
        } else {
            if (const auto same_peer = m_by_peer.find(model::address_key(s.peer->address)); same_peer != m_by_peer.end()) {
                same_peer->second.find(at, found);
            }
            m_peerless.find(at, found);
        }
        if (s.initiator_cookie) { // the same cookie whatever the clocks say
            const auto [first, last] = m_by_cookie.equal_range(*s.initiator_cookie);
            for (auto it = first; it != last; ++it) {
                found.push_back(it->second);
            }
        }
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        std::erase_if(found, [&](std::size_t j) { return taken[j] || !same_attempt(s, m_all[j]); });
        return found;
    }

private:
    const std::vector<model::negotiation>& m_all;
    interval_index m_every, m_peerless;
    std::unordered_map<std::string, interval_index> m_by_peer;
    std::unordered_multimap<std::string, std::size_t> m_by_cookie;
};

} // namespace

std::vector<std::pair<std::size_t, std::size_t>> system_log_matches(const std::vector<model::negotiation>& negotiations) {
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    std::vector<bool> taken(negotiations.size(), false); // an ikemgr negotiation that received one
    const attempt_index index(negotiations);
    for (std::size_t i = 0; i < negotiations.size(); ++i) {
        const model::negotiation& s = negotiations[i];
        if (!s.from_system_log) {
            continue;
        }
        // The nearest in time of the ikemgr negotiations it may duplicate, each taken once.
        std::vector<std::pair<std::int64_t, std::size_t>> candidates;
        for (const std::size_t j : index.candidates(s, taken)) {
            const std::int64_t distance = wall_clock_ms(*s.started) - wall_clock_ms(*negotiations[j].started);
            candidates.emplace_back(distance < 0 ? -distance : distance, j);
        }
        std::sort(candidates.begin(), candidates.end());
        // Without a peer address the entry could be any negotiation of its time: merge only
        // when one is nearer than the others.
        if (candidates.empty() || (!s.peer && candidates.size() > 1 && candidates[0].first == candidates[1].first)) {
            continue;
        }
        taken[candidates.front().second] = true;
        matches.emplace_back(i, candidates.front().second);
    }
    return matches;
}

void merge_system_log(std::vector<model::negotiation>& negotiations) {
    // The matches first: a merge changes only the negotiation taken, which no later entry
    // may take.
    std::vector<bool> merged(negotiations.size(), false); // a system log negotiation merged away
    for (const auto& [i, j] : system_log_matches(negotiations)) {
        model::negotiation& s = negotiations[i];
        model::negotiation& n = negotiations[j];
        merge_lines(n, s);
        if (n.result == model::outcome::unknown) {
            n.result = s.result;
        }
        // The first cause named in either log is the cause (classify's rule, across logs).
        const bool earlier = s.failure_time && n.failure_time && wall_clock_ms(*s.failure_time) < wall_clock_ms(*n.failure_time);
        if (s.failure && n.result != model::outcome::established &&
            (!n.failure || (n.failure_provisional && !s.failure_provisional) || (earlier && !s.failure_provisional))) {
            n.failure = s.failure;
            n.failure_provisional = s.failure_provisional;
            n.failure_time = s.failure_time;
        }
        if (!n.gateway) {
            n.gateway = s.gateway;
        }
        if (!n.ipsec_tunnel) {
            n.ipsec_tunnel = s.ipsec_tunnel;
        }
        if (!n.role) {
            n.role = s.role;
        }
        if (!n.exchange) {
            n.exchange = s.exchange;
        }
        if (!n.local) {
            n.local = s.local;
        }
        if (!n.initiator_cookie) {
            n.initiator_cookie = s.initiator_cookie;
        }
        n.proxy_ids.insert(n.proxy_ids.end(), s.proxy_ids.begin(), s.proxy_ids.end());
        merged[i] = true;
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < negotiations.size(); ++i) {
        if (!merged[i]) {
            if (kept != i) {
                negotiations[kept] = std::move(negotiations[i]);
            }
            ++kept;
        }
    }
    negotiations.resize(kept);
}

std::vector<model::negotiation> reconstructor::finish() {
    replay_system_events();
    while (!m_open_numbers.empty()) {
        retire(*m_open_numbers.begin());
    }
    if (m_hold || m_ahead) {
        // System log negotiations merge into ikemgr.log ones: those still here (every one,
        // with hold()) and those kept for it, in start order.
        m_held.merge(m_ready);
        std::vector<model::negotiation> all;
        all.reserve(m_held.size());
        for (auto& [number, n] : m_held) {
            all.push_back(std::move(n));
        }
        m_held.clear();
        merge_system_log(all);
        for (auto& n : all) {
            m_ready.emplace(m_next_number++, std::move(n));
        }
    }
    flush_ready(true);
    m_current.clear();
    m_last_of_input.clear();
    m_idle.clear();
    m_lru.clear();
    return std::exchange(m_collected, {});
}

} // namespace ikediff::diff
