// Result<T>: what every decoder and validating builder returns, a value or a clear error.
// The error is a sentence fit for a log line or a debug overlay, naming the field at fault
// ("users page: entities[2].presence.modifiedDate: expected an ISO-8601 time").
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace api {

// The failing side of a Result. Separate type so Result<std::string> stays unambiguous.
struct Failure {
  std::string message;
};

inline Failure fail(std::string message) { return Failure{std::move(message)}; }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Failure failure) : state_(std::in_place_index<1>, std::move(failure)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Precondition: ok(). Checked by std::get (throws std::bad_variant_access otherwise).
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }

  // Empty when ok().
  const std::string& error() const {
    static const std::string kNone;
    return ok() ? kNone : std::get<1>(state_).message;
  }

 private:
  std::variant<T, Failure> state_;
};

}  // namespace api
