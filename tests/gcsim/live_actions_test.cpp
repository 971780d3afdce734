// Monitor / coach / barge on a live call, and every refusal.
#include "test_client.h"

namespace gcsim_test {
namespace {

class LiveActionTest : public SimFixture {
protected:
    void SetUp() override {
        gcsim::Options o;
        o.agents = 20;
        o.scenario = false;
        startSim(o);
        call = firstAgentCall(&agentId);
        conversationId = std::string(call.at("conversationId").as_string());
        participantId = std::string(call.at("participantId").as_string());
    }
    std::string path(const std::string& mode) {
        return "/api/v2/conversations/calls/" + conversationId + "/participants/" + participantId + "/" + mode;
    }
    void expectError(const Reply& reply, int status, const std::string& code) {
        EXPECT_EQ(reply.status, status) << reply.body;
        EXPECT_EQ(reply.json().at("code").as_string(), code) << reply.body;
        EXPECT_FALSE(reply.json().at("message").as_string().empty());
    }
    json::array participants() {  // a copy: the reply's JSON is a temporary
        return api("GET", "/api/v2/conversations/" + conversationId).json().at("participants").as_array();
    }
    json::value call;
    std::string agentId, conversationId, participantId;
};

TEST_F(LiveActionTest, MonitorAddsSupervisorParticipant) {
    Reply reply = api("POST", path("monitor"));
    ASSERT_EQ(reply.status, 201) << reply.body;
    EXPECT_TRUE(reply.body.empty());
    bool found = false;
    for (const auto& participant : participants()) {
        if (participant.as_object().contains("monitoredParticipantId")) {
            found = true;
            EXPECT_EQ(participant.at("monitoredParticipantId").as_string(), participantId);
            EXPECT_EQ(participant.at("userId").as_string(), gcsim::kSupervisorId);
        }
    }
    EXPECT_TRUE(found);
}

TEST_F(LiveActionTest, CoachThenBargeSwitchesTheSameParticipant) {
    ASSERT_EQ(api("POST", path("coach")).status, 201);
    ASSERT_EQ(api("POST", path("barge")).status, 201);
    int supervisors = 0;
    for (const auto& participant : participants()) {
        if (participant.as_object().contains("userId") && participant.at("userId").as_string() == gcsim::kSupervisorId) {
            ++supervisors;
            EXPECT_EQ(participant.at("bargedParticipantId").as_string(), participantId);
            EXPECT_FALSE(participant.as_object().contains("coachedParticipantId"));
        }
    }
    EXPECT_EQ(supervisors, 1);
}

TEST_F(LiveActionTest, NoStationIsRefused) {
    control({{"action", "setStation"}, {"userId", gcsim::kSupervisorId}, {"present", false}});
    expectError(api("POST", path("monitor")), 400, "conversation.error.no.user.station");
}

TEST_F(LiveActionTest, ClientCredentialsAreNotAUser) {
    expectError(apiWith(clientCredentialsToken(), "POST", path("monitor")), 400, "not.a.user");
}

TEST_F(LiveActionTest, EndedConversationIsRefused) {
    control({{"action", "endConversation"}, {"conversationId", conversationId}});
    expectError(api("POST", path("monitor")), 400, "conversation.error.participant.no.active.conversations");
}

TEST_F(LiveActionTest, OwnConversationIsRefused) {
    // The agent on the call tries to monitor their own participant (via /_sim/control "join").
    Reply own = http->request("POST", "/_sim/control",
                              json::serialize(json::value{{"action", "join"}, {"userId", agentId}, {"mode", "monitor"},
                                                          {"conversationId", conversationId}, {"participantId", participantId}}));
    expectError(own, 400, "conversation.error.monitor.own.conversation");
}

TEST_F(LiveActionTest, TooManyMonitors) {
    control({{"action", "join"}, {"userId", gcsim::kSecondSupervisorId}, {"mode", "monitor"},
             {"conversationId", conversationId}, {"participantId", participantId}});
    json::value snapshot = state();
    const std::string thirdUser(snapshot.at("agents").at(5).at("id").as_string());
    control({{"action", "join"}, {"userId", thirdUser}, {"mode", "monitor"}, {"conversationId", conversationId},
             {"participantId", participantId}});
    expectError(api("POST", path("monitor")), 400, "too.many.monitors");
}

TEST_F(LiveActionTest, SecondCoachAndSecondBargeAreRefused) {
    control({{"action", "join"}, {"userId", gcsim::kSecondSupervisorId}, {"mode", "coach"},
             {"conversationId", conversationId}, {"participantId", participantId}});
    expectError(api("POST", path("coach")), 400, "conversation.error.multiple.coaches");
    control({{"action", "join"}, {"userId", gcsim::kSecondSupervisorId}, {"mode", "barge"},
             {"conversationId", conversationId}, {"participantId", participantId}});
    expectError(api("POST", path("barge")), 400, "conversation.error.multiple.barges");
}

TEST_F(LiveActionTest, UnknownConversationOrParticipantIs404) {
    EXPECT_EQ(api("POST", "/api/v2/conversations/calls/nope/participants/" + participantId + "/monitor").status, 404);
    EXPECT_EQ(api("POST", "/api/v2/conversations/calls/" + conversationId + "/participants/nope/monitor").status, 404);
}

TEST_F(LiveActionTest, ZombieFaultEndsTheCallWhenTheActionArrives) {
    ASSERT_EQ(api("GET", "/api/v2/conversations/" + conversationId).status, 200);  // the pre-flight sees it live
    EXPECT_FALSE(api("GET", "/api/v2/conversations/" + conversationId).json().as_object().contains("endTime"));
    control({{"fault", "zombie"}});
    expectError(api("POST", path("barge")), 400, "conversation.error.participant.no.active.conversations");
    EXPECT_TRUE(api("GET", "/api/v2/conversations/" + conversationId).json().as_object().contains("endTime"));
}

TEST_F(LiveActionTest, MessageMonitorOnlyForMessages) {
    json::value message = control({{"action", "startCall"}, {"userId", agentId}, {"media", "message"}});
    const std::string id(message.at("conversationId").as_string());
    const std::string pid(message.at("participantId").as_string());
    EXPECT_EQ(api("POST", "/api/v2/conversations/messages/" + id + "/participants/" + pid + "/monitor").status, 201);
    control({{"action", "join"}, {"userId", gcsim::kSecondSupervisorId}, {"mode", "monitor"}, {"conversationId", conversationId},
             {"participantId", participantId}});
    Reply second = http->request("POST", "/_sim/control",
                                 json::serialize(json::value{{"action", "join"}, {"userId", gcsim::kSecondSupervisorId},
                                                             {"mode", "monitor"}, {"conversationId", id}, {"participantId", pid}}));
    EXPECT_EQ(second.status, 400);  // calls path on a message conversation
}

}  // namespace
}  // namespace gcsim_test
