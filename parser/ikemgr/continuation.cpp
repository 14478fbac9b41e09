#include "parser/ikemgr/continuation.hpp"

#include "model/text.hpp"
#include "parser/ikemgr/fast_path.hpp"

namespace ikediff::parser::ikemgr {

using model::is_blank;

std::optional<std::size_t> prefix_length(std::string_view line) {
    std::size_t first = 0;
    while (first < line.size() && is_blank(line[first])) {
        ++first;
    }
    if (first == line.size() || !model::is_digit(line[first])) {
        return std::nullopt; // every layout opens with the year
    }
    fast_path::pan_prefix_reader reader(line);
    if (reader.read()) {
        return static_cast<std::size_t>(reader.message().data() - line.data());
    }
    const char* p = line.data();
    ast::prefix prefix;
    if (!fast_path::read_prefix(p, line.data() + line.size(), prefix)) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(p - line.data());
}

bool is_hex_dump(std::string_view line) {
    line = model::trim(line);
    if (line.empty()) {
        return false;
    }
    std::size_t run = 0;
    for (char c : line) {
        if (is_blank(c)) {
            run = 0;
        } else if (model::is_hex(c) && ++run <= 8) {
            continue;
        } else {
            return false;
        }
    }
    return true;
}

follower follower_kind(std::string_view line) {
    const std::string_view text = model::trim(line);
    if (text.empty() || is_hex_dump(text)) {
        return follower::none;
    }
    return text.starts_with("====>") ? follower::banner : follower::wrapped;
}

void join_wrapped(std::string& held, std::string_view rest, wrap_cut cut) {
    std::size_t blanks = 0;
    while (blanks < rest.size() && is_blank(rest[blanks])) {
        ++blanks;
    }
    rest.remove_prefix(blanks);
    if (rest.empty()) {
        return;
    }
    const bool ends_blank = !held.empty() && is_blank(held.back());
    const bool inside_words =
        !held.empty() && model::is_alpha(held.back()) && model::is_alpha(rest.front());
    const bool blank =
        cut == wrap_cut::blank || (cut == wrap_cut::as_cut && (blanks > 0 || inside_words));
    if (!ends_blank && blank) {
        held += ' ';
    }
    held.append(rest);
}

} // namespace ikediff::parser::ikemgr
