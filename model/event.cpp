#include "model/event.hpp"

#include "model/names.hpp"

#include <array>

namespace ikediff::model {

std::string_view to_string(role v) {
    static constexpr std::array<std::string_view, 2> names{"initiator", "responder"};
    return name_in(names, v);
}

std::string_view to_string(exchange v) {
    static constexpr std::array<std::string_view, 6> names{
        "main", "aggressive", "quick", "IKE_SA_INIT", "IKE_AUTH", "CREATE_CHILD_SA"};
    return name_in(names, v);
}

std::string_view to_string(phase1_attribute v) {
    static constexpr std::array<std::string_view, 8> names{
        "lifetime", "lifebyte", "enctype", "encklen", "hashtype", "authmethod", "dh_group", "version"};
    return name_in(names, v);
}

std::string_view to_string(event_code v) {
    static constexpr std::array<std::string_view, 7> names{
        "compared-begin",  "no-suitable-proposal", "acceptable-proposal",
        "failed-to-get-valid-proposal", "begin-main-mode", "begin-aggressive-mode",
        "agreed-psk-auth"};
    return name_in(names, v);
}

} // namespace ikediff::model
