// Several windows on one sign-in (issue 12): the real panel binary opens a desk and a
// wallboard against a gcsim org, both draw the same live picture, each writes its own PNG,
// and the org saw one sign-in.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <gcsim/simulator.h>
#include <stb_image.h>

#include <filesystem>

#include "net/http_client.h"
#include "panel_process.h"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

struct Png {
  int width = 0, height = 0;
};

// The size of a readable PNG; {0, 0} when it is missing or unreadable.
Png readPng(const fs::path& path) {
  Png png;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &png.width, &png.height, &channels, 4);
  if (!pixels) return {};
  stbi_image_free(pixels);
  return png;
}

TEST(Windows, ADeskAndAWallboardShareOneSignIn) {
  gcsim::Options options;
  options.agents = 60;
  options.queues = 4;
  gcsim::Simulator sim(options);
  sim.start();

  const fs::path dir = e2e::workDir("panel-e2e-windows");
  const fs::path shot = dir / "two.png";
  for (const char* name : {"two-1.png", "two-2.png"}) fs::remove(dir / name);
  const fs::path script = e2e::writeScript(dir, "two.script",
                                           "wait-until live within 30\n"
                                           "screenshot " + shot.string() + "\n"
                                           "exit\n");
  const fs::path log = dir / "two.log";
  const fs::path stats = dir / "two-stats.json";
  ASSERT_EQ(e2e::panelExitCode("--gcsim " + sim.baseUrl() + " --window desk --window wallboard --size 1280 --height 720" +
                               " --script " + script.string() + " --stats-json " + stats.string() +
                               " --exit-after 60 2> " + log.string()),
            0)
      << e2e::readText(log);

  const Png desk = readPng(dir / "two-1.png");
  const Png wallboard = readPng(dir / "two-2.png");
  EXPECT_EQ(desk.width, 1280) << "window 1 is the desk, at --size";
  EXPECT_EQ(desk.height, 720);
  EXPECT_EQ(wallboard.width, 1920) << "window 2 is the wallboard, the monitor's size";
  EXPECT_EQ(wallboard.height, 1080);

  const json::value figures = json::parse(e2e::readText(stats));
  const json::object& windows = figures.at("windows").as_object();
  ASSERT_TRUE(windows.contains("1 desk") && windows.contains("2 wallboard")) << json::serialize(windows);
  EXPECT_GT(windows.at("1 desk").to_number<int>(), 0);
  EXPECT_GT(windows.at("2 wallboard").to_number<int>(), 0);

  net::HttpClient http;
  net::HttpRequest request;
  request.url = sim.baseUrl() + "/_sim/state";
  request.sendAuthorization = false;
  const auto response = http.sendAndWait(request);
  ASSERT_EQ(response.status, 200) << response.errorMessage;
  EXPECT_EQ(json::parse(response.body).at("tokensIssued").to_number<int>(), 1) << "one sign-in for both windows";
  sim.stop();
}

}  // namespace
