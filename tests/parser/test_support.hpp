#pragma once
// Helpers shared by the parser tests (tests/parser/*_test.cpp): reading text or a fixture
// through parser::read_log, and checking an input_stats or a diagnostic field by field.

#include "model/diagnostic.hpp"
#include "parser/io/line_pump.hpp"
#include "parser/log_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <memory>
#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ikediff::test_support {

/// Names the line that called a checking helper in every failure the helper reports, so a
/// failure points at the test as well as at the helper's EXPECT_EQ (which names the field).
inline ::testing::ScopedTrace trace_caller(std::source_location where) {
    return ::testing::ScopedTrace(where.file_name(), static_cast<int>(where.line()),
                                  "checked from here");
}

// Files -------------------------------------------------------------------------------------

struct file_closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using file_ptr = std::unique_ptr<std::FILE, file_closer>;

/// A temporary file holding `content`, rewound to its start; null when it cannot be made.
inline file_ptr temp_file_with(std::string_view content) {
    file_ptr file(std::tmpfile());
    if (!file) {
        return nullptr;
    }
    if (!content.empty() &&
        std::fwrite(content.data(), 1, content.size(), file.get()) != content.size()) {
        return nullptr;
    }
    std::rewind(file.get());
    return file;
}

/// Everything one read_log call produced.
struct read_outcome {
    bool opened = false; ///< false: the input could not be opened (or written)
    bool ok = false;
    std::string error;
    parser::input_stats stats;
    std::vector<model::log_event> events;
};

/// Reads `file` through read_log as input `input_index`, its stats named `name`.
inline read_outcome read_log_file(std::FILE* file, std::string name,
                                  std::uint32_t input_index = 0) {
    read_outcome out;
    out.opened = true;
    out.stats.name = std::move(name);
    out.ok = parser::read_log(
        file, input_index, out.stats,
        [&out](model::log_event&& event) { out.events.push_back(std::move(event)); }, out.error);
    return out;
}

/// What a feeder made of some text.
struct fed_events {
    parser::input_stats stats;
    std::vector<model::log_event> events;
};

/// `text` through the line pump (which removes a BOM and the CR of CRLF for every format)
/// into a `Feeder` (`system_log_feeder`, `traffic_log_feeder`) of input `input_index`, its
/// stats named `name`.
template <class Feeder>
fed_events feed_text(std::string_view text, std::string name, std::uint32_t input_index = 0) {
    fed_events out;
    out.stats.name = std::move(name);
    Feeder feeder(input_index, out.stats,
                  [&out](model::log_event&& ev) { out.events.push_back(std::move(ev)); });
    parser::memory_source source(text);
    std::vector<char> buffer(parser::k_chunk);
    parser::line_pump pump(source, buffer, 0);
    std::string error;
    EXPECT_TRUE(pump.run(feeder, error)) << error;
    if constexpr (requires { feeder.finish(); }) {
        feeder.finish(); // what a format's read() does after the pump
    }
    return out;
}

/// Writes `content` to a temporary file and reads it back through read_log.
inline read_outcome read_log_text(std::string_view content, std::string name,
                                  std::uint32_t input_index = 0) {
    const file_ptr file = temp_file_with(content);
    if (!file) {
        return {};
    }
    return read_log_file(file.get(), std::move(name), input_index);
}

/// Reads fixtures/<folder>/<file> through read_log, its stats named `file`.
inline read_outcome read_log_fixture(const std::string& folder, const std::string& file) {
    const std::string path = std::string(IKEDIFF_FIXTURES) + "/" + folder + "/" + file;
    const file_ptr f(std::fopen(path.c_str(), "rb"));
    if (!f) {
        return {};
    }
    return read_log_file(f.get(), file);
}

/// The bytes of fixtures/<path>; empty when it cannot be read.
inline std::string fixture_bytes(const std::string& path) {
    std::ifstream in(std::string(IKEDIFF_FIXTURES) + "/" + path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// `data` as a byte_source, at most `chunk` bytes per read, as a pipe or an archive member
/// delivers it.
class memory_source final : public parser::byte_source {
public:
    explicit memory_source(std::string data, std::size_t chunk = 64 * 1024)
        : m_data(std::move(data)), m_chunk(chunk) {}
    bool read(char* into, std::size_t size, std::size_t& got, std::string&) override {
        got = m_data.copy(into, std::min(size, m_chunk), m_at);
        m_at += got;
        return true;
    }

private:
    std::string m_data;
    std::size_t m_chunk;
    std::size_t m_at = 0;
};

// input_stats -------------------------------------------------------------------------------

/// What a test expects of an input_stats: only the fields it names are checked. (The `{}`
/// initializers let a designated initializer leave fields out under
/// -Wmissing-field-initializers; the same goes for every `expected_*` struct.)
struct expected_stats {
    std::optional<std::string> format{};
    std::optional<std::uint64_t> physical_lines{};
    std::optional<std::uint64_t> lines{};
    std::optional<std::uint64_t> recognized{};
    std::optional<std::uint64_t> unrecognized{};
    std::optional<std::uint64_t> malformed{};
    std::optional<std::uint64_t> oversized{};
};

/// One EXPECT_EQ per field `want` names, so a failure names the field (`stats.recognized`).
inline void expect_stats(const parser::input_stats& stats, const expected_stats& want,
                         std::source_location where = std::source_location::current()) {
    const auto trace = trace_caller(where);
    if (want.format) {
        EXPECT_EQ(stats.format, *want.format);
    }
    if (want.physical_lines) {
        EXPECT_EQ(stats.physical_lines, *want.physical_lines);
    }
    if (want.lines) {
        EXPECT_EQ(stats.lines, *want.lines);
    }
    if (want.recognized) {
        EXPECT_EQ(stats.recognized, *want.recognized);
    }
    if (want.unrecognized) {
        EXPECT_EQ(stats.unrecognized, *want.unrecognized);
    }
    if (want.malformed) {
        EXPECT_EQ(stats.malformed, *want.malformed);
    }
    if (want.oversized) {
        EXPECT_EQ(stats.oversized, *want.oversized);
    }
}

// Diagnostics -------------------------------------------------------------------------------

/// What a test expects of a diagnostic: only the fields it names are checked.
struct expected_diagnostic {
    std::optional<model::severity> level{};
    std::optional<std::string> code{};
    std::optional<std::string> message{};
    std::optional<std::string> file{};
    std::optional<std::uint64_t> line{};
    std::optional<std::uint64_t> column{};
    std::optional<std::string> located_message{}; ///< `located_message()`
};

/// One EXPECT_EQ per field `want` names, so a failure names the field (`d.column`).
inline void expect_diagnostic(const model::diagnostic& d, const expected_diagnostic& want,
                              std::source_location where = std::source_location::current()) {
    const auto trace = trace_caller(where);
    if (want.level) {
        EXPECT_EQ(d.level, *want.level);
    }
    if (want.code) {
        EXPECT_EQ(d.code, *want.code);
    }
    if (want.message) {
        EXPECT_EQ(d.message, *want.message);
    }
    if (want.file) {
        EXPECT_EQ(d.file, *want.file);
    }
    if (want.line) {
        EXPECT_EQ(d.line, *want.line);
    }
    if (want.column) {
        EXPECT_EQ(d.column, *want.column);
    }
    if (want.located_message) {
        EXPECT_EQ(d.located_message(), *want.located_message);
    }
}

} // namespace ikediff::test_support
