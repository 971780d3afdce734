// No change lost between a read and a subscription (issue 17), and liveness that no bulk
// read can starve (issue 13): the panel's session against gcsim over real sockets.
//
// gcsim's control action "onNextSubscription" makes a change at the moment the panel's
// subscription request arrives, before the new topics take effect, so the change's event
// goes nowhere: only a read after the subscription can show it.
#include "session_fixture.h"

namespace sessiontest {
namespace {

bool hasToast(const store::Snapshot& s, std::string_view text) {
  for (const auto& t : *s.toasts)
    if (t.text.find(text) != std::string::npos) return true;
  return false;
}

json::object changeRouting(const std::string& agent, const char* status) {
  return {{"action", "setRoutingStatus"}, {"userId", agent}, {"status", status}};
}

class StartupRace : public SessionFixture {
 protected:
  // The panel equals the org once nothing moves any more.
  void expectConverged() {
    control({{"action", "pause"}});
    const json::object truth = simState();
    ASSERT_TRUE(waitFor(
        [&](const store::Snapshot& s) {
          for (const auto& a : truth.at("agents").as_array()) {
            const auto& o = a.as_object();
            if (!o.at("isAgent").as_bool()) continue;
            const model::Agent* mine = s.agents.find(str(o.at("id")));
            if (!mine || model::toString(mine->routing) != str(o.at("routingStatus"))) return false;
            if (presenceName(*mine) != str(o.at("presence"))) return false;
          }
          return true;
        },
        20s, "every agent to equal /_sim/state"));
    expectAgentsMatch(*snap(), truth);
  }
};

TEST_F(StartupRace, AChangeBetweenTheFirstReadAndTheSubscriptionIsShown) {
  workers::SessionConfig config = testConfig();
  startSim({.agents = 30}, config);
  const std::string agent = agentId(7);
  control({{"action", "onNextSubscription"}, {"then", changeRouting(agent, "NOT_RESPONDING")}});
  startPanel(config);
  ASSERT_TRUE(waitLive());
  // Live means the reads after the subscription are in: the change must show already.
  const model::Agent* a = snap()->agents.find(agent);
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->routing, model::RoutingStatus::NotResponding) << "the change made while subscribing was lost";
  expectConverged();
}

TEST_F(StartupRace, AChangeWhileResubscribingAfterADropIsShown) {
  startOrg({.agents = 30});
  ASSERT_TRUE(waitLive());
  const std::string agent = agentId(9);
  control({{"action", "onNextSubscription"}, {"then", changeRouting(agent, "NOT_RESPONDING")}});
  fault("ws-drop");
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return hasToast(s, "Resynchronised"); }, 30s,
                      "the resync after the drop"));
  ASSERT_TRUE(waitLive());
  EXPECT_EQ(snap()->agents.find(agent)->routing, model::RoutingStatus::NotResponding);
  expectConverged();
}

TEST_F(StartupRace, AChangeWhileTheChannelIsReplacedAtSocketClosingIsShown) {
  // At this speed a channel lives 30 s and announces its closing just before.
  workers::SessionConfig config = testConfig();
  config.channelRenewBefore = std::chrono::minutes(0);
  startOrg({.agents = 20, .speed = 2880}, config);
  ASSERT_TRUE(waitLive());
  const std::string agent = agentId(3);
  control({{"action", "onNextSubscription"}, {"then", changeRouting(agent, "NOT_RESPONDING")}});
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return hasToast(s, "new channel"); }, 60s,
                      "the hand-over to a new channel"));
  ASSERT_TRUE(waitFor([&](const store::Snapshot& s) {
    const model::Agent* a = s.agents.find(agent);
    return a && a->routing == model::RoutingStatus::NotResponding;
  }, 20s, "the change made during the hand-over"));
  expectConverged();
}

TEST_F(StartupRace, UnderLoadEveryAgentEndsEqualToTheOrg) {
  startOrg({.agents = 100, .scenario = true, .eventRate = 1000});
  ASSERT_TRUE(waitLive());
  // Let the churn run over the panel for a while, then stop the org and compare.
  const auto until = std::chrono::steady_clock::now() + 15s;
  waitFor([&](const store::Snapshot&) { return std::chrono::steady_clock::now() >= until; }, 20s, "15 s of load");
  expectConverged();
}

// The heartbeat watchdog runs on the control thread, which makes no bulk reads: a socket
// that goes silent is replaced within the timeout even while a resync's reads are held
// in a 429 storm (on /api/v2/users, as an endpoint's own limit would).
TEST_F(StartupRace, ASilentSocketIsReplacedWhileAResyncIsHeldByA429Storm) {
  workers::SessionConfig config = testConfig();
  config.heartbeatTimeout = 3s;
  startOrg({.agents = 30, .heartbeatSeconds = 1}, config);
  ASSERT_TRUE(waitLive());
  fault("429-path=/api/v2/users,retry-after=1,429=100000");
  fault("ws-drop");  // the reconnect's reads after subscribing now wait on the storm
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return hasToast(s, "new channel: the socket closed"); }, 20s,
                      "the reconnect after the drop"));
  const auto stalledAt = std::chrono::steady_clock::now();
  fault("ws-stall");
  ASSERT_TRUE(waitFor([](const store::Snapshot& s) { return hasToast(s, "a silent socket"); }, 10s,
                      "the watchdog to replace the silent socket"));
  const auto replacedAfter = std::chrono::steady_clock::now() - stalledAt;
  EXPECT_LT(replacedAfter, config.heartbeatTimeout + 3s) << "the watchdog waited behind the held reads";
  EXPECT_FALSE(hasToast(*snap(), "Resynchronised")) << "the resync was meant to be still held";
  EXPECT_NE(snap()->session->link, store::LinkState::Live) << "reads are outstanding: the link must not say Live";
  fault("clear");
  fault("429=0");
  ASSERT_TRUE(waitLive());
  expectAgentsMatch(*snap(), simState());
}

}  // namespace
}  // namespace sessiontest
