#include "parser/panos/csv.hpp"

#include "model/text.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace ikediff::parser {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr std::size_t k_npos = std::string_view::npos;

/// Values of the Type field of PAN-OS CSV logs.
constexpr std::array<std::string_view, 14> k_log_types{
    "TRAFFIC",    "THREAT", "SYSTEM", "CONFIG", "HIPMATCH", "GLOBALPROTECT", "USERID",
    "DECRYPTION", "AUTH",   "TUNNEL", "GTP",    "SCTP",     "CORRELATION",   "IPTAG"};

using model::is_blank;
using model::is_digit;

/// `,YYYY/MM/DD hh:mm:ss,` at `comma`: the Receive Time that follows a record's first field.
bool receive_time_at(std::string_view line, std::size_t comma) {
    constexpr std::string_view shape = ",dddd/dd/dd dd:dd:dd,";
    if (line.size() - comma < shape.size()) {
        return false;
    }
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const char c = line[comma + i];
        if (shape[i] == 'd' ? !is_digit(c) : c != shape[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

void split_csv(std::string_view line, std::vector<csv_field>& fields) {
    fields.clear();
    std::size_t i = 0;
    for (;;) {
        csv_field field;
        field.offset = i;
        if (i < line.size() && line[i] == '"') {
            ++i;
            while (i < line.size()) {
                const std::size_t quote = line.find('"', i);
                if (quote == k_npos) {
                    field.text.append(line.substr(i)); // unterminated: to the end of the line
                    i = line.size();
                    break;
                }
                field.text.append(line.substr(i, quote - i));
                if (quote + 1 < line.size() && line[quote + 1] == '"') {
                    field.text += '"';
                    i = quote + 2;
                } else {
                    i = quote + 1;
                    break;
                }
            }
        }
        const std::size_t comma = line.find(',', i);
        const std::size_t end = comma == k_npos ? line.size() : comma;
        field.text.append(line.substr(i, end - i));
        fields.push_back(std::move(field));
        if (end >= line.size()) {
            break;
        }
        i = end + 1;
    }
}

namespace panos {

std::vector<std::string_view> head_lines(std::string_view head) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < head.size() && lines.size() < k_detect_lines) {
        const std::size_t nl = head.find('\n', start);
        const std::size_t end = nl == k_npos ? head.size() : nl;
        const std::string_view line = head.substr(start, end - start);
        if (!model::trim(line).empty() && line != k_bom) {
            lines.push_back(line);
        }
        if (nl == k_npos) {
            break;
        }
        start = nl + 1;
    }
    return lines;
}

void count_oversized(input_stats& stats) {
    ++stats.physical_lines;
    ++stats.lines;
    ++stats.unrecognized;
    ++stats.oversized;
}

void malformed_entry(input_stats& stats, std::string_view what, std::size_t column,
                     std::string message) {
    ++stats.malformed;
    if (stats.problems.size() < k_max_diagnostics) {
        model::diagnostic d;
        d.level = model::severity::warning;
        d.code = "log-malformed";
        d.message = std::string(what) + " entry not understood: " + std::move(message);
        d.file = stats.name;
        d.line = stats.physical_lines;
        d.column = column;
        stats.problems.push_back(std::move(d));
    }
}

bool skip(std::string_view s, std::size_t& at, char c) {
    if (at < s.size() && s[at] == c) {
        ++at;
        return true;
    }
    return false;
}

std::string_view strip_line(std::string_view text) {
    if (text.starts_with(k_bom)) {
        text.remove_prefix(k_bom.size());
    }
    if (!text.empty() && text.back() == '\r') {
        text.remove_suffix(1);
    }
    return text;
}

std::optional<std::size_t> record_offset(std::string_view line) {
    for (std::size_t comma = line.find(','); comma != k_npos; comma = line.find(',', comma + 1)) {
        if (!receive_time_at(line, comma)) {
            continue;
        }
        std::size_t start = comma;
        while (start > 0 && is_digit(line[start - 1])) {
            --start;
        }
        if (start == 0 || is_blank(line[start - 1])) {
            return start;
        }
    }
    return std::nullopt;
}

bool starts_with_priority(std::string_view line) {
    std::size_t i = 0;
    if (!skip(line, i, '<')) {
        return false;
    }
    const std::size_t digits = i;
    while (i < line.size() && is_digit(line[i])) {
        ++i;
    }
    return i > digits && i - digits <= 3 && skip(line, i, '>');
}

std::string record_type(std::string_view line) {
    const std::optional<std::size_t> offset = record_offset(line);
    if (!offset) {
        return {};
    }
    std::vector<csv_field> fields;
    split_csv(line.substr(*offset), fields);
    return fields.size() > 4 ? std::string(model::trim(fields[3].text)) : std::string{};
}

bool is_log_type(std::string_view type) {
    return std::any_of(k_log_types.begin(), k_log_types.end(),
                       [type](std::string_view t) { return model::iequals(type, t); });
}

std::string column_key(std::string_view name) {
    std::string key;
    for (const char c : name) {
        if (is_digit(c) || (c >= 'a' && c <= 'z')) {
            key += c;
        } else if (c >= 'A' && c <= 'Z') {
            key += model::to_lower(c);
        }
    }
    return key;
}

bool read_number(std::string_view s, std::size_t& at, std::size_t min_digits,
                 std::size_t max_digits, unsigned low, unsigned high, unsigned& out) {
    std::size_t n = 0;
    unsigned value = 0;
    while (at < s.size() && n < max_digits && is_digit(s[at])) {
        value = value * 10 + static_cast<unsigned>(s[at] - '0');
        ++at;
        ++n;
    }
    out = value;
    return n >= min_digits && value >= low && value <= high;
}

std::optional<model::timestamp> parse_time(std::string_view s) {
    s = model::trim(s);
    std::size_t at = 0;
    unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_number(s, at, 4, 4, 1970, 9999, year) || at >= s.size() ||
        (s[at] != '/' && s[at] != '-')) {
        return std::nullopt;
    }
    const char date_sep = s[at++];
    if (!read_number(s, at, 1, 2, 1, 12, month) || !skip(s, at, date_sep) ||
        !read_number(s, at, 1, 2, 1, 31, day) || !(skip(s, at, ' ') || skip(s, at, 'T')) ||
        !read_number(s, at, 1, 2, 0, 23, hour) || !skip(s, at, ':') ||
        !read_number(s, at, 2, 2, 0, 59, minute) || !skip(s, at, ':') ||
        !read_number(s, at, 2, 2, 0, 60, second)) {
        return std::nullopt;
    }
    unsigned millis = 0;
    bool has_millis = false;
    if (skip(s, at, '.')) {
        unsigned scale = 100;
        std::size_t digits = 0;
        while (at < s.size() && is_digit(s[at])) {
            millis += static_cast<unsigned>(s[at] - '0') * scale;
            scale /= 10;
            ++at;
            ++digits;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        has_millis = true;
    }
    std::optional<std::int32_t> offset;
    if (skip(s, at, 'Z')) {
        offset = 0;
    } else if (at < s.size() && (s[at] == '+' || s[at] == '-')) {
        const bool negative = s[at++] == '-';
        unsigned oh = 0, om = 0;
        if (!read_number(s, at, 2, 2, 0, 14, oh)) {
            return std::nullopt;
        }
        skip(s, at, ':');
        if (!read_number(s, at, 2, 2, 0, 59, om)) {
            return std::nullopt;
        }
        const auto minutes = static_cast<std::int32_t>(oh * 60 + om);
        offset = negative ? -minutes : minutes;
    }
    if (at != s.size()) {
        return std::nullopt;
    }
    return model::timestamp::from_civil(static_cast<int>(year), month, day, hour, minute, second,
                                        millis, offset, has_millis);
}

} // namespace panos

} // namespace ikediff::parser
