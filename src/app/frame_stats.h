// Frame statistics for --stats-json and the debug overlay's graphs.
//
// The panel stays open for a whole shift, so nothing here grows with the number of
// frames: percentiles come from fixed-size log-scale histograms, the graphs from fixed
// rings of the last kGraphPoints values.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>

#include "ui/ui.h"

namespace app {

// Counts of durations in buckets 1% wide (relative) from 1 µs to 100 s: a percentile read
// from it is within 1% of the exact one, in fixed memory (about 15 KB) however many values
// are added. Values outside the range count in the first or last bucket; the largest value
// is kept exactly.
class DurationHistogram {
 public:
  void add(double ms);  // a duration in milliseconds; negative counts as 0
  std::uint64_t count() const { return count_; }
  double max() const { return max_; }  // ms, 0 when empty
  // The p-quantile (p in [0, 1]) in milliseconds, nearest rank; 0 when empty.
  double percentile(double p) const;

  static constexpr double kMinMs = 0.001;
  static constexpr double kMaxMs = 100'000;
  static constexpr double kGrowth = 1.01;  // each bucket's upper bound over its lower one
  // ceil(ln(kMaxMs / kMinMs) / ln(kGrowth)) + 1 for the range, one more for what lies beyond.
  static constexpr std::size_t kBuckets = 1854;

 private:
  std::array<std::uint64_t, kBuckets> buckets_{};
  std::uint64_t count_ = 0;
  double min_ = 0, max_ = 0;
};

class FrameStats {
 public:
  // One drawn frame: its wall time, the UI thread's CPU time for it and the age of the
  // snapshot it drew, all in milliseconds.
  void addFrame(double frameMs, double uiCpuMs, double snapshotAgeMs);
  void setSnapshotsPublished(std::uint64_t n) { published_ = n; }
  // One frame of the window named `window` ("1 desk", "2 wallboard"): written as
  // "windows": {name: frames} beside the totals.
  void addWindowFrame(const std::string& window) { ++windowFrames_[window]; }
  // The session's start-up figures: written as time_to_complete_ms, bootstrap_rest_calls,
  // rest_calls_to_live (-1 = not reached), bootstrap_bytes_on_wire and _decoded.
  void setStartup(const store::SessionInfo& session) { startup_ = session; }
  // Once a loop pass: when the wall-clock second (`wallMs`) moved on, the second that ended
  // becomes a point of every graph — its slowest frame, oldest snapshot and slowest event ->
  // screen, and from `snap` the events per second, requests per minute and each topic
  // family's events in that second.
  void tick(model::TimeMs wallMs, const store::Snapshot& snap);
  // Event -> screen: from the oldest visible change a frame shows being posted to the store
  // to that frame's swap, in ms (store::Snapshot::changesSinceNs).
  void addEventToScreen(double ms);
  // Recent values for the overlay's graphs.
  const ui::FrameStatsView& view() const { return view_; }
  // Writes the --stats-json document; false when the file could not be written.
  bool writeJson(const std::string& path) const;

 private:
  DurationHistogram frameMs_, cpuMs_, ageMs_, eventToScreenMs_;
  std::uint64_t published_ = 0;
  std::map<std::string, std::uint64_t> windowFrames_;
  store::SessionInfo startup_;
  ui::FrameStatsView view_;
  // The second being gathered: its start and the largest values seen in it.
  model::TimeMs second_ = 0;
  float secondFrameMs_ = 0, secondAgeMs_ = 0, secondEventToScreenMs_ = 0;
  std::map<std::string, std::uint64_t> familyCounts_;  // the topic table's counts a second ago
  static constexpr std::size_t kMaxFamilies = 16;
};

}  // namespace app
