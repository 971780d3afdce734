// Issue 14: a supervisor changing agents — routing status, presence (secondary statuses),
// queue membership, log out — with their bodies checked against the swagger, their events
// against the SDK models, the permission refusals, and /_sim/state as ground truth.
#include "contract_fixture.h"

#include <algorithm>
#include <map>

namespace gcsim_test {
namespace {

class AgentActionsTest : public ContractFixture {
protected:
    void start(const std::string& deny = "") {
        gcsim::Options o;
        o.agents = 20;
        o.queues = 3;
        o.scenario = false;
        o.denyPermission = deny;
        startSim(o);
        const json::value snapshot = state();
        const json::object& agent = snapshot.at("agents").at(0).as_object();
        agentId = std::string(agent.at("id").as_string());
        queueId = std::string(agent.at("queueIds").at(0).as_string());
    }
    json::object agentTruth(const std::string& id) {
        const json::value snapshot = state();
        for (const auto& a : snapshot.at("agents").as_array())
            if (a.at("id").as_string() == id) return a.as_object();
        ADD_FAILURE() << "no agent " << id;
        return {};
    }
    std::string definitionId(const std::string& label) {
        Reply defs = api("GET", "/api/v2/presence/definitions");
        for (const auto& d : defs.json().at("entities").as_array())
            if (d.at("name").as_string() == label) return std::string(d.at("id").as_string());
        ADD_FAILURE() << "no presence " << label;
        return {};
    }
    std::string memberPath() const { return "/api/v2/routing/queues/" + queueId + "/members/" + agentId; }
    std::string agentId, queueId;
};

TEST_F(AgentActionsTest, OffQueueLeavesTheAgentAvailableAndOnlyOffQueueIsAccepted) {
    start();
    control({{"action", "setPresence"}, {"userId", agentId}, {"presence", "OnQueue"}});
    const std::string path = "/api/v2/users/" + agentId + "/routingstatus";
    Reply reply = conforms("PUT", path, "/api/v2/users/{userId}/routingstatus", 200, R"({"status":"OFF_QUEUE"})");
    EXPECT_EQ(reply.json().at("status").as_string(), "OFF_QUEUE");
    const json::object truth = agentTruth(agentId);
    EXPECT_EQ(truth.at("routingStatus").as_string(), "OFF_QUEUE");
    EXPECT_EQ(truth.at("presence").as_string(), "Available");
    EXPECT_EQ(api("PUT", path, R"({"status":"IDLE"})").status, 400);
    EXPECT_EQ(api("PUT", "/api/v2/users/nobody/routingstatus", R"({"status":"OFF_QUEUE"})").status, 404);
}

TEST_F(AgentActionsTest, PresenceCanBeASecondaryStatusAndOnQueueRoutes) {
    start();
    const std::string path = "/api/v2/users/" + agentId + "/presences/purecloud";
    const std::string coffee = definitionId("Coffee break");
    Reply reply = conforms("PATCH", path, "/api/v2/users/{userId}/presences/purecloud", 200,
                           json::serialize(json::object{{"presenceDefinition", {{"id", coffee}}}}));
    EXPECT_EQ(reply.json().at("presenceDefinition").at("id").as_string(), coffee);
    json::object truth = agentTruth(agentId);
    EXPECT_EQ(truth.at("presence").as_string(), "Break");
    EXPECT_EQ(truth.at("presenceDefinitionId").as_string(), coffee);
    EXPECT_EQ(api("GET", path).json().at("presenceDefinition").at("id").as_string(), coffee);

    api("PATCH", path, json::serialize(json::object{{"presenceDefinition", {{"id", definitionId("On Queue")}}}}));
    truth = agentTruth(agentId);
    EXPECT_EQ(truth.at("presence").as_string(), "OnQueue");
    EXPECT_EQ(truth.at("routingStatus").as_string(), "IDLE");
    EXPECT_EQ(api("PATCH", path, R"({"presenceDefinition":{"id":"nope"}})").status, 400);
    EXPECT_EQ(api("PATCH", path, R"({"message":"x"})").status, 400);
}

TEST_F(AgentActionsTest, DeactivatedMembershipIsListedAsNotJoinedAndRoutesNothing) {
    start();
    control({{"action", "setPresence"}, {"userId", agentId}, {"presence", "OnQueue"}});
    Reply accepted = conforms("PATCH", memberPath(), "/api/v2/routing/queues/{queueId}/members/{memberId}", 202,
                              R"({"joined":false})");
    EXPECT_TRUE(accepted.body.empty());
    json::array joined = agentTruth(agentId).at("joinedQueueIds").as_array();
    EXPECT_EQ(std::find(joined.begin(), joined.end(), json::value(queueId)), joined.end());
    Reply queues = conforms("GET", "/api/v2/users/" + agentId + "/queues", "/api/v2/users/{userId}/queues", 200);
    bool listed = false;
    for (const auto& q : queues.json().at("entities").as_array())
        if (q.at("id").as_string() == queueId) {
            listed = true;
            EXPECT_FALSE(q.at("joined").as_bool());
        }
    EXPECT_TRUE(listed);
    // Nothing from that queue reaches the agent while the membership is inactive.
    const json::value call = control({{"action", "queueCall"}, {"queueId", queueId}});
    EXPECT_TRUE(agentTruth(agentId).at("conversationIds").as_array().empty());
    EXPECT_EQ(api("PATCH", memberPath(), R"({"joined":true})").status, 202);
    joined = agentTruth(agentId).at("joinedQueueIds").as_array();
    EXPECT_NE(std::find(joined.begin(), joined.end(), json::value(queueId)), joined.end());
    EXPECT_EQ(api("PATCH", memberPath(), R"({"ringNumber":2})").status, 400);
    EXPECT_EQ(api("PATCH", "/api/v2/routing/queues/" + queueId + "/members/nobody", R"({"joined":false})").status, 404);
}

TEST_F(AgentActionsTest, LogOutRevokesTheAgentsTokensAndTakesThemOffline) {
    start();
    // The agent signs in as themselves (login_hint), then the supervisor logs them out.
    const std::string verifier = "agent-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    const std::string redirect = "http://127.0.0.1:5555/callback";
    Reply authorize = http->request("GET", "/oauth/authorize?response_type=code&client_id=agent-app&redirect_uri=" + redirect +
                                               "&code_challenge=" + pkceChallenge(verifier) +
                                               "&code_challenge_method=S256&state=s&login_hint=" + agentId);
    Reply exchange = http->request("POST", "/oauth/token",
                                   "grant_type=authorization_code&client_id=agent-app&code=" +
                                       queryParam(authorize.header("location"), "code") + "&code_verifier=" + verifier +
                                       "&redirect_uri=" + redirect,
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_EQ(exchange.status, 200) << exchange.body;
    const std::string agentToken(exchange.json().at("access_token").as_string());
    EXPECT_EQ(apiWith(agentToken, "GET", "/api/v2/users/me").status, 200);
    EXPECT_EQ(agentTruth(agentId).at("activeTokens").as_int64(), 1);
    Reply deleted = api("DELETE", "/api/v2/tokens/" + agentId);
    EXPECT_EQ(deleted.status, 204) << deleted.body;
    EXPECT_EQ(apiWith(agentToken, "GET", "/api/v2/users/me").status, 401);
    const json::object truth = agentTruth(agentId);
    EXPECT_EQ(truth.at("activeTokens").as_int64(), 0);
    EXPECT_EQ(truth.at("presence").as_string(), "Offline");
    EXPECT_EQ(truth.at("routingStatus").as_string(), "OFF_QUEUE");
    EXPECT_EQ(api("GET", "/api/v2/users/me").status, 200);  // the supervisor's own token is untouched
}

TEST_F(AgentActionsTest, ADeniedPermissionIsNamedInThe403) {
    start("oauth:token:delete");
    Reply refused = conforms("DELETE", "/api/v2/tokens/" + agentId, "/api/v2/tokens/{userId}", 403);
    EXPECT_EQ(refused.json().at("code").as_string(), "missing.permissions");
    EXPECT_NE(std::string(refused.json().at("message").as_string()).find("oauth:token:delete"), std::string::npos);
    EXPECT_EQ(api("PATCH", memberPath(), R"({"joined":false})").status, 202);  // only the one denied
}

TEST_F(AgentActionsTest, MembershipNeedsQueueMemberManage) {
    start("routing:queueMember:manage");
    Reply refused = conforms("PATCH", memberPath(), "/api/v2/routing/queues/{queueId}/members/{memberId}", 403,
                             R"({"joined":false})");
    EXPECT_NE(std::string(refused.json().at("message").as_string()).find("routing:queueMember:manage"), std::string::npos);
    EXPECT_EQ(agentTruth(agentId).at("joinedQueueIds").as_array().size(),
              agentTruth(agentId).at("queueIds").as_array().size());
}

TEST_F(AgentActionsTest, TheAgentsTopicsCarryEachChange) {
    start();
    const std::string channelJson = api("POST", "/api/v2/notifications/channels").body;
    const json::value channel = json::parse(channelJson);
    const std::string channelId(channel.at("id").as_string());
    json::array topics;
    for (const char* part : {".presence", ".routingStatus", ".activity"})
        topics.push_back(json::object{{"id", "v2.users." + agentId + part}});
    ASSERT_EQ(api("PUT", "/api/v2/notifications/channels/" + channelId + "/subscriptions", json::serialize(topics)).status, 200);
    control({{"action", "setPresence"}, {"userId", agentId}, {"presence", "OnQueue"}});
    WsClient ws(std::string(channel.at("connectUri").as_string()));
    ws.send(R"({"message":"ping"})");  // the pong proves the socket is attached before the changes
    ASSERT_TRUE(ws.receive());
    api("PUT", "/api/v2/users/" + agentId + "/routingstatus", R"({"status":"OFF_QUEUE"})");
    api("PATCH", "/api/v2/users/" + agentId + "/presences/purecloud",
        json::serialize(json::object{{"presenceDefinition", {{"id", definitionId("Team huddle")}}}}));
    api("PATCH", memberPath(), R"({"joined":false})");
    std::map<std::string, int> seen;
    std::string lastPresence;
    while (auto text = ws.receive(std::chrono::milliseconds(1500))) {
        const json::value message = json::parse(*text);
        const std::string topic(message.at("topicName").as_string());
        if (topic == "channel.metadata") continue;
        const std::string model = events->modelForTopic(topic);
        ASSERT_FALSE(model.empty()) << topic;
        auto problems = events->checkModel(model, message.at("eventBody"));
        EXPECT_TRUE(problems.empty()) << topic << "\n" << problemsText(problems);
        seen[topic.substr(topic.rfind('.') + 1)]++;
        if (topic.ends_with(".activity")) {
            const json::array active = message.at("eventBody").at("activeQueueIds").as_array();
            EXPECT_EQ(std::find(active.begin(), active.end(), json::value(queueId)), active.end());
        }
        if (topic.ends_with(".presence"))
            lastPresence = std::string(message.at("eventBody").at("presenceDefinition").at("id").as_string());
    }
    EXPECT_EQ(lastPresence, definitionId("Team huddle"));
    EXPECT_EQ(seen["presence"], 2);       // Available (off queue), Team huddle
    EXPECT_EQ(seen["routingStatus"], 1);  // OFF_QUEUE
    // The activity topic is sent whole on each change of its parts, the membership included.
    EXPECT_EQ(seen["activity"], seen["presence"] + seen["routingStatus"] + 1);
}

}  // namespace
}  // namespace gcsim_test
