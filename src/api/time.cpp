#include "api/time.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>

namespace api {
namespace {

constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kMsPerMinute = 60 * kMsPerSecond;
constexpr std::int64_t kMsPerDay = 24 * 60 * kMsPerMinute;

constexpr bool isLeapYear(std::int64_t year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

constexpr int daysInMonth(std::int64_t year, int month) {
  constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

// Days since 1970-01-01 of a proleptic Gregorian date. Counts whole 400-year eras (146097
// days each) from 0000-03-01 so that February, with its leap day, ends the counted year.
constexpr std::int64_t daysFromCivil(std::int64_t year, int month, int day) {
  const std::int64_t marchYear = month <= 2 ? year - 1 : year;
  const std::int64_t era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400;
  const std::int64_t yearOfEra = marchYear - era * 400;                  // [0, 399]
  const int monthFromMarch = month > 2 ? month - 3 : month + 9;          // [0, 11]
  const std::int64_t dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;  // [0, 365]
  const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  constexpr std::int64_t kEpochFromEraStart = 719468;  // 0000-03-01 .. 1970-01-01
  return era * 146097 + dayOfEra - kEpochFromEraStart;
}

struct CivilDate {
  std::int64_t year;
  int month;
  int day;
};

// The inverse of daysFromCivil.
constexpr CivilDate civilFromDays(std::int64_t days) {
  const std::int64_t shifted = days + 719468;
  const std::int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
  const std::int64_t dayOfEra = shifted - era * 146097;
  const std::int64_t yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const std::int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const int monthFromMarch = static_cast<int>((5 * dayOfYear + 2) / 153);
  const int day = static_cast<int>(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
  const int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

static_assert(daysFromCivil(1970, 1, 1) == 0);
static_assert(daysFromCivil(2000, 3, 1) == 11017);
static_assert(civilFromDays(11017).year == 2000 && civilFromDays(11017).month == 3);

// The number written by text[pos, pos + count), or -1 if that is not all digits.
inline int digitsAt(std::string_view text, std::size_t pos, std::size_t count) {
  if (text.size() < pos + count) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const unsigned digit = static_cast<unsigned char>(text[i]) - unsigned{'0'};
    if (digit > 9) return -1;
    value = value * 10 + static_cast<int>(digit);
  }
  return value;
}

inline bool charAt(std::string_view text, std::size_t pos, char expected) {
  return pos < text.size() && text[pos] == expected;
}

// Reads the zone designator starting at `pos`, which must end the text; returns the
// offset east of UTC in minutes.
std::optional<int> readZone(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return std::nullopt;
  const char sign = text[pos];
  if (sign == 'Z' || sign == 'z') return pos + 1 == text.size() ? std::optional<int>(0) : std::nullopt;
  if (sign != '+' && sign != '-') return std::nullopt;
  const int hours = digitsAt(text, pos + 1, 2);
  int minutes = 0;
  std::size_t end = pos + 3;
  if (end < text.size()) {
    if (text[end] == ':') ++end;
    minutes = digitsAt(text, end, 2);
    end += 2;
  }
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || end != text.size()) return std::nullopt;
  const int offset = hours * 60 + minutes;
  return sign == '+' ? offset : -offset;
}

std::string format(model::TimeMs time, bool withSecondsAndMillis) {
  const std::int64_t days = (time >= 0 ? time : time - (kMsPerDay - 1)) / kMsPerDay;
  const std::int64_t msOfDay = time - days * kMsPerDay;
  const CivilDate date = civilFromDays(days);
  const int hour = static_cast<int>(msOfDay / (60 * kMsPerMinute));
  const int minute = static_cast<int>(msOfDay / kMsPerMinute % 60);
  const int second = static_cast<int>(msOfDay / kMsPerSecond % 60);
  const int millis = static_cast<int>(msOfDay % kMsPerSecond);
  char buffer[48];
  const int length =
      withSecondsAndMillis
          ? std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          static_cast<long long>(date.year), date.month, date.day, hour, minute,
                          second, millis)
          : std::snprintf(buffer, sizeof buffer, "%04lld-%02d-%02dT%02d:%02d:00Z",
                          static_cast<long long>(date.year), date.month, date.day, hour, minute);
  return std::string(buffer, static_cast<std::size_t>(length));
}

}  // namespace

std::optional<model::TimeMs> parseIsoTime(std::string_view text) {
  // Fixed layout up to the minute: "YYYY-MM-DDTHH:MM".
  const int year = digitsAt(text, 0, 4);
  const int month = digitsAt(text, 5, 2);
  const int day = digitsAt(text, 8, 2);
  const int hour = digitsAt(text, 11, 2);
  const int minute = digitsAt(text, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || !charAt(text, 4, '-') ||
      !charAt(text, 7, '-') || !charAt(text, 13, ':')) {
    return std::nullopt;
  }
  const char separator = text[10];
  if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;

  // Optional ":SS" and fraction.
  std::size_t pos = 16;
  int second = 0;
  int millis = 0;
  if (charAt(text, pos, ':')) {
    second = digitsAt(text, pos + 1, 2);
    if (second < 0) return std::nullopt;
    pos += 3;
    if (charAt(text, pos, '.') || charAt(text, pos, ',')) {
      ++pos;
      int scale = 100;
      const std::size_t first = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        millis += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == first) return std::nullopt;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 ||
      second > 60) {  // 60: a leap second, counted into the next minute
    return std::nullopt;
  }
  const std::optional<int> zoneMinutes = readZone(text, pos);
  if (!zoneMinutes) return std::nullopt;

  const std::int64_t days = daysFromCivil(year, month, day);
  return days * kMsPerDay + (hour * 60 + minute - *zoneMinutes) * kMsPerMinute + second * kMsPerSecond + millis;
}

std::string formatIsoTime(model::TimeMs time) { return format(time, true); }

std::string formatIsoMinute(model::TimeMs time) { return format(time, false); }

model::TimeMs localDayStart(model::TimeMs time) {
  const std::time_t seconds = static_cast<std::time_t>(time / 1000);
  std::tm local{};
  localtime_r(&seconds, &local);
  local.tm_hour = local.tm_min = local.tm_sec = 0;
  local.tm_isdst = -1;  // mktime decides whether midnight was in summer time
  return static_cast<model::TimeMs>(std::mktime(&local)) * 1000;
}

std::string localTimeZoneName() {
  if (const char* tz = std::getenv("TZ"); tz && *tz && *tz != ':' && std::strchr(tz, '/')) return tz;
  std::error_code error;
  const std::string target = std::filesystem::read_symlink("/etc/localtime", error).string();
  if (const std::size_t at = target.find("zoneinfo/"); !error && at != std::string::npos)
    return target.substr(at + std::string_view("zoneinfo/").size());
  return "UTC";
}

}  // namespace api
