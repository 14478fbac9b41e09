#pragma once
// The ikemgr.log grammar, declared. Rules are defined in grammar_def.hpp and
// instantiated once, in grammar.cpp, so only that translation unit pays Spirit X3's
// compile cost (the layout of Spirit's rexpr example).
//
// Two entry points, applied one after the other by parser/ikemgr/line_scanner.cpp:
// - `line_prefix_parser()` reads `2021-07-06 18:35:17.869 +0900  [DEBG]: {    9:     }: ` (PAN-OS
//   8.x+, spaced or collapsed), `2016-03-01 14:32:24.890 +0800 debug: ` (PAN-OS 7.x debug) and
//   `2006-07-22 08:19:43: ERROR: ` (classic racoon);
// - `message_parser()` reads what follows. It fails on a message it does not know (noise) and
//   throws x3::expectation_failure on one it knows but cannot read (malformed).
// - `endpoint_pair_parser()` reads `A[port]<=>B[port]` where the facade finds `<=>` in a
//   message `message()` does not know.

#include "parser/ikemgr/ast.hpp"

#include <boost/spirit/home/x3.hpp>

#include <string>
#include <vector>

namespace ikediff::parser::grammar {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;
using context_type = x3::unused_type;

struct line_prefix_class;
struct message_class;
struct endpoint_pair_class;
using line_prefix_type = x3::rule<line_prefix_class, ast::prefix>;
using message_type = x3::rule<message_class, ast::body>;
using endpoint_pair_type = x3::rule<endpoint_pair_class, ast::endpoint_pair>;

BOOST_SPIRIT_DECLARE(line_prefix_type, message_type, endpoint_pair_type)

/// The texts a message the grammar reads can begin with (after the line prefix): every
/// literal and symbol that opens an alternative of `message`, taken from the symbol tables
/// themselves. A message that begins with none of them (a blank in them standing for any run
/// of blanks, as the parse of a message with its blanks collapsed allows), and that is
/// neither `ADDRESS[port]...` nor opened by a source location, is noise whatever follows: the
/// facade's fast path for debug lines (parser/ikemgr/line_scanner.cpp).
const std::vector<std::string>& message_starts();

/// The rules themselves, for x3::parse.
const line_prefix_type& line_prefix_parser();
const message_type& message_parser();
const endpoint_pair_type& endpoint_pair_parser();

} // namespace ikediff::parser::grammar
