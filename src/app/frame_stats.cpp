#include "app/frame_stats.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <utility>

#include <boost/json.hpp>

namespace app {

namespace {
constexpr std::size_t kGraphPoints = 600;  // ten minutes, a point a second

// A fixed window for the overlay's graphs: shifting 600 floats once a second costs nothing
// next to a frame, and keeps the oldest-first order ImGui::PlotLines wants.
void pushBounded(std::vector<float>& values, float v) {
  if (values.size() >= kGraphPoints) values.erase(values.begin());
  values.push_back(v);
}

std::size_t bucketOf(double ms) {
  if (ms <= DurationHistogram::kMinMs) return 0;
  const double index = std::log(ms / DurationHistogram::kMinMs) / std::log(DurationHistogram::kGrowth);
  return std::min(DurationHistogram::kBuckets - 1, static_cast<std::size_t>(index) + 1);
}

// The geometric middle of a bucket: at most half a bucket (0.5%) from any value in it.
double bucketMiddle(std::size_t bucket) {
  if (bucket == 0) return DurationHistogram::kMinMs;
  return DurationHistogram::kMinMs * std::pow(DurationHistogram::kGrowth, static_cast<double>(bucket) - 0.5);
}
}  // namespace

void DurationHistogram::add(double ms) {
  ms = std::max(ms, 0.0);
  min_ = count_ == 0 ? ms : std::min(min_, ms);
  max_ = std::max(max_, ms);
  ++buckets_[bucketOf(ms)];
  ++count_;
}

double DurationHistogram::percentile(double p) const {
  if (count_ == 0) return 0;
  // The same nearest rank as a sort of every value would pick.
  const auto rank = static_cast<std::uint64_t>(std::clamp(p, 0.0, 1.0) * static_cast<double>(count_ - 1) + 0.5);
  if (rank == 0) return min_;
  if (rank == count_ - 1) return max_;
  std::uint64_t seen = 0;
  for (std::size_t b = 0; b + 1 < kBuckets; ++b) {  // the last bucket holds what is beyond kMaxMs
    seen += buckets_[b];
    if (seen > rank) return std::clamp(bucketMiddle(b), min_, max_);
  }
  return max_;
}

void FrameStats::addFrame(double frameMs, double uiCpuMs, double snapshotAgeMs) {
  frameMs_.add(frameMs);
  cpuMs_.add(uiCpuMs);
  ageMs_.add(snapshotAgeMs);
  secondFrameMs_ = std::max(secondFrameMs_, static_cast<float>(frameMs));
  secondAgeMs_ = std::max(secondAgeMs_, static_cast<float>(snapshotAgeMs));
}

void FrameStats::addEventToScreen(double ms) {
  eventToScreenMs_.add(ms);
  secondEventToScreenMs_ = std::max(secondEventToScreenMs_, static_cast<float>(ms));
}

void FrameStats::tick(model::TimeMs wallMs, const store::Snapshot& snap) {
  const model::TimeMs second = wallMs / 1000 * 1000;
  if (second == second_) return;
  const bool first = second_ == 0;
  second_ = second;
  if (first) return;  // the first second is partial
  pushBounded(view_.frameMs, std::exchange(secondFrameMs_, 0.0f));
  pushBounded(view_.publishAgeMs, std::exchange(secondAgeMs_, 0.0f));
  pushBounded(view_.eventToScreenMs, std::exchange(secondEventToScreenMs_, 0.0f));
  pushBounded(view_.eventsPerSecond, static_cast<float>(snap.session->eventsPerSecond));
  pushBounded(view_.requestsPerMinute, static_cast<float>(snap.session->restCallsLastMinute));
  view_.requestBudgetPerMinute = static_cast<float>(snap.session->restBudgetPerMinute);
  for (const auto& entry : snap.topics->families) {  // not a structured binding: clang 14 cannot capture one
    const std::string& name = entry.first;
    const std::uint64_t count = entry.second;
    auto family = std::find_if(view_.eventsByFamily.begin(), view_.eventsByFamily.end(),
                               [&](const ui::FrameStatsView::Family& f) { return f.name == name; });
    if (family == view_.eventsByFamily.end()) {
      if (view_.eventsByFamily.size() >= kMaxFamilies) continue;
      family = view_.eventsByFamily.insert(view_.eventsByFamily.end(), {name, {}});
    }
    const std::uint64_t before = std::exchange(familyCounts_.try_emplace(name, count).first->second, count);
    pushBounded(family->perSecond, static_cast<float>(count >= before ? count - before : 0));
  }
}

bool FrameStats::writeJson(const std::string& path) const {
  boost::json::object o;
  o["frames"] = frameMs_.count();
  boost::json::object windows;
  for (const auto& [name, frames] : windowFrames_) windows[name] = frames;
  o["windows"] = std::move(windows);
  o["frame_ms_p50"] = frameMs_.percentile(0.50);
  o["frame_ms_p99"] = frameMs_.percentile(0.99);
  o["frame_ms_max"] = frameMs_.max();
  o["ui_cpu_ms_p50"] = cpuMs_.percentile(0.50);
  o["ui_cpu_ms_p99"] = cpuMs_.percentile(0.99);
  o["snapshots_published"] = published_;
  o["snapshot_age_ms_p50"] = ageMs_.percentile(0.50);
  o["snapshot_age_ms_p99"] = ageMs_.percentile(0.99);
  o["event_to_screen_ms_p50"] = eventToScreenMs_.percentile(0.50);
  o["event_to_screen_ms_p99"] = eventToScreenMs_.percentile(0.99);
  o["time_to_complete_ms"] = startup_.timeToCompleteMs;
  o["bootstrap_rest_calls"] = startup_.bootstrapCalls;
  o["rest_calls_to_live"] = startup_.callsToLive;
  o["bootstrap_bytes_on_wire"] = startup_.bootstrapBytesOnWire;
  o["bootstrap_bytes_decoded"] = startup_.bootstrapBytesDecoded;
  std::ofstream out(path);
  out << boost::json::serialize(o) << "\n";
  return static_cast<bool>(out);
}

}  // namespace app
