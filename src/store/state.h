// State: the mutable model, owned by the store thread. Only code running inside
// Store::post() touches it; the UI sees it through published Snapshots.
#pragma once

#include <cstdint>
#include <string>

#include "store/cow.h"
#include "store/snapshot.h"

namespace store {

struct State {
  decltype(Snapshot::agents) agents;
  decltype(Snapshot::queues) queues;
  decltype(Snapshot::conversations) conversations;
  decltype(Snapshot::appointments) appointments;

  ViewSpec view;
  bool rowsDirty = true;          // the browse rows must be recomputed (throttled)
  bool rowsUrgent = true;         // ... at the next publish: the supervisor changed the view
  bool queueOrderDirty = true;

  Cow<SessionInfo> session;
  Cow<DetailState> detail;
  Cow<model::Transcript> transcript;
  Cow<std::vector<Toast>> toasts;
  Cow<std::vector<ActionRecord>> actions;

  // Adds a toast (newest last), keeping the last few.
  void toast(ToastLevel level, std::string text, model::TimeMs now);
  // Starts tracking a supervisor action; returns its id for finishAction().
  std::uint64_t beginAction(std::string label, model::TimeMs now);
  void finishAction(std::uint64_t id, bool succeeded, std::string outcome, model::TimeMs now);

 private:
  std::uint64_t nextId_ = 1;
};

}  // namespace store
