// Intents: what the UI asks the workers to do. The UI only ever sends these; it never
// calls the network or waits for an answer — outcomes come back in later snapshots.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "model/model.h"
#include "store/snapshot.h"

namespace store {

struct SetView { ViewSpec view; };
struct SelectAgent { std::string agentId; };          // empty = close the detail view
struct OpenConversation { std::string conversationId; };  // shows its transcript
enum class JoinMode : std::uint8_t { Monitor, Coach, Barge };
struct JoinCall { std::string conversationId; std::string agentId; JoinMode mode; };
struct BookCoaching {
  std::string agentId;
  std::string conversationId;
  model::TimeMs start = 0;      // 0 = the next free half hour
  int lengthInMinutes = 30;
  std::string note;             // free text for the description
};
struct SetAppointmentStatus { std::string appointmentId; model::AppointmentStatus status; };
// A supervisor's change to one agent or a multi-selection (issue 14). Each agent carries
// what the supervisor saw when choosing, so one who changed meanwhile is reported, not
// overridden.
enum class AgentChangeKind : std::uint8_t { OffQueue, OnQueue, Presence, QueueMembership, LogOut };
struct SeenAgent {
  std::string id;
  model::Presence presence = model::Presence::Unknown;
  model::RoutingStatus routing = model::RoutingStatus::Unknown;
  bool operator==(const SeenAgent&) const = default;
};
struct ChangeAgents {
  AgentChangeKind kind = AgentChangeKind::OffQueue;
  std::vector<SeenAgent> agents;
  std::string presenceDefinitionId;   // Presence: the org's definition to set
  std::string presenceLabel;          // ... and its label, for the sentences
  std::string queueId;                // QueueMembership
  std::string queueName;              // ... its name, for the sentences
  bool activate = false;              // QueueMembership: true activates, false deactivates
};
struct RetryTranscript {};
struct SignInAgain {};
struct Logout {};
// `sequences`: only the traffic entries with these numbers (TrafficRow::sequence, ascending),
// e.g. the rows the overlay's filters show; empty: everything the traffic log holds.
struct ExportHar {
  std::string path;
  std::vector<std::uint64_t> sequences{};
};

using Intent = std::variant<SetView, SelectAgent, OpenConversation, JoinCall, BookCoaching, SetAppointmentStatus,
                            RetryTranscript, SignInAgain, Logout, ExportHar, ChangeAgents>;

std::string_view toString(JoinMode);

class IntentSink {
 public:
  virtual ~IntentSink() = default;
  // Called on the UI thread: must only enqueue, never block.
  virtual void send(Intent intent) = 0;
};

}  // namespace store
