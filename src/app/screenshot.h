#pragma once
#include <string>
namespace app {
// Reads the current GL back buffer and writes it as a PNG. Returns false with errno-like text on failure.
bool writeScreenshot(const std::string& path, int width, int height, std::string& error);
}  // namespace app
