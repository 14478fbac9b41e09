#pragma once
// What each kind of line means for its negotiation, in one table (classify.cpp):
// event code -> outcome, failure class, phase, IKE version, and a sentence for the reports.
//
// Adding a failure pattern: an `event_code` (model/event.hpp), the phrase that yields it
// (the grammar's phrase table for a message that starts with it, parser/panos/phrases.cpp
// for one found inside a message or a system log description), and a row here.

#include "model/event.hpp"
#include "model/negotiation.hpp"

#include <optional>
#include <span>
#include <string_view>

namespace ikediff::diff {

struct rule {
    model::event_code code;
    /// established / failed, or unknown when the line does not decide the outcome.
    model::outcome outcome;
    std::optional<model::failure_class> failure;
    std::uint32_t phase;                        ///< the phase the line belongs to
    std::optional<model::ike_version> version;  ///< set when only one IKE version logs it
    std::string_view meaning;                   ///< what the line tells an engineer
    /// The IKEv2 exchange such a failure happens in (racoon2 does not name it).
    std::optional<model::exchange> ikev2_exchange = std::nullopt;
    /// The class is provisional: one pair of proposals failed, another may still match (a
    /// decisive cause named later replaces it).
    bool provisional = false;
    /// The line occurs in either phase (a notify, DPD): it says nothing of its negotiation's phase.
    bool any_phase = false;
};

/// The table row for `code`, or null for a code that decides nothing (`Compared: DB:Peer`).
const rule* rule_for(model::event_code code);

/// Every row, for tests and documentation.
std::span<const rule> rules();

/// Applies the line's rule to `n`: outcome (the latest line decides), failure class (the
/// first decisive cause named stays; an established SA clears it) and IKE version; marks line
/// `line_index` (an index into `n.lines`) as evidence with its meaning. Returns whether the
/// line had a rule.
bool classify(model::negotiation& n, const model::log_event& event, std::size_t line_index);

/// A sentence explaining a failure class (contract.md section 6).
std::string_view meaning(model::failure_class c);

} // namespace ikediff::diff
