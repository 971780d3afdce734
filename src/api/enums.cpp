#include "api/enums.h"

#include <array>
#include <utility>

namespace api {
namespace {

// Lower-case letters and digits only, in a fixed buffer: enum strings are short, and
// anything longer than the buffer is no known value anyway.
class FoldedName {
 public:
  explicit FoldedName(std::string_view text) {
    for (const char c : text) {
      if (c == ' ' || c == '_' || c == '-') continue;
      if (length_ == kCapacity) {
        overflow_ = true;
        return;
      }
      buffer_[length_++] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  bool operator==(std::string_view folded) const {
    return !overflow_ && std::string_view(buffer_.data(), length_) == folded;
  }

 private:
  static constexpr std::size_t kCapacity = 32;
  std::array<char, kCapacity> buffer_{};
  std::size_t length_ = 0;
  bool overflow_ = false;
};

template <class Enum, std::size_t N>
Enum lookup(std::string_view text, const std::array<std::pair<std::string_view, Enum>, N>& table,
            Enum fallback) {
  const FoldedName name(text);
  for (const auto& [folded, value] : table) {
    if (name == folded) return value;
  }
  return fallback;
}

}  // namespace

model::Presence presenceFromString(std::string_view text) {
  using P = model::Presence;
  static constexpr std::array<std::pair<std::string_view, P>, 10> kTable{{
      {"available", P::Available}, {"away", P::Away},         {"busy", P::Busy},
      {"offline", P::Offline},     {"idle", P::Idle},         {"onqueue", P::OnQueue},
      {"meal", P::Meal},           {"training", P::Training}, {"meeting", P::Meeting},
      {"break", P::Break},
  }};
  return lookup(text, kTable, P::Unknown);
}

model::RoutingStatus routingStatusFromString(std::string_view text) {
  using R = model::RoutingStatus;
  static constexpr std::array<std::pair<std::string_view, R>, 5> kTable{{
      {"offqueue", R::OffQueue},
      {"idle", R::Idle},
      {"interacting", R::Interacting},
      {"notresponding", R::NotResponding},
      {"communicating", R::Communicating},
  }};
  return lookup(text, kTable, R::Unknown);
}

model::CommState commStateFromString(std::string_view text) {
  using S = model::CommState;
  static constexpr std::array<std::pair<std::string_view, S>, 9> kTable{{
      {"alerting", S::Alerting},
      {"dialing", S::Dialing},
      {"contacting", S::Contacting},
      {"offering", S::Offering},
      {"connected", S::Connected},
      {"disconnected", S::Disconnected},
      {"terminated", S::Terminated},
      {"scheduled", S::Scheduled},
      {"none", S::None},
  }};
  return lookup(text, kTable, S::Unknown);
}

model::Purpose purposeFromString(std::string_view text) {
  using P = model::Purpose;
  static constexpr std::array<std::pair<std::string_view, P>, 9> kTable{{
      {"agent", P::Agent},
      {"customer", P::Customer},
      {"external", P::External},
      {"acd", P::Acd},
      {"ivr", P::Ivr},
      {"user", P::User},
      {"monitor", P::Monitor},
      {"coach", P::Coach},
      {"barge", P::Barge},
  }};
  return lookup(text, kTable, P::Other);
}

model::AppointmentStatus appointmentStatusFromString(std::string_view text) {
  using A = model::AppointmentStatus;
  static constexpr std::array<std::pair<std::string_view, A>, 4> kTable{{
      {"scheduled", A::Scheduled},
      {"inprogress", A::InProgress},
      {"completed", A::Completed},
      {"invalidschedule", A::InvalidSchedule},
  }};
  return lookup(text, kTable, A::Unknown);
}

std::string_view appointmentStatusToApi(model::AppointmentStatus status) {
  switch (status) {
    case model::AppointmentStatus::Scheduled: return "Scheduled";
    case model::AppointmentStatus::InProgress: return "InProgress";
    case model::AppointmentStatus::Completed: return "Completed";
    case model::AppointmentStatus::InvalidSchedule: return "InvalidSchedule";
    case model::AppointmentStatus::Unknown: break;
  }
  return {};
}

}  // namespace api
