#include "app/script.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace app::script {

namespace {

// [SECTION] Parsing helpers

struct ParseError {
  std::string message;
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

// A comment is a '#' at the start of a line or after whitespace, so "ticket#4" in a note stays.
std::string_view withoutComment(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i)
    if (line[i] == '#' && (i == 0 || isSpace(line[i - 1]))) return trim(line.substr(0, i));
  return trim(line);
}

// Reads a line word by word; rest() takes whatever is left (names, notes, paths).
class Words {
 public:
  explicit Words(std::string_view text) : text_(trim(text)) {}

  bool atEnd() const { return text_.empty(); }

  std::string_view next() {
    const auto end = static_cast<std::size_t>(std::find_if(text_.begin(), text_.end(), isSpace) - text_.begin());
    const std::string_view word = text_.substr(0, end);
    text_ = trim(text_.substr(end));
    return word;
  }

  std::string rest() {
    std::string all(text_);
    text_ = {};
    return all;
  }

  // Drops "within N" from the end of the line and returns N, if it is there.
  std::optional<std::string_view> takeTrailing(std::string_view keyword) {
    const std::size_t lastSpace = text_.find_last_of(" \t");
    if (lastSpace == std::string_view::npos) return std::nullopt;
    const std::string_view before = trim(text_.substr(0, lastSpace));
    const std::size_t keywordStart = before.find_last_of(" \t");
    const std::string_view word = keywordStart == std::string_view::npos ? before : before.substr(keywordStart + 1);
    if (word != keyword) return std::nullopt;
    const std::string_view value = text_.substr(lastSpace + 1);
    text_ = keywordStart == std::string_view::npos ? std::string_view{} : trim(before.substr(0, keywordStart));
    return value;
  }

 private:
  std::string_view text_;
};

double parseSeconds(std::string_view command, std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0)
    throw ParseError{std::string(command) + ": '" + std::string(text) + "' is not a number of seconds"};
  return value;
}

void expectEnd(std::string_view command, Words& words) {
  if (!words.atEnd()) throw ParseError{std::string(command) + ": unexpected '" + words.rest() + "'"};
}

std::string requireRest(std::string_view command, Words& words, std::string_view what) {
  std::string rest = words.rest();
  if (rest.empty()) throw ParseError{std::string(command) + ": " + std::string(what) + " is missing"};
  return rest;
}

constexpr std::pair<std::string_view, model::TranscriptState> kTranscriptStates[] = {
    {"none", model::TranscriptState::None},       {"live", model::TranscriptState::Live},
    {"pending", model::TranscriptState::Pending}, {"ready", model::TranscriptState::Ready},
    {"unavailable", model::TranscriptState::Unavailable}, {"failed", model::TranscriptState::Failed}};

std::string_view transcriptStateName(model::TranscriptState state) {
  for (const auto& [name, value] : kTranscriptStates)
    if (value == state) return name;
  return "?";
}

std::string_view actionStateName(store::ActionState state) {
  switch (state) {
    case store::ActionState::Pending: return "pending";
    case store::ActionState::Succeeded: return "succeeded";
    case store::ActionState::Failed: return "failed";
  }
  return "?";
}

Condition parseCondition(std::string_view command, Words& words) {
  const std::string_view what = words.next();
  Condition c;
  if (what == "live") {
    c.kind = Condition::Kind::Live;
  } else if (what == "agent-selected") {
    c.kind = Condition::Kind::AgentSelected;
  } else if (what == "detail-loaded") {
    c.kind = Condition::Kind::DetailLoaded;
  } else if (what == "transcript") {
    c.kind = Condition::Kind::Transcript;
    const std::string_view state = words.next();
    const auto* found = std::find_if(std::begin(kTranscriptStates), std::end(kTranscriptStates),
                                     [&](const auto& entry) { return entry.first == state; });
    if (found == std::end(kTranscriptStates))
      throw ParseError{std::string(command) + " transcript: '" + std::string(state) +
                       "' is not one of none, live, pending, ready, unavailable, failed"};
    c.transcript = found->second;
  } else if (what == "action") {
    c.kind = Condition::Kind::Action;
    const std::string_view state = words.next();
    if (state == "succeeded")
      c.action = store::ActionState::Succeeded;
    else if (state == "failed")
      c.action = store::ActionState::Failed;
    else
      throw ParseError{std::string(command) + " action: expected 'succeeded' or 'failed', not '" + std::string(state) + "'"};
  } else if (what == "toast-contains") {
    c.kind = Condition::Kind::ToastContains;
    c.text = requireRest(command, words, "the text");
  } else {
    throw ParseError{std::string(command) + ": unknown condition '" + std::string(what) +
                     "' (live, agent-selected, detail-loaded, transcript STATE, action succeeded|failed, "
                     "toast-contains TEXT)"};
  }
  expectEnd(command, words);
  return c;
}

std::optional<model::AppointmentStatus> appointmentStatusNamed(std::string_view name) {
  if (name == "Scheduled") return model::AppointmentStatus::Scheduled;
  if (name == "InProgress") return model::AppointmentStatus::InProgress;
  if (name == "Completed") return model::AppointmentStatus::Completed;
  return std::nullopt;
}

AppointmentStatus parseAppointmentStatus(Words& words) {
  constexpr std::string_view kCommand = "appointment-status";
  AppointmentStatus out;
  const std::string_view which = words.next();
  if (which.empty()) throw ParseError{"appointment-status: expected 'first' or an appointment id"};
  if (which != "first") out.appointmentId = which;
  const std::string_view change = words.next();
  const std::size_t arrow = change.find("->");
  const auto from = arrow == std::string_view::npos ? std::nullopt : appointmentStatusNamed(change.substr(0, arrow));
  const auto to = arrow == std::string_view::npos ? std::nullopt : appointmentStatusNamed(change.substr(arrow + 2));
  // The status endpoint's state machine: Scheduled -> InProgress -> Completed.
  const bool allowed = from && to &&
                       ((*from == model::AppointmentStatus::Scheduled && *to == model::AppointmentStatus::InProgress) ||
                        (*from == model::AppointmentStatus::InProgress && *to == model::AppointmentStatus::Completed));
  if (!allowed)
    throw ParseError{"appointment-status: expected Scheduled->InProgress or InProgress->Completed, not '" +
                     std::string(change) + "'"};
  out.from = *from;
  out.to = *to;
  expectEnd(kCommand, words);
  return out;
}

Command parseCommand(std::string_view command, Words& words) {
  if (command == "wait") {
    const double seconds = parseSeconds(command, words.next());
    expectEnd(command, words);
    return Wait{seconds};
  }
  if (command == "wait-until") {
    WaitUntil out;
    if (const auto within = words.takeTrailing("within")) out.timeoutSeconds = parseSeconds("wait-until within", *within);
    out.condition = parseCondition(command, words);
    return out;
  }
  if (command == "expect") return Expect{parseCondition(command, words)};
  if (command == "filter") return Filter{words.rest()};
  if (command == "select-agent") {
    const std::string who = requireRest(command, words, "an agent (first-interacting, none, an id or a name)");
    if (who == "first-interacting") return SelectAgent{SelectAgent::How::FirstInteracting, {}};
    if (who == "none") return SelectAgent{SelectAgent::How::None, {}};
    return SelectAgent{SelectAgent::How::ByIdOrName, who};
  }
  if (command == "monitor" || command == "coach" || command == "barge") {
    expectEnd(command, words);
    return JoinCall{command == "monitor" ? store::JoinMode::Monitor
                    : command == "coach" ? store::JoinMode::Coach
                                         : store::JoinMode::Barge};
  }
  if (command == "book-coaching") {
    BookCoaching out;
    Words lookahead = words;
    const std::string_view first = lookahead.next();
    int minutes = 0;
    const auto [end, error] = std::from_chars(first.data(), first.data() + first.size(), minutes);
    if (!first.empty() && error == std::errc() && end == first.data() + first.size()) {
      if (minutes < 1 || minutes > 24 * 60) throw ParseError{"book-coaching: minutes must be between 1 and 1440"};
      out.minutes = minutes;
      words = lookahead;
    }
    out.note = words.rest();
    return out;
  }
  if (command == "open-transcript") {
    expectEnd(command, words);
    return OpenTranscript{};
  }
  if (command == "retry-transcript") {
    expectEnd(command, words);
    return RetryTranscript{};
  }
  if (command == "appointment-status") return parseAppointmentStatus(words);
  if (command == "set-routing-status") {
    const std::string_view status = words.next();
    if (status != "ON_QUEUE" && status != "OFF_QUEUE")
      throw ParseError{"set-routing-status: expected ON_QUEUE or OFF_QUEUE, not '" + std::string(status) + "'"};
    expectEnd(command, words);
    return SetRoutingStatus{status == "ON_QUEUE"};
  }
  if (command == "set-presence") return SetPresence{requireRest(command, words, "the presence label")};
  if (command == "queue-membership") {
    QueueMembership out;
    const std::string rest = requireRest(command, words, "the queue name and on|off");
    const std::size_t lastSpace = rest.find_last_of(" \t");
    const std::string state = lastSpace == std::string::npos ? rest : rest.substr(lastSpace + 1);
    if (lastSpace == std::string::npos || (state != "on" && state != "off"))
      throw ParseError{"queue-membership: expected QUEUE-NAME on|off"};
    out.queueName = std::string(trim(std::string_view(rest).substr(0, lastSpace)));
    out.activate = state == "on";
    return out;
  }
  if (command == "log-out-agent") {
    expectEnd(command, words);
    return LogOutAgent{};
  }
  if (command == "export-har") return ExportHar{requireRest(command, words, "the file path")};
  if (command == "screenshot") return Screenshot{requireRest(command, words, "the PNG path")};
  if (command == "overlay") {
    const std::string tab(words.next());
    if (tab != "traffic" && tab != "topics" && tab != "graphs" && tab != "export")
      throw ParseError{"overlay: expected traffic, topics, graphs or export, not '" + tab + "'"};
    const std::string filter(words.next());
    if (!filter.empty() &&
        (tab != "traffic" || (filter != "all" && filter != "rest" && filter != "websocket" && filter != "errors")))
      throw ParseError{"overlay: expected traffic all|rest|websocket|errors, not '" + tab + " " + filter + "'"};
    expectEnd(command, words);
    return OverlayStep{OverlayStep::Kind::Open, tab, filter};
  }
  if (command == "overlay-search") return OverlayStep{OverlayStep::Kind::Search, words.rest(), {}};
  if (command == "overlay-select") {
    if (words.next() != "newest") throw ParseError{"overlay-select: expected newest"};
    expectEnd(command, words);
    return OverlayStep{OverlayStep::Kind::SelectNewest, {}, {}};
  }
  if (command == "overlay-copy-curl") {
    expectEnd(command, words);
    return OverlayStep{OverlayStep::Kind::CopyCurl, {}, {}};
  }
  if (command == "exit") {
    expectEnd(command, words);
    return Exit{};
  }
  throw ParseError{"unknown command '" + std::string(command) + "'"};
}

}  // namespace

ParseResult parse(std::string_view text) {
  Script script;
  int number = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    const std::string_view raw = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++number;
    const std::string_view line = withoutComment(raw);
    if (line.empty()) continue;
    Words words(line);
    const std::string_view command = words.next();
    try {
      script.lines.push_back({number, std::string(line), parseCommand(command, words)});
    } catch (const ParseError& e) {
      return {std::nullopt, "line " + std::to_string(number) + ": " + e.message};
    }
  }
  return {std::move(script), {}};
}

ParseResult load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return {std::nullopt, "cannot read " + path};
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str());
}

// [SECTION] Running

namespace {

// How long a command waits for what it needs (an agent in the list, the detail, a live
// call) before it is recorded as failed: about what a supervisor would wait.
constexpr double kResolveSeconds = 20;

const model::Agent* agentByIdOrName(const store::Snapshot& snap, const std::string& who) {
  if (const model::Agent* byId = snap.agents.find(who)) return byId;
  for (const auto& id : *snap.agentRows)  // the listed order first, so the choice is the visible one
    if (const model::Agent* a = snap.agents.find(id); a && a->name == who) return a;
  const model::Agent* byName = nullptr;
  snap.agents.forEach([&](const model::Agent& a) {
    if (!byName && a.name == who) byName = &a;
  });
  return byName;
}

std::string nameOf(const store::Snapshot& snap, const std::string& agentId) {
  const model::Agent* a = snap.agents.find(agentId);
  return a ? a->name : agentId;
}

double timeoutFor(const Command& command) {
  if (std::holds_alternative<Wait>(command)) return std::numeric_limits<double>::infinity();
  if (const auto* until = std::get_if<WaitUntil>(&command)) return until->timeoutSeconds;
  return kResolveSeconds;
}

}  // namespace

Runner::Runner(Script script) : script_(std::move(script)) {}

Requests Runner::step(const store::Snapshot& snap, store::IntentSink& intents, double nowSeconds) {
  Requests requests;
  while (!finished() && !requests.exitCode) {
    const Line& line = script_.lines[next_];
    if (lineStartedAt_ < 0) lineStartedAt_ = nowSeconds;
    Attempt result = attempt(line, snap, intents, nowSeconds, requests);
    if (result.outcome == Outcome::NotYet) {
      const double waited = nowSeconds - lineStartedAt_;
      const double limit = timeoutFor(line.command);
      if (waited < limit) break;  // try again next frame
      result.outcome = Outcome::Failed;
      if (limit > 0) {
        std::ostringstream text;
        text << "gave up after " << limit << " s: " << result.message;
        result.message = text.str();
      }
    }
    const std::string where = "line " + std::to_string(line.number) + " '" + line.text + "'";
    if (result.outcome == Outcome::Failed) {
      failures_.push_back(where + ": " + result.message);
      requests.messages.push_back("script: FAILED " + failures_.back());
    } else {
      requests.messages.push_back("script: " + where + (result.message.empty() ? "" : " -> " + result.message));
    }
    ++next_;
    lineStartedAt_ = -1;
    // The next command must see a snapshot that reflects this intent; a screenshot is of the next frame.
    if (result.sentIntent || !requests.screenshotPath.empty()) break;
  }
  return requests;
}

void Runner::noteFailure(std::string what) { failures_.push_back(std::move(what)); }

int Runner::exitCodeAtShutdown() {
  if (!finished()) {
    const Line& line = script_.lines[next_];
    noteFailure("the panel exited while the script was at line " + std::to_string(line.number) + " '" + line.text +
                "'");
  }
  return failures_.empty() ? 0 : kExitExpectationFailed;
}

Runner::Attempt Runner::attempt(const Line& line, const store::Snapshot& snap, store::IntentSink& intents, double now,
                                Requests& requests) {
  return std::visit([&](const auto& command) { return run(command, snap, intents, now, requests); }, line.command);
}

Runner::Truth Runner::evaluate(const Condition& c, const store::Snapshot& snap, std::string& why) const {
  switch (c.kind) {
    case Condition::Kind::Live:
      why = "the link is " + std::string(store::toString(snap.session->link));
      // Partly live counts: the refused agents are shown as not live, the rest are live.
      return snap.session->link == store::LinkState::Live || snap.session->link == store::LinkState::Partial
                 ? Truth::Yes
                 : Truth::NotYet;
    case Condition::Kind::AgentSelected:
    case Condition::Kind::DetailLoaded: {
      const std::string& shown = snap.detail->agentId;
      if (shown.empty() || (selectedAgent_ && shown != *selectedAgent_)) {
        why = "no agent is selected yet";
        return Truth::NotYet;
      }
      if (c.kind == Condition::Kind::DetailLoaded && snap.detail->loading) {
        why = nameOf(snap, shown) + "'s interactions are still loading";
        return Truth::NotYet;
      }
      return Truth::Yes;
    }
    case Condition::Kind::Transcript: {
      const model::Transcript& t = *snap.transcript;
      if (openedConversation_ && t.conversationId != *openedConversation_) {
        why = "the transcript has not opened yet";
        return Truth::NotYet;
      }
      why = "the transcript is " + std::string(transcriptStateName(t.state)) + (t.note.empty() ? "" : " (" + t.note + ")");
      return t.state == c.transcript ? Truth::Yes : Truth::NotYet;
    }
    case Condition::Kind::Action: {
      if (!actionsAfter_) {
        why = "the script has not started an action";
        return Truth::Never;
      }
      const store::ActionRecord* newest = nullptr;
      for (const auto& record : *snap.actions)
        if (record.id > *actionsAfter_ && record.kind == actionKind_) newest = &record;
      if (!newest || newest->state == store::ActionState::Pending) {
        why = newest ? "'" + newest->label + "' is still pending" : "the action has not started yet";
        return Truth::NotYet;
      }
      why = "'" + newest->label + "' " + std::string(actionStateName(newest->state)) + ": " + newest->outcome;
      return newest->state == c.action ? Truth::Yes : Truth::Never;
    }
    case Condition::Kind::ToastContains: {
      for (const auto& toast : *snap.toasts)
        if (toast.text.find(c.text) != std::string::npos) return Truth::Yes;
      why = "no toast contains '" + c.text + "'";
      return Truth::NotYet;
    }
  }
  return Truth::Never;
}

const store::DetailState* Runner::loadedDetail(const store::Snapshot& snap, std::string& why) const {
  const std::string agentId = selectedAgent_ ? *selectedAgent_ : snap.detail->agentId;
  if (agentId.empty()) {
    why = "no agent is selected";
    return nullptr;
  }
  if (snap.detail->agentId != agentId) {
    why = nameOf(snap, agentId) + "'s detail has not opened yet";
    return nullptr;
  }
  if (snap.detail->loading) {
    why = nameOf(snap, agentId) + "'s interactions are still loading";
    return nullptr;
  }
  return snap.detail.get();
}

void Runner::startAction(const store::Snapshot& snap, store::ActionKind kind) {
  std::uint64_t newest = 0;
  for (const auto& record : *snap.actions) newest = std::max(newest, record.id);
  actionsAfter_ = newest;
  actionKind_ = kind;
}

Runner::Attempt Runner::run(const Wait& wait, const store::Snapshot&, store::IntentSink&, double now, Requests&) {
  return {now - lineStartedAt_ >= wait.seconds ? Outcome::Done : Outcome::NotYet, {}, false};
}

Runner::Attempt Runner::run(const WaitUntil& until, const store::Snapshot& snap, store::IntentSink&, double, Requests&) {
  std::string why;
  switch (evaluate(until.condition, snap, why)) {
    case Truth::Yes: return {Outcome::Done, {}, false};
    case Truth::NotYet: return {Outcome::NotYet, why, false};
    case Truth::Never: break;
  }
  return {Outcome::Failed, why, false};
}

Runner::Attempt Runner::run(const Expect& expect, const store::Snapshot& snap, store::IntentSink&, double, Requests&) {
  std::string why;
  if (evaluate(expect.condition, snap, why) == Truth::Yes) return {Outcome::Done, "ok", false};
  return {Outcome::Failed, why, false};
}

Runner::Attempt Runner::run(const Filter& filter, const store::Snapshot& snap, store::IntentSink& intents, double,
                            Requests&) {
  store::ViewSpec view = snap.view;
  view.text = filter.text;
  intents.send(store::SetView{view});
  viewText_ = filter.text;
  return {Outcome::Done, {}, true};
}

Runner::Attempt Runner::run(const SelectAgent& select, const store::Snapshot& snap, store::IntentSink& intents, double,
                            Requests&) {
  const model::Agent* chosen = nullptr;
  switch (select.how) {
    case SelectAgent::How::None:
      intents.send(store::SelectAgent{});
      selectedAgent_ = std::string();
      return {Outcome::Done, {}, true};
    case SelectAgent::How::ByIdOrName:
      chosen = agentByIdOrName(snap, select.who);
      if (!chosen) return {Outcome::NotYet, "no agent has the id or name '" + select.who + "'", false};
      break;
    case SelectAgent::How::FirstInteracting:
      if (viewText_ && snap.view.text != *viewText_) return {Outcome::NotYet, "the filter is not applied yet", false};
      for (const auto& id : *snap.agentRows) {
        const model::Agent* a = snap.agents.find(id);
        if (a && a->routing == model::RoutingStatus::Interacting &&
            a->media.active[static_cast<int>(model::Media::Call)] > 0) {
          chosen = a;
          break;
        }
      }
      if (!chosen) return {Outcome::NotYet, "no listed agent is INTERACTING on a call", false};
      break;
  }
  intents.send(store::SelectAgent{chosen->id});
  selectedAgent_ = chosen->id;
  return {Outcome::Done, "selected " + chosen->name + " (" + chosen->id + ")", true};
}

Runner::Attempt Runner::run(const JoinCall& join, const store::Snapshot& snap, store::IntentSink& intents, double,
                            Requests&) {
  std::string why;
  const store::DetailState* detail = loadedDetail(snap, why);
  if (!detail) return {Outcome::NotYet, why, false};
  for (const auto& conversationId : detail->conversationIds) {
    const model::Conversation* c = snap.conversations.find(conversationId);
    if (!c || !model::isLiveFor(*c, detail->agentId)) continue;
    startAction(snap, store::ActionKind::JoinCall);
    intents.send(store::JoinCall{conversationId, detail->agentId, join.mode});
    return {Outcome::Done, std::string(store::toString(join.mode)) + " " + nameOf(snap, detail->agentId) + " on " + conversationId,
            true};
  }
  return {Outcome::NotYet, nameOf(snap, detail->agentId) + " has no live call in the detail", false};
}

Runner::Attempt Runner::run(const BookCoaching& book, const store::Snapshot& snap, store::IntentSink& intents, double,
                            Requests&) {
  std::string why;
  const store::DetailState* detail = loadedDetail(snap, why);
  if (!detail) return {Outcome::NotYet, why, false};
  // Tied to the interaction on screen: the open one, else the agent's first.
  std::string conversationId = detail->openConversationId;
  if (conversationId.empty() && !detail->conversationIds.empty()) conversationId = detail->conversationIds.front();
  startAction(snap, store::ActionKind::BookCoaching);
  intents.send(store::BookCoaching{detail->agentId, conversationId, 0, book.minutes, book.note});
  return {Outcome::Done, "for " + nameOf(snap, detail->agentId) + (conversationId.empty() ? "" : " on " + conversationId),
          true};
}

Runner::Attempt Runner::run(const OpenTranscript&, const store::Snapshot& snap, store::IntentSink& intents, double,
                            Requests&) {
  std::string why;
  const store::DetailState* detail = loadedDetail(snap, why);
  if (!detail) return {Outcome::NotYet, why, false};
  if (detail->conversationIds.empty()) return {Outcome::NotYet, nameOf(snap, detail->agentId) + " has no interaction", false};
  const std::string& first = detail->conversationIds.front();
  intents.send(store::OpenConversation{first});
  openedConversation_ = first;
  return {Outcome::Done, first, true};
}

Runner::Attempt Runner::run(const RetryTranscript&, const store::Snapshot&, store::IntentSink& intents, double,
                            Requests&) {
  intents.send(store::RetryTranscript{});
  return {Outcome::Done, {}, true};
}

Runner::Attempt Runner::run(const AppointmentStatus& change, const store::Snapshot& snap, store::IntentSink& intents,
                            double, Requests&) {
  const std::string from(model::toString(change.from));
  const model::Appointment* target = nullptr;
  if (!change.appointmentId.empty()) {
    target = snap.appointments.find(change.appointmentId);
    if (!target) return {Outcome::NotYet, "no appointment " + change.appointmentId, false};
    if (target->status != change.from)
      return {Outcome::Failed, target->name + " is " + std::string(model::toString(target->status)) + ", not " + from, false};
  } else {
    // This panel's own bookings first, then the earliest.
    auto before = [](const model::Appointment& a, const model::Appointment& b) {
      if (a.bookedByThisPanel != b.bookedByThisPanel) return a.bookedByThisPanel;
      if (a.dateStart != b.dateStart) return a.dateStart < b.dateStart;
      return a.id < b.id;
    };
    snap.appointments.forEach([&](const model::Appointment& a) {
      if (a.status == change.from && (!target || before(a, *target))) target = &a;
    });
    if (!target) return {Outcome::NotYet, "no appointment is " + from, false};
  }
  startAction(snap, store::ActionKind::AppointmentStatus);
  intents.send(store::SetAppointmentStatus{target->id, change.to});
  return {Outcome::Done, target->name + " (" + target->id + ") to " + std::string(model::toString(change.to)), true};
}

const model::Agent* Runner::selectedAgent(const store::Snapshot& snap, std::string& why) const {
  const std::string id = selectedAgent_ ? *selectedAgent_ : snap.detail->agentId;
  if (id.empty()) {
    why = "no agent is selected";
    return nullptr;
  }
  const model::Agent* agent = snap.agents.find(id);
  if (!agent) why = "the selected agent " + id + " is not in the list yet";
  return agent;
}

Runner::Attempt Runner::sendChange(store::ChangeAgents change, const model::Agent& agent, const store::Snapshot& snap,
                                   store::IntentSink& intents, std::string what) {
  change.agents = {store::SeenAgent{agent.id, agent.presence, agent.routing}};
  startAction(snap, store::ActionKind::AgentChange);
  intents.send(std::move(change));
  return {Outcome::Done, what + " for " + agent.name, true};
}

Runner::Attempt Runner::run(const SetRoutingStatus& set, const store::Snapshot& snap, store::IntentSink& intents, double,
                            Requests&) {
  std::string why;
  const model::Agent* agent = selectedAgent(snap, why);
  if (!agent) return {Outcome::NotYet, why, false};
  store::ChangeAgents change;
  change.kind = set.onQueue ? store::AgentChangeKind::OnQueue : store::AgentChangeKind::OffQueue;
  return sendChange(std::move(change), *agent, snap, intents, set.onQueue ? "On Queue" : "Off Queue");
}

Runner::Attempt Runner::run(const SetPresence& set, const store::Snapshot& snap, store::IntentSink& intents, double,
                            Requests&) {
  std::string why;
  const model::Agent* agent = selectedAgent(snap, why);
  if (!agent) return {Outcome::NotYet, why, false};
  const auto& options = *snap.presenceOptions;
  const auto found = std::find_if(options.begin(), options.end(), [&](const store::PresenceOption& o) { return o.label == set.label; });
  if (found == options.end())
    return {options.empty() ? Outcome::NotYet : Outcome::Failed, "the org has no presence labelled '" + set.label + "'", false};
  store::ChangeAgents change;
  change.kind = store::AgentChangeKind::Presence;
  change.presenceDefinitionId = found->id;
  change.presenceLabel = found->label;
  return sendChange(std::move(change), *agent, snap, intents, "presence " + found->label);
}

Runner::Attempt Runner::run(const QueueMembership& membership, const store::Snapshot& snap, store::IntentSink& intents,
                            double, Requests&) {
  std::string why;
  const model::Agent* agent = selectedAgent(snap, why);
  if (!agent) return {Outcome::NotYet, why, false};
  const model::Queue* queue = nullptr;
  snap.queues.forEach([&](const model::Queue& q) {
    if (!queue && q.name == membership.queueName) queue = &q;
  });
  if (!queue) return {Outcome::NotYet, "no queue is named '" + membership.queueName + "'", false};
  store::ChangeAgents change;
  change.kind = store::AgentChangeKind::QueueMembership;
  change.queueId = queue->id;
  change.queueName = queue->name;
  change.activate = membership.activate;
  return sendChange(std::move(change), *agent, snap, intents,
                    std::string(membership.activate ? "activate " : "deactivate ") + queue->name);
}

Runner::Attempt Runner::run(const LogOutAgent&, const store::Snapshot& snap, store::IntentSink& intents, double,
                            Requests&) {
  std::string why;
  const model::Agent* agent = selectedAgent(snap, why);
  if (!agent) return {Outcome::NotYet, why, false};
  store::ChangeAgents change;
  change.kind = store::AgentChangeKind::LogOut;
  return sendChange(std::move(change), *agent, snap, intents, "log out");
}

Runner::Attempt Runner::run(const ExportHar& har, const store::Snapshot&, store::IntentSink& intents, double,
                            Requests&) {
  intents.send(store::ExportHar{har.path});
  return {Outcome::Done, {}, true};
}

Runner::Attempt Runner::run(const OverlayStep& step, const store::Snapshot&, store::IntentSink&, double,
                            Requests& requests) {
  requests.overlay.push_back(step);
  return {Outcome::Done, {}, false};
}

Runner::Attempt Runner::run(const Screenshot& shot, const store::Snapshot&, store::IntentSink&, double,
                            Requests& requests) {
  requests.screenshotPath = shot.path;
  return {Outcome::Done, {}, false};
}

Runner::Attempt Runner::run(const Exit&, const store::Snapshot&, store::IntentSink&, double, Requests& requests) {
  requests.exitCode = failures_.empty() ? 0 : kExitExpectationFailed;
  return {Outcome::Done, failures_.empty() ? "all expectations passed" : std::to_string(failures_.size()) + " failed",
          false};
}

}  // namespace app::script
