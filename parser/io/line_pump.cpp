#include "parser/io/line_pump.hpp"

#include <algorithm>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ikediff::parser {

// Sixteen bytes at a time with SSE2 (every x86-64 has it): a compare per block, summed per
// byte lane, the lanes added every 255 blocks. (std::popcount of a word is a call into
// libgcc without -mpopcnt, which Debian's baseline does not assume: that cost a quarter of
// the reading thread on a management-plane log.)
std::uint64_t count_newlines(const char* p, std::size_t size) {
    std::uint64_t n = 0;
    std::size_t i = 0;
#if defined(__SSE2__)
    const __m128i newline = _mm_set1_epi8('\n');
    while (i + 16 <= size) {
        // Per byte lane, how many newlines (at most 255 looks before the lanes are summed).
        __m128i lanes = _mm_setzero_si128();
        const std::size_t looks = std::min<std::size_t>((size - i) / 16, 255);
        for (std::size_t k = 0; k < looks; ++k, i += 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(v, newline));
        }
        const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
        n += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
             static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    }
#endif
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
