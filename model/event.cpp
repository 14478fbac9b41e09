#include "model/event.hpp"

#include "model/names.hpp"

#include <array>

namespace ikediff::model {

std::string_view to_string(role v) {
    static constexpr std::array<std::string_view, 2> names{"initiator", "responder"};
    return name_in(names, v);
}

std::string_view to_string(exchange v) {
    static constexpr std::array<std::string_view, 6> names{
        "main", "aggressive", "quick", "IKE_SA_INIT", "IKE_AUTH", "CREATE_CHILD_SA"};
    return name_in(names, v);
}

std::string_view to_string(phase1_attribute v) {
    static constexpr std::array<std::string_view, 8> names{
        "lifetime", "lifebytes", "cipher", "key_length", "hash", "auth_method", "dh_group", "version"};
    return name_in(names, v);
}

std::string_view to_string(event_code v) {
    static constexpr std::array<std::string_view, 60> names{
        "compared-begin",
        "rejected-attribute",
        "no-suitable-proposal",
        "acceptable-proposal",
        "failed-to-get-valid-proposal",
        "begin-main-mode",
        "begin-aggressive-mode",
        "agreed-psk-auth",
        "phase1-started",
        "phase1-succeeded",
        "phase1-failed",
        "isakmp-sa-established",
        "configuration-not-found",
        "pskey-not-found",
        "hash-mismatched",
        "invalid-flag",
        "psk-mismatch-likely",
        "authentication-failure",
        "id-mismatched",
        "exchange-type-mismatched",
        "phase1-time-up",
        "retransmit-limit",
        "no-proposal-chosen",
        "peer-sa-unusable",
        "phase2-started",
        "phase2-succeeded",
        "phase2-failed",
        "ipsec-sa-established",
        "begin-compare-proposals",
        "bundle-header",
        "bundle-protocol",
        "bundle-transform",
        "phase2-mismatched",
        "not-matched",
        "no-suitable-policy",
        "sainfo-not-found",
        "policy-not-found",
        "idci-mismatched",
        "ids-mismatch",
        "proxy-id-rejected",
        "phase2-time-up",
        "phase2-time-up-waiting-phase1",
        "phase2-delete-sent",
        "ikev2-started",
        "dh-group-mismatch",
        "ke-payload-missing",
        "no-shared-key",
        "ts-unacceptable",
        "ikev2-not-acceptable",
        "no-ikev2-configuration",
        "no-ikev1-configuration",
        "ikev2-sa-aborted",
        "encryption-not-presented",
        "dpd-down",
        "phase1-resent",
        "phase1-resent-unanswered",
        "ikev2-sa-dying",
        "ikev2-sa-dying-established",
        "line-not-understood",
        "banner-timeout"};
    return name_in(names, v);
}

std::string_view to_string(phase2_attribute v) {
    static constexpr std::array<std::string_view, 7> names{
        "protocol", "encapsulation", "cipher", "key_length", "authentication", "pfs_group", "lifetime"};
    return name_in(names, v);
}

} // namespace ikediff::model
