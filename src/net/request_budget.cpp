#include "net/request_budget.h"

#include <algorithm>
#include <cmath>

namespace net {

namespace {
constexpr std::chrono::seconds kWindow{60};
}

RequestBudget::RequestBudget(Config config, Now now)
    : config_(config), now_(std::move(now)), limit_(std::max(1, config.requestsPerMinute)) {}

void RequestBudget::forgetOld() const {
  const auto windowStart = now_() - kWindow;
  while (!sent_.empty() && sent_.front() <= windowStart) sent_.pop_front();
}

int RequestBudget::requestsLastMinute() const {
  forgetOld();
  return static_cast<int>(sent_.size());
}

int RequestBudget::used() const {
  const int ours = requestsLastMinute();
  if (!serverCount_ || now_() >= serverWindowEnd_) return ours;
  return std::max(ours, *serverCount_ + sentSinceServerCount_);
}

int RequestBudget::backgroundCeiling() const {
  const int reserve = std::max(1, static_cast<int>(std::ceil(limit_ * config_.userReserveFraction)));
  return std::max(0, limit_ - reserve);
}

int RequestBudget::ceilingFor(Priority priority) const {
  return priority == Priority::User ? limit_ : backgroundCeiling();
}

bool RequestBudget::tryAcquire(Priority priority) {
  const auto now = now_();
  if (now < pausedUntil_ || used() >= ceilingFor(priority)) return false;
  sent_.push_back(now);
  ++sentSinceServerCount_;
  return true;
}

RequestBudget::Clock::time_point RequestBudget::nextAdmission(Priority priority) const {
  const auto now = now_();
  if (now < pausedUntil_) return pausedUntil_;
  const int ceiling = ceilingFor(priority);
  const int usedNow = used();
  if (usedNow < ceiling) return now;

  auto when = now;
  // Our own requests leave the window one by one; enough of them must leave.
  const int ours = static_cast<int>(sent_.size());
  const int mustLeave = ours - ceiling + 1;
  if (mustLeave > 0) when = std::max(when, sent_[static_cast<std::size_t>(std::min(mustLeave, ours) - 1)] + kWindow);
  // When the server's count is what holds us back, its window must reset first.
  if (serverCount_ && now < serverWindowEnd_ && usedNow > ours) when = std::max(when, serverWindowEnd_);
  if (when == now) when = now + std::chrono::seconds(1);  // a ceiling of zero: poll slowly
  return when;
}

void RequestBudget::updateFromServer(std::optional<int> allowed, std::optional<int> count,
                                     std::optional<int> resetSeconds) {
  const auto now = now_();
  if (allowed && *allowed > 0) limit_ = *allowed;
  if (count && *count >= 0) {
    serverCount_ = *count;
    sentSinceServerCount_ = 0;
    serverWindowEnd_ = now + (resetSeconds && *resetSeconds >= 0 ? std::chrono::seconds(*resetSeconds) : kWindow);
  } else if (resetSeconds && *resetSeconds >= 0 && serverCount_) {
    serverWindowEnd_ = now + std::chrono::seconds(*resetSeconds);
  }
}

void RequestBudget::pauseUntil(Clock::time_point until) { pausedUntil_ = std::max(pausedUntil_, until); }

}  // namespace net
