#pragma once
// Where a report goes: standard output, or the file `--output` names. It is opened before
// any input is read (a JSON report streams out while inputs are read), yet a run that ends
// in trouble must not leave half a report, nor destroy the report a file held before.

#include "model/result.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace ikediff::cli {

/// A regular file (or a new one) is written under a temporary name in its directory and
/// renamed over it by `commit`, when the report is whole: until then the file keeps what it
/// held, and a destination dropped uncommitted removes its temporary file. A symbolic link
/// is followed (the file it names is replaced, the link kept). Anything else (a FIFO, a
/// device, /dev/stdout), and a file in a directory where no temporary file can be made, is
/// written in place, as a shell's `>` would. SIGINT, SIGTERM and SIGHUP remove the temporary
/// file before the process stops.
class report_destination {
public:
    /// Standard output, or `path`; an error (exit status 2) if it cannot be written.
    static model::result<std::unique_ptr<report_destination>> open(const std::optional<std::string>& path);
    ~report_destination();
    report_destination(const report_destination&) = delete;
    report_destination& operator=(const report_destination&) = delete;

    std::ostream& stream() { return *m_out; }
    /// Whether what is written goes out at once (standard output, a FIFO, a device) and
    /// cannot be taken back, rather than to a temporary file that `commit` puts in place.
    bool in_place() const { return m_temporary.empty(); }
    /// Flushes the report and puts it in place; an error if it could not be written whole.
    std::optional<model::diagnostic> commit();

private:
    report_destination() = default;

    std::string m_name = "stdout"; ///< as the user named it, for messages
    std::ofstream m_file;
    std::ostream* m_out = &m_file;  ///< m_file, or standard output
    std::filesystem::path m_target;    ///< where the report goes
    std::filesystem::path m_temporary; ///< written first, renamed to m_target; empty if none
};

} // namespace ikediff::cli
