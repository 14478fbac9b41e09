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
// At `finish()`, `rejected` lines are matched to the `Compared: DB:Peer` blocks they
// describe (racoon prints both in peer-transform x DB-proposal order), contexts whose lines
// only named endpoints are dropped, and a negotiation seen in a system log is merged into the
// ikemgr.log negotiation it duplicates: the same IKE SA cookie, or else the same peer and
// phase within 10 s of wall-clock time, the nearest one, each ikemgr negotiation once.

#include "model/event.hpp"
#include "model/negotiation.hpp"

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ikediff::diff {

class reconstructor {
public:
    /// Declares that input `input` continues stream `stream` (rotated files of one log share
    /// a stream, so their contexts continue across files). By default each input is its own.
    void set_stream(std::uint32_t input, std::uint32_t stream) { m_stream_of[input] = stream; }
    /// Takes the event's text into the negotiation (hence by value: move it in).
    void add(model::log_event event);
    /// The negotiations, in the order they started.
    std::vector<model::negotiation> finish();

private:
    struct state {
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
    };

    struct key {
        std::uint32_t input = 0; ///< the input's stream
        std::optional<std::uint32_t> sa;
        std::optional<std::uint32_t> child;
        std::string tag; ///< racoon peer address, or system log gateway/peer and phase
        auto operator<=>(const key&) const = default;
    };

    key key_for(const model::log_event& event) const;
    state& state_for(const model::log_event& event);
    static bool starts_new(const state& s, const model::log_event& event);
    void apply(state& s, model::log_event& event);
    static void apply_phase2(state& s, const model::log_event& event);

    /// System log entries wait for finish(): a GUI export lists the newest first, so they
    /// are replayed in time order.
    std::vector<model::log_event> m_system_events;
    void replay_system_events();

    std::vector<state> m_states;
    std::map<key, std::size_t> m_current;
    std::map<std::uint32_t, std::size_t> m_last_of_input; ///< racoon: the last negotiation spoken of (by stream)
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

/// The phase a line speaks of, if it says.
std::optional<std::uint32_t> phase_of(const model::log_event& event);

} // namespace ikediff::diff
