#include "store/state.h"

#include <algorithm>
#include <atomic>

namespace store {

void State::toast(ToastLevel level, std::string text, model::TimeMs now) {
  auto& list = toasts.edit();
  list.push_back({nextId_++, level, std::move(text), now});
  if (list.size() > kMaxToasts) list.erase(list.begin());
}

std::uint64_t newActionId() {
  static std::atomic<std::uint64_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t State::beginAction(std::string label, model::TimeMs now, ActionKind kind) {
  const std::uint64_t id = newActionId();
  beginAction(id, std::move(label), now, kind);
  return id;
}

void State::beginAction(std::uint64_t id, std::string label, model::TimeMs now, ActionKind kind) {
  auto& list = actions.edit();
  list.push_back({id, kind, std::move(label), ActionState::Pending, {}, now});
  if (list.size() > kMaxActions) list.erase(list.begin());
}

void State::finishAction(std::uint64_t id, bool succeeded, std::string outcome, model::TimeMs now) {
  for (auto& record : actions.edit()) {
    if (record.id != id) continue;
    record.state = succeeded ? ActionState::Succeeded : ActionState::Failed;
    record.outcome = outcome;
    toast(succeeded ? ToastLevel::Success : ToastLevel::Error, std::move(outcome), now);
    return;
  }
}

void State::appendTraffic(std::vector<TrafficRow> rows) {
  for (TrafficRow& row : rows)
    if (std::find(undecoded_.begin(), undecoded_.end(), row.sequence) != undecoded_.end()) row.undecoded = true;
  traffic.edit().append(std::move(rows), kMaxTrafficRows, kMaxTrafficBytes);
}

void State::noteUndecoded(std::uint64_t sequence) {
  // Remembered for rows still to come: this one's, or all the log holds when the overlay opens again.
  constexpr std::size_t kRemembered = 64;  // a malformed burst beyond this is marked in part
  if (undecoded_.size() == kRemembered) undecoded_.erase(undecoded_.begin());
  undecoded_.push_back(sequence);
  traffic.edit().markUndecoded(sequence);
}

void State::noteEventOutcome(std::uint64_t sequence, std::string text) {
  auto& outcomes = eventOutcomes.edit();
  // Dropped a quarter at a time: one move of the vector per 500 events, not per event.
  if (outcomes.size() >= kMaxEventOutcomes) outcomes.erase(outcomes.begin(), outcomes.begin() + kMaxEventOutcomes / 4);
  outcomes.push_back({sequence, std::move(text)});
}

std::string_view toString(LinkState s) {
  switch (s) {
    case LinkState::Offline: return "offline";
    case LinkState::SigningIn: return "signing in";
    case LinkState::Loading: return "loading";
    case LinkState::Live: return "live";
    case LinkState::Partial: return "partly live";
    case LinkState::Reconnecting: return "reconnecting";
    case LinkState::Stale: return "stale";
  }
  return "?";
}

}  // namespace store

#include "store/intents.h"

namespace store {
std::string_view toString(JoinMode m) {
  switch (m) {
    case JoinMode::Monitor: return "Monitor";
    case JoinMode::Coach: return "Coach";
    case JoinMode::Barge: return "Barge";
  }
  return "?";
}
}  // namespace store
