#include "cli/reading.hpp"

#include "parser/io/archive_reader.hpp"
#include "parser/io/byte_source.hpp"
#include "parser/io/line_pump.hpp"
#include "parser/io/scratch_file.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <utility>

namespace ikediff::cli {

namespace {

/// How much of an input is read ahead to tell an archive from a log (a gzip-compressed tar
/// needs its first 512 bytes decompressed) and one log format from another (read_log looks
/// at its first chunk, this much).
constexpr std::size_t k_probe = parser::k_chunk;

/// After `read_log` returned `ok`/`error` for `stats`: the error that makes the input
/// unusable (nothing was read), or nullopt, with a partial read noted as a warning.
std::optional<model::diagnostic> settle(parser::input_stats& stats, bool ok, const std::string& error) {
    if (!ok) {
        if (stats.physical_lines == 0) {
            return input_error(stats.name, "cannot read: " + error);
        }
        // A truncated or corrupt gzip: report what was read, and where reading stopped.
        model::diagnostic d;
        d.level = model::severity::warning;
        d.code = "input-truncated";
        d.file = stats.name;
        d.message = "reading stopped after " + std::to_string(stats.physical_lines) + " lines: " + error;
        stats.problems.push_back(std::move(d));
    }
    if (stats.recognized == 0 && stats.format_guessed) {
        stats.format = "unknown"; // nothing read as a line of the format guessed: say so
    }
    return std::nullopt;
}

/// Events from the thread that reads and parses an input to the one that rebuilds
/// negotiations, in batches, a few batches in flight at most: reading, decompressing and
/// parsing run on one core while reconstruction, analysis and rendering run on another,
/// and memory stays bounded whatever the input's size.
class event_pipe {
public:
    static constexpr std::size_t k_batch = 1024;
    static constexpr std::size_t k_in_flight = 4;

    /// Thrown to the reading thread once the rebuilding one gave up: reading stops there.
    struct abandoned {};

    /// The reading thread's side.
    void push(model::log_event&& e) {
        if (m_abandoned_flag.load(std::memory_order_relaxed)) {
            throw abandoned{};
        }
        m_filling.push_back(std::move(e));
        if (m_filling.size() == k_batch) {
            send();
        }
    }
    void close() {
        try {
            send();
        } catch (const abandoned&) {
            // nobody takes what is left
        }
        const std::lock_guard lock(m_mutex);
        m_closed = true;
        m_ready.notify_all();
    }

    /// The rebuilding thread's side: the next batch, or false once closed and drained. The
    /// batch it replaces (its events moved out) goes back to be filled again: one allocation
    /// per batch in flight, not one of 1024 events' room per batch (a large allocation costs
    /// glibc a sweep of its free lists, and was freed on the other thread).
    bool pop(std::vector<model::log_event>& batch) {
        batch.clear();
        std::unique_lock lock(m_mutex);
        if (batch.capacity() != 0) {
            m_spare.push_back(std::move(batch));
            batch = {};
        }
        m_ready.wait(lock, [this] { return !m_queue.empty() || m_closed; });
        if (m_queue.empty()) {
            return false;
        }
        batch = std::move(m_queue.front());
        m_queue.pop_front();
        m_space.notify_one();
        return true;
    }
    /// The rebuilding thread gave up (an exception): the reader's pushes are dropped.
    void abandon() {
        const std::lock_guard lock(m_mutex);
        m_abandoned = true;
        m_abandoned_flag.store(true, std::memory_order_relaxed);
        m_queue.clear();
        m_space.notify_all();
    }

private:
    void send() {
        if (m_filling.empty()) {
            return;
        }
        std::unique_lock lock(m_mutex);
        m_space.wait(lock, [this] { return m_queue.size() < k_in_flight || m_abandoned; });
        if (m_abandoned) {
            throw abandoned{};
        }
        m_queue.push_back(std::move(m_filling));
        m_ready.notify_one();
        if (m_spare.empty()) {
            m_filling = {};
            m_filling.reserve(k_batch);
        } else {
            m_filling = std::move(m_spare.back());
            m_spare.pop_back();
        }
    }

    std::vector<model::log_event> m_filling;
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<std::vector<model::log_event>> m_queue;
    std::vector<std::vector<model::log_event>> m_spare; ///< emptied batches, their room kept
    bool m_closed = false;
    bool m_abandoned = false;
    std::atomic<bool> m_abandoned_flag{false}; ///< read without the lock on every push
};

/// A member of an archive that a log format wants, set aside until it is read in rotation
/// order.
struct archive_member {
    std::string name; ///< ARCHIVE!/MEMBER
    rotation place;
    parser::scratch_file::piece bytes;
    bool last_in_archive = false; ///< where the archive stopped, if it was cut short
};

/// An archive whose wanted members were set aside in one pass, to be read later: by the
/// reading of the configurations ahead of the logs, then by that of the logs (one
/// decompression of the archive for both).
struct archive_aside {
    std::unique_ptr<parser::scratch_file> scratch = std::make_unique<parser::scratch_file>();
    std::vector<archive_member> members;
    bool ok = false;
    std::string error;           ///< why reading the archive stopped, when not `ok`
    std::string scratch_failure; ///< why a member could not be set aside
};

/// Sets every member a format of `formats` wants aside, in one pass over the archive.
archive_aside set_archive_aside(parser::byte_source& source, const std::string& name,
                                const parser::format_registry& formats) {
    archive_aside a;
    a.ok = parser::read_archive(
        source, [&formats](std::string_view path) { return formats.wants(path, parser::found_in::archive); },
        [&](const std::string& path, parser::byte_source& data) {
            if (!a.scratch_failure.empty()) {
                return; // said when it is read; the rest of the archive is skipped
            }
            archive_member m{name + "!/" + path, rotation_of(path), {}, false};
            if (a.scratch->keep(data, m.bytes, a.scratch_failure)) {
                a.members.push_back(std::move(m));
            }
        },
        a.error);
    return a;
}

/// An input file opened for reading (standard input is not closed).
struct opened_input {
    explicit opened_input(const input_file& file)
        : handle(file.path == "-" ? stdin : std::fopen(file.path.c_str(), "rb")), owned(file.path != "-") {}
    ~opened_input() {
        if (handle != nullptr && owned) {
            std::fclose(handle);
        }
    }
    opened_input(const opened_input&) = delete;
    opened_input& operator=(const opened_input&) = delete;

    std::FILE* handle;
    bool owned;
};

/// Whether the input whose first bytes are `head` is of a format read ahead (a system log:
/// parser::log_format::read_ahead).
bool is_read_ahead(std::string_view head, const parser::format_registry& formats) {
    const parser::log_format* format = parser::format_of_head(head, formats);
    return format != nullptr && format->read_ahead();
}

/// An input that is not a regular file (standard input, a FIFO, a device), opened and
/// looked at before any input is read, since it can be read only once: one of a format read
/// ahead (a system log) is set aside whole (a scratch file), to be read ahead and then read
/// again like a file; anything else waits, open, for its turn.
struct early_input {
    explicit early_input(const input_file& file) : in(file) {
        if (in.handle != nullptr) {
            raw.emplace(in.handle);
            source.emplace(*raw, k_probe);
        }
    }
    opened_input in;
    std::optional<parser::file_source> raw;
    std::optional<parser::peek_source> source;
    std::optional<parser::scratch_file::piece> set_aside;
};

/// The prefilter the takers ask for: every literal any of them names, or none when one of
/// them wants every line (or there is none).
std::unique_ptr<parser::literal_set> interest_of(std::span<diff::event_taker* const> takers) {
    std::vector<std::string> all;
    for (const diff::event_taker* t : takers) {
        auto wanted = t->literals();
        if (!wanted) {
            return nullptr;
        }
        all.insert(all.end(), wanted->begin(), wanted->end());
    }
    if (takers.empty()) {
        return nullptr;
    }
    return std::make_unique<parser::literal_set>(all);
}

class input_reader {
public:
    input_reader(std::vector<parser::input_stats>& inputs, diff::reconstructor& rebuild,
                 std::span<diff::event_taker* const> takers, std::uint32_t first_free_stream,
                 const parser::scratch_file& set_aside, const parser::format_registry& formats)
        : m_inputs(inputs), m_rebuild(rebuild), m_takers(takers), m_next_stream(first_free_stream),
          m_set_aside(set_aside), m_formats(formats), m_interest(interest_of(takers)) {}

    /// Reads `file`; `early`, when it was opened before any input was read (not a regular
    /// file), is read from where it stands.
    std::optional<model::diagnostic> read(const input_file& file, early_input* early, archive_aside* aside) {
        const std::string name = file.path == "-" ? "stdin" : file.path;
        if (aside != nullptr) {
            return read_archive(*aside, name);
        }
        if (early != nullptr && early->set_aside) {
            parser::scratch_file::reader data(m_set_aside, *early->set_aside);
            return read_whole_log(data, name, file.stream);
        }
        if (early != nullptr) {
            return read_peeked(*early->source, name, file.stream);
        }
        const opened_input in(file);
        if (!in.handle) {
            return input_error(name, std::string("cannot open: ") + std::strerror(errno));
        }
        parser::file_source raw(in.handle);
        parser::peek_source source(raw, k_probe);
        return read_peeked(source, name, file.stream);
    }

private:
    /// An input whose first bytes `source` holds: an archive, or a log.
    std::optional<model::diagnostic> read_peeked(parser::peek_source& source, const std::string& name,
                                                 std::uint32_t stream) {
        if (source.head().empty() && !source.ok()) {
            return input_error(name, "cannot read: " + source.error());
        }
        if (parser::is_archive(source.head())) {
            archive_aside aside = set_archive_aside(source, name, m_formats);
            return read_archive(aside, name);
        }
        return read_whole_log(source, name, stream);
    }

    /// `read_log` of an input that is a log alone: one that cannot be read is not listed.
    std::optional<model::diagnostic> read_whole_log(parser::byte_source& source, const std::string& name,
                                                    std::uint32_t stream) {
        auto error = read_log(source, name, stream);
        if (error) {
            m_inputs.pop_back(); // nothing of it was read: the error says what it is
        }
        return error;
    }

    std::optional<model::diagnostic> read_log(parser::byte_source& source, const std::string& name,
                                              std::uint32_t stream) {
        const auto index = static_cast<std::uint32_t>(m_inputs.size());
        parser::input_stats& stats = m_inputs.emplace_back();
        stats.name = name;
        m_rebuild.set_stream(index, stream);
        for (diff::event_taker* t : m_takers) {
            t->set_stream(index, stream);
        }
        // This thread rebuilds; another reads and parses (it owns `stats` until joined).
        std::string error;
        bool ok = false;
        std::exception_ptr failure;
        event_pipe pipe;
        std::thread reader([&] {
            try {
                ok = parser::read_log(
                    source, index, stats, [&pipe](model::log_event&& e) { pipe.push(std::move(e)); }, error,
                    m_formats, m_interest.get());
            } catch (...) {
                failure = std::current_exception();
            }
            pipe.close();
        });
        try {
            for (std::vector<model::log_event> batch; pipe.pop(batch);) {
                for (model::log_event& e : batch) {
                    for (diff::event_taker* t : m_takers) {
                        t->take(e);
                    }
                    m_rebuild.add(std::move(e));
                }
            }
        } catch (...) {
            pipe.abandon();
            reader.join();
            throw;
        }
        reader.join();
        if (failure) {
            std::rethrow_exception(failure);
        }
        return settle(stats, ok, error);
    }

    /// Reads the members a format wants (ikemgr.log*), set aside in one pass over the archive
    /// (set_archive_aside: a scratch file, so memory stays bounded), oldest rotation first as
    /// plain inputs are read, on two cores: a tar lists its members in no useful order, and
    /// a negotiation split across two rotations must be seen in time order.
    std::optional<model::diagnostic> read_archive(archive_aside& aside, const std::string& name) {
        parser::scratch_file& scratch = *aside.scratch;
        std::vector<archive_member>& members = aside.members;
        const bool ok = aside.ok;
        const std::string& error = aside.error;
        const std::string wanted = m_formats.wanted_files(parser::found_in::archive);
        if (!aside.scratch_failure.empty()) {
            return input_error(name, "cannot set the archive's " + wanted + " members aside: " + aside.scratch_failure);
        }
        if (members.empty()) {
            return input_error(name, ok ? "the archive holds no " + wanted + " file" : "cannot read the archive: " + error);
        }
        members.back().last_in_archive = true;
        const std::size_t first = m_inputs.size();
        std::optional<model::diagnostic> first_failure;
        std::map<std::string, std::uint32_t> stream_of_family;
        for (const archive_member& m : in_rotation_order(members)) {
            const auto [family, added] = stream_of_family.try_emplace(m.place.base, m_next_stream);
            if (added) {
                ++m_next_stream;
            }
            parser::scratch_file::reader data(scratch, m.bytes);
            if (auto failure = read_log(data, m.name, family->second)) {
                failure->level = model::severity::warning; // other members may be usable
                m_inputs.back().problems.push_back(*failure);
                first_failure = first_failure.value_or(*failure);
            }
        }
        const auto read = std::span(m_inputs).subspan(first);
        const bool usable =
            std::any_of(read.begin(), read.end(), [](const parser::input_stats& s) { return s.physical_lines != 0; });
        if (!usable && (!ok || first_failure)) {
            m_inputs.resize(first); // nothing of it is reported but the error
            if (!ok) {
                return input_error(name, "cannot read the archive: " + error);
            }
            first_failure->level = model::severity::error;
            return first_failure;
        }
        if (!scratch.in_memory_because().empty()) { // said first, in the first member read
            model::diagnostic d;
            d.level = model::severity::warning;
            d.code = "input-held-in-memory";
            d.file = name;
            d.message = "the archive's " + wanted + " members are held in memory until they are read: " +
                        scratch.in_memory_because();
            read.front().problems.insert(read.front().problems.begin(), std::move(d));
        }
        if (!ok) {
            const auto last = std::find_if(members.begin(), members.end(),
                                           [](const archive_member& m) { return m.last_in_archive; });
            note_archive_stopped(read[static_cast<std::size_t>(last - members.begin())], name, error);
        }
        return std::nullopt;
    }

    /// Says in the last member read that the archive stops there: in its own warning when
    /// reading the member already stopped (the usual case: the archive was cut inside it).
    static void note_archive_stopped(parser::input_stats& last, const std::string& archive_name,
                                     const std::string& error) {
        const std::string missing = "members after it, if any, are missing";
        for (model::diagnostic& d : last.problems) {
            if (d.code == "input-truncated" || d.code == "input-unreadable") {
                d.message += "; the archive ends here: " + missing;
                return;
            }
        }
        model::diagnostic d;
        d.level = model::severity::warning;
        d.code = "input-truncated";
        d.file = archive_name;
        d.message = "the archive could not be read past " + last.name.substr(archive_name.size() + 2) + ": " +
                    error + "; " + missing;
        last.problems.push_back(std::move(d));
    }

    /// The members, families by name, each oldest rotation first.
    static std::vector<archive_member>& in_rotation_order(std::vector<archive_member>& members) {
        std::stable_sort(members.begin(), members.end(), [](const archive_member& a, const archive_member& b) {
            if (a.place.base != b.place.base) {
                return a.place.base < b.place.base;
            }
            return a.place.generation > b.place.generation;
        });
        return members;
    }

    std::vector<parser::input_stats>& m_inputs;
    diff::reconstructor& m_rebuild;
    std::span<diff::event_taker* const> m_takers; ///< take each event before m_rebuild
    std::uint32_t m_next_stream;
    const parser::scratch_file& m_set_aside; ///< inputs read ahead that came from a pipe
    const parser::format_registry& m_formats;
    /// What the takers look for, when each of them says: the prefilter (null: every line).
    std::unique_ptr<parser::literal_set> m_interest;
};


/// Whether the file at `path` is of a format read ahead, from its first chunk.
bool is_read_ahead_file(const input_file& file, const parser::format_registry& formats) {
    const opened_input in(file);
    if (in.handle == nullptr) {
        return false; // reading it will say why
    }
    parser::file_source raw(in.handle);
    return is_read_ahead(parser::peek_source(raw, k_probe).head(), formats);
}

/// An input to read ahead (a system log): a regular file, or a copy set aside in a scratch file.
struct read_ahead_input {
    input_file file;
    std::optional<parser::scratch_file::piece> set_aside;
};

/// The negotiations the inputs read ahead, `logs`, make on their own: what a reconstructor
/// given every input builds of them (what cannot be read is said when they are read).
std::vector<model::negotiation> read_ahead(const std::vector<read_ahead_input>& logs,
                                           const parser::scratch_file& set_aside,
                                           const parser::format_registry& formats) {
    diff::reconstructor ahead;
    for (std::uint32_t index = 0; index < logs.size(); ++index) {
        ahead.set_stream(index, logs[index].file.stream);
        parser::input_stats stats;
        std::string error;
        const auto sink = [&ahead](model::log_event&& e) { ahead.add(std::move(e)); };
        if (logs[index].set_aside) {
            parser::scratch_file::reader data(set_aside, *logs[index].set_aside);
            parser::read_log(data, index, stats, sink, error, formats);
        } else if (const opened_input in(logs[index].file); in.handle != nullptr) {
            parser::read_log(in.handle, index, stats, sink, error, formats);
        }
    }
    return ahead.finish();
}

/// Everything `source` holds, into `text`; false, with `error`, when it stops on an error.
bool read_whole(parser::byte_source& source, std::string& text, std::string& error) {
    std::vector<char> chunk(parser::k_chunk);
    for (;;) {
        std::size_t got = 0;
        if (!source.read(chunk.data(), chunk.size(), got, error)) {
            return false;
        }
        if (got == 0) {
            return true;
        }
        text.append(chunk.data(), got);
    }
}

/// Reads the configuration whose first bytes `source` holds (gzip-compressed or not) with
/// `format`, handing it to `sink`; the error when it cannot be read or is not well-formed.
std::optional<model::diagnostic> read_configuration(parser::peek_source& source, const std::string& name,
                                                    const parser::log_format& format,
                                                    std::vector<model::vpn_config>& into) {
    std::string text;
    std::string error;
    bool ok = false;
    if (parser::is_gzip(source.head())) {
        parser::gunzip_source plain(source);
        ok = read_whole(plain, text, error);
    } else {
        ok = read_whole(source, text, error);
    }
    if (!ok) {
        return input_error(name, "cannot read the configuration: " + error);
    }
    auto config = format.read_configuration(text, name);
    if (!config) {
        return config.error();
    }
    into.push_back(std::move(config.value()));
    return std::nullopt;
}

/// The configuration format that reads an input whose first bytes are `head`, or null.
const parser::log_format* configuration_format(std::string_view head, const parser::format_registry& formats) {
    const parser::log_format* format = parser::format_of_head(head, formats);
    return format != nullptr && format->is_configuration() ? format : nullptr;
}

/// The configurations among an archive's members set aside (running-config.xml), read
/// from where they were set aside.
std::optional<model::diagnostic> read_archive_configurations(const archive_aside& aside,
                                                             const parser::format_registry& formats,
                                                             std::vector<model::vpn_config>& into) {
    for (const archive_member& m : aside.members) {
        parser::scratch_file::reader data(*aside.scratch, m.bytes);
        parser::peek_source member(data, k_probe);
        if (const parser::log_format* format = configuration_format(member.head(), formats)) {
            if (auto failure = read_configuration(member, m.name, *format, into)) {
                return failure;
            }
        }
    }
    return std::nullopt;
}

/// Reads every configuration among `files` ahead of the logs (read_inputs). An archive's
/// wanted members are set aside now (`asides`), its configuration read from there, and its
/// logs later: the archive is decompressed once. An input that is not a regular file is
/// opened and looked at once (`early`); a configuration there is set aside whole
/// (`set_aside`), to be read from there with the logs.
std::optional<model::diagnostic> read_configurations(const std::vector<input_file>& files,
                                                     std::vector<std::unique_ptr<early_input>>& early,
                                                     std::vector<std::unique_ptr<archive_aside>>& asides,
                                                     parser::scratch_file& set_aside,
                                                     const parser::format_registry& formats,
                                                     std::vector<model::vpn_config>& into) {
    for (std::size_t i = 0; i < files.size(); ++i) {
        const input_file& f = files[i];
        const std::string name = f.path == "-" ? "stdin" : f.path;
        std::error_code ec;
        if (f.path != "-" && std::filesystem::is_regular_file(f.path, ec)) {
            const opened_input in(f);
            if (in.handle == nullptr) {
                continue; // reading it will say why
            }
            parser::file_source raw(in.handle);
            parser::peek_source source(raw, k_probe);
            std::optional<model::diagnostic> failure;
            if (parser::is_archive(source.head())) {
                asides[i] = std::make_unique<archive_aside>(set_archive_aside(source, name, formats));
                failure = read_archive_configurations(*asides[i], formats, into);
            } else if (const parser::log_format* format = configuration_format(source.head(), formats)) {
                failure = read_configuration(source, name, *format, into);
            }
            if (failure) {
                return failure;
            }
            continue;
        }
        if (!early[i]) {
            auto e = std::make_unique<early_input>(f);
            if (!e->source) {
                continue; // opened again in its turn, which says why it cannot be
            }
            early[i] = std::move(e);
        }
        early_input& e = *early[i];
        if (e.set_aside || !e.source) {
            continue; // a system log, set aside already
        }
        if (parser::is_archive(e.source->head())) {
            asides[i] = std::make_unique<archive_aside>(set_archive_aside(*e.source, name, formats));
            if (auto failure = read_archive_configurations(*asides[i], formats, into)) {
                return failure;
            }
            continue;
        }
        const parser::log_format* format = configuration_format(e.source->head(), formats);
        if (format == nullptr) {
            continue;
        }
        parser::scratch_file::piece piece;
        std::string failure;
        if (!set_aside.keep(*e.source, piece, failure)) {
            return input_error(name, "cannot set the configuration aside: " + failure);
        }
        e.set_aside = piece;
        parser::scratch_file::reader data(set_aside, piece);
        parser::peek_source whole(data, k_probe);
        if (auto error = read_configuration(whole, name, *format, into)) {
            return error;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<model::diagnostic> read_inputs(const std::vector<input_file>& files,
                                             std::vector<parser::input_stats>& inputs,
                                             diff::reconstructor& rebuild,
                                             const parser::format_registry& formats,
                                             std::span<diff::event_taker* const> takers,
                                             const std::function<void(std::vector<model::vpn_config>&&)>& configurations) {
    // System log entries merge into ikemgr.log negotiations of any age. With a system log
    // among several inputs, it is read ahead, so that only the negotiations it may merge into
    // wait for the end. A regular file is read twice; anything else can be read only once:
    // it is opened and looked at now, and a system log among them set aside whole.
    parser::scratch_file set_aside;
    std::vector<std::unique_ptr<early_input>> early(files.size());
    if (files.size() > 1) {
        std::vector<read_ahead_input> ahead_inputs;
        for (std::size_t i = 0; i < files.size(); ++i) {
            const input_file& f = files[i];
            std::error_code ec;
            if (f.path != "-" && std::filesystem::is_regular_file(f.path, ec)) {
                if (is_read_ahead_file(f, formats)) {
                    ahead_inputs.push_back({f, std::nullopt});
                }
                continue;
            }
            auto e = std::make_unique<early_input>(f);
            if (!e->source) {
                continue; // opened again in its turn, which says why it cannot be
            }
            early[i] = std::move(e);
            if (!is_read_ahead(early[i]->source->head(), formats)) {
                continue; // read in its turn
            }
            parser::scratch_file::piece piece;
            std::string failure;
            if (!set_aside.keep(*early[i]->source, piece, failure)) {
                return input_error(f.path == "-" ? "stdin" : f.path, "cannot set the system log aside: " + failure);
            }
            early[i]->set_aside = piece;
            ahead_inputs.push_back({f, piece});
        }
        if (!ahead_inputs.empty()) {
            rebuild.expect_summaries(read_ahead(ahead_inputs, set_aside, formats));
        }
    }
    // The firewall's configuration, before any log line: the checks and the names of its
    // gateways and profiles are known before the first negotiation is written.
    std::vector<model::vpn_config> read_configs;
    std::vector<std::unique_ptr<archive_aside>> asides(files.size());
    if (auto error = read_configurations(files, early, asides, set_aside, formats, read_configs)) {
        return error;
    }
    if (!read_configs.empty() && configurations) {
        configurations(std::move(read_configs));
    }
    std::uint32_t first_free_stream = 0;
    for (const input_file& f : files) {
        first_free_stream = std::max(first_free_stream, f.stream + 1);
    }
    input_reader reader(inputs, rebuild, takers, first_free_stream, set_aside, formats);
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (auto error = reader.read(files[i], early[i].get(), asides[i].get())) {
            return error;
        }
    }
    return std::nullopt;
}

} // namespace ikediff::cli
