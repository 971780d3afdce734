// A panel session against an in-process gcsim over real loopback sockets, with helpers to
// drive the simulated org (/_sim/control), read its ground truth (/_sim/state) and wait
// for the panel's published snapshots to show something.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <gcsim/simulator.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "net/http_client.h"
#include "store/intent_router.h"
#include "store/store.h"
#include "workers/session.h"

namespace sessiontest {

namespace json = boost::json;
using namespace std::chrono_literals;

struct OrgSetup {
  int agents = 40;
  bool scenario = false;          // a quiet org changes only when a test says so
  bool tls = false;
  int tokenTtlSeconds = 86400;
  bool refreshTokens = true;
  double transcriptDelaySeconds = 1;
  double crossRegionExtraSeconds = 0;
  int heartbeatSeconds = 30;
  double speed = 1;
  double eventRate = 0;           // extra presence churn, events/s (load)
  int restrictedAgents = 0;       // the last N agents' topics are refused (another division)
  bool denyTranscripts = false;   // the supervisor lacks the transcript permissions
  bool noActivityTopic = false;   // the org does not offer v2.users.{id}.activity
  double historyHours = 8;        // queue figures of earlier today (0 = the org opens at start)
  double transcriptUrlTtlSeconds = 600;
  int maxPredicates = 100;        // predicates per analytics query gcsim accepts (0 = no cap)
  int rateLimitPerMinute = 300;   // gcsim's per-token budget, as its default
  std::string denyPermission{};   // a permission the supervisor lacks (gcsim --deny-permission)
};

// The session's settings for tests: real defaults, but transcripts retried quickly.
inline workers::SessionConfig testConfig() {
  workers::SessionConfig config;
  config.transcriptBaseDelay = 200ms;
  return config;
}

inline std::string str(const json::value& v) { return v.is_string() ? std::string(v.as_string()) : std::string(); }

// The agent's presence as /_sim/state spells it ("OnQueue" for "On Queue").
inline std::string presenceName(const model::Agent& agent) {
  std::string presence(model::toString(agent.presence));
  presence.erase(std::remove(presence.begin(), presence.end(), ' '), presence.end());
  return presence;
}

// Every agent's presence and routing status in the panel equal the simulator's.
inline void expectAgentsMatch(const store::Snapshot& panel, json::object truth) {
  int compared = 0;
  for (const auto& a : truth["agents"].as_array()) {
    const auto& o = a.as_object();
    if (!o.at("isAgent").as_bool()) continue;
    const model::Agent* mine = panel.agents.find(str(o.at("id")));
    ASSERT_NE(mine, nullptr) << "agent " << str(o.at("name")) << " is missing";
    EXPECT_EQ(presenceName(*mine), str(o.at("presence"))) << mine->name;
    EXPECT_EQ(model::toString(mine->routing), str(o.at("routingStatus"))) << mine->name;
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

class SessionFixture : public ::testing::Test {
 protected:
  void startOrg(OrgSetup setup = {}, workers::SessionConfig config = testConfig()) {
    startSim(setup, config);
    startPanel(config);
  }

  // The org alone, for tests that arm something before the panel starts; `config` gains
  // the CA file when the org speaks TLS.
  void startSim(const OrgSetup& setup, workers::SessionConfig& config) {
    gcsim::Options options;
    options.agents = setup.agents;
    options.scenario = setup.scenario;
    options.tls = setup.tls;
    options.tokenTtlSeconds = setup.tokenTtlSeconds;
    options.refreshTokens = setup.refreshTokens;
    options.transcriptDelaySeconds = setup.transcriptDelaySeconds;
    options.crossRegionExtraSeconds = setup.crossRegionExtraSeconds;
    options.heartbeatSeconds = setup.heartbeatSeconds;
    options.speed = setup.speed;
    options.eventRate = setup.eventRate;
    options.restrictedAgents = setup.restrictedAgents;
    options.denyTranscripts = setup.denyTranscripts;
    options.noActivityTopic = setup.noActivityTopic;
    options.historyHours = setup.historyHours;
    options.transcriptUrlTtlSeconds = setup.transcriptUrlTtlSeconds;
    options.maxPredicatesPerQuery = setup.maxPredicates;
    options.rateLimitPerMinute = setup.rateLimitPerMinute;
    options.denyPermission = setup.denyPermission;
    sim = std::make_unique<gcsim::Simulator>(options);
    sim->start();
    if (setup.tls) {
      // Trust gcsim's self-signed certificate exactly as --ca-file does, and nothing else extra.
      caFile = ::testing::TempDir() + "gcsim-ca.pem";
      std::ofstream(caFile) << sim->caPem();
      config.caFile = caFile;
      net::HttpClientConfig trusting;
      trusting.caFile = caFile;
      http = std::make_unique<net::HttpClient>(trusting);
    }
  }

  // A (new) panel on the running org, as if the supervisor started it again.
  void startPanel(workers::SessionConfig config = testConfig()) {
    session.reset();
    router.reset();
    store = std::make_unique<store::Store>();
    router = std::make_unique<store::IntentRouter>(*store);
    config.apiBase = config.loginBase = sim->baseUrl();
    config.clientId = "panel-tests";
    config.unattendedSignIn = true;
    config.homeRegion = "us-east-1";
    session = std::make_shared<workers::Session>(config, *store);
    std::weak_ptr<workers::Session> weak = session;
    router->setSessionHandler([weak](store::Intent intent) {
      if (auto s = weak.lock()) s->send(std::move(intent));
    });
    session->start();
  }

  void TearDown() override {
    if (router) router->setSessionHandler(nullptr);
    session.reset();
    if (sim) sim->stop();
  }

  store::SnapshotPtr snap() const { return store->current(); }

  // Polls the published snapshots until `ready` holds; fails the test after `timeout`.
  bool waitFor(const std::function<bool(const store::Snapshot&)>& ready, std::chrono::milliseconds timeout = 20s,
               const char* what = "the panel to show it") {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (ready(*store->current())) return true;
      std::this_thread::sleep_for(20ms);
    }
    ADD_FAILURE() << "timed out waiting for " << what;
    return false;
  }

  bool waitLive() {
    return waitFor([](const store::Snapshot& s) { return s.session->link == store::LinkState::Live; }, 30s,
                   "the link to be live");
  }

  json::object simState() {
    net::HttpRequest request;
    request.url = sim->baseUrl() + "/_sim/state";
    request.sendAuthorization = false;
    auto response = http->sendAndWait(request);
    EXPECT_EQ(response.status, 200) << response.errorMessage;
    return json::parse(response.body).as_object();
  }

  json::object control(const json::object& command) {
    net::HttpRequest request;
    request.method = "POST";
    request.url = sim->baseUrl() + "/_sim/control";
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = json::serialize(command);
    request.sendAuthorization = false;
    auto response = http->sendAndWait(request);
    EXPECT_EQ(response.status, 200) << response.body;
    return response.body.empty() ? json::object{} : json::parse(response.body).as_object();
  }

  void fault(const std::string& spec) { control({{"fault", spec}}); }

  // Starts a connected call for `agent` in the org; returns the conversation id.
  std::string startCall(const std::string& agent) {
    const auto call = control({{"action", "startCall"}, {"userId", agent}});
    return std::string(call.at("conversationId").as_string());
  }

  // Opens the agent in the panel and waits for their interactions to load.
  bool openAgent(const std::string& agent) {
    router->send(store::SelectAgent{agent});
    return waitFor([&](const store::Snapshot& s) {
      return !s.detail->loading && s.detail->agentId == agent && !s.detail->conversationIds.empty();
    }, 30s, "the agent's interactions");
  }

  // An agent of the org by index in /_sim/state (agents only, not supervisors).
  std::string agentId(std::size_t n) {
    std::size_t seen = 0;
    const json::object state = simState();
    for (const auto& a : state.at("agents").as_array()) {
      const auto& o = a.as_object();
      if (!o.at("isAgent").as_bool()) continue;
      if (seen++ == n) return std::string(o.at("id").as_string());
    }
    return {};
  }

  const store::ActionRecord* lastAction(const store::Snapshot& s) {
    return s.actions->empty() ? nullptr : &s.actions->back();
  }

  // Sends a supervisor action and waits until the panel shows how it ended.
  store::ActionRecord act(store::Intent intent) {
    const auto before = snap();
    const std::uint64_t previous = before->actions->empty() ? 0 : before->actions->back().id;
    router->send(std::move(intent));
    store::ActionRecord record;
    waitFor(
        [&](const store::Snapshot& s) {
          const auto* a = lastAction(s);
          if (!a || a->id == previous || a->state == store::ActionState::Pending) return false;
          record = *a;
          return true;
        },
        30s, "the action to end");
    return record;
  }

  std::unique_ptr<gcsim::Simulator> sim;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<store::IntentRouter> router;
  std::shared_ptr<workers::Session> session;
  std::string caFile;
  std::unique_ptr<net::HttpClient> http = std::make_unique<net::HttpClient>();
};

}  // namespace sessiontest
