// The one translation unit that instantiates the grammar (see grammar.hpp).
#include "parser/ikemgr/grammar_def.hpp"

namespace ikediff::parser::grammar {

BOOST_SPIRIT_INSTANTIATE(line_prefix_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(message_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(endpoint_pair_type, iterator_type, context_type)

const line_prefix_type& line_prefix_parser() { return line_prefix; }
const message_type& message_parser() { return message; }
const endpoint_pair_type& endpoint_pair_parser() { return endpoint_pair; }

const std::vector<std::string>& message_starts() {
    static const std::vector<std::string> starts = collect_message_starts();
    return starts;
}

} // namespace ikediff::parser::grammar
