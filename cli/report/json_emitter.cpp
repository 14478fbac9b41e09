#include "cli/report/json_emitter.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace ikediff::cli {

void json_emitter::string_beyond_ascii(std::string_view s) {
    using json = nlohmann::ordered_json;
    put(json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace));
}

void json_emitter::grow(std::size_t n) { m_out.resize(std::max(2 * m_out.size(), m_length + n + 4096)); }

void json_emitter::open_containers::too_deep() {
    throw std::logic_error("JSON nested deeper than " + std::to_string(k_max_nesting) + " levels");
}

} // namespace ikediff::cli
