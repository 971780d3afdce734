#include "workers/event_outcome.h"

#include <utility>
#include <vector>

#include "workers/reducers.h"

namespace workers {

namespace {

// A subject's fields the overlay compares, in the order they are shown.
using Fields = std::vector<std::pair<std::string, std::string>>;

struct Subject {
  std::string name;   // "Dana Ruiz", "queue Sales", "conversation c-1"
  Fields fields;
};

void describeAgent(const store::State& s, const std::string& id, Subject& out) {
  const model::Agent* a = s.agents.find(id);
  out.name = a ? a->name : "agent " + id;
  if (!a) return;
  out.fields = {{"presence", model::presenceText(*a)},
                {"routing", std::string(model::toString(a->routing))},
                {"active queues", std::to_string(a->queueIds.size())},
                {"interaction", a->activeConversationId.empty() ? "none" : a->activeConversationId}};
}

void describeQueue(const store::State& s, const std::string& id, Subject& out) {
  const model::Queue* q = s.queues.find(id);
  out.name = "queue " + (q && !q->name.empty() ? q->name : id);
  if (!q) return;
  out.fields = {{"waiting", std::to_string(q->waiting)},       {"interacting", std::to_string(q->interacting)},
                {"alerting", std::to_string(q->alerting)},     {"on queue", std::to_string(q->onQueueAgents)},
                {"off queue", std::to_string(q->offQueueAgents)}};
}

void addConversation(const store::State& s, const std::string& id, Subject& out) {
  const model::Conversation* c = s.conversations.find(id);
  out.fields.emplace_back("conversation " + id, !c ? "not held" : c->endTime ? "ended" : "live");
  out.fields.emplace_back("participants", c ? std::to_string(c->participants.size()) : "0");
}

Subject describe(const store::State& s, const api::Event& event) {
  Subject out;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, api::PresenceEvent> || std::is_same_v<T, api::RoutingEvent> ||
                      std::is_same_v<T, api::AgentActivityEvent>) {
          describeAgent(s, e.userId, out);
        } else if constexpr (std::is_same_v<T, api::PresenceAndRoutingEvent>) {
          describeAgent(s, e.presence.userId.empty() ? e.routing.userId : e.presence.userId, out);
        } else if constexpr (std::is_same_v<T, api::UserConversationEvent>) {
          describeAgent(s, e.userId, out);
          addConversation(s, e.conversation.id, out);
        } else if constexpr (std::is_same_v<T, api::QueueConversationEvent>) {
          describeQueue(s, e.queueId, out);
          addConversation(s, e.conversation.id, out);
        } else if constexpr (std::is_same_v<T, api::QueueObservationEvent>) {
          describeQueue(s, e.group.queueId, out);
        } else if constexpr (std::is_same_v<T, api::TranscriptionEvent>) {
          out.name = "conversation " + e.conversationId;
          const bool open = s.transcript->conversationId == e.conversationId;
          out.fields = {{"transcript lines shown", open ? std::to_string(s.transcript->lines.size()) : "not open"}};
        } else if constexpr (std::is_same_v<T, api::CoachingEvent>) {
          const model::Appointment* a = s.appointments.find(e.appointmentId);
          out.name = "appointment " + (a && !a->name.empty() ? a->name : e.appointmentId);
          out.fields = {{"status", a ? std::string(model::toString(a->status)) : "not held"}};
        }
      },
      event);
  return out;
}

std::string changes(const Subject& before, const Subject& after) {
  std::string out;
  for (std::size_t i = 0; i < after.fields.size(); ++i) {
    const std::string old = i < before.fields.size() ? before.fields[i].second : "—";
    if (old == after.fields[i].second) continue;
    out += (out.empty() ? "" : ", ") + after.fields[i].first + " " + old + " → " + after.fields[i].second;
  }
  return out.empty() ? "changed (nothing the overlay summarises)" : out;
}

}  // namespace

std::string_view eventKind(const api::Event& event) {
  static constexpr std::string_view kKinds[] = {
      "heartbeat",        "pong",                  "socket closing",  "no longer subscribed",
      "token revoked",    "presence",              "routing status",  "presence and routing status",
      "agent activity",   "user conversation",     "queue conversation", "transcription",
      "coaching",         "queue observation",     "not used by the panel"};
  static_assert(std::size(kKinds) == std::variant_size_v<api::Event>);
  return kKinds[event.index()];
}

std::string applyAndDescribe(store::State& s, const api::Event& event) {
  const Subject before = describe(s, event);
  const Applied applied = applyEvent(s, event);
  std::string line(eventKind(event));
  const Subject after = describe(s, event);
  if (!after.name.empty()) line += " · " + after.name;
  switch (applied) {
    case Applied::Changed: return line + ": " + changes(before, after);
    case Applied::Unchanged: return line + (after.name.empty() ? "" : ": no change (already shown)");
    case Applied::Stale: return line + ": stale, dropped (older than what is shown)";
    case Applied::Unknown: return line + ": ignored";
  }
  return line;
}

}  // namespace workers
