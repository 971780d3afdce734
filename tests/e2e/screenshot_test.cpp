// The real binary in a real window (Xvfb): it starts, gets live on the demo org, writes a
// PNG that is not blank, and writes its stats and a state dump holding the agents.
#include <gtest/gtest.h>

#include "panel_process.h"

#include <stb_image.h>

#include <boost/json.hpp>

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

// The screenshot is taken once the link is live (bootstrap done, agents loaded), not of
// the first frames, and the state dump must hold the org's agents.
TEST(EndToEnd, DemoScreenshotOnceLiveShowsTheAgents) {
  const auto dir = e2e::workDir("panel-e2e");
  const auto png = dir / "demo.png";
  const auto stats = dir / "stats.json";
  const auto state = dir / "state.json";
  const auto log = dir / "demo.log";
  for (const auto& file : {png, stats, state}) std::filesystem::remove(file);
  const auto script = e2e::writeScript(dir, "screenshot.script",
                                       "wait-until live within 30\n"
                                       "screenshot " + png.string() + "\n"
                                       "exit\n");
  constexpr int kDemoAgents = 50;
  // --exit-after bounds the run: a panel that never gets live ends with code 3, not a hang.
  ASSERT_EQ(panelExitCode("--demo --demo-agents " + std::to_string(kDemoAgents) + " --script " + script.string() +
                          " --exit-after 60 --size 1280 --height 720 --stats-json " + stats.string() + " --dump-state " +
                          state.string() + " 2> " + log.string()),
            0)
      << readText(log);

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

  const boost::json::value statsJson = boost::json::parse(readText(stats));
  EXPECT_GT(statsJson.at("frames").to_number<int>(), 0) << statsJson;
  EXPECT_TRUE(statsJson.as_object().contains("ui_cpu_ms_p99")) << statsJson;
  const boost::json::value stateJson = boost::json::parse(readText(state));
  EXPECT_EQ(stateJson.at("link").as_string(), "live");
  const auto& agents = stateJson.at("agents").as_array();
  EXPECT_GE(agents.size(), static_cast<std::size_t>(kDemoAgents)) << "every agent of the demo org was loaded";
  for (const auto& agent : agents) EXPECT_FALSE(agent.at("name").as_string().empty()) << agent;
}

}  // namespace
