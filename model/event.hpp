#pragma once
// What one recognised log line says, as a typed value: the parser's output and the
// reconstruction's input. Values inside events are kept as logged (`SHA256`, `DH20`);
// proposals normalise them (model/proposal.hpp).

#include "model/time.hpp"
#include "model/vocabulary.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace ikediff::model {

/// An IKE endpoint as logs print it: `200.100.5.1[500]`.
struct endpoint {
    std::string address;
    std::uint16_t port = 0;
    friend bool operator==(const endpoint&, const endpoint&) = default;
};

/// Where a line came from: input index (into the report's `inputs`), 1-based line and
/// column (a column > 1 means the line was glued behind another one).
struct source_line {
    std::uint32_t input = 0;
    std::uint64_t line = 0;
    std::uint32_t column = 1;
    friend bool operator==(const source_line&, const source_line&) = default;
};

/// PAN-OS's `{ A: B }` context: A numbers a gateway/IKE SA, B (often blank) a phase 2 SA.
struct pan_context {
    std::uint32_t sa = 0;
    std::optional<std::uint32_t> child;
    friend bool operator==(const pan_context&, const pan_context&) = default;
};

enum class role : std::uint8_t { initiator, responder };
enum class exchange : std::uint8_t { main, aggressive, quick, ike_sa_init, ike_auth, create_child_sa };
std::string_view to_string(role v);
std::string_view to_string(exchange v);

/// Attributes of the phase 1 `Compared: DB:Peer` block and of `rejected X:` lines.
enum class phase1_attribute : std::uint8_t {
    lifetime, lifebyte, enctype, encklen, hashtype, authmethod, dh_group, version
};
std::string_view to_string(phase1_attribute v);

/// Fixed phrases the parser recognises in a message; diff/classify.cpp says what each means.
enum class event_code : std::uint8_t {
    compared_begin,               ///< `Compared: DB:Peer`
    no_suitable_proposal,         ///< `no suitable proposal found.`
    acceptable_proposal,          ///< `an acceptable proposal found.`
    failed_to_get_valid_proposal, ///< `A[p] - B[p]:(nil) failed to get valid proposal.`
    begin_main_mode,              ///< `begin Identity Protection mode.`
    begin_aggressive_mode,        ///< `begin Aggressive mode.`
    agreed_psk_auth,              ///< `agreed on pre-shared key auth.`
};
std::string_view to_string(event_code v);

// Event payloads ----------------------------------------------------------------------------

/// A fixed phrase, possibly behind an endpoint pair.
struct phrase_event {
    event_code code;
};

/// One line of a `Compared: DB:Peer` block: `hashtype = SHA256:SHA512`.
struct compared_event {
    phase1_attribute attribute;
    std::string local; ///< DB: this firewall's configuration
    std::string peer;  ///< Peer: what the other device proposed
};

/// `prop#1:trns#1`
struct transform_ref {
    std::uint32_t proposal = 0;
    std::uint32_t transform = 0;
    std::string str() const {
        return "prop#" + std::to_string(proposal) + ":trns#" + std::to_string(transform);
    }
    friend bool operator==(const transform_ref&, const transform_ref&) = default;
};

/// `rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512`
struct rejected_event {
    phase1_attribute attribute;
    transform_ref local_ref;
    transform_ref peer_ref;
    std::string local;
    std::string peer;
};

/// racoon's `respond new phase 1 negotiation: A[500]<=>B[500]` (and `initiate ...`).
struct phase1_start_event {
    model::role role;
};

/// PAN-OS's `====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, MAIN MODE <====`.
struct banner_event {
    enum class status : std::uint8_t { started, succeeded, failed };
    std::uint32_t phase = 1;
    status state = status::started;
    model::role role = role::initiator;
    exchange_mode mode = exchange_mode::main;
};

/// `ISAKMP-SA established A[500]-B[500] spi:ICOOKIE:RCOOKIE`
struct sa_established_event {
    std::string initiator_cookie;
    std::string responder_cookie;
};

/// A message we do not interpret but which names the endpoint pair: it ties its context to
/// a peer (`A[500] - B[500]:0x7fa6... <message>`).
struct endpoints_event {};

using event_payload = std::variant<phrase_event, compared_event, rejected_event,
                                   phase1_start_event, banner_event, sa_established_event,
                                   endpoints_event>;

/// One recognised log line.
struct log_event {
    source_line where;
    timestamp time;
    std::string level;                 ///< as logged: `DEBG`, `PERR`, `ERROR`, ...
    std::optional<pan_context> context; ///< PAN-OS 8.x+ lines only
    std::optional<endpoint> local;     ///< endpoints the line names, local first
    std::optional<endpoint> peer;
    event_payload what;
    std::string text; ///< the message after the line prefix, as logged
};

} // namespace ikediff::model
