#include "app/config.h"

#include <gtest/gtest.h>

namespace {

TEST(Config, EveryDocumentedKeyIsRead) {
  std::string error;
  const auto config = app::parseConfig(R"({
    "region": "mypurecloud.ie", "clientId": "abc",
    "windows": ["desk@0", "wallboard@1"],
    "thresholds": {"idleRedSeconds": 900, "queueWaitRedSeconds": 90},
    "savedViews": [{"name": "Sales, idle", "queue": "Sales", "routing": "IDLE", "sort": "time", "ascending": false},
                   {"name": "My team", "directReports": true, "text": "ann"}],
    "sound": {"enabled": false, "event": "dialog-warning", "minIntervalSeconds": 30}
  })", error);
  ASSERT_TRUE(config) << error;
  EXPECT_EQ(config->region, "mypurecloud.ie");
  EXPECT_EQ(config->clientId, "abc");
  EXPECT_EQ(config->windows, (std::vector<std::string>{"desk@0", "wallboard@1"}));
  EXPECT_EQ(config->thresholds.idleRedSeconds, 900);
  EXPECT_EQ(config->thresholds.queueWaitRedSeconds, 90);
  EXPECT_EQ(config->thresholds.holdRedSeconds, model::Thresholds{}.holdRedSeconds) << "unset keys keep the defaults";
  ASSERT_EQ(config->savedViews.size(), 2u);
  EXPECT_EQ(config->savedViews[0].queueName, "Sales");
  EXPECT_EQ(config->savedViews[0].view.routingFilter, static_cast<int>(model::RoutingStatus::Idle));
  EXPECT_EQ(config->savedViews[0].view.sort, store::SortColumn::TimeInStatus);
  EXPECT_FALSE(config->savedViews[0].view.ascending);
  EXPECT_EQ(config->savedViews[1].view.scope, store::AgentScope::DirectReports);
  EXPECT_EQ(config->savedViews[1].view.text, "ann");
  EXPECT_EQ(config->soundEnabled, false);
  EXPECT_EQ(config->soundEvent, "dialog-warning");
  EXPECT_EQ(config->soundIntervalSeconds, 30);
}

// A typo or a wrong type names the key; nothing half-read is used.
TEST(Config, MistakesNameTheKey) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"regoin": "x"})", "regoin"},
      {R"({"thresholds": {"idleRedSecs": 5}})", "thresholds.idleRedSecs"},
      {R"({"thresholds": {"idleRedSeconds": 0}})", "thresholds.idleRedSeconds"},
      {R"({"savedViews": [{"name": "x", "routing": "LAZY"}]})", "LAZY"},
      {R"({"savedViews": [{"queue": "Sales"}]})", "needs a name"},
      {R"({"sound": {"enabled": "yes"}})", "sound.enabled"},
      {R"({"windows": "desk"})", "windows"},
      {R"([1, 2])", "expected an object"},
      {R"({"region": )", "not JSON"},
  };
  for (const auto& [text, named] : cases) {
    std::string error;
    EXPECT_FALSE(app::parseConfig(text, error)) << text;
    EXPECT_NE(error.find(named), std::string::npos) << text << " -> " << error;
  }
}

TEST(Config, NeverHoldsACredential) {
  std::string error;
  EXPECT_FALSE(app::parseConfig(R"({"sound": {"accessToken": "eyJ"}})", error));
  EXPECT_NE(error.find("never holds credentials"), std::string::npos) << error;
  EXPECT_FALSE(app::parseConfig(R"({"client_secret": "s"})", error));
}

TEST(Config, AnEmptyOrMissingFileIsAnEmptyConfig) {
  std::string error;
  EXPECT_TRUE(app::parseConfig("  \n", error));
  EXPECT_TRUE(app::loadConfig("/nonexistent/supervisor-panel/config.json", error));
}

}  // namespace
