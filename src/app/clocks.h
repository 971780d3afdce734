// The clocks the app shell reads: wall time for the views' timers, steady time for latency
// figures, and the UI thread's CPU time for the cost of a frame.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>

#include "model/model.h"

namespace app {

// Milliseconds since the Unix epoch (what the views' live timers count from).
inline model::TimeMs wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Steady nanoseconds, the clock store::Snapshot stamps publishedAtNs and changesSinceNs with.
inline std::int64_t steadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// CPU milliseconds the calling thread has used.
inline double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

}  // namespace app
