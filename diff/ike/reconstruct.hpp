#pragma once
// Rebuilds negotiations from the parser's events, one event at a time (streaming).
//
// Which negotiation a line belongs to:
// - PAN-OS 8.x+ lines share a `{A: B}` context: A numbers the IKE SA, B (when present) a
//   phase 2 SA, so (A, B) keys a negotiation;
// - racoon lines without a context: the peer address when the line names one, otherwise the
//   negotiation the input last spoke of (racoon logs one exchange at a time);
// - system log entries: their gateway (Object column) or peer address, per phase.
// A start line, or a proposal comparison after the negotiation ended, begins a new
// negotiation on the same key (a reused context, a retry).
//
// When a negotiation is final, `rejected` lines are matched to the `Compared: DB:Peer` blocks
// they describe (racoon prints both in peer-transform x DB-proposal order), and contexts whose
// lines only named endpoints are dropped. A negotiation seen in a system log is merged, at
// `finish()`, into the ikemgr.log negotiation it duplicates: the same IKE SA cookie, or else
// the same peer and phase within 10 s of wall-clock time, the nearest one, each once.
//
// Memory does not grow with the log: a negotiation is final, and leaves, when no line can
// reach it any more (its key now names a newer negotiation), or when its stream's log time
// has gone `k_idle_ms` past its last line (an established phase 1 excepted: dead peer
// detection may end it hours later), or, the oldest-touched first, when more than
// `k_max_open` are open. Final negotiations are handed on in the order they started, as far
// as a window of `k_max_ready` allows. System log entries merge into negotiations of any
// age: with the system log read ahead (`expect_system_log`), a final negotiation one of its
// entries may duplicate waits for `finish()` and the others leave as usual; without
// (`hold()`, or an entry seen unannounced), nothing leaves before `finish()`.

#include "model/event.hpp"
#include "model/negotiation.hpp"

#include <compare>
#include <functional>
#include <list>
#include <set>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ikediff::diff {

/// The negotiations a system log makes, read ahead (its reader reads it twice), to tell
/// which ikemgr.log negotiations one of them may merge into.
class system_log_ahead {
public:
    explicit system_log_ahead(std::vector<model::negotiation> from_system_log);
    /// Whether one of them may duplicate `n` (same_attempt): those of the same cookie, and
    /// those that start within `n`'s time give or take the slack and name its peer or none,
    /// are looked at, not every one.
    bool may_take(const model::negotiation& n) const;

private:
    std::vector<model::negotiation> m_negotiations;
    /// (start, index into m_negotiations), by start: every one; those that name no peer;
    /// those that name one, by its address_key.
    using by_start = std::vector<std::pair<std::int64_t, std::size_t>>;
    by_start m_all, m_peerless;
    std::unordered_map<std::string, by_start> m_by_peer;
    std::unordered_multimap<std::string, std::size_t> m_by_cookie;
};

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
    /// `expect_system_log` does: for a caller that cannot read its system logs ahead (the CLI
    /// always can: a pipe's is set aside first).
    void hold() { m_hold = true; }
    /// The negotiations the system log entries among the inputs make, read ahead: an
    /// ikemgr.log negotiation one of them may merge into waits for `finish()`, the others
    /// leave as they would without a system log: memory grows with what the system log
    /// names, not with the log. The entries themselves are still added, where their inputs
    /// come, and replayed at finish().
    void expect_system_log(std::vector<model::negotiation> from_system_log);
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

    struct key {
        std::uint32_t input = 0; ///< the input's stream
        std::optional<std::uint32_t> sa;
        std::optional<std::uint32_t> child;
        std::string tag; ///< racoon peer address, or system log gateway/peer and phase
        auto operator<=>(const key&) const = default;
    };
    struct key_hash {
        std::size_t operator()(const key& k) const noexcept;
    };

    struct state {
        std::uint64_t number = 0; ///< its key in m_open
        model::negotiation n;
        std::optional<std::size_t> open_pair;  ///< the Compared block being read
        std::optional<std::size_t> open_p2;    ///< the quick-mode comparison being read
        model::p2_side p2_side = model::p2_side::peer; ///< whose bundle lines come now
        /// Which start lines were seen: racoon's `respond/initiate new phase N negotiation`
        /// and PAN-OS's `====> PHASE-N NEGOTIATION STARTED` banner may both open one
        /// negotiation; a second line of the same kind opens the next one.
        bool started_by_line = false;
        bool started_by_banner = false;
        /// Whether any line said more than which endpoints talk (kept at finish() only then).
        bool informative = false;
        std::vector<std::pair<model::rejected_event, model::source_line>> rejections;
        std::uint32_t stream = 0;  ///< the stream it reads lines from
        std::int64_t last_ms = 0;  ///< wall-clock time of its last line
        bool touched = false;      ///< it took a line: it is in m_lru
        std::list<std::uint64_t>::iterator lru_at; ///< where in m_lru, when touched
        bool in_idle = false;      ///< in m_idle (an established phase 1 is not)
        idle_index::iterator idle_at; ///< where in m_idle, when in_idle
        std::optional<key> current_as; ///< the key that names it in m_current, if any
    };


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
    static bool starts_new(const state& s, const model::log_event& event);
    void apply(state& s, model::log_event& event);
    static void apply_phase2(state& s, const model::log_event& event);

    /// System log entries wait for finish(): a GUI export lists the newest first, so they
    /// are replayed in time order.
    std::vector<model::log_event> m_system_events;
    void replay_system_events();

    sink m_emit;                                ///< empty: collect into m_collected
    std::vector<model::negotiation> m_collected;
    std::uint64_t m_next_number = 0;            ///< negotiations are numbered in start order
    std::unordered_map<std::uint64_t, state> m_open; ///< by number (looked up on every line)
    std::set<std::uint64_t> m_open_numbers;     ///< the numbers of m_open, the oldest first
    std::map<std::uint64_t, model::negotiation> m_ready; ///< final, by number, waiting to go
    /// The open negotiation each key names (in m_open, whose elements stay where they are
    /// until retire() takes them out, and the key with them).
    std::unordered_map<key, state*, key_hash> m_current;
    std::map<std::uint32_t, std::uint64_t> m_last_of_input; ///< racoon: the last negotiation spoken of (by stream)
    std::map<std::uint32_t, idle_index> m_idle; ///< by stream
    std::list<std::uint64_t> m_lru; ///< open negotiations by number, the least recently touched first
    bool m_hold = false; ///< a system log entry was seen: nothing leaves before finish()
    /// Read ahead by expect_system_log(); empty until then.
    std::optional<system_log_ahead> m_ahead;
    std::map<std::uint64_t, model::negotiation> m_held; ///< final, kept for the merge at finish()
    std::map<std::uint32_t, std::uint32_t> m_stream_of;
    std::uint32_t stream_of(std::uint32_t input) const {
        const auto it = m_stream_of.find(input);
        return it == m_stream_of.end() ? input : it->second;
    }
};

/// Matches `rejected` lines to compared pairs (see reconstructor); exposed for tests.
void attach_rejections(model::negotiation& n,
                       const std::vector<std::pair<model::rejected_event, model::source_line>>& rejections);

/// Merges negotiations built from system log entries into the ikemgr.log negotiations they
/// duplicate; exposed for tests.
void merge_system_log(std::vector<model::negotiation>& negotiations);

/// Which system log negotiation merges into which ikemgr.log one, (system, ikemgr) indexes
/// into `negotiations` in the order merge_system_log() merges them; exposed for tests.
std::vector<std::pair<std::size_t, std::size_t>> system_log_matches(const std::vector<model::negotiation>& negotiations);

/// Whether the system log negotiation `s` may duplicate the ikemgr.log negotiation `n`: the
/// same phase, the same peer when both name one, and the same IKE SA cookie when both have
/// one, or else a start of `s` within `n`'s time give or take 10 s; exposed for tests.
bool same_attempt(const model::negotiation& s, const model::negotiation& n);

/// The phase a line speaks of, if it says.
std::optional<std::uint32_t> phase_of(const model::log_event& event);

} // namespace ikediff::diff
