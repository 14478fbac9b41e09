#include "parser/system_log/cli_row.hpp"

#include "model/text.hpp"
#include "parser/panos/csv.hpp"

#include <array>

namespace ikediff::parser {

namespace {

constexpr std::size_t k_npos = std::string_view::npos;
constexpr std::string_view k_time_shape = "dddd/dd/dd dd:dd:dd ";

constexpr std::array<std::string_view, 5> k_severities{"critical", "high", "medium", "low",
                                                       "informational"};
/// The fewest letters of a severity a cut column keeps (`low` is whole).
constexpr std::size_t k_min_severity = 3;

using model::is_blank;
using model::is_digit;

/// `YYYY/MM/DD hh:mm:ss ` at `at`.
bool time_shape_at(std::string_view line, std::size_t at) {
    if (line.size() - at < k_time_shape.size()) {
        return false;
    }
    for (std::size_t i = 0; i < k_time_shape.size(); ++i) {
        const char c = line[at + i];
        if (k_time_shape[i] == 'd' ? !is_digit(c) : c != k_time_shape[i]) {
            return false;
        }
    }
    return true;
}

std::size_t skip_blanks(std::string_view s, std::size_t at) {
    while (at < s.size() && is_blank(s[at])) {
        ++at;
    }
    return at;
}

/// The word at `at` (up to a blank), `at` moved past it and the blanks after it.
std::string_view next_word(std::string_view s, std::size_t& at) {
    const std::size_t start = at;
    while (at < s.size() && !is_blank(s[at])) {
        ++at;
    }
    const std::string_view word = s.substr(start, at - start);
    at = skip_blanks(s, at);
    return word;
}

/// A severity word, or its first `k_min_severity` letters or more (the table cuts the column to
/// its width: `info`, `informat`), then a blank at `at`: its length, or 0.
std::size_t severity_at(std::string_view line, std::size_t at) {
    std::size_t end = at;
    while (end < line.size() && !is_blank(line[end])) {
        ++end;
    }
    const std::size_t length = end - at;
    if (end == line.size() || length < k_min_severity) {
        return 0;
    }
    for (const std::string_view word : k_severities) {
        if (length <= word.size() &&
            model::iequals(line.substr(at, length), word.substr(0, length))) {
            return length;
        }
    }
    return 0;
}

bool all_digits(std::string_view word) {
    if (word.empty()) {
        return false;
    }
    for (const char c : word) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

} // namespace

std::optional<std::size_t> cli_row_offset(std::string_view line) {
    // Every row has `/dd/dd ` at offset 4 of its start: find the slashes, then look back.
    for (std::size_t slash = line.find('/', 4); slash != k_npos;
         slash = line.find('/', slash + 1)) {
        const std::size_t at = slash - 4;
        if (!time_shape_at(line, at) || (at > 0 && is_digit(line[at - 1]))) {
            continue;
        }
        if (severity_at(line, skip_blanks(line, at + k_time_shape.size())) > 0) {
            return at;
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> detail_event_id(std::string_view line) {
    constexpr std::string_view k_event = "Event:";
    line = model::trim(panos::strip_line(line));
    if (!line.starts_with(k_event)) {
        return std::nullopt;
    }
    const std::string_view id = model::trim(line.substr(k_event.size()));
    if (id.empty() || id.find('-') == std::string_view::npos) {
        return std::nullopt;
    }
    for (const char c : id) {
        if (!(c >= 'a' && c <= 'z') && !is_digit(c) && c != '-') {
            return std::nullopt;
        }
    }
    return id;
}

bool looks_like_cli_system_log(std::string_view line) {
    line = model::trim(panos::strip_line(line));
    if (cli_row_offset(line) == std::optional<std::size_t>(0) || detail_event_id(line)) {
        return true;
    }
    // The header: `Time Severity Subtype Object EventID ID Description`, columns in any order.
    std::size_t at = 0;
    if (!model::iequals(next_word(line, at), "Time")) {
        return false;
    }
    bool severity = false;
    bool subtype = false;
    bool description = false;
    while (at < line.size()) {
        const std::string_view word = next_word(line, at);
        severity = severity || model::iequals(word, "Severity");
        subtype = subtype || model::iequals(word, "Subtype");
        description = description || model::iequals(word, "Description");
    }
    return severity && subtype && description;
}

std::optional<cli_row> read_cli(std::string_view text) {
    cli_row row;
    const std::optional<model::timestamp> time = panos::parse_time(text.substr(0, 19));
    if (!time) {
        return std::nullopt;
    }
    row.time = *time;
    std::size_t at = skip_blanks(text, 19);
    row.severity = next_word(text, at);
    row.subtype = next_word(text, at);
    std::array<std::string_view, 3> words{};
    std::array<std::size_t, 3> ends{};
    for (std::size_t i = 0; i < words.size(); ++i) {
        words[i] = next_word(text, at);
        ends[i] = at;
    }
    if (words[0].empty()) {
        return std::nullopt;
    }
    std::size_t description = ends[2];
    if (all_digits(words[1])) { // event id, ID
        row.event_id = words[0];
        description = ends[1];
    } else if (all_digits(words[2])) { // object, event id, ID
        row.object = words[0];
        row.event_id = words[1];
    } else { // event id, object
        row.event_id = words[0];
        row.object = words[1];
        description = ends[1];
    }
    row.description = model::trim(text.substr(std::min(description, text.size())));
    return row;
}

} // namespace ikediff::parser
