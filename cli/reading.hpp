#pragma once
// Reads the inputs the command line names into the reconstructor: plain and gzip logs
// through parser::read_log, archives (tech-support files) through parser::read_archive,
// the members a log format wants (ikemgr.log*) in rotation order, oldest first. Inputs of a
// format read ahead (the system log: parser::log_format::read_ahead) are read once more
// before the others, so that the reconstruction knows what their accounts may merge into.

#include "cli/inputs.hpp"
#include "diff/event_taker.hpp"
#include "diff/ike/reconstruct.hpp"
#include "model/diagnostic.hpp"
#include "model/vpn_config.hpp"
#include "parser/log_reader.hpp"

#include <functional>

#include <optional>
#include <span>
#include <vector>

namespace ikediff::cli {

/// Reads `files` in order into `rebuild`, adding one `input_stats` to `inputs` per log read:
/// a file or standard input is one, an archive one per member a format wants (named
/// `ARCHIVE!/MEMBER`). Returns the error (exit status 2) when an input cannot be opened or
/// nothing usable could be read from it; a problem after something usable was read is a
/// warning in that input's `problems`, and reading goes on.
/// Every event goes to each of `takers` (diff/event_taker.hpp), in order, then to `rebuild`.
///
/// The firewall's configurations among the inputs (a format whose `is_configuration()`: a
/// file, standard input, an archive's `running-config.xml`) are read whole first, before any
/// log line, and handed to `configurations` together, in input order (it is not called when
/// there is none); one that is not well-formed is the error returned (nothing else is read). Then they are read again with the logs, which
/// lists them in `inputs`.
std::optional<model::diagnostic> read_inputs(const std::vector<input_file>& files,
                                             std::vector<parser::input_stats>& inputs,
                                             diff::reconstructor& rebuild,
                                             const parser::format_registry& formats = parser::format_registry::built_in(),
                                             std::span<diff::event_taker* const> takers = {},
                                             const std::function<void(std::vector<model::vpn_config>&&)>& configurations = {});

} // namespace ikediff::cli
