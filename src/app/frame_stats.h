// Frame statistics for --stats-json and the debug overlay's graphs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/ui.h"

namespace app {

class FrameStats {
 public:
  void addFrame(double frameMs, double uiCpuMs, double snapshotAgeMs);
  void setSnapshotsPublished(std::uint64_t n) { published_ = n; }
  void addRates(float eventsPerSecond, float requestsPerMinute);
  // Recent values for the overlay's graphs.
  const ui::FrameStatsView& view() const { return view_; }
  bool writeJson(const std::string& path) const;

 private:
  std::vector<double> frameMs_, cpuMs_, ageMs_;
  std::uint64_t published_ = 0;
  ui::FrameStatsView view_;
};

double percentile(std::vector<double> values, double p);

}  // namespace app
