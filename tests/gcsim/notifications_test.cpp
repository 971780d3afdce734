// Notifications: channels, subscriptions (Permitted/Rejected, the 1,000-topic limit),
// the WebSocket envelope, ping/pong, heartbeats, eviction and socket faults.
#include "test_client.h"

#include <map>

namespace gcsim_test {
namespace {

class NotificationsTest : public SimFixture {
protected:
    void start(int agents = 30, int heartbeat = 30, int restricted = 0) {
        gcsim::Options o;
        o.agents = agents;
        o.restrictedAgents = restricted;
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
    Reply subscribe(const std::string& channelId, const std::vector<std::string>& topics, const char* method = "PUT",
                    const char* query = "") {
        json::array body;
        for (const auto& topic : topics) body.push_back(json::object{{"id", topic}});
        return api(method, "/api/v2/notifications/channels/" + channelId + "/subscriptions" + query, json::serialize(body));
    }
    std::string coachingTopic(const std::string& user) const { return "v2.users." + user + ".wem.coaching.notification"; }
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

TEST_F(NotificationsTest, SubscriptionsWithIgnoreErrorsReportPermittedAndRejected) {
    start();
    const std::string channelId(createChannel().at("id").as_string());
    Reply reply = subscribe(channelId, {"v2.users." + agents_[0] + ".presence",
                                        "v2.users." + agents_[0] + "?presence&routingStatus",
                                        "v2.users.no-such-user.presence",
                                        "v2.bogus.topic",
                                        coachingTopic(agents_[1]),
                                        coachingTopic(gcsim::kSupervisorId),
                                        std::string("v2.users.") + gcsim::kSupervisorId + ".wem.coaching.notifications"},
                            "PUT", "?ignoreErrors=true");
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
    EXPECT_EQ(states[coachingTopic(agents_[1])], "Rejected");
    EXPECT_EQ(states[coachingTopic(gcsim::kSupervisorId)], "Permitted");
    EXPECT_EQ(states[std::string("v2.users.") + gcsim::kSupervisorId + ".wem.coaching.notifications"], "Rejected")
        << "the plural is not a topic the org offers";
    Reply listed = api("GET", "/api/v2/notifications/channels/" + channelId + "/subscriptions");
    EXPECT_EQ(listed.json().at("entities").as_array().size(), 3u);
    EXPECT_EQ(api("DELETE", "/api/v2/notifications/channels/" + channelId + "/subscriptions").status, 204);
    EXPECT_TRUE(api("GET", "/api/v2/notifications/channels/" + channelId + "/subscriptions").json().at("entities").as_array().empty());
}

// Without ignoreErrors one refused topic fails the whole request with its code, and the
// channel keeps what it had.
TEST_F(NotificationsTest, OneRefusedTopicFailsTheWholeRequestWithItsCode) {
    start(30, 30, 2);
    const std::string channelId(createChannel().at("id").as_string());
    const std::string restricted = agents_.back();
    ASSERT_EQ(subscribe(channelId, {"v2.users." + agents_[0] + ".presence"}).status, 200);
    struct Case {
        std::string topic;
        int status;
        const char* code;
    };
    for (const Case& c : {Case{"v2.users." + restricted + "?presence&routingStatus", 403, "notification.unauthorized.divisioned.topic"},
                          Case{coachingTopic(agents_[1]), 403, "notification.forbidden.topic"},
                          Case{"v2.bogus.topic", 400, "notification.invalid.topic"},
                          Case{"v2.users." + agents_[2] + ".wem.coaching.notifications", 400, "notification.invalid.topic"}}) {
        Reply refused = subscribe(channelId, {"v2.users." + agents_[1] + ".presence", c.topic});
        EXPECT_EQ(refused.status, c.status) << c.topic;
        EXPECT_EQ(refused.json().at("code").as_string(), c.code) << c.topic;
    }
    Reply listed = api("GET", "/api/v2/notifications/channels/" + channelId + "/subscriptions");
    ASSERT_EQ(listed.json().at("entities").as_array().size(), 1u);
    EXPECT_EQ(listed.json().at("entities").at(0).at("id").as_string(), "v2.users." + agents_[0] + ".presence");
    // The restricted agent is still listed: the supervisor may see them, not follow them.
    EXPECT_TRUE(state().at("agents").as_array().back().is_object());
    EXPECT_EQ(api("GET", "/api/v2/users/" + restricted).status, 200);
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
    // Events spell systemPresence in upper case; REST answers say "Break".
    EXPECT_EQ(message.at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "BREAK");
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
    // The combined subscription arrives expanded: a .presence message, never one named with '?'.
    auto presence = ws->receiveTopic("v2.users." + user + ".presence");
    ASSERT_TRUE(presence);
    EXPECT_EQ(presence->at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "AWAY");
    EXPECT_FALSE(presence->at("eventBody").as_object().contains("routingStatus"));
    EXPECT_FALSE(ws->receiveTopic("v2.users." + user + "?presence&routingStatus", std::chrono::milliseconds(500)));
}

// v2.users.{id}.activity carries presence, routing status and the active queues in one body
// (AgentActivityChangedTopicAgentActivity), event casing for systemPresence.
TEST_F(NotificationsTest, ActivityTopicCarriesPresenceRoutingAndActiveQueues) {
    start();
    json::value channel = createChannel();
    const std::string user = agents_[3];
    ASSERT_EQ(subscribe(std::string(channel.at("id").as_string()), {"v2.users." + user + ".activity"}).status, 200);
    auto ws = connect(channel);
    auto activityWith = [&](const char* presence, const char* eventPresence) {
        control({{"action", "setPresence"}, {"userId", user}, {"presence", presence}});
        std::optional<json::value> message;
        while ((message = ws->receiveTopic("v2.users." + user + ".activity")))
            if (message->at("eventBody").at("presence").at("presenceDefinition").at("systemPresence").as_string() == eventPresence)
                return message->at("eventBody");
        ADD_FAILURE() << "no activity message with " << eventPresence;
        return json::value();
    };
    const json::value onBreak = activityWith("Break", "BREAK");
    ASSERT_TRUE(onBreak.is_object());
    EXPECT_EQ(onBreak.at("id").as_string(), user);
    EXPECT_TRUE(onBreak.at("activeQueueIds").as_array().empty());
    EXPECT_TRUE(onBreak.at("routingStatus").as_object().contains("status"));
    const json::value onQueue = activityWith("OnQueue", "ON_QUEUE");
    ASSERT_TRUE(onQueue.is_object());
    EXPECT_FALSE(onQueue.at("activeQueueIds").as_array().empty());
}

// An org that does not offer the activity topic neither lists nor accepts it.
TEST_F(NotificationsTest, WithoutTheActivityTopicItIsNeitherListedNorAccepted) {
    gcsim::Options o;
    o.agents = 5;
    o.scenario = false;
    o.noActivityTopic = true;
    startSim(o);
    const std::string user(state().at("agents").at(0).at("id").as_string());
    const std::string listing = api("GET", "/api/v2/notifications/availabletopics").body;
    EXPECT_EQ(listing.find("v2.users.{id}.activity"), std::string::npos);
    EXPECT_NE(listing.find("v2.users.{id}.presence"), std::string::npos);
    json::value channel = createChannel();
    Reply refused = subscribe(std::string(channel.at("id").as_string()), {"v2.users." + user + ".activity"});
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("notification.invalid.topic"), std::string::npos);
}

TEST_F(NotificationsTest, LiveTranscriptionAndCoachingEvents) {
    start();
    json::value call = control({{"action", "startCall"}, {"userId", agents_[3]}});
    const std::string conversationId(call.at("conversationId").as_string());
    json::value channel = createChannel();
    const std::string id(channel.at("id").as_string());
    subscribe(id, {"v2.conversations." + conversationId + ".transcription", coachingTopic(gcsim::kSupervisorId)});
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
    auto coaching = ws->receiveTopic(coachingTopic(gcsim::kSupervisorId));
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
    EXPECT_EQ(event->at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "MEAL");
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
    EXPECT_EQ(first->at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "MEAL");
    EXPECT_EQ(second->at("eventBody").at("presenceDefinition").at("systemPresence").as_string(), "BREAK");
}

// genesys-api.md section 3: one message per (queue, media type) with only some metrics, a
// group without media type for user counts, the current interval's aggregates; at most one
// message a second per queue.
TEST_F(NotificationsTest, QueueObservationEvents) {
    start();
    json::value snapshot = state();
    const std::string queueId(snapshot.at("agents").at(0).at("queueIds").at(0).as_string());
    const std::string topic = "v2.analytics.queues." + queueId + ".observations";
    json::value channel = createChannel();
    subscribe(std::string(channel.at("id").as_string()), {topic});
    auto ws = connect(channel);
    json::value call = control({{"action", "startCall"}, {"userId", agents_[0]}, {"queueId", queueId}});

    // "metric|qualifier" -> stats, per group: "users", "voice", "aggregate.voice".
    std::map<std::string, std::map<std::string, json::object>> seen;
    std::vector<std::chrono::steady_clock::time_point> arrivals;
    auto receive = [&](int messages) {
        for (int i = 0; i < messages; ++i) {
            auto observation = ws->receiveTopic(topic);
            ASSERT_TRUE(observation) << "message " << i;
            arrivals.push_back(std::chrono::steady_clock::now());
            const json::object& body = observation->at("eventBody").as_object();
            EXPECT_EQ(body.at("group").at("queueId").as_string(), queueId);
            const json::value* media = body.at("group").as_object().if_contains("mediaType");
            ASSERT_EQ(body.at("data").as_array().size(), 1u);
            const json::object& data = body.at("data").at(0).as_object();
            EXPECT_NE(data.at("interval").as_string().find('/'), json::string::npos);  // ISO-8601 interval
            bool aggregate = false;
            std::map<std::string, json::object> metrics;
            for (const auto& metric : data.at("metrics").as_array()) {
                const std::string name(metric.at("metric").as_string());
                aggregate = aggregate || name[0] != 'o' || name == "oServiceLevel";
                const json::value* qualifier = metric.as_object().if_contains("qualifier");
                metrics[name + (qualifier ? "|" + std::string(qualifier->as_string()) : "")] = metric.at("stats").as_object();
            }
            const std::string group = !media ? "users" : (aggregate ? "aggregate." : "") + std::string(media->as_string());
            for (auto& [key, stats] : metrics) seen[group][key] = stats;
        }
    };
    receive(3);
    ASSERT_TRUE(seen.count("voice") && seen.count("users") && seen.count("aggregate.voice"));
    EXPECT_EQ(seen["voice"]["oInteracting"].at("count").as_int64(), 1);
    EXPECT_FALSE(seen["voice"].count("oWaiting"));  // never changed from zero: not carried
    EXPECT_EQ(seen["users"]["oOnQueueUsers|INTERACTING"].at("count").as_int64(), 1);
    EXPECT_EQ(seen["aggregate.voice"]["nOffered"].at("count").as_int64(), 1);
    EXPECT_EQ(seen["aggregate.voice"]["tAnswered"].at("count").as_int64(), 1);
    EXPECT_EQ(seen["aggregate.voice"]["oServiceLevel"].at("ratio").as_double(), 1.0);  // answered at once
    EXPECT_EQ(seen["aggregate.voice"]["oServiceLevel"].at("target").as_double(), 0.8);
    for (size_t i = 1; i < arrivals.size(); ++i) EXPECT_GE(arrivals[i] - arrivals[i - 1], std::chrono::milliseconds(900));

    // Ending the call changes the voice interaction count and the agent's routing status, nothing else.
    seen.clear();
    control({{"action", "endConversation"}, {"conversationId", call.at("conversationId")}});
    receive(2);
    ASSERT_EQ(seen["voice"].size(), 1u);
    EXPECT_EQ(seen["voice"]["oInteracting"].at("count").as_int64(), 0);
    EXPECT_EQ(seen["users"]["oOnQueueUsers|INTERACTING"].at("count").as_int64(), 0);
    EXPECT_FALSE(seen.count("aggregate.voice"));
    EXPECT_FALSE(ws->receiveTopic(topic, std::chrono::milliseconds(1500)));
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
