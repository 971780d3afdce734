// Issue 14 end to end: the real panel binary, driven by --script against a gcsim org, takes
// an agent off queue, puts another in a secondary presence, deactivates a membership and
// logs one out; /_sim/state shows all four; refused ones end failed with their reason.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <gcsim/simulator.h>

#include <algorithm>
#include <filesystem>

#include "net/http_client.h"
#include "panel_process.h"

namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

class AgentChangesScript : public ::testing::Test {
 protected:
  void startOrg(const std::string& denyPermission = "") {
    gcsim::Options options;
    options.agents = 30;
    options.queues = 4;
    options.scenario = false;  // the org changes only through the panel
    options.denyPermission = denyPermission;
    sim = std::make_unique<gcsim::Simulator>(options);
    sim->start();
  }
  void TearDown() override {
    if (sim) sim->stop();
  }

  json::object state() {
    net::HttpRequest request;
    request.url = sim->baseUrl() + "/_sim/state";
    request.sendAuthorization = false;
    const auto response = http.sendAndWait(request);
    EXPECT_EQ(response.status, 200) << response.errorMessage;
    return json::parse(response.body).as_object();
  }
  static std::string text(const json::value& v) { return std::string(v.as_string()); }
  json::object agent(const json::object& truth, const std::string& id) {
    for (const auto& a : truth.at("agents").as_array())
      if (text(a.at("id")) == id) return a.as_object();
    ADD_FAILURE() << "no agent " << id;
    return {};
  }
  std::string queueName(const json::object& truth, const std::string& id) {
    for (const auto& q : truth.at("queues").as_array())
      if (text(q.at("id")) == id) return text(q.at("name"));
    return {};
  }
  int runPanel(const std::string& name, const std::string& script, fs::path& log) {
    const fs::path dir = e2e::workDir("panel-e2e-agent-changes");
    const fs::path file = e2e::writeScript(dir, name + ".script", script);
    log = dir / (name + ".log");
    return e2e::panelExitCode("--gcsim " + sim->baseUrl() + " --script " + file.string() + " --exit-after 90 2> " +
                              log.string());
  }

  std::unique_ptr<gcsim::Simulator> sim;
  net::HttpClient http;
};

TEST_F(AgentChangesScript, FourChangesReachTheOrgAndARefusalIsShownWithItsReason) {
  startOrg();
  const json::object before = state();
  std::vector<json::object> agents;
  for (const auto& a : before.at("agents").as_array())
    if (a.at("isAgent").as_bool()) agents.push_back(a.as_object());
  // Off queue needs someone on queue; the rest are the next agents in the org.
  const auto onQueue = std::find_if(agents.begin(), agents.end(), [](const json::object& a) {
    return a.at("presence").as_string() == "OnQueue";
  });
  ASSERT_NE(onQueue, agents.end());
  const json::object offQueueAgent = *onQueue;
  agents.erase(onQueue);
  const json::object coffeeAgent = agents[0], memberAgent = agents[1], loggedOutAgent = agents[2], outsider = agents[3];
  const std::string deactivated = text(memberAgent.at("queueIds").at(0));
  std::string notMember;  // a queue the outsider does not belong to
  for (const auto& q : before.at("queues").as_array()) {
    const auto& mine = outsider.at("queueIds").as_array();
    if (std::find(mine.begin(), mine.end(), q.at("id")) == mine.end()) notMember = text(q.at("name"));
  }
  ASSERT_FALSE(notMember.empty());

  fs::path log;
  const int code = runPanel("four-changes",
                            "wait-until live within 30\n"
                            "select-agent " + text(offQueueAgent.at("name")) + "\n"
                            "set-routing-status OFF_QUEUE\n"
                            "wait-until action succeeded within 20\n"
                            "select-agent " + text(coffeeAgent.at("name")) + "\n"
                            "set-presence Coffee break\n"
                            "wait-until action succeeded within 20\n"
                            "select-agent " + text(memberAgent.at("name")) + "\n"
                            "queue-membership " + queueName(before, deactivated) + " off\n"
                            "wait-until action succeeded within 20\n"
                            "select-agent " + text(loggedOutAgent.at("name")) + "\n"
                            "log-out-agent\n"
                            "wait-until action succeeded within 20\n"
                            "select-agent " + text(outsider.at("name")) + "\n"
                            "queue-membership " + notMember + " off\n"
                            "wait-until action failed within 20\n"
                            "expect toast-contains is not a member of " + notMember + "\n"
                            "exit\n",
                            log);
  EXPECT_EQ(code, 0) << e2e::readText(log);

  const json::object after = state();
  EXPECT_EQ(text(agent(after, text(offQueueAgent.at("id"))).at("routingStatus")), "OFF_QUEUE");
  const json::object coffee = agent(after, text(coffeeAgent.at("id")));
  EXPECT_EQ(text(coffee.at("presence")), "Break");
  EXPECT_EQ(text(coffee.at("presenceDefinitionId")), "0c0c0c0c-0000-4000-8000-000000000001");  // Coffee break
  const json::array joined = agent(after, text(memberAgent.at("id"))).at("joinedQueueIds").as_array();
  EXPECT_EQ(std::find(joined.begin(), joined.end(), json::value(deactivated)), joined.end());
  const json::object gone = agent(after, text(loggedOutAgent.at("id")));
  EXPECT_EQ(text(gone.at("presence")), "Offline");
  EXPECT_EQ(gone.at("activeTokens").as_int64(), 0);
  const json::array outsiderJoined = agent(after, text(outsider.at("id"))).at("joinedQueueIds").as_array();
  EXPECT_EQ(outsiderJoined.size(), outsider.at("joinedQueueIds").as_array().size());
}

TEST_F(AgentChangesScript, ALogOutWithoutThePermissionEndsFailedNamingIt) {
  startOrg("oauth:token:delete");
  const json::object before = state();
  const json::object target = before.at("agents").at(0).as_object();
  fs::path log;
  const int code = runPanel("refused-log-out",
                            "wait-until live within 30\n"
                            "select-agent " + text(target.at("name")) + "\n"
                            "log-out-agent\n"
                            "wait-until action failed within 20\n"
                            "expect toast-contains oauth:token:delete\n"
                            "exit\n",
                            log);
  EXPECT_EQ(code, 0) << e2e::readText(log);
  EXPECT_NE(text(agent(state(), text(target.at("id"))).at("presence")), "Offline");
}

}  // namespace
