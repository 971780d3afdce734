// Intents: what the UI asks the workers to do. The UI only ever sends these; it never
// calls the network or waits for an answer — outcomes come back in later snapshots.
#pragma once

#include <string>
#include <variant>

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
struct RetryTranscript {};
struct SignInAgain {};
struct Logout {};
struct ExportHar { std::string path; };

using Intent = std::variant<SetView, SelectAgent, OpenConversation, JoinCall, BookCoaching, SetAppointmentStatus,
                            RetryTranscript, SignInAgain, Logout, ExportHar>;

std::string_view toString(JoinMode);

class IntentSink {
 public:
  virtual ~IntentSink() = default;
  // Called on the UI thread: must only enqueue, never block.
  virtual void send(Intent intent) = 0;
};

}  // namespace store
