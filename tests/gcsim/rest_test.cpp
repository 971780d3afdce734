// Directory and analytics endpoints: shapes, pagination, id/expand forms.
#include "test_client.h"

#include <ctime>
#include <set>

namespace gcsim_test {
namespace {

class RestTest : public SimFixture {
protected:
    void SetUp() override {
        gcsim::Options o;
        o.agents = 60;
        o.queues = 4;
        o.scenario = false;
        startSim(o);
    }
    std::vector<std::string> agentIds(size_t count) {
        std::vector<std::string> ids;
        const json::value snapshot = state();
        for (const auto& agent : snapshot.at("agents").as_array())
            if (agent.at("isAgent").as_bool() && ids.size() < count) ids.emplace_back(agent.at("id").as_string());
        return ids;
    }
};

TEST_F(RestTest, UsersPaginationWalksEveryUserOnce) {
    std::set<std::string> seen;
    int pages = 0;
    for (int page = 1;; ++page) {
        Reply reply = api("GET", "/api/v2/users?pageSize=25&pageNumber=" + std::to_string(page));
        ASSERT_EQ(reply.status, 200);
        json::value body = reply.json();
        EXPECT_EQ(body.at("pageSize").as_int64(), 25);
        EXPECT_EQ(body.at("pageNumber").as_int64(), page);
        EXPECT_EQ(body.at("total").as_int64(), 62);  // 60 agents + 2 supervisors
        EXPECT_EQ(body.at("pageCount").as_int64(), 3);
        EXPECT_TRUE(body.as_object().contains("firstUri"));
        EXPECT_TRUE(body.as_object().contains("lastUri"));
        EXPECT_TRUE(body.as_object().contains("selfUri"));
        for (const auto& user : body.at("entities").as_array()) seen.insert(std::string(user.at("id").as_string()));
        ++pages;
        if (!body.as_object().contains("nextUri")) break;
        EXPECT_NE(std::string(body.at("nextUri").as_string()).find("pageNumber=" + std::to_string(page + 1)), std::string::npos);
    }
    EXPECT_EQ(pages, 3);
    EXPECT_EQ(seen.size(), 62u);
}

TEST_F(RestTest, BadPageSizeIsA400) {
    Reply reply = api("GET", "/api/v2/users?pageSize=abc");
    EXPECT_EQ(reply.status, 400);
    EXPECT_EQ(reply.json().at("code").as_string(), "invalid.query.param.value");
}

TEST_F(RestTest, BulkUsersAcceptRepeatedAndCommaForms) {
    const auto ids = agentIds(3);
    Reply repeated = api("GET", "/api/v2/users?id=" + ids[0] + "&id=" + ids[1] + "&id=" + ids[2] +
                                    "&expand=presence&expand=routingStatus&expand=conversationSummary");
    Reply comma = api("GET", "/api/v2/users?id=" + ids[0] + "," + ids[1] + "," + ids[2] +
                                 "&expand=presence,routingStatus,conversationSummary");
    ASSERT_EQ(repeated.status, 200);
    ASSERT_EQ(comma.status, 200);
    for (const Reply* reply : {&repeated, &comma}) {
        json::value body = reply->json();
        ASSERT_EQ(body.at("entities").as_array().size(), 3u);
        for (const auto& user : body.at("entities").as_array()) {
            EXPECT_TRUE(user.as_object().contains("presence"));
            EXPECT_TRUE(user.at("presence").at("presenceDefinition").as_object().contains("systemPresence"));
            EXPECT_TRUE(user.at("routingStatus").as_object().contains("status"));
            EXPECT_TRUE(user.at("conversationSummary").at("call").at("contactCenter").as_object().contains("active"));
        }
    }
}

TEST_F(RestTest, BulkUserSummaryCountsALiveCall) {
    std::string agentId;
    firstAgentCall(&agentId);
    Reply reply = api("GET", "/api/v2/users?id=" + agentId + "&expand=conversationSummary,routingStatus");
    json::value user = reply.json().at("entities").at(0);
    EXPECT_EQ(user.at("conversationSummary").at("call").at("contactCenter").at("active").as_int64(), 1);
    EXPECT_EQ(user.at("routingStatus").at("status").as_string(), "INTERACTING");
}

TEST_F(RestTest, SupervisorHasDirectReportsAndAStation) {
    Reply reports = api("GET", std::string("/api/v2/users/") + gcsim::kSupervisorId + "/directreports");
    ASSERT_EQ(reports.status, 200);
    EXPECT_EQ(reports.json().as_array().size(), 12u);
    Reply station = api("GET", std::string("/api/v2/users/") + gcsim::kSupervisorId + "/station");
    ASSERT_EQ(station.status, 200);
    EXPECT_TRUE(station.json().as_object().contains("associatedStation"));
    control({{"action", "setStation"}, {"userId", gcsim::kSupervisorId}, {"present", false}});
    EXPECT_TRUE(api("GET", std::string("/api/v2/users/") + gcsim::kSupervisorId + "/station").json().as_object().empty());
}

TEST_F(RestTest, QueuesAndMembersWithExpand) {
    Reply queues = api("GET", "/api/v2/routing/queues?pageSize=100&pageNumber=1");
    ASSERT_EQ(queues.status, 200);
    auto entities = queues.json().at("entities").as_array();
    ASSERT_EQ(entities.size(), 4u);
    EXPECT_EQ(entities.at(0).at("name").as_string(), "Sales");
    const std::string queueId(entities.at(0).at("id").as_string());
    const int64_t memberCount = entities.at(0).at("memberCount").as_int64();
    Reply members = api("GET", "/api/v2/routing/queues/" + queueId + "/members?expand=presence,routingStatus&pageSize=100");
    ASSERT_EQ(members.status, 200);
    auto list = members.json().at("entities").as_array();
    EXPECT_EQ(static_cast<int64_t>(list.size()), memberCount);
    for (const auto& member : list) {
        EXPECT_TRUE(member.at("joined").as_bool());
        EXPECT_TRUE(member.at("user").as_object().contains("presence"));
        EXPECT_TRUE(member.at("routingStatus").as_object().contains("status"));
        EXPECT_EQ(member.at("id"), member.at("user").at("id"));
    }
    EXPECT_EQ(api("GET", "/api/v2/routing/queues/nope/members").status, 404);
}

TEST_F(RestTest, UserQueuesJoined) {
    const auto ids = agentIds(1);
    Reply reply = api("GET", "/api/v2/users/" + ids[0] + "/queues?joined=true");
    ASSERT_EQ(reply.status, 200);
    auto entities = reply.json().at("entities").as_array();
    EXPECT_GE(entities.size(), 1u);
    EXPECT_LE(entities.size(), 3u);
    for (const auto& queue : entities) EXPECT_TRUE(queue.at("joined").as_bool());
}

TEST_F(RestTest, PresenceDefinitionsCoverSystemPresences) {
    Reply reply = api("GET", "/api/v2/presence/definitions");
    ASSERT_EQ(reply.status, 200);
    std::set<std::string> presences;
    const json::value body = reply.json();
    for (const auto& definition : body.at("entities").as_array())
        presences.insert(std::string(definition.at("systemPresence").as_string()));
    for (const char* expected : {"Available", "Away", "Busy", "Offline", "Idle", "OnQueue", "Meal", "Training", "Meeting", "Break"})
        EXPECT_TRUE(presences.count(expected)) << expected;
}

// Swagger QueueObservationQueryResponse: user metrics in a group without mediaType, interaction
// metrics in one group per (queue, media type).
TEST_F(RestTest, QueueObservationsGroupPerMediaType) {
    std::string agentId;
    json::value call = firstAgentCall(&agentId);
    const std::string conversationId(call.at("conversationId").as_string());
    const std::string queueId(api("GET", "/api/v2/conversations/" + conversationId).json().at("participants").at(1).at("queueId").as_string());
    std::string chatAgent;
    const json::value truth = state();
    for (const auto& agent : truth.at("agents").as_array()) {
        const std::string id(agent.at("id").as_string());
        bool member = false;
        for (const auto& q : agent.at("queueIds").as_array()) member = member || q.as_string() == queueId;
        if (member && id != agentId && agent.at("isAgent").as_bool()) chatAgent = id;
    }
    ASSERT_FALSE(chatAgent.empty());
    control({{"action", "startCall"}, {"userId", chatAgent}, {"queueId", queueId}, {"media", "chat"}});
    json::value query{{"filter", {{"type", "or"}, {"predicates", json::array{{{"dimension", "queueId"}, {"value", queueId}}}}}},
                      {"metrics", json::array{"oWaiting", "oInteracting", "oOnQueueUsers", "oOffQueueUsers"}},
                      {"detailMetrics", json::array{"oInteracting"}}};
    Reply reply = api("POST", "/api/v2/analytics/queues/observations/query", json::serialize(query));
    ASSERT_EQ(reply.status, 200) << reply.body;
    std::map<std::string, json::object> groups;  // mediaType ("" = the user group) -> group
    for (const auto& result : reply.json().at("results").as_array()) {
        EXPECT_EQ(result.at("group").at("queueId").as_string(), queueId);
        const json::value* media = result.at("group").as_object().if_contains("mediaType");
        groups[media ? std::string(media->as_string()) : ""] = result.as_object();
    }
    for (const char* media : {"", "voice", "chat", "email", "message", "callback"}) EXPECT_TRUE(groups.count(media)) << media;
    auto metric = [&](const std::string& media, const std::string& name) -> json::object {
        for (const auto& data : groups[media].at("data").as_array())
            if (data.at("metric").as_string() == name) return data.as_object();
        return {};
    };
    EXPECT_EQ(metric("voice", "oInteracting").at("stats").at("count").as_int64(), 1);
    EXPECT_EQ(metric("voice", "oInteracting").at("observations").at(0).at("conversationId").as_string(), conversationId);
    EXPECT_EQ(metric("voice", "oInteracting").at("observations").at(0).at("userId").as_string(), agentId);
    EXPECT_EQ(metric("chat", "oInteracting").at("stats").at("count").as_int64(), 1);
    EXPECT_EQ(metric("email", "oInteracting").at("stats").at("count").as_int64(), 0);
    EXPECT_TRUE(metric("voice", "oOnQueueUsers").empty());  // user metrics only in the group without media type
    int interacting = 0;
    for (const auto& data : groups[""].at("data").as_array()) {
        EXPECT_NE(data.at("metric").as_string(), "oWaiting");
        if (data.at("metric").as_string() == "oOnQueueUsers" && data.at("qualifier").as_string() == "INTERACTING")
            interacting = static_cast<int>(data.at("stats").at("count").as_int64());
    }
    EXPECT_EQ(interacting, 2);
}

std::string isoUtc(int64_t epochMs) {
    const std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S.000Z", &utc);
    return text;
}

int64_t localMidnight(int64_t epochMs) {
    const std::time_t seconds = static_cast<std::time_t>(epochMs / 1000);
    std::tm local{};
    localtime_r(&seconds, &local);
    local.tm_hour = local.tm_min = local.tm_sec = 0;
    local.tm_isdst = -1;
    return static_cast<int64_t>(std::mktime(&local)) * 1000;
}

// Today's service level three ways: the aggregates query (midnight to now in 30-minute
// buckets, earlier intervals included), /_sim/state, and each queue's own target.
TEST_F(RestTest, AggregatesAddUpToTodaysServiceLevelInTheTruth) {
    const json::value before = state();
    const std::string queueId(before.at("queues").at(1).at("id").as_string());
    const std::string agent(before.at("queues").at(1).at("memberIds").at(0).as_string());
    control({{"action", "startCall"}, {"userId", agent}, {"queueId", queueId}});  // answered at once: within target
    const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count() + 1000;
    const int64_t midnight = localMidnight(now);
    json::value query{{"interval", isoUtc(midnight) + "/" + isoUtc(now)},
                      {"granularity", "PT30M"},
                      {"groupBy", json::array{"queueId", "mediaType"}},
                      {"filter", {{"type", "or"}, {"predicates", json::array{{{"dimension", "queueId"}, {"value", queueId}}}}}},
                      {"metrics", json::array{"nOffered", "tAnswered", "tAbandon", "oServiceLevel"}}};
    Reply reply = api("POST", "/api/v2/analytics/conversations/aggregates/query", json::serialize(query));
    ASSERT_EQ(reply.status, 200) << reply.body;
    double numerator = 0, denominator = 0;
    std::set<std::string> media;
    for (const auto& result : reply.json().at("results").as_array()) {
        EXPECT_EQ(result.at("group").at("queueId").as_string(), queueId);
        media.insert(std::string(result.at("group").at("mediaType").as_string()));
        for (const auto& bucket : result.at("data").as_array())
            for (const auto& metric : bucket.at("metrics").as_array())
                if (metric.at("metric").as_string() == "oServiceLevel") {
                    numerator += metric.at("stats").at("numerator").to_number<double>();
                    denominator += metric.at("stats").at("denominator").to_number<double>();
                    EXPECT_EQ(metric.at("stats").at("target").to_number<double>(), 0.9) << "queue 1's configured target";
                }
    }
    EXPECT_TRUE(media.count("voice"));
    const json::value truth = state();
    const json::object& q = truth.at("queues").at(1).as_object();
    ASSERT_GT(denominator, 0);
    EXPECT_DOUBLE_EQ(q.at("serviceLevel").to_number<double>(), numerator / denominator);
    EXPECT_EQ(q.at("byMedia").at("voice").at("serviceLevelTarget").to_number<double>(), 0.9);
    EXPECT_GE(q.at("byMedia").at("voice").at("answeredToday").to_number<int64_t>(), 1);

    json::value badGranularity = query;
    badGranularity.as_object()["granularity"] = "PT7M";
    EXPECT_EQ(api("POST", "/api/v2/analytics/conversations/aggregates/query", json::serialize(badGranularity)).status, 400);
}

// /_sim/control queueCall: a customer waits until a member is free; /_sim/state shows it per media type.
TEST_F(RestTest, QueueCallWaitsUntilAMemberIsFree) {
    const json::value before = state();
    const json::object& queue = before.at("queues").at(0).as_object();
    const std::string queueId(queue.at("id").as_string());
    for (const auto& member : queue.at("memberIds").as_array())
        control({{"action", "setPresence"}, {"userId", member}, {"presence", "Break"}});
    const std::string waiting(control({{"action", "queueCall"}, {"queueId", queueId}, {"media", "chat"}}).at("conversationId").as_string());
    auto chatFigures = [&] {
        const json::value truth = state();
        for (const auto& q : truth.at("queues").as_array())
            if (q.at("id").as_string() == queueId) return json::object(q.at("byMedia").at("chat").as_object());
        return json::object{};
    };
    EXPECT_EQ(chatFigures().at("waiting").as_int64(), 1);
    EXPECT_EQ(chatFigures().at("offered").as_int64(), 1);
    json::value query{{"filter", {{"type", "or"}, {"predicates", json::array{{{"dimension", "queueId"}, {"value", queueId}},
                                                                           {{"dimension", "mediaType"}, {"value", "chat"}}}}}},
                      {"metrics", json::array{"oWaiting"}},
                      {"detailMetrics", json::array{"oWaiting"}}};
    const json::value answer = api("POST", "/api/v2/analytics/queues/observations/query", json::serialize(query)).json();
    ASSERT_EQ(answer.at("results").as_array().size(), 1u) << "only the chat group";
    EXPECT_EQ(answer.at("results").at(0).at("data").at(0).at("observations").at(0).at("conversationId").as_string(), waiting);

    control({{"action", "setPresence"}, {"userId", queue.at("memberIds").at(0)}, {"presence", "OnQueue"}});
    EXPECT_EQ(chatFigures().at("waiting").as_int64(), 0);
    EXPECT_EQ(chatFigures().at("alerting").as_int64(), 1);
}

TEST_F(RestTest, ConversationActivityGroupsByUser) {
    std::string agentId;
    json::value call = firstAgentCall(&agentId);
    json::value query{{"metrics", json::array{{{"metric", "oInteracting"}, {"details", true}}}},
                      {"groupBy", json::array{"userId"}},
                      {"filter", {{"type", "or"}, {"predicates", json::array{{{"dimension", "userId"}, {"value", agentId}}}}}}};
    Reply reply = api("POST", "/api/v2/analytics/conversations/activity/query", json::serialize(query));
    ASSERT_EQ(reply.status, 200) << reply.body;
    json::value result = reply.json().at("results").at(0);
    EXPECT_EQ(result.at("group").at("userId").as_string(), agentId);
    EXPECT_EQ(result.at("data").at(0).at("count").as_int64(), 1);
    EXPECT_EQ(result.at("entities").at(0).at("conversationId"), call.at("conversationId"));
}

TEST_F(RestTest, ConversationAndCallViews) {
    json::value call = firstAgentCall();
    const std::string id(call.at("conversationId").as_string());
    Reply conversation = api("GET", "/api/v2/conversations/" + id);
    ASSERT_EQ(conversation.status, 200);
    bool agentConnected = false;
    const json::value body = conversation.json();
    for (const auto& participant : body.at("participants").as_array())
        if (participant.at("purpose").as_string() == "agent")
            agentConnected = participant.at("calls").at(0).at("state").as_string() == "connected";
    EXPECT_TRUE(agentConnected);
    EXPECT_FALSE(conversation.json().as_object().contains("endTime"));
    Reply callView = api("GET", "/api/v2/conversations/calls/" + id);
    ASSERT_EQ(callView.status, 200);
    EXPECT_EQ(callView.json().at("participants").as_array().size(), 3u);
    control({{"action", "endConversation"}, {"conversationId", id}});
    EXPECT_TRUE(api("GET", "/api/v2/conversations/" + id).json().as_object().contains("endTime"));
    EXPECT_EQ(api("GET", "/api/v2/conversations/unknown-id").status, 404);
}

TEST_F(RestTest, LimitsNamespace) {
    Reply reply = api("GET", "/api/v2/organizations/limits/namespaces/platform.api");
    ASSERT_EQ(reply.status, 200);
    EXPECT_EQ(reply.json().at("entities").at(0).at("namespace").as_string(), "platform.api");
}

TEST_F(RestTest, SameSeedSameOrg) {
    gcsim::Options o;
    o.agents = 60;
    o.queues = 4;
    o.scenario = false;
    gcsim::Simulator twin(o);
    twin.start();
    HttpClient twinHttp(twin.baseUrl());
    json::value a = state(), b = twinHttp.request("GET", "/_sim/state").json();
    for (size_t i = 0; i < 60; ++i) {
        EXPECT_EQ(a.at("agents").at(i).at("id"), b.at("agents").at(i).at("id"));
        EXPECT_EQ(a.at("agents").at(i).at("name"), b.at("agents").at(i).at("name"));
        EXPECT_EQ(a.at("agents").at(i).at("queueIds"), b.at("agents").at(i).at("queueIds"));
    }
    twin.stop();
}

}  // namespace
}  // namespace gcsim_test
