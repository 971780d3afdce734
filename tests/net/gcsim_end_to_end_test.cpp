// The network layer against the simulated org (gcsim) over HTTPS and WSS: the real
// paths, sign-in, rate-limit headers, faults and the notifications socket.
#include "net/http_client.h"
#include "net/test_certificate.h"
#include "net/websocket_client.h"

#include <gcsim/simulator.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>

namespace {

using namespace std::chrono_literals;
namespace json = boost::json;
using net::HttpClient;
using net::HttpRequest;
using net::HttpResponse;

std::string base64Url(const unsigned char* data, std::size_t size) {
  std::string text(4 * ((size + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()), data, static_cast<int>(size));
  text.resize(static_cast<std::size_t>(written));
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) c = c == '+' ? '-' : c == '/' ? '_' : c;
  return text;
}

std::string pkceChallenge(const std::string& verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(verifier.data()), verifier.size(), digest);
  return base64Url(digest, sizeof digest);
}

std::string queryParameter(const std::string& url, const std::string& name) {
  const auto start = url.find(name + "=");
  if (start == std::string::npos) return {};
  const auto valueStart = start + name.size() + 1;
  return url.substr(valueStart, url.find('&', valueStart) - valueStart);
}

class GcsimEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    gcsim::Options options;
    options.tls = true;
    options.agents = 20;
    options.scenario = false;  // the org changes only when the test says so
    simulator_ = std::make_unique<gcsim::Simulator>(options);
    simulator_->start();
    caFile_ = nettest::writeTempFile(simulator_->caPem(), ".pem");
    config_.caFile = caFile_;
    config_.retryBaseDelay = 1ms;
    config_.retryMaxDelay = 5ms;
    config_.trafficLog = std::make_shared<net::TrafficLog>();
    client_ = std::make_unique<HttpClient>(config_);
  }
  void TearDown() override {
    client_.reset();
    simulator_->stop();
    std::remove(caFile_.c_str());
  }

  std::string url(const std::string& path) const { return simulator_->baseUrl() + path; }

  // PKCE sign-in as the simulator's supervisor; returns the token response.
  json::object signIn() {
    const std::string verifier = "net-tests-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    const std::string redirectUri = "http://127.0.0.1:8765/callback";
    HttpRequest authorize;
    authorize.url = url("/oauth/authorize?response_type=code&client_id=panel&redirect_uri=" +
                        std::string("http%3A%2F%2F127.0.0.1%3A8765%2Fcallback") +
                        "&code_challenge=" + pkceChallenge(verifier) + "&code_challenge_method=S256&state=s1");
    authorize.sendAuthorization = false;
    const HttpResponse redirect = client_->sendAndWait(authorize);
    EXPECT_EQ(redirect.status, 302) << redirect.errorMessage;
    const std::string location = redirect.header("Location");
    EXPECT_EQ(queryParameter(location, "state"), "s1");

    HttpRequest token;
    token.method = "POST";
    token.url = url("/oauth/token");
    token.sendAuthorization = false;
    token.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    token.body = "grant_type=authorization_code&code=" + queryParameter(location, "code") +
                 "&code_verifier=" + verifier + "&client_id=panel&redirect_uri=" +
                 "http%3A%2F%2F127.0.0.1%3A8765%2Fcallback";
    const HttpResponse tokens = client_->sendAndWait(token);
    EXPECT_EQ(tokens.status, 200) << tokens.body;
    return json::parse(tokens.body).as_object();
  }

  void control(const std::string& body) {
    HttpRequest request;
    request.method = "POST";
    request.url = url("/_sim/control");
    request.body = body;
    request.sendAuthorization = false;
    request.headers = {{"Content-Type", "application/json"}};
    const HttpResponse response = client_->sendAndWait(request);
    ASSERT_EQ(response.status, 200) << response.body;
  }

  HttpRequest get(const std::string& path) {
    HttpRequest request;
    request.url = url(path);
    return request;
  }

  std::unique_ptr<gcsim::Simulator> simulator_;
  std::string caFile_;
  net::HttpClientConfig config_;
  std::unique_ptr<HttpClient> client_;
};

TEST_F(GcsimEndToEnd, SignsInAndCallsTheApiOverVerifiedTls) {
  const json::object tokens = signIn();
  const std::string accessToken(tokens.at("access_token").as_string());
  client_->setTokenSource([accessToken] { return accessToken; }, nullptr);

  const HttpResponse me = client_->sendAndWait(get("/api/v2/users/me"));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body).at("id").as_string(), gcsim::kSupervisorId);
  EXPECT_FALSE(me.correlationId.empty());
  // gcsim reports its rate-limit window, and the budget follows it.
  EXPECT_EQ(client_->stats().budgetPerMinute, 300);
  EXPECT_LT(client_->stats().budgetLeft, 300);

  // Nothing secret reached the debug log or the HAR export.
  const std::string har = config_.trafficLog->exportHar();
  EXPECT_EQ(har.find(accessToken), std::string::npos);
  EXPECT_EQ(har.find(std::string(tokens.at("refresh_token").as_string())), std::string::npos);
  EXPECT_NO_THROW(json::parse(har));
}

TEST_F(GcsimEndToEnd, RenewsAfterRevocationAndReplaysOnce) {
  std::mutex mutex;
  std::string accessToken(signIn().at("access_token").as_string());
  std::atomic<bool> renewalWorks{true};
  std::atomic<int> renewals{0};
  client_->setTokenSource(
      [&] {
        std::lock_guard lock(mutex);
        return accessToken;
      },
      [&](std::function<void(bool)> done) {
        ++renewals;
        if (!renewalWorks) return done(false);
        // Renewal is a request itself (here a fresh PKCE sign-in): made from another
        // thread, never from the network thread that asked for it.
        std::thread([&, done] {
          std::string renewed(signIn().at("access_token").as_string());
          {
            std::lock_guard lock(mutex);
            accessToken = std::move(renewed);
          }
          done(true);
        }).detach();
      });
  ASSERT_EQ(client_->sendAndWait(get("/api/v2/users/me")).status, 200);

  control(R"({"fault":"revoke"})");
  const HttpResponse replayed = client_->sendAndWait(get("/api/v2/users/me"));
  EXPECT_EQ(replayed.status, 200) << replayed.body;
  EXPECT_EQ(replayed.retries, 1);
  EXPECT_EQ(renewals.load(), 1);

  renewalWorks = false;
  control(R"({"fault":"revoke"})");
  const HttpResponse refused = client_->sendAndWait(get("/api/v2/users/me"));
  EXPECT_EQ(refused.status, 401);
  EXPECT_NE(refused.body.find("bad.credentials"), std::string::npos);
  EXPECT_EQ(renewals.load(), 2);
}

TEST_F(GcsimEndToEnd, RidesOut503And429Storms) {
  const json::object tokens = signIn();
  const std::string accessToken(tokens.at("access_token").as_string());
  client_->setTokenSource([accessToken] { return accessToken; }, nullptr);

  control(R"({"fault":"5xx=2"})");
  const HttpResponse afterOutage = client_->sendAndWait(get("/api/v2/users/me"));
  EXPECT_EQ(afterOutage.status, 200);
  EXPECT_EQ(afterOutage.retries, 2);

  control(R"({"fault":"429=1,retry-after=1"})");
  const HttpResponse afterThrottle = client_->sendAndWait(get("/api/v2/users/me"));
  EXPECT_EQ(afterThrottle.status, 200);
  EXPECT_EQ(afterThrottle.retries, 1);
}

TEST_F(GcsimEndToEnd, ReceivesNotificationsOnTheChannelSocket) {
  const json::object tokens = signIn();
  const std::string accessToken(tokens.at("access_token").as_string());
  client_->setTokenSource([accessToken] { return accessToken; }, nullptr);

  HttpRequest createChannel;
  createChannel.method = "POST";
  createChannel.url = url("/api/v2/notifications/channels");
  const HttpResponse channel = client_->sendAndWait(createChannel);
  ASSERT_EQ(channel.status, 200) << channel.body;
  const json::value channelBody = json::parse(channel.body);
  const std::string channelId(channelBody.at("id").as_string());
  const std::string connectUri(channelBody.at("connectUri").as_string());

  std::mutex mutex;
  std::condition_variable arrived;
  std::deque<std::string> messages;
  bool open = false;
  net::WebSocketConfig socketConfig;
  socketConfig.caFile = caFile_;
  socketConfig.trafficLog = config_.trafficLog;
  net::WebSocketClient socket(socketConfig);
  socket.connect(connectUri, {[&] {
                                std::lock_guard lock(mutex);
                                open = true;
                                arrived.notify_all();
                              },
                              [&](std::string message, std::uint64_t) {
                                std::lock_guard lock(mutex);
                                messages.push_back(std::move(message));
                                arrived.notify_all();
                              },
                              [&](const net::WebSocketClose&) {}});
  // Waits (bounded only so that a broken build cannot hang) for a message containing text.
  auto waitFor = [&](const std::string& text) {
    std::unique_lock lock(mutex);
    return arrived.wait_for(lock, 30s, [&] {
      for (const auto& message : messages)
        if (message.find(text) != std::string::npos) return true;
      return false;
    });
  };
  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(arrived.wait_for(lock, 30s, [&] { return open; }));
  }

  const std::string topic = std::string("v2.users.") + gcsim::kSupervisorId + ".presence";
  HttpRequest subscribe;
  subscribe.method = "PUT";
  subscribe.url = url("/api/v2/notifications/channels/" + channelId + "/subscriptions");
  subscribe.headers = {{"Content-Type", "application/json"}};
  subscribe.body = R"([{"id":")" + topic + R"("}])";
  const HttpResponse subscribed = client_->sendAndWait(subscribe);
  ASSERT_EQ(subscribed.status, 200) << subscribed.body;

  socket.send(R"({"message":"ping"})");
  EXPECT_TRUE(waitFor("pong"));

  control(std::string(R"({"action":"setPresence","userId":")") + gcsim::kSupervisorId +
          R"(","presence":"Meal"})");
  EXPECT_TRUE(waitFor(topic));

  bool logged = false;
  for (const auto& entry : config_.trafficLog->snapshot())
    logged |= entry.kind == net::TrafficEntry::Kind::webSocket && entry.topicName == topic;
  EXPECT_TRUE(logged);
}

}  // namespace
