#pragma once
// What each recognised line means for its negotiation, in one table (classify.cpp):
// signal -> outcome, failure class, phase, and a sentence for the reports. Adding a failure
// pattern: an `event_code` and its phrase in the grammar's phrase table (parser/), a
// `signal` and its mapping from the event (signal_of), and a row in the table.

#include "model/event.hpp"
#include "model/negotiation.hpp"

#include <optional>
#include <string_view>

namespace ikediff::diff {

/// What a line says about how its negotiation went.
enum class signal : std::uint8_t {
    rejected_attribute,           ///< `rejected hashtype: DB(...):Peer(...) = A:B`
    no_suitable_proposal,         ///< `no suitable proposal found.`
    failed_to_get_valid_proposal, ///< `... failed to get valid proposal.`
    acceptable_proposal,          ///< `an acceptable proposal found.`
    isakmp_sa_established,        ///< `ISAKMP-SA established A-B spi:...`
    phase1_succeeded,             ///< `====> PHASE-1 NEGOTIATION SUCCEEDED ... <====`
    phase1_failed,                ///< `====> PHASE-1 NEGOTIATION FAILED ... <====`
};

struct rule {
    diff::signal signal;
    /// established / failed, or unknown when the line does not decide the outcome.
    model::outcome outcome;
    std::optional<model::failure_class> failure;
    std::uint32_t phase;       ///< the phase a failure from this line belongs to
    std::string_view meaning;  ///< what the line tells an engineer (static storage)
};

/// The signal a line carries, if any.
std::optional<signal> signal_of(const model::log_event& event);

/// The table row for `s`.
const rule& rule_for(signal s);

/// Applies the line's signal to `n`: outcome, failure class and phase; marks line
/// `line_index` (an index into `n.lines`) as evidence with its meaning. Returns whether the
/// line carried a signal.
bool classify(model::negotiation& n, const model::log_event& event, std::size_t line_index);

/// A sentence explaining a failure class (contract.md section 6).
std::string_view meaning(model::failure_class c);

} // namespace ikediff::diff
