#pragma once
// Rebuilds negotiations from the parser's events, one event at a time (streaming): routes
// each line to the negotiation it belongs to and retires negotiations no line can reach any
// more (router.cpp); what a line adds to its negotiation is assemble.hpp's, the merge of
// system log negotiations summary_merge.hpp's.
//
// Which negotiation a line belongs to is what its format says (`model::log_event::key`, a
// `model::correlation`); the reconstruction knows no format:
// - `context`: the daemon's own numbering (PAN-OS 8.x+ `{A: B}`: A numbers the IKE SA, B
//   when present a phase 2 SA), so (A, B) keys a negotiation;
// - `peer`: the peer address the line names; `sa_ends`: whichever of the IPsec SA's two ends
//   a negotiation is open with; `follow`, and an SA whose ends name none: the negotiation its
//   stream last spoke of (a daemon that logs one exchange at a time, racoon). A line of any
//   of these three kinds makes its negotiation the one its stream last spoke of;
// - `subject`: an account kept per object (a system log's gateway, tunnel or peer), per phase.
// A start line, or a proposal comparison after the negotiation ended, begins a new
// negotiation on the same key (a reused context, a retry).
//
// When a negotiation is final, `rejected` lines are matched to the `Compared: DB:Peer` blocks
// they describe, and negotiations whose lines only named endpoints are dropped. A summary
// account's negotiation (`correlation::summary`: a system log's) is merged, at `finish()`,
// into the detailed negotiation it duplicates: the same IKE SA cookie, or else the same peer
// and phase within 10 s of wall-clock time, the nearest one, each once.
//
// Memory does not grow with the log: a negotiation is final, and leaves, when no line can
// reach it any more (its key now names a newer negotiation), or when its stream's log time
// has gone `k_idle_ms` past its last line (an established phase 1 excepted: dead peer
// detection may end it hours later), or, the oldest-touched first, when more than
// `k_max_open` are open. Final negotiations are handed on in the order they started, as far
// as a window of `k_max_ready` allows. Summary account entries merge into negotiations of
// any age: with the system log read ahead (`expect_summaries`), a final negotiation one of
// its entries may duplicate waits for `finish()` and the others leave as usual; without
// (`hold()`, or an entry seen unannounced), nothing leaves before `finish()`.

#include "diff/ike/assemble.hpp"
#include "diff/ike/summary_merge.hpp"
#include "model/event.hpp"
#include "model/negotiation.hpp"

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ikediff::diff {

class reconstructor {
public:
    using sink = std::function<void(model::negotiation&&)>;

    /// How long a negotiation may go without a line before it is final (log time).
    static constexpr std::int64_t k_idle_ms = 10 * 60 * 1000;
    /// How many negotiations may be open at once.
    static constexpr std::size_t k_max_open = 8192;
    /// How many final negotiations may wait for an older, still open one.
    static constexpr std::size_t k_max_ready = 4096;

    /// Collects: `finish()` returns every negotiation, in the order they started.
    reconstructor() = default;
    /// Streams: each negotiation goes to `emit` once final; `finish()` sends the rest.
    explicit reconstructor(sink emit) : m_emit(std::move(emit)) {}

    /// Keeps every negotiation until `finish()`, as a system log entry seen without
    /// `expect_summaries` does: for a caller that cannot read its system logs ahead (the CLI
    /// always can: a pipe's is set aside first).
    void hold() { m_hold = true; }
    /// The negotiations the system log entries among the inputs make, read ahead: an
    /// ikemgr.log negotiation one of them may merge into waits for `finish()`, the others
    /// leave as they would without a system log: memory grows with what the system log
    /// names, not with the log. The entries themselves are still added, where their inputs
    /// come, and replayed at finish().
    void expect_summaries(std::vector<model::negotiation> from_system_log);
    /// Declares that input `input` continues stream `stream` (rotated files of one log share
    /// a stream, so their contexts continue across files). By default each input is its own.
    void set_stream(std::uint32_t input, std::uint32_t stream) { m_stream_of[input] = stream; }
    /// Takes the event's text into the negotiation: move it in (a copy is made otherwise).
    void add(model::log_event&& event);
    void add(const model::log_event& event) { add(model::log_event(event)); }
    /// The negotiations not yet handed on, in the order they started (streaming: sent to the
    /// sink, and the vector is empty).
    std::vector<model::negotiation> finish();

private:
    /// Open negotiations of a stream by (time their entry was placed at, number). A line does
    /// not move its negotiation's entry: the time there may be earlier than its last line's
    /// (`state::last_ms`), and retire_idle() puts an entry it finds out of date in its place.
    using idle_index = std::set<std::pair<std::int64_t, std::uint64_t>>;

    /// What names an open negotiation: its stream, and what within the stream the line's
    /// correlation names it by.
    struct key {
        /// What names the negotiation within its stream.
        enum class space : std::uint8_t {
            stream,  ///< nothing: where a line with no key of its own goes when it joins no
                     ///< negotiation its stream last spoke of
            context, ///< the daemon's own numbering: `sa`, `child`
            peer,    ///< a peer address: `tag`
            subject, ///< an account's subject and the line's phase: `tag`, `subject:phase`
        };
        std::uint32_t input = 0; ///< the input's stream
        space names = space::stream;
        std::optional<std::uint32_t> sa;
        std::optional<std::uint32_t> child;
        std::string tag;
        auto operator<=>(const key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const key& k) const noexcept;
    };

    /// An open negotiation: what the assembler holds of it, and where the router's indexes
    /// hold it.
    struct state {
        std::uint64_t number = 0;  ///< its key in m_open
        assembly draft;            ///< the negotiation so far (assemble.hpp)
        std::uint32_t stream = 0;  ///< the stream it reads lines from
        std::int64_t last_ms = 0;  ///< wall-clock time of its last line
        bool touched = false;      ///< it took a line: it is in m_lru
        std::list<std::uint64_t>::iterator lru_at; ///< where in m_lru, when touched
        bool in_idle = false;      ///< in m_idle (an established phase 1 is not)
        idle_index::iterator idle_at; ///< where in m_idle, when in_idle
        std::optional<key> current_as; ///< the key that names it in m_current, if any
    };

    /// The key `event`'s correlation names (sa_ends: the one of the SA's ends a negotiation
    /// is open with, else its stream's).
    key key_for(const model::log_event& event) const;
    /// The open negotiation `event` belongs to (a new one if it starts one).
    state& state_for(const model::log_event& event);
    /// Records that negotiation `number` (`s`) took a line at `ms`.
    void touch(std::uint64_t number, state& s, std::int64_t ms);
    /// Closes negotiation `number`: out of every index, finalised, ready to hand on.
    void retire(std::uint64_t number);
    /// Closes what went idle in `stream` by `now_ms`, and the oldest-touched beyond k_max_open.
    void retire_idle(std::uint32_t stream, std::int64_t now_ms);
    /// Hands on ready negotiations in start order (all of them with `all`).
    void flush_ready(bool all);

    /// Summary account entries wait for finish(), and are then replayed in time order
    /// (replay_order(): a GUI export lists the newest first).
    std::vector<model::log_event> m_summary_events;
    void replay_summary_events();

    sink m_emit;                                ///< empty: collect into m_collected
    std::vector<model::negotiation> m_collected;
    std::uint64_t m_next_number = 0;            ///< negotiations are numbered in start order
    std::unordered_map<std::uint64_t, state> m_open; ///< by number (looked up on every line)
    std::set<std::uint64_t> m_open_numbers;     ///< the numbers of m_open, the oldest first
    std::map<std::uint64_t, model::negotiation> m_ready; ///< final, by number, waiting to go
    /// The open negotiation each key names (in m_open, whose elements stay where they are
    /// until retire() takes them out, and the key with them).
    std::unordered_map<key, state*, key_hash> m_current;
    /// The negotiation each stream last spoke of (by a line that follows its stream or names
    /// a peer): a line without a key of its own joins it.
    std::map<std::uint32_t, std::uint64_t> m_last_spoken_of;
    std::map<std::uint32_t, idle_index> m_idle; ///< by stream
    std::list<std::uint64_t> m_lru; ///< open negotiations by number, the least recently touched first
    /// hold(), or a summary account's entry seen unannounced: nothing leaves before finish().
    bool m_hold = false;
    bool m_finishing = false; ///< in finish(): what is retired now is open at the log's end
    /// Read ahead by expect_summaries(); empty until then.
    std::optional<summary_ahead> m_ahead;
    std::map<std::uint64_t, model::negotiation> m_held; ///< final, kept for the merge at finish()
    std::map<std::uint32_t, std::uint32_t> m_stream_of;
    std::uint32_t stream_of(std::uint32_t input) const {
        const auto it = m_stream_of.find(input);
        return it == m_stream_of.end() ? input : it->second;
    }
};

} // namespace ikediff::diff
