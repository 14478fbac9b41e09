#include "diff/findings/codes/codes.hpp"

#include "model/text.hpp"

#include <array>
#include <charconv>
#include <cstdint>

namespace ikediff::diff::codes {

namespace {

/// One code of one table, as the generator writes it (generate/generate.cpp).
struct entry {
    std::string_view table;
    bool numeric; ///< whether `value` holds the code's number
    std::int64_t value;
    std::string_view name;
    std::string_view meaning;
    std::string_view aliases; ///< other spellings it answers to, separated by line feeds
};

constexpr entry k_entries[] = {
#include "code_tables.inc"
};

constexpr std::array<std::string_view, 8> k_tables = {
    "krb5", "x509", "errno", "http", "tls-alert", "pan-ssl", "pan-ssh", "session-end"};

/// `text` as a number: decimal with an optional sign, or hexadecimal after `0x`.
std::optional<std::int64_t> number_in(std::string_view text) {
    int base = 10;
    bool negative = false;
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
        negative = text[0] == '-';
        text.remove_prefix(1);
    } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    if (text.empty() || !model::is_hex(text[0])) {
        return std::nullopt;
    }
    std::uint64_t magnitude = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, magnitude, base);
    if (ec != std::errc{} || p != end || magnitude > std::uint64_t{1} << 62) {
        return std::nullopt;
    }
    const auto v = static_cast<std::int64_t>(magnitude);
    return negative ? -v : v;
}

bool answers_to(const entry& e, std::string_view term, std::optional<std::int64_t> number) {
    if (number) {
        return e.numeric && e.value == *number;
    }
    if (model::iequals(e.name, term)) {
        return true;
    }
    std::string_view rest = e.aliases;
    while (!rest.empty()) {
        const auto cut = rest.find('\n');
        if (model::iequals(rest.substr(0, cut), term)) {
            return true;
        }
        rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
    }
    return false;
}

model::code_meaning meaning_of(const entry& e, std::string_view term) {
    model::code_meaning m;
    m.table = std::string(e.table);
    if (e.numeric) {
        m.value = e.value;
    }
    m.term = std::string(term);
    m.name = std::string(e.name);
    m.meaning = std::string(e.meaning);
    return m;
}

} // namespace

std::span<const std::string_view> tables() {
    return k_tables;
}

std::optional<model::code_meaning> lookup(std::string_view table, std::string_view term) {
    const std::string_view wanted = model::trim(term);
    if (wanted.empty()) {
        return std::nullopt;
    }
    const auto number = number_in(wanted);
    for (const entry& e : k_entries) {
        if (e.table == table && answers_to(e, wanted, number)) {
            return meaning_of(e, term);
        }
    }
    return std::nullopt;
}

std::vector<model::code_meaning> lookup_all(std::string_view term) {
    std::vector<model::code_meaning> found;
    for (std::string_view table : k_tables) {
        if (auto m = lookup(table, term)) {
            found.push_back(std::move(*m));
        }
    }
    return found;
}

} // namespace ikediff::diff::codes
