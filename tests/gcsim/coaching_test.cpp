// Coaching appointments: validation, size limits, conflicts, state machine, links.
#include "test_client.h"

namespace gcsim_test {
namespace {

class CoachingTest : public SimFixture {
protected:
    void SetUp() override {
        gcsim::Options o;
        o.agents = 20;
        o.scenario = false;
        startSim(o);
        json::value snapshot = state();
        agentId = std::string(snapshot.at("agents").at(0).at("id").as_string());
        otherAgentId = std::string(snapshot.at("agents").at(1).at("id").as_string());
    }
    json::object appointment(const std::string& start = "2030-01-15T10:00:00.000Z", const std::string& attendee = "") {
        return {{"name", "Call review"},
                {"description", "Review of a recent interaction"},
                {"dateStart", start},
                {"lengthInMinutes", 30},
                {"attendeeIds", json::array{json::string(attendee.empty() ? agentId : attendee)}},
                {"facilitatorId", gcsim::kSupervisorId},
                {"externalLinks", json::array{"supervisor-panel://session/abc?initiatedAt=2030-01-01T00:00:00Z"}}};
    }
    Reply create(const json::object& body) { return api("POST", "/api/v2/coaching/appointments", json::serialize(body)); }
    std::string createdId(const json::object& body) {
        Reply reply = create(body);
        EXPECT_EQ(reply.status, 201) << reply.body;
        return std::string(reply.json().at("id").as_string());
    }
    void expectError(const Reply& reply, int status, const std::string& code) {
        EXPECT_EQ(reply.status, status) << reply.body;
        EXPECT_EQ(reply.json().at("code").as_string(), code) << reply.body;
    }
    std::string agentId, otherAgentId;
};

TEST_F(CoachingTest, CreateReturnsScheduledAppointment) {
    Reply reply = create(appointment());
    ASSERT_EQ(reply.status, 201) << reply.body;
    json::value body = reply.json();
    EXPECT_EQ(body.at("status").as_string(), "Scheduled");
    EXPECT_EQ(body.at("lengthInMinutes").as_int64(), 30);
    EXPECT_EQ(body.at("facilitator").at("id").as_string(), gcsim::kSupervisorId);
    EXPECT_EQ(body.at("attendees").at(0).at("id").as_string(), agentId);
    EXPECT_EQ(body.at("createdBy").at("id").as_string(), gcsim::kSupervisorId);
    EXPECT_EQ(body.at("externalLinks").at(0).as_string(), "supervisor-panel://session/abc?initiatedAt=2030-01-01T00:00:00Z");
    EXPECT_EQ(body.at("dateStart").as_string(), "2030-01-15T10:00:00.000Z");
}

TEST_F(CoachingTest, EveryRequiredFieldIsChecked) {
    for (const char* field : {"name", "description", "dateStart", "lengthInMinutes", "attendeeIds"}) {
        json::object body = appointment();
        body.erase(field);
        expectError(create(body), 400, "validation.error");
    }
    json::object empty = appointment();
    empty["attendeeIds"] = json::array{};
    expectError(create(empty), 400, "validation.error");
}

TEST_F(CoachingTest, StatusOnCreateIsRejected) {
    json::object body = appointment();
    body["status"] = "Completed";
    expectError(create(body), 400, "validation.error");
}

TEST_F(CoachingTest, BadDateIsInvalidDate) {
    expectError(create(appointment("next tuesday")), 400, "invalid.date");
}

TEST_F(CoachingTest, OversizeBodyIs413AndLongLinkIs400) {
    json::object big = appointment();
    big["description"] = std::string(70 * 1024, 'x');
    expectError(create(big), 413, "request.entity.too.large");
    json::object longLink = appointment();
    longLink["externalLinks"] = json::array{json::string(std::string(1500, 'l'))};
    expectError(create(longLink), 400, "validation.error");
}

TEST_F(CoachingTest, OverlapForTheSameAttendeeIsAConflict) {
    createdId(appointment("2030-01-15T10:00:00.000Z"));
    expectError(create(appointment("2030-01-15T10:15:00.000Z")), 409, "appointment.conflict");
    EXPECT_EQ(create(appointment("2030-01-15T10:15:00.000Z", otherAgentId)).status, 409);  // the facilitator clashes too
    json::object noFacilitator = appointment("2030-01-15T10:15:00.000Z", otherAgentId);
    noFacilitator.erase("facilitatorId");
    EXPECT_EQ(create(noFacilitator).status, 201);
    EXPECT_EQ(create(appointment("2030-01-15T10:30:00.000Z")).status, 201);  // back to back is fine
}

TEST_F(CoachingTest, StatusStateMachine) {
    const std::string id = createdId(appointment());
    const std::string statusPath = "/api/v2/coaching/appointments/" + id + "/status";
    expectError(api("PATCH", statusPath, R"({"status":"Scheduled"})"), 409, "appointment.state.conflict");
    Reply started = api("PATCH", statusPath, R"({"status":"InProgress"})");
    ASSERT_EQ(started.status, 200) << started.body;
    EXPECT_EQ(started.json().at("status").as_string(), "InProgress");
    expectError(api("PATCH", statusPath, R"({"status":"Scheduled"})"), 409, "appointment.state.conflict");
    EXPECT_EQ(api("PATCH", statusPath, R"({"status":"Completed"})").status, 200);
    expectError(api("PATCH", statusPath, R"({"status":"InProgress"})"), 409, "appointment.state.conflict");
    expectError(api("PATCH", statusPath, R"({"status":"Bogus"})"), 400, "validation.failure");
    Reply fetched = api("GET", "/api/v2/coaching/appointments/" + id);
    EXPECT_EQ(fetched.json().at("status").as_string(), "Completed");
    EXPECT_TRUE(fetched.json().as_object().contains("dateCompleted"));
    expectError(api("PATCH", "/api/v2/coaching/appointments/" + id, R"({"name":"renamed"})"), 409, "appointment.state.conflict");
}

TEST_F(CoachingTest, ScheduledCanCompleteDirectly) {
    const std::string id = createdId(appointment());
    EXPECT_EQ(api("PATCH", "/api/v2/coaching/appointments/" + id + "/status", R"({"status":"Completed"})").status, 200);
}

TEST_F(CoachingTest, ListNeedsUserIdsAndFilters) {
    createdId(appointment("2030-01-15T10:00:00.000Z"));
    const std::string second = createdId(appointment("2030-01-16T10:00:00.000Z"));
    api("PATCH", "/api/v2/coaching/appointments/" + second + "/status", R"({"status":"InProgress"})");
    expectError(api("GET", "/api/v2/coaching/appointments"), 400, "users.query.param");
    Reply all = api("GET", "/api/v2/coaching/appointments?userIds=" + agentId);
    ASSERT_EQ(all.status, 200);
    EXPECT_EQ(all.json().at("total").as_int64(), 2);
    Reply inProgress = api("GET", "/api/v2/coaching/appointments?userIds=" + agentId + "&statuses=InProgress");
    EXPECT_EQ(inProgress.json().at("entities").as_array().size(), 1u);
    Reply window = api("GET", "/api/v2/coaching/appointments?userIds=" + agentId +
                                  "&interval=2030-01-15T00:00:00.000Z/2030-01-15T23:59:59.000Z");
    EXPECT_EQ(window.json().at("entities").as_array().size(), 1u);
    expectError(api("GET", "/api/v2/coaching/appointments?userIds=" + agentId +
                               "&interval=2030-01-16T00:00:00.000Z/2030-01-15T00:00:00.000Z"),
                400, "interval.query.param");
    Reply supervisorView = api("GET", std::string("/api/v2/coaching/appointments?userIds=") + gcsim::kSupervisorId);
    EXPECT_EQ(supervisorView.json().at("total").as_int64(), 2);
    Reply mine = api("GET", "/api/v2/coaching/appointments/me?statuses=Scheduled");
    ASSERT_EQ(mine.status, 200);
    EXPECT_EQ(mine.json().at("total").as_int64(), 1);
}

TEST_F(CoachingTest, PatchDeleteConversationsAndAnnotations) {
    json::value call = firstAgentCall();
    const std::string conversationId(call.at("conversationId").as_string());
    json::object body = appointment();
    body["conversationIds"] = json::array{json::string(conversationId)};
    const std::string id = createdId(body);
    const std::string base = "/api/v2/coaching/appointments/" + id;
    Reply patched = api("PATCH", base, R"({"lengthInMinutes":45,"location":"Room 2"})");
    ASSERT_EQ(patched.status, 200) << patched.body;
    EXPECT_EQ(patched.json().at("lengthInMinutes").as_int64(), 45);
    EXPECT_EQ(patched.json().at("conversations").at(0).at("id").as_string(), conversationId);
    Reply link = api("POST", base + "/conversations", json::serialize(json::object{{"conversationId", conversationId}}));
    EXPECT_EQ(link.status, 200) << link.body;
    EXPECT_EQ(link.json().at("appointment").at("id").as_string(), id);
    Reply note = api("POST", base + "/annotations", R"({"text":"Good empathy","accessType":"Private"})");
    EXPECT_EQ(note.status, 201) << note.body;
    expectError(api("POST", base + "/annotations", R"({"text":""})"), 400, "validation.failure");
    EXPECT_EQ(api("DELETE", base).status, 204);
    expectError(api("GET", base), 404, "appointment.not.found");
}

TEST_F(CoachingTest, ZombieFaultEndsTheLinkedConversation) {
    json::value call = firstAgentCall();
    const std::string conversationId(call.at("conversationId").as_string());
    control({{"fault", "zombie"}});
    json::object body = appointment();
    body["conversationIds"] = json::array{json::string(conversationId)};
    EXPECT_EQ(create(body).status, 201);  // post-call coaching of an ended interaction is legitimate
    EXPECT_TRUE(api("GET", "/api/v2/conversations/" + conversationId).json().as_object().contains("endTime"));
}

}  // namespace
}  // namespace gcsim_test
