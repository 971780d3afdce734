// Issue 14 over real sockets: the panel's session changes agents in gcsim — Off Queue, On
// Queue, a secondary presence, a queue membership, log out — and each refusal ends failed
// with its reason. The rows change only through what Genesys sends back afterwards.
#include "session_fixture.h"
#include "traffic_record.h"

#include <algorithm>

namespace sessiontest {
namespace {

class AgentChanges : public SessionFixture {
 protected:
  void start(OrgSetup setup = {}) {
    setup.agents = 12;
    startOrg(setup);
    ASSERT_TRUE(waitLive());
    ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return !s.presenceOptions->empty(); }, 10s, "the org's presences"));
  }

  // What the supervisor sees of the agent right now, as the UI puts it in the intent.
  store::SeenAgent seen(const std::string& id) {
    const model::Agent* a = snap()->agents.find(id);
    EXPECT_NE(a, nullptr);
    return a ? store::SeenAgent{id, a->presence, a->routing} : store::SeenAgent{id};
  }

  store::PresenceOption presence(const std::string& label) {
    for (const auto& option : *snap()->presenceOptions)
      if (option.label == label) return option;
    ADD_FAILURE() << "no presence " << label;
    return {};
  }

  json::object truth(const std::string& id) {
    const json::object state = simState();  // kept: the loop reads into it
    for (const auto& a : state.at("agents").as_array())
      if (str(a.at("id")) == id) return a.as_object();
    ADD_FAILURE() << "no agent " << id;
    return {};
  }

  // Puts the agent On Queue in the org and waits until the panel shows it.
  void onQueue(const std::string& id) {
    control({{"action", "setPresence"}, {"userId", id}, {"presence", "OnQueue"}});
    waitFor([&](const store::Snapshot& s) {
      const model::Agent* a = s.agents.find(id);
      return a && a->routing == model::RoutingStatus::Idle;
    }, 10s, "the agent on queue");
  }

  // The row shows `ready` within a second of the action's end (events on gcsim are immediate).
  bool rowWithinASecond(const std::string& id, const std::function<bool(const model::Agent&)>& ready, const char* what) {
    return waitFor([&](const store::Snapshot& s) {
      const model::Agent* a = s.agents.find(id);
      return a && ready(*a);
    }, 1s, what);
  }

  store::ChangeAgents change(store::AgentChangeKind kind, std::vector<std::string> ids) {
    store::ChangeAgents intent;
    intent.kind = kind;
    for (const auto& id : ids) intent.agents.push_back(seen(id));
    return intent;
  }
};

TEST_F(AgentChanges, OffQueueIsDoneOnceAndTheRowFollowsTheEvents) {
  start();
  const std::string agent = agentId(0);
  onQueue(agent);
  const auto record = act(change(store::AgentChangeKind::OffQueue, {agent}));
  EXPECT_EQ(record.state, store::ActionState::Succeeded) << record.outcome;
  EXPECT_EQ(record.kind, store::ActionKind::AgentChange);
  EXPECT_NE(record.outcome.find("off queue"), std::string::npos) << record.outcome;
  EXPECT_EQ(str(truth(agent).at("routingStatus")), "OFF_QUEUE");
  EXPECT_TRUE(rowWithinASecond(agent, [](const model::Agent& a) { return a.routing == model::RoutingStatus::OffQueue; },
                               "the row off queue"));
  // Asked again, the read-back says it is already so and nothing is sent.
  const auto again = act(change(store::AgentChangeKind::OffQueue, {agent}));
  EXPECT_EQ(again.state, store::ActionState::Succeeded);
  EXPECT_NE(again.outcome.find("already"), std::string::npos) << again.outcome;
}

TEST_F(AgentChanges, OnQueueAndASecondaryPresence) {
  start();
  const std::string agent = agentId(1);
  auto record = act(change(store::AgentChangeKind::OnQueue, {agent}));
  EXPECT_EQ(record.state, store::ActionState::Succeeded) << record.outcome;
  EXPECT_EQ(str(truth(agent).at("presence")), "OnQueue");
  EXPECT_TRUE(rowWithinASecond(agent, [](const model::Agent& a) { return a.presence == model::Presence::OnQueue; },
                               "the row on queue"));

  const store::PresenceOption coffee = presence("Coffee break");
  EXPECT_TRUE(coffee.secondary);
  auto intent = change(store::AgentChangeKind::Presence, {agent});
  intent.presenceDefinitionId = coffee.id;
  intent.presenceLabel = coffee.label;
  record = act(intent);
  EXPECT_EQ(record.state, store::ActionState::Succeeded) << record.outcome;
  EXPECT_EQ(str(truth(agent).at("presenceDefinitionId")), coffee.id);
  EXPECT_TRUE(rowWithinASecond(agent, [](const model::Agent& a) { return a.presenceLabel == "Coffee break"; },
                               "the row in Coffee break"));
}

TEST_F(AgentChanges, AQueueMembershipIsDeactivatedAndTheRowReadAgain) {
  start();
  // An agent whose row lists an active queue (read right after the complete picture), so
  // the row can lose it.
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) {
    bool any = false;
    s.agents.forEach([&](const model::Agent& a) { any = any || !a.queueIds.empty(); });
    return any;
  }, 20s, "the active queues"));
  std::string agent, queue;
  snap()->agents.forEach([&](const model::Agent& a) {
    if (agent.empty() && !a.queueIds.empty()) {
      agent = a.id;
      queue = a.queueIds.front();
    }
  });
  ASSERT_FALSE(agent.empty()) << "no agent is active in a queue";
  auto intent = change(store::AgentChangeKind::QueueMembership, {agent});
  intent.queueId = queue;
  intent.queueName = "the first queue";
  intent.activate = false;
  const auto record = act(intent);
  EXPECT_EQ(record.state, store::ActionState::Succeeded) << record.outcome;
  const json::array joined = truth(agent).at("joinedQueueIds").as_array();
  EXPECT_EQ(std::find(joined.begin(), joined.end(), json::value(queue)), joined.end());
  EXPECT_TRUE(rowWithinASecond(agent, [&](const model::Agent& a) {
    return std::find(a.queueIds.begin(), a.queueIds.end(), queue) == a.queueIds.end();
  }, "the row without the queue"));
}

TEST_F(AgentChanges, LogOutTakesTheAgentOffline) {
  start();
  const std::string agent = agentId(3);
  onQueue(agent);
  const auto record = act(change(store::AgentChangeKind::LogOut, {agent}));
  EXPECT_EQ(record.state, store::ActionState::Succeeded) << record.outcome;
  EXPECT_EQ(str(truth(agent).at("presence")), "Offline");
  EXPECT_TRUE(rowWithinASecond(agent, [](const model::Agent& a) { return a.presence == model::Presence::Offline; },
                               "the row offline"));
  EXPECT_EQ(snap()->session->link, store::LinkState::Live);  // the supervisor's own session is untouched
}

TEST_F(AgentChanges, ARefusedLogOutNamesTheMissingPermission) {
  OrgSetup setup;
  setup.denyPermission = "oauth:token:delete";
  start(setup);
  const std::string agent = agentId(4);
  const auto record = act(change(store::AgentChangeKind::LogOut, {agent}));
  EXPECT_EQ(record.state, store::ActionState::Failed);
  EXPECT_NE(record.outcome.find("oauth:token:delete"), std::string::npos) << record.outcome;
  EXPECT_NE(str(truth(agent).at("presence")), "Offline");
}

TEST_F(AgentChanges, ARefusedMembershipChangeNamesTheMissingPermission) {
  OrgSetup setup;
  setup.denyPermission = "routing:queueMember:manage";
  start(setup);
  const std::string agent = agentId(5);
  auto intent = change(store::AgentChangeKind::QueueMembership, {agent});
  intent.queueId = str(truth(agent).at("queueIds").as_array().front());
  const auto record = act(intent);
  EXPECT_EQ(record.state, store::ActionState::Failed);
  EXPECT_NE(record.outcome.find("routing:queueMember:manage"), std::string::npos) << record.outcome;
}

TEST_F(AgentChanges, AnAgentWhoChangedMeanwhileIsNotOverridden) {
  start();
  const std::string agent = agentId(6);
  onQueue(agent);
  auto intent = change(store::AgentChangeKind::Presence, {agent});  // chosen while the agent was On Queue
  const store::PresenceOption meal = presence("Meal");
  intent.presenceDefinitionId = meal.id;
  intent.presenceLabel = meal.label;
  control({{"action", "setPresence"}, {"userId", agent}, {"presence", "Training"}});  // the agent moves first
  const auto record = act(intent);
  EXPECT_EQ(record.state, store::ActionState::Failed);
  EXPECT_NE(record.outcome.find("changed meanwhile"), std::string::npos) << record.outcome;
  EXPECT_EQ(str(truth(agent).at("presence")), "Training");
}

// Off Queue chosen seeing the agent idle; a call reaches them first: reported, not overridden.
TEST_F(AgentChanges, OffQueueForAnAgentWhoseRoutingChangedMeanwhileIsNotSent) {
  start();
  const std::string agent = agentId(7);
  onQueue(agent);
  const auto intent = change(store::AgentChangeKind::OffQueue, {agent});  // seen IDLE
  ASSERT_EQ(intent.agents.front().routing, model::RoutingStatus::Idle);
  control({{"action", "startCall"}, {"userId", agent}});
  const auto record = act(intent);
  EXPECT_EQ(record.state, store::ActionState::Failed);
  EXPECT_NE(record.outcome.find("changed meanwhile"), std::string::npos) << record.outcome;
  EXPECT_NE(str(truth(agent).at("routingStatus")), "OFF_QUEUE");
}

TEST_F(AgentChanges, ABatchReportsHowManyWereDoneAndWhyTheOthersFailed) {
  start();
  // Eight agents, one of whom is not a member of the queue: seven done, one refused by name.
  const json::object state = simState();
  std::string queue;
  std::vector<std::string> members, outsiders;
  for (const auto& a : state.at("agents").as_array()) {
    if (!a.at("isAgent").as_bool()) continue;
    const auto& queues = a.at("queueIds").as_array();
    if (queue.empty()) queue = str(queues.front());
    const bool member = std::find(queues.begin(), queues.end(), json::value(queue)) != queues.end();
    (member ? members : outsiders).push_back(str(a.at("id")));
  }
  ASSERT_FALSE(outsiders.empty());
  std::vector<std::string> ids(members.begin(), members.begin() + std::min<std::size_t>(7, members.size()));
  ids.push_back(outsiders.front());
  auto intent = change(store::AgentChangeKind::QueueMembership, ids);
  intent.queueId = queue;
  intent.queueName = "Q";
  const auto record = act(intent);
  EXPECT_EQ(record.state, store::ActionState::Failed);
  const std::string expected = std::to_string(ids.size() - 1) + " of " + std::to_string(ids.size()) + " done, 1 failed:";
  EXPECT_NE(record.outcome.find(expected), std::string::npos) << record.outcome;
  EXPECT_NE(record.outcome.find("is not a member of Q"), std::string::npos) << record.outcome;
  for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
    const json::array joined = truth(ids[i]).at("joinedQueueIds").as_array();
    EXPECT_EQ(std::find(joined.begin(), joined.end(), json::value(queue)), joined.end());
  }
}

}  // namespace
}  // namespace sessiontest

namespace sessiontest {
namespace {

// The org carries out the PATCH but the answer is lost: the panel reads the presence back,
// finds it applied and says so, and never sends the PATCH a second time.
TEST_F(AgentChanges, ALostAnswerIsReadBackNotSentTwice) {
  start();
  const std::string agent = agentId(7);
  const store::PresenceOption huddle = presence("Team huddle");
  auto intent = change(store::AgentChangeKind::Presence, {agent});
  intent.presenceDefinitionId = huddle.id;
  intent.presenceLabel = huddle.label;
  fault("lose-answer=1");
  const auto record = act(intent);
  EXPECT_EQ(record.state, store::ActionState::Succeeded) << record.outcome;
  EXPECT_NE(record.outcome.find("confirmed after a lost answer"), std::string::npos) << record.outcome;
  EXPECT_EQ(str(truth(agent).at("presenceDefinitionId")), huddle.id);
  int patches = 0;
  for (const auto& exchange : restExchanges(*session))
    if (exchange.method == "PATCH" && exchange.path.find("/presences/purecloud") != std::string::npos) ++patches;
  EXPECT_EQ(patches, 1) << "the PATCH was sent again after its answer was lost";
}

}  // namespace
}  // namespace sessiontest
