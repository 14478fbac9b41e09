#pragma once
// The line pump: a byte source cut into physical lines for a format's feeder, in chunks of
// fixed size, so memory does not grow with the input. It removes a UTF-8 BOM before the
// first line and the CR of a CRLF, ends a line at a bare CR too (classic Mac endings, or a
// log pasted through a tool that made them), and hands over a line longer than
// `k_max_line` as one `feed_oversized()` call (its bytes are dropped).
//
// A feeder is any type with `void feed(std::string_view line)` (a physical line without its
// newline) and `void feed_oversized()`; the pump is a template so that the per-line call is
// direct (11 M lines in a GiB of debug log).
//
// The prefilter: given a `literal_set` (the fixed texts an analysis of lines looks for,
// `interest`), a feeder that also has `void skip_lines(std::uint64_t n)` is fed only the
// lines holding one of them; the lines in between are counted, not cut, and said with
// `skip_lines`. One search runs over each chunk's complete lines, so a line no literal
// names costs a newline count (and, in a chunk with CRs, a count of the bare CRs, which end
// lines too). Feeders without `skip_lines`, or a pump without a set, get every line.

#include "parser/io/byte_source.hpp"
#include "parser/io/literal_set.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikediff::parser {

inline constexpr std::size_t k_max_line = 1 << 20;
/// The bytes read at a time, and the first chunk formats are detected from.
inline constexpr std::size_t k_chunk = 256 * 1024;

/// How many newlines the `size` bytes at `p` hold (sixteen bytes at a time).
std::uint64_t count_newlines(const char* p, std::size_t size);
/// How many lines the `size` bytes at `p` are, the pump's way: each ends at a newline, or
/// at a CR not right before one (`has_cr`: whether they may hold a CR at all).
std::uint64_t count_lines(const char* p, std::size_t size, bool has_cr);

/// A feeder that can be told of lines it is not fed (the prefilter skipped them).
template <class Feeder>
concept skipping_feeder = requires(Feeder& f, std::uint64_t n) { f.skip_lines(n); };

/// Reads up to `size` bytes, fewer only at the end of the stream (or on an error).
bool read_full(byte_source& from, char* into, std::size_t size, std::size_t& got, std::string& error);

/// The lines of one (decompressed) input whose first chunk has been read already.
class line_pump {
public:
    /// `buffer` holds the input's first `pending` bytes (read to detect its format), the
    /// rest comes from `source`.
    line_pump(byte_source& source, std::vector<char>& buffer, std::size_t pending)
        : m_source(source), m_buffer(buffer), m_pending(pending) {}

    /// Feeds every line to `feeder`; false, with `error` set, when the source fails (what
    /// was fed before stays fed). Run once.
    template <class Feeder>
    bool run(Feeder& feeder, std::string& error);

    /// Feed a skipping feeder only the lines holding one of `literals` (not owned: it
    /// outlives the pump; null: every line).
    void set_interest(const literal_set* literals) {
        if (literals != nullptr && !literals->empty()) {
            m_search.emplace(*literals);
        } else {
            m_search.reset();
        }
    }

private:
    /// Feeds the lines of `text` (complete lines, the last ending in a newline) that hold a
    /// literal of the interest, and says how many the others are.
    template <class Feeder>
    void feed_candidates(Feeder& feeder, std::string_view text, bool has_cr);
    template <class Feeder>
    void feed_lines(Feeder& feeder, std::string_view text);
    template <class Feeder>
    void feed(Feeder& feeder, std::string_view line);

    byte_source& m_source;
    std::vector<char>& m_buffer;
    std::size_t m_pending;
    bool m_first = true; ///< no line fed yet: a BOM may open the next
    std::optional<literal_set::searcher> m_search; ///< the prefilter, when one is set
    std::vector<std::size_t> m_found;              ///< where literals end in the chunk
};

// Implementation --------------------------------------------------------------------------

template <class Feeder>
void line_pump::feed(Feeder& feeder, std::string_view line) {
    if (m_first) {
        m_first = false;
        if (line.starts_with("\xEF\xBB\xBF")) {
            line.remove_prefix(3);
        }
    }
    feeder.feed(line);
}

/// Feeds `text` as lines: a bare CR ends a line like a newline; a CR right before the end
/// (CRLF) is dropped.
template <class Feeder>
void line_pump::feed_lines(Feeder& feeder, std::string_view text) {
    for (;;) {
        const std::size_t cr = text.find('\r');
        if (cr == std::string_view::npos || cr + 1 == text.size()) {
            feed(feeder, text.substr(0, cr == std::string_view::npos ? text.size() : cr));
            return;
        }
        feed(feeder, text.substr(0, cr));
        text.remove_prefix(cr + 1);
    }
}

template <class Feeder>
void line_pump::feed_candidates(Feeder& feeder, std::string_view text, bool has_cr) {
    m_search->find_all(text, m_found);
    std::size_t done = 0; // where the first line not yet fed or counted starts
    for (const std::size_t found_end : m_found) {
        const std::size_t last = found_end - 1; // the literal's last byte
        if (last < done) {
            continue; // in a line fed already
        }
        const void* before = ::memrchr(text.data() + done, '\n', last - done);
        const std::size_t start =
            before == nullptr ? done : static_cast<std::size_t>(static_cast<const char*>(before) - text.data()) + 1;
        const auto* nl = static_cast<const char*>(std::memchr(text.data() + last, '\n', text.size() - last));
        const std::size_t stop = static_cast<std::size_t>(nl - text.data()); // text ends with one
        if (start > done) {
            feeder.skip_lines(count_lines(text.data() + done, start - done, has_cr));
            m_first = false;
        }
        const std::string_view line = text.substr(start, stop - start);
        if (has_cr) {
            feed_lines(feeder, line);
        } else {
            feed(feeder, line);
        }
        done = stop + 1;
    }
    if (done < text.size()) {
        feeder.skip_lines(count_lines(text.data() + done, text.size() - done, has_cr));
        m_first = false;
    }
}

template <class Feeder>
bool line_pump::run(Feeder& feeder, std::string& error) {
    std::vector<char>& buffer = m_buffer;
    std::size_t pending = m_pending;
    m_pending = 0;
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
        if (got == 0 && !m_source.read(buffer.data() + held, buffer.size() - held, got, error)) {
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
        if constexpr (skipping_feeder<Feeder>) {
            if (m_search) {
                if (skipping) {
                    if (const auto* nl = static_cast<const char*>(
                            std::memchr(scan, '\n', static_cast<std::size_t>(end - scan)))) {
                        feeder.feed_oversized();
                        m_first = false;
                        skipping = false;
                        begin = nl + 1;
                    }
                }
                if (!skipping) {
                    if (const auto* last = static_cast<const char*>(
                            ::memrchr(begin, '\n', static_cast<std::size_t>(end - begin)))) {
                        feed_candidates(feeder, std::string_view(begin, static_cast<std::size_t>(last + 1 - begin)),
                                        has_cr);
                        begin = last + 1;
                    }
                }
                scan = end; // every line ending in this chunk is fed or counted
            }
        }
        while (const auto* nl = static_cast<const char*>(
                   std::memchr(scan, '\n', static_cast<std::size_t>(end - scan)))) {
            if (skipping) {
                feeder.feed_oversized();
                m_first = false;
                skipping = false;
            } else if (has_cr) {
                feed_lines(feeder, std::string_view(begin, static_cast<std::size_t>(nl - begin)));
            } else {
                feed(feeder, std::string_view(begin, static_cast<std::size_t>(nl - begin)));
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
        const std::string_view last(buffer.data(), held); // the last line, without a newline
        if constexpr (skipping_feeder<Feeder>) {
            if (m_search && !m_search->any_in(last)) {
                const bool cr = std::memchr(last.data(), '\r', last.size()) != nullptr;
                // Its bare CRs end lines, and so does its end, unless a CR just did.
                feeder.skip_lines(count_lines(last.data(), last.size(), cr) + (last.ends_with('\r') ? 0 : 1));
                return true;
            }
        }
        feed_lines(feeder, last);
    }
    return true;
}

} // namespace ikediff::parser
