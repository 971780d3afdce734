#include <gtest/gtest.h>

#include "headless.h"
#include "store/agent_rows.h"
#include "ui/ui.h"

namespace {

using model::RoutingStatus;

constexpr model::TimeMs kNow = 1'800'000'000'000;

model::Agent makeAgent(int i, RoutingStatus routing = RoutingStatus::Idle) {
  model::Agent a;
  a.id = "agent-" + std::to_string(i);
  a.name = "Agent " + std::to_string(100000 + i);
  a.presence = model::Presence::OnQueue;
  a.routing = routing;
  a.routingSince = kNow - 65'000;
  a.queueIds = {"q1"};
  return a;
}

// A snapshot built by hand, as the store would publish it.
std::shared_ptr<store::Snapshot> snapshotWithAgents(int count) {
  auto snap = std::make_shared<store::Snapshot>();
  auto rows = std::make_shared<std::vector<std::string>>();
  for (int i = 0; i < count; ++i) {
    snap->agents.upsert(makeAgent(i));
    rows->push_back("agent-" + std::to_string(i));
  }
  snap->agentRows = rows;
  model::Queue q;
  q.id = "q1";
  q.name = "Sales";
  q.waiting = 4;
  q.longestWaitingSince = kNow - 133'000;
  q.serviceLevel = 0.87;
  q.serviceLevelTarget = 0.8;
  q.serviceLevelRead = true;
  snap->queues.upsert(q);
  snap->queueOrder = std::make_shared<std::vector<std::string>>(std::vector<std::string>{"q1"});
  return snap;
}

// Agent 0 opened in the detail, on a live inbound call (conv-1) that another supervisor monitors.
std::shared_ptr<store::Snapshot> snapshotWithLiveCall(model::Conversation& c) {
  auto snap = snapshotWithAgents(2);
  c.id = "conv-1";
  c.startTime = kNow - 271'000;
  model::Participant customer;
  customer.id = "p-cust";
  customer.purpose = model::Purpose::Customer;
  customer.name = "J.";
  customer.address = "***-***-4411";
  model::Participant agentP;
  agentP.id = "p-agent";
  agentP.purpose = model::Purpose::Agent;
  agentP.userId = "agent-0";
  agentP.connectedTime = kNow - 271'000;
  agentP.queueId = "q1";
  model::Communication call;
  call.id = "call-1";
  call.state = model::CommState::Connected;
  call.direction = "inbound";
  agentP.communications.push_back(call);
  model::Participant monitor;
  monitor.id = "p-mon";
  monitor.purpose = model::Purpose::Monitor;
  monitor.name = "Other Supervisor";
  monitor.monitoredParticipantId = "p-agent";
  c.participants = {customer, agentP, monitor};
  snap->conversations.upsert(c);
  store::DetailState detail;
  detail.agentId = "agent-0";
  detail.conversationIds = {"conv-1"};
  snap->detail = std::make_shared<store::DetailState>(detail);

  return snap;
}

struct ViewFixture : ::testing::Test {
  uitest::HeadlessImGui imgui;
  uitest::RecordingSink sink;
  model::Thresholds limits;

  std::string drawDesk(const store::Snapshot& snap, ui::DeskUi& desk) {
    return imgui.frame([&] {
      const ui::Frame f{snap, sink, kNow, 0.0, limits};
      ui::drawDesk(f, desk, {});
    });
  }
};

TEST_F(ViewFixture, BrowseShowsAgentsWithStatusTimeAndQueue) {
  auto snap = snapshotWithAgents(3);
  snap->agents.modify("agent-1", [](model::Agent& a) { a.routing = RoutingStatus::NotResponding; });
  ui::DeskUi desk;
  const std::string text = drawDesk(*snap, desk);
  EXPECT_NE(text.find("Agent 100000"), std::string::npos);
  EXPECT_NE(text.find("NOT_RESPONDING"), std::string::npos);
  EXPECT_NE(text.find("1:05"), std::string::npos) << "time in status is a live clock";
  EXPECT_NE(text.find("Sales"), std::string::npos);
  EXPECT_NE(text.find("3 agents"), std::string::npos);
  EXPECT_NE(text.find("waiting 4"), std::string::npos);
  EXPECT_NE(text.find("2:13"), std::string::npos) << "longest waiting in the queue strip";
  EXPECT_NE(text.find("SL 87%"), std::string::npos) << text;
}

// The frame pacing's question: does a newer snapshot change anything this frame showed?
TEST_F(ViewFixture, OnlyAChangeToSomethingShownIsAVisibleChange) {
  auto drawn = snapshotWithAgents(2000);
  ui::DeskUi desk;
  ui::FrameReport report;
  imgui.frame([&] {
    const ui::Frame f{*drawn, sink, kNow, 0.0, limits, &report};
    ui::drawDesk(f, desk, {});
  });
  ASSERT_FALSE(report.agentIds.empty());
  EXPECT_LT(report.agentIds.size(), 200u) << "only the rows on screen";
  EXPECT_FALSE(report.flatFills.empty()) << "the panels' backgrounds are painted by the shell";

  auto next = std::make_shared<store::Snapshot>(*drawn);
  EXPECT_FALSE(ui::visibleChange(report, *drawn, *next)) << "a copy shares everything";
  next->agents.modify("agent-1999", [](model::Agent& a) { a.routing = RoutingStatus::Interacting; });
  EXPECT_FALSE(ui::visibleChange(report, *drawn, *next)) << "an agent far below the fold";
  next->agents.modify(report.agentIds.front(), [](model::Agent& a) { a.routing = RoutingStatus::Interacting; });
  EXPECT_TRUE(ui::visibleChange(report, *drawn, *next)) << "an agent on screen";

  auto queueChanged = std::make_shared<store::Snapshot>(*drawn);
  queueChanged->queues.modify("q1", [](model::Queue& q) { q.waiting = 9; });
  EXPECT_TRUE(ui::visibleChange(report, *drawn, *queueChanged)) << "the queue strip is always shown";
}

TEST_F(ViewFixture, TenThousandRowsDrawOnlyTheVisibleOnes) {
  auto small = snapshotWithAgents(1000);
  auto large = snapshotWithAgents(10000);
  ui::DeskUi desk;
  drawDesk(*small, desk);
  drawDesk(*small, desk);
  const int smallVertices = imgui.lastVertexCount();
  ui::DeskUi desk2;
  drawDesk(*large, desk2);
  const std::string text = drawDesk(*large, desk2);
  const int largeVertices = imgui.lastVertexCount();
  EXPECT_NE(text.find("Agent 100000"), std::string::npos);
  EXPECT_EQ(text.find("Agent 109999"), std::string::npos) << "rows far below the fold are clipped";
  EXPECT_NEAR(largeVertices, smallVertices, smallVertices * 0.05) << "10,000 rows cost what 1,000 do";
}

TEST_F(ViewFixture, KeyboardSelectsTheRowUnderTheCursor) {
  auto snap = snapshotWithAgents(5);
  ui::DeskUi desk;
  drawDesk(*snap, desk);
  imgui.pressKeys({GLFW_KEY_DOWN});
  drawDesk(*snap, desk);
  drawDesk(*snap, desk);
  imgui.pressKeys({GLFW_KEY_ENTER});
  drawDesk(*snap, desk);
  ASSERT_EQ(sink.sent.size(), 1u);
  const auto* select = std::get_if<store::SelectAgent>(&sink.sent[0]);
  ASSERT_NE(select, nullptr);
  EXPECT_EQ(select->agentId, "agent-1");
}

TEST_F(ViewFixture, StaleLinkSaysSoAndOffersSignIn) {
  auto snap = snapshotWithAgents(2);
  store::SessionInfo session;
  session.userName = "Sam Supervisor";
  session.link = store::LinkState::Stale;
  session.staleSince = kNow - 60'000;
  snap->session = std::make_shared<store::SessionInfo>(session);
  ui::DeskUi desk;
  const std::string text = drawDesk(*snap, desk);
  EXPECT_NE(text.find("STALE since"), std::string::npos);
  EXPECT_NE(text.find("Sign in again"), std::string::npos) << text;
  EXPECT_NE(text.find("Sam Supervisor"), std::string::npos);
}

TEST_F(ViewFixture, DetailShowsLiveCallWithMaskedCustomerAndOtherSupervisors) {
  model::Conversation c;
  auto snap = snapshotWithLiveCall(c);
  ui::DeskUi desk;
  const std::string text = drawDesk(*snap, desk);
  EXPECT_NE(text.find("Call · inbound · Sales · 4:31"), std::string::npos) << text;
  EXPECT_NE(text.find("***-***-4411"), std::string::npos);
  EXPECT_NE(text.find("Other Supervisor monitoring"), std::string::npos);
  EXPECT_NE(text.find("Monitor"), std::string::npos);
  EXPECT_EQ(text.find("no longer connected"), std::string::npos);

  // The same call after it ended: live actions are refused on screen.
  c.endTime = kNow - 1000;
  snap->conversations.upsert(c);
  const std::string ended = drawDesk(*snap, desk);
  EXPECT_NE(ended.find("no longer connected"), std::string::npos);
}

// Every action of the opened agent has a key (issue 12): M monitors their live call, T opens
// its transcript, 3 switches to the first queue's view, Esc closes the agent, F1 lists the keys.
TEST_F(ViewFixture, KeysActOnTheOpenedAgentAndTheView) {
  model::Conversation c;
  auto snap = snapshotWithLiveCall(c);
  ui::DeskUi desk;
  drawDesk(*snap, desk);
  auto press = [&](int key) {
    sink.sent.clear();
    imgui.pressKeys({key});
    drawDesk(*snap, desk);
  };
  press(GLFW_KEY_M);
  ASSERT_EQ(sink.sent.size(), 1u);
  const auto* join = std::get_if<store::JoinCall>(&sink.sent[0]);
  ASSERT_NE(join, nullptr);
  EXPECT_EQ(join->conversationId, "conv-1");
  EXPECT_EQ(join->mode, store::JoinMode::Monitor);
  press(GLFW_KEY_T);
  ASSERT_EQ(sink.sent.size(), 1u);
  EXPECT_EQ(std::get<store::OpenConversation>(sink.sent[0]).conversationId, "conv-1");
  press(GLFW_KEY_3);
  ASSERT_EQ(sink.sent.size(), 1u);
  const auto& view = std::get<store::SetView>(sink.sent[0]).view;
  EXPECT_EQ(view.scope, store::AgentScope::Queue);
  EXPECT_EQ(view.queueId, "q1");
  model::Appointment later, sooner;
  later.id = "appt-later";
  later.dateStart = kNow + 7'200'000;
  sooner.id = "appt-sooner";
  sooner.dateStart = kNow + 3'600'000;
  later.status = sooner.status = model::AppointmentStatus::Scheduled;
  snap->appointments.upsert(later);
  snap->appointments.upsert(sooner);
  press(GLFW_KEY_S);
  ASSERT_EQ(sink.sent.size(), 1u);
  const auto& started = std::get<store::SetAppointmentStatus>(sink.sent[0]);
  EXPECT_EQ(started.appointmentId, "appt-sooner") << "S starts the soonest open appointment";
  EXPECT_EQ(started.status, model::AppointmentStatus::InProgress);
  press(GLFW_KEY_ESCAPE);
  ASSERT_EQ(sink.sent.size(), 1u);
  EXPECT_TRUE(std::get<store::SelectAgent>(sink.sent[0]).agentId.empty()) << "Esc closes the opened agent";
  press(GLFW_KEY_F1);
  EXPECT_TRUE(desk.showKeys);
  EXPECT_NE(drawDesk(*snap, desk).find("monitor / coach / barge"), std::string::npos);
}

// A saved view from the config file: its number key applies it, the queue found by name.
TEST_F(ViewFixture, SavedViewsSwitchWithTheirNumberKey) {
  auto snap = snapshotWithAgents(3);
  ui::DeskUi desk;
  ui::SavedView idleSales{.name = "Sales, idle", .queueName = "Sales"};
  idleSales.view.routingFilter = static_cast<int>(RoutingStatus::Idle);
  idleSales.view.text = "agent";
  desk.browse.savedViews = {idleSales};
  drawDesk(*snap, desk);
  sink.sent.clear();
  imgui.pressKeys({GLFW_KEY_1});
  drawDesk(*snap, desk);
  ASSERT_EQ(sink.sent.size(), 1u);
  const auto& view = std::get<store::SetView>(sink.sent[0]).view;
  EXPECT_EQ(view.scope, store::AgentScope::Queue);
  EXPECT_EQ(view.queueId, "q1");
  EXPECT_EQ(view.routingFilter, static_cast<int>(RoutingStatus::Idle));
  EXPECT_STREQ(desk.browse.filter, "agent") << "the filter box shows the view's text";
  sink.sent.clear();
  imgui.pressKeys({GLFW_KEY_2});
  drawDesk(*snap, desk);
  EXPECT_TRUE(sink.sent.empty()) << "no second saved view: key 2 does nothing";
}

std::vector<store::TrafficRow> sampleTraffic() {
  store::TrafficRow ok;
  ok.at = kNow - 3000;
  ok.kind = "REST";
  ok.method = "GET";
  ok.path = "/api/v2/users?pageSize=500";
  ok.url = "https://api.mypurecloud.ie/api/v2/users?pageSize=500";
  ok.status = 200;
  ok.responseBody = R"({"entities":[{"name":"Dana Ruiz"}]})";
  store::TrafficRow failed = ok;
  failed.at = kNow - 2000;
  failed.method = "POST";
  failed.path = "/api/v2/analytics/conversations/activity/query";
  failed.url = "https://api.mypurecloud.ie" + failed.path;
  failed.status = 503;
  failed.responseBody = R"({"code":"service.unavailable"})";
  failed.requestBody = R"({"note":"it's"})";
  store::TrafficRow event;
  event.at = kNow - 1000;
  event.kind = "WS";
  event.method = "in";
  event.path = "v2.users.u1.activity";
  event.responseBody = R"({"eventBody":{"routingStatus":{"status":"IDLE"}}})";
  return {ok, failed, event};
}

// The debug overlay drawn headless over a snapshot of one agent: draw() runs one frame and
// returns the text it drew.
struct OverlayHarness {
  uitest::HeadlessImGui imgui;
  uitest::RecordingSink sink;
  model::Thresholds limits;
  std::shared_ptr<store::Snapshot> snap = snapshotWithAgents(1);
  ui::OverlayUi overlay;
  std::string draw() { return draw(overlay); }
  std::string draw(ui::OverlayUi& state) {  // another overlay's state (one ImGui context at a time)
    return imgui.frame([&] { ui::drawDebugOverlay(ui::Frame{*snap, sink, kNow, 0.0, limits}, state, {}, nullptr); });
  }
};

// A received message the panel could not decode is an error; its detail names its channel.
TEST(DebugOverlay, AnUndecodableMessageIsListedUnderErrorsWithItsChannel) {
  auto rows = sampleTraffic();
  store::TrafficRow cut = rows[2];
  cut.path = "v2.users.u2.activity";
  cut.responseBody = R"({"topicName":"v2.users.u2.activity","eventBo)";
  cut.undecoded = true;
  cut.socket = 3;
  cut.channel = "streaming-0-5f2c";
  rows.push_back(cut);
  using Kind = ui::OverlayUi::Kind;
  EXPECT_TRUE(ui::trafficRowMatches(cut, Kind::Errors, ""));
  EXPECT_FALSE(ui::trafficRowMatches(rows[2], Kind::Errors, "")) << "a message that decoded is no error";
  EXPECT_TRUE(ui::trafficRowMatches(cut, Kind::All, "5f2c")) << "found by its channel id";

  OverlayHarness h;
  h.snap->traffic = std::make_shared<store::TrafficRows>(rows);
  h.overlay.kind = Kind::Errors;
  h.overlay.selectNewest = true;
  const std::string text = h.draw();
  EXPECT_NE(text.find("v2.users.u2.activity"), std::string::npos) << text;
  EXPECT_NE(text.find("bad"), std::string::npos) << text;
  EXPECT_NE(text.find("channel streaming-0-5f2c · socket #3"), std::string::npos) << text;
  EXPECT_NE(text.find("could not decode"), std::string::npos) << text;
}

// A capture that grew (and lost its oldest chunk) is filtered only in its new rows, with the
// same result as filtering it anew; a row changed in place (marked undecoded) is seen too.
TEST(DebugOverlay, AGrowingCaptureIsFilteredIncrementallyAsIfAnew) {
  auto numbered = [](std::uint64_t first, std::size_t count) {
    std::vector<store::TrafficRow> rows(count);
    for (std::size_t i = 0; i < count; ++i) {
      rows[i].sequence = first + i;
      rows[i].at = kNow - 100'000 + static_cast<model::TimeMs>(first + i);
      rows[i].kind = "WS";
      rows[i].method = "in";
      rows[i].path = "v2.users.u" + std::to_string((first + i) % 7) + ".activity";
    }
    return rows;
  };
  store::TrafficRows capture(numbered(1, 2000));
  OverlayHarness growing;
  ui::typeOverlaySearch(growing.overlay, "u3.");
  growing.snap->traffic = std::make_shared<store::TrafficRows>(capture);
  growing.draw();
  capture.append(numbered(2001, 1500), 2500);  // 3,500 rows over a bound of 2,500: a chunk goes
  ASSERT_GT(capture.firstIndex(), 0u);
  growing.snap->traffic = std::make_shared<store::TrafficRows>(capture);
  growing.draw();
  ui::OverlayUi fresh;
  ui::typeOverlaySearch(fresh, "u3.");
  growing.draw(fresh);
  EXPECT_EQ(growing.overlay.visible, fresh.visible);
  EXPECT_EQ(growing.overlay.visible.front(), 3495u) << "sequence 3496 is the newest on u3";

  growing.overlay.kind = ui::OverlayUi::Kind::Errors;
  ui::typeOverlaySearch(growing.overlay, "");
  growing.draw();
  EXPECT_TRUE(growing.overlay.visible.empty());
  capture.markUndecoded(3000);
  growing.snap->traffic = std::make_shared<store::TrafficRows>(capture);
  growing.draw();
  EXPECT_EQ(growing.overlay.visible, std::vector<std::size_t>{2999}) << "the mark made the row an error";
}

// Asked to select the newest row before any came (the overlay just opened): done once they do.
TEST(DebugOverlay, SelectingTheNewestWaitsForTheFirstRows) {
  OverlayHarness h;
  h.overlay.selectNewest = true;
  const std::string empty = h.draw();
  EXPECT_NE(empty.find("Collecting"), std::string::npos) << empty;
  EXPECT_TRUE(h.overlay.selectNewest) << "still asked";
  h.snap->traffic = std::make_shared<store::TrafficRows>(sampleTraffic());
  h.draw();
  EXPECT_FALSE(h.overlay.selectNewest);
  EXPECT_EQ(h.overlay.selected, 2) << "the newest row";
}

// A REST row answered 200 now, for the tests that need only one.
store::TrafficRow restRow(std::string method, std::string path) {
  store::TrafficRow row;
  row.at = kNow;
  row.kind = "REST";
  row.method = std::move(method);
  row.path = std::move(path);
  row.status = 200;
  return row;
}

// The overlay's table: kind filters, a search through bodies, errors only.
TEST(DebugOverlay, KindFiltersAndSearchPickTheRows) {
  const auto rows = sampleTraffic();
  using Kind = ui::OverlayUi::Kind;
  auto matching = [&](Kind kind, std::string_view search) {
    std::string paths;
    for (const auto& row : rows)
      if (ui::trafficRowMatches(row, kind, search)) paths += row.path + ";";
    return paths;
  };
  EXPECT_EQ(matching(Kind::Errors, ""), "/api/v2/analytics/conversations/activity/query;");
  EXPECT_EQ(matching(Kind::WebSocket, ""), "v2.users.u1.activity;");
  EXPECT_EQ(matching(Kind::Rest, "dana"), "/api/v2/users?pageSize=500;") << "searched in the response body";
  EXPECT_EQ(matching(Kind::All, "IDLE"), "v2.users.u1.activity;");

  OverlayHarness h;
  h.snap->traffic = std::make_shared<store::TrafficRows>(rows);
  h.overlay.kind = Kind::Errors;
  const std::string text = h.draw();
  EXPECT_NE(text.find("activity/query"), std::string::npos) << text;
  EXPECT_EQ(text.find("pageSize=500"), std::string::npos) << "only errors listed";

  h.overlay.selected = 1;  // the failed POST: its detail, body as a tree
  const std::string detail = h.draw();
  EXPECT_NE(detail.find("code: \"service.unavailable\""), std::string::npos) << detail;
  EXPECT_NE(detail.find("Copy as cURL"), std::string::npos);
  h.overlay.bodiesAsText = true;
  const std::string text2 = h.draw();
  EXPECT_NE(text2.find("\"code\": \"service.unavailable\""), std::string::npos) << "pretty-printed text";
}

// What a script's overlay steps do: a tab by name, its own search, the newest row, Copy as cURL.
TEST(DebugOverlay, ScriptStepsOpenSearchSelectAndCopy) {
  ui::OverlayUi overlay;
  EXPECT_FALSE(ui::openOverlayTab(overlay, "network"));
  ASSERT_TRUE(ui::openOverlayTab(overlay, "topics"));
  EXPECT_TRUE(ui::setOverlayKind(overlay, "websocket"));
  EXPECT_EQ(overlay.kind, ui::OverlayUi::Kind::WebSocket);
  EXPECT_FALSE(ui::setOverlayKind(overlay, "web"));
  ui::typeOverlaySearch(overlay, "agent-2");
  EXPECT_STREQ(overlay.topicSearch, "agent-2") << "the tab being opened takes the search";
  EXPECT_STREQ(overlay.search, "");

  auto snap = snapshotWithAgents(1);
  auto rows = sampleTraffic();
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].sequence = 10 + i;
  snap->traffic = std::make_shared<store::TrafficRows>(rows);
  OverlayHarness h;
  h.snap = snap;
  ui::OverlayUi traffic;
  ui::typeOverlaySearch(traffic, "activity/query");
  traffic.selectNewest = true;
  traffic.copyCurlNow = true;
  const std::string text = h.draw(traffic);
  EXPECT_EQ(traffic.selected, 1) << "the newest row the search shows";
  EXPECT_EQ(ui::shownSequences(traffic), std::vector<std::uint64_t>{11}) << "what Export of the filtered view sends";
  EXPECT_EQ(traffic.copied, ui::curlCommand(snap->traffic->at(1)));
  EXPECT_NE(text.find("$GENESYS_TOKEN"), std::string::npos) << "the command is shown: " << text;
}

// A received event's detail says what it did; a retried request lists its attempts.
TEST(DebugOverlay, DetailShowsAnEventsOutcomeAndARequestsAttempts) {
  auto snap = snapshotWithAgents(1);
  auto rows = sampleTraffic();
  rows[2].sequence = 42;
  store::TrafficRow first = rows[1], second = rows[1];  // the failed POST, attempted three times
  first.status = 503;
  first.at = kNow - 5000;
  first.latencyMs = 100;
  first.retries = 0;
  second.at = kNow - 3000;
  second.retries = 1;
  second.status = 429;
  rows[1].retries = 2;
  rows[1].waitingMs = 12.5;
  rows.insert(rows.begin() + 1, {first, second});  // rows[3] is the last attempt now
  snap->traffic = std::make_shared<store::TrafficRows>(rows);
  snap->eventOutcomes = std::make_shared<std::vector<store::EventOutcome>>(
      std::vector<store::EventOutcome>{{42, "agent activity · Agent 100000: routing IDLE → INTERACTING"}});
  OverlayHarness h;
  h.snap = snap;
  ui::OverlayUi overlay;
  auto draw = [&] { return h.draw(overlay); };
  overlay.selected = 4;  // the event
  std::string text = draw();
  EXPECT_NE(text.find("What it did: agent activity · Agent 100000: routing IDLE → INTERACTING"), std::string::npos)
      << text;
  overlay.selected = 3;  // the third attempt
  text = draw();
  EXPECT_NE(text.find("attempt 1: 503"), std::string::npos) << text;
  EXPECT_NE(text.find("then waited 1900 ms"), std::string::npos) << "5 s before, 100 ms long, next at 3 s before";
  EXPECT_NE(text.find("attempt 2: 429"), std::string::npos);
  EXPECT_NE(text.find("attempt 3: 503"), std::string::npos);
  EXPECT_NE(text.find("connect + TLS reused connection · request to response header 12.5 ms"), std::string::npos)
      << "where the attempt's time went";
}

// A 50 KB request body (a subscription PUT of hundreds of topics) and its cURL command stay
// within one draw list's 65,536 vertices, as text and as a tree.
TEST(DebugOverlay, LargeBodiesAndTheirCurlCommandDrawWithinImGuisLimits) {
  std::string body = "[";
  for (int i = 0; i < 600; ++i) body += (i ? "," : "") + std::string(R"({"id":"v2.users.0000-)") + std::to_string(i) + R"(.activity"})";
  body += "]";
  ASSERT_GT(body.size(), 20'000u);
  store::TrafficRow put = restRow("PUT", "/api/v2/notifications/channels/c1/subscriptions");
  put.requestBody = body;
  put.responseBody = R"({"entities":)" + body + "}";
  auto snap = snapshotWithAgents(1);
  snap->traffic = std::make_shared<store::TrafficRows>(std::vector<store::TrafficRow>{put});
  OverlayHarness h;
  h.snap = snap;
  for (const bool asText : {false, true}) {
    ui::OverlayUi overlay;
    overlay.selected = 0;
    overlay.copyCurlNow = true;
    overlay.bodiesAsText = asText;
    const std::string text = h.draw(overlay);
    EXPECT_EQ(overlay.copied, ui::curlCommand(put)) << "the whole command is copied";
    EXPECT_LT(h.imgui.lastVertexCount(), 65536) << (asText ? "as text" : "as a tree");
    EXPECT_NE(text.find("curl -X PUT"), std::string::npos);
  }
}

// The filtered list is kept per capture, known by owner: a new capture of the same size,
// allocated where the freed one was, is filtered again (by address it looked the same).
TEST(DebugOverlay, ANewCaptureIsFilteredAgainEvenWhereTheOldOneWas) {
  auto snap = snapshotWithAgents(1);
  std::vector<store::TrafficRow> first(3, restRow("GET", "/api/v2/users/old"));
  std::vector<store::TrafficRow> second(3, restRow("GET", "/api/v2/users/new"));
  second[1].status = 503;
  snap->traffic = std::make_shared<store::TrafficRows>(first);
  OverlayHarness h;
  h.snap = snap;
  ui::OverlayUi overlay;
  overlay.kind = ui::OverlayUi::Kind::Errors;
  auto draw = [&] { return h.draw(overlay); };
  draw();
  EXPECT_TRUE(overlay.visible.empty()) << "no error in the first capture";
  snap->traffic.reset();  // the old capture is freed first, as when the last snapshot holding it goes
  snap->traffic = std::make_shared<store::TrafficRows>(second);
  draw();
  EXPECT_EQ(overlay.visible, std::vector<std::size_t>{1}) << "the new capture's error is listed";
}

// One agent's events, found by the agent's name although the events carry only the id.
TEST(DebugOverlay, SearchingAnAgentsNameFindsTheirEvents) {
  auto snap = snapshotWithAgents(3);  // agent-1 is "Agent 100001"
  auto rows = sampleTraffic();
  rows[2].path = "v2.users.agent-1.activity";
  EXPECT_EQ(ui::agentIdsNamed(*snap, "100001"), std::vector<std::string>{"agent-1"});
  EXPECT_TRUE(ui::agentIdsNamed(*snap, "Agent").size() == 3u);
  EXPECT_TRUE(ui::agentIdsNamed(*snap, "Agent", 2).empty()) << "too broad to be one agent";
  using Kind = ui::OverlayUi::Kind;
  const auto ids = ui::agentIdsNamed(*snap, "100001");
  EXPECT_TRUE(ui::trafficRowMatches(rows[2], Kind::All, "100001", ids));
  EXPECT_FALSE(ui::trafficRowMatches(rows[0], Kind::All, "100001", ids));
}

// Bodies are a collapsible tree: containers summarised, long lists closed until opened.
TEST(DebugOverlay, BodiesAreACollapsibleTree) {
  const auto nodes = ui::jsonTree(R"({"id":"c1","participants":[{"purpose":"agent"}],"n":null})");
  ASSERT_EQ(nodes.size(), 6u);
  EXPECT_EQ(nodes[0].value, "{3}");
  EXPECT_EQ(nodes[0].end, 6) << "the root spans the document";
  EXPECT_EQ(nodes[2].key, "participants");
  EXPECT_EQ(nodes[2].value, "[1]");
  EXPECT_EQ(nodes[2].end, 5);
  EXPECT_EQ(nodes[3].key, "[0]");
  EXPECT_EQ(nodes[4].value, "\"agent\"");
  EXPECT_TRUE(ui::jsonTree("not json").empty());

  std::string big = R"({"entities":[)";
  for (int i = 0; i < 200; ++i) big += (i ? "," : "") + std::string(R"({"name":"user )") + std::to_string(i) + "\"}";
  big += R"(],"pageSize":200})";
  auto snap = snapshotWithAgents(1);
  store::TrafficRow row = restRow("GET", "/api/v2/users");
  row.responseBody = big;
  snap->traffic = std::make_shared<store::TrafficRows>(std::vector<store::TrafficRow>{row});
  OverlayHarness h;
  h.snap = snap;
  ui::OverlayUi overlay;
  overlay.selected = 0;
  const std::string text = h.draw(overlay);
  EXPECT_NE(text.find("entities: [200]"), std::string::npos) << text;
  EXPECT_NE(text.find("pageSize: 200"), std::string::npos) << "what follows a closed list is shown";
  EXPECT_EQ(text.find("user 0"), std::string::npos) << "a list of 200 starts closed";
}

TEST(DebugOverlay, CopyAsCurlUsesAnEnvironmentTokenAndQuotesTheBody) {
  const auto rows = sampleTraffic();
  EXPECT_EQ(ui::curlCommand(rows[1]),
            "curl -X POST 'https://api.mypurecloud.ie/api/v2/analytics/conversations/activity/query'"
            " -H 'Authorization: Bearer '\"$GENESYS_TOKEN\" -H 'Content-Type: application/json'"
            " --data '{\"note\":\"it'\\''s\"}'");
  EXPECT_EQ(ui::curlCommand(rows[2]), "") << "a WebSocket message is no request";
}

TEST(DebugOverlay, BodiesArePrettyPrinted) {
  EXPECT_EQ(ui::prettyJson(R"({"a":[1,{"b":null}],"c":{}})"),
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": {}\n}");
  EXPECT_EQ(ui::prettyJson("not json"), "not json");
}

// The Topics tab: each topic's state with the refusal reason, the agent it follows, its
// messages; the filter finds one agent by name.
TEST(DebugOverlay, TopicsTabShowsStatesReasonsAndFiltersByAgent) {
  using State = store::TopicRow::State;
  auto snap = snapshotWithAgents(3);
  store::TopicTable table;
  table.channels = {{"ch-1", true}};
  table.rows = {{"v2.users.agent-0.activity", 0, State::Permitted, "", 12, kNow - 4000},
                {"v2.users.agent-1.activity", 0, State::Asked, "", 0, 0},
                {"v2.users.agent-2.activity", -1, State::Refused, "user is in a division you cannot view", 0, 0},
                {"v2.routing.queues.q9.conversations", -1, State::NoRoom, "", 0, 0}};
  table.notOffered = {"v2.users.{id}.wem.coaching.notification(s): appointments are read by REST only"};
  snap->topics = std::make_shared<store::TopicTable>(table);
  EXPECT_TRUE(ui::topicRowMatches(*snap, table.rows[2], "100002")) << "found by the agent's name";
  EXPECT_TRUE(ui::topicRowMatches(*snap, table.rows[2], "DIVISION")) << "found by the reason";
  EXPECT_FALSE(ui::topicRowMatches(*snap, table.rows[0], "100002"));
  EXPECT_TRUE(ui::topicRowMatches(*snap, table.rows[3], "")) << "no filter: every row";

  OverlayHarness h;
  h.snap = snap;
  ui::OverlayUi overlay;
  overlay.selectTab = "Topics";
  auto draw = [&] { return h.draw(overlay); };
  const std::string text = draw();
  EXPECT_NE(text.find("4 topics: 1 permitted, 1 refused, 1 asked, 1 without room"), std::string::npos) << text;
  EXPECT_NE(text.find("1 refused: user is in a division you cannot view"), std::string::npos) << text;
  EXPECT_LT(text.find("v2.users.agent-2.activity"), text.find("v2.users.agent-0.activity")) << "refusals listed first";
  EXPECT_NE(text.find("Agent 100000"), std::string::npos) << "the agent a topic follows, by name";
  EXPECT_NE(text.find("(4 s ago)"), std::string::npos) << "the last message's age";
  EXPECT_NE(text.find("Not offered by this org: v2.users.{id}.wem.coaching"), std::string::npos);
  std::snprintf(overlay.topicSearch, sizeof overlay.topicSearch, "%s", "Agent 100002");
  const std::string filtered = draw();
  EXPECT_NE(filtered.find("v2.users.agent-2.activity"), std::string::npos);
  EXPECT_EQ(filtered.find("v2.users.agent-0.activity"), std::string::npos) << filtered;
}

TEST_F(ViewFixture, WallboardShowsTilesKpisAndStaleBanner) {
  auto snap = snapshotWithAgents(20);
  snap->agents.modify("agent-3", [](model::Agent& a) { a.routing = RoutingStatus::NotResponding; });
  store::computeAgentRows(snap->agents, snap->view, &snap->rowTotals);  // as the store does
  ui::WallboardUi wall;
  auto draw = [&] {
    return imgui.frame([&] {
      const ui::Frame f{*snap, sink, kNow, 0.0, limits};
      ui::drawWallboard(f, wall);
    });
  };
  const std::string text = draw();
  EXPECT_NE(text.find("Free 19"), std::string::npos) << text.substr(0, 400);
  EXPECT_NE(text.find("Not responding 1"), std::string::npos);
  store::SessionInfo session;
  session.link = store::LinkState::Stale;
  snap->session = std::make_shared<store::SessionInfo>(session);
  const std::string stale = draw();
  EXPECT_NE(stale.find("STALE"), std::string::npos);
}

// The text a 1920x1080 wallboard draws for `agents` agents.
std::string wallboardText(int agents) {
  uitest::HeadlessImGui imgui(1920, 1080);
  uitest::RecordingSink sink;
  model::Thresholds limits;
  auto snap = snapshotWithAgents(agents);
  store::computeAgentRows(snap->agents, snap->view, &snap->rowTotals);
  ui::WallboardUi wall;
  return imgui.frame([&] { ui::drawWallboard(ui::Frame{*snap, sink, kNow, 0.0, limits}, wall); });
}

// A team of 60 on a 1920x1080 wall: every agent on screen at once, no page, no scroll bar,
// and the tiles use the whole width.
TEST(WallboardLayout, SixtyAgentsFitA1080pWallWithoutPages) {
  const std::string text = wallboardText(60);
  for (int i = 0; i < 60; ++i)
    EXPECT_NE(text.find("Agent " + std::to_string(100000 + i)), std::string::npos) << "agent " << i << " not drawn";
  EXPECT_EQ(text.find("page "), std::string::npos);
  const ui::TileLayout layout = ui::layoutTiles(60, 1900, 800, 25.5f);
  EXPECT_EQ(layout.pages, 1);
  EXPECT_GE(layout.columns * layout.rows, 60);
  EXPECT_NEAR(layout.columns * layout.tileWidth + (layout.columns - 1) * layout.spacing, 1900, 0.5f);
}

// More agents than the smallest legible tiles hold: pages, each full, none smaller than legible.
TEST(WallboardLayout, AThousandAgentsTurnPagesAtTheSmallestLegibleTile) {
  const ui::TileLayout layout = ui::layoutTiles(1000, 1900, 800, 25.5f);
  EXPECT_GT(layout.pages, 1);
  EXPECT_GE(layout.textScale, 0.65f - 1e-3f);
  EXPECT_GE(layout.perPage * layout.pages, 1000);
  EXPECT_LT(layout.perPage * (layout.pages - 1), 1000);

  const std::string text = wallboardText(1000);
  EXPECT_NE(text.find("page "), std::string::npos) << "the page shown is said";
}

}  // namespace
