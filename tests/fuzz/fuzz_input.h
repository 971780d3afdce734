// What every fuzz target shares: the input as text. libFuzzer hands over raw bytes; the panel's
// parsers all take std::string_view, so the bytes are passed on as they are (no NUL added, so
// ASan sees a read one past the end).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

inline std::string_view fuzzText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}
