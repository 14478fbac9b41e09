// The merge of system log negotiations into the ikemgr.log ones they duplicate
// (summary_merge.hpp): the read-ahead index, the interval index the merge finds its
// candidates by, the matching (the nearest attempt, each taken once), the merge itself, and
// the replay order of a summary account's entries.

#include "diff/ike/summary_merge.hpp"

#include "diff/ike/assemble.hpp"
#include "model/address.hpp"

#include <algorithm>
#include <limits>
#include <map>

namespace ikediff::diff {

namespace {

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
    if (n.from_summary || s.phase != n.phase || !s.started || !n.started || !n.ended) {
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

summary_ahead::summary_ahead(std::vector<model::negotiation> from_summary)
    : m_negotiations(std::move(from_summary)) {
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

bool summary_ahead::may_take(const model::negotiation& n) const {
    if (n.from_summary || !n.started || !n.ended) {
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
            if (n.from_summary || !n.started || !n.ended) {
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

std::vector<std::pair<std::size_t, std::size_t>> summary_matches(const std::vector<model::negotiation>& negotiations) {
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    std::vector<bool> taken(negotiations.size(), false); // an ikemgr negotiation that received one
    const attempt_index index(negotiations);
    for (std::size_t i = 0; i < negotiations.size(); ++i) {
        const model::negotiation& s = negotiations[i];
        if (!s.from_summary) {
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

void merge_summaries(std::vector<model::negotiation>& negotiations) {
    // The matches first: a merge changes only the negotiation taken, which no later entry
    // may take.
    std::vector<bool> merged(negotiations.size(), false); // a system log negotiation merged away
    for (const auto& [i, j] : summary_matches(negotiations)) {
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

void replay_order(std::vector<model::log_event>& entries) {
    std::map<std::uint32_t, bool> newest_first;
    for (const auto& e : entries) {
        newest_first.try_emplace(e.where.input, false);
    }
    for (auto& [input, backwards] : newest_first) {
        const model::log_event* first = nullptr;
        const model::log_event* last = nullptr;
        for (const auto& e : entries) {
            if (e.where.input == input) {
                first = first ? first : &e;
                last = &e;
            }
        }
        backwards = first && last && first->time > last->time;
    }
    std::stable_sort(entries.begin(), entries.end(), [&](const model::log_event& a, const model::log_event& b) {
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
}

} // namespace ikediff::diff
