#pragma once
// Reads the inputs the command line names into the reconstructor: plain and gzip logs
// through parser::read_log, archives (tech-support files) through parser::read_archive,
// their ikemgr.log* members in rotation order, oldest first.

#include "cli/inputs.hpp"
#include "diff/ike/reconstruct.hpp"
#include "model/diagnostic.hpp"
#include "parser/log_reader.hpp"

#include <optional>
#include <vector>

namespace ikediff::cli {

/// Reads `files` in order into `rebuild`, adding one `input_stats` to `inputs` per log read:
/// a file or standard input is one, an archive one per `ikemgr.log*` member (named
/// `ARCHIVE!/MEMBER`). Returns the error (exit status 2) when an input cannot be opened or
/// nothing usable could be read from it; a problem after something usable was read is a
/// warning in that input's `problems`, and reading goes on.
std::optional<model::diagnostic> read_inputs(const std::vector<input_file>& files,
                                             std::vector<parser::input_stats>& inputs,
                                             diff::reconstructor& rebuild);

} // namespace ikediff::cli
