// SharedSlot<T>: a shared_ptr that one thread replaces and others copy.
//
// The lock is held only to copy or swap the pointer, never while building or freeing what
// it points to, so a reader waits at most for one pointer copy. This is what libstdc++'s
// std::atomic<std::shared_ptr> does too (it is not lock-free), but with a plain mutex that
// ThreadSanitizer understands.
#pragma once

#include <memory>
#include <mutex>

namespace store {

template <class T>
class SharedSlot {
 public:
  std::shared_ptr<T> load() const {
    std::lock_guard lock(mutex_);
    return value_;
  }
  // The previous value is returned, so that the caller decides where it is freed.
  std::shared_ptr<T> exchange(std::shared_ptr<T> next) {
    std::lock_guard lock(mutex_);
    value_.swap(next);
    return next;
  }

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<T> value_;
};

}  // namespace store
