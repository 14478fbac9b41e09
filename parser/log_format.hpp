#pragma once
// The format seam: what every log format ikediff reads provides, and the registry of them.
//
// A format is a folder under parser/ (parser/ikemgr/, parser/system_log/) that gives one
// `log_format`: its name, which files it wants in a directory or an archive, how to tell its
// content from the first bytes of an input, and how to read its lines into events, each
// carrying its own correlation key (model::correlation) so that diff/ needs to know no
// format. parser/formats.cpp lists the built-in ones (ARCHITECTURE.md: adding a format).

#include "model/diagnostic.hpp"
#include "model/event.hpp"
#include "model/result.hpp"
#include "model/vpn_config.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::parser {

class line_pump;

/// What was read from one input (contract.md section 4, `inputs`).
struct input_stats {
    std::string name;
    std::string format = "ikemgr";
    std::string compression; ///< `gzip`, or empty for a plain input
    /// No format was sure of the input: `format` took it as the fallback (detection).
    bool format_guessed = false;
    std::uint64_t physical_lines = 0; ///< newline-separated lines in the input
    std::uint64_t lines = 0;          ///< log lines, after splitting glued ones
    std::uint64_t recognized = 0;
    std::uint64_t unrecognized = 0; ///< noise: not a line the format interprets
    std::uint64_t malformed = 0;    ///< a line of the format we could not read
    std::uint64_t oversized = 0;    ///< lines longer than `k_max_line` (counted as noise)
    /// Physical lines read as the rest of the line before them (a line a mail client or a web
    /// page wrapped), so `lines` may be fewer than `physical_lines`.
    std::uint64_t continued = 0;
    /// One diagnostic per malformed line, the first `k_max_diagnostics` of them.
    std::vector<model::diagnostic> problems;
};

inline constexpr std::size_t k_max_diagnostics = 100;

using event_sink = std::function<void(model::log_event&&)>;

/// Where a file is met when a format is asked whether it wants it.
enum class found_in : std::uint8_t { directory, archive };

/// How sure a format is that an input is its own, from the input's first chunk.
enum class detection : std::uint8_t {
    no,
    /// Read as this format if no other is sure (the ikemgr log: debug logs hold lines of
    /// every kind, and a log of only noise is still one).
    fallback,
    yes,
};

/// One log format.
class log_format {
public:
    log_format() = default;
    log_format(const log_format&) = delete;
    log_format& operator=(const log_format&) = delete;
    virtual ~log_format() = default;

    /// Its name in reports (`input_stats::format`): `ikemgr`, `system-log`.
    virtual std::string_view name() const = 0;
    /// How reports name its files when none was found: `ikemgr.log*`, `system log`.
    virtual std::string_view files() const = 0;
    /// Whether a file named `base_name` (no folder; rotations and `.gz` as found:
    /// `ikemgr.log.2.gz`) met `where` is one of its logs. The content decides the format
    /// when the file is read: this only picks what to read.
    virtual bool wants(std::string_view base_name, found_in where) const = 0;
    /// Whether the archive member at `path` (its path inside the archive, `./` or not) is
    /// one it wants: by default, `wants` of its base name met in an archive. A format that
    /// knows where a tech-support file keeps its file (the configuration) says so here.
    virtual bool wants_member(std::string_view path) const;
    /// Whether it looks for files `where` at all (what `files()` a message names).
    virtual bool looks_in(found_in /*where*/) const { return true; }
    /// Whether an input whose first chunk (decompressed: up to 256 KiB) is `head` is in
    /// this format.
    virtual detection detect(std::string_view head) const = 0;
    /// Whether its events are accounts written after the fact (model::correlation::summary)
    /// that the reconstruction wants read ahead of the other inputs, so that only the
    /// negotiations they may merge into wait for the end (cli/reading.cpp).
    virtual bool read_ahead() const { return false; }
    /// Reads every line `lines` delivers into events for `sink`, counting into `stats`
    /// (`where.input` = `input`). False, with `error` set, when the bytes stop on an error
    /// (what was read before is kept).
    virtual bool read(line_pump& lines, std::uint32_t input, input_stats& stats, const event_sink& sink,
                      std::string& error) const = 0;
    /// Whether an input of this format is the firewall's configuration, a document read
    /// whole ahead of every log (cli/reading.cpp) by `read_configuration`, rather than lines
    /// that become events (its `read` then only counts the lines).
    virtual bool is_configuration() const { return false; }
    /// The configuration in `text`, a whole input named `name`, or the error that says where
    /// it is not one (`name:line:col`).
    virtual model::result<model::vpn_config> read_configuration(std::string_view /*text*/,
                                                                const std::string& name) const {
        model::diagnostic d;
        d.code = "config-unsupported";
        d.file = name;
        d.message = "this format holds no configuration";
        return d;
    }
};

/// The formats ikediff reads: the first that is sure of an input reads it, else the first
/// that takes it as a fallback.
class format_registry {
public:
    format_registry() = default;
    /// The built-in formats (parser/formats.cpp).
    static const format_registry& built_in();

    /// Adds `format` (not owned: it outlives the registry) after those there.
    void add(const log_format& format) { m_formats.push_back(&format); }
    const std::vector<const log_format*>& formats() const { return m_formats; }

    /// The format that reads an input whose first chunk is `head`: `format` null when none
    /// takes it, `guessed` when it takes it only as the fallback.
    struct detected {
        const log_format* format = nullptr;
        bool guessed = false;
    };
    detected detect(std::string_view head) const;
    /// Whether some format wants the file at `path` (its base name is looked at) met `where`.
    bool wants(std::string_view path, found_in where) const;
    /// What the formats that look `where` want, for a message: `ikemgr.log* or system log`.
    std::string wanted_files(found_in where) const;

private:
    std::vector<const log_format*> m_formats;
};

/// The base name of `path` (after its last `/`).
std::string_view base_name(std::string_view path);

} // namespace ikediff::parser
