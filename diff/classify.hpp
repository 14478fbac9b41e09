#pragma once
// What each recognised line means for its negotiation, in one table (classify.cpp):
// signal -> outcome, failure class, phase, and a sentence for the reports. Adding a
// failure pattern means adding a phrase to the grammar and a row here; nothing else.

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
    std::uint32_t phase;
    std::string_view meaning;
};

/// The signal a line carries, if any.
std::optional<signal> signal_of(const model::log_event& event);

/// The table row for `s`.
const rule& rule_for(signal s);

/// Applies the line's signal to `n`: outcome, failure class, and marks line `line_index`
/// (an index into `n.lines`) as evidence. Returns whether the line carried a signal.
bool classify(model::negotiation& n, const model::log_event& event, std::size_t line_index);

/// A sentence explaining a failure class (contract.md section 6).
std::string_view meaning(model::failure_class c);

} // namespace ikediff::diff
