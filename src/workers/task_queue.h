// TaskQueue: one worker thread that runs tasks in order, now or after a delay.
// The session uses one for its control flow (sign-in, bootstrap, subscriptions, resync)
// and one for supervisor actions, so an action never waits behind a long bootstrap.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

namespace workers {

class TaskQueue {
 public:
  using Clock = std::chrono::steady_clock;
  using Task = std::function<void()>;

  explicit TaskQueue(std::string name);
  ~TaskQueue();  // runs nothing more; joins the thread
  TaskQueue(const TaskQueue&) = delete;
  TaskQueue& operator=(const TaskQueue&) = delete;

  void post(Task task);
  void postAfter(Clock::duration delay, Task task);
  // Stops taking tasks and joins; pending tasks are dropped. Idempotent.
  void stop();
  bool onThisThread() const { return std::this_thread::get_id() == thread_.get_id(); }

 private:
  struct Timed {
    Clock::time_point due;
    std::uint64_t order;  // FIFO among tasks due at the same time
    Task task;
    bool operator>(const Timed& other) const { return due != other.due ? due > other.due : order > other.order; }
  };
  void run();

  std::string name_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Timed, std::vector<Timed>, std::greater<>> tasks_;
  std::uint64_t nextOrder_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace workers
