// Every JSON body gcsim sends for the panel's endpoints, validated against the swagger
// (required fields, types, enums, date-times, no invented properties), and every event
// body against the SDK models in notification-topics-2.json (both vendored in contracts/genesys/).
#include "contract_fixture.h"

namespace gcsim_test {
namespace {

class ConformanceTest : public ContractFixture {
protected:
    void SetUp() override {
        gcsim::Options o;
        o.agents = 30;
        o.queues = 3;
        o.scenario = false;
        o.speed = 20;
        startSim(o);
        json::value snapshot = state();
        agentId = std::string(snapshot.at("agents").at(0).at("id").as_string());
        queueId = std::string(snapshot.at("agents").at(0).at("queueIds").at(0).as_string());
    }
    std::string agentId, queueId;
};

TEST_F(ConformanceTest, DirectoryAndAnalyticsBodies) {
    json::value call = firstAgentCall();
    const std::string sup = gcsim::kSupervisorId;
    conforms("GET", "/api/v2/users/me", "/api/v2/users/me", 200);
    conforms("GET", "/api/v2/tokens/me", "/api/v2/tokens/me", 200);
    conforms("GET", "/api/v2/users/" + sup + "/station", "/api/v2/users/{userId}/station", 200);
    conforms("GET", "/api/v2/routing/queues?pageSize=2&pageNumber=1", "/api/v2/routing/queues", 200);
    conforms("GET", "/api/v2/routing/queues/" + queueId + "/members?expand=presence,routingStatus&pageSize=100",
             "/api/v2/routing/queues/{queueId}/members", 200);
    conforms("GET", "/api/v2/users?id=" + agentId + "&expand=presence&expand=routingStatus&expand=conversationSummary",
             "/api/v2/users", 200);
    conforms("GET", "/api/v2/users/" + agentId + "?expand=presence", "/api/v2/users/{userId}", 200);
    conforms("GET", "/api/v2/users/" + sup + "/directreports?expand=presence,routingStatus", "/api/v2/users/{userId}/directreports", 200);
    conforms("GET", "/api/v2/users/" + agentId + "/queues?joined=true", "/api/v2/users/{userId}/queues", 200);
    conforms("GET", "/api/v2/users/" + agentId + "/presences/purecloud", "/api/v2/users/{userId}/presences/purecloud", 200);
    conforms("GET", "/api/v2/users/" + agentId + "/routingstatus", "/api/v2/users/{userId}/routingstatus", 200);
    Reply station = conforms("GET", "/api/v2/users/" + sup + "/station", "/api/v2/users/{userId}/station", 200);
    conforms("GET", "/api/v2/stations/" + std::string(station.json().at("associatedStation").at("id").as_string()),
             "/api/v2/stations/{stationId}", 200);
    conforms("GET", "/api/v2/presence/definitions", "/api/v2/presence/definitions", 200);
    conforms("GET", "/api/v2/organizations/limits/namespaces/platform.api", "/api/v2/organizations/limits/namespaces/{namespaceName}", 200);
    conforms("GET", "/api/v2/notifications/availabletopics", "/api/v2/notifications/availabletopics", 200);
    json::value queueQuery{{"filter", {{"type", "or"}, {"predicates", json::array{{{"dimension", "queueId"}, {"value", queueId}}}}}},
                           {"metrics", json::array{"oWaiting", "oInteracting", "oAlerting", "oOnQueueUsers", "oOffQueueUsers",
                                                   "oLongestWaiting", "oLongestInteracting", "oMemberUsers", "oActiveUsers",
                                                   "oUserPresences", "oUserRoutingStatuses"}},
                           {"detailMetrics", json::array{"oWaiting", "oInteracting"}}};
    conforms("POST", "/api/v2/analytics/queues/observations/query", "/api/v2/analytics/queues/observations/query", 200,
             json::serialize(queueQuery));
    json::value activity{{"metrics", json::array{{{"metric", "oInteracting"}, {"details", true}}, {{"metric", "oWaiting"}}}},
                         {"groupBy", json::array{"userId"}},
                         {"filter", {{"type", "or"}, {"predicates", json::array{{{"dimension", "userId"}, {"value", agentId}}}}}}};
    conforms("POST", "/api/v2/analytics/conversations/activity/query", "/api/v2/analytics/conversations/activity/query", 200,
             json::serialize(activity));
    json::value users{{"filter", {{"type", "or"}, {"predicates", json::array{{{"dimension", "userId"}, {"value", agentId}}}}}},
                      {"metrics", json::array{"oActiveQueues", "oUserPresences", "oUserRoutingStatuses"}}};
    conforms("POST", "/api/v2/analytics/users/observations/query", "/api/v2/analytics/users/observations/query", 200,
             json::serialize(users));
    json::value aggregates{{"interval", "2020-01-01T00:00:00.000Z/2099-01-01T00:00:00.000Z"},
                           {"groupBy", json::array{"queueId", "mediaType"}},
                           {"filter", {{"type", "or"}, {"predicates", json::array{{{"dimension", "queueId"}, {"value", queueId}}}}}},
                           {"metrics", json::array{"nOffered", "tAnswered", "tAbandon", "oServiceLevel"}}};
    conforms("POST", "/api/v2/analytics/conversations/aggregates/query", "/api/v2/analytics/conversations/aggregates/query",
             200, json::serialize(aggregates));
    conforms("GET", "/api/v2/users/me", "/api/v2/users/me", 401, "", "bogus-token");
    conforms("GET", "/api/v2/users/me", "/api/v2/users/me", 400, "", clientCredentialsToken());
    conforms("GET", "/api/v2/users?pageSize=x", "/api/v2/users", 400);
}

TEST_F(ConformanceTest, ConversationBodies) {
    json::value call = firstAgentCall();
    const std::string cid(call.at("conversationId").as_string());
    const std::string pid(call.at("participantId").as_string());
    const std::string comm(call.at("communicationId").as_string());
    control({{"action", "hold"}, {"conversationId", cid}, {"held", true}});
    conforms("POST", "/api/v2/conversations/calls/" + cid + "/participants/" + pid + "/monitor",
             "/api/v2/conversations/calls/{conversationId}/participants/{participantId}/monitor", 201);
    conforms("GET", "/api/v2/conversations/" + cid, "/api/v2/conversations/{conversationId}", 200);
    conforms("GET", "/api/v2/conversations/calls/" + cid, "/api/v2/conversations/calls/{conversationId}", 200);
    for (const char* media : {"chat", "message", "email", "callback"}) {
        json::value other = control({{"action", "startCall"}, {"userId", std::string(state().at("agents").at(1).at("id").as_string())}, {"media", media}});
        conforms("GET", "/api/v2/conversations/" + std::string(other.at("conversationId").as_string()), "/api/v2/conversations/{conversationId}", 200);
    }
    const std::string transcript = "/api/v2/speechandtextanalytics/conversations/" + cid + "/communications/" + comm + "/transcripturl";
    const std::string transcriptTemplate =
        "/api/v2/speechandtextanalytics/conversations/{conversationId}/communications/{communicationId}/transcripturl";
    conforms("GET", transcript, transcriptTemplate, 404);
    control({{"action", "endConversation"}, {"conversationId", cid}});
    conforms("GET", "/api/v2/conversations/" + cid, "/api/v2/conversations/{conversationId}", 200);
    conforms("POST", "/api/v2/conversations/calls/" + cid + "/participants/" + pid + "/barge",
             "/api/v2/conversations/calls/{conversationId}/participants/{participantId}/barge", 400);
    control({{"action", "advance"}, {"seconds", 200}});
    conforms("GET", transcript, transcriptTemplate, 200);
}

TEST_F(ConformanceTest, CoachingBodies) {
    json::value call = firstAgentCall();
    const std::string cid(call.at("conversationId").as_string());
    json::object create{{"name", "Review"},
                        {"description", "Call review"},
                        {"dateStart", "2031-03-03T10:00:00.000Z"},
                        {"lengthInMinutes", 30},
                        {"attendeeIds", json::array{json::string(agentId)}},
                        {"facilitatorId", gcsim::kSupervisorId},
                        {"conversationIds", json::array{json::string(cid)}},
                        {"externalLinks", json::array{"supervisor-panel://session/1"}}};
    Reply created = conforms("POST", "/api/v2/coaching/appointments", "/api/v2/coaching/appointments", 201, json::serialize(create));
    const std::string id(created.json().at("id").as_string());
    conforms("POST", "/api/v2/coaching/appointments", "/api/v2/coaching/appointments", 409, json::serialize(create));
    conforms("GET", "/api/v2/coaching/appointments?userIds=" + agentId, "/api/v2/coaching/appointments", 200);
    conforms("GET", "/api/v2/coaching/appointments", "/api/v2/coaching/appointments", 400);
    conforms("GET", "/api/v2/coaching/appointments/me", "/api/v2/coaching/appointments/me", 200);
    conforms("GET", "/api/v2/coaching/appointments/" + id, "/api/v2/coaching/appointments/{appointmentId}", 200);
    conforms("PATCH", "/api/v2/coaching/appointments/" + id, "/api/v2/coaching/appointments/{appointmentId}", 200, R"({"name":"Renamed"})");
    conforms("POST", "/api/v2/coaching/appointments/" + id + "/conversations",
             "/api/v2/coaching/appointments/{appointmentId}/conversations", 200, json::serialize(json::object{{"conversationId", cid}}));
    conforms("POST", "/api/v2/coaching/appointments/" + id + "/annotations",
             "/api/v2/coaching/appointments/{appointmentId}/annotations", 201, R"({"text":"note","accessType":"Public"})");
    conforms("GET", "/api/v2/coaching/appointments/" + id + "/annotations",
             "/api/v2/coaching/appointments/{appointmentId}/annotations", 200);
    conforms("PATCH", "/api/v2/coaching/appointments/" + id + "/status", "/api/v2/coaching/appointments/{appointmentId}/status", 200,
             R"({"status":"Completed"})");
    conforms("PATCH", "/api/v2/coaching/appointments/" + id + "/status", "/api/v2/coaching/appointments/{appointmentId}/status", 409,
             R"({"status":"InProgress"})");
    conforms("GET", "/api/v2/coaching/appointments/" + id, "/api/v2/coaching/appointments/{appointmentId}", 200);
    conforms("GET", "/api/v2/coaching/appointments/nope", "/api/v2/coaching/appointments/{appointmentId}", 404);
}

TEST_F(ConformanceTest, NotificationBodiesAndEvents) {
    Reply channelReply = conforms("POST", "/api/v2/notifications/channels", "/api/v2/notifications/channels", 200);
    const json::value channel = channelReply.json();
    const std::string channelId(channel.at("id").as_string());
    conforms("GET", "/api/v2/notifications/channels", "/api/v2/notifications/channels", 200);
    const std::string user = agentId;
    json::array topics;
    for (const std::string& topic : {"v2.users." + user + ".presence", "v2.users." + user + ".routingStatus",
                                    "v2.users." + user + ".activity", "v2.users." + user + ".conversations", "v2.routing.queues." + queueId + ".conversations",
                                    "v2.users." + user + ".conversations.calls", "v2.routing.queues." + queueId + ".conversations.calls",
                                    std::string("v2.users.") + gcsim::kSupervisorId + ".wem.coaching.notification",
                                    std::string("v2.users.bad.presence")})
        topics.push_back(json::object{{"id", topic}});
    conforms("PUT", "/api/v2/notifications/channels/" + channelId + "/subscriptions?ignoreErrors=true",
             "/api/v2/notifications/channels/{channelId}/subscriptions", 200, json::serialize(topics));
    conforms("GET", "/api/v2/notifications/channels/" + channelId + "/subscriptions",
             "/api/v2/notifications/channels/{channelId}/subscriptions", 200);

    WsClient ws(std::string(channel.at("connectUri").as_string()));
    json::value call = control({{"action", "startCall"}, {"userId", user}, {"queueId", queueId}});
    const std::string cid(call.at("conversationId").as_string());
    Reply more = apiWith(token, "POST", "/api/v2/notifications/channels/" + channelId + "/subscriptions",
                         json::serialize(json::array{json::object{{"id", "v2.conversations." + cid + ".transcription"}}}));
    ASSERT_EQ(more.status, 200);
    control({{"action", "hold"}, {"conversationId", cid}, {"held", true}});
    api("POST", "/api/v2/conversations/calls/" + cid + "/participants/" + std::string(call.at("participantId").as_string()) + "/coach");
    api("POST", "/api/v2/coaching/appointments",
        json::serialize(json::object{{"name", "n"}, {"description", "d"}, {"dateStart", "2031-01-01T09:00:00Z"}, {"lengthInMinutes", 10},
                                     {"attendeeIds", json::array{json::string(user)}}, {"facilitatorId", gcsim::kSupervisorId}}));
    control({{"action", "setPresence"}, {"userId", user}, {"presence", "Break"}});
    std::set<std::string> modelsSeen;
    int checked = 0;
    auto checkFrame = [&](const std::string& text) {
        json::value message = json::parse(text);
        const std::string topic(message.at("topicName").as_string());
        if (topic == "channel.metadata") return;
        const std::string model = events->modelForTopic(topic);
        EXPECT_FALSE(model.empty()) << "no model for " << topic;
        auto problems = events->checkModel(model, message.at("eventBody"));
        EXPECT_TRUE(problems.empty()) << topic << "\n" << problemsText(problems);
        modelsSeen.insert(model);
        ++checked;
    };
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!modelsSeen.count("TranscriptionTopicTranscriptionMessage") && std::chrono::steady_clock::now() < deadline) {
        auto text = ws.receive();
        ASSERT_TRUE(text);
        checkFrame(*text);
    }
    control({{"action", "endConversation"}, {"conversationId", cid}});
    while (auto text = ws.receive(std::chrono::milliseconds(1500))) checkFrame(*text);
    EXPECT_GE(checked, 6);
    for (const char* model : {"PresenceEventUserPresence", "UserRoutingStatusUserRoutingStatus", "AgentActivityChangedTopicAgentActivity",
                              "ConversationEventTopicConversation",
                              "QueueConversationEventTopicConversation", "WemCoachingUserNotificationTopicCoachingUserNotification",
                              "TranscriptionTopicTranscriptionMessage", "ConversationCallEventTopicCallConversation",
                              "QueueConversationCallEventTopicCallConversation"})
        EXPECT_TRUE(modelsSeen.count(model)) << model;
}

// The queue observations topic against StatEventQueueTopicStatsNotification.
TEST_F(ConformanceTest, QueueObservationEvents) {
    const EventModelChecker& topics2 = *events;
    const std::string topic = "v2.analytics.queues." + queueId + ".observations";
    ASSERT_EQ(topics2.modelForTopic(topic), "StatEventQueueTopicStatsNotification");
    Reply channelReply = conforms("POST", "/api/v2/notifications/channels", "/api/v2/notifications/channels", 200);
    const json::value channel = channelReply.json();
    Reply subscribed = apiWith(token, "PUT", "/api/v2/notifications/channels/" + std::string(channel.at("id").as_string()) + "/subscriptions",
                               json::serialize(json::array{json::object{{"id", topic}}}));
    ASSERT_EQ(subscribed.status, 200) << subscribed.body;
    WsClient ws(std::string(channel.at("connectUri").as_string()));
    std::vector<std::string> members;
    const json::value truth = state();
    for (const auto& agent : truth.at("agents").as_array())
        for (const auto& q : agent.at("queueIds").as_array())
            if (q.as_string() == queueId) members.emplace_back(agent.at("id").as_string());
    ASSERT_GE(members.size(), 2u);
    control({{"action", "startCall"}, {"userId", members[0]}, {"queueId", queueId}});
    control({{"action", "startCall"}, {"userId", members[1]}, {"queueId", queueId}, {"media", "chat"}});
    std::set<std::string> groups;  // mediaType, "" for the user group
    while (auto message = ws.receiveTopic(topic, std::chrono::milliseconds(2500))) {
        const json::value& body = message->at("eventBody");
        auto problems = topics2.checkModel("StatEventQueueTopicStatsNotification", body);
        EXPECT_TRUE(problems.empty()) << json::serialize(body) << "\n" << problemsText(problems);
        const json::value* media = body.at("group").as_object().if_contains("mediaType");
        groups.insert(media ? std::string(media->as_string()) : "");
    }
    for (const char* group : {"", "voice", "chat"}) EXPECT_TRUE(groups.count(group)) << "group " << group;
}

}  // namespace
}  // namespace gcsim_test
