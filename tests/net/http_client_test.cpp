#include "deadline.h"
#include "net/http_client.h"
#include "net/test_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

namespace {

using namespace std::chrono_literals;
using net::HttpClient;
using net::HttpRequest;
using net::HttpResponse;
using net::NetError;
using nettest::Reply;
using nettest::TestServer;

// Short delays so retries do not slow the suite; no assertion depends on timing. The
// timeouts also bound every sendAndWait; other waits go through deadline.h.
net::HttpClientConfig fastConfig() {
  net::HttpClientConfig config;
  config.connectTimeout = 5s;
  config.requestTimeout = 10s;
  config.retryBaseDelay = 1ms;
  config.retryMaxDelay = 5ms;
  config.trafficLog = std::make_shared<net::TrafficLog>();
  return config;
}

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

HttpRequest post(const std::string& url, std::string body = "{}") {
  HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.body = std::move(body);
  request.headers = {{"Content-Type", "application/json"}};
  return request;
}

TEST(HttpRequest, IdempotencyFollowsTheMethodUnlessSet) {
  HttpRequest request;
  EXPECT_TRUE(request.isIdempotent());
  request.method = "DELETE";
  EXPECT_TRUE(request.isIdempotent());
  request.method = "POST";
  EXPECT_FALSE(request.isIdempotent());
  request.idempotent = true;
  EXPECT_TRUE(request.isIdempotent());
  request.method = "PATCH";
  request.idempotent.reset();
  EXPECT_FALSE(request.isIdempotent());
}

TEST(HttpClient, PlainGetReturnsStatusHeadersBodyAndCorrelationId) {
  TestServer server;
  server.enqueue(200, {{"ININ-Correlation-Id", "corr-42"}}, R"({"id":"me"})");
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(get(server.url("/api/v2/users/me?expand=presence")));
  ASSERT_EQ(response.error, NetError::none) << response.errorMessage;
  EXPECT_TRUE(response.ok());
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"id":"me"})");
  EXPECT_EQ(response.correlationId, "corr-42");
  EXPECT_EQ(response.header("content-type"), "application/json");
  EXPECT_EQ(response.retries, 0);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/api/v2/users/me?expand=presence");
  EXPECT_EQ(requests[0].header("User-Agent"), "supervisor-panel/1.0");
  EXPECT_EQ(requests[0].header("Authorization"), "");  // no token source: no header
}

TEST(HttpClient, PostSendsBodyAndHeaders) {
  TestServer server;
  server.enqueue(201, {}, R"({"id":"appt-1"})");
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(post(server.url("/api/v2/coaching/appointments"), R"({"name":"x"})"));
  EXPECT_EQ(response.status, 201);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].body, R"({"name":"x"})");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/json");
}

TEST(HttpClient, ReusesOneKeepAliveConnectionForSequentialRequests) {
  TestServer server;
  HttpClient client(fastConfig());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.sendAndWait(get(server.url("/ping"))).status, 200);
  EXPECT_EQ(server.connectionsAccepted(), 1);
  EXPECT_EQ(server.requests().size(), 5u);
}

TEST(HttpClient, HonoursConnectionClose) {
  TestServer server;
  server.enqueue(200, {{"Connection", "close"}});
  HttpClient client(fastConfig());
  EXPECT_EQ(client.sendAndWait(get(server.url("/a"))).status, 200);
  EXPECT_EQ(client.sendAndWait(get(server.url("/b"))).status, 200);
  EXPECT_EQ(server.connectionsAccepted(), 2);
}

TEST(HttpClient, NeverSendsAPostOnAnIdleConnectionTheServerDropped) {
  TestServer server;
  server.enqueue(Reply::withFault(Reply::Fault::answerThenClose));
  HttpClient client(fastConfig());
  EXPECT_EQ(client.sendAndWait(get(server.url("/a"))).status, 200);
  ASSERT_TRUE(deadline::eventually([&] { return server.connectionsClosedByServer() > 0; })) << "the server closed its side";
  // A POST is never retried once sent, so it must not be sent on the dead socket.
  const HttpResponse response = client.sendAndWait(post(server.url("/b")));
  EXPECT_EQ(response.status, 200) << response.errorMessage;
  EXPECT_EQ(response.retries, 0);
  EXPECT_EQ(server.connectionsAccepted(), 2);
}

TEST(HttpClient, InvalidUrlIsATypedErrorNotACrash) {
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(get("::nonsense::"));
  EXPECT_EQ(response.error, NetError::invalidRequest);
  EXPECT_FALSE(response.errorMessage.empty());
  EXPECT_EQ(client.sendAndWait(get("wss://h/x")).error, NetError::invalidRequest);
}

TEST(HttpClient, ConnectionRefusedIsAConnectError) {
  std::string url;
  {
    TestServer server;
    url = server.url("/gone");
  }  // the port is closed now
  auto config = fastConfig();
  config.maxRetries = 1;
  HttpClient client(config);
  const HttpResponse response = client.sendAndWait(get(url));
  EXPECT_EQ(response.error, NetError::connect);
  EXPECT_EQ(response.retries, 1);  // nothing was sent, so even a POST could be retried
  EXPECT_NE(response.errorMessage.find("Could not connect"), std::string::npos);
}

// [SECTION] Authorization

TEST(HttpClient, SendsTheBearerTokenAndReplaysOnceAfterRenewal) {
  TestServer server;
  server.setHandler([](const nettest::ReceivedRequest& request) {
    return request.header("Authorization") == "Bearer fresh" ? Reply{200, {}, R"({"ok":true})"} : Reply{401, {}, "{}"};
  });
  HttpClient client(fastConfig());
  std::atomic<int> renewals{0};
  std::string token = "stale";
  std::mutex tokenMutex;
  client.setTokenSource(
      [&] {
        std::lock_guard lock(tokenMutex);
        return token;
      },
      [&](std::function<void(bool)> done) {
        ++renewals;
        std::thread([&, done] {  // renewal completes on another thread, as the auth worker would
          {
            std::lock_guard lock(tokenMutex);
            token = "fresh";
          }
          done(true);
        }).detach();
      });
  const HttpResponse response = client.sendAndWait(get(server.url("/api/v2/users/me")));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.retries, 1);
  EXPECT_EQ(renewals.load(), 1);
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("Authorization"), "Bearer stale");
  EXPECT_EQ(requests[1].header("Authorization"), "Bearer fresh");
}

TEST(HttpClient, ReturnsThe401WhenRenewalFails) {
  TestServer server;
  server.setHandler([](const nettest::ReceivedRequest&) { return Reply{401, {}, R"({"code":"bad.credentials"})"}; });
  HttpClient client(fastConfig());
  int renewals = 0;
  client.setTokenSource([] { return std::string("revoked"); },
                        [&](std::function<void(bool)> done) {
                          ++renewals;
                          done(false);
                        });
  const HttpResponse response = client.sendAndWait(get(server.url("/api/v2/users/me")));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(response.error, NetError::none);
  EXPECT_FALSE(response.errorMessage.empty());
  EXPECT_EQ(renewals, 1);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpClient, ReplaysOnlyOnceEvenIfTheRenewedTokenIsRefusedToo) {
  TestServer server;
  server.setHandler([](const nettest::ReceivedRequest&) { return Reply{401, {}, "{}"}; });
  HttpClient client(fastConfig());
  int generation = 0;
  client.setTokenSource([&] { return "token-" + std::to_string(generation); },
                        [&](std::function<void(bool)> done) {
                          ++generation;
                          done(true);
                        });
  const HttpResponse response = client.sendAndWait(get(server.url("/x")));
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(generation, 1);
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(HttpClient, PreSignedUrlsGoWithoutAuthorization) {
  TestServer server;
  HttpClient client(fastConfig());
  client.setTokenSource([] { return std::string("tok"); }, nullptr);
  HttpRequest request = get(server.url("/transcript.json?X-Amz-Signature=abc"));
  request.sendAuthorization = false;
  EXPECT_EQ(client.sendAndWait(request).status, 200);
  EXPECT_EQ(server.requests().at(0).header("Authorization"), "");
}

// [SECTION] Retries

TEST(HttpClient, RetriesA503BurstForGet) {
  TestServer server;
  server.enqueue(503);
  server.enqueue(502);
  server.enqueue(504);
  server.enqueue(200, {}, R"({"page":1})");
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(get(server.url("/api/v2/routing/queues")));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.retries, 3);
  EXPECT_EQ(server.requests().size(), 4u);
}

TEST(HttpClient, GivesUpAfterThreeRetries) {
  TestServer server;
  server.setHandler([](const nettest::ReceivedRequest&) { return Reply{503, {}, "{}"}; });
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(get(server.url("/x")));
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.retries, 3);
  EXPECT_EQ(server.requests().size(), 4u);
}

TEST(HttpClient, NeverRetriesAPostThatReachedTheServer) {
  TestServer server;
  server.enqueue(503);
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(post(server.url("/api/v2/conversations/calls/c/participants/p/monitor")));
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.retries, 0);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpClient, NeverRetriesAPostWhoseConnectionDroppedAfterSending) {
  TestServer server;
  server.enqueue(Reply::withFault(Reply::Fault::closeWithoutAnswer));
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(post(server.url("/api/v2/coaching/appointments")));
  EXPECT_EQ(response.error, NetError::closed);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpClient, RetriesAGetWhoseConnectionDropped) {
  TestServer server;
  server.enqueue(Reply::withFault(Reply::Fault::closeWithoutAnswer));
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(get(server.url("/x")));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.retries, 1);
}

TEST(HttpClient, Honours429RetryAfterThenSucceeds) {
  TestServer server;
  server.enqueue(429, {{"Retry-After", "1"}}, R"({"code":"too.many.requests.retry.after"})");
  server.enqueue(200);
  HttpClient client(fastConfig());
  const auto started = std::chrono::steady_clock::now();
  const HttpResponse response = client.sendAndWait(post(server.url("/api/v2/coaching/appointments")));
  EXPECT_EQ(response.status, 200);  // even a POST: a 429 means it was not processed
  EXPECT_EQ(response.retries, 1);
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_GE(std::chrono::steady_clock::now() - started, 1s);  // it did wait as asked
}

TEST(HttpClient, GivesUpWhenRetryAfterIsTooLong) {
  TestServer server;
  server.enqueue(429, {{"Retry-After", "500"}});
  HttpClient client(fastConfig());
  const HttpResponse response = client.sendAndWait(get(server.url("/x")));
  EXPECT_EQ(response.error, NetError::rateLimitedTooLong);
  EXPECT_EQ(response.status, 429);
  EXPECT_NE(response.errorMessage.find("500 s"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpClient, TimesOutOnAStalledServer) {
  TestServer server;
  server.setHandler([](const nettest::ReceivedRequest&) { return Reply::withFault(Reply::Fault::stall); });
  auto config = fastConfig();
  config.requestTimeout = 200ms;
  config.maxRetries = 1;
  HttpClient client(config);
  const HttpResponse response = client.sendAndWait(get(server.url("/slow")));
  EXPECT_EQ(response.error, NetError::timeout);
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.retries, 1);  // GET is idempotent: tried again once, then gave up
  EXPECT_EQ(server.requests().size(), 2u);
}

TEST(HttpClient, TooLargeResponseIsATypedError) {
  TestServer server;
  server.enqueue(200, {}, std::string(4096, 'x'));
  auto config = fastConfig();
  config.maxResponseBytes = 1024;
  HttpClient client(config);
  const HttpResponse response = client.sendAndWait(get(server.url("/big")));
  EXPECT_EQ(response.error, NetError::tooLarge);
}

// [SECTION] Connection limit and priority

// Waits until the client reports this many in flight and queued; false after the deadline.
bool waitForStats(const HttpClient& client, int inFlight, int queued) {
  return deadline::eventually([&] {
    const auto stats = client.stats();
    return stats.inFlight == inFlight && stats.queued == queued;
  });
}

// Every promised response arrives within the deadline and is 200.
void expectAllOk(std::vector<std::promise<HttpResponse>>& results) {
  for (auto& result : results) {
    const auto response = deadline::valueWithin(result.get_future());
    ASSERT_TRUE(response) << "no answer within the deadline";
    EXPECT_EQ(response->status, 200);
  }
}

TEST(HttpClient, OpensAtMostMaxConnectionsPerHostAndReusesThem) {
  TestServer server;
  server.setHandler([](const nettest::ReceivedRequest&) { return Reply::withFault(Reply::Fault::holdUntilReleased); });
  std::vector<std::promise<HttpResponse>> results(5);
  auto config = fastConfig();
  config.maxConnectionsPerHost = 2;
  HttpClient client(config);
  for (auto& result : results)
    client.send(get(server.url("/held")), [&result](HttpResponse response) { result.set_value(std::move(response)); });
  ASSERT_TRUE(waitForStats(client, 2, 3));
  server.releaseHeld();
  expectAllOk(results);
  EXPECT_EQ(server.connectionsAccepted(), 2);
  EXPECT_EQ(server.requests().size(), 5u);
}

TEST(HttpClient, UserRequestsJumpAheadOfQueuedBackgroundOnes) {
  TestServer server;
  server.setHandler([](const nettest::ReceivedRequest&) { return Reply::withFault(Reply::Fault::holdUntilReleased); });
  std::vector<std::promise<HttpResponse>> results(4);
  auto config = fastConfig();
  config.maxConnectionsPerHost = 1;
  HttpClient client(config);
  auto sendTo = [&](const std::string& path, net::Priority priority, std::promise<HttpResponse>& result) {
    HttpRequest request = get(server.url(path));
    request.priority = priority;
    client.send(request, [&result](HttpResponse response) { result.set_value(std::move(response)); });
  };
  sendTo("/first", net::Priority::Background, results[0]);
  ASSERT_TRUE(waitForStats(client, 1, 0));
  sendTo("/background-1", net::Priority::Background, results[1]);
  sendTo("/background-2", net::Priority::Background, results[2]);
  sendTo("/monitor", net::Priority::User, results[3]);
  ASSERT_TRUE(waitForStats(client, 1, 3));
  server.releaseHeld();
  expectAllOk(results);
  std::vector<std::string> order;
  for (const auto& request : server.requests()) order.push_back(request.target);
  EXPECT_EQ(order, (std::vector<std::string>{"/first", "/monitor", "/background-1", "/background-2"}));
}

// [SECTION] Budget, statistics, traffic log

TEST(HttpClient, CountsRequestsAgainstTheBudgetAndReadsServerHeaders) {
  TestServer server;
  server.enqueue(200, {{"inin-ratelimit-allowed", "200"}, {"inin-ratelimit-count", "150"}, {"inin-ratelimit-reset", "30"}});
  HttpClient client(fastConfig());
  EXPECT_EQ(client.stats().budgetPerMinute, 300);
  client.sendAndWait(get(server.url("/x")));
  const net::NetStats stats = client.stats();
  EXPECT_EQ(stats.requestsLastMinute, 1);
  EXPECT_EQ(stats.budgetPerMinute, 200);
  EXPECT_EQ(stats.budgetLeft, 50);
  EXPECT_EQ(stats.inFlight, 0);
  EXPECT_EQ(stats.queued, 0);
}

TEST(HttpClient, BackgroundWaitsForTheBudgetWhileUserRequestsPass) {
  TestServer server;
  std::promise<HttpResponse> background;  // outlives the client, which answers it on destruction
  auto config = fastConfig();
  config.budget.requestsPerMinute = 10;  // Background may use 9
  HttpClient client(config);
  for (int i = 0; i < 9; ++i) ASSERT_EQ(client.sendAndWait(get(server.url("/bg"))).status, 200);

  client.send(get(server.url("/bg-late")), [&](HttpResponse response) { background.set_value(std::move(response)); });
  HttpRequest click = post(server.url("/api/v2/conversations/calls/c/participants/p/monitor"));
  click.priority = net::Priority::User;
  EXPECT_EQ(client.sendAndWait(click).status, 200);  // the reserve is the supervisor's

  EXPECT_EQ(client.stats().queued, 1);  // the background request is still waiting for the minute to roll
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 10u);
  EXPECT_EQ(requests.back().method, "POST");
  // Destroying the client cancels it rather than waiting a minute.
}

TEST(HttpClient, CancelsWhatIsPendingWhenDestroyed) {
  TestServer server;
  server.setHandler([](const nettest::ReceivedRequest&) { return Reply::withFault(Reply::Fault::stall); });
  std::promise<HttpResponse> result;
  {
    HttpClient client(fastConfig());
    client.send(get(server.url("/stalled")), [&](HttpResponse response) { result.set_value(std::move(response)); });
    ASSERT_TRUE(deadline::eventually([&] { return !server.requests().empty(); })) << "the request reached the server";
  }
  const auto response = deadline::valueWithin(result.get_future());
  ASSERT_TRUE(response) << "destroying the client answered the pending request";
  EXPECT_EQ(response->error, NetError::cancelled);
}

// The overlay's timing of an attempt: a new connection's connect, none when one is reused, and
// the wait for the header and the body's reading, which add up to no more than the latency.
TEST(HttpClient, RecordsWhereEachAttemptsTimeWent) {
  TestServer server;
  std::string big(200'000, 'x');
  server.enqueue(200, {}, "{}");
  server.enqueue(200, {}, "\"" + big + "\"");
  auto config = fastConfig();
  HttpClient client(config);
  ASSERT_EQ(client.sendAndWait(get(server.url("/first"))).status, 200);
  ASSERT_EQ(client.sendAndWait(get(server.url("/second"))).status, 200);
  const auto entries = config.trafficLog->snapshot();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_GT(entries[0].connect.count(), 0) << "a new connection";
  EXPECT_EQ(entries[1].connect.count(), 0) << "the kept-alive connection was reused";
  for (const auto& e : entries) {
    EXPECT_GT(e.waiting.count(), 0) << e.path;
    EXPECT_GE(e.queued.count(), 0);
    EXPECT_LE((e.queued + e.connect + e.waiting + e.reading).count(), e.latency.count() + e.queued.count() + 1000)
        << "the phases are parts of the attempt";
  }
  const std::string har = config.trafficLog->exportHar();
  EXPECT_NE(har.find("\"connect\":-1"), std::string::npos) << "HAR: no connect on a reused connection";
}

TEST(HttpClient, RecordsEveryAttemptRedactedInTheTrafficLog) {
  TestServer server;
  server.enqueue(503);
  server.enqueue(200, {{"ININ-Correlation-Id", "c-7"}}, R"({"access_token":"leaked-token"})");
  auto config = fastConfig();
  HttpClient client(config);
  client.setTokenSource([] { return std::string("super-secret-token"); }, nullptr);
  HttpRequest request = get(server.url("/api/v2/tokens/me"));
  request.label = "token check";
  ASSERT_EQ(client.sendAndWait(request).status, 200);

  const auto entries = config.trafficLog->snapshot();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].status, 503);
  EXPECT_EQ(entries[1].status, 200);
  EXPECT_EQ(entries[1].retries, 1);
  EXPECT_EQ(entries[1].correlationId, "c-7");
  EXPECT_EQ(entries[1].path, "/api/v2/tokens/me");
  EXPECT_EQ(entries[1].label, "token check");
  bool sawAuthorization = false;
  for (const auto& [name, value] : entries[1].requestHeaders)
    if (name == "Authorization") {
      sawAuthorization = true;
      EXPECT_EQ(value, "Bearer [redacted]");
    }
  EXPECT_TRUE(sawAuthorization);
  const std::string har = config.trafficLog->exportHar();
  EXPECT_EQ(har.find("super-secret-token"), std::string::npos);
  EXPECT_EQ(har.find("leaked-token"), std::string::npos);
}

}  // namespace
