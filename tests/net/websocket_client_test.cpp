#include "net/websocket_client.h"
#include "net/test_server.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>

namespace {

using namespace std::chrono_literals;
using net::NetError;
using net::WebSocketClient;
using net::WebSocketClose;
using nettest::TestServer;

// Collects what the client's callbacks report, for the test thread to wait on.
// The wait bound only stops a broken build from hanging the suite.
class Events {
 public:
  net::WebSocketCallbacks callbacks() {
    return {
        [this] { push("open"); },
        [this](std::string message, std::uint64_t) { push("message:" + message); },
        [this](const WebSocketClose& close) {
          {
            std::lock_guard lock(mutex_);
            close_ = close;
          }
          push("close");
        },
    };
  }
  std::string next() {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, 30s, [&] { return !events_.empty(); })) return "nothing within 30 s";
    std::string event = std::move(events_.front());
    events_.pop_front();
    return event;
  }
  WebSocketClose lastClose() {
    std::lock_guard lock(mutex_);
    return close_;
  }

 private:
  void push(std::string event) {
    {
      std::lock_guard lock(mutex_);
      events_.push_back(std::move(event));
    }
    changed_.notify_all();
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> events_;
  WebSocketClose close_;
};

TEST(WebSocketClient, EchoesAndReportsTheServersClose) {
  TestServer server;
  auto log = std::make_shared<net::TrafficLog>();
  Events events;
  net::WebSocketConfig config;
  config.trafficLog = log;
  WebSocketClient client(config);
  client.connect(server.webSocketUrl("/channels/abc"), events.callbacks());
  ASSERT_EQ(events.next(), "open");
  EXPECT_TRUE(client.isOpen());
  const auto openedAt = client.lastMessageAt();

  EXPECT_TRUE(client.send(R"({"message":"ping"})"));
  EXPECT_TRUE(client.send(R"({"topicName":"channel.metadata","eventBody":{"message":"pong"}})"));
  EXPECT_EQ(events.next(), R"(message:{"message":"ping"})");
  EXPECT_EQ(events.next(), R"(message:{"topicName":"channel.metadata","eventBody":{"message":"pong"}})");
  EXPECT_GE(client.lastMessageAt(), openedAt);

  client.send("close-me");
  EXPECT_EQ(events.next(), "close");
  const WebSocketClose close = events.lastClose();
  EXPECT_EQ(close.error, NetError::none);
  EXPECT_EQ(close.code, 4000);
  EXPECT_FALSE(close.byClient);
  EXPECT_NE(close.reason.find("bye"), std::string::npos);
  EXPECT_FALSE(client.isOpen());
  EXPECT_FALSE(client.send("too late"));

  // Both directions were recorded, with topic names.
  const auto entries = log->snapshot();
  ASSERT_GE(entries.size(), 4u);
  EXPECT_EQ(entries[0].kind, net::TrafficEntry::Kind::webSocket);
  EXPECT_EQ(entries[0].direction, net::TrafficEntry::Direction::sent);
  bool sawTopic = false;
  for (const auto& entry : entries) sawTopic |= entry.topicName == "channel.metadata";
  EXPECT_TRUE(sawTopic);
}

TEST(WebSocketClient, ClientCloseIsReportedAsOrderly) {
  TestServer server;
  Events events;
  WebSocketClient client;
  client.connect(server.webSocketUrl("/channels/abc"), events.callbacks());
  ASSERT_EQ(events.next(), "open");
  client.send("push:hello");
  EXPECT_EQ(events.next(), "message:hello");
  client.close();
  EXPECT_EQ(events.next(), "close");
  EXPECT_TRUE(events.lastClose().byClient);
  EXPECT_EQ(events.lastClose().error, NetError::none);
  EXPECT_EQ(server.webSocketMessagesReceived(), std::vector<std::string>{"push:hello"});
}

TEST(WebSocketClient, ConnectsOverVerifiedTls) {
  TestServer server({.tls = true, .certificateNames = {"localhost"}});
  Events events;
  net::WebSocketConfig config;
  config.caFile = server.caFile();
  WebSocketClient client(config);
  client.connect(server.webSocketUrl("/channels/abc", "localhost"), events.callbacks());
  ASSERT_EQ(events.next(), "open");
  client.send("over tls");
  EXPECT_EQ(events.next(), "message:over tls");
}

TEST(WebSocketClient, RefusesAnUntrustedServerAndSaysWhy) {
  TestServer server({.tls = true, .certificateNames = {"localhost"}});
  Events events;
  WebSocketClient client;
  client.connect(server.webSocketUrl("/channels/abc", "localhost"), events.callbacks());
  EXPECT_EQ(events.next(), "close");
  EXPECT_EQ(events.lastClose().error, NetError::tls);
  EXPECT_EQ(events.lastClose().tlsFailure, net::TlsFailure::untrustedCertificate);
}

TEST(WebSocketClient, BadUrlReportsThroughOnClose) {
  Events events;
  WebSocketClient client;
  client.connect("https://not-a-websocket/x", events.callbacks());
  EXPECT_EQ(events.next(), "close");
  EXPECT_EQ(events.lastClose().error, NetError::invalidRequest);
}

TEST(WebSocketClient, ServerGoingAwayIsAClosedError) {
  Events events;
  WebSocketClient client;
  {
    TestServer server;
    client.connect(server.webSocketUrl("/channels/abc"), events.callbacks());
    ASSERT_EQ(events.next(), "open");
  }  // the server process vanishes without a close frame
  EXPECT_EQ(events.next(), "close");
  EXPECT_EQ(events.lastClose().error, NetError::closed);
  EXPECT_FALSE(events.lastClose().byClient);
}

}  // namespace
