// --record: the whole session in a HAR file, valid after every flush, redacted, capped.
#include "net/traffic_recorder.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using net::TrafficEntry;
using net::TrafficLog;
using net::TrafficRecorder;

constexpr const char* kToken = "eyJhbGciOi.recorded-secret-token";
constexpr const char* kCard = "4111 1111 1111 1111";

fs::path recordingPath(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / "panel-recorder-test";
  fs::create_directories(dir);
  fs::remove(dir / name);
  return dir / name;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The file as a HAR document (fails the test when it is not one).
boost::json::value readHar(const fs::path& path) {
  boost::system::error_code error;
  boost::json::value document = boost::json::parse(readFile(path), error);
  EXPECT_FALSE(error) << "not one JSON document: " << error.message();
  return document;
}

std::size_t socketMessages(const boost::json::value& har) {
  std::size_t count = 0;
  for (const auto& entry : har.at("log").at("entries").as_array())
    if (entry.as_object().contains("_webSocketMessages")) count += entry.at("_webSocketMessages").as_array().size();
  return count;
}

TrafficEntry signInExchange() {
  TrafficEntry exchange;
  exchange.time = std::chrono::system_clock::now();
  exchange.method = "POST";
  exchange.url = "https://login.mypurecloud.ie/oauth/token";
  exchange.path = "/oauth/token";
  exchange.status = 200;
  exchange.requestHeaders = {{"Authorization", std::string("Bearer ") + kToken}};
  exchange.requestBody = "grant_type=authorization_code&code=auth-code-123&code_verifier=v";
  exchange.responseHeaders = {{"Content-Type", "application/json"}};
  exchange.responseBody = std::string(R"({"access_token":")") + kToken + R"(","refresh_token":"refresh-456"})";
  return exchange;
}

std::shared_ptr<TrafficRecorder> openRecorder(const fs::path& path, std::uint64_t maxBytes = 1 << 30,
                                              std::function<void(const std::string&)> onStopped = {}) {
  net::TrafficRecorderConfig config;
  config.path = path.string();
  config.maxBytes = maxBytes;
  config.onStopped = std::move(onStopped);
  std::string error;
  auto recorder = TrafficRecorder::open(config, error);
  EXPECT_TRUE(recorder) << error;
  return recorder;
}

TEST(TrafficRecorder, RecordsEveryMessageNotOnlyTheRing) {
  const fs::path path = recordingPath("every.har");
  auto recorder = openRecorder(path);
  TrafficLog log({.capacity = 100, .recorder = recorder});
  log.recordWebSocketOpen(1, "ws://127.0.0.1:9/channels/ch-1");
  constexpr int kMessages = 5000;
  for (int i = 0; i < kMessages; ++i)
    log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"channel.metadata","n":)" + std::to_string(i) + "}", 1);
  recorder->close();
  EXPECT_EQ(log.size(), 100u) << "the overlay's ring stays bounded";
  const boost::json::value har = readHar(path);
  EXPECT_EQ(socketMessages(har), static_cast<std::size_t>(kMessages));
  for (const auto& entry : har.at("log").at("entries").as_array())
    EXPECT_EQ(entry.at("request").at("url").as_string(), "ws://127.0.0.1:9/channels/ch-1");
  EXPECT_EQ(recorder->messagesRecorded(), static_cast<std::uint64_t>(kMessages));
}

TEST(TrafficRecorder, TheFileIsAValidHarAfterEveryFlush) {
  const fs::path path = recordingPath("flushes.har");
  auto recorder = openRecorder(path);
  EXPECT_EQ(readHar(path).at("log").at("entries").as_array().size(), 0u) << "valid from the start";
  TrafficLog log({.recorder = recorder});
  log.recordWebSocketOpen(3, "ws://127.0.0.1:9/channels/ch-3");
  log.recordWebSocket(TrafficEntry::Direction::received, R"({"n":1})", 3);
  recorder->flush();
  EXPECT_EQ(socketMessages(readHar(path)), 1u) << "what a crash now would leave";
  log.recordHttp(signInExchange());
  log.recordWebSocket(TrafficEntry::Direction::received, R"({"n":2})", 3);
  recorder->flush();
  const boost::json::value har = readHar(path);
  EXPECT_EQ(socketMessages(har), 2u);
  EXPECT_EQ(har.at("log").at("entries").as_array().size(), 3u) << "a socket open across flushes is written in pieces";
}

TEST(TrafficRecorder, RecordsThroughTheOverlaysRedaction) {
  const fs::path path = recordingPath("redacted.har");
  auto recorder = openRecorder(path);
  TrafficLog log({.recorder = recorder});
  log.recordHttp(signInExchange());
  log.recordWebSocketOpen(1, "ws://127.0.0.1:9/channels/ch-1");
  log.recordWebSocket(TrafficEntry::Direction::received, std::string(R"({"card":")") + kCard + R"(","access_token":")" + kToken + R"("})", 1);
  recorder->close();
  const std::string text = readFile(path);
  for (const char* secret : {kToken, "auth-code-123", "refresh-456", "4111 1111 1111 1111"})
    EXPECT_EQ(text.find(secret), std::string::npos) << secret;
  EXPECT_NE(text.find("Bearer [redacted]"), std::string::npos);
  EXPECT_NE(text.find("code=[redacted]"), std::string::npos);
}

TEST(TrafficRecorder, StopsAtTheSizeCapWithASentenceAndAValidFile) {
  const fs::path path = recordingPath("capped.har");
  std::string why;
  constexpr std::uint64_t kCap = 16 * 1024;
  auto recorder = openRecorder(path, kCap, [&why](const std::string& reason) { why = reason; });
  TrafficLog log({.recorder = recorder});
  log.recordWebSocketOpen(1, "ws://127.0.0.1:9/channels/ch-1");
  for (int i = 0; i < 200 && !recorder->stopped(); ++i) {
    log.recordWebSocket(TrafficEntry::Direction::received, R"({"padding":")" + std::string(500, 'x') + R"("})", 1);
    recorder->flush();
  }
  recorder->close();
  EXPECT_TRUE(recorder->stopped());
  EXPECT_NE(why.find("reached its size cap"), std::string::npos) << why;
  EXPECT_NE(why.find(path.string()), std::string::npos) << why;
  EXPECT_LE(fs::file_size(path), kCap);
  const boost::json::value har = readHar(path);
  EXPECT_EQ(har.at("log").at("comment").as_string(), why);
  EXPECT_GT(socketMessages(har), 0u);
}

TEST(TrafficRecorder, AFileThatCannotBeCreatedIsRefusedWithASentence) {
  std::string error;
  net::TrafficRecorderConfig config;
  config.path = "/nonexistent-folder/session.har";
  EXPECT_EQ(TrafficRecorder::open(config, error), nullptr);
  EXPECT_NE(error.find("/nonexistent-folder/session.har"), std::string::npos) << error;
}

}  // namespace
