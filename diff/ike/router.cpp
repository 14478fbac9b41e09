// The reconstructor (reconstruct.hpp): routes each event to the open negotiation its
// correlation key names, or starts one, and retires negotiations no line can reach any more
// (their key names a newer one, idle, over the cap), handing them on in start order. A
// summary account's entries wait for finish(), where they are replayed and their
// negotiations merged (summary_merge.hpp); what a line adds to its negotiation is the
// assembler's (assemble.hpp).

#include "diff/ike/reconstruct.hpp"

#include <algorithm>
#include <variant>

namespace ikediff::diff {

reconstructor::key reconstructor::key_for(const model::log_event& event) const {
    using by = model::correlation::by;
    key k;
    k.input = stream_of(event.where.input);
    // A kind whose field the line lacks names nothing: the line follows its stream.
    switch (event.key.kind) {
    case by::context:
        if (event.context) {
            k.names = key::space::context;
            k.sa = event.context->sa;
            k.child = event.context->child;
        }
        break;
    case by::peer:
        if (event.peer) {
            k.names = key::space::peer;
            k.tag = event.peer->address;
        }
        break;
    case by::sa_ends:
        // The SA's direction (`IPsec-SA established: ESP/Tunnel A->B`): the negotiation is
        // the one with whichever of A and B is a peer one is open with.
        if (const auto* sa = std::get_if<model::ipsec_sa_established_event>(&event.what)) {
            for (const auto* end : {&sa->from, &sa->to}) {
                key candidate = k;
                candidate.names = key::space::peer;
                candidate.tag = end->address;
                if (m_current.contains(candidate)) {
                    return candidate;
                }
            }
        }
        break;
    case by::subject:
        // An account per object (a gateway, a tunnel), per phase.
        k.names = key::space::subject;
        k.tag = event.gateway   ? *event.gateway
                : event.ipsec_tunnel ? *event.ipsec_tunnel
                : event.peer         ? event.peer->address
                                     : std::string();
        k.tag += ':';
        k.tag += std::to_string(phase_of(event).value_or(1));
        break;
    case by::follow:
    case by::none: break;
    }
    return k;
}

reconstructor::state& reconstructor::state_for(const model::log_event& event) {
    const key k = key_for(event);
    // Lines that follow their stream or name a peer speak of the exchange their stream is in
    // the middle of (a daemon that logs one at a time): one without a key of its own joins
    // the negotiation its stream last spoke of.
    const bool speaks_of_stream = k.names == key::space::stream || k.names == key::space::peer;
    if (k.names == key::space::stream) {
        if (auto last = m_last_spoken_of.find(k.input); last != m_last_spoken_of.end()) {
            if (state& s = m_open.at(last->second); !starts_new(s.draft, event)) {
                return s;
            }
        }
    }
    auto it = m_current.find(k);
    state* current = it == m_current.end() ? nullptr : it->second;
    std::optional<std::uint64_t> replaced;
    if (current == nullptr || starts_new(current->draft, event)) {
        if (current != nullptr) {
            replaced = current->number;
            current->current_as.reset();
        }
        const std::uint64_t number = m_next_number++;
        current = &m_open[number];
        m_current[k] = current;
        m_open_numbers.insert(m_open_numbers.end(), number);
        state& fresh = *current;
        fresh.number = number;
        fresh.current_as = k;
        fresh.stream = k.input;
        begin(fresh.draft, event);
    }
    const std::uint64_t number = current->number;
    std::optional<std::uint64_t> forgotten;
    if (speaks_of_stream) {
        auto [last, added] = m_last_spoken_of.try_emplace(k.input, number);
        if (!added && last->second != number) {
            forgotten = last->second;
            last->second = number;
        }
    }
    // A negotiation no key and no stream points at can take no more lines: it is final.
    for (const auto& old : {replaced, forgotten}) {
        if (old && old != number && m_open.contains(*old)) {
            const state& s = m_open.at(*old);
            const auto last = m_last_spoken_of.find(s.stream);
            if (!s.current_as && (last == m_last_spoken_of.end() || last->second != *old)) {
                retire(*old);
            }
        }
    }
    return *current;
}

std::size_t reconstructor::key_hash::operator()(const key& k) const noexcept {
    std::size_t h = std::hash<std::string>{}(k.tag);
    const std::uint64_t where =
        std::uint64_t{k.input} | std::uint64_t{static_cast<std::uint8_t>(k.names)} << 32;
    for (const std::uint64_t part : {where, k.sa ? std::uint64_t{*k.sa} + 1 : 0,
                                     k.child ? std::uint64_t{*k.child} + 1 : 0}) {
        h = (h ^ part) * 0x100000001b3u; // FNV-1a's prime: spreads each part
    }
    return h;
}

void reconstructor::touch(std::uint64_t number, state& s, std::int64_t ms) {
    const std::int64_t last_ms = std::max(s.last_ms, ms);
    // An established phase 1 does not go idle (dead peer detection may end it hours later):
    // out of the idle index, which then holds only what idleness can close.
    const bool in_idle = !(s.draft.n.result == model::outcome::established && s.draft.n.phase == 1);
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
    if (const auto last = m_last_spoken_of.find(s.stream);
        last != m_last_spoken_of.end() && last->second == number) {
        m_last_spoken_of.erase(last);
    }
    if (!complete(s.draft, m_finishing ? closed_by::log_end : closed_by::log_going_on)) {
        return; // only named endpoints: no attempt of its own
    }
    if (m_ahead && m_ahead->may_take(s.draft.n)) {
        m_held.emplace(number, std::move(s.draft.n)); // a system log entry may merge into it
        return;
    }
    m_ready.emplace(number, std::move(s.draft.n));
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
    if (event.key.kind == model::correlation::by::none) {
        return; // a line of another log: for the rule packs, not for a negotiation
    }
    if (event.key.summary) {
        // A summary account's entries merge into negotiations of any age, at finish(): those
        // they may merge into are known when it was read ahead, or else every one waits.
        m_hold = m_hold || !m_ahead;
        m_summary_events.push_back(std::move(event));
        return;
    }
    state& s = state_for(event);
    const std::uint64_t number = s.number;
    const std::int64_t ms = wall_clock_ms(event.time);
    const std::uint32_t stream = s.stream;
    apply(s.draft, event);
    touch(number, s, ms);
    if (m_hold || !m_emit) {
        return; // collecting: the order of start is kept whatever the window
    }
    retire_idle(stream, ms);
    flush_ready(false);
}

void reconstructor::expect_summaries(std::vector<model::negotiation> from_summary) {
    m_ahead.emplace(std::move(from_summary));
}

void reconstructor::replay_summary_events() {
    replay_order(m_summary_events);
    for (auto& e : m_summary_events) {
        apply(state_for(e).draft, e);
    }
    m_summary_events.clear();
}

std::vector<model::negotiation> reconstructor::finish() {
    replay_summary_events();
    m_finishing = true;
    while (!m_open_numbers.empty()) {
        retire(*m_open_numbers.begin());
    }
    m_finishing = false;
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
        merge_summaries(all);
        for (auto& n : all) {
            m_ready.emplace(m_next_number++, std::move(n));
        }
    }
    flush_ready(true);
    m_current.clear();
    m_last_spoken_of.clear();
    m_idle.clear();
    m_lru.clear();
    return std::exchange(m_collected, {});
}

} // namespace ikediff::diff
