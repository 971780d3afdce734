// --script: the parser's grammar and errors, and the runner stepping over hand-made
// snapshots (what it sends, when it waits, when it fails and with which exit code).
#include "app/script.h"

#include <gtest/gtest.h>

#include <memory>

namespace {

using namespace app::script;

// [SECTION] Parsing

Command only(std::string_view text) {
  const ParseResult parsed = parse(text);
  EXPECT_TRUE(parsed.script) << parsed.error;
  if (!parsed.script || parsed.script->lines.size() != 1) {
    ADD_FAILURE() << "expected one command in: " << text;
    return Exit{};
  }
  return parsed.script->lines.front().command;
}

std::string errorOf(std::string_view text) {
  const ParseResult parsed = parse(text);
  EXPECT_FALSE(parsed.script) << "should not parse: " << text;
  return parsed.error;
}

void expectParsed(std::string_view text, const Command& want) { EXPECT_EQ(only(text), want) << text; }

TEST(ScriptParser, EveryCommand) {
  expectParsed("wait 2.5", Wait{2.5});
  expectParsed("filter Dana Ruiz", Filter{"Dana Ruiz"});
  expectParsed("filter", Filter{""});  // clears the filter
  expectParsed("select-agent first-interacting", SelectAgent{SelectAgent::How::FirstInteracting, ""});
  expectParsed("select-agent none", SelectAgent{SelectAgent::How::None, ""});
  expectParsed("select-agent Dana Ruiz", SelectAgent{SelectAgent::How::ByIdOrName, "Dana Ruiz"});
  expectParsed("monitor", JoinCall{store::JoinMode::Monitor});
  expectParsed("coach", JoinCall{store::JoinMode::Coach});
  expectParsed("barge", JoinCall{store::JoinMode::Barge});
  expectParsed("book-coaching", BookCoaching{30, ""});
  expectParsed("book-coaching 45 Review the refund, ticket#4", BookCoaching{45, "Review the refund, ticket#4"});
  expectParsed("book-coaching Talk about holds", BookCoaching{30, "Talk about holds"});
  expectParsed("open-transcript", OpenTranscript{});
  expectParsed("retry-transcript", RetryTranscript{});
  using model::AppointmentStatus::Completed, model::AppointmentStatus::InProgress, model::AppointmentStatus::Scheduled;
  expectParsed("appointment-status first Scheduled->InProgress", AppointmentStatus{"", Scheduled, InProgress});
  expectParsed("appointment-status appt-7 InProgress->Completed", AppointmentStatus{"appt-7", InProgress, Completed});
  expectParsed("export-har /tmp/panel run.har", ExportHar{"/tmp/panel run.har"});
  expectParsed("screenshot shot.png", Screenshot{"shot.png"});
  using Step = OverlayStep::Kind;
  expectParsed("overlay topics", OverlayStep{Step::Open, "topics", ""});
  expectParsed("overlay traffic websocket", OverlayStep{Step::Open, "traffic", "websocket"});
  expectParsed("overlay-search PUT subscriptions", OverlayStep{Step::Search, "PUT subscriptions", ""});
  expectParsed("overlay-select newest", OverlayStep{Step::SelectNewest, "", ""});
  expectParsed("overlay-copy-curl", OverlayStep{Step::CopyCurl, "", ""});
  expectParsed("exit", Exit{});
}

using Kind = Condition::Kind;
Condition condition(Kind kind) {
  Condition c;
  c.kind = kind;
  return c;
}

TEST(ScriptParser, ConditionsForWaitUntilAndExpect) {
  expectParsed("wait-until live", WaitUntil{condition(Kind::Live), 30});
  expectParsed("wait-until agent-selected within 5", WaitUntil{condition(Kind::AgentSelected), 5});
  expectParsed("wait-until detail-loaded within 0.5", WaitUntil{condition(Kind::DetailLoaded), 0.5});
  Condition ready = condition(Kind::Transcript);
  ready.transcript = model::TranscriptState::Ready;
  expectParsed("wait-until transcript ready within 20", WaitUntil{ready, 20});
  Condition failed = condition(Kind::Action);
  failed.action = store::ActionState::Failed;
  expectParsed("expect action failed", Expect{failed});
  Condition toast = condition(Kind::ToastContains);
  toast.text = "HAR written within";
  // Only the last "within N" is the timeout.
  expectParsed("wait-until toast-contains HAR written within within 3", WaitUntil{toast, 3});
}

TEST(ScriptParser, CommentsAndBlankLinesAreSkipped) {
  const ParseResult parsed = parse("# a demo\n\n   wait 1   # seconds\r\n\t# indented comment\nexit\n");
  ASSERT_TRUE(parsed.script) << parsed.error;
  ASSERT_EQ(parsed.script->lines.size(), 2u);
  EXPECT_EQ(parsed.script->lines[0].number, 3);
  EXPECT_EQ(parsed.script->lines[0].text, "wait 1");
  EXPECT_EQ(parsed.script->lines[1].number, 5);
}

TEST(ScriptParser, ErrorsNameTheLineAndWhatIsWrong) {
  EXPECT_EQ(errorOf("wait 1\n# c\n\nwait 2\nmonitor\nexit\nmoniter\n"), "line 7: unknown command 'moniter'");
  EXPECT_EQ(errorOf("wait 2.5s"), "line 1: wait: '2.5s' is not a number of seconds");
  EXPECT_EQ(errorOf("wait -1"), "line 1: wait: '-1' is not a number of seconds");
  EXPECT_EQ(errorOf("wait"), "line 1: wait: '' is not a number of seconds");
  EXPECT_EQ(errorOf("monitor now"), "line 1: monitor: unexpected 'now'");
  EXPECT_EQ(errorOf("wait-until transcript done"),
            "line 1: wait-until transcript: 'done' is not one of none, live, pending, ready, unavailable, failed");
  EXPECT_EQ(errorOf("expect action maybe"), "line 1: expect action: expected 'succeeded' or 'failed', not 'maybe'");
  EXPECT_EQ(errorOf("wait-until live within soon"), "line 1: wait-until within: 'soon' is not a number of seconds");
  EXPECT_NE(errorOf("wait-until sunrise").find("unknown condition 'sunrise'"), std::string::npos);
  EXPECT_EQ(errorOf("appointment-status first Completed->Scheduled"),
            "line 1: appointment-status: expected Scheduled->InProgress or InProgress->Completed, not "
            "'Completed->Scheduled'");
  EXPECT_EQ(errorOf("select-agent"), "line 1: select-agent: an agent (first-interacting, none, an id or a name) is missing");
  EXPECT_EQ(errorOf("screenshot"), "line 1: screenshot: the PNG path is missing");
  EXPECT_EQ(errorOf("book-coaching 0"), "line 1: book-coaching: minutes must be between 1 and 1440");
  EXPECT_EQ(errorOf("expect toast-contains"), "line 1: expect: the text is missing");
  EXPECT_EQ(errorOf("overlay network"), "line 1: overlay: expected traffic, topics, graphs or export, not 'network'");
  EXPECT_EQ(errorOf("overlay-select oldest"), "line 1: overlay-select: expected newest");
  EXPECT_EQ(errorOf("overlay topics rest"), "line 1: overlay: expected traffic all|rest|websocket|errors, not 'topics rest'");
}

TEST(ScriptParser, TheShippedDemoScriptParses) {
  const ParseResult parsed = load(std::string(PANEL_SOURCE_DIR) + "/assets/demo.script");
  ASSERT_TRUE(parsed.script) << parsed.error;
  EXPECT_EQ(parsed.script->lines.back().command, Command{Exit{}});
  EXPECT_FALSE(load("/nonexistent/panel.script").script);
}

// [SECTION] Running

class RecordingSink : public store::IntentSink {
 public:
  void send(store::Intent intent) override { sent.push_back(std::move(intent)); }
  std::vector<store::Intent> sent;
};

store::ActionRecord actionRecord(std::uint64_t id, store::ActionKind kind, std::string label, store::ActionState state,
                                 std::string outcome = {}) {
  store::ActionRecord r;
  r.id = id;
  r.kind = kind;
  r.label = std::move(label);
  r.state = state;
  r.outcome = std::move(outcome);
  return r;
}

// A small picture of the org that each test edits before stepping.
struct Screen {
  store::Snapshot snap;

  Screen() {
    addAgent("u-idle", "Ali Khan", model::RoutingStatus::Idle, 0);
    addAgent("u-chat", "Bea Chat", model::RoutingStatus::Interacting, 0);
    addAgent("u-dana", "Dana Ruiz", model::RoutingStatus::Interacting, 1);
    snap.agentRows = std::make_shared<std::vector<std::string>>(std::vector<std::string>{"u-idle", "u-chat", "u-dana"});
    link(store::LinkState::Live);
  }

  void addAgent(std::string id, std::string name, model::RoutingStatus routing, int calls) {
    model::Agent a;
    a.id = std::move(id);
    a.name = std::move(name);
    a.routing = routing;
    a.media.active[static_cast<int>(model::Media::Call)] = static_cast<std::uint16_t>(calls);
    snap.agents.upsert(a);
  }

  void link(store::LinkState state) {
    auto session = std::make_shared<store::SessionInfo>();
    session->link = state;
    snap.session = session;
  }

  void detail(std::string agentId, bool loading, std::vector<std::string> conversations = {}) {
    auto d = std::make_shared<store::DetailState>();
    d->agentId = std::move(agentId);
    d->loading = loading;
    d->conversationIds = std::move(conversations);
    snap.detail = d;
  }

  void liveCall(std::string id, std::string agentId) {
    model::Conversation c;
    c.id = std::move(id);
    model::Participant agent;
    agent.id = "p-agent";
    agent.purpose = model::Purpose::Agent;
    agent.userId = std::move(agentId);
    agent.communications.push_back({"call-1", model::Media::Call, model::CommState::Connected, false, "inbound", 1, 0, 0});
    c.participants.push_back(agent);
    snap.conversations.upsert(c);
  }

  void actions(std::vector<store::ActionRecord> records) {
    snap.actions = std::make_shared<std::vector<store::ActionRecord>>(std::move(records));
  }

  void transcript(std::string conversationId, model::TranscriptState state) {
    auto t = std::make_shared<model::Transcript>();
    t->conversationId = std::move(conversationId);
    t->state = state;
    snap.transcript = t;
  }
};

Runner runnerFor(std::string_view text) {
  ParseResult parsed = parse(text);
  EXPECT_TRUE(parsed.script) << parsed.error;
  return Runner(parsed.script ? std::move(*parsed.script) : Script{});
}

TEST(ScriptRunner, WaitUntilLiveHoldsTheScriptThenGoesOn) {
  Runner runner = runnerFor("wait-until live within 10\nfilter Dana\n");
  Screen screen;
  RecordingSink sink;
  screen.link(store::LinkState::Loading);
  runner.step(screen.snap, sink, 0.0);
  runner.step(screen.snap, sink, 5.0);
  EXPECT_TRUE(sink.sent.empty());
  screen.link(store::LinkState::Live);
  runner.step(screen.snap, sink, 6.0);
  ASSERT_EQ(sink.sent.size(), 1u);
  EXPECT_EQ(std::get<store::SetView>(sink.sent[0]).view.text, "Dana");
  EXPECT_TRUE(runner.finished());
  EXPECT_EQ(runner.exitCodeAtShutdown(), 0);
}

TEST(ScriptRunner, TimedOutWaitIsAFailureAndTheScriptGoesOn) {
  Runner runner = runnerFor("wait-until live within 10\nexit\n");
  Screen screen;
  RecordingSink sink;
  screen.link(store::LinkState::Reconnecting);
  EXPECT_FALSE(runner.step(screen.snap, sink, 0.0).exitCode);
  const Requests last = runner.step(screen.snap, sink, 10.5);
  ASSERT_TRUE(last.exitCode);
  EXPECT_EQ(*last.exitCode, kExitExpectationFailed);
  ASSERT_EQ(runner.failures().size(), 1u);
  EXPECT_NE(runner.failures()[0].find("line 1"), std::string::npos);
  EXPECT_NE(runner.failures()[0].find("reconnecting"), std::string::npos) << runner.failures()[0];
}

TEST(ScriptRunner, WaitCountsSecondsFromWhenItIsReached) {
  Runner runner = runnerFor("wait 2\nexit\n");
  Screen screen;
  RecordingSink sink;
  EXPECT_FALSE(runner.step(screen.snap, sink, 100.0).exitCode);
  EXPECT_FALSE(runner.step(screen.snap, sink, 101.9).exitCode);
  const Requests done = runner.step(screen.snap, sink, 102.0);
  ASSERT_TRUE(done.exitCode);
  EXPECT_EQ(*done.exitCode, 0);
}

TEST(ScriptRunner, FirstInteractingIsTheFirstListedAgentOnACall) {
  Runner runner = runnerFor("select-agent first-interacting\n");
  Screen screen;
  RecordingSink sink;
  runner.step(screen.snap, sink, 0.0);
  ASSERT_EQ(sink.sent.size(), 1u);
  EXPECT_EQ(std::get<store::SelectAgent>(sink.sent[0]).agentId, "u-dana") << "Bea interacts on a chat, not a call";
}

TEST(ScriptRunner, SelectByNameOrIdAndNone) {
  Runner runner = runnerFor("select-agent Ali Khan\nselect-agent u-chat\nselect-agent none\n");
  Screen screen;
  RecordingSink sink;
  for (double t = 0; t < 3; ++t) runner.step(screen.snap, sink, t);  // one intent per frame
  ASSERT_EQ(sink.sent.size(), 3u);
  EXPECT_EQ(std::get<store::SelectAgent>(sink.sent[0]).agentId, "u-idle");
  EXPECT_EQ(std::get<store::SelectAgent>(sink.sent[1]).agentId, "u-chat");
  EXPECT_EQ(std::get<store::SelectAgent>(sink.sent[2]).agentId, "");
}

TEST(ScriptRunner, MonitorWaitsForTheSelectedAgentsDetailAndJoinsTheLiveCall) {
  Runner runner = runnerFor("select-agent Dana Ruiz\nmonitor\nwait-until action succeeded\nexit\n");
  Screen screen;
  RecordingSink sink;
  screen.detail("u-idle", false);  // another agent's detail is still on screen
  runner.step(screen.snap, sink, 0.0);
  runner.step(screen.snap, sink, 0.1);
  ASSERT_EQ(sink.sent.size(), 1u) << "monitor must not act on the previous agent's detail";

  screen.detail("u-dana", true);
  runner.step(screen.snap, sink, 0.2);
  EXPECT_EQ(sink.sent.size(), 1u) << "still loading";

  using store::ActionKind, store::ActionState;
  const store::ActionRecord older = actionRecord(7, ActionKind::BookCoaching, "Book coaching for Ali Khan",
                                                 ActionState::Succeeded, "old");
  screen.actions({older});
  screen.liveCall("c-live", "u-dana");
  screen.detail("u-dana", false, {"c-ended", "c-live"});
  runner.step(screen.snap, sink, 0.3);
  ASSERT_EQ(sink.sent.size(), 2u);
  const auto& join = std::get<store::JoinCall>(sink.sent[1]);
  EXPECT_EQ(join.conversationId, "c-live");
  EXPECT_EQ(join.agentId, "u-dana");
  EXPECT_EQ(join.mode, store::JoinMode::Monitor);

  EXPECT_FALSE(runner.step(screen.snap, sink, 0.4).exitCode) << "an older succeeded action is not this one";
  const store::ActionRecord lateOther = actionRecord(8, ActionKind::BookCoaching, "Book coaching for Ali Khan",
                                                     ActionState::Failed, "sent before, shown late");
  screen.actions({older, lateOther});
  EXPECT_FALSE(runner.step(screen.snap, sink, 0.45).exitCode) << "another kind of action is not the monitor";
  screen.actions({older, lateOther, actionRecord(9, ActionKind::JoinCall, "Monitor Dana Ruiz", ActionState::Pending)});
  EXPECT_FALSE(runner.step(screen.snap, sink, 0.5).exitCode);
  screen.actions({older, lateOther,
                  actionRecord(9, ActionKind::JoinCall, "Monitor Dana Ruiz", ActionState::Succeeded, "Listening")});
  const Requests done = runner.step(screen.snap, sink, 0.6);
  ASSERT_TRUE(done.exitCode);
  EXPECT_EQ(*done.exitCode, 0);
}

TEST(ScriptRunner, ActionThatEndedOtherwiseFailsAtOnce) {
  Runner runner = runnerFor("book-coaching 15 talk\nwait-until action succeeded within 60\nexit\n");
  Screen screen;
  RecordingSink sink;
  screen.detail("u-dana", false, {"c-1"});
  runner.step(screen.snap, sink, 0.0);
  ASSERT_EQ(sink.sent.size(), 1u);
  const auto& book = std::get<store::BookCoaching>(sink.sent[0]);
  EXPECT_EQ(book.agentId, "u-dana");
  EXPECT_EQ(book.conversationId, "c-1");
  EXPECT_EQ(book.lengthInMinutes, 15);
  EXPECT_EQ(book.note, "talk");

  screen.actions({actionRecord(3, store::ActionKind::BookCoaching, "Book coaching for Dana Ruiz",
                               store::ActionState::Failed, "Conflict with another appointment")});
  const Requests done = runner.step(screen.snap, sink, 1.0);
  ASSERT_TRUE(done.exitCode);
  EXPECT_EQ(*done.exitCode, kExitExpectationFailed);
  EXPECT_NE(runner.failures().at(0).find("Conflict"), std::string::npos);
}

TEST(ScriptRunner, MonitorWithoutALiveCallFailsAfterAWhile) {
  Runner runner = runnerFor("monitor\nexit\n");
  Screen screen;
  RecordingSink sink;
  screen.detail("u-idle", false);
  EXPECT_FALSE(runner.step(screen.snap, sink, 0.0).exitCode);
  const Requests done = runner.step(screen.snap, sink, 60.0);
  EXPECT_TRUE(sink.sent.empty());
  ASSERT_TRUE(done.exitCode);
  EXPECT_EQ(*done.exitCode, kExitExpectationFailed);
  EXPECT_NE(runner.failures().at(0).find("no live call"), std::string::npos) << runner.failures().at(0);
}

TEST(ScriptRunner, TranscriptExpectationsFollowTheOpenedInteraction) {
  Runner runner = runnerFor("open-transcript\nwait-until transcript live\nexpect transcript ready\nexit\n");
  Screen screen;
  RecordingSink sink;
  screen.detail("u-dana", false, {"c-1", "c-2"});
  screen.transcript("c-old", model::TranscriptState::Live);
  runner.step(screen.snap, sink, 0.0);
  ASSERT_EQ(sink.sent.size(), 1u);
  EXPECT_EQ(std::get<store::OpenConversation>(sink.sent[0]).conversationId, "c-1");

  runner.step(screen.snap, sink, 0.1);
  EXPECT_FALSE(runner.finished()) << "the previous interaction's live transcript does not count";
  screen.transcript("c-1", model::TranscriptState::Live);
  const Requests done = runner.step(screen.snap, sink, 0.2);
  ASSERT_TRUE(done.exitCode);
  EXPECT_EQ(*done.exitCode, kExitExpectationFailed) << "expect checks at once: it is live, not ready";
}

TEST(ScriptRunner, AppointmentStatusPicksThisPanelsEarliestBooking) {
  Runner runner = runnerFor("appointment-status first Scheduled->InProgress\nappointment-status a-done InProgress->Completed\n");
  Screen screen;
  RecordingSink sink;
  auto add = [&](std::string id, model::AppointmentStatus status, model::TimeMs start, bool ours) {
    model::Appointment a;
    a.id = std::move(id);
    a.name = "Coaching " + a.id;
    a.status = status;
    a.dateStart = start;
    a.bookedByThisPanel = ours;
    screen.snap.appointments.upsert(a);
  };
  add("a-someone-elses", model::AppointmentStatus::Scheduled, 100, false);
  add("a-ours-late", model::AppointmentStatus::Scheduled, 300, true);
  add("a-ours-early", model::AppointmentStatus::Scheduled, 200, true);
  add("a-done", model::AppointmentStatus::Completed, 50, true);
  runner.step(screen.snap, sink, 0.0);
  ASSERT_EQ(sink.sent.size(), 1u);
  EXPECT_EQ(std::get<store::SetAppointmentStatus>(sink.sent[0]).appointmentId, "a-ours-early");
  EXPECT_EQ(std::get<store::SetAppointmentStatus>(sink.sent[0]).status, model::AppointmentStatus::InProgress);

  runner.step(screen.snap, sink, 0.1);
  EXPECT_EQ(sink.sent.size(), 1u);
  EXPECT_NE(runner.failures().at(0).find("is Completed, not InProgress"), std::string::npos);
}

TEST(ScriptRunner, ScreenshotHarAndExitRequests) {
  Runner runner = runnerFor("export-har out.har\nscreenshot shot.png\nexpect toast-contains HAR written\nexit\n");
  Screen screen;
  RecordingSink sink;
  runner.step(screen.snap, sink, 0.0);
  ASSERT_EQ(sink.sent.size(), 1u);
  EXPECT_EQ(std::get<store::ExportHar>(sink.sent[0]).path, "out.har");
  const Requests shot = runner.step(screen.snap, sink, 0.1);
  EXPECT_EQ(shot.screenshotPath, "shot.png");
  EXPECT_FALSE(shot.exitCode) << "the screenshot is of the next frame, before anything else";

  screen.snap.toasts = std::make_shared<std::vector<store::Toast>>(
      std::vector<store::Toast>{{1, store::ToastLevel::Success, "Redacted HAR written to out.har", 0}});
  const Requests done = runner.step(screen.snap, sink, 0.2);
  ASSERT_TRUE(done.exitCode);
  EXPECT_EQ(*done.exitCode, 0);
  EXPECT_TRUE(done.screenshotPath.empty());
}

TEST(ScriptRunner, UnfinishedScriptAtShutdownIsAFailure) {
  Runner runner = runnerFor("wait 100\nexit\n");
  Screen screen;
  RecordingSink sink;
  runner.step(screen.snap, sink, 0.0);
  EXPECT_EQ(runner.exitCodeAtShutdown(), kExitExpectationFailed);
  EXPECT_NE(runner.failures().at(0).find("line 1 'wait 100'"), std::string::npos);
}

}  // namespace
