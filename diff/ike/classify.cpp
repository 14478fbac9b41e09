#include "diff/ike/classify.hpp"

#include <array>

namespace ikediff::diff {

namespace {

using model::event_code;
using model::failure_class;
using model::ike_version;
using model::outcome;

constexpr auto unknown = outcome::unknown;
constexpr auto failed = outcome::failed;
constexpr auto established = outcome::established;
constexpr std::optional<failure_class> none = std::nullopt;
constexpr std::optional<ike_version> any = std::nullopt;
constexpr auto v1 = ike_version::ikev1;
constexpr auto v2 = ike_version::ikev2;

// The rule table: one row per kind of line that decides something. Codes without a row
// (`Compared: DB:Peer`, bundle lines, start lines) only feed the reconstruction.
constexpr std::array k_rules{
    // Phase 1 proposals
    rule{event_code::rejected_attribute, unknown, failure_class::no_proposal, 1, v1,
         "a proposal attribute of the peer differs from every local proposal", std::nullopt, true},
    rule{event_code::no_suitable_proposal, failed, failure_class::no_proposal, 1, v1,
         "no phase 1 proposal is acceptable to both sides"},
    rule{event_code::failed_to_get_valid_proposal, failed, failure_class::no_proposal, 1, v1,
         "the firewall found no valid phase 1 proposal and gave up"},
    rule{event_code::no_proposal_chosen, failed, failure_class::no_proposal, 1, any,
         "the peer accepted none of the firewall's proposals (NO_PROPOSAL_CHOSEN)", std::nullopt, false, true},
    rule{event_code::peer_sa_unusable, failed, failure_class::no_proposal, 1, v1,
         "no suitable proposal in the peer's SA payload"},
    rule{event_code::encryption_not_presented, failed, failure_class::no_proposal, 1, v2,
         "the configured encryption algorithm is not among the peer's proposals", model::exchange::ike_sa_init},
    rule{event_code::dh_group_mismatch, failed, failure_class::no_proposal, 1, v2,
         "the peer's DH group choice differs from the firewall's (INVALID_KE_PAYLOAD)", model::exchange::ike_sa_init},
    rule{event_code::ke_payload_missing, failed, failure_class::no_proposal, 1, v2,
         "the peer's message has no key exchange payload for the chosen DH group", model::exchange::ike_sa_init},
    rule{event_code::acceptable_proposal, unknown, none, 1, v1, "the sides agreed on a phase 1 proposal"},
    // Phase 1 outcome
    rule{event_code::isakmp_sa_established, established, none, 1, v1, "the IKE (ISAKMP) SA is up"},
    rule{event_code::phase1_succeeded, established, none, 1, any, "phase 1 completed"},
    rule{event_code::phase1_failed, failed, none, 1, any, "phase 1 failed"},
    rule{event_code::ikev2_sa_aborted, failed, none, 1, v2, "the IKEv2 SA was aborted"},
    // Peer not found
    rule{event_code::configuration_not_found, failed, failure_class::peer_not_found, 1, any,
         "no IKE gateway is configured for the peer's address"},
    rule{event_code::pskey_not_found, failed, failure_class::peer_not_found, 1, v1,
         "no pre-shared key is configured for the peer's address"},
    // Pre-shared key
    rule{event_code::hash_mismatched, failed, failure_class::psk_mismatch, 1, v1,
         "the peer's HASH payload does not verify: the pre-shared keys differ"},
    rule{event_code::invalid_flag, failed, failure_class::psk_mismatch, 1, v1,
         "the peer's encrypted message decrypts to garbage: the pre-shared keys differ"},
    rule{event_code::psk_mismatch_likely, failed, failure_class::psk_mismatch, 1, any,
         "PAN-OS reports a likely pre-shared key mismatch"},
    rule{event_code::authentication_failure, failed, failure_class::psk_mismatch, 1, any,
         "the peer failed authentication (with pre-shared keys: the keys differ)"},
    rule{event_code::no_shared_key, failed, failure_class::psk_mismatch, 1, v2,
         "no pre-shared key is configured for the peer's identity", model::exchange::ike_auth},
    // Identities, versions, modes
    rule{event_code::id_mismatched, failed, failure_class::id_mismatch, 1, any,
         "the peer's IKE identity is not the one configured"},
    rule{event_code::exchange_type_mismatched, failed, failure_class::exchange_mode_mismatch, 1, v1,
         "the peer uses the other exchange mode (main against aggressive)"},
    rule{event_code::ikev2_not_acceptable, failed, failure_class::ike_version_mismatch, 1, v2,
         "the peer speaks IKEv2, the firewall's gateway is configured for IKEv1"},
    rule{event_code::no_ikev2_configuration, failed, failure_class::ike_version_mismatch, 1, v2,
         "the peer sent an IKEv2 request; the firewall has no IKEv2 gateway for it"},
    rule{event_code::no_ikev1_configuration, failed, failure_class::ike_version_mismatch, 1, v1,
         "the peer sent an IKEv1 request; the firewall has no IKEv1 gateway for it"},
    // Timeouts
    rule{event_code::phase1_time_up, failed, failure_class::timeout, 1, any,
         "phase 1 did not complete in time: the peer never answered"},
    rule{event_code::banner_timeout, failed, failure_class::timeout, 1, any,
         "the negotiation did not complete in time: the peer never answered", std::nullopt, false, true},
    rule{event_code::retransmit_limit, failed, failure_class::timeout, 1, v2,
         "retransmissions exhausted: the peer never answered"},
    rule{event_code::phase2_time_up_waiting_phase1, failed, failure_class::timeout, 1, v1,
         "phase 2 gave up waiting for phase 1 to complete"},
    rule{event_code::phase2_time_up, failed, failure_class::timeout, 2, v1,
         "phase 2 did not complete in time"},
    // racoon's `resend phase1 packet ICOOKIE:0000000000000000`: the exchange's first packet went
    // out again and the peer never answered it. Provisional: a later answer or cause replaces
    // it; a negotiation that ends with nothing else is a timeout (assemble.cpp, `complete`).
    // Either phase: the retransmits go on while a phase 2 waits on them.
    rule{event_code::phase1_resent_unanswered, unknown, failure_class::timeout, 1, v1,
         "the firewall sent its first phase 1 packet again: the peer has not answered", std::nullopt, true, true},
    // Phase 2 proposals
    rule{event_code::phase2_mismatched, unknown, failure_class::no_proposal, 2, v1,
         "a phase 2 attribute differs between the two sides", std::nullopt, true},
    rule{event_code::not_matched, unknown, failure_class::no_proposal, 2, v1,
         "these phase 2 proposals do not match", std::nullopt, true},
    rule{event_code::no_suitable_policy, failed, failure_class::no_proposal, 2, any,
         "no phase 2 proposal is acceptable to both sides"},
    // Proxy IDs / traffic selectors
    rule{event_code::sainfo_not_found, failed, failure_class::proxy_id_mismatch, 2, v1,
         "no phase 2 configuration (proxy ID) matches the peer's traffic selectors"},
    rule{event_code::policy_not_found, failed, failure_class::proxy_id_mismatch, 2, v1,
         "no security policy matches the proposed traffic selectors"},
    rule{event_code::idci_mismatched, failed, failure_class::proxy_id_mismatch, 2, v1,
         "the peer returned other traffic selectors than proposed"},
    rule{event_code::ids_mismatch, failed, failure_class::proxy_id_mismatch, 2, v1,
         "the traffic selectors (proxy IDs) of the two sides differ"},
    rule{event_code::proxy_id_rejected, failed, failure_class::proxy_id_mismatch, 2, any,
         "the peer's proxy ID does not match the tunnel's"},
    rule{event_code::ts_unacceptable, failed, failure_class::proxy_id_mismatch, 2, v2,
         "the traffic selectors are unacceptable to the other side (TS_UNACCEPTABLE)", model::exchange::ike_auth},
    // Phase 2 outcome
    rule{event_code::ipsec_sa_established, established, none, 2, any, "the IPsec SA is up"},
    rule{event_code::phase2_succeeded, established, none, 2, any, "phase 2 completed"},
    rule{event_code::phase2_failed, failed, none, 2, any, "phase 2 failed"},
    // Liveness
    rule{event_code::dpd_down, failed, failure_class::dpd_down, 1, any,
         "dead peer detection declared the peer down and tore the SA down", std::nullopt, false, true},
    // PAN-OS 7.x: `IKEv2 SA state {GW:6-I}: SA dying from state ESTABLISHED, caller ikev2_abort`
    rule{event_code::ikev2_sa_dying_established, failed, failure_class::dpd_down, 1, v2,
         "the established IKEv2 SA was torn down (the liveness check found the peer gone)", std::nullopt, false,
         true},
    rule{event_code::ikev2_sa_dying, unknown, none, 1, v2, "the IKEv2 SA is being deleted", std::nullopt, false, true},
};

} // namespace

std::span<const rule> rules() { return k_rules; }

const rule* rule_for(model::event_code code) {
    // Asked for every recognised line: the table's first rule for each code, looked up by it.
    static const auto by_code = [] {
        std::array<const rule*, 256> first{};
        for (const auto& r : k_rules) {
            auto& slot = first[static_cast<std::uint8_t>(r.code)];
            slot = slot == nullptr ? &r : slot;
        }
        return first;
    }();
    return by_code[static_cast<std::uint8_t>(code)];
}

bool classify(model::negotiation& n, const model::log_event& event, std::size_t line_index) {
    const rule* r = event.code ? rule_for(*event.code) : nullptr;
    if (r == nullptr) {
        return false;
    }
    n.evidence.push_back(line_index);
    if (line_index < n.lines.size()) {
        n.lines[line_index].meaning = r->meaning;
    }
    if (r->version && !n.version) {
        n.version = r->version;
    }
    if (r->ikev2_exchange && n.version == ike_version::ikev2 && !n.exchange) {
        n.exchange = r->ikev2_exchange;
    }
    if (r->outcome != unknown) {
        n.result = r->outcome;
        if (r->outcome == established) {
            n.failure.reset();
            n.failure_provisional = false;
        }
    }
    // The first decisive cause named is the cause: a timeout or a generic failure after
    // `HASH mismatched` is its consequence. A provisional class (one pair of proposals did
    // not match) gives way to a decisive one.
    if (r->failure && n.result != established && (!n.failure || (n.failure_provisional && !r->provisional))) {
        n.failure = r->failure;
        n.failure_provisional = r->provisional;
        n.failure_time = event.time;
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
