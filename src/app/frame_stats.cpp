#include "app/frame_stats.h"

#include <algorithm>
#include <fstream>

#include <boost/json.hpp>

namespace app {

namespace {
constexpr std::size_t kGraphPoints = 240;

void pushBounded(std::vector<float>& values, float v) {
  if (values.size() >= kGraphPoints) values.erase(values.begin());
  values.push_back(v);
}
}  // namespace

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  const std::size_t rank = std::min(values.size() - 1, static_cast<std::size_t>(p * (values.size() - 1) + 0.5));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(rank), values.end());
  return values[rank];
}

void FrameStats::addFrame(double frameMs, double uiCpuMs, double snapshotAgeMs) {
  frameMs_.push_back(frameMs);
  cpuMs_.push_back(uiCpuMs);
  ageMs_.push_back(snapshotAgeMs);
  pushBounded(view_.frameMs, static_cast<float>(frameMs));
  pushBounded(view_.publishAgeMs, static_cast<float>(snapshotAgeMs));
}

void FrameStats::addRates(float eventsPerSecond, float requestsPerMinute) {
  pushBounded(view_.eventsPerSecond, eventsPerSecond);
  pushBounded(view_.requestsPerMinute, requestsPerMinute);
}

bool FrameStats::writeJson(const std::string& path) const {
  boost::json::object o;
  o["frames"] = frameMs_.size();
  o["frame_ms_p50"] = percentile(frameMs_, 0.50);
  o["frame_ms_p99"] = percentile(frameMs_, 0.99);
  o["frame_ms_max"] = frameMs_.empty() ? 0.0 : *std::max_element(frameMs_.begin(), frameMs_.end());
  o["ui_cpu_ms_p50"] = percentile(cpuMs_, 0.50);
  o["ui_cpu_ms_p99"] = percentile(cpuMs_, 0.99);
  o["snapshots_published"] = published_;
  o["snapshot_age_ms_p50"] = percentile(ageMs_, 0.50);
  o["snapshot_age_ms_p99"] = percentile(ageMs_, 0.99);
  std::ofstream out(path);
  out << boost::json::serialize(o) << "\n";
  return static_cast<bool>(out);
}

}  // namespace app
