#include "workers/task_queue.h"

#include <pthread.h>

namespace workers {

TaskQueue::TaskQueue(std::string name) : name_(std::move(name)) {
  thread_ = std::thread([this] { run(); });
  pthread_setname_np(thread_.native_handle(), name_.substr(0, 15).c_str());
}

TaskQueue::~TaskQueue() { stop(); }

void TaskQueue::post(Task task) { postAfter(Clock::duration::zero(), std::move(task)); }

void TaskQueue::postAfter(Clock::duration delay, Task task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    tasks_.push({Clock::now() + delay, nextOrder_++, std::move(task)});
  }
  wake_.notify_one();
}

void TaskQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable() && !onThisThread()) thread_.join();
}

void TaskQueue::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    if (tasks_.empty()) {
      wake_.wait(lock);
      continue;
    }
    // A copy: wait_until keeps reading its deadline while it waits, and a post from
    // another thread may move the queue's storage meanwhile (ASan found the use after free).
    if (const Clock::time_point due = tasks_.top().due; due > Clock::now()) {
      wake_.wait_until(lock, due);
      continue;
    }
    Task task = std::move(const_cast<Timed&>(tasks_.top()).task);
    tasks_.pop();
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace workers
