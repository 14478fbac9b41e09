#pragma once
// A log timestamp: an instant plus the UTC offset the log wrote it with, so reports can
// print times "with the log's own UTC offset" (contract.md section 4).

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ikediff::model {

struct timestamp {
    /// Milliseconds since 1970-01-01T00:00:00Z; for a log without a zone (classic racoon),
    /// the wall-clock time read as if it were UTC.
    std::int64_t epoch_ms = 0;
    /// Minutes east of UTC as logged (`+0900` -> 540); empty when the log gives no zone.
    std::optional<std::int32_t> offset_minutes;
    /// Whether the log gave milliseconds (PAN-OS 8.x+) or whole seconds.
    bool has_millis = false;

    /// Builds a timestamp from a civil date and time as logged.
    static timestamp from_civil(int year, unsigned month, unsigned day, unsigned hour,
                                unsigned minute, unsigned second, unsigned millis,
                                std::optional<std::int32_t> offset_minutes, bool has_millis);

    /// ISO 8601 with the log's own offset: `2021-07-06T18:35:17.869+09:00`; without an
    /// offset, no zone designator.
    std::string iso8601() const;
    /// Room for `iso8601` of any timestamp (a year of any width: 20 digits, 25 bytes more).
    using iso8601_text = std::array<char, 48>;
    /// The same, written into `into` (no allocation: reports write two per negotiation).
    std::string_view iso8601(iso8601_text& into) const;

    friend auto operator<=>(const timestamp& a, const timestamp& b) {
        return a.epoch_ms <=> b.epoch_ms;
    }
    friend bool operator==(const timestamp& a, const timestamp& b) {
        return a.epoch_ms == b.epoch_ms;
    }
};

} // namespace ikediff::model
