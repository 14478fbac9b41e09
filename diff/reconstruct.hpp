#pragma once
// Rebuilds negotiations from the parser's events, one event at a time (streaming).
//
// Lines of one negotiation share PAN-OS's `{A: B}` context; classic racoon logs have no
// context, so their lines belong to the negotiation last started in the same input. A
// context reused after its negotiation ended starts a new negotiation. At `finish()`,
// `rejected` lines are matched to the `Compared: DB:Peer` blocks they describe (racoon
// prints both in the same peer-transform x DB-proposal order), which gives each compared
// pair its `prop#:trns#` references.

#include "model/event.hpp"
#include "model/negotiation.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace ikediff::diff {

class reconstructor {
public:
    /// Takes the event's text into the negotiation (hence by value: move it in).
    void add(model::log_event event);
    /// The negotiations, in the order they started. A context whose lines only named
    /// endpoints (no proposal, start, verdict) is no negotiation and is left out.
    std::vector<model::negotiation> finish();

private:
    struct state {
        model::negotiation n;
        std::optional<std::size_t> open_pair; ///< the Compared block being read
        /// Which start lines were seen: racoon's `respond/initiate new phase 1 negotiation`
        /// and PAN-OS's `====> PHASE-1 NEGOTIATION STARTED` banner may both open one
        /// negotiation; a second line of the same kind opens the next one.
        bool started_by_line = false;
        bool started_by_banner = false;
        /// Whether any line said more than which endpoints talk (kept at finish() only then).
        bool informative = false;
        std::vector<std::pair<model::rejected_event, model::source_line>> rejections;
    };

    /// Key of a context: (input, PAN-OS SA number); racoon lines use (input, none).
    using key = std::pair<std::uint32_t, std::optional<std::uint32_t>>;

    state& state_for(const model::log_event& event);
    static bool starts_new(const state& s, const model::log_event& event);
    void apply(state& s, model::log_event& event);

    std::vector<state> m_states;
    std::map<key, std::size_t> m_current;
};

/// Matches `rejected` lines to compared pairs (see reconstructor); exposed for tests.
void attach_rejections(model::negotiation& n,
                       const std::vector<std::pair<model::rejected_event, model::source_line>>& rejections);

} // namespace ikediff::diff
