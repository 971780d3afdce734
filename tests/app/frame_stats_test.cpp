// FrameStats over a whole shift: fixed memory, percentiles as exact as a full sort's to 1%.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <type_traits>
#include <vector>

#include <boost/json.hpp>

#include "app/frame_stats.h"

namespace {

double exactPercentile(std::vector<double> values, double p) {
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  std::nth_element(values.begin(), values.begin() + static_cast<long>(rank), values.end());
  return values[rank];
}

TEST(DurationHistogram, PercentilesWithinOnePercentOfTheExactOnes) {
  std::mt19937 random(7);
  std::lognormal_distribution<double> frameTimes(std::log(7.0), 0.6);  // around 7 ms, long tail
  app::DurationHistogram histogram;
  std::vector<double> values;
  for (int i = 0; i < 100'000; ++i) {
    values.push_back(frameTimes(random));
    histogram.add(values.back());
  }
  for (double p : {0.0, 0.5, 0.9, 0.99, 1.0})
    EXPECT_NEAR(histogram.percentile(p), exactPercentile(values, p), 0.01 * exactPercentile(values, p)) << p;
  EXPECT_EQ(histogram.max(), *std::max_element(values.begin(), values.end()));
  EXPECT_EQ(histogram.count(), values.size());
}

TEST(DurationHistogram, EmptyAndOutOfRangeValues) {
  app::DurationHistogram histogram;
  EXPECT_EQ(histogram.percentile(0.5), 0);
  histogram.add(-3);         // a clock step backwards counts as 0
  histogram.add(250'000);    // beyond the last bucket: counted, max exact
  EXPECT_EQ(histogram.count(), 2u);
  EXPECT_EQ(histogram.percentile(0), 0);
  EXPECT_EQ(histogram.max(), 250'000);
  EXPECT_EQ(histogram.percentile(1), 250'000);
}

// The bound itself: a shift at 60 frames/s is 1.7 million frames; nothing may grow with them.
TEST(FrameStats, AShiftOfFramesKeepsFixedMemory) {
  static_assert(std::is_trivially_copyable_v<app::DurationHistogram>, "no heap behind the histogram");
  static_assert(sizeof(app::DurationHistogram) < 16 * 1024);
  app::FrameStats stats;
  constexpr int kShiftFrames = 8 * 3600 * 60;
  for (int i = 0; i < kShiftFrames; ++i) {
    stats.addFrame(16.0 + (i % 7), 0.4 + (i % 3) * 0.1, 3.0);
    if (i % 60 == 0) stats.addRates(100.0f, 2.0f);
  }
  EXPECT_LE(stats.view().frameMs.size(), 240u);
  EXPECT_LE(stats.view().publishAgeMs.size(), 240u);
  EXPECT_LE(stats.view().eventsPerSecond.size(), 240u);
  EXPECT_LE(stats.view().requestsPerMinute.size(), 240u);

  const auto path = std::filesystem::temp_directory_path() / "frame-stats-test.json";
  stats.setSnapshotsPublished(42);
  store::SessionInfo startup;
  startup.timeToCompleteMs = 1830;
  startup.bootstrapCalls = 17;
  startup.callsToLive = 21;
  startup.bootstrapBytesOnWire = 250'928;
  startup.bootstrapBytesDecoded = 3'868'900;
  stats.setStartup(startup);
  ASSERT_TRUE(stats.writeJson(path.string()));
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const auto json = boost::json::parse(text.str()).as_object();
  EXPECT_EQ(json.at("frames").to_number<std::uint64_t>(), static_cast<std::uint64_t>(kShiftFrames));
  EXPECT_NEAR(json.at("frame_ms_p50").as_double(), 19.0, 0.2);
  EXPECT_NEAR(json.at("frame_ms_max").as_double(), 22.0, 1e-9);
  EXPECT_NEAR(json.at("ui_cpu_ms_p99").as_double(), 0.6, 0.006);
  EXPECT_EQ(json.at("snapshots_published").to_number<std::uint64_t>(), 42u);
  EXPECT_EQ(json.at("time_to_complete_ms").to_number<std::int64_t>(), 1830);
  EXPECT_EQ(json.at("bootstrap_rest_calls").to_number<int>(), 17);
  EXPECT_EQ(json.at("rest_calls_to_live").to_number<int>(), 21);
  EXPECT_EQ(json.at("bootstrap_bytes_on_wire").to_number<std::uint64_t>(), 250'928u);
  EXPECT_EQ(json.at("bootstrap_bytes_decoded").to_number<std::uint64_t>(), 3'868'900u);
  std::filesystem::remove(path);
}

}  // namespace
