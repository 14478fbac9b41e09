#include "diff/config/panos_syntax.hpp"

namespace ikediff::diff::config {

std::string quoted_name(const std::string& name) {
    if (!name.empty() && name.find_first_of(" \t\"'") == std::string::npos) {
        return name;
    }
    std::string out = "\"";
    for (const char ch : name) {
        out += ch == '"' ? '\'' : ch;
    }
    return out + '"';
}

std::string member_list(const std::vector<std::string>& values) {
    if (values.size() == 1) {
        return values.front();
    }
    std::string out = "[";
    for (const auto& v : values) {
        out += ' ' + v;
    }
    return out + " ]";
}

std::string lifetime_words(std::uint64_t seconds) {
    if (seconds % 86400 == 0) {
        return "days " + std::to_string(seconds / 86400);
    }
    if (seconds % 3600 == 0) {
        return "hours " + std::to_string(seconds / 3600);
    }
    if (seconds % 60 == 0) {
        return "minutes " + std::to_string(seconds / 60);
    }
    return "seconds " + std::to_string(seconds);
}

} // namespace ikediff::diff::config
