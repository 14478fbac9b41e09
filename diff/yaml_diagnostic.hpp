#pragma once
// What every YAML file ikediff reads (the sheet, rule packs) says when it is not YAML: a
// diagnostic at the parser's line and column.

#include "model/diagnostic.hpp"

#include <yaml-cpp/exceptions.h>

#include <cstdint>
#include <string>

namespace ikediff::diff {

inline model::diagnostic yaml_diagnostic(const YAML::Exception& e, std::string code, const std::string& file) {
    model::diagnostic d;
    d.code = std::move(code);
    d.message = "not valid YAML: " + e.msg;
    d.file = file;
    if (e.mark.line >= 0) {
        d.line = static_cast<std::uint64_t>(e.mark.line) + 1;
        d.column = static_cast<std::uint64_t>(e.mark.column) + 1;
    }
    return d;
}

} // namespace ikediff::diff
