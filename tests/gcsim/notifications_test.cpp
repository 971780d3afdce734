// Notifications: channels, subscriptions (Permitted/Rejected, the 1,000-topic limit),
// the WebSocket envelope, ping/pong, heartbeats, eviction and socket faults.
#include "test_client.h"

namespace gcsim_test {
namespace {

class NotificationsTest : public SimFixture {
protected:
    void start(int agents = 30, int heartbeat = 30) {
        gcsim::Options o;
        o.agents = agents;
        o.scenario = false;
        o.speed = 20;  // live transcription utterances every few scenario seconds
        o.heartbeatSeconds = heartbeat;
        startSim(o);
        json::value snapshot = state();
        for (const auto& agent : snapshot.at("agents").as_array())
            if (agent.at("isAgent").as_bool()) agents_.emplace_back(agent.at("id").as_string());
    }
    json::value createChannel() {
        Reply reply = api("POST", "/api/v2/notifications/channels");
        EXPECT_EQ(reply.status, 200) << reply.body;
        return reply.json();
    }
    Reply subscribe(const std::string& channelId, const std::vector<std::string>& topics, const char* method = "PUT") {
        json::array body;
        for (const auto& topic : topics) body.push_back(json::object{{"id", topic}});
        return api(method, "/api/v2/notifications/channels/" + channelId + "/subscriptions", json::serialize(body));
    }
    std::unique_ptr<WsClient> connect(const json::value& channel) {
        return std::make_unique<WsClient>(std::string(channel.at("connectUri").as_string()), sim->caPem());
    }
    std::vector<std::string> agents_;
};

TEST_F(NotificationsTest, ChannelShape) {
    start();
    json::value channel = createChannel();
    const std::string id(channel.at("id").as_string());
    EXPECT_EQ(std::string(channel.at("connectUri").as_string()), "ws://127.0.0.1:" + sim->baseUrl().substr(sim->baseUrl().rfind(':') + 1) + "/channels/" + id);
    EXPECT_TRUE(channel.as_object().contains("expires"));
    EXPECT_EQ(api("HEAD", "/api/v2/notifications/channels/" + id).status, 200);
    EXPECT_EQ(api("HEAD", "/api/v2/notifications/channels/nope").status, 404);
}

TEST_F(NotificationsTest, SubscriptionsReportPermittedAndRejected) {
    start();
    const std::string channelId(createChannel().at("id").as_string());
    Reply reply = subscribe(channelId, {"v2.users." + agents_[0] + ".presence",
                                        "v2.users." + agents_[0] + "?presence&routingStatus",
                                        "v2.users.no-such-user.presence",
                                        "v2.bogus.topic",
                                        "v2.users." + agents_[1] + ".wem.coaching.notifications",
                                        std::string("v2.users.") + gcsim::kSupervisorId + ".wem.coaching.notifications"});
    ASSERT_EQ(reply.status, 200) << reply.body;
    std::map<std::string, std::string> states;
    for (const auto& entity : reply.json().at("entities").as_array()) {
        states[std::string(entity.at("id").as_string())] = std::string(entity.at("state").as_string());
        if (entity.at("state").as_string() == "Rejected") {
            EXPECT_FALSE(entity.at("rejectionReason").as_string().empty());
        }
    }
    EXPECT_EQ(states["v2.users." + agents_[0] + ".presence"], "Permitted");
    EXPECT_EQ(states["v2.users." + agents_[0] + "?presence&routingStatus"], "Permitted");
    EXPECT_EQ(states["v2.users.no-such-user.presence"], "Rejected");
    EXPECT_EQ(states["v2.bogus.topic"], "Rejected");
    EXPECT_EQ(states["v2.users." + agents_[1] + ".wem.coaching.notifications"], "Rejected");
    EXPECT_EQ(states[std::string("v2.users.") + gcsim::kSupervisorId + ".wem.coaching.notifications"], "Permitted");
    Reply listed = api("GET", "/api/v2/notifications/channels/" + channelId + "/subscriptions");
    EXPECT_EQ(listed.json().at("entities").as_array().size(), 3u);
    EXPECT_EQ(api("DELETE", "/api/v2/notifications/channels/" + channelId + "/subscriptions").status, 204);
    EXPECT_TRUE(api("GET", "/api/v2/notifications/channels/" + channelId + "/subscriptions").json().at("entities").as_array().empty());
}

TEST_F(NotificationsTest, ThousandTopicLimit) {
    start(300);
    const std::string channelId(createChannel().at("id").as_string());
    std::vector<std::string> topics;
    for (const auto& id : agents_) {
        topics.push_back("v2.users." + id + ".presence");
        topics.push_back("v2.users." + id + ".routingStatus");
        topics.push_back("v2.users." + id + ".conversations");
        topics.push_back("v2.users." + id + "?presence&routingStatus");
    }
    std::vector<std::string> thousand(topics.begin(), topics.begin() + 1000);
    EXPECT_EQ(subscribe(channelId, thousand).status, 200);
    Reply over = subscribe(channelId, {topics[1000]}, "POST");
    EXPECT_EQ(over.status, 400);
    EXPECT_EQ(over.json().at("code").as_string(), "notification.subscription.too.many.subscriptions");
    std::vector<std::string> tooMany(topics.begin(), topics.begin() + 1001);
    EXPECT_EQ(subscribe(channelId, tooMany).status, 400);
    EXPECT_EQ(api("GET", "/api/v2/notifications/channels/" + channelId + "/subscriptions").json().at("entities").as_array().size(), 1000u);
}

TEST_F(NotificationsTest, DeliversOnlySubscribedTopicsInTheRealEnvelope) {
    start();
    json::value channel = createChannel();
    const std::string channelId(channel.at("id").as_string());
    ASSERT_EQ(subscribe(channelId, {"v2.users." + agents_[0] + ".presence"}).status, 200);
    auto ws = connect(channel);
    control({{"action", "setPresence"}, {"userId", agents_[1]}, {"presence", "Meal"}});  // not subscribed
    control({{"action", "setPresence"}, {"userId", agents_[0]}, {"presence", "Break"}});
    std::optional<std::string> text;
    do {
        text = ws->receive();
        ASSERT_TRUE(text);
    } while (text->find("channel.metadata") != std::string::npos);
    json::value message = json::parse(*text);
    EXPECT_EQ(message.at("topicName").as_string(), "v2.users." + agents_[0] + ".presence");
    EXPECT_TRUE(message.as_object().contains("version"));
    EXPECT_FALSE(message.at("metadata").at("CorrelationId").as_string().empty());
    EXPECT_EQ(message.at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "Break");
    EXPECT_TRUE(message.at("eventBody").as_object().contains("modifiedDate"));
}

TEST_F(NotificationsTest, CombinedAndRoutingStatusAndConversationTopics) {
    start();
    json::value channel = createChannel();
    const std::string id(channel.at("id").as_string());
    const std::string user = agents_[2];
    subscribe(id, {"v2.users." + user + "?presence&routingStatus", "v2.users." + user + ".routingStatus",
                   "v2.users." + user + ".conversations"});
    auto ws = connect(channel);
    json::value call = control({{"action", "startCall"}, {"userId", user}});
    auto routing = ws->receiveTopic("v2.users." + user + ".routingStatus");
    ASSERT_TRUE(routing);
    EXPECT_EQ(routing->at("eventBody").at("id").as_string(), user);
    EXPECT_TRUE(routing->at("eventBody").at("routingStatus").as_object().contains("status"));
    auto conversation = ws->receiveTopic("v2.users." + user + ".conversations");
    ASSERT_TRUE(conversation);
    EXPECT_EQ(conversation->at("eventBody").at("id"), call.at("conversationId"));
    EXPECT_GE(conversation->at("eventBody").at("participants").as_array().size(), 3u);
    control({{"action", "setPresence"}, {"userId", user}, {"presence", "Away"}});
    auto combined = ws->receiveTopic("v2.users." + user + "?presence&routingStatus");
    ASSERT_TRUE(combined);
    EXPECT_TRUE(combined->at("eventBody").as_object().contains("presence"));
    EXPECT_TRUE(combined->at("eventBody").as_object().contains("routingStatus"));
}

TEST_F(NotificationsTest, LiveTranscriptionAndCoachingEvents) {
    start();
    json::value call = control({{"action", "startCall"}, {"userId", agents_[3]}});
    const std::string conversationId(call.at("conversationId").as_string());
    json::value channel = createChannel();
    const std::string id(channel.at("id").as_string());
    subscribe(id, {"v2.conversations." + conversationId + ".transcription",
                   std::string("v2.users.") + gcsim::kSupervisorId + ".wem.coaching.notifications"});
    auto ws = connect(channel);
    auto transcript = ws->receiveTopic("v2.conversations." + conversationId + ".transcription", std::chrono::seconds(10));
    ASSERT_TRUE(transcript);
    json::value body = transcript->at("eventBody");
    EXPECT_EQ(body.at("conversationId").as_string(), conversationId);
    EXPECT_EQ(body.at("status").at("status").as_string(), "SESSION_ONGOING");
    EXPECT_FALSE(body.at("transcripts").at(0).at("alternatives").at(0).at("transcript").as_string().empty());
    Reply created = api("POST", "/api/v2/coaching/appointments",
                        json::serialize(json::object{{"name", "Review"}, {"description", "d"}, {"dateStart", "2031-05-05T09:00:00Z"},
                                                     {"lengthInMinutes", 15}, {"attendeeIds", json::array{json::string(agents_[3])}},
                                                     {"facilitatorId", gcsim::kSupervisorId}}));
    ASSERT_EQ(created.status, 201);
    auto coaching = ws->receiveTopic(std::string("v2.users.") + gcsim::kSupervisorId + ".wem.coaching.notifications");
    ASSERT_TRUE(coaching);
    EXPECT_EQ(coaching->at("eventBody").at("actionType").as_string(), "Create");
    EXPECT_EQ(coaching->at("eventBody").at("relationship").as_string(), "Facilitator");
    EXPECT_EQ(coaching->at("eventBody").at("appointment").at("id"), created.json().at("id"));
}

TEST_F(NotificationsTest, PingPongAndHeartbeat) {
    start(10, 1);
    json::value channel = createChannel();
    auto ws = connect(channel);
    ws->send(R"({"message":"ping"})");
    bool pong = false, heartbeat = false;
    for (int i = 0; i < 10 && !(pong && heartbeat); ++i) {
        auto text = ws->receive();
        ASSERT_TRUE(text);
        json::value message = json::parse(*text);
        EXPECT_EQ(message.at("topicName").as_string(), "channel.metadata");
        const auto kind = message.at("eventBody").at("message").as_string();
        pong = pong || kind == "pong";
        heartbeat = heartbeat || kind == "WebSocket Heartbeat";
    }
    EXPECT_TRUE(pong);
    EXPECT_TRUE(heartbeat);
}

TEST_F(NotificationsTest, TwentyFirstChannelEvictsTheOldest) {
    start();
    const std::string first(createChannel().at("id").as_string());
    for (int i = 0; i < 20; ++i) createChannel();
    EXPECT_EQ(api("HEAD", "/api/v2/notifications/channels/" + first).status, 404);
    EXPECT_EQ(api("GET", "/api/v2/notifications/channels").json().at("entities").as_array().size(), 20u);
}

TEST_F(NotificationsTest, DropFaultClosesTheSocket) {
    start();
    json::value channel = createChannel();
    auto ws = connect(channel);
    ws->send(R"({"message":"ping"})");
    ASSERT_TRUE(ws->receive());  // attached
    control({{"fault", "ws-drop"}});
    EXPECT_TRUE(ws->closedByPeer());
    EXPECT_EQ(state().at("channels").as_int64(), 1);
    auto again = connect(channel);  // the channel itself survives a drop
    again->send(R"({"message":"ping"})");
    EXPECT_TRUE(again->receiveTopic("channel.metadata"));
    // While no socket is attached, events are lost; after reattaching they flow again.
    control({{"fault", "ws-drop"}});
    EXPECT_TRUE(again->closedByPeer());
    subscribe(std::string(channel.at("id").as_string()), {"v2.users." + agents_[0] + ".presence"});
    control({{"action", "setPresence"}, {"userId", agents_[0]}, {"presence", "Break"}});
    auto third = connect(channel);
    control({{"action", "setPresence"}, {"userId", agents_[0]}, {"presence", "Meal"}});
    auto event = third->receiveTopic("v2.users." + agents_[0] + ".presence");
    ASSERT_TRUE(event);
    EXPECT_EQ(event->at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "Meal");
}

TEST_F(NotificationsTest, DuplicateAndMalformedFaults) {
    start();
    json::value channel = createChannel();
    subscribe(std::string(channel.at("id").as_string()), {"v2.users." + agents_[0] + ".presence"});
    auto ws = connect(channel);
    ws->send(R"({"message":"ping"})");
    ASSERT_TRUE(ws->receiveTopic("channel.metadata"));
    control({{"fault", "duplicate=1"}});
    control({{"action", "setPresence"}, {"userId", agents_[0]}, {"presence", "Break"}});
    auto first = ws->receive(), second = ws->receive();
    ASSERT_TRUE(first && second);
    EXPECT_EQ(*first, *second);
    control({{"fault", "malformed=1"}});
    control({{"action", "setPresence"}, {"userId", agents_[0]}, {"presence", "Meal"}});
    auto broken = ws->receive();
    ASSERT_TRUE(broken);
    boost::system::error_code error;
    json::parse(*broken, error);
    EXPECT_TRUE(error);
}

TEST_F(NotificationsTest, UnknownChannelSocketIsRefused) {
    start();
    EXPECT_THROW(WsClient("ws://127.0.0.1:" + sim->baseUrl().substr(sim->baseUrl().rfind(':') + 1) + "/channels/nope"),
                 std::exception);
}

}  // namespace
}  // namespace gcsim_test

namespace gcsim_test {
namespace {

TEST_F(NotificationsTest, ReorderFaultSwapsTwoEvents) {
    start();
    json::value channel = createChannel();
    subscribe(std::string(channel.at("id").as_string()), {"v2.users." + agents_[0] + ".presence"});
    auto ws = connect(channel);
    control({{"fault", "reorder=1"}});
    control({{"action", "setPresence"}, {"userId", agents_[0]}, {"presence", "Break"}});
    control({{"action", "setPresence"}, {"userId", agents_[0]}, {"presence", "Meal"}});
    auto first = ws->receiveTopic("v2.users." + agents_[0] + ".presence");
    auto second = ws->receiveTopic("v2.users." + agents_[0] + ".presence");
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "Meal");
    EXPECT_EQ(second->at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "Break");
}

TEST_F(NotificationsTest, QueueObservationEvents) {
    start();
    json::value snapshot = state();
    const std::string queueId(snapshot.at("agents").at(0).at("queueIds").at(0).as_string());
    json::value channel = createChannel();
    subscribe(std::string(channel.at("id").as_string()), {"v2.analytics.queues." + queueId + ".observations"});
    auto ws = connect(channel);
    control({{"action", "startCall"}, {"userId", agents_[0]}, {"queueId", queueId}});
    auto observation = ws->receiveTopic("v2.analytics.queues." + queueId + ".observations");
    ASSERT_TRUE(observation);
    EXPECT_EQ(observation->at("eventBody").at("group").at("queueId").as_string(), queueId);
    bool interacting = false;
    for (const auto& data : observation->at("eventBody").at("data").as_array())
        if (data.at("metric").as_string() == "oInteracting") interacting = data.at("stats").at("count").as_int64() >= 1;
    EXPECT_TRUE(interacting);
}

TEST(ChannelLifetimeTest, SocketClosingThenClose) {
    gcsim::Options o;
    o.agents = 5;
    o.scenario = false;
    o.speed = 43200;  // 24 h of channel life in 2 real seconds
    gcsim::Simulator sim(o);
    sim.start();
    HttpClient http(sim.baseUrl());
    const std::string verifier = "lifetime-verifier-lifetime-verifier-lifetime";
    Reply authorize = http.request("GET", "/oauth/authorize?response_type=code&client_id=c&redirect_uri=http://127.0.0.1:1/cb&code_challenge=" +
                                              pkceChallenge(verifier) + "&code_challenge_method=S256");
    Reply tokenReply = http.request("POST", "/oauth/token",
                                    "grant_type=authorization_code&code=" + queryParam(authorize.header("location"), "code") +
                                        "&code_verifier=" + verifier,
                                    {{"Content-Type", "application/x-www-form-urlencoded"}});
    const std::string bearer(tokenReply.json().at("access_token").as_string());
    Reply channel = http.request("POST", "/api/v2/notifications/channels", "", {{"Authorization", "Bearer " + bearer}});
    ASSERT_EQ(channel.status, 200);
    WsClient ws(std::string(channel.json().at("connectUri").as_string()));
    auto closing = ws.receiveTopic("v2.system.socket_closing", std::chrono::seconds(10));
    ASSERT_TRUE(closing);
    EXPECT_EQ(closing->at("eventBody").at("channelId"), channel.json().at("id"));
    EXPECT_TRUE(ws.closedByPeer(std::chrono::seconds(10)));
    EXPECT_EQ(http.request("HEAD", "/api/v2/notifications/channels/" + std::string(channel.json().at("id").as_string()), "",
                           {{"Authorization", "Bearer " + bearer}}).status, 404);
    sim.stop();
}

}  // namespace
}  // namespace gcsim_test

namespace gcsim_test {
namespace {

// The 24 h expiry on demand (soak tests): the notice, then the close a scenario minute later.
TEST_F(NotificationsTest, SocketClosingFaultEndsTheChannelsLifetimeNow) {
    start();  // speed 20: the scenario minute is 3 real seconds
    json::value channel = createChannel();
    auto ws = connect(channel);
    control({{"fault", "socket-closing"}});
    auto closing = ws->receiveTopic("v2.system.socket_closing", std::chrono::seconds(5));
    ASSERT_TRUE(closing);
    EXPECT_EQ(closing->at("eventBody").at("channelId"), channel.at("id"));
    EXPECT_TRUE(ws->closedByPeer(std::chrono::seconds(10)));
}

TEST_F(NotificationsTest, StallFaultSilencesTheSocketUntilCleared) {
    start();
    json::value channel = createChannel();
    auto ws = connect(channel);
    control({{"fault", "ws-stall"}});
    ws->send(R"({"message":"ping"})");
    EXPECT_FALSE(ws->receive(std::chrono::milliseconds(300)));  // silence, socket still open
    EXPECT_TRUE(ws->connected());
    control({{"fault", "ws-stall=off"}});
    ws->send(R"({"message":"ping"})");
    EXPECT_TRUE(ws->receiveTopic("channel.metadata"));
}

}  // namespace
}  // namespace gcsim_test
