#include "model/finding.hpp"

#include "model/names.hpp"

#include <array>

namespace ikediff::model {

namespace {

constexpr std::array<std::string_view, 5> k_severity_names{"critical", "high", "medium", "low", "info"};

} // namespace

std::string_view to_string(finding_severity v) { return name_in(k_severity_names, v); }

std::string_view to_string(finding_status v) {
    static constexpr std::array<std::string_view, 2> names{"observed", "explained"};
    return name_in(names, v);
}

std::optional<finding_severity> finding_severity_named(std::string_view name) {
    for (std::size_t i = 0; i < k_severity_names.size(); ++i) {
        if (k_severity_names[i] == name) {
            return static_cast<finding_severity>(i);
        }
    }
    return std::nullopt;
}

bool raises_status(const finding& f) {
    return f.status == finding_status::observed && f.severity <= finding_severity::medium;
}

} // namespace ikediff::model
