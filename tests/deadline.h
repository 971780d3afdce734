// Every wait in the tests has a deadline: a condition that never comes true fails the test
// after a bounded time, instead of hanging the suite until ctest's timeout kills it.
#pragma once

#include <chrono>
#include <future>
#include <optional>
#include <thread>

namespace deadline {

inline constexpr std::chrono::seconds kWait{10};
// How often a condition is polled: short enough not to slow a test, long enough not to
// spin a core of the shared 2-core machine. A poll interval, never a wait of its own.
inline constexpr std::chrono::milliseconds kPollInterval{1};

// Polls `condition` until it holds; false once `within` has passed without it.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds within = kWait) {
  const auto until = std::chrono::steady_clock::now() + within;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(kPollInterval);
  }
  return true;
}

// The future's value if it is ready within `within`, else nothing.
template <class T>
std::optional<T> valueWithin(std::future<T> future, std::chrono::milliseconds within = kWait) {
  if (future.wait_for(within) != std::future_status::ready) return std::nullopt;
  return future.get();
}

}  // namespace deadline
