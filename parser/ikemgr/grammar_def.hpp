#pragma once
// The ikemgr.log grammar, defined. Include only from grammar.cpp.
// Each rule carries one real log line it matches; fixtures hold those lines too.

#include "parser/ikemgr/ast.hpp"
#include "parser/ikemgr/ast_adapted.hpp"
#include "parser/ikemgr/grammar.hpp"

#include <boost/spirit/home/x3.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace ikediff::parser::grammar {

namespace x3 = boost::spirit::x3;

using x3::char_;
using x3::lit;
using x3::uint_;

// Keyword tables ----------------------------------------------------------------------------

/// Attribute names of the `Compared: DB:Peer` block and of `rejected X:` lines.
struct phase1_attribute_table : x3::symbols<model::phase1_attribute> {
    phase1_attribute_table() {
        using a = model::phase1_attribute;
        add("lifetime", a::lifetime)("lifebyte", a::lifebytes)("enctype", a::cipher)(
            "encklen", a::key_length)("hashtype", a::hash)("authmethod", a::auth_method)(
            "dh_group", a::dh_group)("version", a::version);
    }
};
const phase1_attribute_table phase1_attributes;

/// Fixed phrases a message starts with (behind an endpoint pair or a source location, or
/// not). The longest match wins: `phase1 negotiation failed due to time up` over
/// `phase1 negotiation failed`. Phrases found elsewhere in a message: parser/panos/phrases.cpp.
struct phrase_table : x3::symbols<model::event_code> {
    phrase_table() {
        using e = model::event_code;
        // IKEv1 phase 1 (racoon's messages)
        add("Compared: DB:Peer", e::compared_begin)("no suitable proposal found", e::no_suitable_proposal)(
            "an acceptable proposal found", e::acceptable_proposal)(
            "failed to get valid proposal", e::failed_to_get_valid_proposal)(
            "begin Identity Protection mode", e::begin_main_mode)("begin Aggressive mode", e::begin_aggressive_mode)(
            "agreed on pre-shared key auth", e::agreed_psk_auth)(
            "couldn't find configuration", e::configuration_not_found)("HASH mismatched", e::hash_mismatched)(
            "not acceptable Aggressive mode", e::exchange_type_mismatched)(
            "not acceptable Identity Protection mode", e::exchange_type_mismatched)(
            "invalid flag 0x", e::invalid_flag)("ID mismatched", e::id_mismatched)(
            "exchange type is mismatched", e::exchange_type_mismatched)(
            "phase1 negotiation failed due to time up", e::phase1_time_up)(
            "phase1 negotiation failed", e::phase1_failed)(
            "notification message 14:NO-PROPOSAL-CHOSEN", e::no_proposal_chosen);
        // Phase 2 (quick mode)
        add("begin compare proposals", e::begin_compare_proposals)("not matched", e::not_matched)(
            "no suitable policy found", e::no_suitable_policy)("failed to get sainfo", e::sainfo_not_found)(
            "mismatched IDci was returned", e::idci_mismatched)(
            "check and compare ids : value mismatch", e::ids_mismatch)(
            "phase2 negotiation failed due to time up waiting for phase1", e::phase2_time_up_waiting_phase1)(
            "phase2 negotiation failed due to time up", e::phase2_time_up);
        // racoon's isakmp.c, a quick mode packet for a phase 1 that is not up:
        // `can't start the quick mode, there is no valid ISAKMP-SA, 2b1e03f0a1b2c3d4:9f8e7d6c5b4a3921:4c2a1e07`
        add("can't start the quick mode, there is no valid ISAKMP-SA", e::phase2_time_up_waiting_phase1);
        // IKEv2 (racoon2's messages)
        add("no proposal chosen", e::no_proposal_chosen)(
            "received Notify type NO_PROPOSAL_CHOSEN", e::no_proposal_chosen)(
            "peer's dh group choice does not match mine", e::dh_group_mismatch)(
            "received KE type", e::dh_group_mismatch)("message lacks KE payload", e::ke_payload_missing)(
            "authentication failure", e::authentication_failure)(
            "authentication result: failure", e::authentication_failure)(
            "no shared key with peer", e::no_shared_key)("ts unacceptable", e::ts_unacceptable)(
            "received Notify type TS_UNACCEPTABLE", e::ts_unacceptable)(
            "retransmission count exceeded the limit", e::retransmit_limit)(
            "ikev2 not acceptable by configuration", e::ikev2_not_acceptable)(
            "received IKEv2 request but no IKEv2 configuration for peer", e::no_ikev2_configuration)(
            "received IKEv1 request but no IKEv1 configuration for peer", e::no_ikev1_configuration)(
            "aborting IKEv2 SA", e::ikev2_sa_aborted)("DPD down", e::dpd_down);
        // IKEv2 (PAN-OS 8.x+ ikemgr's own words; Palo Alto documents them with `notify` in
        // lower case, racoon2 writes `Notify`)
        add("IKEv2 proposal doesn't match", e::no_proposal_chosen)(
            "received notify type NO_PROPOSAL_CHOSEN", e::no_proposal_chosen)(
            "received notify type TS_UNACCEPTABLE", e::ts_unacceptable)(
            "received notify type AUTHENTICATION_FAILED", e::authentication_failure)(
            "received Notify type AUTHENTICATION_FAILED", e::authentication_failure);
    }
};
const phrase_table phrases;

/// Phase 2 attribute names of `X mismatched: my:A peer:B` lines.
struct phase2_attribute_table : x3::symbols<model::phase2_attribute> {
    phase2_attribute_table() {
        using a = model::phase2_attribute;
        add("proto_id", a::protocol)("encmode", a::encapsulation)("trns_id", a::cipher)("authtype", a::authentication)(
            "pfs group", a::pfs_group)("lifetime", a::lifetime);
    }
};
const phase2_attribute_table phase2_attributes;

/// Failures that name the peer's address: `no configuration found for 10.0.0.9.`
struct addressed_failure_table : x3::symbols<model::event_code> {
    addressed_failure_table() {
        add("no configuration found for", model::event_code::configuration_not_found)(
            "couldn't find the pskey for", model::event_code::pskey_not_found);
    }
};
const addressed_failure_table addressed_failures;

/// Quick-mode bundle headers.
struct bundle_side_table : x3::symbols<model::p2_side> {
    bundle_side_table() {
        add("my single bundle:", model::p2_side::mine)("peer's single bundle:", model::p2_side::peer);
    }
};
const bundle_side_table bundle_sides;

struct start_role_table : x3::symbols<model::role> {
    start_role_table() { add("respond", model::role::responder)("initiate", model::role::initiator); }
};
const start_role_table start_roles;

struct banner_role_table : x3::symbols<model::role> {
    banner_role_table() { add("RESPONDER", model::role::responder)("INITIATOR", model::role::initiator); }
};
const banner_role_table banner_roles;

struct banner_status_table : x3::symbols<model::banner_event::status> {
    banner_status_table() {
        using s = model::banner_event::status;
        add("STARTED", s::started)("SUCCEEDED", s::succeeded)("FAILED", s::failed);
    }
};
const banner_status_table banner_states;

struct exchange_mode_table : x3::symbols<model::exchange> {
    exchange_mode_table() {
        add("MAIN", model::exchange::main)("AGGRESSIVE", model::exchange::aggressive)("QUICK", model::exchange::quick);
    }
};
const exchange_mode_table exchange_modes;

/// What a PAN-OS 7.x `IKEv2 SA state {GW:6-I}: ...` line says of the SA.
struct ikev2_sa_state_table : x3::symbols<model::event_code> {
    ikev2_sa_state_table() {
        using e = model::event_code;
        // `... IKEv2 SA state {GW:6-I}: SA dying from state ESTABLISHED, caller ikev2_abort` (KB kA10g000000ClgcCAC)
        // (an established SA aborted: what the liveness check does once its retries are spent;
        // without the caller the line does not say why the SA goes)
        add("SA dying from state ESTABLISHED, caller ikev2_abort", e::ikev2_sa_dying_established)(
            "SA dying from state", e::ikev2_sa_dying);
        // docs/log-formats.md section 6's wording (no public copy of the whole line found yet):
        // `... IKEv2 SA state {GW:6-I}: liveness detected loss of connectivity`
        add("liveness detected loss of connectivity", e::dpd_down);
    }
};
const ikev2_sa_state_table ikev2_sa_states;

/// `IKE SA` (phase 1) or `CHILD SA` (phase 2) in an IKEv2 banner.
struct ikev2_sa_kind_table : x3::symbols<unsigned> {
    ikev2_sa_kind_table() { add("IKE SA", 1U)("CHILD SA", 2U)("Child SA", 2U); }
};
const ikev2_sa_kind_table ikev2_sa_kinds;

struct rekey_kind_table : x3::symbols<bool> {
    rekey_kind_table() { add("non-rekey", false)("rekey", true); }
};
const rekey_kind_table rekey_kinds;

/// `Initiated SA:`, `Established SA:`, `Failed SA:` under a banner.
struct banner_sa_state_table : x3::symbols<model::banner_sa_event::status> {
    banner_sa_state_table() {
        using s = model::banner_sa_event::status;
        add("Initiated", s::initiated)("Established", s::established)("Failed", s::failed);
    }
};
const banner_sa_state_table banner_sa_states;

/// How a banner's SA line names the SA: `cookie:I:R` (IKEv1) or `SPI:I:R` (IKEv2).
struct spi_kind_table : x3::symbols<model::ike_version> {
    spi_kind_table() { add("cookie:", model::ike_version::ikev1)("SPI:", model::ike_version::ikev2); }
};
const spi_kind_table spi_kinds;

/// Reasons a banner gives on a line of their own: `====> Due to timeout. <====` (of the
/// banner's phase, PHASE-1 or PHASE-2).
struct banner_reason_table : x3::symbols<model::event_code> {
    banner_reason_table() {
        add("Due to timeout", model::event_code::banner_timeout)(
            "Due to negotiation timeout", model::event_code::banner_timeout);
    }
};
const banner_reason_table banner_reasons;

// Rule IDs ----------------------------------------------------------------------------------

struct utc_offset_class;
struct timestamp_class;
struct pan_context_class;
struct fraction_class;
struct pan_prefix_class;
struct racoon_prefix_class;
struct pan7_debug_prefix_class;
struct endpoint_class;
struct compared_class;
struct transform_ref_class;
struct rejected_class;
struct phase_start_class;
struct phase2_mismatch_class;
struct key_length_mismatch_class;
struct long_lifetime_class;
struct addressed_failure_class;
struct bundle_values_class;
struct key_value_class;
struct policy_lookup_class;
struct ipsec_sa_class;
struct source_location_class;
struct banner_class;
struct ikev2_banner_class;
struct banner_sa_class;
struct banner_reason_class;
struct sa_established_class;
struct endpoint_message_class;
struct phrase_class;
struct host_class;
struct portless_endpoint_class;
struct resend_class;
struct phase1_wait_class;
struct ikev2_sa_state_class;

// Rules -------------------------------------------------------------------------------------

const x3::rule<utc_offset_class, ast::utc_offset> utc_offset = "utc offset";
const x3::rule<timestamp_class, ast::timestamp> timestamp = "timestamp";
const x3::rule<pan_context_class, ast::context> pan_context = "context";
const x3::rule<fraction_class, std::string> fraction = "fraction";
const x3::rule<pan_prefix_class, ast::prefix> pan_prefix = "PAN-OS prefix";
const x3::rule<racoon_prefix_class, ast::prefix> racoon_prefix = "racoon prefix";
const x3::rule<pan7_debug_prefix_class, ast::prefix> pan7_debug_prefix = "PAN-OS 7.x debug prefix";
const x3::rule<endpoint_class, ast::endpoint> endpoint = "endpoint";
const x3::rule<compared_class, ast::compared> compared = "compared value";
const x3::rule<transform_ref_class, ast::transform_ref> transform_ref = "prop#N:trns#N";
const x3::rule<rejected_class, ast::rejected> rejected = "rejected line";
const x3::rule<phase_start_class, ast::phase_start> phase_start = "phase start";
const x3::rule<phase2_mismatch_class, ast::phase2_mismatch> phase2_mismatch = "phase 2 mismatch";
const x3::rule<key_length_mismatch_class, ast::phase2_mismatch> key_length_mismatch = "key length mismatch";
const x3::rule<long_lifetime_class, ast::phase2_mismatch> long_lifetime = "long lifetime proposed";
const x3::rule<addressed_failure_class, ast::addressed_failure> addressed_failure = "failure naming an address";
const x3::rule<bundle_values_class, ast::bundle_values> bundle_values = "bundle values";
const x3::rule<key_value_class, ast::key_value> key_value = "key=value";
const x3::rule<policy_lookup_class, ast::policy_lookup> policy_lookup = "policy lookup";
const x3::rule<ipsec_sa_class, ast::ipsec_sa> ipsec_sa = "IPsec-SA established";
const x3::rule<source_location_class> source_location = "source location";
const x3::rule<banner_class, ast::banner> banner = "banner";
const x3::rule<ikev2_banner_class, ast::ikev2_banner> ikev2_banner = "IKEv2 banner";
const x3::rule<banner_sa_class, ast::banner_sa> banner_sa = "banner SA line";
const x3::rule<banner_reason_class, model::event_code> banner_reason = "banner reason";
const x3::rule<sa_established_class, ast::sa_established> sa_established = "ISAKMP-SA established";
const x3::rule<endpoint_message_class, ast::endpoint_message> endpoint_message = "endpoint message";
const x3::rule<phrase_class, model::event_code> phrase = "phrase";
const x3::rule<host_class, std::string> host = "address or host name";
const x3::rule<portless_endpoint_class, ast::endpoint> portless_endpoint = "endpoint, port optional";
const x3::rule<resend_class, ast::resend> resend = "resend phase1 packet";
const x3::rule<phase1_wait_class, ast::phase1_wait> phase1_wait = "phase 2 waiting for phase 1, with its SA";
const x3::rule<ikev2_sa_state_class, ast::ikev2_sa_state> ikev2_sa_state = "IKEv2 SA state";
const endpoint_pair_type endpoint_pair = "endpoint pair";
const line_prefix_type line_prefix = "line prefix";
const message_type message = "message";

const auto digits2 = x3::uint_parser<unsigned, 10, 2, 2>{};
const auto digits4 = x3::uint_parser<unsigned, 10, 4, 4>{};
// Character classes are explicit sets, not x3::blank/digit/xdigit: those use Spirit's
// `standard` encoding, which asserts on bytes >= 0x80 (a negative `char`), and real logs
// carry non-UTF-8 bytes.
const auto blank = char_(" \t");
// Text a rule keeps is captured with x3::raw[...]: the matched range assigned at once, where
// a repetition of char_ would append to the string a character at a time.
const auto digit = char_("0-9");
const auto blanks = x3::omit[+blank];
const auto opt_blanks = x3::omit[*blank];
const auto level = x3::raw[+char_("A-Z0-9_")];
const auto rest_of_line = x3::raw[*char_];
const auto hex = x3::raw[+char_("0-9a-fA-F")];

// +0900 (with the blanks before it)
const auto utc_offset_def = blanks >> char_("+-") >> digits4;

// .869
const auto fraction_def = '.' >> x3::raw[+digit];

// 2021-07-06 18:35:17.869 +0900
const auto timestamp_def = digits4 >> '-' >> digits2 >> '-' >> digits2 >> blanks >> digits2 >> ':' >>
                           digits2 >> ':' >> digits2 >> -fraction >> -utc_offset;

// {    9:     }:   { 1: }:   { 12: 3}:   (with the colon after it: a context not followed by
// one is no context, and leaves nothing behind in the prefix). Web copies escape the braces:
// 2021-07-06 18:35:17.870 +0900  [PERR]: \{ 9: \}: no suitable proposal found.
const auto pan_context_def = -lit('\\') >> '{' >> opt_blanks >> uint_ >> opt_blanks >> ':' >> opt_blanks >> -uint_ >>
                             opt_blanks >> -lit('\\') >> '}' >> ':';

// 2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: hashtype = SHA256:SHA512
const auto pan_prefix_def = timestamp >> opt_blanks >> '[' >> level >> ']' >> ':' >> opt_blanks >>
                            -pan_context >> opt_blanks;

// 2006-07-22 08:19:43: ERROR: rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#4) = SHA:MD5
const auto racoon_prefix_def = timestamp >> ':' >> blanks >> level >> ':' >> opt_blanks >>
                               x3::attr(boost::optional<ast::context>());

// 2016-03-01 14:32:24.890 +0800 debug: pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): ...
const auto pan7_debug_prefix_def = timestamp >> blanks >> x3::raw[+char_("a-z")] >> ':' >> opt_blanks >>
                                   x3::attr(boost::optional<ast::context>());

// Copy-pasted lines may be indented.
const auto line_prefix_def = opt_blanks >> (pan_prefix | racoon_prefix | pan7_debug_prefix);

// 200.100.5.1    2001:db8::1    ip.of.vpn.gateway    xxxx    <peer-ip>: an address, or what a poster
// put in its place (a host name, a placeholder); a `-` only inside a name, so that
// `83.36.51.44->111.111.111.194` ends the first address before its arrow.
const auto host_def = x3::raw[(+(char_("0-9a-zA-Z_.:") | (char_('-') >> &char_("0-9a-zA-Z_")))) |
                              ('<' >> +char_("0-9a-zA-Z_.:-") >> '>')];

// 200.100.5.1[500]    2001:db8::1[500]    ip.of.vpn.gateway[500]
// 80.34.246.154 [500]   (ISAKMP-SA established 80.34.246.154 [500]-217.127.190.50[500] spi:...)
const auto endpoint_def = host >> opt_blanks >> '[' >> x3::uint_parser<std::uint16_t>{} >> ']';

// 83.36.51.44   (IPsec-SA established: ESP/Tunnel 83.36.51.44->111.111.111.194 spi=188599340(0xb3dcc2c))
// 200.100.1.254[500]
// (no port only where no `[` follows: `2.2.2.2[99999]` is no endpoint at all)
const auto portless_endpoint_def =
    host >> ((opt_blanks >> '[' >> x3::uint_parser<std::uint16_t>{} >> ']') |
             (!(opt_blanks >> '[') >> x3::attr(std::uint16_t{0})));

// hashtype = SHA256:SHA512        (lifetime = 28800:28800)
// authmethod = pre-shared key:pre-shared key
const auto compared_def = -lit('(') >> phase1_attributes >> opt_blanks >> '=' >> opt_blanks >>
                          x3::raw[+(char_ - ':')] > ':' > rest_of_line;

// prop#1:trns#1
const auto transform_ref_def = lit("prop#") > uint_ > ':' > "trns#" > uint_;

// rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512
// rejected authmethod: DB (prop#1:trns#1):Peer(prop#1:trns#2) = pre-shared key:GSS-API on Kerberos 5
// rejected hashtype: DB(prop#1:trns#1):Peer (prop#1:trns#4) = SHA:MD5
const auto rejected_def = lit("rejected") >> blanks >> phase1_attributes >> ':' > opt_blanks > "DB" > opt_blanks >
                          '(' > transform_ref > ')' > ':' > opt_blanks > "Peer" > opt_blanks > '(' > transform_ref > ')' >
                          opt_blanks > '=' > opt_blanks > x3::raw[+(char_ - ':')] > ':' > rest_of_line;

// respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]
// initiate new phase 2 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]
const auto phase_start_def = start_roles >> lit(" new phase") >> blanks >> uint_ >> blanks >> "negotiation:" >>
                             opt_blanks >> endpoint >> opt_blanks >> "<=>" >> opt_blanks >> endpoint;

// trns_id mismatched: my:3DES peer:AES        pfs group mismatched: my:14 peer:2
// pfs group mismatched:my: 2peer: 0      (sic, as PAN-OS prints it too)
const auto phase2_mismatch_def = phase2_attributes >> blanks >> "mismatched:" > opt_blanks > "my:" > opt_blanks >
                                 x3::raw[+(char_ - blank - lit("peer:"))] > opt_blanks > "peer:" > opt_blanks >
                                 x3::raw[+(char_ - blank - '.')];

// key length mismatched, mine:256 peer:128.
const auto key_length_mismatch_def = lit("key length mismatched,") >> x3::attr(model::phase2_attribute::key_length) >
                                     opt_blanks > "mine:" > x3::raw[+(char_ - blank)] > blanks > "peer:" >
                                     x3::raw[+(char_ - blank - '.')];

// long lifetime proposed: my:3600 peer:28800
const auto long_lifetime_def = lit("long lifetime proposed:") >> x3::attr(model::phase2_attribute::lifetime) >
                               opt_blanks > "my:" > x3::raw[+(char_ - blank)] > blanks > "peer:" > x3::raw[+(char_ - blank - '.')];

// no configuration found for 10.0.0.9.        couldn't find the pskey for 2001:db8::9.
// couldn't find the pskey for 222.155.15.88.   (and a host name or placeholder in its place)
const auto addressed_failure_def = addressed_failures >> blanks >> host >> x3::omit[*char_];

// proto_id=ESP
const auto key_value_def = x3::raw[+char_("a-z_")] >> '=' >> x3::raw[+(char_ - blank - ')')];

// (proto_id=ESP spisize=4 spi=00000000 spi_p=00000000 encmode=Tunnel reqid=0:0)
//  (trns_id=AES encklen=256 authtype=hmac-sha256)
const auto bundle_values_def = &(lit("(proto_id=") | "(trns_id=") >> '(' > (key_value % blanks) > opt_blanks > ')';

// no policy found: 10.0.1.0/24[0] 10.9.0.0/24[0] proto=any dir=in
const auto policy_lookup_def = lit("no policy found:") > opt_blanks > x3::raw[+(char_ - blank)] > blanks >
                               x3::raw[+(char_ - blank)] > blanks > "proto=" > x3::raw[+(char_ - blank)] > blanks > "dir=" >
                               x3::raw[+(char_ - blank)];

// IPsec-SA established: ESP/Tunnel 200.100.1.254[500]->200.100.5.1[500] spi=123456(0x1e240)
// IPsec-SA established: ESP/Tunnel 83.36.51.44->111.111.111.194 spi=188599340(0xb3dcc2c)
const auto ipsec_sa_def = lit("IPsec-SA established:") >> opt_blanks >> x3::raw[+char_("A-Za-z")] >> '/' >>
                          x3::raw[+char_("A-Za-z")] >> blanks >> portless_endpoint >> opt_blanks >> "->" >>
                          opt_blanks >> portless_endpoint;

// phase2 negotiation failed due to time up waiting for phase1. ESP ip.of.vpn.gateway[500]->192.168.1.60[500]
// (without the SA, `phrase` reads it)
const auto phase1_wait_def = lit("phase2 negotiation failed due to time up waiting for phase1") >> -lit('.') >>
                             blanks >> x3::omit[+char_("A-Za-z")] >> blanks >> endpoint >> opt_blanks >> "->" >>
                             opt_blanks >> endpoint >> x3::omit[rest_of_line];

// resend phase1 packet 800d8ae83243773b:0000000000000000
const auto resend_def = lit("resend phase1 packet") >> blanks >> hex >> ':' >> hex >> x3::omit[rest_of_line];

// pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): ... IKEv2 SA state {GW:6-I}: SA dying from state ESTABLISHED, caller ikev2_abort
// (the `... ` is in the knowledge base's copy; the location before it is `source_location`'s)
const auto ikev2_sa_state_def = -(lit("...") >> opt_blanks) >> lit("IKEv2 SA state") >> opt_blanks >> '{' >>
                                x3::raw[+(char_ - ':' - '}')] >> ':' >> x3::omit[*(char_ - '}')] >> '}' >> ':' >>
                                opt_blanks >> ikev2_sa_states >> x3::omit[rest_of_line];

// racoon2 (PAN-OS 7.x): `ike_sa.c:275:ikev2_abort(): 6:` before the endpoints;
// PAN-OS 7.x debug: `pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): `
const auto source_location_def =
    ((+char_("a-zA-Z0-9_.") >> ':' >> uint_ >> ':' >> +char_("a-zA-Z0-9_") >> "():" >> opt_blanks >>
      -(uint_ >> ':')) |
     (+char_("a-zA-Z0-9_") >> '(' >> *(char_ - ')') >> "):" >> opt_blanks));

// ====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, MAIN MODE <====
const auto banner_def = lit("====>") >> opt_blanks >> "PHASE-" >> uint_ >> blanks >> "NEGOTIATION" >>
                        blanks >> banner_states >> blanks >> "AS" >> blanks >> banner_roles >>
                        opt_blanks >> ',' >> opt_blanks >> exchange_modes >> blanks >> "MODE";

// GW-X    (in `; gateway GW-X <====`)
const auto gateway_name = x3::rule<struct gateway_name_class, std::string>{"gateway name"} =
    x3::raw[+(char_ - blank - char_("<;,"))];

// ====> IKEv2 IKE SA NEGOTIATION STARTED AS INITIATOR, non-rekey; gateway GW-X <====
// ====> IKEv2 CHILD SA NEGOTIATION SUCCEEDED AS RESPONDER, rekey; gateway GW-X <====
// IKEv2 IKE SA NEGOTIATION SUCCEEDED      (as a README quotes ikemgr.log, with no role)
const auto ikev2_banner_def = -(lit("====>") >> opt_blanks) >> "IKEv2" >> blanks >> ikev2_sa_kinds >> blanks >>
                              "NEGOTIATION" >> blanks >> banner_states >>
                              -(blanks >> "AS" >> blanks >> banner_roles) >> opt_blanks >>
                              -(',' >> opt_blanks >> rekey_kinds) >> opt_blanks >>
                              -(';' >> opt_blanks >> "gateway" >> blanks >> gateway_name) >>
                              x3::omit[rest_of_line];

// ====> Failed SA: 200.100.5.1[500]-200.100.1.254[500] cookie:02f293d180b306a3:0000000000000000 <====
// ====> Initiated SA: 192.0.2.1[500]-198.51.100.2[500] SPI:8669654ab024e4ae:cabd66d702c02131 SN:4 <====
const auto banner_sa_def = lit("====>") >> opt_blanks >> banner_sa_states >> blanks >> "SA:" >> opt_blanks >>
                           endpoint >> opt_blanks >> '-' >> opt_blanks >> endpoint >> blanks >> spi_kinds >>
                           hex >> ':' >> hex >> -(blanks >> "SN:" >> uint_) >> x3::omit[rest_of_line];

// ====> Due to timeout. <====          ====> received notify type NO_PROPOSAL_CHOSEN <====
const auto banner_reason_def = lit("====>") >> opt_blanks >> (banner_reasons | phrases) >> x3::omit[rest_of_line];

// ISAKMP-SA established 200.100.5.1[500]-200.100.1.254[500] spi:02f293d180b306a3:8a5d0c1e4b7f9a21
const auto sa_established_def = lit("ISAKMP-SA established") >> blanks >> endpoint >> opt_blanks >>
                                 '-' >> opt_blanks >> endpoint >> blanks >> "spi:" >> hex >> ':' >> hex;

// 200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal.
// 192.168.20.2[500] - 172.16.20.2[500]:0x7fa610013da0 authentication failure
// 6:1.1.1.1[500] - 2.2.2.2[500]:(nil):aborting IKEv2 SA GW:6     (racoon2, after its location)
const auto endpoint_message_def = endpoint >> opt_blanks >> '-' >> opt_blanks >> endpoint >> ':' >>
                                  (lit("(nil)") | (lit("0x") >> x3::omit[hex])) >> -lit(':') >> opt_blanks >>
                                  -phrases;

// initiate new phase 2 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]
const auto endpoint_pair_def = endpoint >> opt_blanks >> "<=>" >> opt_blanks >> endpoint;

// no suitable proposal found.
const auto phrase_def = phrases >> x3::omit[rest_of_line];

// Grammar -----------------------------------------------------------------------------------

const auto message_def = x3::omit[-source_location] >>
                         (rejected | compared | phase_start | banner | ikev2_banner | banner_sa | banner_reason |
                          sa_established | endpoint_message |
                          phase2_mismatch | key_length_mismatch | long_lifetime | addressed_failure | bundle_sides | bundle_values |
                          policy_lookup | ipsec_sa | resend | ikev2_sa_state | phase1_wait | phrase);

// The literals `message` can begin with (grammar.hpp). Keep in step with the
// alternatives above: each literal that opens one is listed here, each symbol table that
// opens one is walked. tests/parser/fast_path_test.cpp checks every fixture line against it.
inline std::vector<std::string> collect_message_starts() {
    std::vector<std::string> starts = {
        "rejected",                // rejected
        "(",                       // compared `(lifetime = ...)`, bundle_values
        "====>",                   // banner, ikev2_banner, banner_sa, banner_reason
        "IKEv2",                   // ikev2_banner without its arrow
        "ISAKMP-SA established",   // sa_established
        "key length mismatched,",  // key_length_mismatch
        "long lifetime proposed:", // long_lifetime
        "no policy found:",        // policy_lookup
        "IPsec-SA established:",   // ipsec_sa
        "resend phase1 packet",    // resend
        "...",                     // ikev2_sa_state
        "IKEv2 SA state",          // ikev2_sa_state
    };
    const auto add = [&starts](const std::string& text, const auto&) { starts.push_back(text); };
    phase1_attributes.for_each(add); // compared
    start_roles.for_each(add);       // phase_start
    phase2_attributes.for_each(add); // phase2_mismatch
    addressed_failures.for_each(add);
    bundle_sides.for_each(add);
    phrases.for_each(add); // phrase
    std::sort(starts.begin(), starts.end());
    starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
    return starts;
}

BOOST_SPIRIT_DEFINE(utc_offset, fraction, timestamp, pan_context, pan_prefix, racoon_prefix,
                    pan7_debug_prefix, line_prefix, endpoint, compared, transform_ref, rejected,
                    phase_start, banner, ikev2_banner, banner_sa, banner_reason, sa_established, endpoint_message, endpoint_pair,
                    phase2_mismatch, key_length_mismatch, long_lifetime, addressed_failure, bundle_values, key_value, policy_lookup,
                    ipsec_sa, source_location, phrase, message, host, portless_endpoint, resend, ikev2_sa_state, phase1_wait)

} // namespace ikediff::parser::grammar
