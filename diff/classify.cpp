#include "diff/classify.hpp"

#include <array>

namespace ikediff::diff {

namespace {

using model::failure_class;
using model::outcome;

// The rule table. One row per signal; `meaning` is what the line tells an engineer.
constexpr std::array<rule, 7> k_rules{{
    {signal::rejected_attribute, outcome::unknown, failure_class::no_proposal, 1,
     "a proposal attribute of the peer differs from every local proposal"},
    {signal::no_suitable_proposal, outcome::failed, failure_class::no_proposal, 1,
     "no phase 1 proposal is acceptable to both sides"},
    {signal::failed_to_get_valid_proposal, outcome::failed, failure_class::no_proposal, 1,
     "the firewall found no valid phase 1 proposal and gave up"},
    {signal::acceptable_proposal, outcome::unknown, std::nullopt, 1,
     "the sides agreed on a phase 1 proposal"},
    {signal::isakmp_sa_established, outcome::established, std::nullopt, 1,
     "the IKE (ISAKMP) SA is up"},
    {signal::phase1_succeeded, outcome::established, std::nullopt, 1,
     "phase 1 completed"},
    {signal::phase1_failed, outcome::failed, std::nullopt, 1,
     "phase 1 failed"},
}};

struct signal_visitor {
    std::optional<signal> operator()(const model::phrase_event& p) const {
        switch (p.code) {
        case model::event_code::no_suitable_proposal: return signal::no_suitable_proposal;
        case model::event_code::failed_to_get_valid_proposal: return signal::failed_to_get_valid_proposal;
        case model::event_code::acceptable_proposal: return signal::acceptable_proposal;
        default: return std::nullopt;
        }
    }
    std::optional<signal> operator()(const model::rejected_event&) const { return signal::rejected_attribute; }
    std::optional<signal> operator()(const model::sa_established_event&) const { return signal::isakmp_sa_established; }
    std::optional<signal> operator()(const model::banner_event& b) const {
        if (b.phase != 1) {
            return std::nullopt;
        }
        switch (b.state) {
        case model::banner_event::status::succeeded: return signal::phase1_succeeded;
        case model::banner_event::status::failed: return signal::phase1_failed;
        case model::banner_event::status::started: return std::nullopt;
        }
        return std::nullopt;
    }
    template <class Other>
    std::optional<signal> operator()(const Other&) const { return std::nullopt; }
};

} // namespace

std::optional<signal> signal_of(const model::log_event& event) {
    return std::visit(signal_visitor{}, event.what);
}

const rule& rule_for(signal s) {
    for (const auto& r : k_rules) {
        if (r.signal == s) {
            return r;
        }
    }
    return k_rules.front(); // unreachable: every signal has a row (tests/diff check it)
}

bool classify(model::negotiation& n, const model::log_event& event, std::size_t line_index) {
    const auto s = signal_of(event);
    if (!s) {
        return false;
    }
    const rule& r = rule_for(*s);
    n.evidence.push_back(line_index);
    if (line_index < n.lines.size()) {
        n.lines[line_index].meaning = r.meaning;
    }
    if (r.outcome != outcome::unknown) {
        n.result = r.outcome;
        if (r.outcome == outcome::established) {
            n.failure.reset();
        }
    }
    if (r.failure && n.result != outcome::established) {
        n.failure = r.failure;
        n.phase = r.phase;
    }
    return true;
}

std::string_view meaning(model::failure_class c) {
    switch (c) {
    case failure_class::peer_not_found: return "no IKE gateway matches the peer's address";
    case failure_class::timeout: return "the other side never completed the exchange";
    case failure_class::no_proposal: return "no proposal acceptable to both sides";
    case failure_class::psk_mismatch: return "the pre-shared keys differ";
    case failure_class::proxy_id_mismatch: return "the phase 2 traffic selectors (proxy IDs) differ";
    case failure_class::id_mismatch: return "the IKE identities differ";
    case failure_class::ike_version_mismatch: return "one side speaks IKEv1, the other IKEv2";
    case failure_class::exchange_mode_mismatch: return "main mode against aggressive mode";
    case failure_class::dpd_down: return "an established SA was torn down by dead peer detection";
    }
    return "";
}

} // namespace ikediff::diff
