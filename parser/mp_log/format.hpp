#pragma once
// PAN-OS management-plane logs as a log format (parser/log_format.hpp): `ms.log`,
// `configd.log`, `devsrv.log`/`devsrvr.log`, `useridd.log`/`user-id.log`, with rotations and
// `.gz`, given alone, in a directory or in a tech-support archive (`var/log/pan/...`).
//
// Each entry (parser/mp_log/line.hpp) with the layout becomes a `model::record_event` (the
// log's family, from the file's name; fields `level`, `function`, `source`, `message`) that
// only the analyses of lines see (`correlation::by::none`); a line without the layout (a
// CLI prompt pasted with the lines, a continuation) is noise. With a prefilter (the rule
// packs' literals), only the lines holding one are read at all; the others are counted.

#include "parser/log_format.hpp"

namespace ikediff::parser::mp_log {

const log_format& format();

} // namespace ikediff::parser::mp_log
