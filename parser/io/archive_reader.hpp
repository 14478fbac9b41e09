#pragma once
// Archives (a PAN-OS tech-support file is a gzip-compressed tar) read in one pass with
// libarchive: each wanted member is handed over as a byte_source while the archive is
// read, so nothing is extracted to disk and only one member's chunk is in memory.

#include "parser/io/byte_source.hpp"

#include <functional>
#include <string>
#include <string_view>

namespace ikediff::parser {

/// Whether `head` (at least the first 512 bytes of a plain input) is a tar archive.
bool is_tar(std::string_view head);

/// Whether an input whose first bytes are `head` is an archive: tar (plain or gzip
/// compressed: checked by decompressing its first block), zip, or a bzip2/xz/zstd stream,
/// which in logs is a compressed tar (a compressed single log is not read).
bool is_archive(std::string_view head);

/// Reads the archive whose bytes `raw` delivers, front to back, and calls
/// `visit(path, data)` for each regular-file member `wanted(path)` accepts, `data` being
/// the member's bytes (valid during the call; what `visit` does not read is skipped).
/// Returns false with `error` set when the archive cannot be read on: not an archive,
/// corrupt, or cut short; the members visited before stay visited. `path` is the member's
/// name without a leading `./` or `/`. A gzip-compressed archive cut short gives every
/// member up to the cut (the member cut is read up to it, then reports the error).
bool read_archive(byte_source& raw, const std::function<bool(std::string_view path)>& wanted,
                  const std::function<void(const std::string& path, byte_source& data)>& visit,
                  std::string& error);

} // namespace ikediff::parser
