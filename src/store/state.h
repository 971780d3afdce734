// State: the mutable model, owned by the store thread. Only code running inside
// Store::post() touches it; the UI sees it through published Snapshots.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/cow.h"
#include "store/snapshot.h"

namespace store {

// A new action id, unique in the process and increasing in the order ids are taken (so
// "the newest action" is the one with the largest id). Any thread.
std::uint64_t newActionId();

struct State {
  decltype(Snapshot::agents) agents;
  decltype(Snapshot::queues) queues;
  decltype(Snapshot::conversations) conversations;
  decltype(Snapshot::appointments) appointments;

  // Each agent's interactions as the events have shown them, to keep the per-media counts
  // and the call timer live. Store-thread only: not published.
  struct AgentInteraction {
    std::string conversationId;
    model::Media media = model::Media::Call;
    bool inAfterCallWork = false;
    bool counted = false;         // included in the agent's media counts
  };
  struct AgentInteractions {
    model::TimeMs countsAt = 0;   // when the REST conversationSummary counts were read
    std::vector<AgentInteraction> entries;
  };
  std::unordered_map<std::string, AgentInteractions> interactionsByAgent;

  ViewSpec view;
  bool rowsDirty = true;          // the browse rows must be recomputed (throttled)
  bool rowsUrgent = true;         // ... at the next publish: the supervisor changed the view
  bool queueOrderDirty = true;

  Cow<SessionInfo> session;
  Cow<DetailState> detail;
  Cow<model::Transcript> transcript;
  Cow<std::vector<Toast>> toasts;
  Cow<std::vector<ActionRecord>> actions;
  Cow<TrafficRows> traffic;
  std::shared_ptr<const TopicTable> topics = std::make_shared<TopicTable>();  // replaced whole
  Cow<std::vector<EventOutcome>> eventOutcomes;
  Cow<std::vector<PresenceOption>> presenceOptions;

  // Adds a toast (newest last), keeping the last kMaxToasts.
  void toast(ToastLevel level, std::string text, model::TimeMs now);
  static constexpr std::size_t kMaxToasts = 8;
  static constexpr std::size_t kMaxActions = 50;  // action records kept, newest last
  // Starts tracking a supervisor action; returns its id for finishAction().
  std::uint64_t beginAction(std::string label, model::TimeMs now, ActionKind kind = ActionKind::Other);
  // The same with an id the caller took from newActionId(): a worker names its action
  // before the store applies it, so it never waits for the store to hand an id back.
  void beginAction(std::uint64_t id, std::string label, model::TimeMs now, ActionKind kind);
  void finishAction(std::uint64_t id, bool succeeded, std::string outcome, model::TimeMs now);
  // What a notification did (the overlay's detail pane). The newest kMaxEventOutcomes are kept:
  // as many as the overlay lists rows, so every row it shows can still find its outcome.
  void noteEventOutcome(std::uint64_t sequence, std::string text);
  static constexpr std::size_t kMaxEventOutcomes = 2000;
  // The overlay's capture: `rows` (newer than those held) join it; past 100,000 rows or 64 MB
  // of text the oldest go, a chunk at a time. A mark that came before its row is applied.
  void appendTraffic(std::vector<TrafficRow> rows);
  static constexpr std::size_t kMaxTrafficRows = 100'000;
  static constexpr std::size_t kMaxTrafficBytes = 64u << 20;
  // The message with this sequence number could not be decoded: its row says so, now or when
  // it is handed over (the socket thread may decode it after its row was, or before).
  void noteUndecoded(std::uint64_t sequence);

 private:
  std::uint64_t nextId_ = 1;
  std::vector<std::uint64_t> undecoded_;  // the newest messages noted undecodable (a few)
};

}  // namespace store
