#pragma once
// What the benchmark's generators share (bench/generate_log.cpp, bench/generate_mp_logs.cpp):
// a seeded random stream, number text and `--size` parsing. The standard library only, so
// that no count a generator writes comes from ikediff's code.

#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

namespace ikediff::bench {

/// xoshiro256** seeded with splitmix64: fast, and the same stream everywhere.
class random_stream {
public:
    explicit random_stream(std::uint64_t seed) {
        for (auto& word : m_state) {
            seed += 0x9E3779B97F4A7C15u;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
            word = z ^ (z >> 31);
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const std::uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }

    /// A number in [0, n) (n > 0; the modulo bias is irrelevant here).
    std::uint64_t below(std::uint64_t n) { return next() % n; }

    /// A number in [lo, hi].
    std::uint32_t between(std::uint32_t lo, std::uint32_t hi) {
        return lo + static_cast<std::uint32_t>(below(std::uint64_t{hi} - lo + 1));
    }
    /// A number in [lo, hi], of any width.
    std::uint64_t between64(std::uint64_t lo, std::uint64_t hi) { return lo + below(hi - lo + 1); }

    /// True with probability `percent` / 100.
    bool percent(std::uint32_t percent) { return below(100) < percent; }

    /// One element of a non-empty array.
    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(below(N))];
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> m_state{};
};

/// `v` in decimal, appended to `out`.
inline void append_uint(std::string& out, std::uint64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

inline std::optional<std::uint64_t> parse_number(std::string_view text) {
    std::uint64_t v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || text.empty()) {
        return std::nullopt;
    }
    return v;
}

/// `123`, `64K`, `64M`, `1G` (also `64MiB`, `64MB`): binary multiples.
inline std::optional<std::uint64_t> parse_size(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
        ++digits;
    }
    const auto number = parse_number(text.substr(0, digits));
    if (!number) {
        return std::nullopt;
    }
    std::string_view suffix = text.substr(digits);
    if (suffix.ends_with("iB") || suffix.ends_with("ib")) {
        suffix.remove_suffix(2);
    } else if (suffix.size() == 2 && (suffix.back() == 'B' || suffix.back() == 'b')) {
        suffix.remove_suffix(1);
    }
    unsigned shift = 0;
    if (suffix.size() == 1) {
        switch (suffix.front()) {
        case 'k':
        case 'K':
            shift = 10;
            break;
        case 'm':
        case 'M':
            shift = 20;
            break;
        case 'g':
        case 'G':
            shift = 30;
            break;
        default:
            return std::nullopt;
        }
    } else if (!suffix.empty()) {
        return std::nullopt;
    }
    if (shift != 0 && *number > (std::uint64_t{1} << (63 - shift))) {
        return std::nullopt;
    }
    return *number << shift;
}

} // namespace ikediff::bench
