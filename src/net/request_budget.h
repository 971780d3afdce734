// How many REST requests the panel may start now. Genesys allows about 300 requests per
// rolling minute per token, shared with the supervisor's own Genesys web UI, so we count
// our own requests, believe the server's inin-ratelimit-* headers when it sends them,
// and keep a slice of the budget for the supervisor's actions (Priority::User).
// Pure logic: the clock is injected, nothing here sleeps or locks.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <optional>

namespace net {

enum class Priority {
  Background,  // bootstrap, resync, transcripts: waits when the budget runs low
  User,        // a supervisor's click (monitor, coach, book): goes first, may use the reserve
};

struct RequestBudgetConfig {
  int requestsPerMinute = 300;        // used until the server tells us otherwise
  double userReserveFraction = 0.10;  // share only User requests may spend
};

class RequestBudget {
 public:
  using Clock = std::chrono::steady_clock;
  using Now = std::function<Clock::time_point()>;
  using Config = RequestBudgetConfig;

  explicit RequestBudget(Config config = {}, Now now = &Clock::now);

  // Starts a request now if the budget allows it for this priority (and counts it).
  bool tryAcquire(Priority priority);
  // The earliest time a request of this priority could be admitted (now if it can be).
  Clock::time_point nextAdmission(Priority priority) const;

  // Values from inin-ratelimit-allowed / -count / -reset (seconds until the window
  // resets); each is optional because servers send any subset.
  void updateFromServer(std::optional<int> allowed, std::optional<int> count, std::optional<int> resetSeconds);
  // A 429 with Retry-After: nothing may start before `until`.
  void pauseUntil(Clock::time_point until);

  int requestsLastMinute() const;  // what we sent in the rolling minute
  int limit() const { return limit_; }
  int used() const;                // the larger of our count and the server's view
  int left() const { return limit_ > used() ? limit_ - used() : 0; }
  int backgroundCeiling() const;   // Background requests stop at this many used

 private:
  void forgetOld() const;
  int ceilingFor(Priority priority) const;

  Config config_;
  Now now_;
  int limit_;
  mutable std::deque<Clock::time_point> sent_;  // our requests in the rolling minute
  // The server's count, valid until its window resets; requests we sent since it
  // reported are added on top.
  std::optional<int> serverCount_;
  int sentSinceServerCount_ = 0;
  Clock::time_point serverWindowEnd_{};
  Clock::time_point pausedUntil_{};
};

}  // namespace net
