#include "model/negotiation.hpp"

#include <array>

namespace ikediff::model {

std::string_view to_string(outcome v) {
    static constexpr std::array<std::string_view, 3> names{"established", "failed", "unknown"};
    return names[static_cast<std::size_t>(v)];
}

std::string_view to_string(failure_class v) {
    static constexpr std::array<std::string_view, 9> names{
        "peer-not-found",  "timeout",     "no-proposal",          "psk-mismatch",
        "proxy-id-mismatch", "id-mismatch", "ike-version-mismatch", "exchange-mode-mismatch",
        "dpd-down"};
    return names[static_cast<std::size_t>(v)];
}

} // namespace ikediff::model
