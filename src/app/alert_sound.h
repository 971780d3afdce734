// The alert sound: when an agent turns NOT_RESPONDING or crosses into red, or a queue's
// longest wait crosses into red, the panel plays the freedesktop sound theme's "bell"
// through libcanberra — at most once per `minIntervalSeconds`, never for an alert already
// sounded. A machine without an audio device is not an error: the panel stays silent and
// says why once (reason()).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "model/thresholds.h"
#include "store/snapshot.h"

struct ca_context;  // libcanberra's, declared at global scope in <canberra.h>

namespace app {

// The ids (agents and queues) in alert in `snap` at `now`: agents NOT_RESPONDING or red by
// time in state, queues whose longest wait is red. O(agents + queues).
std::vector<std::string> alertingNow(const store::Snapshot& snap, model::TimeMs now, const model::Thresholds& limits);

// Whether to sound: an id entered alert since the last call and the last sound was at least
// `minIntervalSeconds` ago. Pure; times in seconds on any steady clock.
class AlertWatch {
 public:
  explicit AlertWatch(double minIntervalSeconds) : minInterval_(minIntervalSeconds) {}
  bool update(const std::vector<std::string>& alerting, double nowSeconds, bool muted);

 private:
  double minInterval_;
  std::unordered_set<std::string> alerting_;
  double lastSoundAt_ = -1e300;
};

class AlertSound {
 public:
  struct Config {
    bool enabled = true;
    std::string eventId = "bell";          // a freedesktop sound theme event
    double minIntervalSeconds = 10;
  };
  explicit AlertSound(Config config);
  ~AlertSound();
  AlertSound(const AlertSound&) = delete;
  AlertSound& operator=(const AlertSound&) = delete;

  // Hands the newest snapshot to the sound thread, which judges it (and frees it there, not
  // on the UI thread). `muted`: every window is muted — alerts are noted, not sounded.
  // Returns at once. UI thread.
  void offer(store::SnapshotPtr snap, model::TimeMs now, const model::Thresholds& limits, bool muted);
  // Sounds played so far, and why there is no sound ("" while there may be).
  int played() const;
  std::string reason() const;

 private:
  void run();
  void play();

  Config config_;
  AlertWatch watch_;
  struct Offer {
    store::SnapshotPtr snap;
    model::TimeMs now = 0;
    model::Thresholds limits;
    bool muted = false;
  };
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::unique_ptr<Offer> pending_;
  bool stopping_ = false;
  int played_ = 0;
  std::string reason_;
  ::ca_context* context_ = nullptr;  // sound thread only
  bool gaveUp_ = false;              // sound thread only: no device, or the event would not play
  std::thread thread_;
};

}  // namespace app
