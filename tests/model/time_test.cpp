// model::timestamp: civil time as logged -> instant, and back to ISO 8601 with the log's offset.

#include "model/time.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>

namespace {

using ikediff::model::timestamp;

TEST(Timestamp, PanOffsetPlusNine) {
    const timestamp t = timestamp::from_civil(2021, 7, 6, 18, 35, 17, 869, 540, true);
    EXPECT_EQ(t.epoch_ms, 1625564117869);
    EXPECT_EQ(t.offset_minutes, std::optional<std::int32_t>{540});
    EXPECT_TRUE(t.has_millis);
    EXPECT_EQ(t.iso8601(), "2021-07-06T18:35:17.869+09:00");
}

TEST(Timestamp, PanOffsetMinusEight) {
    const timestamp t = timestamp::from_civil(2025, 1, 22, 17, 26, 22, 700, -480, true);
    EXPECT_EQ(t.epoch_ms, 1737595582700);
    EXPECT_EQ(t.iso8601(), "2025-01-22T17:26:22.700-08:00");
}

TEST(Timestamp, HalfHourOffsets) {
    EXPECT_EQ(timestamp::from_civil(2024, 8, 15, 17, 26, 21, 913, 330, true).iso8601(),
              "2024-08-15T17:26:21.913+05:30");
    EXPECT_EQ(timestamp::from_civil(2024, 8, 15, 17, 26, 21, 913, -210, true).iso8601(),
              "2024-08-15T17:26:21.913-03:30");
}

TEST(Timestamp, ZeroOffsetIsPrinted) {
    const timestamp t = timestamp::from_civil(2021, 7, 6, 9, 35, 17, 869, 0, true);
    EXPECT_EQ(t.epoch_ms, 1625564117869);
    EXPECT_EQ(t.iso8601(), "2021-07-06T09:35:17.869+00:00");
}

TEST(Timestamp, NoOffsetReadsWallClockAsUtcAndPrintsNoZone) {
    const timestamp t = timestamp::from_civil(2006, 7, 22, 8, 19, 43, 0, std::nullopt, false);
    EXPECT_EQ(t.epoch_ms, 1153556383000);
    EXPECT_FALSE(t.offset_minutes.has_value());
    EXPECT_EQ(t.iso8601(), "2006-07-22T08:19:43");
}

TEST(Timestamp, NoMillisWithOffset) {
    const timestamp t = timestamp::from_civil(2016, 3, 1, 14, 32, 24, 0, 480, false);
    EXPECT_EQ(t.epoch_ms, 1456813944000);
    EXPECT_EQ(t.iso8601(), "2016-03-01T14:32:24+08:00");
}

TEST(Timestamp, ZeroMillisArePrintedWhenLogged) {
    EXPECT_EQ(timestamp::from_civil(2021, 7, 6, 18, 35, 17, 0, 540, true).iso8601(),
              "2021-07-06T18:35:17.000+09:00");
    EXPECT_EQ(timestamp::from_civil(2021, 7, 6, 18, 35, 17, 5, std::nullopt, true).iso8601(),
              "2021-07-06T18:35:17.005");
}

TEST(Timestamp, LocalDateIsKeptWhenUtcIsTheDayBefore) {
    const timestamp t = timestamp::from_civil(2021, 1, 1, 0, 30, 0, 0, 540, false);
    EXPECT_EQ(t.epoch_ms, 1609428600000);
    EXPECT_EQ(t.iso8601(), "2021-01-01T00:30:00+09:00");
}

TEST(Timestamp, LocalDateIsKeptWhenUtcIsTheYearAfter) {
    const timestamp t = timestamp::from_civil(2021, 12, 31, 23, 59, 59, 999, -480, true);
    EXPECT_EQ(t.epoch_ms, 1641023999999);
    EXPECT_EQ(t.iso8601(), "2021-12-31T23:59:59.999-08:00");
}

TEST(Timestamp, LeapDay) {
    const timestamp t = timestamp::from_civil(2024, 2, 29, 12, 0, 0, 0, std::nullopt, false);
    EXPECT_EQ(t.epoch_ms, 1709208000000);
    EXPECT_EQ(t.iso8601(), "2024-02-29T12:00:00");
}

TEST(Timestamp, EpochAndBeforeEpoch) {
    EXPECT_EQ(timestamp::from_civil(1970, 1, 1, 0, 0, 0, 0, std::nullopt, false).epoch_ms, 0);
    const timestamp before = timestamp::from_civil(1969, 12, 31, 23, 59, 59, 500, std::nullopt, true);
    EXPECT_EQ(before.epoch_ms, -500);
    EXPECT_EQ(before.iso8601(), "1969-12-31T23:59:59.500");
}

TEST(Timestamp, OrderingFollowsTheInstant) {
    const timestamp a = timestamp::from_civil(2021, 7, 6, 18, 35, 17, 869, 540, true);
    const timestamp b = timestamp::from_civil(2021, 7, 6, 18, 35, 17, 870, 540, true);
    EXPECT_LT(a, b);
    EXPECT_GT(b, a);
    EXPECT_LE(a, a);
    EXPECT_NE(a, b);
}

TEST(Timestamp, SameInstantWithDifferentOffsetsIsEqual) {
    const timestamp tokyo = timestamp::from_civil(2021, 7, 6, 18, 35, 17, 869, 540, true);
    const timestamp utc = timestamp::from_civil(2021, 7, 6, 9, 35, 17, 869, 0, true);
    const timestamp pacific = timestamp::from_civil(2021, 7, 6, 2, 35, 17, 869, -420, true);
    EXPECT_EQ(tokyo, utc);
    EXPECT_EQ(tokyo, pacific);
    EXPECT_FALSE(tokyo < pacific);
    EXPECT_FALSE(pacific < tokyo);
}

TEST(Timestamp, EarlierWallClockCanBeALaterInstant) {
    // 10:00 in Tokyo (01:00 UTC) happens before 09:00 UTC.
    const timestamp tokyo = timestamp::from_civil(2021, 7, 6, 10, 0, 0, 0, 540, false);
    const timestamp utc = timestamp::from_civil(2021, 7, 6, 9, 0, 0, 0, 0, false);
    EXPECT_LT(tokyo, utc);
}

TEST(Timestamp, YearsBeyondFourDigitsAndBeforeYearZeroAreWrittenWhole) {
    // Not from a log (the grammar reads four-digit years), but a timestamp is a plain value.
    timestamp far;
    far.epoch_ms = INT64_C(253402300800000); // 10000-01-01
    EXPECT_EQ(far.iso8601(), "10000-01-01T00:00:00");
    timestamp before;
    before.epoch_ms = INT64_C(-62198755200000); // the year before year 0
    EXPECT_EQ(before.iso8601(), "-001-01-01T00:00:00");
    EXPECT_EQ(timestamp::from_civil(9999, 12, 31, 23, 59, 59, 999, 0, true).iso8601(),
              "9999-12-31T23:59:59.999+00:00");
}

} // namespace
