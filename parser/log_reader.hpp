#pragma once
// Reads one input (a file, standard input, an archive member) to its end: gzip is told from
// the content and decompressed, the format is told from the first chunk (the format
// registry, parser/log_format.hpp), and the format's feeder reads every line the line pump
// (parser/io/line_pump.hpp) cuts, so memory does not grow with the input.

#include "parser/io/byte_source.hpp"
#include "parser/io/literal_set.hpp"
#include "parser/log_format.hpp"

#include <cstdint>
#include <cstdio>
#include <string>

namespace ikediff::parser {

/// Reads `source` to its end, decompressing it when it is gzip (detected from its content).
/// Returns false (with `error` set) on a read error or a truncated or corrupt gzip stream;
/// what was read before it is kept and counted.
///
/// The format is the one of `formats` that is sure of the first chunk, else the fallback
/// (`stats.format` names it); only that chunk is looked at, so reading stays streaming. A
/// tar archive here (an archive inside an archive) is refused with `stats.format` `tar`:
/// archives are read by parser/io/archive_reader.hpp, whose members come back here. An
/// input no format takes is an error.
///
/// `interest`: the fixed texts the analyses of lines look for (null: every line). A format
/// whose feeder can skip lines (parser/io/line_pump.hpp) is fed only the lines holding one.
bool read_log(byte_source& source, std::uint32_t input_index, input_stats& stats, const event_sink& sink,
              std::string& error, const format_registry& formats = format_registry::built_in(),
              const literal_set* interest = nullptr);

/// `read_log` on an open file (not closed here).
bool read_log(std::FILE* file, std::uint32_t input_index, input_stats& stats, const event_sink& sink,
              std::string& error, const format_registry& formats = format_registry::built_in(),
              const literal_set* interest = nullptr);

/// The format of an input whose first bytes are `head` (gzip is decompressed first, up to a
/// chunk): what `read_log` would read it as, or null.
const log_format* format_of_head(std::string_view head, const format_registry& formats = format_registry::built_in());

} // namespace ikediff::parser
