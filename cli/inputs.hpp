#pragma once
// Turns the command line's INPUT arguments into the files to read, in reading order:
// a directory stands for the files the log formats want (parser/log_format.hpp: its
// ikemgr.log* files and system log exports); rotated files of
// one log (`ikemgr.log.2.gz`, `ikemgr.log.1`, `ikemgr.log`) are read oldest first and share
// one stream, so a negotiation split across two of them stays one negotiation.

#include "model/result.hpp"
#include "parser/log_format.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ikediff::cli {

struct input_file {
    std::string path;   ///< `-` for standard input
    std::uint32_t stream = 0; ///< inputs of one rotation family share it
};

/// The files behind `arguments`: a directory stands for the files `formats` want in it; a
/// diagnostic when it holds none.
model::result<std::vector<input_file>> expand_inputs(
    const std::vector<std::string>& arguments,
    const parser::format_registry& formats = parser::format_registry::built_in());

/// The error for the first of `files` that cannot be opened, if any: said before reading
/// begins, as a report may stream out while inputs are read.
std::optional<model::diagnostic> first_unopenable(const std::vector<input_file>& files);

/// The error (exit status 2) for an input that cannot be read: `name: message`.
model::diagnostic input_error(const std::string& name, std::string message);

/// `ikemgr.log.2.gz` -> {`ikemgr.log`, 2}; `ikemgr.log` -> {`ikemgr.log`, 0}.
struct rotation {
    std::string base;
    unsigned generation = 0;
};
rotation rotation_of(const std::string& path);

} // namespace ikediff::cli
