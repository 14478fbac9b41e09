#pragma once
// Text helpers every layer shares: ASCII character classes (what log formats and the sheet
// are written in; a locale never changes them) and a few small operations on text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::model {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
/// A blank inside a line: space or tab.
constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
/// ASCII lower case of one byte.
constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// ASCII lower-case copy.
std::string to_lower(std::string_view text);
/// `text` without leading and trailing blanks (space, tab, CR, LF).
std::string_view trim(std::string_view text);
/// ASCII case-insensitive equality.
bool iequals(std::string_view a, std::string_view b);
/// Unsigned decimal number filling all of `text`, or nullopt.
std::optional<std::uint64_t> parse_unsigned(std::string_view text);
/// The blank-separated words of `text`, at most `most` of them (the rest is not looked at).
std::vector<std::string_view> split_blanks(std::string_view text, std::size_t most = SIZE_MAX);

} // namespace ikediff::model
