#include "parser/log_reader.hpp"

#include "model/vocabulary.hpp"
#include "parser/ikemgr/line_scanner.hpp"
#include "parser/system_log/system_log.hpp"

#include "parser/io/archive_reader.hpp"

#include <algorithm>
#include <optional>

#include <cerrno>
#include <cstring>
#include <string_view>
#include <utility>

namespace ikediff::parser {

line_feeder::line_feeder(std::uint32_t input_index, input_stats& stats, event_sink sink)
    : m_input(input_index), m_stats(stats), m_sink(std::move(sink)) {}

void line_feeder::feed(std::string_view line) {
    ++m_stats.physical_lines;
    if (m_stats.physical_lines == 1 && line.starts_with("\xEF\xBB\xBF")) {
        line.remove_prefix(3);
    }
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    switch (shape_of(line)) {
    case line_shape::noise_alone:
        ++m_stats.lines; // most lines of a debug log: one segment, no match
        ++m_stats.unrecognized;
        return;
    case line_shape::usual_alone:
        scan_segment(line, 1, scan_usual_line); // one segment, no glued line to look for
        return;
    case line_shape::other:
        break;
    }
    std::size_t start = 0;
    for (;;) {
        const std::size_t next = next_line_start(line, start);
        const std::size_t end = next == std::string_view::npos ? line.size() : next;
        scan_segment(line.substr(start, end - start), static_cast<std::uint32_t>(start + 1), scan_line);
        if (next == std::string_view::npos) {
            break;
        }
        start = next;
    }
}

void line_feeder::feed_oversized() {
    ++m_stats.physical_lines;
    ++m_stats.lines;
    ++m_stats.unrecognized;
    ++m_stats.oversized;
}

namespace {

/// PAN-OS 8.x+ numbers its negotiations (`{ A: B }`); racoon logs one exchange at a time,
/// by peer.
model::correlation::by correlation_of(const model::log_event& event) {
    using by = model::correlation::by;
    if (event.context) {
        return by::context;
    }
    if (event.peer) {
        return by::peer;
    }
    if (std::holds_alternative<model::ipsec_sa_established_event>(event.what)) {
        return by::sa_ends;
    }
    return by::follow;
}

} // namespace

void line_feeder::scan_segment(std::string_view segment, std::uint32_t column, scan_result (*scan)(std::string_view)) {
    ++m_stats.lines;
    scan_result result = scan(segment);
    if (auto* event = std::get_if<model::log_event>(&result)) {
        ++m_stats.recognized;
        event->where = {m_input, m_stats.physical_lines, column};
        event->key.kind = correlation_of(*event);
        m_sink(std::move(*event));
    } else if (auto* bad = std::get_if<scan_malformed>(&result)) {
        ++m_stats.malformed;
        if (m_stats.problems.size() < k_max_diagnostics) {
            model::diagnostic d;
            d.level = model::severity::warning;
            d.code = "log-malformed";
            d.message = "IKE line not understood: " + bad->message;
            d.file = m_stats.name;
            d.line = m_stats.physical_lines;
            d.column = column - 1 + bad->column;
            m_stats.problems.push_back(std::move(d));
        }
    } else {
        ++m_stats.unrecognized;
    }
}

namespace {

constexpr std::size_t k_chunk = 256 * 1024;
/// How many non-empty lines of the first chunk the format detection looks at.
constexpr std::size_t k_detect_lines = 20;

} // namespace

bool is_system_log_head(std::string_view head) {
    std::size_t seen = 0;
    std::size_t start = 0;
    while (start < head.size() && seen < k_detect_lines) {
        const std::size_t nl = head.find('\n', start);
        const std::size_t end = nl == std::string_view::npos ? head.size() : nl;
        const std::string_view line = head.substr(start, end - start);
        if (!model::trim(line).empty() && line != "\xEF\xBB\xBF") {
            ++seen;
            if (looks_like_system_log(line) || looks_like_pan_log(line)) {
                return true;
            }
        }
        if (nl == std::string_view::npos) {
            break;
        }
        start = nl + 1;
    }
    return false;
}

/// Feeds `text` as lines: a bare CR (classic Mac endings, or a log pasted through a tool
/// that made them) ends a line like a newline; a CR right before the end (CRLF) is left for
/// the feeder, which strips it.
template <class Feeder>
void feed_lines(Feeder& feeder, std::string_view text) {
    for (;;) {
        const std::size_t cr = text.find('\r');
        if (cr == std::string_view::npos || cr + 1 == text.size()) {
            feeder.feed(text);
            return;
        }
        feeder.feed(text.substr(0, cr));
        text.remove_prefix(cr + 1);
    }
}

namespace {

/// Reads up to `size` bytes, fewer only at the end of the stream (or on an error).
bool read_full(byte_source& from, char* into, std::size_t size, std::size_t& got, std::string& error) {
    got = 0;
    while (got < size) {
        std::size_t n = 0;
        if (!from.read(into + got, size - got, n, error)) {
            return false;
        }
        if (n == 0) {
            break;
        }
        got += n;
    }
    return true;
}

/// Splits the input into physical lines for `feeder`, starting with the `pending` bytes
/// already read into `buffer`.
template <class Feeder>
bool pump(byte_source& file, std::vector<char>& buffer, std::size_t pending, Feeder& feeder,
          std::string& error) {
    std::size_t held = 0;  // bytes of an unfinished line at the front of `buffer`
    bool skipping = false; // inside a line longer than k_max_line
    for (;;) {
        if (held == buffer.size()) {
            // Room for a line of k_max_line bytes plus its newline.
            if (buffer.size() < k_max_line + 1) {
                buffer.resize(std::min(buffer.size() * 2, k_max_line + 1));
            } else if (const auto* cr = static_cast<const char*>(::memrchr(buffer.data(), '\r', held))) {
                // No newline for k_max_line bytes, but bare CRs: those are the line ends.
                const auto done = static_cast<std::size_t>(cr - buffer.data()) + 1;
                feed_lines(feeder, std::string_view(buffer.data(), done - 1));
                held -= done;
                std::memmove(buffer.data(), buffer.data() + done, held);
            } else {
                skipping = true; // drop the line's bytes until its newline
                held = 0;
            }
        }
        std::size_t got = pending;
        pending = 0;
        if (got == 0 && !file.read(buffer.data() + held, buffer.size() - held, got, error)) {
            return false;
        }
        if (got == 0) {
            break;
        }
        const char* begin = buffer.data();
        const char* scan = buffer.data() + held;
        const char* const end = buffer.data() + held + got;
        // Most logs have no CR at all: then lines need no look for one.
        const bool has_cr = std::memchr(begin, '\r', static_cast<std::size_t>(end - begin)) != nullptr;
        while (const auto* nl = static_cast<const char*>(
                   std::memchr(scan, '\n', static_cast<std::size_t>(end - scan)))) {
            if (skipping) {
                feeder.feed_oversized();
                skipping = false;
            } else if (has_cr) {
                feed_lines(feeder, std::string_view(begin, static_cast<std::size_t>(nl - begin)));
            } else {
                feeder.feed(std::string_view(begin, static_cast<std::size_t>(nl - begin)));
            }
            begin = nl + 1;
            scan = begin;
        }
        held = skipping ? 0 : static_cast<std::size_t>(end - begin);
        if (held != 0 && begin != buffer.data()) {
            std::memmove(buffer.data(), begin, held);
        }
    }
    if (skipping) {
        feeder.feed_oversized();
    } else if (held != 0) {
        feed_lines(feeder, std::string_view(buffer.data(), held)); // last line without newline
    }
    return true;
}

} // namespace

bool read_log(byte_source& raw, std::uint32_t input_index, input_stats& stats,
              const event_sink& sink, std::string& error) {
    // Compression is told from the content, not the name: a rotated ikemgr.log.1 may be
    // gzip, a file named .gz may be plain text.
    peek_source peek(raw, 64);
    if (peek.head().empty() && !peek.ok()) {
        error = peek.error();
        return false;
    }
    std::optional<gunzip_source> gunzip;
    if (is_gzip(peek.head())) {
        stats.compression = "gzip";
        gunzip.emplace(peek);
    }
    byte_source& text = gunzip ? static_cast<byte_source&>(*gunzip) : peek;

    // The first chunk decides the format; it is then fed like every other chunk.
    std::vector<char> buffer(k_chunk);
    std::size_t first = 0;
    if (!read_full(text, buffer.data(), buffer.size(), first, error) && first == 0) {
        return false;
    }
    // (An error after some bytes is met again, and reported, by the pump's next read.)
    if (is_tar(std::string_view(buffer.data(), first))) {
        stats.format = "tar";
        error = "a tar archive where a log was expected (archives inside archives are not read)";
        return false;
    }
    if (is_system_log_head(std::string_view(buffer.data(), first))) {
        stats.format = "system-log";
        system_log_feeder feeder(input_index, stats, sink);
        return pump(text, buffer, first, feeder, error);
    }
    stats.format = "ikemgr";
    line_feeder feeder(input_index, stats, sink);
    return pump(text, buffer, first, feeder, error);
}

bool read_log(std::FILE* file, std::uint32_t input_index, input_stats& stats,
              const event_sink& sink, std::string& error) {
    file_source source(file);
    return read_log(source, input_index, stats, sink, error);
}

} // namespace ikediff::parser
