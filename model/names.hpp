#pragma once
// Enum-to-name tables: one helper for every `to_string` of a dense enum.

#include <array>
#include <cstddef>
#include <string_view>

namespace ikediff::model {

/// `names[v]`, or "?" for a value outside the table.
template <class E, std::size_t N>
constexpr std::string_view name_in(const std::array<std::string_view, N>& names, E v) {
    const auto i = static_cast<std::size_t>(v);
    return i < N ? names[i] : std::string_view{"?"};
}

} // namespace ikediff::model
