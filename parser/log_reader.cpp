#include "parser/log_reader.hpp"

#include "parser/io/archive_reader.hpp"
#include "parser/io/line_pump.hpp"

#include <optional>
#include <vector>

namespace ikediff::parser {

bool read_log(byte_source& raw, std::uint32_t input_index, input_stats& stats, const event_sink& sink,
              std::string& error, const format_registry& formats, const literal_set* interest) {
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
    const std::string_view head(buffer.data(), first);
    if (is_tar(head)) {
        stats.format = "tar";
        error = "a tar archive where a log was expected (archives inside archives are not read)";
        return false;
    }
    const auto [format, guessed] = formats.detect(head);
    if (format == nullptr) {
        stats.format = "unknown";
        error = "not a log of a format ikediff reads";
        return false;
    }
    stats.format = std::string(format->name());
    stats.format_guessed = guessed;
    line_pump lines(text, buffer, first);
    lines.set_interest(interest);
    return format->read(lines, input_index, stats, sink, error);
}

bool read_log(std::FILE* file, std::uint32_t input_index, input_stats& stats, const event_sink& sink,
              std::string& error, const format_registry& formats, const literal_set* interest) {
    file_source source(file);
    return read_log(source, input_index, stats, sink, error, formats, interest);
}

const log_format* format_of_head(std::string_view head, const format_registry& formats) {
    return formats.detect(is_gzip(head) ? gunzip_prefix(head, k_chunk) : std::string(head)).format;
}

} // namespace ikediff::parser
