// The real binary in a real window (Xvfb): it starts, renders, writes a PNG that is not
// blank, and writes its stats and state files.
#include <gtest/gtest.h>

#include "panel_process.h"

#include <stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace {

std::string panel() { return std::string(PANEL_BIN_DIR) + "/supervisor-panel"; }
using e2e::panelExitCode;
using e2e::readText;

TEST(EndToEnd, HelpDescribesTheFlags) {
  const auto out = std::filesystem::temp_directory_path() / "panel-help.txt";
  ASSERT_EQ(std::system((panel() + " --help > " + out.string()).c_str()), 0);
  const std::string help = readText(out);
  for (const char* flag : {"--demo", "--screenshot", "--frames", "--exit-after", "--stats-json", "--dump-state",
                           "--region", "--client-id", "--wallboard"})
    EXPECT_NE(help.find(flag), std::string::npos) << flag;
}

TEST(EndToEnd, DemoScreenshotIsNotBlank) {
  const auto dir = std::filesystem::temp_directory_path() / "panel-e2e";
  std::filesystem::create_directories(dir);
  const auto png = dir / "demo.png";
  const auto stats = dir / "stats.json";
  const auto state = dir / "state.json";
  std::filesystem::remove(png);
  ASSERT_EQ(panelExitCode("--demo --screenshot " + png.string() + " --frames 20 --size 1280 --height 720 --stats-json " +
                     stats.string() + " --dump-state " + state.string()),
            0);

  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 4);
  ASSERT_NE(pixels, nullptr) << "the PNG is readable";
  EXPECT_EQ(width, 1280);
  EXPECT_EQ(height, 720);
  std::set<unsigned> colours;
  std::size_t background = 0;
  const unsigned first = pixels[0] | pixels[1] << 8 | pixels[2] << 16;
  for (int i = 0; i < width * height; ++i) {
    const unsigned c = pixels[4 * i] | pixels[4 * i + 1] << 8 | pixels[4 * i + 2] << 16;
    colours.insert(c);
    if (c == first) ++background;
  }
  stbi_image_free(pixels);
  EXPECT_GT(colours.size(), 20u) << "text and widgets were drawn";
  EXPECT_LT(background, static_cast<std::size_t>(width) * height * 0.97) << "not a blank window";

  const std::string statsJson = readText(stats);
  EXPECT_NE(statsJson.find("\"frames\":20"), std::string::npos) << statsJson;
  EXPECT_NE(statsJson.find("ui_cpu_ms_p99"), std::string::npos);
  const std::string stateJson = readText(state);
  EXPECT_NE(stateJson.find("\"agents\""), std::string::npos) << stateJson;
}

}  // namespace
