// Cow<T>: a value the store edits and snapshots share. share() hands out the current
// version; the next edit() after that copies it, so a published snapshot never changes.
#pragma once

#include <memory>

namespace store {

template <class T>
class Cow {
 public:
  Cow() : ptr_(std::make_shared<T>()) {}
  explicit Cow(T value) : ptr_(std::make_shared<T>(std::move(value))) {}

  const T& operator*() const { return *ptr_; }
  const T* operator->() const { return ptr_.get(); }

  T& edit() {
    if (ptr_.use_count() > 1) ptr_ = std::make_shared<T>(*ptr_);
    return *ptr_;
  }
  std::shared_ptr<const T> share() const { return ptr_; }

 private:
  std::shared_ptr<T> ptr_;
};

}  // namespace store
