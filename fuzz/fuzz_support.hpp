#pragma once
// What the libFuzzer targets share: splitting the input into lines as the reader does, and
// an invariant check that aborts (libFuzzer then saves the input as a crash).

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace ikediff::fuzz {

/// Aborts with `what` on stderr when `ok` is false: a broken invariant is a finding.
inline void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "ikediff fuzz: invariant broken: %s\n", what);
        std::abort();
    }
}

/// Calls `f` on every line of `text` without its '\n', the last one also when the text does
/// not end with a newline. A CR stays in the line: the line pump (parser/io/line_pump.hpp)
/// would have removed it, so a feeder given it directly meets more than it does in use, which
/// a fuzzer may well ask of it.
template <class F>
void for_each_line(std::string_view text, F&& f) {
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        if (nl == std::string_view::npos) {
            f(text);
            return;
        }
        f(text.substr(0, nl));
        text.remove_prefix(nl + 1);
    }
}

} // namespace ikediff::fuzz
