// The log file: written, rotated, redacted. Snapshots are made by hand, as the store
// would publish them; the secret is a real access token from an in-process gcsim.
#include "app/event_log.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "auth/token_manager.h"
#include "gcsim/simulator.h"
#include "net/http_client.h"

namespace {

namespace fs = std::filesystem;
using store::Snapshot;

// A token exactly as gcsim issues it, through the panel's own sign-in.
std::string gcsimAccessToken() {
  gcsim::Options options;
  options.agents = 2;
  options.queues = 1;
  options.scenario = false;
  gcsim::Simulator sim(options);
  sim.start();
  net::HttpClient http(net::HttpClientConfig{});
  auth::TokenManagerConfig config;
  config.loginBase = config.apiBase = sim.baseUrl();
  config.clientId = "event-log-test";
  config.mode = auth::SignInMode::Unattended;
  auth::TokenManager tokens(config, http);
  const auto session = tokens.signIn();
  EXPECT_TRUE(session) << session.error();
  const std::string token = tokens.accessToken();
  sim.stop();
  return token;
}

std::string readAll(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class EventLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory = fs::temp_directory_path() / ("event-log-test-" + std::to_string(::getpid()));
    fs::remove_all(directory);
    config.directory = directory;
  }
  void TearDown() override { fs::remove_all(directory); }

  std::unique_ptr<app::EventLog> open() {
    std::string error;
    auto log = app::EventLog::open(config, error);
    EXPECT_TRUE(log) << error;
    return log;
  }

  // Every file of the log, current and rotated, one after the other.
  std::string everything() const {
    std::string text;
    for (const auto& entry : fs::directory_iterator(directory)) text += readAll(entry.path());
    return text;
  }

  fs::path directory;
  app::EventLogConfig config;
};

// The next snapshot with a change applied to a copy of what `edit` names.
template <typename T, typename Edit>
std::shared_ptr<const T> changed(const std::shared_ptr<const T>& part, Edit edit) {
  auto copy = std::make_shared<T>(*part);
  edit(*copy);
  return copy;
}

TEST_F(EventLogTest, TransitionsAreWrittenWithoutSecrets) {
  const std::string token = gcsimAccessToken();
  ASSERT_GE(token.size(), 20u);
  const std::string refreshToken = "rt-" + token.substr(0, 20) + "-refresh";
  auto log = open();
  ASSERT_TRUE(log);
  EXPECT_EQ(log->path(), directory / "panel.log");

  Snapshot s0;
  Snapshot s1 = s0;  // signed in, live
  s1.session = changed(s0.session, [](store::SessionInfo& s) {
    s.userId = "5a5a5a5a-0000-4000-8000-000000000001";
    s.userName = "Sam Supervisor";
    s.orgName = "gcsim";
    s.link = store::LinkState::Live;
  });
  Snapshot s2 = s1;  // a monitor starts; the link drops with a reason that quotes a header
  s2.actions = changed(s1.actions, [](auto& list) {
    store::ActionRecord monitor;
    monitor.id = 7;
    monitor.kind = store::ActionKind::JoinCall;
    monitor.label = "Monitor Dana Ruiz";
    list.push_back(monitor);
  });
  s2.session = changed(s1.session, [&](store::SessionInfo& s) {
    s.link = store::LinkState::Reconnecting;
    s.message = "Live updates interrupted after Authorization: Bearer " + token;
  });
  Snapshot s3 = s2;  // the monitor fails; toasts carry secrets and personal data
  s3.actions = changed(s2.actions, [](auto& list) {
    list.back().state = store::ActionState::Failed;
    list.back().outcome = "Monitor failed: the call ended";
  });
  s3.toasts = changed(s2.toasts, [&](auto& list) {
    list.push_back({8, store::ToastLevel::Error, "Monitor failed: the call ended", 0});
    list.push_back({9, store::ToastLevel::Warning, "Renewal refused: refresh_token=" + refreshToken + "&x=1", 0});
    list.push_back({10, store::ToastLevel::Info, "Resynchronised after a gap; caller said 4111 1111 1111 1111", 0});
    list.push_back({11, store::ToastLevel::Error, R"(Token answer {"access_token":")" + token + R"("})", 0});
  });
  log->observe(s0, s1);
  log->observe(s1, s2);
  log->observe(s2, s3);
  log->observe(s3, s3);  // nothing new: nothing logged
  log.reset();           // writes what is queued

  const std::string text = everything();
  EXPECT_NE(text.find("signed in as Sam Supervisor (5a5a5a5a-0000-4000-8000-000000000001), organization gcsim"),
            std::string::npos) << text;
  EXPECT_NE(text.find("link offline -> live"), std::string::npos) << text;
  EXPECT_NE(text.find("warning link live -> reconnecting: Live updates interrupted"), std::string::npos) << text;
  EXPECT_NE(text.find("action #7 started: Monitor Dana Ruiz"), std::string::npos) << text;
  EXPECT_NE(text.find("error action #7 failed: Monitor Dana Ruiz: Monitor failed: the call ended"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("error Monitor failed"), std::string::npos) << "the outcome's toast is not said twice";
  EXPECT_NE(text.find("Resynchronised after a gap"), std::string::npos) << text;
  // Redacted, and visibly so.
  EXPECT_EQ(text.find(token), std::string::npos) << text;
  EXPECT_EQ(text.find(refreshToken), std::string::npos) << text;
  EXPECT_EQ(text.find("4111 1111 1111 1111"), std::string::npos) << text;
  EXPECT_NE(text.find("Bearer [redacted]"), std::string::npos) << text;
  EXPECT_NE(text.find("refresh_token=[redacted]"), std::string::npos) << text;
  EXPECT_NE(text.find(R"("access_token":"[redacted]")"), std::string::npos) << text;
  EXPECT_NE(text.find("[card ****1111]"), std::string::npos) << text;
}

TEST_F(EventLogTest, RotatesAtTheSizeAndKeepsTheConfiguredFiles) {
  config.maxFileBytes = 4096;
  config.maxRotatedFiles = 2;
  auto log = open();
  ASSERT_TRUE(log);
  for (int i = 0; i < 400; ++i) log->write(app::LogLevel::Info, "line " + std::to_string(i) + std::string(60, '.'));
  log.reset();
  EXPECT_TRUE(fs::exists(directory / "panel.log"));
  EXPECT_TRUE(fs::exists(directory / "panel.1.log"));
  EXPECT_TRUE(fs::exists(directory / "panel.2.log"));
  EXPECT_FALSE(fs::exists(directory / "panel.3.log"));
  for (const auto& entry : fs::directory_iterator(directory)) EXPECT_LE(fs::file_size(entry.path()), 4096u);
  EXPECT_NE(readAll(directory / "panel.log").find("line 399"), std::string::npos);
}

TEST_F(EventLogTest, LevelsFilterAndOffWritesNothing) {
  config.level = app::LogLevel::Warn;
  auto log = open();
  ASSERT_TRUE(log);
  log->write(app::LogLevel::Info, "an info line");
  log->write(app::LogLevel::Error, "an error line");
  log.reset();
  const std::string text = everything();
  EXPECT_EQ(text.find("an info line"), std::string::npos);
  EXPECT_NE(text.find("an error line"), std::string::npos);

  fs::remove_all(directory);
  config.level = app::LogLevel::Off;
  std::string error;
  EXPECT_FALSE(app::EventLog::open(config, error));
  EXPECT_TRUE(error.empty());
  EXPECT_FALSE(fs::exists(directory));
}

TEST(EventLogDirectory, FollowsXdgStateHome) {
  const char* saved = std::getenv("XDG_STATE_HOME");
  const std::string savedValue = saved ? saved : "";
  const std::string savedHome = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("XDG_STATE_HOME", "/var/tmp/state", 1);
  EXPECT_EQ(app::defaultLogDirectory(), fs::path("/var/tmp/state/supervisor-panel"));
  ::setenv("XDG_STATE_HOME", "relative/ignored", 1);  // the spec says: absolute paths only
  ::setenv("HOME", "/home/sam", 1);
  EXPECT_EQ(app::defaultLogDirectory(), fs::path("/home/sam/.local/state/supervisor-panel"));
  ::setenv("HOME", savedHome.c_str(), 1);
  if (saved) ::setenv("XDG_STATE_HOME", savedValue.c_str(), 1);
  else ::unsetenv("XDG_STATE_HOME");
}

TEST(EventLogLevels, ParseEveryFlagValue) {
  EXPECT_EQ(app::parseLogLevel("trace"), app::LogLevel::Trace);
  EXPECT_EQ(app::parseLogLevel("debug"), app::LogLevel::Debug);
  EXPECT_EQ(app::parseLogLevel("info"), app::LogLevel::Info);
  EXPECT_EQ(app::parseLogLevel("warn"), app::LogLevel::Warn);
  EXPECT_EQ(app::parseLogLevel("error"), app::LogLevel::Error);
  EXPECT_EQ(app::parseLogLevel("off"), app::LogLevel::Off);
  EXPECT_FALSE(app::parseLogLevel("verbose"));
}

}  // namespace
