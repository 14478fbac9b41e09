#pragma once
// Lines that continue the line before them (log-formats.md section 6). Real ikemgr.log text
// reaches users through mail clients and web pages, which wrap a long line: the rest of it
// continues on the next line with no prefix (`...negotiation: 192.0.2.10[500]<=>` then
// `198.51.100.20[500]`). And PAN-OS itself writes a banner's details on lines of their own,
// with no prefix: after `... [PERR]: { 1: }: ====> PHASE-1 NEGOTIATION FAILED AS INITIATOR,
// MAIN MODE <====` come `====> Failed SA: 200.100.5.1[500]-200.100.1.254[500]
// cookie:02f293d180b306a3:0000000000000000 <====` and `====> Due to timeout. <====`.
//
// The feeder (format.hpp) holds each line that has a prefix back until the next one tells
// whether it continues: a prefix-less line right after it is its continuation (joined to
// it), unless it is a hex dump (noise of its own) or a banner's line (`====> ...`), which is
// read as a line of its own under the prefix of the line it follows (its time, level and
// context), so it joins that line's negotiation. Internal to parser/ikemgr.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ikediff::parser::ikemgr {

/// How many bytes of `line` its prefix takes (the grammar's `line_prefix`, leading and
/// trailing blanks included: where the message begins), or none when the line has no prefix.
std::optional<std::size_t> prefix_length(std::string_view line);

/// What a prefix-less line is to the line held before it.
enum class follower : std::uint8_t {
    /// Not a continuation: an empty line, a hex dump (`0a0b0c0d 01020304 ...`).
    none,
    /// The rest of a wrapped line: joined to the held line (`join_wrapped`).
    wrapped,
    /// A banner's line of its own, `====> Failed SA: ... <====`: read under the held line's
    /// prefix.
    banner,
};

/// What `line` (which has no prefix) is to the line before it.
follower follower_kind(std::string_view line);

/// Whether `line` is a hex dump line: blank-separated runs of hex digits, none longer than
/// eight (racoon's and ikemgr's dumps print four bytes a run). `0000000000000000`, the wrapped
/// half of a cookie pair, is not one.
bool is_hex_dump(std::string_view line);

/// Where a wrap cut: `as_cut` guesses (a blank between two letters, `time` / `up.`, none
/// elsewhere: an address, a cookie, `<=>`); `blank` and `no_blank` say.
enum class wrap_cut : std::uint8_t { as_cut, blank, no_blank };

/// Appends the wrapped rest `rest` to `held`. A wrap cuts a line where a blank was, or inside
/// a token; blanks that begin `rest` stand for one, and `held` ending in a blank needs none.
void join_wrapped(std::string& held, std::string_view rest, wrap_cut cut = wrap_cut::as_cut);

} // namespace ikediff::parser::ikemgr
