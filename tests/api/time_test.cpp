#include "api/time.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <random>

namespace {

using api::formatIsoMinute;
using api::formatIsoTime;
using api::parseIsoTime;

constexpr model::TimeMs k2026Nov24 = 1795478400000;  // 2026-11-24T00:00:00Z

TEST(ParseIsoTime, ReadsMillisecondsAndZ) {
  EXPECT_EQ(parseIsoTime("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parseIsoTime("2026-11-24T00:00:00.000Z"), k2026Nov24);
  EXPECT_EQ(parseIsoTime("2026-11-24T06:31:34.123Z"), k2026Nov24 + ((6 * 60 + 31) * 60 + 34) * 1000 + 123);
}

TEST(ParseIsoTime, AcceptsSecondsOnlyAndMinuteOnly) {
  EXPECT_EQ(parseIsoTime("2026-11-24T00:00:01Z"), k2026Nov24 + 1000);
  EXPECT_EQ(parseIsoTime("2026-11-24T00:01Z"), k2026Nov24 + 60000);
}

TEST(ParseIsoTime, FractionOfAnyLengthIsTruncatedToMillis) {
  EXPECT_EQ(parseIsoTime("2026-11-24T00:00:00.5Z"), k2026Nov24 + 500);
  EXPECT_EQ(parseIsoTime("2026-11-24T00:00:00.12Z"), k2026Nov24 + 120);
  EXPECT_EQ(parseIsoTime("2026-11-24T00:00:00.123999999Z"), k2026Nov24 + 123);
}

TEST(ParseIsoTime, AppliesOffsets) {
  EXPECT_EQ(parseIsoTime("2026-11-24T00:00:00+00:00"), k2026Nov24);
  EXPECT_EQ(parseIsoTime("2026-11-24T00:00:00.000+0000"), k2026Nov24);
  EXPECT_EQ(parseIsoTime("2026-11-24T02:00:00+02:00"), k2026Nov24);
  EXPECT_EQ(parseIsoTime("2026-11-23T19:00:00-05:00"), k2026Nov24);
  EXPECT_EQ(parseIsoTime("2026-11-24T05:30:00+05:30"), k2026Nov24);
}

TEST(ParseIsoTime, HandlesLeapYearsAndDatesBeforeTheEpoch) {
  EXPECT_TRUE(parseIsoTime("2024-02-29T00:00:00Z").has_value());
  EXPECT_TRUE(parseIsoTime("2000-02-29T00:00:00Z").has_value());
  EXPECT_FALSE(parseIsoTime("2026-02-29T00:00:00Z").has_value());
  EXPECT_FALSE(parseIsoTime("1900-02-29T00:00:00Z").has_value());
  EXPECT_EQ(parseIsoTime("1969-12-31T23:59:59.999Z"), -1);
}

TEST(ParseIsoTime, RejectsWhatIsNotAnUtcTimestamp) {
  for (const char* bad : {"", "2026", "2026-11-24", "2026-11-24T00:00:00", "2026-11-24T00:00:00.Z",
                          "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-11-24T24:00:00Z",
                          "2026-11-24T00:60:00Z", "2026-11-24T00:00:00Zjunk", "2026-11-24T00:00:00+25:00",
                          "26-11-24T00:00:00Z", "2026/11/24T00:00:00Z", "yesterday", "2026-11-24T0a:00:00Z"}) {
    EXPECT_FALSE(parseIsoTime(bad).has_value()) << bad;
  }
}

TEST(FormatIsoTime, WritesMillisAndZ) {
  EXPECT_EQ(formatIsoTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(formatIsoTime(k2026Nov24 + 123), "2026-11-24T00:00:00.123Z");
  EXPECT_EQ(formatIsoTime(-1), "1969-12-31T23:59:59.999Z");
}

TEST(FormatIsoTime, RoundTripsThroughParse) {
  for (model::TimeMs time : {model::TimeMs{0}, k2026Nov24, k2026Nov24 + 86399999, model::TimeMs{951782400000},
                             model::TimeMs{4102444800123}}) {
    EXPECT_EQ(parseIsoTime(formatIsoTime(time)), time) << formatIsoTime(time);
  }
}

TEST(ParseIsoTime, AgreesWithTheCLibraryOnRandomDates) {
  std::mt19937 random(7);
  for (int i = 0; i < 20000; ++i) {
    std::tm fields{};
    fields.tm_year = 1970 + static_cast<int>(random() % 230) - 1900;
    fields.tm_mon = static_cast<int>(random() % 12);
    fields.tm_mday = 1 + static_cast<int>(random() % 28);
    fields.tm_hour = static_cast<int>(random() % 24);
    fields.tm_min = static_cast<int>(random() % 60);
    fields.tm_sec = static_cast<int>(random() % 60);
    const int millis = static_cast<int>(random() % 1000);
    char text[40];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", fields.tm_year + 1900, fields.tm_mon + 1,
                  fields.tm_mday, fields.tm_hour, fields.tm_min, fields.tm_sec, millis);
    const model::TimeMs expected = static_cast<model::TimeMs>(timegm(&fields)) * 1000 + millis;
    ASSERT_EQ(parseIsoTime(text), expected) << text;
    ASSERT_EQ(formatIsoTime(expected), text);
  }
}

TEST(FormatIsoMinute, RoundsDownToTheMinute) {
  EXPECT_EQ(formatIsoMinute(k2026Nov24 + 10 * 3600000 + 59999), "2026-11-24T10:00:00Z");
  EXPECT_EQ(parseIsoTime(formatIsoMinute(k2026Nov24 + 61000)), k2026Nov24 + 60000);
}

}  // namespace
