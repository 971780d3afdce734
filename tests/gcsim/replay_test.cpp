// gcsim --replay: a recorded (or hand-written) HAR served back over real sockets — live
// sign-in, recorded answers in recorded order, a clear 404 for what is missing, channels
// mapped to new ids and their messages played at the recorded pace.
#include "test_client.h"

#include "../../tools/gcsim/src/har_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace {

using namespace gcsim_test;
namespace fs = std::filesystem;

const std::string kExample = std::string(PANEL_SOURCE_DIR) + "/tools/gcsim/examples/hand-written.har";

gcsim::Options replayOf(const std::string& path, double speed = 10) {
    gcsim::Options options;
    options.replayPath = path;
    options.replaySpeed = speed;
    return options;
}

// A HAR with the given entries (JSON texts), written where a test can replay it.
std::string writeHar(const std::string& name, const std::string& entries) {
    const fs::path path = fs::temp_directory_path() / ("gcsim-replay-" + name + ".har");
    std::ofstream(path) << R"({"log":{"version":"1.2","creator":{"name":"test"},"entries":[)" << entries << "]}}";
    return path.string();
}

std::string postEntry(const std::string& path, const std::string& body, const std::string& answer) {
    const json::object entry{
        {"startedDateTime", "2026-11-30T09:00:00.000Z"},
        {"request", {{"method", "POST"}, {"url", "https://api.mypurecloud.ie" + path}, {"postData", {{"text", body}}}}},
        {"response", {{"status", 200}, {"content", {{"mimeType", "application/json"}, {"text", answer}}}}}};
    return json::serialize(entry);
}

class ReplayTest : public SimFixture {};

TEST_F(ReplayTest, HandWrittenExampleIsServedAfterALiveSignIn) {
    startSim(replayOf(kExample));  // signs in through gcsim's own OAuth
    const Reply me = api("GET", "/api/v2/users/me");
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(me.json().at("name").as_string(), "Sam Supervisor");
    EXPECT_EQ(apiWith("not-a-token", "GET", "/api/v2/users/me").status, 401) << "tokens are checked as today";
}

TEST_F(ReplayTest, RepeatedRequestsGetTheirAnswersInRecordedOrderThenTheLastAgain) {
    startSim(replayOf(kExample));
    const std::string queues = "/api/v2/routing/queues?pageSize=100&pageNumber=1";
    EXPECT_EQ(api("GET", queues).json().at("entities").as_array().size(), 1u);
    EXPECT_EQ(api("GET", queues).json().at("entities").as_array().size(), 2u);
    EXPECT_EQ(api("GET", queues).json().at("entities").as_array().size(), 2u);
}

TEST_F(ReplayTest, ARequestWithoutARecordedAnswerIs404NamingItAndListed) {
    startSim(replayOf(kExample));
    const Reply missing = api("GET", "/api/v2/users/someone-else?expand=presence");
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.json().at("code").as_string(), "replay.not.recorded");
    EXPECT_NE(std::string(missing.json().at("message").as_string()).find("GET /api/v2/users/someone-else?expand=presence"),
              std::string::npos)
        << missing.body;
    const json::value listed = state().at("replay");
    EXPECT_EQ(listed.at("notRecordedCount").to_number<uint64_t>(), 1u);
    EXPECT_EQ(listed.at("notRecorded").as_array().at(0).as_string(), "GET /api/v2/users/someone-else?expand=presence");
}

TEST_F(ReplayTest, ChannelsGetNewIdsAndPlayTheRecordedMessagesInOrder) {
    startSim(replayOf(kExample));
    const Reply channel = api("POST", "/api/v2/notifications/channels");
    ASSERT_EQ(channel.status, 200);
    const std::string id(channel.json().at("id").as_string());
    const std::string connectUri(channel.json().at("connectUri").as_string());
    EXPECT_NE(id, "recorded-channel-1");
    EXPECT_EQ(connectUri, "ws" + sim->baseUrl().substr(4) + "/channels/" + id);
    EXPECT_EQ(api("PUT", "/api/v2/notifications/channels/" + id + "/subscriptions", R"([{"id":"v2.users.u-1.presence"}])")
                  .status,
              200)
        << "the new id stands for the recorded one in paths";
    EXPECT_EQ(state().at("replay").at("messagesTotal").to_number<uint64_t>(), 3u) << "received messages; the sent one is not played";

    WsClient socket(connectUri);
    ASSERT_TRUE(socket.connected());
    const auto heartbeat = socket.receive();
    ASSERT_TRUE(heartbeat);
    EXPECT_NE(heartbeat->find("WebSocket Heartbeat"), std::string::npos);
    const auto presence = socket.receive();
    ASSERT_TRUE(presence);
    EXPECT_NE(presence->find("v2.users.u-1.presence"), std::string::npos);
    const auto closing = socket.receive();
    ASSERT_TRUE(closing);
    EXPECT_NE(closing->find("v2.system.socket_closing." + id), std::string::npos) << "channel ids mapped in messages: " << *closing;
    EXPECT_EQ(state().at("replay").at("messagesPlayed").to_number<uint64_t>(), 3u);
}

TEST_F(ReplayTest, RecordedTimingIsScaledBySpeed) {
    startSim(replayOf(kExample, 0.5));  // the presence message, 1 s after opening, comes 2 s after
    const Reply channel = api("POST", "/api/v2/notifications/channels");
    WsClient socket(std::string(channel.json().at("connectUri").as_string()));
    ASSERT_TRUE(socket.receive());  // the heartbeat at 0.1 s -> 0.2 s
    EXPECT_FALSE(socket.receive(std::chrono::milliseconds(1000))) << "not before 2 s";
    EXPECT_TRUE(socket.receive(std::chrono::milliseconds(5000)));
}

TEST_F(ReplayTest, PostBodiesMatchExactlyThenWithoutTimesThenByShape) {
    const std::string path = "/api/v2/analytics/conversations/activity/query";
    const std::string recorded = R"({"filter":{"userIds":["u-1"]},"interval":"2026-11-30T09:00:00.000Z/2026-11-30T10:00:00.000Z"})";
    startSim(replayOf(writeHar("bodies", postEntry(path, R"({"userIds":["u-2"]})", R"({"answer":"u-2"})") + "," +
                                             postEntry(path, recorded, R"({"answer":"u-1"})"))));
    EXPECT_EQ(api("POST", path, R"({"userIds":["u-2"]})").json().at("answer").as_string(), "u-2");
    const std::string tomorrow = R"({"filter":{"userIds":["u-1"]},"interval":"2026-12-01T09:00:00.000Z/2026-12-01T10:00:00.000Z"})";
    EXPECT_EQ(api("POST", path, tomorrow).json().at("answer").as_string(), "u-1") << "times set aside";
    EXPECT_EQ(api("POST", path, R"({"filter":{"userIds":["u-9"]},"interval":"x"})").json().at("answer").as_string(), "u-1")
        << "same shape: the last answer again";
    EXPECT_EQ(api("POST", path, R"({"somethingElse":true})").status, 404);
    EXPECT_EQ(state().at("replay").at("answeredLoosely").to_number<uint64_t>(), 2u);
}

TEST(ReplayReader, InvalidFilesAreRefusedSayingWhereAndWhat) {
    const auto wrong = [](const std::string& text) {
        auto result = gcsim::readHar(text);
        return std::holds_alternative<std::string>(result) ? std::get<std::string>(result) : std::string("accepted");
    };
    EXPECT_NE(wrong("{").find("not valid JSON"), std::string::npos);
    EXPECT_EQ(wrong(R"({"log":{}})"), "log.entries is missing or not an array");
    EXPECT_EQ(wrong(R"({"log":{"entries":[{"request":{"method":"GET"}}]}})"),
              "log.entries[0].request.url is missing or not a string");
    EXPECT_NE(wrong(R"({"log":{"entries":[{"request":{"method":"GET","url":"/relative"},"response":{"status":200}}]}})")
                  .find("not an absolute URL"),
              std::string::npos);
    EXPECT_EQ(wrong(R"({"log":{"entries":[{"_resourceType":"websocket","startedDateTime":"2026-11-30T09:00:00Z",)"
                    R"("request":{"url":"wss://h/channels/c"},"_webSocketMessages":[{"type":"receive","data":"x"}]}]}})"),
              "log.entries[0]._webSocketMessages[0].time is missing or not a number");
    EXPECT_THROW(gcsim::Simulator(replayOf("/nonexistent.har")), std::invalid_argument);
}

TEST(ReplayReader, SignInAndUnansweredAttemptsAreSkipped) {
    const auto session = gcsim::readHar(
        R"({"log":{"entries":[)"
        R"({"request":{"method":"POST","url":"https://login.mypurecloud.ie/oauth/token"},"response":{"status":200}},)"
        R"({"request":{"method":"GET","url":"https://api.mypurecloud.ie/api/v2/users/me"},"response":{"status":0}},)"
        R"({"request":{"method":"get","url":"https://api.mypurecloud.ie/api/v2/users/me?x=1#f"},"response":{"status":200}}]}})");
    ASSERT_TRUE(std::holds_alternative<gcsim::RecordedSession>(session));
    const auto& recorded = std::get<gcsim::RecordedSession>(session);
    ASSERT_EQ(recorded.exchanges.size(), 1u);
    EXPECT_EQ(recorded.skippedEntries, 2u);
    EXPECT_EQ(recorded.exchanges[0].method, "GET");
    EXPECT_EQ(recorded.exchanges[0].path, "/api/v2/users/me");
    EXPECT_EQ(recorded.exchanges[0].query, "x=1");
}

}  // namespace
