#include "model/negotiation.hpp"

#include "model/names.hpp"

#include <array>

namespace ikediff::model {

std::string_view to_string(outcome v) {
    static constexpr std::array<std::string_view, 3> names{"established", "failed", "unknown"};
    return name_in(names, v);
}

std::string_view to_string(failure_class v) {
    static constexpr std::array<std::string_view, 9> names{
        "peer-not-found",  "timeout",     "no-proposal",          "psk-mismatch",
        "proxy-id-mismatch", "id-mismatch", "ike-version-mismatch", "exchange-mode-mismatch",
        "dpd-down"};
    return name_in(names, v);
}

} // namespace ikediff::model
