#include "model/time.hpp"

#include <cstdio>

namespace ikediff::model {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct civil {
    std::int64_t year;
    unsigned month, day;
};

civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

timestamp timestamp::from_civil(int year, unsigned month, unsigned day, unsigned hour,
                                unsigned minute, unsigned second, unsigned millis,
                                std::optional<std::int32_t> offset, bool millis_given) {
    std::int64_t seconds = days_from_civil(year, month, day) * 86400 +
                           static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second;
    if (offset) {
        seconds -= static_cast<std::int64_t>(*offset) * 60;
    }
    return timestamp{seconds * 1000 + millis, offset, millis_given};
}

std::string timestamp::iso8601() const {
    iso8601_text text;
    return std::string(iso8601(text));
}

std::string_view timestamp::iso8601(iso8601_text& into) const {
    const std::int64_t local_ms = epoch_ms + static_cast<std::int64_t>(offset_minutes.value_or(0)) * 60000;
    const std::int64_t days = floor_div(local_ms, 86400000);
    const std::int64_t in_day = local_ms - days * 86400000;
    const civil c = civil_from_days(days);
    const auto h = static_cast<int>(in_day / 3600000);
    const auto mi = static_cast<int>(in_day / 60000 % 60);
    const auto s = static_cast<int>(in_day / 1000 % 60);
    const auto ms = static_cast<int>(in_day % 1000);

    // Written by hand: one timestamp per evidence line of every report, and snprintf was a
    // tenth of the JSON report's cost.
    char* const buf = into.data();
    char* p = buf;
    const auto two = [&p](int v) {
        *p++ = static_cast<char>('0' + v / 10);
        *p++ = static_cast<char>('0' + v % 10);
    };
    if (c.year >= 0 && c.year <= 9999) {
        const auto y = static_cast<int>(c.year);
        two(y / 100);
        two(y % 100);
    } else {
        p += std::snprintf(p, 24, "%04lld", static_cast<long long>(c.year)); // 20 characters at most
    }
    *p++ = '-';
    two(static_cast<int>(c.month));
    *p++ = '-';
    two(static_cast<int>(c.day));
    *p++ = 'T';
    two(h);
    *p++ = ':';
    two(mi);
    *p++ = ':';
    two(s);
    if (has_millis) {
        *p++ = '.';
        *p++ = static_cast<char>('0' + ms / 100);
        two(ms % 100);
    }
    if (offset_minutes) {
        const int off = *offset_minutes;
        const int a = off < 0 ? -off : off;
        *p++ = off < 0 ? '-' : '+';
        two(a / 60 % 100);
        *p++ = ':';
        two(a % 60);
    }
    return {buf, static_cast<std::size_t>(p - buf)};
}

} // namespace ikediff::model
