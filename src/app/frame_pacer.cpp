#include "app/frame_pacer.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace app {

namespace {
// The first moment after `last` at which floor(t / period) changes.
double nextBoundary(double last, double period) { return (std::floor(last / period) + 1) * period; }
}  // namespace

bool FramePacer::shouldDraw(double now, double wallSeconds, bool input, bool visibleChange) {
  if (input) settleUntil_ = now + config_.settleSeconds;
  if (visibleChange) dataPending_ = true;
  if (!drewOnce_ || input || now < settleUntil_) return true;
  return secondsUntilDue(now, wallSeconds) <= 0;
}

void FramePacer::drawn(double now, double wallSeconds, bool blinking, bool animating) {
  drewOnce_ = true;
  dataPending_ = false;
  blinking_ = blinking;
  animating_ = animating;
  lastDraw_ = now;
  lastDrawWall_ = wallSeconds;
}

double FramePacer::secondsUntilDue(double now, double wallSeconds) const {
  if (!drewOnce_) return 0;
  double due = std::numeric_limits<double>::infinity();
  if (now < settleUntil_) due = std::min(due, lastDraw_ + 1 / config_.settleFps - now);
  if (dataPending_) due = std::min(due, lastDraw_ + 1 / config_.maxDataFps - now);
  if (animating_) due = std::min(due, lastDraw_ + 1 / config_.animationFps - now);
  if (blinking_) due = std::min(due, nextBoundary(lastDraw_, config_.blinkPeriod) - now);
  due = std::min(due, nextBoundary(lastDrawWall_, 1.0) - wallSeconds);  // the clocks' next second
  return std::max(0.0, due);
}

}  // namespace app
