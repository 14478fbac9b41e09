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

/// A regular file (or a new one) is written as a file without a name in its directory
/// (O_TMPFILE), which `commit` names and renames over it when the report is whole: until then
/// the file keeps what it held, and nothing is left beside it however the run ends, even by
/// SIGKILL. Where the file system cannot make such a file (or /proc/self/fd cannot reopen and
/// name it), a temporary name in the directory is used instead, removed when the destination
/// is dropped uncommitted and by SIGINT, SIGTERM and SIGHUP before the process stops. A
/// symbolic link is followed (the file it names is replaced, the link kept). Anything else (a
/// FIFO, a device, /dev/stdout), and a file in a directory where no temporary file can be
/// made, is written in place, as a shell's `>` would.
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
    bool in_place() const { return m_unnamed < 0 && m_temporary.empty(); }
    /// Flushes the report and puts it in place; an error if it could not be written whole.
    std::optional<model::diagnostic> commit();

private:
    report_destination() = default;
    /// Opens the report as a file without a name in `directory`; false if it cannot be.
    bool open_unnamed(const std::filesystem::path& directory);
    /// Opens the report under a temporary name in `directory`; false if it cannot be.
    bool open_named(const std::filesystem::path& directory);
    /// Names the unnamed file beside m_target, in m_temporary; an error if it cannot.
    std::optional<model::diagnostic> name_unnamed();

    std::string m_name = "stdout"; ///< as the user named it, for messages
    std::ofstream m_file;
    std::ostream* m_out = &m_file;  ///< m_file, or standard output
    std::filesystem::path m_target;    ///< where the report goes
    std::filesystem::path m_temporary; ///< written first, renamed to m_target; empty if none
    int m_unnamed = -1;                ///< the O_TMPFILE file, until commit names it
    unsigned m_mode = 0;               ///< the permissions the report gets
};

} // namespace ikediff::cli
