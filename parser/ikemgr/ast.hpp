#pragma once
// Attribute types of the ikemgr.log grammar: aggregates the rules fill in. They hold text
// as logged; parser/ikemgr/line_scanner.cpp turns them into model::log_event.

#include "model/event.hpp"

#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace ikediff::parser::ast {

namespace x3 = boost::spirit::x3;

/// `+0900`
struct utc_offset {
    char sign = '+';
    unsigned hhmm = 0;
};

/// `2021-07-06 18:35:17.869 +0900`, `2006-07-22 08:19:43`
struct timestamp {
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    boost::optional<std::string> fraction;
    boost::optional<utc_offset> offset;
};

/// `{    9:     }`
struct context {
    unsigned sa = 0;
    boost::optional<unsigned> child;
};

/// Everything before the message: time, level and (PAN-OS 8.x+) context.
struct prefix {
    ast::timestamp time;
    std::string level;
    boost::optional<ast::context> ctx;
};

/// `200.100.5.1[500]`
struct endpoint {
    std::string address;
    std::uint16_t port = 0;
};

/// `hashtype = SHA256:SHA512`, `(lifetime = 28800:28800)`
struct compared {
    model::phase1_attribute attribute = model::phase1_attribute::lifetime;
    std::string local;
    std::string peer;
};

/// `prop#1:trns#1`
struct transform_ref {
    unsigned proposal = 0;
    unsigned transform = 0;
};

/// `rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512`
struct rejected {
    model::phase1_attribute attribute = model::phase1_attribute::cipher;
    transform_ref local_ref;
    transform_ref peer_ref;
    std::string local;
    std::string peer;
};

/// `respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]` (phase 2 alike)
struct phase_start {
    model::role role = model::role::initiator;
    unsigned phase = 1;
    endpoint local;
    endpoint peer;
};

/// `====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, MAIN MODE <====`
struct banner {
    unsigned phase = 1;
    model::banner_event::status state = model::banner_event::status::started;
    model::role role = model::role::initiator;
    model::exchange mode = model::exchange::main;
};

/// `====> IKEv2 IKE SA NEGOTIATION STARTED AS INITIATOR, non-rekey; gateway GW-X <====`
/// (`CHILD SA`: phase 2)
struct ikev2_banner {
    unsigned phase = 1;
    model::banner_event::status state = model::banner_event::status::started;
    boost::optional<model::role> role;
    boost::optional<bool> rekey; ///< `rekey` true, `non-rekey` false
    boost::optional<std::string> gateway;
};

/// `====> Failed SA: 200.100.5.1[500]-200.100.1.254[500] cookie:02f2...:0000... <====`,
/// `====> Initiated SA: A[500]-B[500] SPI:ISPI:RSPI SN:4 <====`
struct banner_sa {
    model::banner_sa_event::status state = model::banner_sa_event::status::initiated;
    endpoint local;
    endpoint peer;
    model::ike_version version = model::ike_version::ikev1; ///< `cookie:` or `SPI:`
    std::string initiator_spi;
    std::string responder_spi;
    boost::optional<unsigned> sn;
};

/// `ISAKMP-SA established 200.100.5.1[500]-200.100.1.254[500] spi:4f8b...:a1c2...`
struct sa_established {
    endpoint local;
    endpoint peer;
    std::string initiator_cookie;
    std::string responder_cookie;
};

/// `200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal.`
struct endpoint_message {
    endpoint local;
    endpoint peer;
    boost::optional<model::event_code> code;
};

/// `200.100.5.1[500]<=>200.100.1.254[500]` anywhere in a message we do not otherwise know.
struct endpoint_pair {
    endpoint local;
    endpoint peer;
};

/// `trns_id mismatched: my:3DES peer:AES`, `key length mismatched, mine:256 peer:128.`
struct phase2_mismatch {
    model::phase2_attribute attribute = model::phase2_attribute::cipher;
    std::string mine;
    std::string peer;
};

/// `no configuration found for 10.0.0.9.`: a failure naming the peer's address.
struct addressed_failure {
    model::event_code code = model::event_code::configuration_not_found;
    std::string address;
};

/// `proto_id=ESP` inside a quick-mode bundle line.
struct key_value {
    std::string key;
    std::string value;
};
/// `(trns_id=AES encklen=256 authtype=hmac-sha256)`
using bundle_values = std::vector<key_value>;

/// `no policy found: 10.0.1.0/24[0] 10.9.0.0/24[0] proto=any dir=in`
struct policy_lookup {
    std::string source;
    std::string destination;
    std::string protocol;
    std::string direction;
};

/// `IPsec-SA established: ESP/Tunnel 200.100.1.254[500]->200.100.5.1[500] spi=...`
struct ipsec_sa {
    std::string protocol;
    std::string mode;
    endpoint from;
    endpoint to;
};

/// `resend phase1 packet 53b231fc25ce2252:0000000000000000` (racoon's isakmp_ph1resend:
/// the cookies of the phase 1 exchange whose last packet went out again)
struct resend {
    std::string initiator_cookie;
    std::string responder_cookie;
};

/// `IKEv2 SA state {GW:6-I}: SA dying from state ESTABLISHED, caller ikev2_abort` (PAN-OS 7.x):
/// the gateway named in the braces and what the line says of the SA.
struct ikev2_sa_state {
    std::string gateway;
    model::event_code code = model::event_code::ikev2_sa_dying;
};

/// `phase2 negotiation failed due to time up waiting for phase1. ESP 198.51.100.7[500]->192.0.2.1[500]`:
/// racoon names the SA the phase 2 waited for, the peer's end first (sadbsecas2str(dst, src)).
struct phase1_wait {
    endpoint peer;
    endpoint local;
};

/// The message part of a line; a bare `event_code` is a fixed phrase, a bare `p2_side` a
/// quick-mode bundle header (`my single bundle:`).
using body = x3::variant<model::event_code, compared, rejected, phase_start, banner, sa_established,
                         endpoint_message, phase2_mismatch, addressed_failure, model::p2_side,
                         bundle_values, policy_lookup, ipsec_sa, resend, ikev2_sa_state,
                         phase1_wait, ikev2_banner, banner_sa>;

} // namespace ikediff::parser::ast
