#pragma once
// The counts a generator wrote (`name count` lines, `#` comments), as both checkers read
// them (bench/check_counts.cpp, bench/check_findings.cpp).

#include <cstddef>
#include <cstdint>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ikediff::bench {

/// The `key value` lines of EXPECTED.txt, in file order; nullopt (after a message) on error.
inline std::optional<std::vector<std::pair<std::string, std::uint64_t>>>
read_expected(const std::string& path, const char* tool) {
    std::ifstream in(path);
    if (!in) {
        std::cerr << tool << ": cannot read " << path << '\n';
        return std::nullopt;
    }
    std::vector<std::pair<std::string, std::uint64_t>> out;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        std::istringstream fields(line);
        std::string key;
        std::string value;
        std::string extra;
        if (!(fields >> key >> value) || (fields >> extra) ||
            value.find_first_not_of("0123456789") != std::string::npos) {
            std::cerr << tool << ": " << path << ':' << number
                      << ": expected `name count`, got `" << line << "`\n";
            return std::nullopt;
        }
        try {
            out.emplace_back(key, std::stoull(value));
        } catch (const std::exception&) {
            std::cerr << tool << ": " << path << ':' << number << ": count out of range\n";
            return std::nullopt;
        }
    }
    if (out.empty()) {
        std::cerr << tool << ": " << path << ": no counts\n";
        return std::nullopt;
    }
    return out;
}

} // namespace ikediff::bench
