#include "app/alert_sound.h"

#include <canberra.h>

#include <chrono>
#include <utility>

namespace app {

std::vector<std::string> alertingNow(const store::Snapshot& snap, model::TimeMs now, const model::Thresholds& limits) {
  std::vector<std::string> ids;
  snap.agents.forEach([&](const model::Agent& a) {
    const model::Severity severity = model::assessAgent(a, now, limits).severity;
    if (severity == model::Severity::Red || severity == model::Severity::Blinking) ids.push_back(a.id);
  });
  snap.queues.forEach([&](const model::Queue& q) {
    if (model::assessQueueWait(q, now, limits) >= model::Severity::Red) ids.push_back(q.id);
  });
  return ids;
}

bool AlertWatch::update(const std::vector<std::string>& alerting, double nowSeconds, bool muted) {
  bool entered = false;
  std::unordered_set<std::string> next(alerting.begin(), alerting.end());
  for (const std::string& id : next) entered = entered || !alerting_.contains(id);
  alerting_ = std::move(next);
  // An alert that comes while muted or within the interval is not sounded later: by then
  // the screen has shown it, and a late sound would point at nothing.
  if (!entered || muted || nowSeconds - lastSoundAt_ < minInterval_) return false;
  lastSoundAt_ = nowSeconds;
  return true;
}

AlertSound::AlertSound(Config config) : config_(std::move(config)), watch_(config_.minIntervalSeconds) {
  if (!config_.enabled) {
    reason_ = "sound is off (--no-sound)";
    return;
  }
  thread_ = std::thread([this] { run(); });
}

AlertSound::~AlertSound() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void AlertSound::offer(store::SnapshotPtr snap, model::TimeMs now, const model::Thresholds& limits, bool muted) {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    // One not yet judged stays: replacing it here could free its snapshot on the UI thread.
    if (pending_) return;
    pending_ = std::make_unique<Offer>(Offer{std::move(snap), now, limits, muted});
  }
  wake_.notify_one();
}

int AlertSound::played() const {
  std::lock_guard lock(mutex_);
  return played_;
}

std::string AlertSound::reason() const {
  std::lock_guard lock(mutex_);
  return reason_;
}

void AlertSound::run() {
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    std::unique_ptr<Offer> offer;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || pending_; });
      if (stopping_) break;
      offer = std::move(pending_);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (watch_.update(alertingNow(*offer->snap, offer->now, offer->limits), seconds, offer->muted)) play();
  }  // the last snapshot offered is freed here, on this thread
  if (context_) ca_context_destroy(context_);
}

// Opens the sound context on first use; a machine without sound keeps the reason and stays
// silent from then on (sound libraries write to stderr on each failed attempt).
void AlertSound::play() {
  if (gaveUp_) return;
  if (!context_) {
    int error = ca_context_create(&context_);
    if (error == CA_SUCCESS)  // the freedesktop theme (sound-theme-freedesktop) whatever the desktop's
      error = ca_context_change_props(context_, CA_PROP_CANBERRA_XDG_THEME_NAME, "freedesktop", nullptr);
    if (error == CA_SUCCESS) error = ca_context_open(context_);
    if (error != CA_SUCCESS) {
      if (context_) ca_context_destroy(context_);
      context_ = nullptr;
      gaveUp_ = true;
      std::lock_guard lock(mutex_);
      reason_ = std::string("no alert sound: ") + ca_strerror(error);
      return;
    }
  }
  const int error = ca_context_play(context_, 0, CA_PROP_EVENT_ID, config_.eventId.c_str(), CA_PROP_EVENT_DESCRIPTION,
                                    "Supervisor panel alert", nullptr);
  gaveUp_ = error != CA_SUCCESS;
  std::lock_guard lock(mutex_);
  if (error == CA_SUCCESS)
    ++played_;
  else
    reason_ = std::string("no alert sound: ") + ca_strerror(error);
}

}  // namespace app
