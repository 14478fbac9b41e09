#pragma once
// Boost.Fusion adaptation of parser/ikemgr/ast.hpp, kept apart as in Spirit's rexpr example.

#include "parser/ikemgr/ast.hpp"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::utc_offset, sign, hhmm)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::timestamp,
                          year, month, day, hour, minute, second, fraction, offset)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::context, sa, child)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::prefix, time, level, ctx)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::endpoint, address, port)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::compared, attribute, local, peer)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::transform_ref, proposal, transform)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::rejected,
                          attribute, local_ref, peer_ref, local, peer)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::phase_start, role, phase, local, peer)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::banner, phase, state, role, mode)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::ikev2_banner, phase, state, role, rekey, gateway)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::banner_sa,
                          state, local, peer, version, initiator_spi, responder_spi, sn)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::sa_established,
                          local, peer, initiator_cookie, responder_cookie)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::endpoint_message, local, peer, code)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::endpoint_pair, local, peer)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::phase2_mismatch, attribute, mine, peer)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::key_value, key, value)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::policy_lookup, source, destination, protocol, direction)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::ipsec_sa, protocol, mode, from, to)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::addressed_failure, code, address)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::resend, initiator_cookie, responder_cookie)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::ikev2_sa_state, gateway, code)
BOOST_FUSION_ADAPT_STRUCT(ikediff::parser::ast::phase1_wait, peer, local)
