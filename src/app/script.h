// Scripted intents (--script FILE): a line-based list of what a supervisor would do —
// select an agent, monitor, book coaching, open the transcript, wait for the screen to
// show something — replayed through the same IntentSink the buttons use.
//
// The whole file is parsed at start (a bad script never opens a window). A ScriptRunner
// is then stepped once per frame on the UI thread: it only reads the snapshot and sends
// intents; it never blocks and does no I/O (the HAR is written by the ExportHar intent,
// the PNG by the app shell when asked). The format is described in README.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/model.h"
#include "store/intents.h"
#include "store/snapshot.h"

namespace app::script {

// [SECTION] Commands

// Something the snapshot can show; `wait-until` waits for it, `expect` checks it at once.
struct Condition {
  enum class Kind { Live, AgentSelected, DetailLoaded, Transcript, Action, ToastContains };
  Kind kind = Kind::Live;
  model::TranscriptState transcript = model::TranscriptState::None;  // Kind::Transcript
  store::ActionState action = store::ActionState::Succeeded;         // Kind::Action
  std::string text;                                                   // Kind::ToastContains
  bool operator==(const Condition&) const = default;
};

struct Wait { double seconds = 0; bool operator==(const Wait&) const = default; };
struct WaitUntil { Condition condition; double timeoutSeconds = 30; bool operator==(const WaitUntil&) const = default; };
struct Expect { Condition condition; bool operator==(const Expect&) const = default; };
struct Filter { std::string text; bool operator==(const Filter&) const = default; };
struct SelectAgent {
  enum class How { FirstInteracting, None, ByIdOrName };
  How how = How::None;
  std::string who;  // id or exact name, for ByIdOrName
  bool operator==(const SelectAgent&) const = default;
};
struct JoinCall { store::JoinMode mode = store::JoinMode::Monitor; bool operator==(const JoinCall&) const = default; };
struct BookCoaching { int minutes = 30; std::string note; bool operator==(const BookCoaching&) const = default; };
struct OpenTranscript { bool operator==(const OpenTranscript&) const = default; };
struct RetryTranscript { bool operator==(const RetryTranscript&) const = default; };
struct AppointmentStatus {
  std::string appointmentId;  // empty: the first appointment in `from` (see README)
  model::AppointmentStatus from = model::AppointmentStatus::Scheduled;
  model::AppointmentStatus to = model::AppointmentStatus::InProgress;
  bool operator==(const AppointmentStatus&) const = default;
};
// Changes to the selected agent (issue 14).
struct SetRoutingStatus { bool onQueue = false; bool operator==(const SetRoutingStatus&) const = default; };
struct SetPresence { std::string label; bool operator==(const SetPresence&) const = default; };  // an org presence label
struct QueueMembership {
  std::string queueName;
  bool activate = false;
  bool operator==(const QueueMembership&) const = default;
};
struct LogOutAgent { bool operator==(const LogOutAgent&) const = default; };
struct ExportHar { std::string path; bool operator==(const ExportHar&) const = default; };
struct Screenshot { std::string path; bool operator==(const Screenshot&) const = default; };
// The debug overlay, driven as a developer would (screenshots, e2e tests): `overlay TAB` opens it
// on traffic|topics|graphs|export (`overlay traffic KIND` also picks all|rest|websocket|errors),
// `overlay-search TEXT` types in that tab's search,
// `overlay-select newest` selects the newest traffic row shown, `overlay-copy-curl` presses
// Copy as cURL on it.
struct OverlayStep {
  enum class Kind : std::uint8_t { Open, Search, SelectNewest, CopyCurl };
  Kind kind = Kind::Open;
  std::string text;  // the tab's name (Open) or the search (Search)
  std::string filter;  // Open traffic: the kind filter (all|rest|websocket|errors), empty = as it is
  bool operator==(const OverlayStep&) const = default;
};
struct Exit { bool operator==(const Exit&) const = default; };

using Command = std::variant<Wait, WaitUntil, Expect, Filter, SelectAgent, JoinCall, BookCoaching, OpenTranscript,
                             RetryTranscript, AppointmentStatus, SetRoutingStatus, SetPresence, QueueMembership,
                             LogOutAgent, ExportHar, Screenshot, OverlayStep, Exit>;

struct Line {
  int number = 0;     // 1-based line in the file, for messages
  std::string text;   // as written, without the comment
  Command command;
};

struct Script {
  std::vector<Line> lines;
};

// [SECTION] Parsing

struct ParseResult {
  std::optional<Script> script;
  std::string error;  // "line 7: unknown command 'moniter'"
};
ParseResult parse(std::string_view text);
// Reads and parses a file (at start, before the window opens).
ParseResult load(const std::string& path);

// [SECTION] Running

// What the runner asks of the app shell after a step.
struct Requests {
  std::string screenshotPath;         // write a PNG of the frame drawn next
  std::optional<int> exitCode;        // end the app with this code
  std::vector<std::string> messages;  // progress and failures, for stderr
  std::vector<OverlayStep> overlay;   // done to the first window that shows the overlay, in order
};

inline constexpr int kExitExpectationFailed = 3;

class Runner {
 public:
  explicit Runner(Script script);

  // Runs the script as far as the snapshot allows, from the UI thread, once per frame.
  Requests step(const store::Snapshot& snap, store::IntentSink& intents, double nowSeconds);

  // The app could not do what the script asked (e.g. the PNG was not written).
  void noteFailure(std::string what);

  bool finished() const { return next_ >= script_.lines.size(); }
  const std::vector<std::string>& failures() const { return failures_; }
  // For an app that ends before `exit`: 0 when everything ran and passed, else 3
  // (an unfinished script counts as a failure).
  int exitCodeAtShutdown();

 private:
  enum class Outcome { Done, NotYet, Failed };
  struct Attempt {
    Outcome outcome = Outcome::Done;
    std::string message;        // why it failed or what it did
    bool sentIntent = false;    // later commands need a snapshot that reflects it
  };
  Attempt attempt(const Line& line, const store::Snapshot& snap, store::IntentSink& intents, double now,
                  Requests& requests);
  Attempt run(const Wait&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const WaitUntil&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const Expect&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const Filter&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const SelectAgent&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const JoinCall&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const BookCoaching&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const OpenTranscript&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const RetryTranscript&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const AppointmentStatus&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const SetRoutingStatus&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const SetPresence&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const QueueMembership&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const LogOutAgent&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const ExportHar&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const OverlayStep&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const Screenshot&, const store::Snapshot&, store::IntentSink&, double now, Requests&);
  Attempt run(const Exit&, const store::Snapshot&, store::IntentSink&, double now, Requests&);

  enum class Truth { Yes, NotYet, Never };
  Truth evaluate(const Condition&, const store::Snapshot&, std::string& why) const;
  // The detail pane of the agent this script selected (or the supervisor did), once loaded.
  const store::DetailState* loadedDetail(const store::Snapshot&, std::string& why) const;
  void startAction(const store::Snapshot&, store::ActionKind);
  // The agent the script (or the supervisor) selected, as the snapshot shows them; null with `why`.
  const model::Agent* selectedAgent(const store::Snapshot&, std::string& why) const;
  // Sends a change to the selected agent and makes it the script's last action.
  Attempt sendChange(store::ChangeAgents change, const model::Agent& agent, const store::Snapshot&,
                     store::IntentSink&, std::string what);

  Script script_;
  std::size_t next_ = 0;
  double lineStartedAt_ = -1;               // when the current line was first tried
  std::vector<std::string> failures_;
  std::optional<std::string> selectedAgent_;    // what the script selected ("" = none)
  std::optional<std::string> viewText_;         // the filter the script set
  std::optional<std::string> openedConversation_;
  // The script's last action: the newest record of this kind with an id above actionsAfter_.
  std::optional<std::uint64_t> actionsAfter_;
  store::ActionKind actionKind_ = store::ActionKind::Other;
};

}  // namespace app::script
