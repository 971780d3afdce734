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
  const store::Snapshot snap;
  for (int i = 0; i < kShiftFrames; ++i) {
    stats.addFrame(16.0 + (i % 7), 0.4 + (i % 3) * 0.1, 3.0);
    stats.tick(1'000'000 + static_cast<model::TimeMs>(i) * 1000 / 60, snap);
  }
  EXPECT_EQ(stats.view().frameMs.size(), 600u) << "ten minutes, a point a second";
  EXPECT_EQ(stats.view().publishAgeMs.size(), 600u);
  EXPECT_EQ(stats.view().eventsPerSecond.size(), 600u);
  EXPECT_EQ(stats.view().requestsPerMinute.size(), 600u);

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

// Each second that ends is one point of each graph: its slowest frame, its slowest event ->
// screen, the session's rates, and each topic family's events in that second.
TEST(FrameStats, EachSecondBecomesOnePointOfEachGraph) {
  app::FrameStats stats;
  store::Snapshot snap;
  store::SessionInfo session;
  session.eventsPerSecond = 12;
  session.restCallsLastMinute = 30;
  session.restBudgetPerMinute = 300;
  snap.session = std::make_shared<store::SessionInfo>(session);
  store::TopicTable table;
  table.families = {{"v2.users.{id}.activity", 100}};
  snap.topics = std::make_shared<store::TopicTable>(table);
  stats.tick(5'000'500, snap);  // the first, partial second: no point
  stats.addFrame(10, 1, 2);
  stats.addFrame(30, 1, 5);
  stats.addEventToScreen(40);
  stats.tick(5'001'000, snap);
  ASSERT_EQ(stats.view().frameMs.size(), 1u);
  EXPECT_EQ(stats.view().frameMs.back(), 30.0f) << "the slowest frame of the second";
  EXPECT_EQ(stats.view().publishAgeMs.back(), 5.0f);
  EXPECT_EQ(stats.view().eventToScreenMs.back(), 40.0f);
  EXPECT_EQ(stats.view().eventsPerSecond.back(), 12.0f);
  EXPECT_EQ(stats.view().requestsPerMinute.back(), 30.0f);
  EXPECT_EQ(stats.view().requestBudgetPerMinute, 300.0f);
  stats.tick(5'001'999, snap);
  EXPECT_EQ(stats.view().frameMs.size(), 1u) << "still the same second";
  table.families = {{"v2.users.{id}.activity", 107}};
  snap.topics = std::make_shared<store::TopicTable>(table);
  stats.tick(5'002'000, snap);
  ASSERT_EQ(stats.view().eventsByFamily.size(), 1u);
  EXPECT_EQ(stats.view().eventsByFamily[0].name, "v2.users.{id}.activity");
  EXPECT_EQ(stats.view().eventsByFamily[0].perSecond.back(), 7.0f);
  EXPECT_EQ(stats.view().frameMs.back(), 0.0f) << "no frame drawn in that second";
}

}  // namespace
