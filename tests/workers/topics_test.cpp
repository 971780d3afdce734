// Notifications as a real org sends them (issue 8), against gcsim over real sockets:
// combined topics arrive expanded, refused topics never look live, another connection
// taking a channel, and a revoked sign-in.
#include "session_fixture.h"

#include <set>

#include "net/websocket_client.h"

namespace sessiontest {
namespace {

// Whether the debug overlay's traffic rows show a received message on `topic` (a prefix).
bool receivedOn(const store::Snapshot& s, const std::string& topic) {
  for (const auto& row : *s.traffic)
    if (row.kind == "WS" && row.path.rfind(topic, 0) == 0) return true;
  return false;
}

class Topics : public SessionFixture {
 protected:
  bool linkIs(store::LinkState link, std::chrono::milliseconds timeout = 30s) {
    return waitFor([link](const store::Snapshot& s) { return s.session->link == link; }, timeout,
                   "the link state");
  }

  // Opens a second socket on one of the panel's channels, as another panel of the same
  // user would; returns it connected (the panel's socket is displaced).
  std::unique_ptr<net::WebSocketClient> takeAChannel() {
    const json::object state = simState();
    std::string channelId;
    for (const auto& c : state.at("channelDetails").as_array())
      if (c.at("connected").as_bool() && !taken_.count(str(c.at("id")))) channelId = str(c.at("id"));
    EXPECT_FALSE(channelId.empty());
    taken_.insert(channelId);
    auto socket = std::make_unique<net::WebSocketClient>();
    std::string ws = sim->baseUrl();
    ws.replace(0, 4, "ws");  // http://... -> ws://...
    socket->connect(ws + "/channels/" + channelId, {});
    return socket;
  }
  std::set<std::string> taken_;  // channels the test's own sockets hold
};

// An org without the activity topic: the combined presence + routing status subscription.
TEST_F(Topics, CombinedSubscriptionsArriveExpandedAndKeepAgentsLive) {
  startOrg({.agents = 30, .noActivityTopic = true});
  ASSERT_TRUE(waitLive());
  const std::string agent = agentId(4);
  control({{"action", "setPresence"}, {"userId", agent}, {"presence", "Meeting"}});
  control({{"action", "setRoutingStatus"}, {"userId", agent}, {"status", "NOT_RESPONDING"}});
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) {
    const model::Agent* a = s.agents.find(agent);
    return a && a->presence == model::Presence::Meeting && a->routing == model::RoutingStatus::NotResponding;
  }, 20s, "both parts of the combined topic"));
  // gcsim sends them as v2.users.{id}.presence (systemPresence MEETING) and .routingStatus.
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) { return receivedOn(s, "v2.users." + agent + ".presence"); }, 5s,
                      "the traffic log to show the expanded topic"));
  EXPECT_FALSE(receivedOn(*snap(), "v2.users." + agent + "?presence&routingStatus"));
}

// An org offering v2.users.{id}.activity: the panel follows agents on it, active queues included.
TEST_F(Topics, TheActivityTopicKeepsStatusAndActiveQueuesLive) {
  startOrg({.agents = 30});
  ASSERT_TRUE(waitLive());
  const std::string agent = agentId(5);
  control({{"action", "setPresence"}, {"userId", agent}, {"presence", "Break"}});
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) {
    const model::Agent* a = s.agents.find(agent);
    return a && a->presence == model::Presence::Break && a->queueIds.empty();
  }, 20s, "the break and no active queue"));
  control({{"action", "setPresence"}, {"userId", agent}, {"presence", "OnQueue"}});
  std::vector<std::string> joined;
  const json::object truth = simState();
  for (const auto& a : truth.at("agents").as_array())
    if (str(a.at("id")) == agent)
      for (const auto& q : a.at("queueIds").as_array()) joined.push_back(str(q));
  std::sort(joined.begin(), joined.end());
  ASSERT_FALSE(joined.empty());
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) {
    const model::Agent* a = s.agents.find(agent);
    return a && a->presence == model::Presence::OnQueue && a->queueIds == joined;
  }, 20s, "on queue again, active in every joined queue"));
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) { return receivedOn(s, "v2.users." + agent + ".activity"); }, 5s,
                      "the traffic log to show the activity topic"));
  EXPECT_FALSE(receivedOn(*snap(), "v2.users." + agent + ".presence")) << "one topic per agent, not both";
}

TEST_F(Topics, RestrictedAgentsAreNotLiveWithAReasonAndTheRestAre) {
  startOrg({.agents = 30, .restrictedAgents = 5});
  ASSERT_TRUE(linkIs(store::LinkState::Partial)) << "a link with refused agents must not say plainly live";
  const json::object truth = simState();
  std::vector<std::string> restricted, followed;
  for (const auto& a : truth.at("agents").as_array())
    if (a.at("isAgent").as_bool()) (a.at("restricted").as_bool() ? restricted : followed).push_back(str(a.at("id")));
  ASSERT_EQ(restricted.size(), 5u);
  const auto panel = snap();
  EXPECT_EQ(panel->session->agentsNotLive, 5);
  for (const auto& id : restricted) {
    const model::Agent* a = panel->agents.find(id);
    ASSERT_NE(a, nullptr) << "a restricted agent is still listed";
    EXPECT_NE(a->notLiveReason.find("division"), std::string::npos) << "reason: " << a->notLiveReason;
  }
  for (const auto& id : followed) EXPECT_TRUE(panel->agents.find(id)->notLiveReason.empty());
  expectAgentsMatch(*panel, truth);
  // The others stay live; the refusal was asked once, not retried.
  const std::string agent = followed.front();
  control({{"action", "setRoutingStatus"}, {"userId", agent}, {"status", "NOT_RESPONDING"}});
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) {
    return s.agents.find(agent)->routing == model::RoutingStatus::NotResponding;
  }, 20s, "a followed agent's change"));
  // Narrow the view to one refused agent and back: the re-plans must not ask for their
  // topic again (it was refused once; the token has not changed). gcsim counts the asks.
  const std::string refusedTopic = "v2.users." + restricted.front() + ".activity";
  auto timesAsked = [&] {
    const json::value state = simState();  // kept alive: if_contains points into it
    const json::value* asks = state.at("refusedTopicAsks").as_object().if_contains(refusedTopic);
    return asks ? static_cast<int>(asks->to_number<std::int64_t>()) : 0;
  };
  const int askedBefore = timesAsked();
  ASSERT_GT(askedBefore, 0) << "the refused topic was asked for once";
  const std::string name = snap()->agents.find(restricted.front())->name;
  router->send(store::SetView{store::ViewSpec{.text = name}});
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return s.agentRows->size() <= 2; }, 10s, "the narrowed view"));
  router->send(store::SetView{store::ViewSpec{}});
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return s.agentRows->size() >= 30; }, 10s, "the whole view again"));
  const auto settle = std::chrono::steady_clock::now() + 2s;  // two debounced re-plans have passed
  waitFor([&](const store::Snapshot&) { return std::chrono::steady_clock::now() >= settle; }, 5s, "the re-plans");
  EXPECT_EQ(timesAsked(), askedBefore) << "a refused topic was asked for again: retry storm";
  EXPECT_EQ(snap()->session->link, store::LinkState::Partial);
}

const store::TopicRow* topicRow(const store::Snapshot& s, const std::string& topic) {
  for (const auto& row : s.topics->rows)
    if (row.topic == topic) return &row;
  return nullptr;
}

// The debug overlay's Topics tab answers "why is this agent not live?": each topic's state
// as the server answered it, with the reason, and the messages each one brought.
TEST_F(Topics, TheTopicTableShowsEachTopicsAnswerAndItsMessages) {
  startOrg({.agents = 30, .restrictedAgents = 5});
  ASSERT_TRUE(linkIs(store::LinkState::Partial));
  const json::object truth = simState();
  std::vector<std::string> restricted, followed;
  for (const auto& a : truth.at("agents").as_array())
    if (a.at("isAgent").as_bool()) (a.at("restricted").as_bool() ? restricted : followed).push_back(str(a.at("id")));
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) { return topicRow(s, "v2.users." + followed.front() + ".activity"); },
                      10s, "the topic table"));
  const auto panel = snap();
  using State = store::TopicRow::State;
  for (const auto& id : restricted) {
    const store::TopicRow* row = topicRow(*panel, "v2.users." + id + ".activity");
    ASSERT_NE(row, nullptr) << id;
    EXPECT_EQ(row->state, State::Refused);
    EXPECT_EQ(row->channel, -1) << "a refused topic is on no channel";
    EXPECT_NE(row->reason.find("division"), std::string::npos) << "gcsim's rejectionReason: " << row->reason;
  }
  const std::string agent = followed.front(), topic = "v2.users." + agent + ".activity";
  const store::TopicRow* row = topicRow(*panel, topic);
  EXPECT_EQ(row->state, State::Permitted);
  ASSERT_GE(row->channel, 0);
  EXPECT_TRUE(panel->topics->channels.at(static_cast<std::size_t>(row->channel)).open);
  EXPECT_TRUE(panel->topics->notOffered.empty()) << "this org lists every topic the panel uses";
  const std::uint64_t before = row->messages;
  control({{"action", "setRoutingStatus"}, {"userId", agent}, {"status", "NOT_RESPONDING"}});
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) {
    const store::TopicRow* now = topicRow(s, topic);
    return now && now->messages > before && now->lastMessageAt > 0;
  }, 20s, "the agent's message counted on its topic"));
  const auto& families = snap()->topics->families;
  const auto activity = std::find_if(families.begin(), families.end(),
                                     [](const auto& f) { return f.first == "v2.users.{id}.activity"; });
  ASSERT_NE(activity, families.end()) << "the graphs' family of the agents' topics";
  EXPECT_GT(activity->second, 0u);
}

// Each received notification's row in the overlay finds what it did to the model (the
// fixture has no overlay flag: outcomes are always noted).
TEST_F(Topics, EachReceivedEventSaysWhatItChanged) {
  startOrg({.agents = 10});
  ASSERT_TRUE(waitLive());
  const std::string agent = agentId(3), topic = "v2.users." + agent + ".activity";
  const std::string name = snap()->agents.find(agent)->name;
  control({{"action", "setRoutingStatus"}, {"userId", agent}, {"status", "NOT_RESPONDING"}});
  std::string said;
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) {
    for (const auto& row : *s.traffic) {
      if (row.kind != "WS" || row.path != topic) continue;
      for (const auto& outcome : *s.eventOutcomes)
        if (outcome.sequence == row.sequence && outcome.text.find("NOT_RESPONDING") != std::string::npos)
          said = outcome.text;
    }
    return !said.empty();
  }, 20s, "the event's outcome beside its traffic row"));
  EXPECT_EQ(said.rfind("agent activity · " + name + ": ", 0), 0u) << said;
  EXPECT_NE(said.find("→ NOT_RESPONDING"), std::string::npos) << said;
}

// The overlay's traffic rows: each message names the channel it came on (one the org opened
// for this panel), and one the panel could not decode is marked, for the Errors filter.
TEST_F(Topics, TrafficRowsNameTheirChannelAndMarkWhatCouldNotBeDecoded) {
  startOrg({.agents = 10});
  ASSERT_TRUE(waitLive());
  std::set<std::string> channels;
  const json::object state = simState();
  for (const auto& c : state.at("channelDetails").as_array()) channels.insert(str(c.at("id")));
  fault("malformed=1");  // gcsim cuts the next event in half
  control({{"action", "setRoutingStatus"}, {"userId", agentId(2)}, {"status", "NOT_RESPONDING"}});
  const store::TrafficRow* bad = nullptr;
  std::shared_ptr<const store::Snapshot> seen;
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) {
    for (const auto& row : *s.traffic)
      if (row.undecoded) bad = &row;
    return bad != nullptr;
  }, 20s, "the cut message marked undecoded"));
  seen = snap();
  bad = nullptr;
  for (const auto& row : *seen->traffic) {
    if (row.kind != "WS") {
      EXPECT_FALSE(row.undecoded) << row.path;
      continue;
    }
    EXPECT_NE(row.socket, 0u) << row.path;
    EXPECT_TRUE(channels.count(row.channel)) << "'" << row.channel << "' is not one of the org's channels";
    if (row.undecoded) bad = &row;
  }
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(bad->method, "in");
}

// Closed, the overlay gets no rows (the log still records); opened, they come within a tick;
// closed again, they go.
TEST_F(Topics, TrafficRowsAreHandedOverOnlyWhileTheOverlayIsOpen) {
  auto overlayOpen = std::make_shared<std::atomic<bool>>(false);
  workers::SessionConfig config = testConfig();
  config.traffic.keepSocketBodies = overlayOpen;
  startOrg({.agents = 10}, config);
  ASSERT_TRUE(waitLive());
  EXPECT_TRUE(snap()->traffic->empty()) << "rows handed over while the overlay was closed";
  overlayOpen->store(true);
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return !s.traffic->empty(); }, 5s, "the rows once opened"));
  const auto opened = snap();
  const auto& rows = *opened->traffic;
  EXPECT_TRUE(std::any_of(rows.begin(), rows.end(), [](const store::TrafficRow& r) { return r.kind == "REST"; }))
      << "what was recorded before the overlay opened is shown too";
  overlayOpen->store(false);
  EXPECT_TRUE(waitFor([](const store::Snapshot& s) { return s.traffic->empty(); }, 5s, "the rows to go once closed"));
}

TEST_F(Topics, TheTopicTableSaysWhatTheOrgDoesNotOffer) {
  startOrg({.agents = 10, .noActivityTopic = true});
  ASSERT_TRUE(waitLive());
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return !s.topics->notOffered.empty(); }, 10s, "the notes"));
  const auto& notes = snap()->topics->notOffered;
  EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const std::string& n) {
    return n.rfind("v2.users.{id}.activity", 0) == 0 && n.find("presence&routingStatus") != std::string::npos;
  }));
  const store::TopicRow* row = topicRow(*snap(), "v2.users." + agentId(1) + "?presence&routingStatus");
  ASSERT_NE(row, nullptr) << "agents are followed on the combined topic";
  EXPECT_EQ(row->state, store::TopicRow::State::Permitted);
}

int takeoversSeen(const store::Snapshot& s) {
  int n = 0;
  for (const auto& t : *s.toasts) n += t.text.find("another connection took the channel") != std::string::npos;
  return n;
}

TEST_F(Topics, AnotherConnectionTakingTheChannelIsTakenBackThenGivenUp) {
  startOrg({.agents = 20});
  ASSERT_TRUE(waitLive());
  std::vector<std::unique_ptr<net::WebSocketClient>> others;
  others.push_back(takeAChannel());
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return takeoversSeen(s) == 1; }, 20s,
                      "the panel to take a new channel"));
  ASSERT_TRUE(waitLive());
  // Three more takeovers within the minute: another panel of this user is running.
  for (int i = 2; i <= 3; ++i) {
    others.push_back(takeAChannel());
    ASSERT_TRUE(waitFor([i](const store::Snapshot& s) { return takeoversSeen(s) == i; }, 20s, "the takeover"));
    ASSERT_TRUE(waitLive());
  }
  others.push_back(takeAChannel());
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) {
    return s.session->link == store::LinkState::Stale && s.session->message.find("open elsewhere") != std::string::npos;
  }, 20s, "the panel to give up fighting the other one"));
}

TEST_F(Topics, ARevokedSignInStopsTrafficAndAsksToSignInAgain) {
  startOrg({.agents = 20});
  ASSERT_TRUE(waitLive());
  control({{"action", "revokeTokens"}});
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) {
    return s.session->link == store::LinkState::Stale && s.session->message.find("revoked") != std::string::npos;
  }, 20s, "the panel to say the sign-in was revoked"));
  EXPECT_TRUE(waitFor([](const store::Snapshot& s) { return receivedOn(s, "v2.system.token_revoked."); }, 5s,
                      "the system message in the traffic log"));
}

}  // namespace
}  // namespace sessiontest
