#pragma once
// The ikemgr.log grammar, defined. Include only from ike_grammar.cpp.
// Each rule carries one real log line it matches; fixtures hold those lines too.

#include "parser/ast.hpp"
#include "parser/ast_adapted.hpp"
#include "parser/ike_grammar.hpp"

#include <boost/spirit/home/x3.hpp>

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
        add("lifetime", a::lifetime)("lifebyte", a::lifebyte)("enctype", a::enctype)(
            "encklen", a::encklen)("hashtype", a::hashtype)("authmethod", a::authmethod)(
            "dh_group", a::dh_group)("version", a::version);
    }
};
const phase1_attribute_table phase1_attributes;

/// Fixed phrases a message starts with (behind an endpoint pair or not).
struct phrase_table : x3::symbols<model::event_code> {
    phrase_table() {
        using e = model::event_code;
        add("Compared: DB:Peer", e::compared_begin)(
            "no suitable proposal found", e::no_suitable_proposal)(
            "an acceptable proposal found", e::acceptable_proposal)(
            "failed to get valid proposal", e::failed_to_get_valid_proposal)(
            "begin Identity Protection mode", e::begin_main_mode)(
            "begin Aggressive mode", e::begin_aggressive_mode)(
            "agreed on pre-shared key auth", e::agreed_psk_auth);
    }
};
const phrase_table phrases;

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

struct exchange_mode_table : x3::symbols<model::exchange_mode> {
    exchange_mode_table() {
        add("MAIN", model::exchange_mode::main)("AGGRESSIVE", model::exchange_mode::aggressive);
    }
};
const exchange_mode_table exchange_modes;

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
struct phase1_start_class;
struct banner_class;
struct sa_established_class;
struct endpoint_message_class;
struct phrase_class;

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
const x3::rule<phase1_start_class, ast::phase1_start> phase1_start = "phase 1 start";
const x3::rule<banner_class, ast::banner> banner = "banner";
const x3::rule<sa_established_class, ast::sa_established> sa_established = "ISAKMP-SA established";
const x3::rule<endpoint_message_class, ast::endpoint_message> endpoint_message = "endpoint message";
const x3::rule<phrase_class, model::event_code> phrase = "phrase";
const endpoint_pair_type endpoint_pair = "endpoint pair";
const line_prefix_type line_prefix = "line prefix";
const message_type message = "message";

const auto digits2 = x3::uint_parser<unsigned, 10, 2, 2>{};
const auto digits4 = x3::uint_parser<unsigned, 10, 4, 4>{};
// Character classes are explicit sets, not x3::blank/digit/xdigit: those use Spirit's
// `standard` encoding, which asserts on bytes >= 0x80 (a negative `char`), and real logs
// carry non-UTF-8 bytes.
const auto blank = char_(" \t");
const auto digit = char_("0-9");
const auto blanks = x3::omit[+blank];
const auto opt_blanks = x3::omit[*blank];
const auto level = +char_("A-Z0-9_");
const auto rest_of_line = *char_;
const auto hex = +char_("0-9a-fA-F");

// +0900 (with the blanks before it)
const auto utc_offset_def = blanks >> char_("+-") >> digits4;

// .869
const auto fraction_def = '.' >> +digit;

// 2021-07-06 18:35:17.869 +0900
const auto timestamp_def = digits4 >> '-' >> digits2 >> '-' >> digits2 >> blanks >> digits2 >> ':' >>
                           digits2 >> ':' >> digits2 >> -fraction >> -utc_offset;

// {    9:     }   { 1: }   { 12: 3}
const auto pan_context_def = '{' >> opt_blanks >> uint_ >> opt_blanks >> ':' >> opt_blanks >> -uint_ >>
                         opt_blanks >> '}';

// 2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: hashtype = SHA256:SHA512
const auto pan_prefix_def = timestamp >> opt_blanks >> '[' >> level >> ']' >> ':' >> opt_blanks >>
                            -(pan_context >> ':') >> opt_blanks;

// 2006-07-22 08:19:43: ERROR: rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#4) = SHA:MD5
const auto racoon_prefix_def = timestamp >> ':' >> blanks >> level >> ':' >> opt_blanks >>
                               x3::attr(boost::optional<ast::context>());

// 2016-03-01 14:32:24.890 +0800 debug: pan_ikev2_debug(protocols/ikev2/ikev2.c:6946): ...
const auto pan7_debug_prefix_def = timestamp >> blanks >> +char_("a-z") >> ':' >> opt_blanks >>
                                   x3::attr(boost::optional<ast::context>());

// Copy-pasted lines may be indented.
const auto line_prefix_def = opt_blanks >> (pan_prefix | racoon_prefix | pan7_debug_prefix);

// 200.100.5.1[500]    2001:db8::1[500]
const auto endpoint_def = +char_("0-9a-fA-F.:") >> '[' >> x3::uint_parser<std::uint16_t>{} >> ']';

// hashtype = SHA256:SHA512        (lifetime = 28800:28800)
// authmethod = pre-shared key:pre-shared key
const auto compared_def = -lit('(') >> phase1_attributes >> opt_blanks >> '=' >> opt_blanks >>
                          +(char_ - ':') > ':' > rest_of_line;

// prop#1:trns#1
const auto transform_ref_def = lit("prop#") > uint_ > ':' > "trns#" > uint_;

// rejected hashtype: DB(prop#1:trns#1):Peer(prop#1:trns#1) = SHA256:SHA512
const auto rejected_def = lit("rejected") >> blanks >> phase1_attributes >> ':' > opt_blanks >
                          "DB(" > transform_ref > ')' > ':' > "Peer(" > transform_ref > ')' >
                          opt_blanks > '=' > opt_blanks > +(char_ - ':') > ':' > rest_of_line;

// respond new phase 1 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]
const auto phase1_start_def = start_roles >> lit(" new phase 1 negotiation:") >> opt_blanks >>
                              endpoint >> opt_blanks >> "<=>" >> opt_blanks >> endpoint;

// ====> PHASE-1 NEGOTIATION STARTED AS RESPONDER, MAIN MODE <====
const auto banner_def = lit("====>") >> opt_blanks >> "PHASE-" >> uint_ >> blanks >> "NEGOTIATION" >>
                        blanks >> banner_states >> blanks >> "AS" >> blanks >> banner_roles >>
                        opt_blanks >> ',' >> opt_blanks >> exchange_modes >> blanks >> "MODE";

// ISAKMP-SA established 200.100.5.1[500]-200.100.1.254[500] spi:02f293d180b306a3:8a5d0c1e4b7f9a21
const auto sa_established_def = lit("ISAKMP-SA established") >> blanks >> endpoint >> opt_blanks >>
                                 '-' >> opt_blanks >> endpoint >> blanks >> "spi:" >> hex >> ':' >> hex;

// 200.100.5.1[500] - 200.100.1.254[500]:(nil) failed to get valid proposal.
// 192.168.20.2[500] - 172.16.20.2[500]:0x7fa610013da0 authentication failure
const auto endpoint_message_def = endpoint >> opt_blanks >> '-' >> opt_blanks >> endpoint >> ':' >>
                                  (lit("(nil)") | (lit("0x") >> x3::omit[hex])) >> opt_blanks >>
                                  -phrases;

// initiate new phase 2 negotiation: 200.100.5.1[500]<=>200.100.1.254[500]
const auto endpoint_pair_def = endpoint >> opt_blanks >> "<=>" >> opt_blanks >> endpoint;

// no suitable proposal found.
const auto phrase_def = phrases >> x3::omit[rest_of_line];

// Grammar -----------------------------------------------------------------------------------

const auto message_def = rejected | compared | phase1_start | banner | sa_established |
                         endpoint_message | phrase;

BOOST_SPIRIT_DEFINE(utc_offset, fraction, timestamp, pan_context, pan_prefix, racoon_prefix,
                    pan7_debug_prefix, line_prefix,
                    endpoint, compared, transform_ref, rejected, phase1_start, banner,
                    sa_established, endpoint_message, endpoint_pair, phrase, message)

} // namespace ikediff::parser::grammar
