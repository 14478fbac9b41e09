#include "parser/io/line_pump.hpp"

#include <bit>

namespace ikediff::parser {

std::uint64_t count_newlines(const char* p, std::size_t size) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;
    std::uint64_t n = 0;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, p + i, 8);
        const std::uint64_t x = word ^ (k_ones * '\n'); // a newline byte is 0 here
        // The high bit of each byte that is 0, exactly (no borrow between bytes).
        const std::uint64_t zero = ~(((x & k_low7) + k_low7) | x | k_low7);
        n += static_cast<std::uint64_t>(std::popcount(zero));
    }
    for (; i < size; ++i) {
        n += p[i] == '\n' ? 1 : 0;
    }
    return n;
}

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

std::uint64_t count_lines(const char* p, std::size_t size, bool has_cr) {
    std::uint64_t n = count_newlines(p, size);
    if (has_cr) {
        for (const char* cr = p; (cr = static_cast<const char*>(std::memchr(cr, '\r', size - static_cast<std::size_t>(cr - p))));
             ++cr) {
            const std::size_t at = static_cast<std::size_t>(cr - p);
            n += at + 1 < size && p[at + 1] == '\n' ? 0 : 1; // a CRLF's CR ends nothing
        }
    }
    return n;
}

} // namespace ikediff::parser
