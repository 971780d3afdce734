#include "net/traffic_log.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>

namespace {

using net::TrafficEntry;
using net::TrafficLog;
namespace redaction = net::redaction;

constexpr const char* kToken = "eyJhbGciOi.secret-token-value";

TrafficEntry tokenExchange() {
  TrafficEntry entry;
  entry.time = std::chrono::system_clock::now();
  entry.method = "POST";
  entry.url = "https://login.mypurecloud.com/oauth/token?code=abc123&state=xyz";
  entry.path = "/oauth/token?code=abc123&state=xyz";
  entry.status = 200;
  entry.latency = std::chrono::microseconds(1500);
  entry.requestHeaders = {{"Authorization", std::string("Bearer ") + kToken},
                          {"Content-Type", "application/x-www-form-urlencoded"},
                          {"Cookie", "session=s3cr3t"}};
  entry.requestBody = "grant_type=authorization_code&code=abc123&code_verifier=verifier-xyz&client_id=cid";
  entry.responseHeaders = {{"Content-Type", "application/json"}, {"Set-Cookie", "sid=abc; HttpOnly"},
                           {"ININ-Correlation-Id", "corr-1"}};
  entry.responseBody = std::string("{\"access_token\": \"") + kToken +
                       "\",\"token_type\":\"bearer\",\"refresh_token\":\"refresh-xyz\",\"expires_in\":86400}";
  entry.bytesIn = entry.responseBody.size();
  entry.bytesOut = entry.requestBody.size();
  entry.correlationId = "corr-1";
  return entry;
}

TEST(Redaction, AuthorizationKeepsOnlyTheScheme) {
  const auto headers = redaction::redactHeaders({{"authorization", "Bearer abc"},
                                                 {"Set-Cookie", "a=b"},
                                                 {"Accept", "application/json"}});
  EXPECT_EQ(headers[0].second, "Bearer [redacted]");
  EXPECT_EQ(headers[1].second, "[redacted]");
  EXPECT_EQ(headers[2].second, "application/json");
}

TEST(Redaction, FormAndQueryFields) {
  EXPECT_EQ(redaction::redactSecretParameters("grant_type=refresh_token&refresh_token=r1&client_id=c"),
            "grant_type=refresh_token&refresh_token=[redacted]&client_id=c");
  EXPECT_EQ(redaction::redactUrl("https://s3/t.json?X-Amz-Signature=abc&X-Amz-Expires=60#x"),
            "https://s3/t.json?X-Amz-Signature=[redacted]&X-Amz-Expires=60#x");
  EXPECT_EQ(redaction::redactUrl("https://h/no-query"), "https://h/no-query");
}

TEST(Redaction, GenesysErrorCodesStayReadable) {
  const std::string error = R"({"message":"Invalid login credentials.","code":"bad.credentials","status":401})";
  EXPECT_EQ(redaction::redactBody(error, 4096), error);
}

TEST(Redaction, PreSignedUrlInsideJsonLosesItsSignatureAndStaysJson) {
  const std::string body = redaction::redactBody(
      R"({"url":"https://s3/t.json?X-Amz-Credential=AKIA&X-Amz-Signature=deadbeef","note":"a=\"b\" code=x\"y"})", 4096);
  EXPECT_EQ(body.find("deadbeef"), std::string::npos);
  EXPECT_EQ(body.find("AKIA"), std::string::npos);
  boost::system::error_code ec;
  boost::json::parse(body, ec);
  EXPECT_FALSE(ec) << body;
}

TEST(Redaction, JsonStringMembersOnly) {
  EXPECT_EQ(redaction::redactJsonFields(R"({"access_token" : "a\"b", "name":"code", "code":42})"),
            R"({"access_token" : "[redacted]", "name":"code", "code":42})");
  // A secret's name as a value is left alone; nested objects are covered.
  EXPECT_EQ(redaction::redactJsonFields(R"({"x":{"refresh_token":"r"},"y":["access_token"]})"),
            R"({"x":{"refresh_token":"[redacted]"},"y":["access_token"]})");
}

TEST(Redaction, BodiesAreCutAtTheLimit) {
  const std::string body(1000, 'a');
  const std::string cut = redaction::redactBody(body, 100);
  EXPECT_EQ(cut.substr(0, 100), std::string(100, 'a'));
  EXPECT_NE(cut.find("truncated: 1000 bytes"), std::string::npos);
  EXPECT_EQ(redaction::redactBody("short", 100), "short");
}

TEST(TrafficLog, RecordsRedactedEntries) {
  TrafficLog log;
  log.recordHttp(tokenExchange());
  const auto entries = log.snapshot(10);
  ASSERT_EQ(entries.size(), 1u);
  const TrafficEntry& entry = entries[0];
  EXPECT_EQ(entry.requestHeaders[0].second, "Bearer [redacted]");
  EXPECT_EQ(entry.requestHeaders[2].second, "[redacted]");
  EXPECT_EQ(entry.responseHeaders[1].second, "[redacted]");
  EXPECT_EQ(entry.url, "https://login.mypurecloud.com/oauth/token?code=[redacted]&state=xyz");
  EXPECT_EQ(entry.requestBody,
            "grant_type=authorization_code&code=[redacted]&code_verifier=[redacted]&client_id=cid");
  EXPECT_EQ(entry.responseBody.find(kToken), std::string::npos);
  EXPECT_EQ(entry.responseBody.find("refresh-xyz"), std::string::npos);
  EXPECT_NE(entry.responseBody.find("\"token_type\":\"bearer\""), std::string::npos);
}

TEST(TrafficLog, MasksPersonalDataInBodiesAndMessages) {
  TrafficLog log;
  TrafficEntry entry;
  entry.responseBody = R"({"phone":"+14155550123"})";
  log.recordHttp(entry);
  log.recordWebSocket(TrafficEntry::Direction::received,
                      R"({"topicName":"v2.users.u1.presence","eventBody":{"phone":"+14155550123"}})");
  const auto entries = log.snapshot();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].responseBody.find("4155550123"), std::string::npos);
  EXPECT_EQ(entries[1].kind, TrafficEntry::Kind::webSocket);
  EXPECT_EQ(entries[1].topicName, "v2.users.u1.presence");
  EXPECT_EQ(entries[1].body.find("4155550123"), std::string::npos);
}

// A card read out over two transcription events: each half alone is no card, and the first
// is recorded before the second arrives, so every long number in what was said is masked.
TEST(TrafficLog, NumbersSplitAcrossUtterancesAreMaskedInEachRecordedHalf) {
  TrafficLog log;
  auto utterance = [](std::string_view said) {
    return R"({"topicName":"v2.conversations.c1.transcription","eventBody":{"transcripts":[{"utteranceId":"u",)"
           R"("channel":"EXTERNAL","alternatives":[{"transcript":")" + std::string(said) +
           R"(","decoratedTranscript":")" + std::string(said) + R"("}]}]}})";
  };
  log.recordWebSocket(TrafficEntry::Direction::received, utterance("my card is four one one one one one one one"));
  log.recordWebSocket(TrafficEntry::Direction::received, utterance("1111 1111 thanks, call back at three pm, order 42 \\u00e9"));
  const auto entries = log.snapshot();
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& entry : entries) {
    EXPECT_NO_THROW(boost::json::parse(entry.body)) << entry.body;
    EXPECT_EQ(entry.body.find("one one one one"), std::string::npos) << entry.body;
    EXPECT_EQ(entry.body.find("1111"), std::string::npos) << entry.body;
  }
  EXPECT_NE(entries[0].body.find("my card is [number]"), std::string::npos) << entries[0].body;
  EXPECT_NE(entries[1].body.find("[number] thanks, call back at three pm, order 42 \\u00e9"), std::string::npos)
      << "short numbers and escapes stay: " << entries[1].body;
}

TEST(TrafficLog, IsABoundedRingAndSnapshotsTheNewest) {
  TrafficLog log({.capacity = 3});
  for (int i = 0; i < 5; ++i) {
    TrafficEntry entry;
    entry.status = 200 + i;
    log.recordHttp(entry);
  }
  EXPECT_EQ(log.size(), 3u);
  EXPECT_EQ(log.totalRecorded(), 5u);
  const auto newest = log.snapshot(2);
  ASSERT_EQ(newest.size(), 2u);
  EXPECT_EQ(newest[0].status, 203);
  EXPECT_EQ(newest[1].status, 204);
  log.clear();
  EXPECT_EQ(log.size(), 0u);
}

// Sequence numbers tie a received message to what the panel made of it (the overlay).
TEST(TrafficLog, EveryEntryHasTheSequenceNumberItWasRecordedUnder) {
  TrafficLog log({.capacity = 2});
  log.recordHttp(TrafficEntry{});
  const std::uint64_t second = log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"a"})");
  const std::uint64_t third = log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"b"})");
  EXPECT_EQ(second, 2u);
  EXPECT_EQ(third, 3u) << "numbers keep counting when the ring reuses a slot";
  const auto held = log.snapshot();
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[0].sequence, 2u);
  EXPECT_EQ(held[1].sequence, 3u);
  EXPECT_EQ(held[1].topicName, "b");
}

// What the session hands the overlay each tick: the entries after the last it handed over, and
// on opening (0) all the ring holds; entries gone from the ring are not invented.
TEST(TrafficLog, SinceGivesWhatCameAfterASequenceNumber) {
  TrafficLog log({.capacity = 3});
  for (int i = 0; i < 5; ++i)
    log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"t)" + std::to_string(i) + R"("})");
  auto topics = [](const std::vector<TrafficEntry>& entries) {
    std::string out;
    for (const auto& e : entries) out += e.topicName + ";";
    return out;
  };
  EXPECT_EQ(topics(log.since(0)), "t2;t3;t4;");
  EXPECT_EQ(topics(log.since(3)), "t3;t4;");
  EXPECT_EQ(topics(log.since(5)), "");
  EXPECT_EQ(topics(log.since(1)), "t2;t3;t4;") << "what the ring no longer holds is skipped";
  EXPECT_EQ(log.since(4).front().sequence, 5u);
}

TEST(TrafficLog, SocketUrlsNameEachSocketsChannel) {
  TrafficLog log;
  log.recordWebSocketOpen(1, "wss://streaming.example/channels/streaming-0-abc");
  log.recordWebSocketOpen(2, "wss://streaming.example/channels/streaming-0-def");
  const auto urls = log.socketUrls();
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(urls[0], (std::pair<std::uint64_t, std::string>{1, "wss://streaming.example/channels/streaming-0-abc"}));
  EXPECT_EQ(urls[1].first, 2u);
}

// The overlay's Export of its filtered view: only the entries it names.
TEST(TrafficLog, HarExportOfChosenEntriesKeepsOnlyThem) {
  TrafficLog log;
  TrafficEntry kept;
  kept.method = "GET";
  kept.url = "https://api.example/api/v2/users/kept";
  kept.status = 200;
  log.recordHttp(kept);                                                                   // 1
  log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"v2.users.dropped.activity"})", 7);  // 2
  const std::uint64_t message = log.recordWebSocket(TrafficEntry::Direction::received,
                                                    R"({"topicName":"v2.users.kept.activity"})", 7);      // 3
  TrafficEntry dropped = kept;
  dropped.url = "https://api.example/api/v2/users/dropped";
  log.recordHttp(dropped);                                                                // 4
  const std::string har = log.exportHar({1, message});
  EXPECT_NE(har.find("/api/v2/users/kept"), std::string::npos);
  EXPECT_NE(har.find("v2.users.kept.activity"), std::string::npos);
  EXPECT_EQ(har.find("dropped"), std::string::npos) << har;
  EXPECT_NE(log.exportHar().find("dropped"), std::string::npos) << "no list: everything";
}

TEST(TrafficLog, HarExportIsValidHar12WithoutSecrets) {
  TrafficLog log;
  log.recordHttp(tokenExchange());
  log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"channel.metadata"})");
  const std::string har = log.exportHar();
  EXPECT_EQ(har.find(kToken), std::string::npos);
  EXPECT_EQ(har.find("abc123"), std::string::npos);
  EXPECT_EQ(har.find("verifier-xyz"), std::string::npos);
  EXPECT_EQ(har.find("s3cr3t"), std::string::npos);

  boost::system::error_code ec;
  const boost::json::value document = boost::json::parse(har, ec);
  ASSERT_FALSE(ec) << har;
  const auto& harLog = document.at("log").as_object();
  EXPECT_EQ(harLog.at("version").as_string(), "1.2");
  EXPECT_TRUE(harLog.at("creator").as_object().contains("name"));
  const auto& entries = harLog.at("entries").as_array();
  ASSERT_EQ(entries.size(), 2u);  // the exchange, then the socket's entry
  const auto& entry = entries[0].as_object();
  for (const char* key : {"startedDateTime", "time", "request", "response", "cache", "timings"})
    EXPECT_TRUE(entry.contains(key)) << key;
  const auto& request = entry.at("request").as_object();
  for (const char* key : {"method", "url", "httpVersion", "headers", "queryString", "headersSize", "bodySize", "postData"})
    EXPECT_TRUE(request.contains(key)) << key;
  EXPECT_EQ(request.at("method").as_string(), "POST");
  EXPECT_EQ(request.at("queryString").as_array().size(), 2u);
  const auto& response = entry.at("response").as_object();
  for (const char* key : {"status", "statusText", "httpVersion", "headers", "content", "redirectURL", "headersSize",
                          "bodySize"})
    EXPECT_TRUE(response.contains(key)) << key;
  EXPECT_EQ(response.at("status").as_int64(), 200);
  EXPECT_EQ(response.at("statusText").as_string(), "OK");
  EXPECT_EQ(response.at("content").at("mimeType").as_string(), "application/json");
  EXPECT_TRUE(entry.at("startedDateTime").as_string().ends_with("Z"));
}

// Chromium's DevTools form: one entry per socket, its frames in _webSocketMessages.
TEST(TrafficLog, HarExportHasOneEntryPerSocketWithItsMessages) {
  TrafficLog log;
  log.recordWebSocketOpen(7, "wss://streaming.mypurecloud.ie/channels/ch-7");
  log.recordWebSocketOpen(8, "wss://streaming.mypurecloud.ie/channels/ch-8");
  log.recordWebSocket(TrafficEntry::Direction::sent, R"({"message":"ping"})", 7);
  log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"channel.metadata","n":1})", 7);
  log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"channel.metadata","n":2})", 8);
  log.recordWebSocket(TrafficEntry::Direction::received, R"({"phone":"+14155550123","n":3})", 7);

  const boost::json::value document = boost::json::parse(log.exportHar());
  const auto& entries = document.at("log").at("entries").as_array();
  ASSERT_EQ(entries.size(), 2u);
  const auto& first = entries[0].as_object();
  EXPECT_EQ(first.at("_resourceType").as_string(), "websocket");
  EXPECT_EQ(first.at("request").at("url").as_string(), "wss://streaming.mypurecloud.ie/channels/ch-7");
  EXPECT_EQ(first.at("request").at("method").as_string(), "GET");
  EXPECT_EQ(first.at("response").at("status").as_int64(), 101);
  const auto& frames = first.at("_webSocketMessages").as_array();
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].at("type").as_string(), "send");
  EXPECT_EQ(frames[1].at("type").as_string(), "receive");
  EXPECT_EQ(frames[1].at("opcode").as_int64(), 1);
  EXPECT_NE(frames[1].at("data").as_string().find("\"n\":1"), std::string::npos);
  const double sentAt = frames[0].at("time").as_double();
  const double now = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_NEAR(sentAt, now, 60.0) << "time is seconds since the Unix epoch";
  EXPECT_EQ(frames[2].at("data").as_string().find("4155550123"), std::string::npos) << "masked";
  EXPECT_EQ(entries[1].at("_webSocketMessages").as_array().size(), 1u);
}

// A channel that keeps talking is not forgotten behind many short-lived sockets: its HAR
// entry keeps its URL (an entry without one is not valid HAR, and gcsim --replay refuses it).
TEST(TrafficLog, ABusySocketKeepsItsUrlBehindManyReconnects) {
  TrafficLog log;
  log.recordWebSocketOpen(1, "wss://streaming.mypurecloud.ie/channels/main");
  for (std::uint64_t id = 2; id < 100; ++id) {
    log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"channel.metadata"})", 1);
    log.recordWebSocketOpen(id, "wss://streaming.mypurecloud.ie/channels/short-" + std::to_string(id));
  }
  log.recordWebSocket(TrafficEntry::Direction::received, R"({"topicName":"channel.metadata"})", 1);
  const boost::json::value document = boost::json::parse(log.exportHar());
  bool found = false;
  for (const auto& entry : document.at("log").at("entries").as_array()) {
    EXPECT_FALSE(entry.at("request").at("url").as_string().empty()) << "every socket entry has its URL";
    found = found || entry.at("request").at("url").as_string() == "wss://streaming.mypurecloud.ie/channels/main";
  }
  EXPECT_TRUE(found);
}

}  // namespace

// The OAuth redirect answered to the authorize step carries the authorization code in its
// Location header and, for browsers, in an HTML body: neither may reach the log.
TEST(TrafficLogRedaction, AuthorizationCodeInRedirectsIsRedacted) {
  using namespace net::redaction;
  const auto headers = redactHeaders({{"Location", "http://127.0.0.1/callback?code=SECRETCODE&state=s1"}});
  EXPECT_EQ(headers[0].second, "http://127.0.0.1/callback?code=[redacted]&state=s1");
  const std::string html =
      "<html><a href=\"http://127.0.0.1/callback?code=SECRETCODE&amp;state=s1\">continue</a> code=OTHER</html>";
  const std::string body = redactBody(html, 4096);
  EXPECT_EQ(body.find("SECRETCODE"), std::string::npos) << body;
  EXPECT_EQ(body.find("OTHER"), std::string::npos) << body;
  EXPECT_NE(body.find("state=s1"), std::string::npos) << "non-secret parameters stay readable";
  EXPECT_NE(body.find("continue"), std::string::npos);
}

namespace {

TEST(TrafficLog, SocketBodiesAreKeptOnlyWhileWanted) {
  auto wanted = std::make_shared<std::atomic<bool>>(false);
  TrafficLog log({.keepSocketBodies = wanted});
  const std::string message = R"({"topicName":"v2.users.u1.presence","eventBody":{"phone":"+14155550123"}})";
  log.recordWebSocket(TrafficEntry::Direction::received, message);
  wanted->store(true);
  log.recordWebSocket(TrafficEntry::Direction::received, message);
  TrafficEntry rest;
  rest.responseBody = R"({"id":"q1"})";
  wanted->store(false);
  log.recordHttp(rest);  // REST keeps its body for the HAR export, overlay or not
  const auto entries = log.snapshot();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].topicName, "v2.users.u1.presence");
  EXPECT_EQ(entries[0].size, message.size());
  EXPECT_TRUE(entries[0].body.empty());
  EXPECT_NE(entries[1].body.find("[phone ****0123]"), std::string::npos) << entries[1].body;
  EXPECT_EQ(entries[2].responseBody, rest.responseBody);
}

// The ring's second bound: 5,000 large answers must not hold a quarter of a gigabyte.
TEST(TrafficLog, HeldBytesStayUnderTheByteBound) {
  TrafficLog log({.capacity = 5000, .maxBodyBytes = 4 * 1024 * 1024, .maxHeldBytes = 1024 * 1024});
  TrafficEntry big;
  big.responseBody = std::string(60 * 1024, 'x');
  for (int i = 0; i < 200; ++i) {
    big.status = i;
    log.recordHttp(big);
    EXPECT_LE(log.heldBytes(), 1024u * 1024u);
  }
  EXPECT_EQ(log.totalRecorded(), 200u);
  EXPECT_LT(log.size(), 20u);
  EXPECT_EQ(log.snapshot().back().status, 199);
  // One entry larger than the whole bound still shows (alone).
  big.responseBody = std::string(2 * 1024 * 1024, 'y');
  log.recordHttp(big);
  EXPECT_EQ(log.size(), 1u);
  log.clear();
  EXPECT_EQ(log.heldBytes(), 0u);
}

// Slots are reused in place once the ring is full: a REST slot taken by a WebSocket
// message (and back) keeps nothing of the entry before it, and the order survives wraps.
TEST(TrafficLog, ReusedSlotsKeepNothingOfTheirPreviousEntry) {
  TrafficLog log({.capacity = 3});
  TrafficEntry rest = tokenExchange();
  for (int round = 0; round < 4; ++round) {
    log.recordHttp(rest);
    log.recordWebSocket(TrafficEntry::Direction::received,
                        R"({"topicName":"v2.users.u)" + std::to_string(round) + R"(.presence","eventBody":{}})");
  }
  const auto entries = log.snapshot();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].kind, TrafficEntry::Kind::webSocket);
  EXPECT_EQ(entries[0].topicName, "v2.users.u2.presence");
  EXPECT_EQ(entries[1].kind, TrafficEntry::Kind::rest);
  EXPECT_TRUE(entries[1].topicName.empty());
  EXPECT_EQ(entries[2].kind, TrafficEntry::Kind::webSocket);
  EXPECT_EQ(entries[2].topicName, "v2.users.u3.presence");
  EXPECT_TRUE(entries[2].method.empty()) << "nothing of the REST entry that held the slot";
  EXPECT_TRUE(entries[2].requestHeaders.empty());
  EXPECT_EQ(log.totalRecorded(), 8u);
}

TEST(Redaction, FreeTextLinesLoseHeaderStyleAndJsonCredentials) {
  const std::string token = "Zm9vYmFyYmF6cXV4LXNlY3JldC10b2tlbg";
  const std::string line = "401 with Authorization: Bearer " + token + R"(; answer {"refresh_token":")" + token +
                           R"("} code=)" + token + " for jane.doe@example.com, basic rules apply";
  const std::string clean = redaction::redactText(line);
  EXPECT_EQ(clean.find(token), std::string::npos) << clean;
  EXPECT_NE(clean.find("Bearer [redacted]"), std::string::npos) << clean;
  EXPECT_NE(clean.find(R"("refresh_token":"[redacted]")"), std::string::npos) << clean;
  EXPECT_NE(clean.find("code=[redacted]"), std::string::npos) << clean;
  EXPECT_EQ(clean.find("jane.doe@example.com"), std::string::npos) << clean;
  EXPECT_NE(clean.find("basic rules apply"), std::string::npos) << "a scheme word in a sentence stays";
}

}  // namespace
